"""Measures that the sides of a comparison, a plan and its outcome, or two states of one figure share: the figures
of one unit, their order of magnitude, the release's day, how much two quotes say the same thing, their partner."""
from __future__ import annotations

from typing import Callable

from bot.question.understand import capitalised, naming_runs
from bot.read.candidates import Candidate
from bot.read.kinds import figure_unit
from bot.read.leads import values
from bot.records import Query
from ingest.terms import keys


def measure_of(first: Candidate, kind: str | None):
    """What a side of a comparison gives: its dates or persons when those are compared ("who then, and who now?"),
    else its figures of the units the first side's figures have (the unit asked for, when the question names one)."""
    if kind in ("date", "person"):
        return lambda c: values(c, kind)
    unit = figure_unit(kind)
    units = {unit} if unit else {u for f in (s.facts for s in first.sentences)
                                          for _, _, u in f.numbers if u != "duration"}
    if not units:
        return lambda c: values(c, "date")
    return lambda c: frozenset(v for s in c.sentences for _, v, u in s.facts.numbers if u in units)


def published_day(c: Candidate) -> int:
    """The release's first possible publication day (an ordinal; undated releases last)."""
    return c.release.published.earliest().toordinal() if c.release.published else 10 ** 7


def same_order(theirs: frozenset[str], mine: frozenset[str]) -> bool:
    """A figure of one is within a factor of ten of a figure of the other (dates always are)."""
    def number(v: str) -> float | None:
        try:
            return abs(float(v))
        except ValueError:
            return None
    a = [x for x in map(number, theirs) if x]
    b = [x for x in map(number, mine) if x]
    return not a or not b or any(0.1 <= x / y <= 10 for x in a for y in b)


def alike(c: Candidate, first: Candidate) -> float:
    """How much the quote's words are the first side's (cosine of their key sets): the same measure told again."""
    a, b = c.keys, first.keys
    return len(a & b) / ((len(a) * len(b)) ** 0.5) if a and b else 0.0


def named_partner(query: Query) -> Callable[[Candidate], bool] | None:
    """Whether a quote's release is about the partner the question names, or, for a partner the gazetteers do not
    know (a small town, whose releases have none), whether it holds what the question or the one before it named
    ("Kérou", "Tsumeb Skills Centre"), read in the release's keys; None when the question names neither."""
    partners = set(query.partners)
    if partners:
        return lambda c: bool(partners & set(c.release.partners))
    runs = [tuple(keys(w) for w, _, _ in run) for run in naming_runs(capitalised(query.text)
                                                                       + capitalised(query.previous))]
    if not runs:
        return None
    return lambda c: any(all(k & c.release_keys for k in run) for run in runs)


def partner_of(quote: Candidate) -> Callable[[Candidate], bool]:
    """Whether a quote's release shares a partner with `quote`'s, or, when that has none, is the same release."""
    partners = set(quote.release.partners)
    if partners:
        return lambda c: bool(partners & set(c.release.partners))
    return lambda c: c.release.id == quote.release.id
