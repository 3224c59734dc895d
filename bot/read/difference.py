"""The difference between the two figures a comparison shows: "by how much did the budget grow?" asks for a number
no release writes (2.1 million euros for the new programme, 1.45 million for the first); it is computed from the two
quotes shown, one figure each, and said to be computed (bot.render.difference_note), so that it can be checked."""
from __future__ import annotations

from typing import Sequence

from bot.corpus import as_number
from bot.read.candidates import Candidate
from bot.read.compounds import counts_noun
from bot.read.kinds import figure_unit
from ingest.terms import fold


def difference(sides: Sequence[Candidate], kind: str | None, heads: Sequence[frozenset[str]] = ()
               ) -> tuple[float, str, tuple[float, float]] | None:
    """(how far apart the two sides' figures are, their unit word: "euro", "percent" or none, the two figures) when
    the comparison is of figures and each side's quote gives exactly one figure of the compared unit (the corrected
    one, when its quote corrects another) and, for counts of a noun the question names (`heads`), one that counts
    it: 9,000 plots and ten towns are no difference of plots; None otherwise: a difference of the wrong figures
    would mislead."""
    unit = figure_unit(kind)
    if unit is None or len(sides) != 2:
        return None
    values = [_one_value(c, unit, heads if unit == "count" else ()) for c in sides]
    if None in values or values[0] == values[1]:
        return None
    return abs(values[0] - values[1]), unit_word(unit, sides), (values[0], values[1])


def unit_word(unit: str, quotes: Sequence[Candidate]) -> str:
    """The word a computed difference is given in: "percent", "euro" when every quote writes euros, else none."""
    return "percent" if unit == "percent" else "euro" if unit == "money" and all(_in_euros(c) for c in quotes) else ""


def _one_value(c: Candidate, unit: str, heads: Sequence[frozenset[str]] = ()) -> float | None:
    """The quote's one figure of the unit: the new value of a correction it gives, else its only one, which must
    count one of `heads` when they are given. A quote that carries the lines of a list ("three successive
    agreements: 2008-2011: €1.2 million ...") may show figures its sentence does not: none is then its one figure."""
    if c.end > c.sentences[-1].end:
        return None
    fixed = {new for kind, _, new in c.fixes if kind == unit}
    rejected = {old for kind, old, _ in c.fixes if kind == unit}
    given = [(s, pos, as_number(v)) for s in c.sentences for pos, v, u in s.facts.numbers if u == unit]
    found = fixed or {v for _, _, v in given if v is not None} - rejected
    if len(found) != 1:
        return None
    value = next(iter(found))
    if heads and not fixed and not any(v == value and any(counts_noun(s, pos, head) for head in heads)
                                       for s, pos, v in given):
        return None  # the one figure counts something else than the noun compared
    return value


def _in_euros(c: Candidate) -> bool:
    folded = fold(c.quote)
    return "eur" in folded or "€" in c.quote
