"""Hybrid retrieval: dense (Chroma) + BM25 + glossary-aware term coverage, fused by reciprocal rank, then
release metadata (filters, partners, dates) and a per-release cap so one long release cannot crowd out the rest."""
from __future__ import annotations

import logging
import threading
from typing import Collection, Sequence

from functools import lru_cache

from bot.corpus import Corpus
from bot.question.analysis import Analysis
from bot.records import Passage, Query
from bot.retrieve.corrections import correcting_passages, renaming_passages
from bot.retrieve.filters import Filters
from ingest.records import Chunk, Release
from ingest.terms import default_glossary, fold, words

log = logging.getLogger(__name__)
RRF_K = 10  # small: a top rank in one list should beat middling ranks in all three
LEAD_BONUS = 1.1
NON_ENGLISH_DENSE = 0.5  # the bundled embedding model reads English only: its ranks count less elsewhere
WHOLE_RELEASES = 3  # the best releases are read whole (see Retriever.read_whole)
WHOLE_SIDES = 6  # at most this many releases about a compared partner are read whole too


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

    def __init__(self, store, embedder, corpus: Corpus, *, top_k: int = 8, per_release: int = 4,
                 candidates: int = 40):
        self.store, self.embedder, self.corpus = store, embedder, corpus
        self.top_k, self.per_release, self.candidates = top_k, per_release, candidates
        self._lock = threading.Lock()  # one store query at a time: Chroma's client is not documented thread-safe

    @lru_cache(maxsize=8192)
    def chunk_keys(self, chunk: Chunk) -> frozenset[str]:
        return self.corpus.keys_between(chunk.release_id, chunk.start, chunk.end)

    def search(self, query: Query, analysis: Analysis, filters: Filters = Filters(), *, allowed=None,
               top_k: int | None = None, per_release: int | None = None, candidates: int | None = None
               ) -> list[Passage]:
        """The best passages for the question; `allowed` (release ids) is the scope when filters are active."""
        if allowed is not None and not allowed:
            return []
        n = candidates or self.candidates
        vector = self.embedder.embed_query(self._dense_text(query))
        with self._lock:
            dense = self.store.dense_search(vector, n, where_release_ids=allowed)
            keyword = self.store.keyword_search(" ".join((query.resolved,) + query.expansions), n)
        chunks = {c.id: c for c, _ in dense}
        chunks.update({c.id: c for c, _ in keyword if (allowed is None or c.release_id in allowed)
                       and not c.boilerplate})
        ranked_lists = [[c.id for c, _ in dense], [c.id for c, _ in keyword if c.id in chunks]]
        self.corpus.read_sentences_ahead({c.release_id for c in chunks.values()})  # their sentences give the chunks' keys
        # ties broken by chunk id, not by set order (which changes with Python's hash seed from run to run)
        lexical = sorted(chunks, key=lambda cid: (-coverage(analysis, self.chunk_keys(chunks[cid])), cid))
        ranked_lists.append(lexical)
        releases = {rid: self.corpus.release(rid) for rid in {c.release_id for c in chunks.values()}}
        asked = frozenset().union(*(row[0] for row in analysis.weighted))  # the question's keys: which each release
        # holds weighs its passages (the release prior)
        held = self.corpus.release_keys_among(releases, asked)
        newest = max((r.published for r in releases.values() if r.published), default=None)
        fused: dict[str, float] = {}
        for which, ranked in enumerate(ranked_lists):
            for rank, cid in enumerate(ranked):
                weight = 1.0
                if which == 0 and (query.lang != "en" or releases[chunks[cid].release_id].lang != "en"):
                    weight = NON_ENGLISH_DENSE
                fused[cid] = fused.get(cid, 0.0) + weight / (RRF_K + rank + 1)
        # The lead of a release says who, what, when and where: a small prior for its first chunk.
        scored = [(fused[cid] * self._release_boost(query, analysis, releases[chunks[cid].release_id], newest, held)
                   * (LEAD_BONUS if chunks[cid].index == 0 else 1.0), cid) for cid in fused]
        return self._diverse(sorted(scored, reverse=True), chunks, releases, top_k or self.top_k,
                             per_release or self.per_release)

    def complete_lists(self, passages: Sequence[Passage]) -> list[Passage]:
        """A list that a chunk boundary cuts is read whole: the chunks holding the rest of it are retrieved too."""
        out, have = list(passages), {p.chunk.id for p in passages}
        for p in passages:
            ends = [s.facts.list_end for s in self.corpus.overlapping(p.release.id, p.chunk.start, p.chunk.end)
                    if s.facts.list_end and s.facts.list_end > p.chunk.end]
            if not ends:
                continue
            for c in self._chunks_in_order(p.release.id):
                if c.index > p.chunk.index and c.start < max(ends) and c.id not in have and not c.boilerplate:
                    out.append(Passage(c, p.release, p.score))
                    have.add(c.id)
        return out

    def read_whole(self, passages: Sequence[Passage], releases: int = WHOLE_RELEASES,
                   also: Collection[str] = ()) -> list[Passage]:
        """The `releases` best releases, and the retrieved releases `also` names, are read whole: an answer often
        sits in a chunk that shares few words with the question (the items under "three themes:", the figure in
        the next paragraph, the name a sentence refers back to). Their other chunks are retrieved too, scored as
        their release's weakest retrieved passage, after the passages the search found."""
        out, have = list(passages), {p.chunk.id for p in passages}
        best: dict[str, Passage] = {}
        for p in passages:  # the weakest retrieved passage of each of the best releases
            if p.release.id in best or len(best) < releases or p.release.id in also:
                best[p.release.id] = p
        for release_id, weakest in best.items():
            for c in self._chunks_in_order(release_id):
                if c.id not in have and not c.boilerplate:
                    out.append(Passage(c, weakest.release, weakest.score))
                    have.add(c.id)
        return out

    def with_corrections(self, passages: Sequence[Passage], people: bool = False) -> list[Passage]:
        """The passages, and those of later releases that correct a figure they give, or with `people` (a question
        about a person) a person they name (bot.retrieve.corrections)."""
        added = correcting_passages(self.corpus, passages, self._chunks_in_order)
        if people:
            added += renaming_passages(self.corpus, list(passages) + added, self._chunks_in_order)
        return list(passages) + added

    def _chunks_in_order(self, release_id: str) -> list[Chunk]:
        with self._lock:
            return sorted(self.store.chunks_of(release_id), key=lambda c: c.index)

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

    @staticmethod
    def _release_boost(query: Query, analysis: Analysis, release: Release, newest, held) -> float:
        boost = 0.5 + coverage(analysis, held[release.id], ranking=False)
        if query.partners and {fold(p) for p in query.partners} & {fold(p) for p in release.partners}:
            boost *= 1.15
        published = release.published
        if published and (analysis.soft_since or analysis.soft_until):
            inside = (not analysis.soft_since or published.latest() >= analysis.soft_since.earliest()) and (
                not analysis.soft_until or published.earliest() <= analysis.soft_until.latest())
            boost *= 1.15 if inside else 0.85
        if query.wants_latest and published and newest:
            boost *= 1.0 + 0.3 / (1 + (newest.earliest() - published.earliest()).days / 365)
        return boost

    @staticmethod
    def _diverse(scored: Sequence[tuple[float, str]], chunks, releases, top_k: int, per_release: int) -> list[Passage]:
        taken: dict[str, int] = {}
        out = []
        for score, cid in scored:
            chunk = chunks[cid]
            if taken.get(chunk.release_id, 0) >= per_release:
                continue
            taken[chunk.release_id] = taken.get(chunk.release_id, 0) + 1
            out.append(Passage(chunk, releases[chunk.release_id], score))
            if len(out) >= top_k:
                break
        return out
