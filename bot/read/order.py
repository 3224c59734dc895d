"""A follow-up that asks for what came after or before the answer it follows ("And who signed the next one?", "Et le
programme d'avant ?"): the answer lies in a release published after (or before) the one the conversation was about,
which is the release that holds most of the previous answer's names and figures."""
from __future__ import annotations

from typing import Sequence

from bot.corpus import Corpus
from bot.question.understand import capitalised
from bot.read.candidates import Candidate
from bot.records import Query
from ingest.terms import keys, words

ABOUT = 0.6  # share of the previous answer's rare words a release must hold to be the one it came from
NEAR_BEST = 0.5  # when no quote reaches the closest passages' bar: the share of the best one's score that will do


def in_order(corpus: Corpus, query: Query, found: Sequence[Candidate], bar: float) -> list[Candidate]:
    """The candidates of the release that comes next (or last before) the conversation's release among the releases
    about the same partner, the nearest whose best quote reaches `bar` (the closest passages' threshold; NEAR_BEST
    of the best quote's score when even that one does not); all of them when the conversation's release is not
    known or no such release has a quote that good."""
    if not query.order or not query.answered:
        return list(found)
    about = conversation_release(corpus, query.answered, {c.release.id: c.release for c in found})
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


def conversation_release(corpus: Corpus, answered: str, releases: dict):
    """The release among `releases` that holds most of the answer's names and figures (weighted by rarity), if it
    holds at least ABOUT of them."""
    named = [word for run in capitalised(answered) for word, _, _ in run]
    figures = [word for word, _, _ in words(answered) if word[:1].isdigit()]
    wanted = {k: corpus.idf([k]) for word in named + figures for k in keys(word) if k[:2] in ("s:", "n:")}
    total = sum(wanted.values())
    if not total:
        return None
    held = corpus.release_keys_among(releases, frozenset(wanted))
    best, share = None, 0.0
    for rid, found in held.items():
        got = sum(wanted[k] for k in found) / total
        if got > share:
            best, share = rid, got
    return releases[best] if best is not None and share >= ABOUT else None
