"""Which state of a planned or renewed thing a quote tells, against the one the question asks: a plan or what came
of it, the first agreement or a renewal, the state of the year the question names or a later or earlier one. A
quote that tells another state than the one asked is only close (the composer gives no direct answer from it)."""
from __future__ import annotations

import re

from bot.question.analysis import Analysis
from bot.question.words import asks_outcome, words_of
from bot.read.compounds import counts_noun
from bot.read.kinds import asked_units, marked_plans
from bot.read.leads import FIGURES, first_dates
from ingest.records import PartialDate
from ingest.terms import fold, words


def a_plan_for_the_outcome(query, analysis: Analysis, c) -> bool:
    """The question asks for a figure as it stands now, turned out or has been reached so far ("how many came in
    the end?", "combien aujourd'hui ?", "hoeveel hebben al een baan gevonden?", "how many actually took part?") and
    the quote gives every figure of the asked unit (of the unit of what the question counts, where it names it) as
    planned or expected, a word of plan a few words from it ("is expected to bring twenty students", "devrait former
    40", "elle formera 150 jeunes", "zal 12 starters opleiden"): a plan is not the outcome, so the quote is only
    close. A question that asks for the plan itself ("combien sont prévus") takes it."""
    if not (analysis.needs and analysis.needs[0] in FIGURES):
        return False
    data, folded = words_of(), fold(query.text.lower())
    if not (query.wants_latest or data["so_far"].search(folded) or asks_outcome(folded, query.lang)):
        return False
    if any(fold(w) in data["planned"] for w, _, _ in words(query.text)):
        return False
    plans = _planned_figures(analysis, c)
    return bool(plans) and all(plans)


def a_running_total_for_the_plan(query, analysis: Analysis, c) -> bool:
    """The mirror of a_plan_for_the_outcome: the question asks for a figure as planned, promised or first set
    ("how many were meant to take part?", "combien devaient être formés ?", "volgens het oorspronkelijke plan"), not
    for what came of it, or for the figure of a first phase, programme or intake ("pendant le premier programme",
    "in its first intake"), and the quote tells a running total ("38 have taken part since 2017", "41 forages au
    total depuis 2004", "sinds 2005 al 36.500 akten") with no figure of the asked unit that a word of plan stands
    near: what has been delivered so far is neither what was planned nor what the first phase delivered, so the
    quote is only close. (A figure without a word of plan is often the plan itself, in an announcement's present
    tense or a list a sentence introduces: "The agreement covers 8,000 plots".)"""
    if not (analysis.needs and analysis.needs[0] in FIGURES) or analysis.plan_outcome:
        return False
    data, folded = words_of(), fold(query.text.lower())
    asked = {w for w, _, _ in words(folded)}
    planned = (asked & data["plan_asked"] or data["first_state"].search(folded)) \
        and not asks_outcome(folded, query.lang)
    if not (planned or data["first"].search(folded)) or data["so_far"].search(folded):
        return False
    if not any(data["running_total"].search(fold(s.text.lower())) for s in c.sentences):
        return False
    plans = _planned_figures(analysis, c)
    return bool(plans) and not any(plans)


def _planned_figures(analysis: Analysis, c) -> list[bool]:
    """Whether each figure of the asked unit in the quote is marked as a plan (of the unit of what the question
    counts, where it names it: "how many *tonnes*" is not answered by an amount in euros)."""
    marked = [(s, position, unit, planned) for s in c.sentences
              for position, _, unit, planned in marked_plans(s, asked_units(analysis.needs[0]))]
    counted = {unit for s, position, unit, _ in marked
               if any(counts_noun(s, position, head) for head in analysis.heads)}
    return [planned for _, _, unit, planned in marked if not counted or unit in counted]


def a_renewal_for_the_first(analysis: Analysis, c) -> bool:
    """The question asks the date of the first of a renewed thing ("when was the first agreement with Djenné
    signed?") and the quote dates a renewal ("signed a new four-year agreement on 10 November 2009", "ont renouvelé
    ce mardi leur partenariat") with no date a word of "first" stands before, or only a vaguer one ("who had signed
    the first agreement in 2002"): a renewal's date is not the first one's, so the quote is only close (the
    partner's earliest release is shown with it: bot.read.beginning)."""
    if not (analysis.first_instance and analysis.needs[:1] == ("date",)):
        return False
    precision = lambda dates: max((len(d.iso()) for d in dates), default=0)  # noqa: E731
    firsts = first_dates(c)
    if firsts and precision(firsts) >= precision(PartialDate.parse(d) for s in c.sentences for d in s.facts.dates):
        return False
    renewal = words_of()["renewal"]
    return any(fold(w) in renewal for s in c.sentences for w, _, _ in s.tokens)


def told_later(analysis: Analysis, c) -> bool:
    """The question dates what it asks ("the 2009 Goma water project", "het akkoord van 2006") and the quote comes
    from a release published later without naming that year in its sentence: it tells a later state ("now serves
    some 52,000 residents" is no answer to how many the 2009 project was to reach), so it is no direct answer."""
    year = _asked_year(analysis)
    if year is None or c.release.published is None:
        return False
    return c.release.published.year > year and str(year) not in c.sentence.text


def told_before(query, analysis: Analysis, c) -> bool:
    """The question asks for a figure of a year it names ("how many tonnes did the plant produce in 2023?") and the
    quote comes from a release published before that year: it can only tell a plan or a capacity ("will turn up to
    40 tonnes a day into compost"), not what that year brought, so it is no direct answer. A question that asks for
    the plan itself ("how many was it to connect by 2019?", "wil tegen 2027 opleiden") takes it."""
    year = _asked_year(analysis)
    if year is None or c.release.published is None or not analysis.needs or analysis.needs[0] not in FIGURES \
            or c.release.published.year >= year:
        return False
    folded = fold(query.text.lower())
    data = words_of()
    return not (any(w in data["planned"] or w in data["plan_asked"] for w, _, _ in words(folded))
                or _TARGET.search(folded))


def _asked_year(analysis: Analysis) -> int | None:
    """The one year the question names ("the 2009 Goma water project"), else None."""
    years = {int(label) for label, _ in analysis.anchors if label.isdigit() and len(label) == 4}
    return years.pop() if len(years) == 1 else None


_TARGET = re.compile(r"\b(?:by|tegen|d'ici|voor|avant|until|tot)\s+(?:19|20)\d\d\b")  # "by 2019": a target year
