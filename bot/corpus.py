"""The reader's view of the store: releases, their sentences with the facts found at ingest time, word keys and
rarity. Everything is read on demand and kept in bounded caches: opening it reads nothing per release."""
from __future__ import annotations

import bisect
import math
import threading
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable, Sequence, overload

from ingest.entry import SentenceRows
from ingest.records import Release, SentenceFacts
from ingest.terms import keys, langs_for, spelled_numbers, text_keys, words

MONTHS_EN = "January February March April May June July August September October November December".split()
ABSENT_DF = 2
ABSENT_SHARE = 0.5  # a word the corpus never uses weighs half as much: it may be the asker's paraphrase
CORRECTIONS_CACHE = 8192  # releases whose corrections are kept


@dataclass(frozen=True)
class Sentence:
    """One sentence of a release: its facts from ingestion and its word keys."""

    release_id: str
    facts: SentenceFacts
    text: str
    lang: str
    stored_keys: frozenset[str] | None = None  # computed at ingest time (the same as .keys computes)

    @property
    def index(self) -> int:
        return self.facts.index

    @property
    def start(self) -> int:
        return self.facts.start

    @property
    def end(self) -> int:
        return self.facts.end

    @cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        return words(self.text)

    @cached_property
    def token_keys(self) -> tuple[frozenset[str], ...]:
        langs = langs_for(self.lang)
        return tuple(keys(w, langs) for w, _, _ in self.tokens)

    @cached_property
    def keys(self) -> frozenset[str]:
        if self.stored_keys is not None:
            return self.stored_keys
        extra = {f"{'o' if o else 'n'}:{v}" for _, _, v, o in spelled_numbers(self.text)}
        return frozenset().union(extra, *self.token_keys)


class Sentences(Sequence[Sentence]):
    """A release's sentences, each built when first read (from ingest.entry.SentenceRows); thread-safe: two threads
    building the same sentence build equal ones."""

    def __init__(self, release: Release, rows: SentenceRows):
        self.release, self.rows = release, rows
        self._built: list[Sentence | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._built)

    @overload
    def __getitem__(self, index: int) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Sentence, ...]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        built = self._built[index]
        if built is None:
            release, facts = self.release, self.rows.facts(index)
            built = self._built[index] = Sentence(release.id, facts, release.text[facts.start:facts.end], release.lang,
                                                  self.rows.keys(index))
        return built

    def _between(self, start: int, end: int) -> Sequence[int]:
        """Indexes of the sentences overlapping [start, end), in order."""
        rows = self.rows
        if not rows.ordered:
            return [i for i in range(len(self)) if rows.starts[i] < end and start < rows.ends[i]]
        first = bisect.bisect_right(rows.ends, start)
        return range(first, bisect.bisect_left(rows.starts, end, lo=first))

    def overlapping(self, start: int, end: int) -> list[Sentence]:
        return [self[i] for i in self._between(start, end)]

    def keys_between(self, start: int, end: int) -> frozenset[str]:
        found = [self.rows.keys(i) for i in self._between(start, end)]
        if any(k is None for k in found):
            return frozenset().union(*(s.keys for s in self.overlapping(start, end)))
        return frozenset().union(*found)


@dataclass(frozen=True)
class Correction:
    """A figure a release corrects: the value it rejects, the value it gives, their kind (money, count, ...) and
    the span of the sentence that says so."""

    old: float
    new: float
    kind: str
    start: int
    end: int


def published_no_earlier(release: Release, other: Release) -> bool:
    """The release was published no earlier than the other (an undated one may be either): a correction or a later
    state comes after what it corrects or updates."""
    if release.published is None or other.published is None:
        return True
    return release.published.latest() >= other.published.earliest()


def as_number(value: str) -> float | None:
    """A value of a sentence's facts as a number (None for one that is not)."""
    try:
        return float(value)
    except ValueError:
        return None


