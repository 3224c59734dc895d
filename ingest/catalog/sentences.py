"""Each release's sentences as ingestion read them (facts and word keys, decoded on demand) and the key index over
them: which release holds which word key, in how many sentences, so that a word's rarity is read, not counted."""
from __future__ import annotations

import json
from collections import Counter
from typing import Collection, Iterable

from ingest.catalog.database import Database, marks, parts
from ingest.entry import SentenceRows
from ingest.records import SentenceFacts

_NONE = SentenceRows([], [])  # an unknown release's
_SELECT = "SELECT release_id, packed, facts, keys FROM sentences WHERE release_id IN ({marks})"


class Sentences(Database):
    """Reading the sentences table and the key index."""

    def sentence_rows(self, release_id: str) -> SentenceRows:
        """The sentences of a release as ingestion read them, decoded one by one on demand (none for an unknown
        release)."""
        return self._one(self._sentences, release_id, _SELECT, _decode, _NONE)

    def read_sentences_ahead(self, release_ids: Collection[str]) -> dict[str, SentenceRows]:
        """Reads the sentences of these releases that are not in memory in one query (a search weighs the chunks
        of some eighty releases: on the 10,000-release bench, 45 queries per answer became one); returns those it
        read."""
        return self._read_ahead(self._sentences, release_ids, _SELECT, _decode, _NONE)

    def facts(self, release_id: str) -> tuple[SentenceFacts, ...]:
        """The sentences of a release as ingestion read them (empty for an unknown release)."""
        rows = self.sentence_rows(release_id)
        return tuple(rows.facts(i) for i in range(len(rows)))

    def sentence_keys(self, release_id: str) -> tuple[frozenset[str], ...] | None:
        """Each sentence's word keys as ingestion computed them (None when it did not store them)."""
        rows = self.sentence_rows(release_id)
        return tuple(rows.keys(i) for i in range(len(rows))) if len(rows) and rows.keys(0) is not None else None

    def key_stats(self, keys: Iterable[str]) -> dict[str, tuple[int, int]]:
        """key -> (sentences holding it, releases holding it), over the whole catalog; absent keys left out."""
        keys = sorted(set(keys))
        if self.totals:
            return {k: (n, r) for part in parts(keys) for k, n, r in self._rows(
                f"SELECT key, n, releases FROM key_totals WHERE key IN ({marks(part)})", part)}
        return {k: (n, r) for part in parts(keys) for k, n, r in self._rows(
            f"SELECT key, SUM(n), COUNT(*) FROM key_index WHERE key IN ({marks(part)}) GROUP BY key", part)}

    def keys_of(self, release_id: str) -> dict[str, int]:
        """The word keys of a release's sentences (boilerplate aside), each with how many sentences hold it."""
        return dict(self._rows("SELECT key, n FROM key_index WHERE release_id = ?", (release_id,)))

    def keys_held(self, release_ids: Iterable[str], keys: Iterable[str]) -> dict[str, set[str]]:
        """For each release, which of `keys` its sentences (boilerplate aside) hold: one indexed lookup per pair,
        not each release's whole key list (the search weighs some eighty releases per question)."""
        ids, keys = sorted(set(release_ids)), sorted(set(keys))
        out: dict[str, set[str]] = {r: set() for r in ids}
        for some in parts(ids, 400):
            for few in parts(keys, 400):
                for r, k in self._rows(f"SELECT release_id, key FROM key_index WHERE release_id IN ({marks(some)}) "
                                       f"AND key IN ({marks(few)})", some + few):
                    out[r].add(k)
        return out

    def releases_with(self, keys: Iterable[str]) -> set[str]:
        """Ids of the releases holding at least one of `keys`."""
        keys = sorted(set(keys))
        return {r for part in parts(keys) for (r,) in self._rows(
            f"SELECT DISTINCT release_id FROM key_index WHERE key IN ({marks(part)})", part)}

    def n_sentences(self) -> int:
        return self._rows("SELECT COALESCE(SUM(n), 0) FROM sentences")[0][0]


def key_counts(sentence_keys: Iterable[frozenset[str]]) -> Counter:
    """How many sentences hold each key."""
    counts: Counter = Counter()
    for found in sentence_keys:
        counts.update(found)
    return counts


def _decode(packed: bytes | None, facts: str | None, keys: str | None) -> SentenceRows:
    """A release's sentences row: packed, or the JSON of a catalog written before packing (until converted)."""
    if packed is not None:
        return SentenceRows.unpack(packed)
    return SentenceRows.from_json(json.loads(facts), json.loads(keys) if keys else None)
