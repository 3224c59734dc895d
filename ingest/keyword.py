"""BM25 keyword search over chunk texts, kept per release so that it follows the catalog release by release.

Each release's postings (word hash, chunk, count) are computed once at ingest time and stored with its record.
Search reads a saved snapshot of many releases (memory-mapped arrays) plus the releases written since, and leaves
out releases that changed or left: rarity (idf) and mean length are computed at search time over what is live, so
scores equal those of a BM25 index built from scratch over the same chunks (Lucene's variant, as bm25s computes it).
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

# Light stopwords: only words so frequent that they carry no meaning in press releases (en, fr, nl).
STOPWORDS = frozenset(
    """a an and are as at be by for from has have in is it its of on or that the this to was were will with
    au aux avec ce ces dans de des du elle en est et il la le les leur lui ne ont ou par pas pour qu que qui sa se
    ses son sur un une d l s j n c m qu
    aan als bij dat de die dit een en er het hij in is met naar niet of om ook op te tot van voor was werd worden zijn
    ze zich""".split()
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
K1, B = 1.5, 0.75


def fold(text: str) -> str:
    """Lowercase without accents: 'Genève' and 'geneve' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    """Folded words and numbers; '25,9' and '162,000' stay whole, plus their digits alone ('162000') to match '162.000'."""
    tokens = []
    for token in _TOKEN.findall(fold(text)):
        if token in STOPWORDS:
            continue
        tokens.append(token)
        if token[0].isdigit() and not token.isalnum():
            tokens.append(re.sub(r"\D", "", token))
    return tokens


@lru_cache(maxsize=1 << 18)
def term_hash(token: str) -> int:
    """A word as a 64-bit number (collisions are astronomically unlikely at our vocabulary sizes)."""
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")


def postings(docs: Sequence[tuple[int, str]]) -> bytes:
    """The postings of one release's documents, given as (chunk index, text): what its share of the index needs."""
    lengths, terms, post_doc, tfs = [], [], [], []
    for position, (_, text) in enumerate(docs):
        tokens = tokenize(text)
        lengths.append(max(len(tokens), 1))  # an empty document counts one (empty) token, as in bm25s
        for token, n in Counter(tokens).items():
            terms.append(term_hash(token))
            post_doc.append(position)
            tfs.append(n)
    head = np.array([len(docs), len(terms)], dtype="<u4").tobytes()
    return b"".join([head, np.array([c for c, _ in docs], dtype="<i4").tobytes(), np.array(lengths, "<i4").tobytes(),
                     np.array(terms, "<u8").tobytes(), np.array(post_doc, "<i4").tobytes(), np.array(tfs, "<i4").tobytes()])


def _decode(blob: bytes) -> tuple[np.ndarray, ...]:
    n_docs, n_post = (int(x) for x in np.frombuffer(blob, "<u4", 2))
    at, out = 8, []
    for dtype, n in (("<i4", n_docs), ("<i4", n_docs), ("<u8", n_post), ("<i4", n_post), ("<i4", n_post)):
        out.append(np.frombuffer(blob, dtype, n, at))
        at += n * np.dtype(dtype).itemsize
    return tuple(out)  # doc chunk, doc length, term, posting doc, tf


