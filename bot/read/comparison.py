"""The answer to a comparison or a change: one quote per side (bot.read.compare), each side's superseded figure after
its correction (bot.read.superseded), the difference of the two figures (bot.read.difference); or the one quote that
tells both states (bot.read.states.told_at_once), or a conversation's figure and its later value; and, when the
answer is only the closest passages, a quote for every side the question names."""
from __future__ import annotations

from bot.cite import Claim
from bot.question.analysis import Analysis
from bot.read.candidates import Candidate
from bot.read.chronology import date_order
from bot.read.compare import compared_kind, sides
from bot.read.side_fit import gives_kind, release_of
from bot.read.difference import difference
from bot.read.draft import Draft
from bot.read.kinds import asked_units
from bot.read.leads import FIGURES, dated, values
from bot.read.lists import more_of_the_releases_shown, overlap
from bot.read.measures import measure_of, same_order
from bot.read.model import Model
from bot.read.states import later_state, told_at_once
from bot.read.superseded import correction_of, fix_to_show
from bot.records import Query
from bot.render import closest_lead, difference_note, order_note

MORE_OF_THE_MEASURE = 2  # quotes a comparison's closest passages show beyond one a side


def comparison(query: Query, analysis: Analysis, ranked: list[Candidate], model: Model) -> Draft | None:
    """Both sides of a comparison (bot.read.compare), each labelled with its item or its release's date; None when
    a second side is not found. A direct answer when every side is found as surely as a direct answer's quote."""
    chosen, labels = sides(query, analysis, ranked, model)
    if (both := told_at_once(analysis, ranked, model)) and not any(overlap(both, c) for c in chosen):
        chosen, labels = [both] + chosen[:2], [dated(both, query.lang)] + labels[:2]
    if len(chosen) < 2:
        return both_states(query, both, model) if both and chosen == [both] else None
    surely = [c.sides.get(label.strip("*:"), c.p) for c, label in zip(chosen, labels)]
    shown, shown_labels, figured = [], [], []
    for c, label in zip(chosen, labels):  # a side's superseded figure comes after its correction, under its label
        if fix := fix_to_show(c, ranked, chosen + shown, analysis):
            shown.append(fix)  # a named side's label, or the correction's own date
            shown_labels.append(label if label.startswith("**") else dated(fix, query.lang))
            label = dated(c, query.lang)
        figured.append(fix or c)  # the quote that gives the side's figure
        shown.append(c)
        shown_labels.append(label)
    # each side as sure as a one-quote direct answer: a doubtful side makes the whole comparison wrong (at the lower
    # `sure` bar, a fifth of the tuning sets' direct comparisons were wrong)
    confidence = "answer" if min(surely) >= model.confident else "closest"
    if confidence == "closest":
        extra = more_of_the_measure(shown, ranked, analysis)
        shown, shown_labels = shown + extra, shown_labels + [dated(c, query.lang) for c in extra]
    claims = tuple(Claim(c.release, c.start, c.end, label=label) for c, label in zip(shown, shown_labels))
    kind = compared_kind(analysis)
    if found := difference(figured, kind, analysis.heads):  # "by how much?": from the two figures named, said so
        value, word, figures = found
        footer = difference_note(value, word, query.lang, figures)
    else:  # "which came first?": read from the two dates quoted, said so
        footer = order_note(*order, query.lang) if (order := date_order(figured, labels, kind)) else ""
    return Draft(claims, as_list=True, confidence=confidence, lead="" if confidence == "answer" else closest_lead(
        query.lang), footer=footer)


def both_states(query: Query, both: Candidate, model: Model) -> Draft:
    """The one quote that tells both states of a figure (bot.read.states.told_at_once: a change, "from 6 to 11", or
    a correction, "450.000 euro en niet 540.000 euro"), as a direct answer when it is sure enough."""
    confidence = "answer" if both.p >= model.confident else "closest"
    return Draft((Claim(both.release, both.start, both.end),), confidence=confidence,
                 lead="" if confidence == "answer" else closest_lead(query.lang))


def with_later_state(query: Query, analysis: Analysis, ranked: list[Candidate], model: Model) -> Draft | None:
    """The conversation's figure and its later value (bot.read.states.later_state), each dated; None without
    both. A direct answer when the later quote is sure enough (`Model.sure`)."""
    chosen = later_state(analysis, ranked)
    if not chosen:
        return None
    claims = tuple(Claim(c.release, c.start, c.end, label=dated(c, query.lang)) for c in chosen)
    confidence = "answer" if chosen[1].p >= model.sure else "closest"
    return Draft(claims, as_list=True, confidence=confidence,
                 lead="" if confidence == "answer" else closest_lead(query.lang))


def missing_sides(shown: list[Candidate], ranked: list[Candidate], analysis: Analysis, floor: float) -> list:
    """A comparison's closest passages show every side it names: for a side no shown quote is about, the quote that
    scores best when the question is read for that side alone and gives the kind compared (a figure, a date), at the
    closest bar. Without it the passages may all be about one side, however close the other's quote came."""
    kind = compared_kind(analysis)  # the kind compared: a quote of the side must give it
    added: list[Candidate] = []
    for label, item in analysis.compare:
        others = [k for other, k in analysis.compare if other != label]
        if any(item & c.keys or release_of(c, item, others) for c in shown + added):
            continue  # a quote of a release about this side alone is about it
        found = [c for c in ranked if c.sides.get(label, 0) >= floor and item & c.keys
                 and not any(k & c.keys for k in others) and not any(overlap(c, o) for o in shown + added)
                 and (kind is None or gives_kind(c))]
        if found:
            added.append(max(found, key=lambda c: c.sides[label]))
    return added


def more_of_the_measure(shown: list[Candidate], ranked: list[Candidate], analysis: Analysis,
                        n: int = MORE_OF_THE_MEASURE) -> list[Candidate]:
    """A comparison the reader could not settle shows more of what it compares: the next quotes, best first, of the
    releases already shown that give the measure of the best side shown (a figure of its unit and order, a date),
    or the kind compared when no side gives one; never a figure another release corrects, which is no state of
    the measure. A side's pick is often the wrong sentence of the right release: the other phase's amount, or the
    outcome beside the plan, is a few sentences away, and whoever reads the closest passages can compare only what
    is shown. Other releases are not drawn in: each would be one more to check (a trial that took the partners'
    other releases gained a few more answers and lost more in citation precision)."""
    kind = compared_kind(analysis)
    as_shown = None if kind in (None, "number") else kind  # "how much more did it receive" is a count to the
    # question's words, an amount to its sides: a count's measure is the units of the best side's figures
    measure, mine = None, frozenset()  # the best side's measure and what it gives, read once
    for c in shown:
        if told := (found := measure_of(c, as_shown))(c):
            measure, mine = found, told
            break
    units = asked_units(kind) if kind in FIGURES else None

    def gives(c: Candidate) -> bool:
        told = ((theirs := measure(c)) and same_order(theirs, mine) if measure
                else gives_kind(c) if kind else values(c, "number") or values(c, "date"))
        return bool(told) and not correction_of(c, ranked, units)
    return more_of_the_releases_shown(shown, ranked, n, gives)
