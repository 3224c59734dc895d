"""Superseded figures: a quote that gives a figure another release corrects ("1,35 miljoen euro, en niet 1,2 miljoen
euro zoals toen aangekondigd", read at ingest time into each candidate's `fixes`). bot.read.compose shows the
correction before it; bot.read.compare never takes it as another state of a measure."""
from __future__ import annotations

from bot.corpus import as_number, published_no_earlier
from bot.question.analysis import Analysis
from bot.read.candidates import Candidate
from bot.read.kinds import asked_units
from bot.read.leads import FIGURES
from bot.read.lists import overlap


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
        if not partners & set(c.release.partners) or not published_no_earlier(c.release, old.release):
            continue
        if any((kind, was) in mine and (kind, now) not in mine and (units is None or kind in units)
               for kind, was, now in c.fixes):
            return c
    return None


def corrections_first(chosen: list[Candidate], ranked: list[Candidate],
                      analysis: Analysis | None) -> list[Candidate]:
    """Each quote that gives a figure of the kind asked for that another release corrects comes after that
    correction: the superseded figure is never shown as if it stood."""
    if not (units := figure_units(analysis)):
        return chosen
    out = list(chosen)
    for c in chosen:
        if (fix := correction_of(c, ranked, units)) is not None:
            put_before(out, c, fix)
    return out


def put_before(out: list[Candidate], c: Candidate, fix: Candidate) -> None:
    """Shows the correction `fix` before the quote `c` it corrects: inserted, or moved when it (or a quote
    overlapping it) is shown after `c`."""
    shown = next((o for o in out if o is fix or overlap(fix, o)), None)
    if shown is not None:
        if out.index(shown) < out.index(c):
            return
        out.remove(shown)
    out.insert(out.index(c), shown or fix)


def fix_to_show(c: Candidate, ranked: list[Candidate], shown: list[Candidate], analysis: Analysis) -> Candidate | None:
    """The correction of a figure of the kind asked for that the quote gives, unless it (or a quote overlapping it)
    is shown already."""
    units = figure_units(analysis)
    fix = correction_of(c, ranked, units) if units else None
    return fix if fix is not None and not any(fix is o or overlap(fix, o) for o in shown) else None


def figure_units(analysis: Analysis | None) -> tuple[str, ...]:
    """The units of the figure the question asks for (none when it asks for no figure)."""
    kind = analysis.needs[0] if analysis is not None and analysis.needs else None
    return asked_units(kind) if kind in FIGURES else ()
