"""Comparisons: one quote per side. Named items ("Dubai or Japan", "between 2019 and 2024", "2025-2029") each get
the best quote about them; the surest side sets the measure the others must give (a figure of its unit and order).
A comparison that names no items ("has the budget grown since the first agreement?") takes the same measure from
another release of the same partner: an earlier or later state."""
from __future__ import annotations

from bot.question.analysis import Analysis
from bot.question.compared import period_keys, periods_of
from bot.read.candidates import Candidate
from bot.read.kinds import asked_units
from bot.read.leads import FIGURES, dated, values
from bot.read.measures import alike, measure_of, published_day, same_order
from bot.read.model import Model
from bot.read.signals import holds as holds_name
from bot.read.side_fit import (first_asked, gives_kind, in_the_form_asked, named_where_split, of_year, paid_by,
                                published_in, release_of, tells)
from bot.read.superseded import correction_of
from bot.records import Query

ALIKE = 0.8  # a quote scored this share of the first side's may be the first side when only its pair is alike


def sides(query: Query, analysis: Analysis, ranked: list[Candidate], model: Model) -> tuple[list, list[str]]:
    """The quotes for the sides of a comparison and their labels: for each compared item the best quote about it
    that holds the kind asked for (a figure, a date); without named items, the best quote and the same measure
    from another release (its date for a label)."""
    kind = compared_kind(analysis)
    # the signals read the items' kind ("which town ...?"); the sides give the figure: read here, in its units
    figure_units = asked_units(kind) if kind and kind != analysis.needs[0] else None

    def holds(c: Candidate) -> float:
        """How well the quote gives the kind compared: a figure beside the counted noun and its qualifier ("38
        *Brussels* companies" rather than "170 companies"), an amount, a date."""
        if kind in ("number", "size") and analysis.heads:
            return c.features.get("head_near", 0)
        if figure_units is not None:
            return float(any(unit in figure_units for s in c.sentences for _, _, unit in s.facts.numbers))
        if kind:
            return float(gives_kind(c))
        return float(bool(values(c, "number") or values(c, "date")))

    pool = sorted((c for c in ranked if c.p >= model.closest), key=lambda c: (-holds(c), -c.p))
    if not analysis.compare and analysis.places and (ordinals := _ordinals(analysis)):
        # "between the first and the third agreement with Sumbawanga": two states of the partner's measure, told by
        # its releases, the one that writes an ordinal asked first
        pool = [c for c in pool if any(holds_name(w, c.release_keys) for w in analysis.places)] or pool
        pool.sort(key=lambda c: (-holds(c), not ordinals & c.keys, -c.p))
    chosen, labels = _named_sides(analysis, ranked, model, holds)
    if not analysis.compare and pool and holds(pool[0]):
        when = periods_of(query.text)  # one period named: "between the first agreement and its 2016 extension"
        firsts = [c for c in pool if holds(c) and (len(when) != 1 or tells(c, when[0], period_keys(when[0])))]
        first = firsts[0] if firsts else pool[0]
        other = lambda c: _other_side(c, ranked, kind, model, query.wants_first, _ordinals(analysis),  # noqa: E731
                                      paid_by(analysis.payer, ranked), counted=holds if analysis.heads else None)
        if second := other(first):
            first, second = _alike_pair(first, second, firsts, other, kind)
            chosen, labels = [first, second], [dated(first, query.lang), dated(second, query.lang)]
    return chosen, labels


def compared_kind(analysis: Analysis) -> str | None:
    """The kind of fact the sides give: the one asked, except where the question asks which of its items wins a
    measure ("which city gets more money, Mazabuka or Siguiri?", "quelle ville reçoit l'enveloppe la plus
    élevée ?"): its answer is an item, but the sides give the figure."""
    needs = analysis.needs
    if not needs:
        return None
    if analysis.compare and needs[0] not in FIGURES and needs[0] != "date":
        return next((k for k in needs[1:] if k in FIGURES), needs[0])
    return needs[0]


