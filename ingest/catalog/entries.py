"""The release entries: one transaction per release writes or removes everything stored about it, and the reading
that needs no record parsed (versions, counts, a filter's scope from indexed columns) or one record at a time (kept
in a bounded cache)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Collection

from ingest.catalog.database import marks, parts
from ingest.catalog.dossiers import write_dossier
from ingest.catalog.sentences import Sentences
from ingest.entry import Entry, Record, from_sort_key, pack_sentences, release_from_json, release_json, sort_key
from ingest.metadata.dossier import read_dossier
from ingest.records import PartialDate, Release
from ingest.terms import fold


@dataclass(frozen=True)
class Scope:
    """The releases a question may use: how many, the first and last publication dates, and (when filters narrow
    it) their ids."""

    n: int
    first: PartialDate | None
    last: PartialDate | None
    ids: frozenset[str] | None = None


class Entries(Sentences):
    """Writing and removing release entries; reading their records and indexed columns."""

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
            write_dossier(db, read_dossier(release, entry.facts), entry.version)
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

    # ---- reading

    def record(self, release_id: str) -> Record | None:
        return self._one(self._records, release_id, _SELECT, _record, None)

    def read_ahead(self, release_ids: Collection[str]) -> None:
        """Reads the records of these releases that are not in memory in one query (a search's hits come from some
        eighty releases: one query each cost more than their reading)."""
        self._read_ahead(self._records, release_ids, _SELECT, _record, None)

    def releases(self) -> list[Release]:
        """Every release, in id order: reads every record (listings only; answering never needs it)."""
        return [release_from_json(json.loads(r)) for (r,) in self._rows("SELECT record FROM releases ORDER BY id")]

    def versions(self, release_ids: Collection[str] | None = None) -> dict[str, str]:
        """Release id -> the version of its chunks (of all releases when `release_ids` is None)."""
        if release_ids is None:
            return dict(self._rows("SELECT id, version FROM releases"))
        return {k: v for part in parts(release_ids) for k, v in self._rows(
            f"SELECT id, version FROM releases WHERE id IN ({marks(part)})", part)}

    def chunk_versions(self) -> dict[str, tuple[str, int]]:
        """Release id -> (the version of its chunks, how many chunks it has), for every release."""
        return {k: (v, n) for k, v, n in self._rows("SELECT id, version, n_chunks FROM releases")}

    def states(self) -> dict[str, tuple[str, str]]:
        """Release id -> (source, version), for every release."""
        return {rid: (source, version) for rid, source, version in self._rows("SELECT id, source, version FROM releases")}

    def count(self) -> int:
        return self._rows("SELECT COUNT(*) FROM releases")[0][0]

    def n_chunks(self) -> int:
        return self._rows("SELECT COALESCE(SUM(n_chunks), 0) FROM releases")[0][0]

    def postings(self, release_ids: Collection[str]) -> list[tuple[str, bytes]]:
        """(release id, keyword postings), in the order given."""
        found = {rid: blob for part in parts(release_ids) for rid, blob in self._rows(
            f"SELECT release_id, postings FROM keyword WHERE release_id IN ({marks(part)})", part)}
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
            where.append(f"id IN (SELECT release_id FROM partners WHERE folded IN ({marks(partners)}))")
            args += sorted(partners)
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        n, first, last = self._rows(f"SELECT COUNT(*), MIN(published), MAX(published) FROM releases{condition}", args)[0]
        found = frozenset(r for (r,) in self._rows(f"SELECT id FROM releases{condition}", args)) if ids else None
        return Scope(n, from_sort_key(first), from_sort_key(last), found)

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


_SELECT = "SELECT id, version, record, spans FROM releases WHERE id IN ({marks})"


def _record(version: str, record: str, spans: str) -> Record:
    return Record(release_from_json(json.loads(record)), version, tuple(tuple(s) for s in json.loads(spans)))
