"""Composing the answer from scored candidate quotes, in tiers: a direct answer when the reader is confident and the
quote gives the kind of fact asked for; the closest passages, labelled as such, when it is not; nothing (an
abstention) when nothing relevant was found. Lists take one item per release across every release that qualifies;
comparisons and changes are composed in bot.read.comparison (one quote per side, or the one that tells two states); two
releases that disagree are both shown, with their dates, the newer first when it corrects the older
(bot.read.disagree)."""
from __future__ import annotations

from typing import Sequence

from bot.cite import Claim
from bot.question.analysis import Analysis
from bot.question.roles import role_keys
from bot.read.candidates import Candidate
from bot.read.compare import gives_kind
from bot.read.comparison import both_states, comparison, missing_sides, more_of_the_measure, with_later_state
from bot.read.disagree import corrected_after, corrects, second_release
from bot.read.draft import Draft
from bot.read.kinds import a_plan_for_the_outcome, asked_units, dated_elsewhere, in_the_role, told_before, told_later
from bot.read.leads import FIGURES, asks_partners, dated, end_dates, event_date, figure, subject, values
from bot.read.lists import carried_list, lists_to_add, lists_to_show, more_of_the_releases_shown, overlap
from bot.read.model import Model
from bot.read.outcome import plan_and_outcome
from bot.read.states import correction_to_show, told_at_once
from bot.read.renamed import renamed_first
from bot.read.superseded import corrections_first
from bot.records import Query
from bot.render import closest_lead, differ_lead, format_date, newest_note
from ingest.metadata.figures import UNITS

MAX_ITEMS = 12  # list items shown at most
MAX_CLOSEST = 3
MORE_OF_THE_KIND = 1  # quotes of the closest passages' releases added when they give the kind asked
OTHER_RELEASE = 0.3  # a closest passage from another release must score this share of the best one's
SAME_RELEASE = 0.5  # one from the best passage's release needs only this share of the closest tier's bar
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
    if draft is None and (analysis.compare or analysis.comparative):  # each side is read on its own: the best
        draft = comparison(query, analysis, ranked, model)  # quote of a side may be weak
    elif draft is None and analysis.listing and ranked[0].p >= model.closest:
        draft = _listing(query, analysis, ranked, model)
    if draft is not None:
        return draft
    if ranked[0].p >= model.closest:
        return _single(query, analysis, ranked, model)
    if query.previous and _in_the_conversation(ranked[0]):  # a follow-up's few words of its own score low
        return _closest(query, [c for c in ranked if _in_the_conversation(c)], model, bar=0.0, analysis=analysis)
    if query.order and len({c.release.id for c in ranked}) == 1:  # "the next one": its release was found (read.order)
        return _closest(query, ranked, model, bar=0.0, analysis=analysis)
    return Draft()


def _in_the_conversation(c: Candidate) -> bool:
    """The quote's release is about what the conversation was about (its words) and names what the question names:
    relevant, however few words the follow-up has of its own ("Was it changed later?")."""
    return c.features.get("conversation", 0) >= CONVERSATION and c.features.get("names_near", 0) >= 0.999


def _single(query: Query, analysis: Analysis, ranked: list[Candidate], model: Model) -> Draft:
    best = ranked[0]
    answers = lambda c: _in_the_asked_role(c, analysis)  # noqa: E731
    second = second_release(query, analysis, ranked, best, model, answers)
    if best.p < model.confident or not _about_the_question(best) or not _gives_the_kind(best, analysis) or (
            second is None and _rival(best, ranked, analysis)) or a_plan_for_the_outcome(query, analysis, best) \
            or dated_elsewhere(analysis, best, ranked, model.closest) or told_later(analysis, best) \
            or told_before(query, analysis, best):
        return _closest(query, ranked, model, analysis=analysis, disagreeing=second)
    if analysis.asks_end and not end_dates(best):  # "until when": a quote that gives an end ("until 30 November")
        best = next((c for c in ranked if c.p >= model.closest and end_dates(c) and _about_the_question(c)), best)
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
        if newer := _newer_correcting(best, second, analysis):
            older = second if newer is best else best
            chosen = [newer, older] + [c for c in chosen[1:] if c not in (newer, older)]
            footer = newest_note(newer.release.published, query.lang)
        else:
            chosen = [best, second] + [c for c in chosen[1:] if c not in (best, second)]
            lead = differ_lead(query.lang)
    chosen = renamed_first(corrections_first(chosen, ranked, analysis), ranked, analysis)
    many = len({c.release.id for c in chosen}) > 1
    if (analysis.compare or analysis.comparative) and not many:  # one release's quote answers no comparison
        return _closest(query, ranked, model, analysis=analysis)
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
        if overlap(c, best) or not _gives_the_kind(c, analysis):
            continue
        theirs = values(c, kind)
        if kind not in ("date", "person") + FIGURES or (theirs and theirs - mine):
            return c
    return None


