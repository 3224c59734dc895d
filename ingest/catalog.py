"""The release catalog in SQLite, beside the vectors: release records (each the commit marker of its chunks), the
facts of their sentences, and a key index (which release holds which word key, in how many sentences) that gives
term rarity and tells, without scanning the corpus, whether any release holds a word."""
from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from ingest.records import PartialDate, Release, SentenceFacts

_TABLES = (
    "CREATE TABLE IF NOT EXISTS releases (id TEXT PRIMARY KEY, version TEXT, n_chunks INTEGER, boilerplate TEXT,"
    " record TEXT)",
    "CREATE TABLE IF NOT EXISTS sentences (release_id TEXT PRIMARY KEY, n INTEGER, facts TEXT)",
    "CREATE TABLE IF NOT EXISTS key_index (key TEXT, release_id TEXT, n INTEGER, PRIMARY KEY (key, release_id))",
    "CREATE INDEX IF NOT EXISTS key_index_release ON key_index (release_id)",
)


class Record:
    """A stored release with the version of its chunks and how many there are."""

    def __init__(self, release: Release, version: str, n_chunks: int):
        self.release, self.version, self.n_chunks = release, version, n_chunks


class Catalog:
    """One transaction per release: its record, its sentences' facts and its keys change together."""

    def __init__(self, path: Path):
        self.path = path
        self._cache: dict[str, Record] | None = None
        self._lock = threading.Lock()
        with closing(self._connect()) as db, db:
            for statement in _TABLES:
                db.execute(statement)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)  # one connection per call: callers may be threads

    def all(self) -> dict[str, Record]:
        with self._lock:
            if self._cache is None:
                with closing(self._connect()) as db:
                    rows = db.execute("SELECT version, n_chunks, record FROM releases ORDER BY id").fetchall()
                self._cache = {r.release.id: r for r in (Record(_release(json.loads(j)), v, n) for v, n, j in rows)}
            return self._cache

    def put(self, release: Release, version: str, n_chunks: int, boilerplate_fingerprint: str,
            facts: tuple[SentenceFacts, ...] = (), key_counts: Mapping[str, int] | None = None) -> None:
        with closing(self._connect()) as db, db:
            db.execute("INSERT OR REPLACE INTO releases VALUES (?, ?, ?, ?, ?)",
                       (release.id, version, n_chunks, boilerplate_fingerprint, json.dumps(_release_json(release))))
            db.execute("INSERT OR REPLACE INTO sentences VALUES (?, ?, ?)",
                       (release.id, len(facts), json.dumps([_facts_row(f) for f in facts], ensure_ascii=False)))
            db.execute("DELETE FROM key_index WHERE release_id = ?", (release.id,))
            db.executemany("INSERT INTO key_index VALUES (?, ?, ?)",
                           [(k, release.id, n) for k, n in (key_counts or {}).items()])
        self.all()[release.id] = Record(release, version, n_chunks)
        self.facts.cache_clear()

    def delete(self, release_id: str) -> None:
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM releases WHERE id = ?", (release_id,))
            db.execute("DELETE FROM sentences WHERE release_id = ?", (release_id,))
            db.execute("DELETE FROM key_index WHERE release_id = ?", (release_id,))
        self.all().pop(release_id, None)
        self.facts.cache_clear()

    @lru_cache(maxsize=4096)
    def facts(self, release_id: str) -> tuple[SentenceFacts, ...]:
        """The sentences of a release as ingestion read them (empty for an unknown release)."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT facts FROM sentences WHERE release_id = ?", (release_id,)).fetchone()
        return tuple(_facts(r) for r in json.loads(row[0])) if row else ()

    def key_stats(self, keys: Iterable[str]) -> dict[str, tuple[int, int]]:
        """key -> (sentences holding it, releases holding it), over the whole catalog; absent keys left out."""
        keys = sorted(set(keys))
        if not keys:
            return {}
        with closing(self._connect()) as db:
            rows = db.execute(f"SELECT key, SUM(n), COUNT(*) FROM key_index WHERE key IN ({','.join('?' * len(keys))})"
                              " GROUP BY key", keys).fetchall()
        return {k: (n, r) for k, n, r in rows}

    def releases_with(self, keys: Iterable[str]) -> set[str]:
        """Ids of the releases holding at least one of `keys`."""
        keys = sorted(set(keys))
        if not keys:
            return set()
        with closing(self._connect()) as db:
            rows = db.execute(f"SELECT DISTINCT release_id FROM key_index WHERE key IN ({','.join('?' * len(keys))})",
                              keys).fetchall()
        return {r for (r,) in rows}

    def n_sentences(self) -> int:
        with closing(self._connect()) as db:
            return db.execute("SELECT COALESCE(SUM(n), 0) FROM sentences").fetchone()[0]


def key_counts(sentence_keys: Iterable[frozenset[str]]) -> Counter:
    """How many sentences hold each key."""
    counts: Counter = Counter()
    for found in sentence_keys:
        counts.update(found)
    return counts


def _facts_row(f: SentenceFacts) -> list:
    return [f.index, f.start, f.end, [list(n) for n in f.numbers], list(f.dates), list(f.persons),
            list(f.organisations), list(f.places), list(f.partners), f.list_end, sorted(f.flags)]


def _facts(row: list) -> SentenceFacts:
    index, start, end, numbers, dates, persons, organisations, places, partners, list_end, flags = row
    return SentenceFacts(index, start, end, tuple(tuple(n) for n in numbers), tuple(dates), tuple(persons),
                         tuple(organisations), tuple(places), tuple(partners), list_end, frozenset(flags))


def _release_json(release: Release) -> dict:
    record = {name: getattr(release, name) for name in Release.__dataclass_fields__}
    record["published"] = release.published.iso() if release.published else None
    record["partners"] = list(release.partners)
    record["copies"] = list(release.copies)
    return record


def _release(record: dict) -> Release:
    published = PartialDate.parse(record["published"]) if record["published"] else None
    return Release(**{**record, "published": published, "partners": tuple(record["partners"]),
                      "copies": tuple(record.get("copies", ()))})
