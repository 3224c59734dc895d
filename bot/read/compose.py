"""Composing the answer from scored candidate quotes, in tiers: a direct answer when the reader is confident and the
quote gives the kind of fact asked for (bot.read.direct); the closest passages, labelled as such, when it is not
(bot.read.closest); nothing (an abstention) when nothing relevant was found. Lists take one item per release across
every release that qualifies; comparisons and changes are composed in bot.read.comparison (one quote per side, or
the one that tells two states); two releases that disagree are both shown, with their dates, the newer first when it
corrects the older (bot.read.disagree)."""
from __future__ import annotations

from typing import Sequence

from bot.cite import Claim
from bot.question.analysis import Analysis
from bot.read.breakdown import breakdown
from bot.read.candidates import Candidate
from bot.read.closest import closest
from bot.read.comparison import both_states, comparison, with_later_state
from bot.read.direct import about_the_question, gives_the_kind, in_the_asked_role
from bot.read.disagree import corrected_after, newer_correcting, second_release
from bot.read.draft import Draft
from bot.read.instance import (a_plan_for_the_outcome, a_renewal_for_the_first,
                               a_running_total_for_the_plan, told_before, told_later)
from bot.read.kinds import announced_for_who_came, asked_units, dated_elsewhere
from bot.read.leads import FIGURES, asks_partners, dated, end_dates, event_date, figure, subject, values
from bot.read.lists import added_list, carried_list, enumerates, lists_to_add, overlap, replaced_by, within
from bot.read.model import Model
from bot.read.outcome import plan_and_outcome
from bot.read.states import told_at_once
from bot.read.renamed import renamed_first
from bot.read.superseded import corrections_first
from bot.records import Query
from bot.render import closest_lead, differ_lead, format_date, newest_note
from ingest.metadata.figures import UNITS

MAX_ITEMS = 12  # list items shown at most
CONVERSATION = 0.5  # share of the conversation's words a release must hold to be about its subject
RIVAL = 0.7  # a quote giving another answer that scores this share of the best one's: no direct answer


def compose(query: Query, analysis: Analysis, cands: Sequence[Candidate], model: Model) -> Draft:
    ranked = sorted(cands, key=lambda c: (-c.p, c.release.id, c.start))
    if not ranked:
        return Draft()
    draft = None
    if query.previous and analysis.asks_change and not analysis.compare:  # "has that amount changed since?"
        draft = with_later_state(query, analysis, ranked, model)
    if draft is None and analysis.two_states and not (analysis.compare or analysis.comparative) \
            and (both := told_at_once(analysis, ranked, model)):  # "first announced, and after the correction?"
        draft = both_states(query, both, model)
    if draft is None:  # "did it reach its target?": the plan and what came of it (bot.read.outcome)
        draft = plan_and_outcome(query, analysis, ranked, model)
    if draft is None:  # "which town gets the largest envelope?": the breakdown of the figure by member
        draft = breakdown(query, analysis, ranked)
    if draft is None and (analysis.compare or analysis.comparative):  # each side is read on its own: the best
        draft = comparison(query, analysis, ranked, model)  # quote of a side may be weak
    elif draft is None and analysis.listing and ranked[0].p >= model.closest:
        draft = _listing(query, analysis, ranked, model)
    if draft is not None:
        return draft
    if ranked[0].p >= model.closest:
        return _single(query, analysis, ranked, model)
    if query.previous and _in_the_conversation(ranked[0]):  # a follow-up's few words of its own score low
        return closest(query, [c for c in ranked if _in_the_conversation(c)], model, bar=0.0, analysis=analysis)
    if query.order and len({c.release.id for c in ranked}) == 1:  # "the next one": its release was found (read.order)
        return closest(query, ranked, model, bar=0.0, analysis=analysis)
    return Draft()


def _in_the_conversation(c: Candidate) -> bool:
    """The quote's release is about what the conversation was about (its words) and names what the question names:
    relevant, however few words the follow-up has of its own ("Was it changed later?")."""
    return c.features.get("conversation", 0) >= CONVERSATION and c.features.get("names_near", 0) >= 0.999


def _single(query: Query, analysis: Analysis, ranked: list[Candidate], model: Model) -> Draft:
    best = ranked[0]
    answers = lambda c: in_the_asked_role(c, analysis)  # noqa: E731
    second = second_release(query, analysis, ranked, best, model, answers)
    if best.p < model.confident or not about_the_question(best) or not gives_the_kind(best, analysis) or (
            second is None and _rival(best, ranked, analysis)) or a_plan_for_the_outcome(query, analysis, best) \
            or a_running_total_for_the_plan(query, analysis, best) or a_renewal_for_the_first(analysis, best) \
            or dated_elsewhere(analysis, best, ranked, model.closest) or told_later(analysis, best) \
            or told_before(query, analysis, best) or announced_for_who_came(analysis, best) \
            or analysis.both_figures:  # "did it reach its target?": one figure is half the answer
        return closest(query, ranked, model, analysis=analysis, disagreeing=second)
    if analysis.asks_end and not end_dates(best):  # "until when": a quote that gives an end ("until 30 November")
        best = next((c for c in ranked if c.p >= model.closest and end_dates(c) and about_the_question(c)), best)
        second = second_release(query, analysis, ranked, best, model, answers)
    chosen = [best]
    if corrected := corrected_after(best, ranked, analysis):
        chosen = [corrected, best]  # the figure as corrected first, then what the earlier version said
    for kind in analysis.needs[1:]:  # "when and where ...": the best quote for each part
        other = max(ranked, key=lambda c: (c.features.get("kind", 0) if _holds_kind(c, kind) else -1, c.p))
        if other.p >= model.closest and _holds_kind(other, kind) and other not in chosen:
            chosen.append(other)
    footer, lead = "", ""
    if second is not None:
        if newer := newer_correcting(best, second, analysis):
            older = second if newer is best else best
            chosen = [newer, older] + [c for c in chosen[1:] if c not in (newer, older)]
            footer = newest_note(newer.release.published, query.lang)
        else:
            chosen = [best, second] + [c for c in chosen[1:] if c not in (best, second)]
            lead = differ_lead(query.lang)
    chosen = renamed_first(corrections_first(chosen, ranked, analysis), ranked, analysis)
    many = len({c.release.id for c in chosen}) > 1
    if (analysis.compare or analysis.comparative) and not many:  # one release's quote answers no comparison
        return closest(query, ranked, model, analysis=analysis)
    lead = lead or _lead(query, analysis, chosen)
    claims = tuple(Claim(c.release, c.start, c.end, label=dated(c, query.lang) if many else "") for c in chosen)
    return Draft(claims, lead=lead, footer=footer, confidence="answer", notes=(footer,) if footer else ())


