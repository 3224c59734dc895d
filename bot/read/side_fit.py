"""How well a quote fits one side of a comparison, read for each candidate quote: the year or period the side names,
who pays the amount, the form asked (first or renewed), whether its sentence or its release names the item, and
whether a release that splits the measure between the items gives it to this one (bot.read.compare weighs them)."""
from __future__ import annotations

import re
from functools import lru_cache

from bot.question.analysis import Analysis
from bot.question.compared import period_keys, periods_of
from bot.question.words import words_of
from bot.read.candidates import Candidate
from bot.read.measures import published_day
from bot.read.superseded import correction_of
from ingest.terms import fold


def paid_by(payer: str, ranked: list[Candidate]):
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


def first_asked(c: Candidate, label: str, analysis: Analysis) -> int:
    """For a side asked in its first form (Analysis.side_first), the earlier the release, the better."""
    return -published_day(c) if label in analysis.side_first else 0


def in_the_form_asked(c: Candidate, label: str, analysis: Analysis, kind: str | None) -> bool:
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


def named_where_split(analysis: Analysis, ranked: list[Candidate], holds):
    """`named(c, label, item)`: whether the quote may give the item's figure. A release that gives another compared
    item its own figure, in a sentence that names it, splits the measure between the items (a joint framework:
    "Mazabuka will receive 800,000 euros ... Siguiri will receive 750,000 euros"): there, only a sentence that names
    the item tells its figure; the total beside them, or what "the Region has invested" in all of them, is no
    side's. Elsewhere any sentence may ("La Région y consacre 800 000 euros"), even in a release that mentions
    another item in passing. A year or a period is no such item: a release tells its own year's state in any
    sentence, and recalls other years beside it ("45% of households, compared with 12% in 2007")."""
    told = {label: {c.release.id for c in ranked if item & c.keys and holds(c)} for label, item in analysis.compare
            if not years_of(label)}

    def named(c: Candidate, label: str, item: frozenset[str]) -> bool:
        return bool(item & c.keys) or years_of(label) is not None \
            or not any(c.release.id in ids for other, ids in told.items() if other != label)
    return named


def tells(c: Candidate, label: str, item: frozenset[str]) -> bool:
    """The quote itself is about the compared item: its sentence names it, or, for a year or a period ("the 2019
    agreement", "2025-2029"), its release was published then (a later release that recalls the year tells a later
    state)."""
    return bool(item & c.keys) or published_in(c, label)


def published_in(c: Candidate, label: str, years: frozenset[int] | None = None) -> bool:
    """The quote's release was published in the year or period the side names ("the 2013 memorandum") or gives it
    ("Sikasso in 2005"): it tells that year's state even when its sentence names neither the year nor the item (a
    release's "The Region will commit EUR 480,000"), which the side's own reading misses."""
    span = years_of(label) or (years and (min(years), max(years)))
    return bool(span and c.release.published and span[0] <= c.release.published.year <= span[1])


@lru_cache(maxsize=64)
def years_of(label: str) -> tuple[int, int] | None:
    """The first and last year of a side labelled by a year or a period ("2019", "2025-2029"), else None: read once
    per label, not once per candidate quote."""
    if periods_of(label) != [label]:
        return None
    years = [int(y) for y in re.findall(r"\d{4}", label)]
    return min(years), max(years)


def of_year(c: Candidate, years: frozenset[int] | None) -> int:
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
