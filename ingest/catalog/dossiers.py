"""Each release's dossier (events, roles, figures: ingest.metadata.dossier) and the partner index over them, which
briefings (bot.brief) read: stored at ingestion, read again from the stored facts when missing or stale."""
from __future__ import annotations

import json
import sqlite3
from typing import Iterable

from ingest.catalog.database import CACHE, marks, parts
from ingest.catalog.sentences import Sentences
from ingest.metadata.dossier import VERSION as DOSSIER_VERSION
from ingest.metadata.dossier import Dossier, dossier_from_json, dossier_json, read_dossier
from ingest.records import Release


class Dossiers(Sentences):
    """Reading the dossiers and partner_index tables (writing them: write_dossier)."""

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
        rows = [row for part in parts(wanted) for row in self._rows(
            "SELECT d.release_id, d.version, d.release_version = r.version, d.data FROM dossiers d JOIN "
            f"releases r ON r.id = d.release_id WHERE d.release_id IN ({marks(part)})", part)]
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
                        write_dossier(db, dossier, row[0])
            found[rid] = dossier
        with self._lock:
            if len(self._dossiers) > CACHE:
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
        for part in parts(partners):
            for rid, partner, n in self._rows(
                    f"SELECT release_id, partner, n FROM partner_index WHERE partner IN ({marks(part)})", part):
                found.setdefault(rid, {})[partner] = n
        return found

    def partner_names(self) -> list[str]:
        """Every partner some release names outside its boilerplate."""
        return [p for (p,) in self._rows("SELECT DISTINCT partner FROM partner_index ORDER BY partner")]


def write_dossier(db: sqlite3.Connection, dossier: Dossier, release_version: str) -> None:
    """Stores a release's dossier and its partner index rows, in the caller's transaction."""
    db.execute("INSERT OR REPLACE INTO dossiers VALUES (?, ?, ?, ?)",
               (dossier.release_id, DOSSIER_VERSION, release_version,
                json.dumps(dossier_json(dossier), ensure_ascii=False)))
    db.execute("DELETE FROM partner_index WHERE release_id = ?", (dossier.release_id,))
    db.executemany("INSERT INTO partner_index VALUES (?, ?, ?)",
                   [(partner, dossier.release_id, n) for partner, n in dossier.mentions])
