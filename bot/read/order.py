"""A follow-up that asks for what came after or before the answer it follows ("And who signed the next one?", "Et le
programme d'avant ?"): the answer lies in a release published after (or before) the one the conversation was about,
the release whose quotes hold most of the conversation's words (the "conversation" signal, bot.read.signals)."""
from __future__ import annotations

from typing import Sequence

from bot.question.analysis import Analysis
from bot.question.words import words_of
from bot.read.candidates import Candidate
from bot.read.compose import CONVERSATION
from bot.read.kinds import kind_positions
from bot.records import Query
from ingest.terms import fold

NEAR_BEST = 0.5  # when no quote reaches the closest passages' bar: the share of the best one's score that will do


def in_order(query: Query, analysis: Analysis, found: Sequence[Candidate], bar: float) -> list[Candidate]:
    """The candidates of the release that comes next (or last before) the conversation's release among the releases
    about the same partner, the nearest whose best quote reaches `bar` (the closest passages' threshold; NEAR_BEST
    of the best quote's score when even that one does not); all of them when the conversation's release is not
    known or no such release has a quote that good. A person's predecessor or successor is first looked for in a
    sentence that tells the succession itself (succession)."""
    if not query.order:
        return list(found)
    if told := succession(query, analysis, found):
        return told
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


def succession(query: Query, analysis: Analysis, found: Sequence[Candidate]) -> list[Candidate]:
    """"Who held that office before her?", "En wie was zijn opvolger?": a sentence that tells a succession
    ("elected in 2018, succeeding Tomasz Wielgosz", "a succédé à", "volgde ... op") between the person the
    conversation named and another one, in the direction asked, answers in whichever release it stands (often the
    one the conversation was about, not the one before it). Empty when the question asks for no person or no such
    sentence was found."""
    if analysis.needs[:1] != ("person",):
        return []
    told = analysis.known_keys - analysis.question_keys  # the conversation's own words
    return [c for c in found if _succession(c.sentences, told) == query.order]


def _succession(sentences, told: frozenset[str]) -> str | None:
    """"earlier" when the quote names the predecessor of a person the conversation named, "later" its successor,
    None when it tells no succession. "A succeeded B", "A a succédé à B", "A volgde B op": A came later; "B was
    succeeded by A", "remplacée par", "opgevolgd door" say it the other way round; "her predecessor, B" and "his
    successor, A" name the other person after the noun. The quote is read as one text: "Kusumawati took office in
    January 2023. She succeeded Hendra Prasetyo" names the successor a sentence before the verb."""
    data = words_of()
    folded, known, other = [], [], []
    for s in sentences:
        unknown = kind_positions("person", s, told)  # names the conversation did not give
        other += [len(folded) + pos for pos in unknown]
        known += [len(folded) + pos for pos in kind_positions("person", s, frozenset()) if pos not in unknown]
        folded += [fold(w) for w, _, _ in s.tokens]
    at = next((i for i, w in enumerate(folded) if w in data["succession"]), None)
    if at is None or not known or not other:
        return None
    after = any(pos > at for pos in other)
    if folded[at] in data["predecessor_nouns"] | data["successor_nouns"]:
        return ("earlier" if folded[at] in data["predecessor_nouns"] else "later") if after else None
    passive = folded[at + 1:at + 2] in (["by"], ["par"], ["door"])
    if after and any(pos < at for pos in known):
        return "later" if passive else "earlier"
    if not after and any(pos > at for pos in known):
        return "earlier" if passive else "later"
    return None
