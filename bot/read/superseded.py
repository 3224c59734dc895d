"""Superseded figures: a quote that gives a figure another release corrects ("1,35 miljoen euro, en niet 1,2 miljoen
euro zoals toen aangekondigd", read at ingest time into each candidate's `fixes`). bot.read.compose shows the
correction before it; bot.read.compare never takes it as another state of a measure."""
from __future__ import annotations

from bot.corpus import as_number
from bot.read.candidates import Candidate


def correction_of(old: Candidate, ranked: list[Candidate], units: tuple[str, ...] | None = None) -> Candidate | None:
    """A quote of a release about the same partner, published no earlier, that corrects a figure the quote gives
    ("1,35 miljoen euro, en niet 1,2 miljoen euro zoals toen aangekondigd"): the figure the quote gives is
    superseded, and an answer that shows it shows the correction first. `units`: only a figure of these units
    (the ones the question asks for) counts; a corrected budget does not concern a question about who manages it."""
    fixing = [c for c in ranked if c.fixes and c is not old]
    if not fixing:
        return None
    mine = {(kind, as_number(v)) for s in old.sentences for _, v, kind in s.facts.numbers}
    partners = set(old.release.partners)
    for c in fixing:
        if not partners & set(c.release.partners):
            continue
        if c.release.published and old.release.published \
                and c.release.published.latest() < old.release.published.earliest():
            continue
        if any((kind, was) in mine and (kind, now) not in mine and (units is None or kind in units)
               for kind, was, now in c.fixes):
            return c
    return None