def _rival(best: Candidate, ranked: list[Candidate], analysis: Analysis) -> Candidate | None:
    """Another quote, scored nearly as high, that gives another answer of the kind asked for (another person, date
    or figure): the reader cannot tell which of the two answers, so both are shown as the closest passages, the
    best first. (Two releases that disagree are shown as such instead: see bot.read.disagree.second_release.)"""
    if not analysis.needs:
        return None
    kind = analysis.needs[0]
    mine = values(best, kind)
    for c in ranked[1:]:
        if c.p < RIVAL * best.p:
            return None
        if overlap(c, best) or not gives_the_kind(c, analysis):
            continue
        theirs = values(c, kind)
        if kind not in ("date", "person") + FIGURES or (theirs and theirs - mine):
            return c
    return None


def _listing(query: Query, analysis: Analysis, ranked: list[Candidate], model: Model) -> Draft | None:
    """Every quote that qualifies as an item, best first: across releases (one release's items kept together,
    in the order of its text), up to MAX_ITEMS, one from each release before a second from any; None when fewer
    than two qualify. Lines of a list picked one by one give way to the whole list when it qualifies too, which
    answers as surely as they did."""
    chosen: list[Candidate] = []
    picked, sure = 0, ranked[0].p
    for c in _each_release_first([c for c in ranked if c.p >= model.item]):
        if len(chosen) == MAX_ITEMS:
            break
        if not any(overlap(c, o) for o in chosen):
            chosen.append(c)
            picked += 1
        elif enumerates(c, analysis) and all(within(o, c) for o in chosen if overlap(c, o)):
            chosen = replaced_by(chosen, [c]) + [c]
    if picked < 2:
        return None
    for lister in lists_to_add(chosen, ranked, analysis):
        if not any(within(lister, o) for o in chosen) and len(rest := replaced_by(chosen, [lister])) < MAX_ITEMS:
            chosen = rest + [lister]  # (a list shown whole is not replaced by one of its lines)
    if len(chosen) < MAX_ITEMS and (earlier := carried_list(chosen, ranked, analysis)):
        chosen.append(earlier)  # the items a release keeps from an earlier one, as that one lists them
    if len(chosen) < MAX_ITEMS and (later := added_list(chosen, ranked, analysis)):
        chosen.append(later)  # the items a later release adds to the list
    first = {}
    for i, c in enumerate(chosen):
        first.setdefault(c.release.id, i)
    chosen.sort(key=lambda c: (first[c.release.id], c.start))
    many = len(first) > 1
    claims = []
    for c in chosen:
        label = subject(c, analysis) if many and asks_partners(analysis) else ""
        date = dated(c, query.lang) if many else ""
        claims.append(Claim(c.release, c.start, c.end,
                            label=" ".join(p for p in (f"**{label}**" if label else "", date) if p)))
    confidence = "answer" if sure >= model.confident else "closest"
    return Draft(tuple(claims), as_list=True, confidence=confidence,
                 lead="" if confidence == "answer" else closest_lead(query.lang))


def _each_release_first(qualifying: list[Candidate]) -> list[Candidate]:
    """The best quote of each release, then the others, each group best first: a list gathers one item from every
    release that qualifies before a second item of any (MAX_ITEMS cannot fill with one release's lines)."""
    best = {}
    for c in qualifying:
        best.setdefault(c.release.id, c)
    return list(best.values()) + [c for c in qualifying if best[c.release.id] is not c]


def _holds_kind(c: Candidate, kind: str) -> bool:
    named = kind in ("person", "place", "organisation", "payer")
    return bool(values(c, kind)) or (named and c.features.get("kind", 0) >= 1)


def _lead(query: Query, analysis: Analysis, chosen: list[Candidate]) -> str:
    if analysis.needs[:1] == ("date",) and len(analysis.needs) == 1:
        date = event_date(chosen[0], analysis.question_dates, end=analysis.asks_end, first=analysis.first_instance)
        return f"**{format_date(date, query.lang)}**" if date else ""
    if len(analysis.needs) == 1 and analysis.needs[0] in FIGURES:
        kind = analysis.needs[0]  # "how much did it cost?" takes an amount; "how many", any figure, and a figure
        units = asked_units(kind) if kind in ("money", "percent", "duration") else UNITS + ("duration",)  # of days
        found = figure(chosen, analysis, units)  # beside it leaves the count unclear ("over four days, 212 ...")
        return f"**{found}**" if found else ""
    return ""
