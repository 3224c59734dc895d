"""The catalog's SQLite file: its tables, one connection per thread, the generation every write increments (how
other processes see a change) and the in-place conversion of catalogs written by earlier versions. The rest of the
package reads and writes through this class, so that the file's layout is stated once."""
from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from contextlib import closing
from pathlib import Path
from typing import Callable, Collection, Iterable

from ingest.entry import Record, SentenceRows, pack_sentences
from ingest.errors import StoreCorruptError
from ingest.metadata.dossier import Dossier

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
CACHE = 4096  # records and dossiers kept in memory


class Database:
    """The file, its connections and the caches a write or another process's write empties."""

    def __init__(self, path: Path, store_id: str | None = None):
        self.path = path
        self._records: OrderedDict[str, Record | None] = OrderedDict()
        self._sentences: OrderedDict[str, SentenceRows] = OrderedDict()  # ingest.catalog.sentences
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

    # ---- bounded caches of what is read per release (records, sentences)

    def _one(self, cache: OrderedDict, key: str, sql: str, decode: Callable, absent):
        """`key`'s value from the cache, or read as _read_ahead reads it."""
        with self._lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        found = self._read_ahead(cache, (key,), sql, decode, absent)  # empty when another thread read it meanwhile
        return found[key] if key in found else self._one(cache, key, sql, decode, absent)

    def _read_ahead(self, cache: OrderedDict, keys: Collection[str], sql: str, decode: Callable, absent) -> dict:
        """Reads the keys that are not in the cache in one query (per 900): `sql` selects the key, then the columns
        `decode` takes, for the keys IN ({marks}); `absent` stands for a key with no row. Keeps what it read, within
        CACHE entries, and returns it."""
        with self._lock:
            missing = sorted({k for k in keys if k not in cache})
        found = dict.fromkeys(missing, absent)
        for part in parts(missing):
            for key, *columns in self._rows(sql.format(marks=marks(part)), part):
                found[key] = decode(*columns)
        with self._lock:
            cache.update(found)
            while len(cache) > CACHE:
                cache.popitem(last=False)
        return found

    def _bump(self, db: sqlite3.Connection) -> None:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")

    def _forget(self, release_id: str) -> None:
        with self._lock:
            self._records.pop(release_id, None)
            self._dossiers.pop(release_id, None)
            self._sentences.pop(release_id, None)

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
            self._sentences.clear()
        return now

    # ---- catalogs written by earlier versions

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


def parts(values: Collection[str], size: int = 900) -> list[list[str]]:
    """Values in groups small enough for one SQL statement's parameters."""
    values = list(values)
    return [values[at:at + size] for at in range(0, len(values), size)]


def marks(values: Collection) -> str:
    """One placeholder per value, for `IN (...)`."""
    return ",".join("?" * len(values))