def _alike_pair(first: Candidate, second: Candidate, firsts: list[Candidate], other,
                kind: str | None) -> tuple[Candidate, Candidate]:
    """Two states of one measure are of the same order (a budget of 240,000 euros, then 320,000; not 41 million of
    exports beside it): when the first side's figure and the other side's are not, another of the quotes that may be
    the first side (`firsts`), scored nearly as high (ALIKE), whose other side is of its order, is the first side."""
    measure = measure_of(first, kind)
    if not measure(first) or same_order(measure(second), measure(first)):
        return first, second
    for c in firsts:
        if c is first or c.p < ALIKE * first.p:
            continue
        its = measure_of(c, kind)
        if its(c) and (theirs := other(c)) and same_order(its(theirs), its(c)):
            return c, theirs
    return first, second


def _named_sides(analysis: Analysis, ranked: list[Candidate], model: Model, holds) -> tuple[list, list]:
    """For each compared item, the best quote about it that holds the kind asked for; a quote that names this side
    alone tells it better than one naming both. The surest side then sets the measure: for another side, a quote
    that gives a figure of its unit and order (the households served each year, not the revenue beside them) is
    preferred, since the question compares one measure."""
    about, best, years = {}, {}, dict(analysis.side_years)
    kind = compared_kind(analysis)
    paid, named = paid_by(analysis.payer, ranked), named_where_split(analysis, ranked, holds)
    for label, item in analysis.compare:
        others = [k for other, k in analysis.compare if other != label]
        about[label] = [c for c in ranked if (c.sides.get(label, 0) >= model.side
                                              or c.p >= model.closest and holds(c)
                                              and (published_in(c, label, years.get(label))
                                                   or analysis.side_begun and label in analysis.side_first))
                        and (item & c.keys or item & c.release_keys)
                        and not any(k & c.keys and not item & c.keys for k in others)]  # not about the other item
        if kind in ("money", "percent") and not any(holds(c) and paid(c) >= 0 for c in about[label]):
            about[label] += [c for c in ranked if c.p >= model.closest and holds(c) and release_of(c, item, others)]
        if kind in ("money", "percent") and not any(holds(c) and named(c, label, item) for c in about[label]):
            # a release found for the side that splits the amount: the sentence that names the item gives its share,
            # however low it scores ("Bakel will receive 650,000 euros" repeats none of a Dutch question's words)
            found, have = {c.release.id for c in about[label]}, {id(c) for c in about[label]}
            about[label] += [c for c in ranked if c.release.id in found and id(c) not in have and item & c.keys
                             and holds(c) and not any(k & c.keys for k in others)]
        if about[label]:
            best[label] = max(about[label], key=lambda c: (named(c, label, item),
                                                           of_year(c, years.get(label)), holds(c),
                                                           first_asked(c, label, analysis), paid(c),
                                                           in_the_form_asked(c, label, analysis, kind),
                                                           tells(c, label, item),
                                                           not any(k & c.keys for k in others), c.sides[label]))
    if len(best) < 2:
        return list(best.values()), [f"**{label}:**" for label in best]
    pairings = (_paired(label, analysis, ranked, about, best, years, kind, holds, paid, named)
                for label in sorted(best, key=lambda label: -best[label].sides[label]))
    first = next(pairings)  # the other anchors are tried only when the surest one finds no match
    chosen, labels, _ = first if first[2] else next((p for p in pairings if p[2]), first)
    return chosen, labels