class Corpus:
    """Releases and sentences of one store; thread-safe, caches bounded by recent use."""

    def __init__(self, store):
        self.store = store
        self.n = max(store.n_sentences(), 1)
        self._idf: dict[str, tuple[int, int]] = {}
        self._corrections: dict[str, tuple[Correction, ...]] = {}  # per release, read once
        self._lock = threading.Lock()

    # ---- releases

    def release(self, release_id: str) -> Release:
        return self.store.release(release_id)

    def releases(self) -> list[Release]:
        return self.store.releases()

    # ---- sentences

    @lru_cache(maxsize=2048)
    def sentences(self, release_id: str) -> Sentences:
        return Sentences(self.release(release_id), self.store.catalog.sentence_rows(release_id))

    def read_sentences_ahead(self, release_ids: Iterable[str]) -> None:
        """Reads the sentences of these releases from the catalog in one query, before they are asked one by one."""
        self.store.catalog.read_sentences_ahead(set(release_ids))

    def overlapping(self, release_id: str, start: int, end: int) -> list[Sentence]:
        return self.sentences(release_id).overlapping(start, end)

    def keys_between(self, release_id: str, start: int, end: int) -> frozenset[str]:
        """The keys of the sentences overlapping text[start:end], without decoding the sentences' facts."""
        return self.sentences(release_id).keys_between(start, end)

    @lru_cache(maxsize=2048)
    def release_keys(self, release_id: str) -> frozenset[str]:
        """Keys of the release's title, its sentences other than boilerplate (from the catalog's key index, written at
        ingest time), and its publication year and month."""
        return self._heading_keys(release_id) | self.release_df(release_id).keys()

    def release_keys_among(self, release_ids: Iterable[str], wanted: frozenset[str]) -> dict[str, frozenset[str]]:
        """For each release, release_keys(release) & wanted, from one indexed query: what the search needs of each
        of the many releases its candidate chunks come from, without reading their whole key lists."""
        held = self.store.catalog.keys_held(release_ids, wanted)
        return {rid: frozenset(found | (self._heading_keys(rid) & wanted)) for rid, found in held.items()}

    @lru_cache(maxsize=8192)
    def _heading_keys(self, release_id: str) -> frozenset[str]:
        """The keys of the title and of the publication year and month."""
        release = self.release(release_id)
        found = set(self.title_keys(release_id))
        if release.published:
            found.add(f"n:{release.published.year}")
            if release.published.month:
                found |= keys(MONTHS_EN[release.published.month - 1])
        return frozenset(found)

    @lru_cache(maxsize=2048)
    def title_keys(self, release_id: str) -> frozenset[str]:
        release = self.release(release_id)
        return text_keys(release.title, langs_for(release.lang))

    @lru_cache(maxsize=2048)
    def release_df(self, release_id: str) -> Counter:
        """Per key, how many of the release's sentences (boilerplate aside) hold it: the catalog's key index, which
        ingestion wrote from the same keys (ingest.terms.text_keys) as Sentence.keys."""
        return Counter(self.store.catalog.keys_of(release_id))

    # ---- corrections

    def corrections(self, release_ids: Iterable[str]) -> dict[str, tuple[Correction, ...]]:
        """For each release, the figures it gives as corrections of a value it names ("1,35 miljoen euro, en niet
        1,2 miljoen euro"), from the dossiers read at ingest time (one query for the releases not read before)."""
        wanted = list(dict.fromkeys(release_ids))
        with self._lock:
            missing = [rid for rid in wanted if rid not in self._corrections]
        if missing:
            dossiers = self.store.catalog.dossiers([self.release(rid) for rid in missing])
            found = {rid: tuple(Correction(f.corrects, f.value, f.kind, f.start, f.end)
                                for f in dossiers[rid].figures if f.corrects is not None) for rid in missing}
            with self._lock:
                if len(self._corrections) > CORRECTIONS_CACHE:
                    self._corrections.clear()
                self._corrections.update(found)
        with self._lock:
            return {rid: self._corrections[rid] for rid in wanted}

    # ---- rarity

    def df(self, key: str) -> int:
        return self.stats([key]).get(key, (0, 0))[0]

    def stats(self, wanted: Iterable[str]) -> dict[str, tuple[int, int]]:
        wanted = set(wanted)
        with self._lock:
            missing = [k for k in wanted if k not in self._idf]
        if missing:
            found = self.store.key_stats(missing)
            with self._lock:
                if len(self._idf) > 200_000:
                    self._idf.clear()
                self._idf.update({k: found.get(k, (0, 0)) for k in missing})
        with self._lock:
            return {k: self._idf[k] for k in wanted}

    def idf(self, term_keys: Iterable[str]) -> float:
        """Rarity of a term: the idf of its most frequent exact key (cognate prefixes only as a last resort)."""
        term_keys = list(term_keys)
        stats = self.stats(term_keys)
        exact = [stats[k][0] for k in term_keys if not k.startswith("p:")]
        df = max(exact) if exact and max(exact) > 0 else max((stats[k][0] for k in term_keys), default=0)
        weight = math.log((self.n + 1) / (max(df, ABSENT_DF) + 0.5))
        return weight * (ABSENT_SHARE if df == 0 else 1.0)

    def known(self, form: str) -> bool:
        """Whether any release holds the stem of a word of `form` (glossary expansions the corpus never uses are
        left out of searches)."""
        stems = [k for w, _, _ in words(form) for k in keys(w) if k.startswith("s:")]
        return any(n for n, _ in self.stats(stems).values())
