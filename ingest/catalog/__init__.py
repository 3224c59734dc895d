"""The release catalog in SQLite, beside the vectors: one entry per release (its record, the commit marker of its
chunks; its chunk spans, sentence facts and keyword postings), a key index (which release holds which word key, in
how many sentences) for term rarity, indexed columns (dates, language, partners) that give a filter's scope
without reading any record, and each release's dossier (events, roles, figures: ingest.metadata.dossier) with a
partner index for briefings. Records are parsed on demand and kept in a bounded cache.

Its parts: database (the file's tables, connections, write generation, conversion of older catalogs), sentences
(sentence facts, the key index), entries (writing a release; records and indexed columns), dossiers. Callers get
records, entries, scopes and dossiers; the SQL stays inside this package."""
from __future__ import annotations

from ingest.catalog.dossiers import Dossiers
from ingest.catalog.entries import Entries, Scope
from ingest.catalog.sentences import key_counts

__all__ = ["Catalog", "Scope", "key_counts"]


class Catalog(Entries, Dossiers):
    """One transaction per release: its record, spans, facts, keys and postings change together."""
