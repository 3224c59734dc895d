"""Hybrid retrieval: dense (Chroma) + BM25 + glossary-aware term coverage, fused by reciprocal rank, then
release metadata (filters, partners, dates) and a per-release cap so one long release cannot crowd out the rest."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Sequence

from bot.analysis import Analysis
from bot.evidence import Evidence
from bot.glossary import default_glossary, fold, words
from bot.records import Passage, Query
from ingest.metadata.partners import canonical_partner
from ingest.records import Chunk, PartialDate, Release

log = logging.getLogger(__name__)
RRF_K = 10  # small: a top rank in one list should beat middling ranks in all three
LEAD_BONUS = 1.1
NON_ENGLISH_DENSE = 0.5  # the bundled embedding model reads English only: its ranks count less elsewhere


@dataclass(frozen=True)
class Filters:
    """Hard limits set by the caller (not guessed from the question): releases outside are never used."""

    since: PartialDate | None = None
    until: PartialDate | None = None
    partners: tuple[str, ...] = ()
    lang: str | None = None

    def admits(self, release: Release) -> bool:
        if self.lang and release.lang != self.lang:
            return False
        if (self.since or self.until) and release.published is None:
            return False
        if self.since and release.published.latest() < self.since.earliest():
            return False
        if self.until and release.published.earliest() > self.until.latest():
            return False
        if self.partners:
            wanted = {fold(canonical_partner(p) or p) for p in self.partners}
            if not wanted & {fold(p) for p in release.partners}:
                return False
        return True

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.partners or self.lang)


TRANSLATED = 0.8  # a match through the glossary or a cognate prefix is less certain than the same word


def coverage(analysis: Analysis, found: frozenset[str], *, ranking: bool = True) -> float:
    """Share of the question's term weight whose keys occur in `found` (translated matches count a bit less);
    `ranking` weighs the asked-for noun up, which must not decide whether to abstain."""
    weighted = analysis.weighted
    which = 1 if ranking else 2
    total = sum(row[which] for row in weighted)
    if total <= 0:
        return 0.0
    got = 0.0
    for row in weighted:
        shared = row[0] & found
        if shared:
            got += row[which] * (1.0 if any(k[0] in "sno" for k in shared) else TRANSLATED)
    return got / total


class Retriever:
    """Finds the passages an answer may draw on; safe to share between threads."""

    def __init__(self, store, embedder, evidence: Evidence, *, top_k: int = 8, per_release: int = 4,
                 candidates: int = 40):
        self.store, self.embedder, self.evidence = store, embedder, evidence
        self.top_k, self.per_release, self.candidates = top_k, per_release, candidates
        self._lock = threading.Lock()  # one store query at a time: Chroma's client is not documented thread-safe
        self.chunks: dict[str, Chunk] = {c.id: c for c in store.chunks() if not c.boilerplate}
        self.chunk_keys = {
            cid: frozenset().union(*(s.keys for s in evidence.overlapping(c.release_id, c.start, c.end)))
            for cid, c in self.chunks.items()
        }

    def search(self, query: Query, analysis: Analysis, filters: Filters = Filters()) -> list[Passage]:
        releases = self.evidence.releases
        allowed = {rid for rid, r in releases.items() if filters.admits(r)} if filters.active else None
        if allowed is not None and not allowed:
            return []
        vector = self.embedder.embed_query(self._dense_text(query))
        with self._lock:
            dense = self.store.dense_search(vector, self.candidates, where_release_ids=allowed)
            keyword = self.store.keyword_search(" ".join((query.resolved,) + query.expansions), self.candidates)
        admitted = [c for c, _ in keyword if allowed is None or c.release_id in allowed]
        ranked_lists = [[c.id for c, _ in dense if c.id in self.chunks],
                        [c.id for c in admitted if c.id in self.chunks]]
        pool = set(ranked_lists[0]) | set(ranked_lists[1])
        # ties broken by chunk id, not by set order (which changes with Python's hash seed from run to run)
        lexical = sorted(pool, key=lambda cid: (-coverage(analysis, self.chunk_keys[cid]), cid))
        ranked_lists.append(lexical)
        fused: dict[str, float] = {}
        for which, ranked in enumerate(ranked_lists):
            for rank, cid in enumerate(ranked):
                weight = 1.0
                if which == 0 and (query.lang != "en" or releases[self.chunks[cid].release_id].lang != "en"):
                    weight = NON_ENGLISH_DENSE
                fused[cid] = fused.get(cid, 0.0) + weight / (RRF_K + rank + 1)
        # The lead of a release says who, what, when and where: a small prior for its first chunk.
        scored = [(fused[cid] * self._release_boost(query, analysis, releases[self.chunks[cid].release_id])
                   * (LEAD_BONUS if self.chunks[cid].index == 0 else 1.0), cid) for cid in fused]
        return self._diverse(sorted(scored, reverse=True))

    def _dense_text(self, query: Query) -> str:
        """The question plus English glossary words: the bundled embedding model only reads English well."""
        if query.lang == "en":
            return query.resolved
        glossary = default_glossary()
        english = []
        for word, _, _ in words(query.text):
            for concept in sorted(glossary.concepts_of(word)):
                english.extend(glossary.forms(concept, "en")[:1])
        return " ".join([query.resolved] + list(dict.fromkeys(english)))

    def _release_boost(self, query: Query, analysis: Analysis, release: Release) -> float:
        boost = 0.5 + coverage(analysis, self.evidence.release_keys[release.id], ranking=False)
        if query.partners and {fold(p) for p in query.partners} & {fold(p) for p in release.partners}:
            boost *= 1.15
        published = release.published
        if published and (analysis.soft_since or analysis.soft_until):
            inside = (not analysis.soft_since or published.latest() >= analysis.soft_since.earliest()) and (
                not analysis.soft_until or published.earliest() <= analysis.soft_until.latest())
            boost *= 1.15 if inside else 0.85
        if query.wants_latest and published:
            newest = max((r.published for r in self.evidence.releases.values() if r.published), default=published)
            boost *= 1.0 + 0.3 / (1 + (newest.earliest() - published.earliest()).days / 365)
        return boost

    def _diverse(self, scored: Sequence[tuple[float, str]]) -> list[Passage]:
        taken: dict[str, int] = {}
        out = []
        for score, cid in scored:
            chunk = self.chunks[cid]
            if taken.get(chunk.release_id, 0) >= self.per_release:
                continue
            taken[chunk.release_id] = taken.get(chunk.release_id, 0) + 1
            out.append(Passage(chunk, self.evidence.releases[chunk.release_id], score))
            if len(out) >= self.top_k:
                break
        return out
