"""The persistent store: Chroma vectors of chunks, the release catalog (SQLite: records, sentence facts, key index),
BM25 index, manifest (the only module importing chromadb)."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
from pathlib import Path
from typing import Callable, Collection, Sequence

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from ingest.errors import StoreMismatchError, StoreMissingError
from ingest.keyword import KeywordIndex, fingerprint
from ingest.catalog import Catalog
from ingest.records import Chunk, Release, SentenceFacts
from ingest.settings import Settings

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # 2: sentence facts and the key index in the catalog
MANIFEST, CHROMA, RELEASES, KEYWORD = "manifest.json", "chroma", "releases.sqlite3", "keyword"
COLLECTION = "chunks"
_COMPARED = ("schema_version", "embedding_model", "dimension", "chunk_tokens", "chunk_overlap", "hnsw_search_ef")


def release_version(content_hash: str, boilerplate_fingerprint: str) -> str:
    """What a release's chunks were made from: its bytes and the corpus's boilerplate in it."""
    return hashlib.sha256(f"{content_hash}\x00{boilerplate_fingerprint}".encode()).hexdigest()[:16]


class Store:
    """Chunks with vectors in Chroma; a chunk is visible only once its release record (the commit marker) matches it.

    A release's new chunks are stored beside its old ones (Chroma ids carry the version), its record then switches
    to them, and only then are the old ones deleted: an interrupted write never hides what the store held.

    >>> store = Store.open(Path(".bxlbot/store"), embedder_name=embedder.name, dimension=384, settings=Settings())
    >>> store.dense_search(embedder.embed_query("trade mission to Japan"), k=5)
    """

    def __init__(self, directory: Path, manifest: dict, collection, records: Catalog, max_batch: int = 5000):
        self.directory, self.manifest = directory, manifest
        self._collection, self._records = collection, records
        self.max_batch = max_batch  # Chroma refuses larger writes (its limit depends on the SQLite build)
        self._lock = threading.RLock()
        self._chunks: dict[str, Chunk] | None = None
        self._rows: dict[str, str] = {}  # visible chunk id -> its Chroma id
        self._load_index()
        self.refresh_keyword_index()

    @classmethod
    def open(cls, directory: Path, *, embedder_name: str, dimension: int, settings: Settings,
             create: bool = False, rebuild: bool = False) -> "Store":
        """Opens (or with create=True creates; with rebuild=True empties) the store in `directory`."""
        directory = Path(directory)
        expected = {"schema_version": SCHEMA_VERSION, "embedding_model": embedder_name, "dimension": dimension,
                    "chunk_tokens": settings.chunk_tokens, "chunk_overlap": settings.chunk_overlap,
                    "hnsw_search_ef": settings.hnsw_search_ef}
        manifest_path = directory / MANIFEST
        if not manifest_path.exists() and not (create or rebuild):
            raise StoreMissingError(f"No store in {directory}: build it with `python -m ingest --store {directory}`.")
        if manifest_path.exists() and not rebuild:
            _check_manifest(json.loads(manifest_path.read_text(encoding="utf-8")), expected, directory)
        directory.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(directory / CHROMA),
                                           settings=ChromaSettings(anonymized_telemetry=False))
        if rebuild:
            _empty(directory, client)
        if rebuild or not manifest_path.exists():
            _write_atomic(manifest_path, json.dumps(expected, indent=2))
        hnsw = {"space": "cosine", "ef_search": settings.hnsw_search_ef}
        # embedding_function=None: we always pass our own vectors; Chroma's default would download a model.
        collection = client.get_or_create_collection(COLLECTION, configuration={"hnsw": hnsw}, embedding_function=None)
        # configuration_json: the parsed .configuration warns about the (deliberately absent) embedding function.
        found = {key: (collection.configuration_json.get("hnsw") or {}).get(key) for key in hnsw}
        if found != hnsw:
            raise StoreMismatchError(_rebuild_hint(directory, f"its Chroma index uses {found}, settings want {hnsw}"))
        return cls(directory, expected, collection, Catalog(directory / RELEASES), client.get_max_batch_size())

    # ---- read side

    def releases(self) -> list[Release]:
        return [record.release for _, record in sorted(self._records.all().items())]

    def release(self, release_id: str) -> Release:
        return self._records.all()[release_id].release  # KeyError when unknown

    def facts(self, release_id: str) -> tuple[SentenceFacts, ...]:
        """The sentences of a release with what the ingest-time detectors found in them."""
        return self._records.facts(release_id)

    def key_stats(self, keys: Collection[str]) -> dict[str, tuple[int, int]]:
        """key -> (sentences, releases) holding it; see Catalog.key_stats."""
        return self._records.key_stats(keys)

    def releases_with(self, keys: Collection[str]) -> set[str]:
        return self._records.releases_with(keys)

    def n_sentences(self) -> int:
        return self._records.n_sentences()

    def chunks(self) -> list[Chunk]:
        return list(self._visible_chunks().values())

    def chunks_of(self, release_id: str) -> list[Chunk]:
        return [c for c in self._visible_chunks().values() if c.release_id == release_id]

    def dense_search(self, vector: np.ndarray, k: int, where_release_ids: Collection[str] | None = None,
                     *, include_boilerplate: bool = False) -> list[tuple[Chunk, float]]:
        """Nearest chunks by cosine similarity (higher is better); boilerplate chunks left out unless asked."""
        filters = [] if include_boilerplate else [{"boilerplate": False}]
        if where_release_ids is not None:
            if not where_release_ids:
                return []
            filters.append({"release_id": {"$in": sorted(where_release_ids)}})
        where = filters[0] if len(filters) == 1 else ({"$and": filters} if filters else None)
        visible = self._visible_chunks()
        hidden = len(self._index) - len(visible)
        n = min(k + hidden, len(self._index))
        if n <= 0 or k <= 0:
            return []
        result = self._collection.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=n,
                                        where=where, include=["distances"])
        rows = self._rows
        hits = [(visible[_chunk_id(i)], 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0])
                if rows.get(_chunk_id(i)) == i]  # an old version's row is never a hit
        return hits[:k]

    def keyword_search(self, text: str, k: int) -> list[tuple[Chunk, float]]:
        if self._keyword_stale:  # written to since the index was built
            self.refresh_keyword_index()
        visible = self._visible_chunks()
        return [(visible[i], score) for i, score in self._keyword.search(text, k) if i in visible]

    def chunk_vectors(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors of these chunks, in the order given (KeyError for an unknown id)."""
        if not ids:
            return np.zeros((0, self.manifest["dimension"]), dtype=np.float32)
        self._visible_chunks()
        rows = [self._rows[i] for i in ids]  # KeyError for an unknown id
        got = self._collection.get(ids=rows, include=["embeddings"])
        by_id = dict(zip(got["ids"], got["embeddings"]))
        return np.stack([np.asarray(by_id[i], dtype=np.float32) for i in rows])

    # ---- write side (the pipeline)

    def states(self) -> dict[str, tuple[str, str, bool]]:
        """release id -> (source, version, complete): complete when all its chunks of that version are stored."""
        visible = self._visible_chunks()
        counts: dict[str, int] = {}
        for chunk in visible.values():
            counts[chunk.release_id] = counts.get(chunk.release_id, 0) + 1
        return {rid: (r.release.source, r.version, counts.get(rid, 0) == r.n_chunks)
                for rid, r in self._records.all().items()}

    def cached_vectors(self, release_ids: Collection[str]) -> dict[str, np.ndarray]:
        """Stored vectors keyed by the sha of the text they embed, so unchanged chunk texts are not embedded again."""
        if not release_ids:
            return {}
        got = self._collection.get(where={"release_id": {"$in": sorted(release_ids)}},
                                   include=["embeddings", "metadatas"])
        return {m["emb_sha"]: np.asarray(v, dtype=np.float32) for m, v in zip(got["metadatas"], got["embeddings"])}

    def write_release(self, release: Release, chunks: Sequence[Chunk], vectors: np.ndarray,
                      embedded_shas: Sequence[str], boilerplate_fingerprint: str, facts=(), key_counts=None) -> None:
        self.write_releases([(release, chunks, vectors, embedded_shas, boilerplate_fingerprint, facts, key_counts)])

    def write_releases(self, batch: Sequence[tuple], committed: Callable[[Release], None] | None = None) -> None:
        """(release, chunks, vectors, embedded shas, boilerplate fingerprint[, sentence facts, key counts]) items: all
        new chunks written first (in batches Chroma accepts), beside the old ones; then release by release its record
        switched to them (the commit marker, with its sentences' facts and keys) and only then its old chunks
        deleted."""
        versions = {item[0].id: release_version(item[0].content_hash, item[4]) for item in batch}
        with self._lock:
            rows = [(item[0], c, v, s) for item in batch for c, v, s in zip(item[1], item[2], item[3])]
            for at in range(0, len(rows), self.max_batch):
                part = rows[at:at + self.max_batch]
                self._collection.upsert(
                    ids=[_row_id(c.id, versions[r.id]) for r, c, _, _ in part], embeddings=np.stack([v for _, _, v, _ in part]).astype(np.float32),
                    documents=[c.text for _, c, _, _ in part],
                    metadatas=[_chunk_metadata(r, c, versions[r.id], s) for r, c, _, s in part])
            self._index.update({_row_id(c.id, versions[r.id]): (r.id, versions[r.id]) for r, c, _, _ in rows})
            self._chunks, self._keyword_stale = None, True
            for item in batch:
                release, chunks, fingerprint = item[0], item[1], item[4]
                facts, counts = (item[5], item[6]) if len(item) > 5 else ((), None)
                self._records.put(release, versions[release.id], len(chunks), fingerprint, facts, counts)
                new_rows = {_row_id(c.id, versions[release.id]) for c in chunks}
                stale = [i for i, entry in self._index.items() if entry[0] == release.id and i not in new_rows]
                self._delete(stale)
                for i in stale:
                    del self._index[i]
                if committed:
                    committed(release)

    def remove_release(self, release_id: str) -> None:
        """The record first (its chunks become invisible at once), then the chunks."""
        with self._lock:
            self._records.delete(release_id)
            self._delete_chunks_of({release_id})

    def collect_garbage(self) -> None:
        """Deletes chunks that no record points at: of removed releases, or of versions an interrupted run left."""
        with self._lock:
            versions = {rid: record.version for rid, record in self._records.all().items()}
            garbage = [i for i, (rid, version) in self._index.items() if versions.get(rid) != version]
            self._delete(garbage)
            for i in garbage:
                del self._index[i]
            if garbage:
                self._chunks, self._keyword_stale = None, True

    def refresh_keyword_index(self) -> None:
        with self._lock:
            self._keyword = self._keyword_index()
            self._keyword_stale = False

    # ---- internals

    def _delete_chunks_of(self, release_ids: set[str]) -> None:
        ids = [i for i, entry in self._index.items() if entry[0] in release_ids]
        self._delete(ids)
        for i in ids:
            del self._index[i]
        self._chunks, self._keyword_stale = None, True

    def _delete(self, ids: list[str]) -> None:
        for at in range(0, len(ids), self.max_batch):
            self._collection.delete(ids=ids[at:at + self.max_batch])

    def _load_index(self) -> None:
        got = self._collection.get(include=["metadatas"])
        self._index = {i: (m["release_id"], m["version"]) for i, m in zip(got["ids"], got["metadatas"])}

    def _visible_chunks(self) -> dict[str, Chunk]:
        with self._lock:
            if self._chunks is None:
                versions = {rid: record.version for rid, record in self._records.all().items()}
                got = self._collection.get(include=["documents", "metadatas"])
                visible = [(i, _chunk(d, m)) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])
                           if versions.get(m["release_id"]) == m["version"]]
                visible.sort(key=lambda row: (row[1].release_id, row[1].index))
                self._rows = {c.id: i for i, c in visible}
                self._chunks = {c.id: c for _, c in visible}
            return self._chunks

    def _keyword_index(self) -> KeywordIndex:
        """The saved BM25 index when it was built from exactly the visible chunks, else a rebuilt one."""
        chunks = [c for c in self._visible_chunks().values() if not c.boilerplate]
        records = self._records.all()
        wanted = fingerprint((c.id, records[c.release_id].version) for c in chunks)
        index = KeywordIndex.load(self.directory / KEYWORD)
        if index is None or index.fingerprint != wanted:
            log.info("rebuilding the keyword index over %d chunks", len(chunks))
            index = KeywordIndex.build(
                [(c.id, f"{records[c.release_id].release.title}\n{c.text}") for c in chunks], wanted)
            index.save(self.directory / KEYWORD)
        return index


