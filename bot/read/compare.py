"""Comparisons: one quote per side. Named items ("Dubai or Japan", "between 2019 and 2024", "2025-2029") each get
the best quote about them; the surest side sets the measure the others must give (a figure of its unit and order).
A comparison that names no items ("has the budget grown since the first agreement?") takes the same measure from
another release of the same partner: an earlier or later state."""
from __future__ import annotations

import re
from functools import lru_cache

from bot.question.analysis import Analysis
from bot.question.compared import period_keys, periods_of
from bot.question.words import words_of
from bot.read.candidates import Candidate
from bot.read.kinds import asked_units
from bot.read.leads import FIGURES, dated, values
from bot.read.measures import alike, measure_of, published_day, same_order
from bot.read.model import Model
from bot.read.signals import holds as holds_name
from bot.read.superseded import correction_of
from bot.records import Query
from ingest.terms import fold

ALIKE = 0.8  # a quote scored this share of the first side's may be the first side when only its pair is alike


def sides(query: Query, analysis: Analysis, ranked: list[Candidate], model: Model) -> tuple[list, list[str]]:
    """The quotes for the sides of a comparison and their labels: for each compared item the best quote about it
    that holds the kind asked for (a figure, a date); without named items, the best quote and the same measure
    from another release (its date for a label)."""
    kind = compared_kind(analysis)

    def holds(c: Candidate) -> float:
        """How well the quote gives the kind compared: a figure beside the counted noun and its qualifier ("38
        *Brussels* companies" rather than "170 companies"), an amount, a date."""
        if kind in ("number", "size") and analysis.heads:
            return c.features.get("head_near", 0)
        if kind and kind != analysis.needs[0]:  # the signals read the items' kind; the sides give the figure
            units = asked_units(kind)
            return float(any(unit in units for s in c.sentences for _, _, unit in s.facts.numbers))
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
        firsts = [c for c in pool if holds(c) and (len(when) != 1 or _tells(c, when[0], period_keys(when[0])))]
        first = firsts[0] if firsts else pool[0]
        other = lambda c: _other_side(c, ranked, kind, model, query.wants_first, _ordinals(analysis),  # noqa: E731
                                      _paid_by(analysis.payer, ranked), counted=holds if analysis.heads else None)
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
    paid, named = _paid_by(analysis.payer, ranked), _named_where_split(analysis, ranked, holds)
    for label, item in analysis.compare:
        others = [k for other, k in analysis.compare if other != label]
        about[label] = [c for c in ranked if (c.sides.get(label, 0) >= model.side
                                              or c.p >= model.closest and holds(c)
                                              and (_published_in(c, label, years.get(label))
                                                   or analysis.side_begun and label in analysis.side_first))
                        and (item & c.keys or item & c.release_keys)
                        and not any(k & c.keys and not item & c.keys for k in others)]  # not about the other item
        if kind in ("money", "percent") and not any(holds(c) and paid(c) >= 0 for c in about[label]):
            about[label] += [c for c in ranked if c.p >= model.closest and holds(c) and release_of(c, item, others)]
        if kind in ("money", "percent") and not any(holds(c) and named(c, label, item) for c in about[label]):
            # a release found for the side that splits the amount: the sentence that names the item gives its share,
            # however low it scores ("Bakel will receive 650,000 euros" repeats none of a Dutch question's words)
            found = {c.release.id for c in about[label]}
            about[label] += [c for c in ranked if c.release.id in found and item & c.keys and holds(c)
                             and not any(k & c.keys for k in others) and c not in about[label]]
        if about[label]:
            best[label] = max(about[label], key=lambda c: (named(c, label, item),
                                                           _of_year(c, years.get(label)), holds(c),
                                                           _first_asked(c, label, analysis), paid(c),
                                                           _in_the_form_asked(c, label, analysis, kind),
                                                           _tells(c, label, item),
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
            return (named(c, label, item), _of_year(c, years.get(label)), holds(c),
                    bool(mine and measure(c)) and same_order(measure(c), mine), _first_asked(c, label, analysis),
                    paid(c),
                    _in_the_form_asked(c, label, analysis, kind), _tells(c, label, item),
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


def _paid_by(payer: str, ranked: list[Candidate]):
    """How well a quote's amount is the one whose payer the question asks for (Analysis.payer), read once per
    quote: for the Region's own money, a sentence naming the Region ("the Region contributes EUR 500,000") rather
    than the total of a co-financed budget ("a total budget of 620,000 euros"); for the total, a sentence that says
    total. An amount a later release corrects gains nothing from naming its payer: the correction gives the side's
    figure."""
    read: dict[int, int] = {}

    def paid(c: Candidate) -> int:
        if payer and id(c) not in read:
            said = {fold(w) for s in c.sentences for w, _, _ in s.tokens}
            own, total = bool(said & words_of()["own_money"]), bool(said & words_of()["total_money"])
            gain = total - own if payer == "total" else own - total
            read[id(c)] = gain if gain and not correction_of(c, ranked, ("money",)) else 0
        return read.get(id(c), 0)
    return paid


def _first_asked(c: Candidate, label: str, analysis: Analysis) -> int:
    """For a side asked in its first form (Analysis.side_first), the earlier the release, the better."""
    return -published_day(c) if label in analysis.side_first else 0


def _in_the_form_asked(c: Candidate, label: str, analysis: Analysis, kind: str | None) -> bool:
    """The quote tells the side in the form the question asks: a renewal or a later phase for a side asked in a
    renewed form ("the signing of the renewed Izmir agreement"); for a date, the first form of a side asked plainly
    ("which came first: the Goma water agreement or ...": when it was signed, not when it was renewed). A figure of a
    side asked plainly may come from any of its phases."""
    renewed = label in analysis.side_renewed
    if not renewed and kind != "date":
        return True
    return renewed == bool({fold(w) for w, _, _ in c.sentence.tokens} & words_of()["renewal"])


def gives_kind(c: Candidate) -> bool:
    """The quote, or the sentence it reaches back to, fully gives the kind of fact the question compares."""
    return c.features.get("kind", 0) >= 1 or c.features.get("kind_before", 0) >= 1


def release_of(c: Candidate, item: frozenset[str], others: list[frozenset[str]]) -> bool:
    """The quote's release names the compared item and no other: its figure is the item's even when its sentence
    names it by a pronoun ("La Région y consacre 800 000 euros"), which the side's own reading scores low. Read
    only for a side that no quote gives a figure for (or only another payer's: the total where the Region's share is
    asked), and only for amounts and shares: a release holds many dates and counts of other things, but seldom two
    amounts of one measure."""
    return bool(item & c.release_keys) and not any(k & c.release_keys for k in others)


def _named_where_split(analysis: Analysis, ranked: list[Candidate], holds):
    """`named(c, label, item)`: whether the quote may give the item's figure. A release that gives another compared
    item its own figure, in a sentence that names it, splits the measure between the items (a joint framework:
    "Mazabuka will receive 800,000 euros ... Siguiri will receive 750,000 euros"): there, only a sentence that names
    the item tells its figure; the total beside them, or what "the Region has invested" in all of them, is no
    side's. Elsewhere any sentence may ("La Région y consacre 800 000 euros"), even in a release that mentions
    another item in passing. A year or a period is no such item: a release tells its own year's state in any
    sentence, and recalls other years beside it ("45% of households, compared with 12% in 2007")."""
    told = {label: {c.release.id for c in ranked if item & c.keys and holds(c)} for label, item in analysis.compare
            if not _years_of(label)}

    def named(c: Candidate, label: str, item: frozenset[str]) -> bool:
        return bool(item & c.keys) or _years_of(label) is not None \
            or not any(c.release.id in ids for other, ids in told.items() if other != label)
    return named


def _tells(c: Candidate, label: str, item: frozenset[str]) -> bool:
    """The quote itself is about the compared item: its sentence names it, or, for a year or a period ("the 2019
    agreement", "2025-2029"), its release was published then (a later release that recalls the year tells a later
    state)."""
    return bool(item & c.keys) or _published_in(c, label)


def _published_in(c: Candidate, label: str, years: frozenset[int] | None = None) -> bool:
    """The quote's release was published in the year or period the side names ("the 2013 memorandum") or gives it
    ("Sikasso in 2005"): it tells that year's state even when its sentence names neither the year nor the item (a
    release's "The Region will commit EUR 480,000"), which the side's own reading misses."""
    span = _years_of(label) or (years and (min(years), max(years)))
    return bool(span and c.release.published and span[0] <= c.release.published.year <= span[1])


@lru_cache(maxsize=64)
def _years_of(label: str) -> tuple[int, int] | None:
    """The first and last year of a side labelled by a year or a period ("2019", "2025-2029"), else None: read once
    per label, not once per candidate quote."""
    if periods_of(label) != [label]:
        return None
    years = [int(y) for y in re.findall(r"\d{4}", label)]
    return min(years), max(years)


def _of_year(c: Candidate, years: frozenset[int] | None) -> int:
    """How surely the quote tells the year the question gives its side ("India in 2017"), which comes before how
    well it gives the figure (another year's mission is another mission): 2 when its release was published then,
    1 when it names the year (a later release may recall the 2017 mission, or only mention it), else 0. A period
    ("Tallinn for 2022-2025") is told best by a quote that names it whole ("voor de periode 2022-2025"): a release
    published in its last year is often about the next one."""
    if years and len(years) > 1 and all(period_keys(str(y)) & c.keys for y in years):
        return 3
    if not years or c.release.published and c.release.published.year in years:
        return 2
    return int(any(period_keys(str(y)) & c.keys for y in years))


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
