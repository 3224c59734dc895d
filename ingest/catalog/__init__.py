"""The release catalog in SQLite, beside the vectors: one entry per release (its record, the commit marker of its
chunks; its chunk spans, sentence facts and keyword postings), a key index (which release holds which word key, in
how many sentences) for term rarity, indexed columns (dates, language, partners) that give a filter's scope
without reading any record, and each release's dossier (events, roles, figures: ingest.metadata.dossier) with a
partner index for briefings. Records are parsed on demand and kept in a bounded cache."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import threading
from collections import Counter, OrderedDict
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Collection, Iterable

from ingest.entry import (Entry, Record, SentenceRows, from_sort_key, pack_sentences, release_from_json, release_json,
                          sort_key)
from ingest.errors import StoreCorruptError
from ingest.metadata.dossier import VERSION as DOSSIER_VERSION
from ingest.metadata.dossier import Dossier, dossier_from_json, dossier_json, read_dossier
from ingest.records import PartialDate, Release, SentenceFacts
from ingest.terms import fold

_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS releases (id TEXT PRIMARY KEY, version TEXT, n_chunks INTEGER, boilerplate TEXT,"
    " source TEXT, lang TEXT, earliest TEXT, latest TEXT, published INTEGER, record TEXT, spans TEXT)",
    "CREATE INDEX IF NOT EXISTS releases_earliest ON releases (earliest)",
    "CREATE INDEX IF NOT EXISTS releases_latest ON releases (latest)",
    "CREATE TABLE IF NOT EXISTS partners (release_id TEXT, name TEXT, folded TEXT, PRIMARY KEY (release_id, name))",
    "CREATE INDEX IF NOT EXISTS partners_folded ON partners (folded)",
    # packed: ingest.entry.pack_sentences; facts and keys: the JSON of catalogs written before it (until converted)
    "CREATE TABLE IF NOT EXISTS sentences (release_id TEXT PRIMARY KEY, n INTEGER, facts TEXT, keys TEXT,"
    " packed BLOB)",
    "CREATE TABLE IF NOT EXISTS key_index (key TEXT, release_id TEXT, n INTEGER, PRIMARY KEY (key, release_id))",
    "CREATE INDEX IF NOT EXISTS key_index_release ON key_index (release_id)",
    # per key, the sums over key_index kept up to date by every write: a word's rarity without reading its rows
    "CREATE TABLE IF NOT EXISTS key_totals (key TEXT PRIMARY KEY, n INTEGER, releases INTEGER)",
    "CREATE TABLE IF NOT EXISTS keyword (release_id TEXT PRIMARY KEY, postings BLOB)",
    # What each release reports (events, roles, figures: ingest.metadata.dossier) and which partners it names.
    "CREATE TABLE IF NOT EXISTS dossiers (release_id TEXT PRIMARY KEY, version INTEGER, release_version TEXT,"
    " data TEXT)",
    "CREATE TABLE IF NOT EXISTS partner_index (partner TEXT, release_id TEXT, n INTEGER,"
    " PRIMARY KEY (partner, release_id))",
    "CREATE INDEX IF NOT EXISTS partner_index_release ON partner_index (release_id)",
    "INSERT OR IGNORE INTO meta VALUES ('generation', '0')",
)
# Indexes that answer a release's keys and a filter's scope without reading table rows (ten thousand releases read
# row by row cost tens of milliseconds per question); older catalogs get them from convert().
_COVERING = (
    "CREATE INDEX IF NOT EXISTS key_index_by_release ON key_index (release_id, key, n)",
    "CREATE INDEX IF NOT EXISTS releases_scope ON releases (latest, earliest, lang, published, id)",
)
_CACHE = 4096


@dataclass(frozen=True)
class Scope:
    """The releases a question may use: how many, the first and last publication dates, and (when filters narrow
    it) their ids."""

    n: int
    first: PartialDate | None
    last: PartialDate | None
    ids: frozenset[str] | None = None


class Catalog:
    """One transaction per release: its record, spans, facts, keys and postings change together."""

    def __init__(self, path: Path, store_id: str | None = None):
        self.path = path
        self._records: OrderedDict[str, Record | None] = OrderedDict()
        self._lock = threading.Lock()
        self._local = threading.local()
        self._dossiers: dict[str, Dossier] = {}
        try:
            with closing(sqlite3.connect(self.path, timeout=30)) as db, db:
                for statement in _TABLES:
                    db.execute(statement)
                columns = {row[1] for row in db.execute("PRAGMA table_info(sentences)")}
                for column, kind in (("keys", "TEXT"), ("packed", "BLOB")):  # catalogs written before they were kept
                    if column not in columns:
                        db.execute(f"ALTER TABLE sentences ADD COLUMN {column} {kind}")
                # what a catalog written before the packed sentences and the key totals lacks (convert() adds it)
                for name, table, old, new in (("sentences", "sentences", "json", "packed"),
                                              ("key_totals", "key_index", "missing", "current")):
                    if db.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone() is None:
                        older = db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
                        db.execute("INSERT INTO meta VALUES (?, ?)", (name, old if older else new))
                        if not older and name == "key_totals":
                            for statement in _COVERING:
                                db.execute(statement)
                self.encoding = db.execute("SELECT value FROM meta WHERE key='sentences'").fetchone()[0]
                self.totals = db.execute("SELECT value FROM meta WHERE key='key_totals'").fetchone()[0] == "current"
                self._seen = int(db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])
                found = db.execute("SELECT value FROM meta WHERE key='store_id'").fetchone()
                if store_id and found is None:
                    db.execute("INSERT INTO meta VALUES ('store_id', ?)", (store_id,))
        except sqlite3.DatabaseError as error:
            raise StoreCorruptError(f"The release catalog {path} is not readable ({error}). Rebuild the store "
                                    f"with `python -m ingest --rebuild`.") from None
        if store_id and found is not None and found[0] != store_id:
            raise StoreCorruptError(f"The release catalog {path} belongs to another store. Rebuild the store with "
                                    "`python -m ingest --rebuild`.")

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection (opened once: opening one per query cost more than most queries)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = sqlite3.connect(self.path, timeout=30)
        return db

    def _rows(self, sql: str, args: Iterable = ()) -> list[tuple]:
        return self._connect().execute(sql, tuple(args)).fetchall()

    # ---- writing

    def put(self, entry: Entry) -> None:
        release = entry.release
        with self._connect() as db:  # one transaction
            self._remove(db, release.id)
            published = release.published
            db.execute("INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (release.id, entry.version, len(entry.spans), entry.boilerplate, release.source, release.lang,
                        published.earliest().isoformat() if published else None,
                        published.latest().isoformat() if published else None, sort_key(published),
                        json.dumps(release_json(release)), json.dumps(entry.spans)))
            db.executemany("INSERT OR IGNORE INTO partners VALUES (?, ?, ?)",
                           [(release.id, p, fold(p)) for p in release.partners])
            db.execute("INSERT INTO sentences VALUES (?, ?, NULL, NULL, ?)",
                       (release.id, len(entry.facts), pack_sentences(entry.facts, entry.sentence_keys)))
            db.executemany("INSERT INTO key_index VALUES (?, ?, ?)",
                           [(k, release.id, n) for k, n in entry.key_counts.items()])
            db.executemany("INSERT INTO key_totals VALUES (?, ?, 1) ON CONFLICT(key) DO UPDATE SET n = n + excluded.n,"
                           " releases = releases + 1", [(k, n) for k, n in entry.key_counts.items()])
            db.execute("INSERT INTO keyword VALUES (?, ?)", (release.id, entry.postings))
            _write_dossier(db, read_dossier(release, entry.facts), entry.version)
            self._bump(db)
        self._forget(release.id)

    def delete(self, release_id: str) -> None:
        with self._connect() as db:
            self._remove(db, release_id)
            self._bump(db)
        self._forget(release_id)

    @staticmethod
    def _remove(db: sqlite3.Connection, release_id: str) -> None:
        db.execute("UPDATE key_totals SET n = n - (SELECT i.n FROM key_index i WHERE i.key = key_totals.key AND "
                   "i.release_id = ?1), releases = releases - 1 WHERE key IN (SELECT key FROM key_index WHERE "
                   "release_id = ?1)", (release_id,))
        db.execute("DELETE FROM key_totals WHERE releases <= 0 AND key IN (SELECT key FROM key_index WHERE "
                   "release_id = ?)", (release_id,))
        for table, column in (("releases", "id"), ("partners", "release_id"), ("sentences", "release_id"),
                              ("key_index", "release_id"), ("keyword", "release_id"), ("dossiers", "release_id"),
                              ("partner_index", "release_id")):
            db.execute(f"DELETE FROM {table} WHERE {column} = ?", (release_id,))

    def _bump(self, db: sqlite3.Connection) -> None:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")

    def _forget(self, release_id: str) -> None:
        with self._lock:
            self._records.pop(release_id, None)
            self._dossiers.pop(release_id, None)
        self.sentence_rows.cache_clear()

    def entry(self, release_id: str) -> Entry | None:
        """The whole stored entry of a release (for copying it to a Chroma server's catalog)."""
        rows = self._rows("SELECT r.version, r.boilerplate, r.record, r.spans, k.postings FROM releases r "
                          "JOIN sentences s ON s.release_id = r.id JOIN keyword k ON k.release_id = r.id "
                          "WHERE r.id = ?", (release_id,))
        if not rows:
            return None
        version, boilerplate, record, spans, blob = rows[0]
        keys = dict(self._rows("SELECT key, n FROM key_index WHERE release_id = ?", (release_id,)))
        return Entry(release_from_json(json.loads(record)), version, tuple(tuple(s) for s in json.loads(spans)),
                     boilerplate, self.facts(release_id), keys, blob, self.sentence_keys(release_id) or ())

    # ---- changes made by other processes

    def generation(self) -> int:
        """A number that every write increments."""
        return int(self._rows("SELECT value FROM meta WHERE key = 'generation'")[0][0])

    def refresh(self) -> int:
        """The current generation; the caches are emptied when it moved since the last call (a write through this
        object or another, maybe in another process)."""
        now = self.generation()
        with self._lock:
            if now == self._seen:
                return now
            self._seen = now
            self._records.clear()
            self._dossiers.clear()
        self.sentence_rows.cache_clear()
        return now

    # ---- reading

    def record(self, release_id: str) -> Record | None:
        with self._lock:
            if release_id in self._records:
                self._records.move_to_end(release_id)
                return self._records[release_id]
        rows = self._rows("SELECT version, record, spans FROM releases WHERE id = ?", (release_id,))
        found = Record(release_from_json(json.loads(rows[0][1])), rows[0][0],
                       tuple(tuple(s) for s in json.loads(rows[0][2]))) if rows else None
        with self._lock:
            self._records[release_id] = found
            while len(self._records) > _CACHE:
                self._records.popitem(last=False)
        return found

    def releases(self) -> list[Release]:
        """Every release, in id order: reads every record (listings only; answering never needs it)."""
        return [release_from_json(json.loads(r)) for (r,) in self._rows("SELECT record FROM releases ORDER BY id")]

    def versions(self, release_ids: Collection[str] | None = None) -> dict[str, str]:
        """Release id -> the version of its chunks (of all releases when `release_ids` is None)."""
        if release_ids is None:
            return dict(self._rows("SELECT id, version FROM releases"))
        return {k: v for part in _parts(release_ids) for k, v in self._rows(
            f"SELECT id, version FROM releases WHERE id IN ({_marks(part)})", part)}

    def states(self) -> dict[str, tuple[str, str]]:
        """Release id -> (source, version), for every release."""
        return {rid: (source, version) for rid, source, version in self._rows("SELECT id, source, version FROM releases")}

    def count(self) -> int:
        return self._rows("SELECT COUNT(*) FROM releases")[0][0]

    def n_chunks(self) -> int:
        return self._rows("SELECT COALESCE(SUM(n_chunks), 0) FROM releases")[0][0]

    def postings(self, release_ids: Collection[str]) -> list[tuple[str, bytes]]:
        """(release id, keyword postings), in the order given."""
        found = {rid: blob for part in _parts(release_ids) for rid, blob in self._rows(
            f"SELECT release_id, postings FROM keyword WHERE release_id IN ({_marks(part)})", part)}
        return [(rid, found[rid]) for rid in release_ids if rid in found]

    def partners(self) -> list[str]:
        return sorted({name for (name,) in self._rows("SELECT DISTINCT name FROM partners")}, key=str.casefold)

    def scope(self, since: dt.date | None = None, until: dt.date | None = None, partners: Collection[str] = (),
              lang: str | None = None, *, ids: bool = False) -> Scope:
        """The releases published from `since` to `until` (a release's date range must touch the interval; an undated
        release is then out), naming one of `partners` (folded names) and in `lang`; with ids=True, which."""
        where, args = [], []
        if lang:
            where.append("lang = ?"), args.append(lang)
        if since:
            where.append("latest >= ?"), args.append(since.isoformat())
        if until:
            where.append("earliest <= ?"), args.append(until.isoformat())
        if partners:
            where.append(f"id IN (SELECT release_id FROM partners WHERE folded IN ({_marks(partners)}))")
            args += sorted(partners)
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        n, first, last = self._rows(f"SELECT COUNT(*), MIN(published), MAX(published) FROM releases{condition}", args)[0]
        found = frozenset(r for (r,) in self._rows(f"SELECT id FROM releases{condition}", args)) if ids else None
        return Scope(n, from_sort_key(first), from_sort_key(last), found)

    @lru_cache(maxsize=4096)
    def sentence_rows(self, release_id: str) -> SentenceRows:
        """The sentences of a release as ingestion read them, decoded one by one on demand (none for an unknown
        release)."""
        rows = self._rows("SELECT packed, facts, keys FROM sentences WHERE release_id = ?", (release_id,))
        if not rows:
            return SentenceRows([], [])
        packed, facts, keys = rows[0]
        if packed is not None:
            return SentenceRows.unpack(packed)
        return SentenceRows.from_json(json.loads(facts), json.loads(keys) if keys else None)

    def convert(self, batch: int = 200) -> int:
        """Brings a catalog written before the packed sentences and the key totals up to date, in place (once;
        nothing else changes); returns how many releases' sentences it converted."""
        with self._connect() as db:
            for statement in _COVERING:
                db.execute(statement)
        if not self.totals:
            with self._connect() as db:
                db.execute("DELETE FROM key_totals")
                db.execute("INSERT INTO key_totals SELECT key, SUM(n), COUNT(*) FROM key_index GROUP BY key")
                db.execute("UPDATE meta SET value = 'current' WHERE key = 'key_totals'")
            self.totals = True
        if self.encoding == "packed":
            return 0
        converted = 0
        while True:
            with self._connect() as db:
                rows = db.execute("SELECT release_id, facts, keys FROM sentences WHERE packed IS NULL LIMIT ?",
                                  (batch,)).fetchall()
                for rid, facts, keys in rows:
                    old = SentenceRows.from_json(json.loads(facts), json.loads(keys) if keys else None)
                    found = [old.keys(i) for i in range(len(old))]
                    packed = pack_sentences([old.facts(i) for i in range(len(old))],
                                            found if found and found[0] is not None else ())
                    db.execute("UPDATE sentences SET packed = ?, facts = NULL, keys = NULL WHERE release_id = ?",
                               (packed, rid))
                if not rows:
                    db.execute("UPDATE meta SET value = 'packed' WHERE key = 'sentences'")
                    self.encoding = "packed"
                    return converted
            converted += len(rows)

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
            return {k: (n, r) for part in _parts(keys) for k, n, r in self._rows(
                f"SELECT key, n, releases FROM key_totals WHERE key IN ({_marks(part)})", part)}
        return {k: (n, r) for part in _parts(keys) for k, n, r in self._rows(
            f"SELECT key, SUM(n), COUNT(*) FROM key_index WHERE key IN ({_marks(part)}) GROUP BY key", part)}

    def keys_of(self, release_id: str) -> dict[str, int]:
        """The word keys of a release's sentences (boilerplate aside), each with how many sentences hold it."""
        return dict(self._rows("SELECT key, n FROM key_index WHERE release_id = ?", (release_id,)))

    def releases_with(self, keys: Iterable[str]) -> set[str]:
        """Ids of the releases holding at least one of `keys`."""
        keys = sorted(set(keys))
        return {r for part in _parts(keys) for (r,) in self._rows(
            f"SELECT DISTINCT release_id FROM key_index WHERE key IN ({_marks(part)})", part)}

    def n_sentences(self) -> int:
        return self._rows("SELECT COALESCE(SUM(n), 0) FROM sentences")[0][0]

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
        rows = [row for part in _parts(wanted) for row in self._rows(
            "SELECT d.release_id, d.version, d.release_version = r.version, d.data FROM dossiers d JOIN "
            f"releases r ON r.id = d.release_id WHERE d.release_id IN ({_marks(part)})", part)]
        current = {rid: data for rid, version, same, data in rows if version == DOSSIER_VERSION and same}
        for rid in wanted:
            release = releases[rid]
            if rid in current:
                dossier = dossier_from_json(rid, release.content_hash, json.loads(current[rid]))
            else:
                dossier = read_dossier(release, self.facts(rid))
                with self._connect() as db:
                    row = db.execute("SELECT version FROM releases WHERE id = ?", (rid,)).fetchone()
                    if row:  # a release removed meanwhile gets no dossier
                        _write_dossier(db, dossier, row[0])
            found[rid] = dossier
        with self._lock:
            if len(self._dossiers) > _CACHE:
                self._dossiers.clear()
            self._dossiers.update(found)
        return found

    def stale_dossiers(self) -> list[str]:
        """Ids of releases whose dossier is missing, of another version of the release, or of an older reader."""
        return [r for (r,) in self._rows(
            "SELECT r.id FROM releases r LEFT JOIN dossiers d ON d.release_id = r.id WHERE d.release_id IS NULL"
            " OR d.version != ? OR d.release_version != r.version ORDER BY r.id", (DOSSIER_VERSION,))]

    def naming(self, partners: Iterable[str]) -> dict[str, dict[str, int]]:
        """release id -> {partner: sentences naming it} for the releases that name any of `partners`."""
        found: dict[str, dict[str, int]] = {}
        partners = sorted(set(partners))
        for part in _parts(partners):
            for rid, partner, n in self._rows(
                    f"SELECT release_id, partner, n FROM partner_index WHERE partner IN ({_marks(part)})", part):
                found.setdefault(rid, {})[partner] = n
        return found

    def partner_names(self) -> list[str]:
        """Every partner some release names outside its boilerplate."""
        return [p for (p,) in self._rows("SELECT DISTINCT partner FROM partner_index ORDER BY partner")]

    def state(self) -> tuple[str, int]:
        """(digest, number of releases): the digest changes whenever a release is added, changed or removed."""
        digest = hashlib.sha256()
        rows = self._rows("SELECT id, version FROM releases ORDER BY id")
        for rid, version in rows:
            digest.update(f"{rid}\x00{version}\n".encode())
        return digest.hexdigest()[:12], len(rows)

    def published(self) -> list[PartialDate | None]:
        """The publication date of every release (one pass over the indexed column, no record parsed)."""
        return [from_sort_key(p) for (p,) in self._rows("SELECT published FROM releases")]


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


def _parts(values: Collection[str], size: int = 900) -> list[list[str]]:
    """Values in groups small enough for one SQL statement's parameters."""
    values = list(values)
    return [values[at:at + size] for at in range(0, len(values), size)]


def _marks(values: Collection) -> str:
    return ",".join("?" * len(values))
