"""What a comparison weighs: the two items of "X or Y" and the years each is given, or two years or periods (a
change over time); whether a question asks one figure twice or in a first and a final state; and the years of a
name, each its own anchor."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from bot.corpus import Corpus
from bot.question.spellings import word_keys
from bot.question.words import asks_outcome, words_of
from bot.render import MONTHS
from ingest.metadata.partners import find_partners
from ingest.terms import fold, keys, words

_MONTHS = frozenset(fold(m) for names in MONTHS.values() for m in names)


def asked_twice(folded: str) -> bool:
    """The question asks for the same figure or person twice, at two moments ("how many at the start, and how many
    by the end?", "combien en 2016, et combien aujourd'hui ?", "wie tekende in 2009, en wie in 2023?"): two states
    of one measure, compared like a change."""
    return bool(words_of()["asked_twice"].search(folded))


def two_states(folded: str) -> bool:
    """The question sets a first state of a figure against its final one ("the amount first announced, and the
    amount after the correction", "oorspronkelijk gepland, en uiteindelijk"): two states of one measure, often
    told at once by a correction ("450.000 euro en niet 540.000 euro")."""
    data = words_of()
    return bool(data["first_state"].search(folded) and data["final_state"].search(folded))


def plan_against_outcome(folded: str, comparative: bool, lang: str) -> bool:
    """The question sets what was planned against what came of it ("did it reach its target?", "how many were
    built, against the twelve planned?", "hoeveel meer dan oorspronkelijk voorzien?"): a plan and an outcome of one
    measure, told in different tenses and often in different releases."""
    data = words_of()
    return any(w in data["plan_asked"] for w, _, _ in words(folded)) \
        and (comparative or asks_outcome(folded, lang))


def outcome_after_plan(folded: str, previous: str, lang: str) -> bool:
    """A follow-up asks what came of a plan the question before it asked about ("How many boreholes did the
    agreement promise?" - "And how many were drilled in the end?"): the plan and its outcome, as if asked at once."""
    data = words_of()
    plan_words = data["plan_asked"] | data["planned"]
    return bool(previous and asks_outcome(folded, lang)
                and any(w in plan_words for w, _, _ in words(fold(previous.lower()))))


def two_sides(folded: str, lang: str) -> bool:
    """The question names two things to weigh ("X or Y", "than", "between X and Y"); Dutch "of" means "or" only
    in Dutch."""
    return any(m.group() != "of" or lang == "nl" for m in words_of()["two_sides"].finditer(folded))


_YEAR = re.compile(r"(?:19|20)\d\d")
_PERIOD = re.compile(rf"\b{_YEAR.pattern}(?:\s?[-\u2013/]\s?{_YEAR.pattern})?\b")  # "2019", "2025-2029": one side


def split_years(runs: list[list[tuple[str, int, int]]]) -> list[list[tuple[str, int, int]]]:
    """A year is its own anchor: "the 2022 Eurocities Annual Conference" names the conference and the year,
    and a release about the 2023 conference must not pass for it."""
    out = []
    for run in runs:
        years = [t for t in run if _YEAR.fullmatch(t[0])]
        rest = [t for t in run if not _YEAR.fullmatch(t[0])]
        if years and not (len(rest) == 1 and fold(rest[0][0]) in _MONTHS) and len(run) > 1:
            out += ([rest] if rest else []) + [[t] for t in years]  # "2019-2024": either year
        else:
            out.append(run)
    return out


_EITHER = {"en": "or", "fr": "ou", "nl": "of"}


@lru_cache(maxsize=8)
def _or(lang: str) -> re.Pattern:
    """The word "or" of the language, between spaces."""
    return re.compile(rf"\s{_EITHER.get(lang, 'or')}\s")


class Sides(NamedTuple):
    """What compared_sides reads: the items (label, keys), the years given to some, those asked in a renewed form
    and those asked in a first form."""

    items: tuple = ()
    years: tuple = ()
    renewed: frozenset[str] = frozenset()
    first: frozenset[str] = frozenset()


def compared_sides(question: str, folded: str, runs, evidence: Corpus, lang: str, weighed: bool) -> Sides:
    """The two items of "X or Y" / "compare X and Y" (labels and keys), empty for other questions; the years each
    named item is given in its part of the question ("India in 2017 or China in 2019", "celle de 2015 au Mexique ou
    celle de 2017 à São Paulo"): which of the partner's missions or agreements is meant; and the items asked about
    in a renewed form (_renewed). `weighed`: the question compares without a comparative word (it asks one figure
    twice, which of two events came first, or the most of two options); and those asked in a first form."""
    if not words_of()["comparative"].search(folded) and not weighed:
        return Sides()  # "offices in Brussels or Antwerp" alone is not a comparison
    places = [run for run in runs if not run[0][0][:1].isdigit() and not _is_date_label(run)]
    split, start = (m.span() if (m := _or(lang).search(question)) else None), 0
    if not split and (between := words_of()["between_sides"].search(question)):
        joint = between.span(1)  # "between X and Y": the sides stand either side of "and"
        if _named_between(places, between.start(), joint):
            split, start = joint, between.start()
    if split:
        before = [run for run in places if run[-1][2] <= split[0] and run[0][1] >= start]
        after = [run for run in places if run[0][1] >= split[1]]
        # "the Seoul delegation received by Ans Persoons, or the one at the conference in Braga": places first,
        # unless they do not tell the sides apart ("which project in Blantyre: Madzi Abwino or Nkhalango Yathu")
        partners = [[r for r in part if _is_partner(r)] for part in (before, after)]
        if all(partners) and _label(partners[0][-1]) != _label(partners[1][0]):
            before, after = partners
        chosen = ([before[-1]] if before else []) + ([after[0]] if after else [])
    else:
        chosen = [run for run in places if find_partners(" ".join(w for w, _, _ in run))][:2]
    if len(chosen) < 2:  # a change over time ("between 2015 and 2024"): each year or period is a side
        periods = periods_of(question)
        if len(periods) != 2:
            return Sides()
        return Sides(tuple((p, period_keys(p)) for p in periods), _event_years(folded, periods))
    labels = [_label(run) for run in chosen]
    # each item's part of the question: up to "or" (or up to the second item), and from there on
    middle = split or (chosen[1][0][1], chosen[1][0][1])
    parts = [question[:middle[0]], question[middle[1]:]]
    years = [(label, periods_of(part)) for label, part in zip(labels, parts)]
    compared = tuple((label, frozenset().union(*(word_keys(w, evidence) for w, _, _ in run)))
                     for label, run in zip(labels, chosen))
    # one year or period per part ("between 2019 and 2024" scopes the whole question, not one item)
    return Sides(compared, tuple((label, frozenset(map(int, _YEAR.findall(ps[0])))) for label, ps in years
                                 if len(ps) == 1), _renewed(labels, parts), _first_form(labels, parts))


def _event_years(folded: str, periods: list[str]) -> tuple:
    """The year sides that date an event ("the 2016 trade mission", "la charte de 2001", "de missie van 2018"), each
    with its year: the release published then tells that event's state, before a later release that names the year
    in passing. A year a figure is measured in ("exports in 2023", "entre 2007 et 2013") is often reported later, by
    a release that names it: such a side keeps no year."""
    events = {m.group(1) for m in words_of()["event_year"].finditer(folded)}
    return tuple((p, frozenset({int(p)})) for p in periods if p in events)


def _named_between(places, start: int, joint: tuple[int, int]) -> bool:
    """Both sides of "between X and Y" are named (capitalised words, not years or dates): "entre Ruwa Lafiya et
    Tahoua 2025" weighs two programmes; "between 2015 and 2024" is a change over time, read by its periods."""
    return any(run[0][1] >= start and run[-1][2] <= joint[0] for run in places) \
        and any(run[0][1] >= joint[1] for run in places)


def _renewed(labels: list[str], parts: list[str]) -> frozenset[str]:
    """The sides the question asks about in a renewed or later form ("the signing of the *renewed* Izmir agreement",
    "*welke stad vernieuwde* het eerst: Haifa of Surat" for both): the words of a side's own part, or of the frame
    before a colon that both sides share."""
    frame, _, first = parts[0].rpartition(":")
    said = [{fold(w) for w, _, _ in words(text)} for text in (frame, first, parts[1])]
    renewal = words_of()["renewal"]
    return frozenset(label for label, own in zip(labels, said[1:]) if (own | said[0]) & renewal)


def _first_form(labels: list[str], parts: list[str]) -> frozenset[str]:
    """The sides asked in their first form, by a word of the clause that names them ("the *first* agreement with
    Bamenda or ...", "de *eerste* fase van Ji Kènèya in Mopti of ..."): the earliest release tells that side. A
    frame the sides share ("which came first: X or Y") asks for an order, not a form."""
    first = words_of()["first"]
    return frozenset(label for label, part in zip(labels, parts)
                     if any(label in clause and first.search(fold(clause)) for clause in re.split(r"[:,;?]", part)))


def periods_of(text: str) -> list[str]:
    """The years and periods a text names, each once ("in 2019", "the 2025-2029 phase")."""
    return list(dict.fromkeys(m.group() for m in _PERIOD.finditer(text)))


def period_keys(period: str) -> frozenset[str]:
    """The keys of a year or a period's years: a quote that names one of them tells that side."""
    return frozenset().union(*(keys(y) for y in _YEAR.findall(period)))


def offers_options(folded: str, lang: str) -> bool:
    """The question offers options with the word "or" of its language ("the biggest budget: X or Y?")."""
    return bool(_or(lang).search(folded))


def parted_by_or(runs, question: str, lang: str) -> list:
    """Runs of capitalised words cut where the word "or" of the question's language stands inside one: Dutch "of"
    parts two names ("Haifa of Surat") where the English particle would join them ("City of Cork")."""
    cuts = [m.start() for m in _or(lang).finditer(question)]
    out = []
    for run in runs:
        for at in cuts:
            if run[0][2] <= at < run[-1][1]:
                out.append([t for t in run if t[2] <= at])
                run = [t for t in run if t[1] > at]
        out.append(run)
    return out


def _label(run) -> str:
    return " ".join(w for w, _, _ in run)


def _is_partner(run) -> bool:
    return bool(find_partners(" ".join(w for w, _, _ in run)))


def _is_date_label(run) -> bool:
    return any(fold(w) in _MONTHS or _YEAR.fullmatch(w) for w, _, _ in run)
