"""The order of a comparison's two dates: "which came first: the Tamale agreement or the Goma one?", "avant ou après
?" asks for an order no release writes. It is read from the two quotes shown, only when every date one side's quote
gives lies before every date the other's gives, and said to be read from them (bot.render.order_note), so that it can
be checked."""
from __future__ import annotations

from typing import Sequence

from bot.read.candidates import Candidate
from ingest.records import PartialDate


def date_order(sides: Sequence[Candidate], labels: Sequence[str], kind: str | None
               ) -> tuple[tuple[str, PartialDate], tuple[str, PartialDate], bool] | None:
    """((first side's name, its date), (second side's name, its date), whether the first comes before the second)
    for a comparison of dates between two named sides ("**Tamale:**"); None when a side's quote gives no date or
    the two quotes' dates overlap (a range, a year against a day of that year): no order is then certain."""
    if kind != "date" or len(sides) != 2 or not all(label.startswith("**") for label in labels):
        return None
    dates = [[PartialDate.parse(d) for s in c.sentences for d in s.facts.dates] for c in sides]
    if not all(dates):
        return None
    (a, b), names = dates, [label.strip("*: ") for label in labels]
    if max(d.latest() for d in a) < min(d.earliest() for d in b):
        before = True
    elif max(d.latest() for d in b) < min(d.earliest() for d in a):
        before = False
    else:
        return None
    return (names[0], _shown(a)), (names[1], _shown(b)), before


def _shown(dates: list[PartialDate]) -> PartialDate:
    """The side's date to show: the first one written of the most precise ("signed on 21 May 2007 for 2007-2009")."""
    precise = max(len(d.iso()) for d in dates)
    return next(d for d in dates if len(d.iso()) == precise)