def _row_id(chunk_id: str, version: str) -> str:
    """The Chroma id of a chunk of one version of its release (stores written before this scheme use the chunk id)."""
    return f"{chunk_id}@{version}"


def _chunk_id(row_id: str) -> str:
    return row_id.split("@", 1)[0]


def _chunk_metadata(release: Release, chunk: Chunk, version: str, embedded_sha: str) -> dict:
    return {"release_id": chunk.release_id, "index": chunk.index, "start": chunk.start, "end": chunk.end,
            "tokens": chunk.tokens, "boilerplate": chunk.boilerplate, "lang": release.lang,
            "published": release.published.iso() if release.published else "",
            "partners": "|".join(release.partners), "version": version, "emb_sha": embedded_sha}


def _chunk(document: str, meta: dict) -> Chunk:
    return Chunk(meta["release_id"], meta["index"], document, meta["start"], meta["end"], meta["tokens"],
                 bool(meta["boilerplate"]))


def _check_manifest(found: dict, expected: dict, directory: Path) -> None:
    differences = [f"{key}: store has {found.get(key)!r}, settings want {expected[key]!r}"
                   for key in _COMPARED if found.get(key) != expected[key]]
    if differences:
        raise StoreMismatchError(_rebuild_hint(directory, "; ".join(differences)))


def _rebuild_hint(directory: Path, problem: str) -> str:
    return (f"The store in {directory} was built with other settings ({problem}). "
            f"Rebuild it with `python -m ingest --rebuild --store {directory}` (or delete {directory}).")


def _empty(directory: Path, client) -> None:
    """Drops our data but keeps the Chroma client usable (it caches open files per path)."""
    if COLLECTION in [c.name if hasattr(c, "name") else c for c in client.list_collections()]:
        client.delete_collection(COLLECTION)
    (directory / RELEASES).unlink(missing_ok=True)
    shutil.rmtree(directory / KEYWORD, ignore_errors=True)


def _write_atomic(path: Path, content: str) -> None:
    staging = path.with_name(path.name + ".tmp")
    staging.write_text(content, encoding="utf-8")
    os.replace(staging, path)