@dataclass(frozen=True)
class Segment:
    """Postings of some releases, grouped by word: terms (sorted hashes) with offsets into post_doc/post_tf."""

    releases: tuple[str, ...]
    terms: np.ndarray
    offsets: np.ndarray
    post_doc: np.ndarray
    post_tf: np.ndarray
    doc_release: np.ndarray  # index into releases
    doc_chunk: np.ndarray
    doc_len: np.ndarray

    @classmethod
    def build(cls, items: Iterable[tuple[str, bytes]]) -> "Segment":
        releases, chunks, lengths, owners, terms, docs, tfs, n_docs = [], [], [], [], [], [], [], 0
        for release_id, blob in items:
            chunk, length, term, post_doc, tf = _decode(blob)
            owners.append(np.full(len(chunk), len(releases), dtype=np.int32))
            releases.append(release_id)
            chunks.append(chunk), lengths.append(length), terms.append(term), tfs.append(tf)
            docs.append(post_doc + n_docs)
            n_docs += len(chunk)
        join = (lambda parts, dtype: np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype))
        term, doc, tf = join(terms, np.uint64), join(docs, np.int32), join(tfs, np.int32)
        order = np.argsort(term, kind="stable")
        unique, starts = np.unique(term[order], return_index=True)
        return cls(tuple(releases), unique, np.append(starts, len(term)).astype(np.int64), doc[order], tf[order],
                   join(owners, np.int32), join(chunks, np.int32), join(lengths, np.int32))

    def find(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        at = int(np.searchsorted(self.terms, np.uint64(term)))
        if at == len(self.terms) or int(self.terms[at]) != term:
            return _EMPTY, _EMPTY
        return self.post_doc[self.offsets[at]:self.offsets[at + 1]], self.post_tf[self.offsets[at]:self.offsets[at + 1]]


_EMPTY = np.zeros(0, dtype=np.int32)


class KeywordIndex:
    """BM25 over the live documents of some segments; `.search` returns (release id, chunk index, score), best first,
    ties in release id and chunk order."""

    def __init__(self, parts: Sequence[tuple[Segment, np.ndarray]]):
        """parts: (segment, which of its releases are live)."""
        self._parts = [(segment, np.asarray(live, dtype=bool)[segment.doc_release] if len(segment.doc_release)
                        else np.zeros(0, dtype=bool)) for segment, live in parts]
        self.n_docs = sum(int(docs.sum()) for _, docs in self._parts)
        total = sum(int(segment.doc_len[docs].sum()) for segment, docs in self._parts)
        self._avgdl = total / self.n_docs if self.n_docs else 1.0
        # per document, BM25's length normalisation (the same for every word) and whether any is dead: computed
        # once, not for each of a question's words over postings that cover most of a large archive
        self._norms = [K1 * ((1 - B) + B * segment.doc_len / self._avgdl) for segment, _ in self._parts]
        self._all_live = [bool(live.all()) for _, live in self._parts]

    def search(self, query: str, k: int) -> list[tuple[str, int, float]]:
        tokens = [t for t in tokenize(query) if t]
        if not tokens or k <= 0 or not self.n_docs:
            return []
        scores = [np.zeros(len(segment.doc_len), dtype=np.float32) for segment, _ in self._parts]
        for token in tokens:  # repeated words count again, in order (float32 sums as bm25s does them)
            found = []
            for (segment, live), all_live, norm, score in zip(self._parts, self._all_live, self._norms, scores):
                docs, tfs = segment.find(term_hash(token))
                if not all_live:
                    keep = live[docs]
                    docs, tfs = docs[keep], tfs[keep]
                found.append((norm, score, docs, tfs))
            df = sum(len(docs) for _, _, docs, _ in found)
            if not df:
                continue
            idf = np.float32(math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5)))
            for norm, score, docs, tfs in found:
                tf = tfs.astype(np.float64)
                tfc = tf / (norm[docs] + tf)
                np.add.at(score, docs, (np.float64(idf) * tfc).astype(np.float32))
        return self._best(scores, k)

    def _best(self, scores: list[np.ndarray], k: int) -> list[tuple[str, int, float]]:
        hits = []
        for (segment, _), score in zip(self._parts, scores):
            docs = np.flatnonzero(score > 0)
            if len(docs) > k:  # keep the k best and every document tied with the k-th
                floor = np.partition(score[docs], len(docs) - k)[len(docs) - k]
                docs = docs[score[docs] >= floor]
            hits += [(float(score[d]), segment.releases[segment.doc_release[d]], int(segment.doc_chunk[d]))
                     for d in docs.tolist()]
        hits.sort(key=lambda h: (-h[0], h[1], h[2]))
        return [(release_id, chunk, s) for s, release_id, chunk in hits[:k]]