def _about_the_question(c: Candidate) -> bool:
    """A direct answer must be about what the question names: every name and year it gives is in the quote, its
    neighbours or its release's title (a sentence about Kraków does not answer for Vilnius)."""
    return c.features.get("names_near", 1.0) >= 0.999 and c.features.get("year_ok", 1.0) >= 1.0


def _gives_the_kind(c: Candidate, analysis: Analysis) -> bool:
    """A direct answer gives what the question asks for: a "who" question a person it does not name (in the role it
    asks for, when it names one), a "when" question a date (a year will do), a "how many visitors"
    question a figure beside "visitors", a "how much" question a figure. A sentence about the right thing without it
    is only close."""
    if not analysis.needs:
        return True
    if analysis.needs[0] in FIGURES and analysis.heads:  # "how many *visitors*": a figure beside that noun
        return c.features.get("head_near", 0) > 0
    if analysis.needs[0] == "person" and analysis.relation & role_keys() and not (
            c.features.get("relation", 0) and in_the_role(c, analysis.relation, analysis.known_keys,
                                                           analysis.role_country)):
        return False  # "who is the *mayor*": a person in another role does not answer (a verb may be paraphrased)
    return max(c.features.get("kind", 0), c.features.get("kind_before", 0)) >= 0.5


def _in_the_asked_role(c: Candidate, analysis: Analysis) -> bool:
    """A "who is the mayor" question's quote names a person in that role (see _gives_the_kind); any quote will do
    for other questions."""
    return analysis.needs[:1] != ("person",) or _gives_the_kind(c, analysis)


def _closest(query: Query, ranked: list[Candidate], model: Model, bar: float | None = None,
             analysis: Analysis | None = None, disagreeing: Candidate | None = None) -> Draft:
    """Up to MAX_CLOSEST quotes above the bar: more of the best quote's release (the answer is often a sentence
    away from it), another release's only when it scores near the best (each citation is one more to check). A
    quote that tells a superseded figure comes after its correction when both are shown, as in a direct answer.
    Another release that disagrees with the best quote (bot.read.disagree.second_release) is shown too, however low
    it scores (a correction seldom repeats the question's words): first when it says it corrects, else second.
    Then, from the releases shown, more of a comparison's measure (bot.read.comparison.more_of_the_measure), or
    for another question one more quote that gives the kind asked (_more_of_the_kind)."""
    shown: list[Candidate] = []
    floor = model.closest if bar is None else bar
    for c in ranked:
        if len(shown) == MAX_CLOSEST or c.p < floor * (SAME_RELEASE if shown else 1.0):
            break
        if shown and c.release.id != shown[0].release.id and (c.p < floor or c.p < OTHER_RELEASE * shown[0].p
                                                              and c.release.id not in {o.release.id for o in shown}):
            continue
        if not any(overlap(c, o) for o in shown):
            shown.append(c)
    correcting = disagreeing is not None and corrects(disagreeing, analysis.needs[0])
    if disagreeing is not None and shown and not any(overlap(disagreeing, o) for o in shown):
        shown.insert(0 if correcting else 1, disagreeing)
    if analysis is not None and shown and (fix := correction_to_show(shown, ranked, analysis, floor * SAME_RELEASE)):
        shown = [fix] + shown[:MAX_CLOSEST - 1]
    if analysis is not None and analysis.listing and shown and (listers := lists_to_show(shown, ranked, analysis)):
        shown = shown[:MAX_CLOSEST - 1] + listers[:2]
    if analysis is not None and analysis.listing and (earlier := carried_list(shown, ranked, analysis)):
        shown.append(earlier)  # the items a release keeps from an earlier one, as that one lists them
    if analysis is not None and analysis.compare and shown:
        shown += missing_sides(shown, ranked, analysis, floor)
    if analysis is not None and (analysis.compare or analysis.comparative) and shown:
        shown += more_of_the_measure(shown, ranked, analysis)
    elif analysis is not None and analysis.needs and not analysis.listing and shown:
        shown += _more_of_the_kind(shown, ranked, analysis)
    for old in [c for c in shown if analysis is not None and c.sentence.facts.has("superseded")]:
        if (fix := corrected_after(old, ranked, analysis)) in shown:  # never one that was not close enough
            shown.remove(fix)
            shown.insert(shown.index(old), fix)
    shown = renamed_first(corrections_first(shown, ranked, analysis), ranked, analysis)
    many = len({c.release.id for c in shown}) > 1
    claims = tuple(Claim(c.release, c.start, c.end, label=dated(c, query.lang) if many else "") for c in shown)
    # a release that says it corrects the best quote's is shown first, and said to, as in a direct answer: whoever
    # reads the passages should not have to work out which of two figures stands
    footer = newest_note(disagreeing.release.published, query.lang) if disagreeing in shown and \
        _newer_correcting(ranked[0], disagreeing, analysis) is disagreeing else ""
    return Draft(claims, lead=closest_lead(query.lang), as_list=len(claims) > 1, confidence="closest",
                 footer=footer, notes=(footer,) if footer else ())


