"""The release catalog in SQLite, beside the vectors: release records (each the commit marker of its chunks), the
facts of their sentences, their dossiers (events, roles, figures: ingest.metadata.dossier) with a partner index, and
a key index (which release holds which word key, in how many sentences) that gives term rarity and tells, without
scanning the corpus, whether any release holds a word."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections import Counter
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from ingest.metadata.dossier import VERSION as DOSSIER_VERSION
from ingest.metadata.dossier import Dossier, dossier_from_json, dossier_json, read_dossier
from ingest.records import PartialDate, Release, SentenceFacts

_TABLES = (
    "CREATE TABLE IF NOT EXISTS releases (id TEXT PRIMARY KEY, version TEXT, n_chunks INTEGER, boilerplate TEXT,"
    " record TEXT)",
    "CREATE TABLE IF NOT EXISTS sentences (release_id TEXT PRIMARY KEY, n INTEGER, facts TEXT)",
    "CREATE TABLE IF NOT EXISTS key_index (key TEXT, release_id TEXT, n INTEGER, PRIMARY KEY (key, release_id))",
    "CREATE INDEX IF NOT EXISTS key_index_release ON key_index (release_id)",
    # What each release reports (events, roles, figures: ingest.metadata.dossier) and which partners it names.
    "CREATE TABLE IF NOT EXISTS dossiers (release_id TEXT PRIMARY KEY, version INTEGER, release_version TEXT,"
    " data TEXT)",
    "CREATE TABLE IF NOT EXISTS partner_index (partner TEXT, release_id TEXT, n INTEGER,"
    " PRIMARY KEY (partner, release_id))",
    "CREATE INDEX IF NOT EXISTS partner_index_release ON partner_index (release_id)",
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
        self._dossiers: dict[str, Dossier] = {}
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
            facts: tuple[SentenceFacts, ...] = (), key_counts: Mapping[str, int] | None = None,
            dossier: Dossier | None = None) -> None:
        dossier = dossier or read_dossier(release, facts)
        with closing(self._connect()) as db, db:
            db.execute("INSERT OR REPLACE INTO releases VALUES (?, ?, ?, ?, ?)",
                       (release.id, version, n_chunks, boilerplate_fingerprint, json.dumps(_release_json(release))))
            db.execute("INSERT OR REPLACE INTO sentences VALUES (?, ?, ?)",
                       (release.id, len(facts), json.dumps([_facts_row(f) for f in facts], ensure_ascii=False)))
            db.execute("DELETE FROM key_index WHERE release_id = ?", (release.id,))
            db.executemany("INSERT INTO key_index VALUES (?, ?, ?)",
                           [(k, release.id, n) for k, n in (key_counts or {}).items()])
            _write_dossier(db, dossier, version)
        self.all()[release.id] = Record(release, version, n_chunks)
        self.facts.cache_clear()
        self._dossiers.pop(release.id, None)

    def delete(self, release_id: str) -> None:
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM releases WHERE id = ?", (release_id,))
            db.execute("DELETE FROM sentences WHERE release_id = ?", (release_id,))
            db.execute("DELETE FROM key_index WHERE release_id = ?", (release_id,))
            db.execute("DELETE FROM dossiers WHERE release_id = ?", (release_id,))
            db.execute("DELETE FROM partner_index WHERE release_id = ?", (release_id,))
        self.all().pop(release_id, None)
        self.facts.cache_clear()
        self._dossiers.pop(release_id, None)

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


    # ---- dossiers (bot.brief reads them)

    def dossier(self, release: Release) -> Dossier:
        return self.dossiers([release])[release.id]

    def dossiers(self, releases: Iterable[Release]) -> dict[str, Dossier]:
        """What each release reports, read in one query; read again from the stored facts (and kept) when a stored
        dossier is missing, of another version of its release or of an older reader (a store built before
        dossiers existed)."""
        releases = {r.id: r for r in releases}
        with self._lock:
            found = {rid: d for rid, d in ((rid, self._dossiers.get(rid)) for rid in releases)
                     if d is not None and d.content_hash == releases[rid].content_hash}
        wanted = sorted(set(releases) - set(found))
        rows = []
        with closing(self._connect()) as db:
            for at in range(0, len(wanted), 500):
                part = wanted[at:at + 500]
                rows += db.execute(
                    "SELECT d.release_id, d.version, d.release_version = r.version, d.data FROM dossiers d JOIN "
                    f"releases r ON r.id = d.release_id WHERE d.release_id IN ({','.join('?' * len(part))})",
                    part).fetchall()
        current = {rid: data for rid, version, same, data in rows if version == DOSSIER_VERSION and same}
        for rid in wanted:
            release = releases[rid]
            if rid in current:
                dossier = dossier_from_json(rid, release.content_hash, json.loads(current[rid]))
            else:
                dossier = read_dossier(release, self.facts(rid))
                with closing(self._connect()) as db, db:
                    row = db.execute("SELECT version FROM releases WHERE id = ?", (rid,)).fetchone()
                    if row:  # a release removed meanwhile gets no dossier
                        _write_dossier(db, dossier, row[0])
            found[rid] = dossier
        with self._lock:
            if len(self._dossiers) > 4096:
                self._dossiers.clear()
            self._dossiers.update(found)
        return found

    def stale_dossiers(self) -> list[str]:
        """Ids of releases whose dossier is missing, of another version of the release, or of an older reader."""
        with closing(self._connect()) as db:
            rows = db.execute("SELECT r.id FROM releases r LEFT JOIN dossiers d ON d.release_id = r.id"
                              " WHERE d.release_id IS NULL OR d.version != ? OR d.release_version != r.version"
                              " ORDER BY r.id", (DOSSIER_VERSION,)).fetchall()
        return [r for (r,) in rows]

    def naming(self, partners: Iterable[str]) -> dict[str, dict[str, int]]:
        """release id -> {partner: sentences naming it} for the releases that name any of `partners`."""
        partners = sorted(set(partners))
        if not partners:
            return {}
        with closing(self._connect()) as db:
            rows = db.execute(f"SELECT release_id, partner, n FROM partner_index WHERE partner IN "
                              f"({','.join('?' * len(partners))})", partners).fetchall()
        found: dict[str, dict[str, int]] = {}
        for rid, partner, n in rows:
            found.setdefault(rid, {})[partner] = n
        return found

    def partner_names(self) -> list[str]:
        """Every partner some release names outside its boilerplate."""
        with closing(self._connect()) as db:
            return [p for (p,) in db.execute("SELECT DISTINCT partner FROM partner_index ORDER BY partner")]

    def state(self) -> tuple[str, int]:
        """(digest, number of releases): the digest changes whenever a release is added, changed or removed."""
        digest = hashlib.sha256()
        with closing(self._connect()) as db:
            rows = db.execute("SELECT id, version FROM releases ORDER BY id").fetchall()
        for rid, version in rows:
            digest.update(f"{rid}\x00{version}\n".encode())
        return digest.hexdigest()[:12], len(rows)

    def published(self) -> list[PartialDate | None]:
        """The publication date of every release (one pass over the release table)."""
        with closing(self._connect()) as db:
            rows = db.execute("SELECT json_extract(record, '$.published') FROM releases").fetchall()
        return [PartialDate.parse(p) if p else None for (p,) in rows]


def _write_dossier(db: sqlite3.Connection, dossier: Dossier, release_version: str) -> None:
    db.execute("INSERT OR REPLACE INTO dossiers VALUES (?, ?, ?, ?)",
               (dossier.release_id, DOSSIER_VERSION, release_version,
                json.dumps(dossier_json(dossier), ensure_ascii=False)))
    db.execute("DELETE FROM partner_index WHERE release_id = ?", (dossier.release_id,))
    db.executemany("INSERT INTO partner_index VALUES (?, ?, ?)",
                   [(partner, dossier.release_id, n) for partner, n in dossier.mentions])


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
