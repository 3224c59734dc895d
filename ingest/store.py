"""The persistent store: chunk vectors in Chroma (embedded, or a Chroma server, through ingest.chroma), the release
catalog (SQLite) and the keyword index beside them."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import Callable, Collection, Sequence

import numpy as np

from ingest.catalog import Catalog
from ingest.chroma import call, collection_names, collection_of, local_client, server_client
from ingest.entry import Entry
from ingest.remote import Remote
from ingest.snapshot import compact, current_index
from ingest.errors import StoreCorruptError, StoreMismatchError, StoreMissingError
from ingest.keyword import KeywordIndex, postings
from ingest.layout import (CATALOG_COLLECTION, CHROMA, CHUNKS_COLLECTION, ENTRIES_COLLECTION, HEADS_COLLECTION,
                           KEYWORD, RELEASES, SCHEMA_VERSION, cache_layout, check_manifest,
                           expected_manifest, local_layout, new_manifest, read_manifest, MANIFEST)
from ingest.records import Chunk, Release, SentenceFacts, chunk_id
from ingest.settings import Settings

log = logging.getLogger(__name__)
# A release filter keeping less than this share of the chunks names its rows by id; above it, more rows are asked
# for and the others dropped here (at 144k chunks: 15-60 ms by id, 10-30 ms for a few hundred rows unfiltered)
BY_ID_SHARE = 0.2

__all__ = ["SCHEMA_VERSION", "Store", "release_version"]


def release_version(content_hash: str, boilerplate_fingerprint: str) -> str:
    """What a release's chunks were made from: its bytes and the corpus's boilerplate in it."""
    return hashlib.sha256(f"{content_hash}\x00{boilerplate_fingerprint}".encode()).hexdigest()[:16]


class Store:
    """Chunks with vectors in Chroma; a chunk is visible only once its release's catalog entry (the commit marker)
    names its version. Nothing is read per chunk or per release on opening; questions go through indexes.

    A release's new chunks are stored beside its old ones (Chroma ids carry the version), its entry then switches
    to them, and only then are the old ones deleted: an interrupted write never hides what the store held.
    With a Chroma server, the catalog's entries are also kept there and every process keeps a local copy in
    `directory`, brought up to date by sync().

    >>> store = Store.open(Path(".bxlbot/store"), embedder_name=embedder.name, dimension=384, settings=Settings())
    >>> store.dense_search(embedder.embed_query("trade mission to Japan"), k=5)
    """

    def __init__(self, directory: Path, manifest: dict, collection, catalog: Catalog, max_batch: int = 5000,
                 remote: Remote | None = None, reload: Callable[[], object] | None = None):
        self.directory, self.manifest = directory, manifest
        self._collection, self.catalog, self._remote = collection, catalog, remote
        self._reload = reload  # a local store's collection opened afresh (Chroma's view of the files as they are now)
        self._chroma_at = None  # the catalog generation this process's Chroma view is known to hold
        self.max_batch = max_batch  # Chroma refuses larger writes (its limit depends on the SQLite build)
        self._lock = threading.RLock()
        self._generation = None  # of the catalog, when the keyword index and counts below were read
        self._keyword, self._visible, self._hidden = None, 0, 0
        self._sizes_table: dict[str, tuple[str, int]] = {}
        self._sized = -1  # the catalog generation _sizes_table was read at
        self._manifest_stamp = None  # (inode, mtime) of the manifest file when its store id was last checked
        self.sync()

    @classmethod
    def open(cls, directory: Path, *, embedder_name: str, dimension: int, settings: Settings,
             create: bool = False, rebuild: bool = False) -> "Store":
        """Opens (or with create=True creates; with rebuild=True empties) the store in `directory`, or on the Chroma
        server that settings.chroma_url names (`directory` then holds this process's copy of the catalog)."""
        directory = Path(directory)
        expected = expected_manifest(embedder_name, dimension, settings)
        hnsw = {"space": "cosine", "ef_search": settings.hnsw_search_ef}
        if settings.chroma_url:
            return _open_remote(cls, directory, expected, hnsw, settings.chroma_url, create, rebuild)
        manifest = local_layout(directory, expected, create=create, rebuild=rebuild)

        def chunks(empty: bool = False):
            try:
                client = local_client(directory / CHROMA)
                if empty and CHUNKS_COLLECTION in collection_names(client):
                    client.delete_collection(CHUNKS_COLLECTION)
                return client, collection_of(client, CHUNKS_COLLECTION, hnsw, manifest["store_id"], str(directory))
            except (StoreCorruptError, StoreMismatchError):
                raise
            except Exception as error:  # noqa: BLE001 - Chroma raises many types on damaged files
                raise StoreCorruptError(f"The Chroma files in {directory / CHROMA} are not readable "
                                        f"({type(error).__name__}). Rebuild the store with `python -m ingest "
                                        f"--rebuild --store {directory}`.") from None

        client, collection = chunks(rebuild)
        return cls(directory, manifest, collection, Catalog(directory / RELEASES, manifest["store_id"]),
                   client.get_max_batch_size(), reload=lambda: chunks()[1])

    # ---- read side

    def releases(self) -> list[Release]:
        """Every release, in id order (reads every record: for listings, never for answers)."""
        return self.catalog.releases()

    def release(self, release_id: str) -> Release:
        record = self.catalog.record(release_id)
        if record is None:
            raise KeyError(release_id)
        return record.release

    def facts(self, release_id: str) -> tuple[SentenceFacts, ...]:
        """The sentences of a release with what the ingest-time detectors found in them."""
        return self.catalog.facts(release_id)

    def key_stats(self, keys: Collection[str]) -> dict[str, tuple[int, int]]:
        """key -> (sentences, releases) holding it; see Catalog.key_stats."""
        return self.catalog.key_stats(keys)

    def releases_with(self, keys: Collection[str]) -> set[str]:
        return self.catalog.releases_with(keys)

    def n_sentences(self) -> int:
        return self.catalog.n_sentences()

    def stats(self) -> dict[str, int]:
        """How many releases and visible chunks the catalog names, and how many rows Chroma holds (more while an
        interrupted write's leftovers wait for collect_garbage)."""
        return {"releases": self.catalog.count(), "chunks": self.catalog.n_chunks(),
                "rows": self._call(self._collection.count)}

    def chunks(self) -> list[Chunk]:
        """Every visible chunk (reads every record: for tests and benchmarks)."""
        return [c for rid in sorted(self.catalog.versions()) for c in self.chunks_of(rid)]

    def chunks_of(self, release_id: str) -> list[Chunk]:
        record = self.catalog.record(release_id)
        return record.chunks() if record else []

    def dense_search(self, vector: np.ndarray, k: int, where_release_ids: Collection[str] | None = None,
                     *, include_boilerplate: bool = False) -> list[tuple[Chunk, float]]:
        """Nearest chunks by cosine similarity (higher is better); boilerplate chunks left out unless asked.

        Chroma is never given a metadata filter: one makes it test every row's metadata, a cost that grows with the
        archive (0.2 to 0.5 s a question at 144k chunks). Without a release filter, and with one that keeps a large
        share of the archive (a date range), the search asks for more rows than k and keeps the visible ones of the
        allowed releases here, asking for more until k are left; a filter that keeps a small share (a partner)
        names the allowed rows by id."""
        self._view()
        if k <= 0 or not self._visible or where_release_ids is not None and not where_release_ids:
            return []
        vector = np.asarray(vector, dtype=np.float32)
        if where_release_ids is None:
            allowed = None
        else:
            sizes = self._sizes()
            allowed = {rid: sizes[rid] for rid in where_release_ids if rid in sizes}
        share = 1.0 if allowed is None else sum(n for _, n in allowed.values()) / self._visible
        if allowed is not None and share < BY_ID_SHARE:
            rows = [_row_id(chunk_id(rid, i), version) for rid, (version, n) in allowed.items() for i in range(n)]
            if not rows:
                return []
            return self._nearest(vector, k, allowed, include_boilerplate, ids=rows)
        return self._nearest(vector, k, allowed, include_boilerplate, share=share)

    def _shown(self, row: str, score: float, allowed, include_boilerplate: bool) -> tuple[Chunk, float] | None:
        """(chunk, score) of a Chroma row that the catalog shows (its release's current version; of an allowed
        release; boilerplate only when asked for), else None."""
        release_id, index, version = _row_parts(row)
        if allowed is not None and release_id not in allowed:
            return None
        record = self.catalog.record(release_id)
        if record is None or record.version != version or not index.isdigit() or int(index) >= record.n_chunks:
            return None
        chunk = record.chunk(int(index))
        return (chunk, score) if include_boilerplate or not chunk.boilerplate else None

    def _sizes(self) -> dict[str, tuple[str, int]]:
        """Release id -> (version, chunks) of every release, read again only when the catalog changed (a filter may
        name thousands of releases: one table read beats thousands of lookups)."""
        with self._lock:
            self._view()
            if self._sized != self._generation:
                self._sizes_table, self._sized = self.catalog.chunk_versions(), self._generation
            return self._sizes_table

    def _nearest(self, vector: np.ndarray, k: int, allowed: dict[str, tuple[str, int]] | None,
                 include_boilerplate: bool, ids: list[str] | None = None, share: float = 1.0) -> list:
        """The k nearest visible rows (of the `allowed` releases, when given), asking Chroma for more rows until k
        are left: rows of other versions and boilerplate, and rows of other releases, may come first."""
        extra = 0 if include_boilerplate else max(8, k // 2)
        n = int((k + extra) / max(share, 1e-6)) + (0 if ids is not None else self._hidden)
        if ids is not None:
            n = min(n, len(ids))
        while True:  # the row ids say release, chunk and version: Chroma's metadata is not read (a third of the time)
            result = self._call(lambda: self._collection.query(
                query_embeddings=[vector], n_results=n, ids=ids, include=["distances"]))
            rows = list(zip(result["ids"][0], result["distances"][0]))
            found = {_row_parts(row)[0] for row, _ in rows}  # their releases' records in one query
            self.catalog.read_ahead(found if allowed is None else found & allowed.keys())
            hits = [hit for row, distance in rows
                    if (hit := self._shown(row, 1.0 - distance, allowed, include_boilerplate)) is not None]
            if len(hits) >= k or len(rows) < n or ids is not None and n >= len(ids):
                return hits[:k]
            n = min(2 * n, len(ids)) if ids is not None else 2 * n

    def keyword_search(self, text: str, k: int) -> list[tuple[Chunk, float]]:
        hits, found = [], self._view().search(text, k)
        self.catalog.read_ahead({release_id for release_id, _, _ in found})
        for release_id, index_, score in found:
            record = self.catalog.record(release_id)
            if record and index_ < record.n_chunks:
                hits.append((record.chunk(index_), score))
        return hits

    def chunk_vectors(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors of these chunks, in the order given (KeyError for an unknown id)."""
        if not ids:
            return np.zeros((0, self.manifest["dimension"]), dtype=np.float32)
        rows = []
        for wanted in ids:
            release_id, _, index = wanted.rpartition("#")
            record = self.catalog.record(release_id)
            if record is None or not index.isdigit() or int(index) >= record.n_chunks:
                raise KeyError(wanted)
            rows.append(_row_id(wanted, record.version))
        got = self._call(lambda: self._collection.get(ids=rows, include=["embeddings"]))
        by_id = dict(zip(got["ids"], got["embeddings"]))
        return np.stack([np.asarray(by_id[i], dtype=np.float32) for i in rows])

    def sync(self) -> int:
        """Brings this process's view up to date with writes made elsewhere (another process, or the Chroma
        server's catalog); returns the catalog's generation, which changes with every write."""
        with self._lock:
            if self._remote is not None:
                self._call(lambda: self._remote.pull(self.catalog))
            self._view()
            return self._generation

    def _view(self) -> KeywordIndex:
        """The keyword index and counts of the catalog as it is now (re-read when anything was written)."""
        with self._lock:
            generation = self.catalog.refresh()
            self._chroma_current(generation)
            if generation != self._generation:
                self._keyword = current_index(self.directory / KEYWORD, self.catalog)
                self._visible = self.catalog.n_chunks()
                self._hidden = max(0, self._call(self._collection.count) - self._visible)
                self._generation = generation
            return self._keyword

    def _chroma_current(self, generation: int) -> None:
        """A local store's collection opened afresh when another process wrote since this one's view was read (its
        own writes, _announce, keep the view current)."""
        if self._reload is not None and generation != self._chroma_at:
            if self._chroma_at is not None:
                self._collection = self._reload()
            self._chroma_at = generation

    # ---- write side (the pipeline)

    def states(self) -> dict[str, tuple[str, str, bool]]:
        """release id -> (source, version, complete): a stored entry's chunks are all stored (they are written
        before it)."""
        return {rid: (source, version, True) for rid, (source, version) in self.catalog.states().items()}

    def cached_vectors(self, release_ids: Collection[str]) -> dict[str, np.ndarray]:
        """Stored vectors keyed by the sha of the text they embed, so unchanged chunk texts are not embedded again."""
        if not release_ids:
            return {}
        got = self._call(lambda: self._collection.get(where={"release_id": {"$in": sorted(release_ids)}},
                                                      include=["embeddings", "metadatas"]))
        return {m["emb_sha"]: np.asarray(v, dtype=np.float32) for m, v in zip(got["metadatas"], got["embeddings"])}

    def write_release(self, release: Release, chunks: Sequence[Chunk], vectors: np.ndarray,
                      embedded_shas: Sequence[str], boilerplate_fingerprint: str, facts=(), key_counts=None) -> None:
        self.write_releases([(release, chunks, vectors, embedded_shas, boilerplate_fingerprint, facts, key_counts)])

    def write_releases(self, batch: Sequence[tuple], committed: Callable[[Release], None] | None = None) -> None:
        """(release, chunks, vectors, embedded shas, boilerplate fingerprint[, sentence facts, key counts, each
        sentence's keys]) items: all
        new chunks written first (in batches Chroma accepts), beside the old ones; then release by release its entry
        written (the commit marker, with its chunk spans, sentence facts, keys and keyword postings) and only then its
        old chunks deleted."""
        versions = {item[0].id: release_version(item[0].content_hash, item[4]) for item in batch}
        with self._lock:
            self._chroma_current(self.catalog.generation())
            rows = [(item[0], c, v, s) for item in batch for c, v, s in zip(item[1], item[2], item[3])]
            for at in range(0, len(rows), self.max_batch):
                part = rows[at:at + self.max_batch]
                self._call(lambda: self._collection.upsert(
                    ids=[_row_id(c.id, versions[r.id]) for r, c, _, _ in part],
                    embeddings=np.stack([v for _, _, v, _ in part]).astype(np.float32),
                    metadatas=[_chunk_metadata(r, c, versions[r.id], s) for r, c, _, s in part]))
            for item in batch:
                release, chunks, version = item[0], item[1], versions[item[0].id]
                facts, counts = (item[5], item[6] or {}) if len(item) > 5 else ((), {})
                entry = Entry.of(release, version, chunks, boilerplate=item[4], facts=tuple(facts), key_counts=counts,
                                 postings=postings([(c.index, f"{release.title}\n{c.text}") for c in chunks
                                                    if not c.boilerplate]),
                                 sentence_keys=tuple(item[7]) if len(item) > 7 else ())
                if self._remote is not None:
                    self._call(lambda: self._remote.put(entry))
                self.catalog.put(entry)
                self._call(lambda: self._collection.delete(
                    where={"$and": [{"release_id": release.id}, {"version": {"$ne": version}}]}))
                if committed:
                    committed(release)
            self._announce()

    def remove_release(self, release_id: str) -> None:
        """The entry first (its chunks become invisible at once), then the chunks."""
        with self._lock:
            self._chroma_current(self.catalog.generation())
            if self._remote is not None:
                self._call(lambda: self._remote.delete(release_id))
            self.catalog.delete(release_id)
            self._call(lambda: self._collection.delete(where={"release_id": release_id}))
            self._announce()

    def collect_garbage(self) -> None:
        """Deletes chunks that no entry names: of removed releases, or of versions an interrupted run left."""
        with self._lock:
            if self._call(self._collection.count) == self.catalog.n_chunks():
                return  # every stored row is visible (visible rows are never missing: they are written first)
            got = self._call(lambda: self._collection.get(include=["metadatas"]))
            versions = self.catalog.versions()
            garbage = [i for i, m in zip(got["ids"], got["metadatas"]) if versions.get(m["release_id"]) != m["version"]]
            for at in range(0, len(garbage), self.max_batch):
                self._call(lambda: self._collection.delete(ids=garbage[at:at + self.max_batch]))
            self._generation = None

    def refresh_keyword_index(self, force: bool = False) -> None:
        """Rewrites the keyword snapshot when many releases changed since it was written (or when forced)."""
        with self._lock:
            if compact(self.directory / KEYWORD, self.catalog, force):
                self._generation = None  # read the new snapshot

    # ---- internals

    def _announce(self) -> None:
        """After this object's own write: the server's readers are told; a local Chroma view holds the write (only
        another process's writes call for a fresh one)."""
        if self._remote is not None:
            self._call(self._remote.bump)
        elif self._chroma_at is not None:
            self._chroma_at = self.catalog.generation()

    def replaced(self) -> bool:
        """Another process rebuilt the store in this folder since it was opened (its manifest names another store):
        what this object reads is gone, open the store again."""
        if self._remote is not None:
            return False  # a rebuild on the server shows as a StoreChangedError on the next call
        try:
            stamp = os.stat(self.directory / MANIFEST)
            stamp = (stamp.st_ino, stamp.st_mtime_ns)
        except OSError:
            return True
        if stamp != self._manifest_stamp:  # a stat per question; the file is read only when it was rewritten
            try:
                found = read_manifest(self.directory)
            except StoreCorruptError:
                return True
            if (found or {}).get("store_id") != self.manifest["store_id"]:
                return True
            self._manifest_stamp = stamp
        return False

    def _call(self, fn):
        return call(fn, f"the Chroma server at {self._remote.url}" if self._remote is not None else
                     f"the store in {self.directory}")


def _open_remote(cls, directory: Path, expected: dict, hnsw: dict, url: str, create: bool, rebuild: bool) -> Store:
    """The store on a Chroma server; its manifest is the catalog collection's metadata."""
    server = f"the Chroma server at {url}"

    def connect():
        client = server_client(url)
        names = collection_names(client)
        if rebuild:
            for name in names & {CHUNKS_COLLECTION, CATALOG_COLLECTION, ENTRIES_COLLECTION, HEADS_COLLECTION}:
                client.delete_collection(name)
        elif CATALOG_COLLECTION not in names and not create:
            raise StoreMissingError(f"No store on {server}: build it with `BXLBOT_CHROMA_URL={url} python -m ingest`.")
        flat = {"space": "l2"}  # the catalog's rows carry no meaningful vector
        catalog = client.get_or_create_collection(CATALOG_COLLECTION, configuration={"hnsw": flat},
                                                  metadata={"manifest": json.dumps(new_manifest(expected))},
                                                  embedding_function=None)
        try:
            manifest = json.loads((catalog.metadata or {})["manifest"])
        except (KeyError, TypeError, ValueError):
            raise StoreCorruptError(f"The collection {CATALOG_COLLECTION} on {server} is not a store catalog. "
                                    f"Rebuild it with `BXLBOT_CHROMA_URL={url} python -m ingest --rebuild`.") from None
        check_manifest(manifest, expected, url)
        remote = Remote(url, catalog, collection_of(client, ENTRIES_COLLECTION, flat, None, url),
                        collection_of(client, HEADS_COLLECTION, flat, None, url))
        chunks = collection_of(client, CHUNKS_COLLECTION, hnsw, manifest["store_id"], url)
        return manifest, chunks, remote, client.get_max_batch_size()

    manifest, chunks, remote, max_batch = call(connect, server)
    cache_layout(directory, {**manifest, "chroma_url": url})
    return cls(directory, manifest, chunks, Catalog(directory / RELEASES, manifest["store_id"]), max_batch, remote)


def _row_id(chunk_id: str, version: str) -> str:
    """The Chroma id of a chunk of one version of its release."""
    return f"{chunk_id}@{version}"


def _row_parts(row: str) -> tuple[str, str, str]:
    """(release id, chunk index, version) of a Chroma id written by _row_id (the index as written)."""
    chunk_name, _, version = row.rpartition("@")
    release_id, _, index = chunk_name.rpartition("#")
    return release_id, index, version


def _chunk_metadata(release: Release, chunk: Chunk, version: str, embedded_sha: str) -> dict:
    return {"release_id": chunk.release_id, "index": chunk.index, "start": chunk.start, "end": chunk.end,
            "tokens": chunk.tokens, "boilerplate": chunk.boilerplate, "lang": release.lang,
            "published": release.published.iso() if release.published else "",
            "partners": "|".join(release.partners), "version": version, "emb_sha": embedded_sha}