def _paired(anchor_label: str, analysis: Analysis, ranked: list[Candidate], about: dict, best: dict, years: dict,
            kind: str | None, holds, paid, named) -> tuple[list, list, bool]:
    """The sides' quotes when one side's best quote (the anchor) sets the measure, and whether every other side
    found a figure of the anchor's unit and order. The surest side anchors first; when its figure has no match of
    its order on the other side (a budget of 350,000 euros against contracts worth 9 million), the other side's
    best may be the better anchor, since the two sides of a comparison give one measure."""
    anchor = best[anchor_label]
    measure = measure_of(anchor, kind)
    mine = measure(anchor) if kind in FIGURES else frozenset()  # only figures have an order to match
    chosen, labels, matched = [], [], True
    for label, item in analysis.compare:
        if label not in best:
            continue
        others = [k for other, k in analysis.compare if other != label]

        def rank(c: Candidate) -> tuple:  # rank(c)[2:4], (holds, same order), is read again below
            return (named(c, label, item), of_year(c, years.get(label)), holds(c),
                    bool(mine and measure(c)) and same_order(measure(c), mine), first_asked(c, label, analysis),
                    paid(c),
                    in_the_form_asked(c, label, analysis, kind), tells(c, label, item),
                    not any(k & c.keys for k in others), c.sides[label])
        pick = anchor if label == anchor_label else max(
            (c for c in about[label] if c is not anchor), default=None, key=rank)
        if pick is not None and mine and not any(rank(pick)[2:4]):  # the releases that tell this side: their
            releases = {c.release.id for c in about[label]}  # quote of the same measure, however weak
            pick = max((c for c in ranked if c.release.id in releases and c is not anchor and measure(c)
                        and same_order(measure(c), mine)
                        and not any(k & c.keys and not item & c.keys for k in others)), default=pick, key=rank)
        if pick is not None:
            chosen.append(pick)
            labels.append(f"**{label}:**")
            matched = matched and (label == anchor_label or not mine or rank(pick)[3])
    return chosen, labels, matched


def _other_side(first: Candidate, ranked: list[Candidate], kind: str | None, model: Model,
                wants_first: bool = False, ordinals: frozenset[str] = frozenset(),
                paid=lambda c: 0, counted=None) -> Candidate | None:
    """The other side of a comparison that names no items ("has the budget grown since the first agreement?"):
    the same measure in another release of the same partner, an earlier or later state. The same measure gives a
    figure of the same unit (an amount for an amount, a date for a date) and another value, told in words like
    the first side's; such a release seldom repeats the question's words ("the Region earmarks 320,000 euros"),
    so its quote may score low. When the question names a first state ("the initial agreement") that the first
    side is not, the earliest release tells it. When the question names a later state by its ordinal ("the second
    phase", "la deuxième phase", "de tweede oproep"), a quote that writes that ordinal tells it, in any language.
    Else another release's figure, else another value in the same release; never a figure another release
    corrects (bot.read.superseded): it is no state of the measure. A count of what the question counts (`counted`:
    "how many more *companies*") comes before a count of something else in the same release."""
    measure = measure_of(first, kind)
    mine = measure(first)
    units = asked_units(kind) if kind in FIGURES else ()
    rivals = [c for c in ranked if c is not first and measure(c) - mine
              and not (units and correction_of(c, ranked, units))]
    partners = set(first.release.partners)
    same = [c for c in rivals if c.release.id != first.release.id and partners & set(c.release.partners)]
    if same:  # two states of one measure are of the same order (a budget of 240,000 euros, then 320,000)
        earliest = wants_first and published_day(first) > min(published_day(c) for c in same)
        return max(same, key=lambda c: (bool(ordinals & c.keys - first.keys), bool(counted and counted(c)),
                                        same_order(measure(c), mine),
                                        -published_day(c) if earliest else 0, paid(c),
                                        alike(c, first) + c.p, -c.start))
    return (next((c for c in rivals if c.release.id != first.release.id and c.p >= model.closest), None)
            or next((c for c in rivals if c.p >= model.closest and (c.start >= first.end or c.end <= first.start)),
                    None))


def _ordinals(analysis: Analysis) -> frozenset[str]:
    """The ordinals the question writes ("second", "deuxième", "tweede", "3rd": the same key in every language)."""
    return frozenset(k for k in analysis.question_keys if k.startswith("o:"))