def _newer_correcting(best: Candidate, second: Candidate, analysis: Analysis) -> Candidate | None:
    """Of two dated releases that disagree (bot.read.disagree.second_release), the newer, when it says it corrects
    the older: both tiers show it first and note it (on a tie, `best`)."""
    newer = max((best, second), key=lambda c: c.release.published.earliest())
    return newer if corrects(newer, analysis.needs[0]) else None


def _more_of_the_kind(shown: list[Candidate], ranked: list[Candidate], analysis: Analysis) -> list[Candidate]:
    """The closest passages' own releases hold more than their best quotes: the next quotes of those releases that
    give the kind of fact asked as a direct answer must (a date for "when", a figure beside the counted noun for
    "how many visitors", a person in the role asked for "who is the mayor"), best first, up to
    MORE_OF_THE_KIND. The answer is often a sentence ranked below a neighbour that repeats the question's words (a
    paraphrase, another language), and it adds no release to check."""
    return more_of_the_releases_shown(shown, ranked, MORE_OF_THE_KIND,
                                      lambda c: gives_kind(c) and _gives_the_kind(c, analysis))


def _listing(query: Query, analysis: Analysis, ranked: list[Candidate], model: Model) -> Draft | None:
    """Every quote that qualifies as an item, best first: across releases (one release's items kept together,
    in the order of its text), up to MAX_ITEMS; None when fewer than two qualify."""
    chosen: list[Candidate] = []
    for c in ranked:
        if c.p < model.item or len(chosen) == MAX_ITEMS:
            break
        if not any(overlap(c, o) for o in chosen):
            chosen.append(c)
    if len(chosen) < 2:
        return None
    chosen += lists_to_add(chosen, ranked, analysis)[:MAX_ITEMS - len(chosen)]
    if len(chosen) < MAX_ITEMS and (earlier := carried_list(chosen, ranked, analysis)) \
            and not any(overlap(earlier, o) for o in chosen):
        chosen.append(earlier)  # the items a release keeps from an earlier one, as that one lists them
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
    confidence = "answer" if max(c.p for c in chosen) >= model.confident else "closest"
    return Draft(tuple(claims), as_list=True, confidence=confidence,
                 lead="" if confidence == "answer" else closest_lead(query.lang))


def _holds_kind(c: Candidate, kind: str) -> bool:
    return bool(values(c, kind)) or (kind in ("person", "place", "organisation") and c.features.get("kind", 0) >= 1)


def _lead(query: Query, analysis: Analysis, chosen: list[Candidate]) -> str:
    if analysis.needs[:1] == ("date",) and len(analysis.needs) == 1:
        date = event_date(chosen[0], analysis.question_dates, end=analysis.asks_end)
        return f"**{format_date(date, query.lang)}**" if date else ""
    if len(analysis.needs) == 1 and analysis.needs[0] in FIGURES:
        kind = analysis.needs[0]  # "how much did it cost?" takes an amount; "how many", any figure, and a figure
        units = asked_units(kind) if kind in ("money", "percent", "duration") else UNITS + ("duration",)  # of days
        found = figure(chosen, analysis, units)  # beside it leaves the count unclear ("over four days, 212 ...")
        return f"**{found}**" if found else ""
    return ""
