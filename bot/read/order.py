"""A follow-up that asks for what came after or before the answer it follows ("And who signed the next one?", "Et le
programme d'avant ?"): the answer lies in a release published after (or before) the one the conversation was about,
the release whose quotes hold most of the conversation's words (the "conversation" signal, bot.read.signals)."""
from __future__ import annotations

from typing import Sequence

from bot.read.candidates import Candidate
from bot.read.compose import CONVERSATION
from bot.records import Query

NEAR_BEST = 0.5  # when no quote reaches the closest passages' bar: the share of the best one's score that will do


def in_order(query: Query, found: Sequence[Candidate], bar: float) -> list[Candidate]:
    """The candidates of the release that comes next (or last before) the conversation's release among the releases
    about the same partner, the nearest whose best quote reaches `bar` (the closest passages' threshold; NEAR_BEST
    of the best quote's score when even that one does not); all of them when the conversation's release is not
    known or no such release has a quote that good."""
    if not query.order:
        return list(found)
    best = max(found, key=lambda c: c.features.get("conversation", 0.0), default=None)
    about = best.release if best is not None and best.features.get("conversation", 0.0) >= CONVERSATION else None
    if about is None or about.published is None:
        return list(found)
    when, partners = about.published.earliest(), set(about.partners)
    by_release: dict[str, list[Candidate]] = {}
    for c in found:
        published = c.release.published
        if published and partners & set(c.release.partners) and (
                published.earliest() > when if query.order == "later" else published.earliest() < when):
            by_release.setdefault(c.release.id, []).append(c)
    nearest = sorted(by_release.values(), key=lambda cs: abs((cs[0].release.published.earliest() - when).days))
    floor = min(bar, NEAR_BEST * max((c.p for c in found), default=0.0))
    return next((cs for cs in nearest if max(c.p for c in cs) >= floor), list(found))
