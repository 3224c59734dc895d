"""The store: manifest checks, reopen, commit markers, dense and keyword search with real vectors."""
from __future__ import annotations

import json

import numpy as np
import pytest

from ingest.chunk import chunk_release, embedding_text
from ingest.errors import StoreMismatchError, StoreMissingError
from ingest.records import PartialDate, Release, content_hash
from ingest.settings import Settings
from ingest.layout import MANIFEST
from ingest.store import Store

TEXTS = {
    "quito": ("Brussels and Quito sign a Memorandum of Understanding",
              "Minister-President Rudi Vervoort met the Mayor of Quito, Pabel Muñoz. The two capitals will cooperate "
              "on urban mobility and the circular economy.\n\nAbout hub.brussels. The agency helps Brussels companies export."),
    "japan": ("61 Brussels companies on a trade mission to Japan",
              "Princess Astrid led the largest Belgian trade mission ever to Tokyo, Nagoya, Osaka and Kyoto. "
              "Brussels was strongly represented.\n\nAbout hub.brussels. The agency helps Brussels companies export."),
}


def make_release(key: str, text: str | None = None) -> Release:
    title, body = TEXTS[key]
    body = text or body
    return Release(f"{key}-1", f"{key}.txt", title, body, PartialDate(2022, 12), "en", ("Quito",) if key == "quito" else (),
                   content_hash(body.encode()), "txt")


def put(store: Store, embedder, release: Release, fingerprint: str = "none") -> list:
    about = release.text.index("About")
    chunks = chunk_release(release, max_tokens=40, overlap=0, boilerplate_spans=[(about, len(release.text))])
    texts = [embedding_text(release, c) for c in chunks]
    store.write_release(release, chunks, embedder.embed(texts), [str(hash(t)) for t in texts], fingerprint)
    return chunks


def open_store(directory, embedder, **kwargs) -> Store:
    return Store.open(directory, embedder_name=embedder.name, dimension=embedder.dimension,
                      settings=kwargs.pop("settings", Settings()), **kwargs)


@pytest.fixture
def store(tmp_store_dir, embedder) -> Store:
    store = open_store(tmp_store_dir, embedder, create=True)
    for key in TEXTS:
        put(store, embedder, make_release(key))
    store.refresh_keyword_index()
    return store


def test_missing_store_says_how_to_build(tmp_store_dir, embedder):
    with pytest.raises(StoreMissingError, match="python -m ingest"):
        open_store(tmp_store_dir, embedder)


def test_manifest_written_and_mismatch_named(store, tmp_store_dir, embedder):
    manifest = json.loads((tmp_store_dir / MANIFEST).read_text())
    assert manifest == store.manifest and len(manifest["store_id"]) == 32
    assert manifest["embedding_model"] == embedder.name and manifest["dimension"] == 384
    with pytest.raises(StoreMismatchError, match=r"chunk_tokens.*--rebuild --store"):
        open_store(tmp_store_dir, embedder, settings=Settings(chunk_tokens=100))
    with pytest.raises(StoreMismatchError, match="embedding_model: store has 'sentence-transformers"):
        Store.open(tmp_store_dir, embedder_name="other/model", dimension=384, settings=Settings())
    with pytest.raises(StoreMismatchError, match="hnsw_search_ef"):
        open_store(tmp_store_dir, embedder, settings=Settings(hnsw_search_ef=64))
    rebuilt = open_store(tmp_store_dir, embedder, settings=Settings(chunk_tokens=100), rebuild=True)
    assert rebuilt.releases() == [] and rebuilt.chunks() == [] and rebuilt.manifest["chunk_tokens"] == 100


def test_reopen_returns_same_records(store, tmp_store_dir, embedder):
    again = open_store(tmp_store_dir, embedder)
    assert again.releases() == store.releases() == [make_release("japan"), make_release("quito")]
    assert again.chunks() == store.chunks()
    for chunk in again.chunks():
        assert again.release(chunk.release_id).text[chunk.start:chunk.end] == chunk.text
    with pytest.raises(KeyError):
        again.release("nope")


def test_dense_search_finds_paraphrase_and_skips_boilerplate(store, embedder):
    hits = store.dense_search(embedder.embed_query("Which Belgian princess travelled to Tokyo?"), k=3)
    assert hits[0][0].release_id == "japan-1" and -1 <= hits[0][1] <= 1
    assert all(not chunk.boilerplate for chunk, _ in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    about = store.dense_search(embedder.embed_query("agency helping companies export"), k=10, include_boilerplate=True)
    assert any(chunk.boilerplate for chunk, _ in about)
    only_quito = store.dense_search(embedder.embed_query("trade mission"), k=5, where_release_ids={"quito-1"})
    assert only_quito and {c.release_id for c, _ in only_quito} == {"quito-1"}
    assert store.dense_search(embedder.embed_query("x"), k=5, where_release_ids=set()) == []


@pytest.mark.parametrize("by_id", [True, False])
def test_a_release_filter_gives_the_exact_nearest_chunks_of_the_allowed_releases(store, embedder, monkeypatch, by_id):
    """A filter keeping a small share of the archive names its rows by id; one keeping a large share asks for more
    rows and drops the others: either way, the allowed releases' visible chunks in exact cosine order."""
    import ingest.store

    monkeypatch.setattr(ingest.store, "BY_ID_SHARE", 1.01 if by_id else 0.0)
    query = embedder.embed_query("the Mayor of Quito and urban mobility")
    visible = [c for c in store.chunks() if c.release_id == "japan-1" and not c.boilerplate]
    exact = sorted(visible, key=lambda c: -float(store.chunk_vectors([c.id])[0] @ query))
    hits = store.dense_search(query, k=len(visible) + 5, where_release_ids={"japan-1"})
    assert [c.id for c, _ in hits] == [c.id for c in exact]
    assert store.dense_search(query, k=5, where_release_ids={"nowhere-1"}) == []


def test_keyword_search_finds_names_not_boilerplate(store):
    assert store.keyword_search("Muñoz", 3)[0][0].release_id == "quito-1"
    assert store.keyword_search("Nagoya", 3)[0][0].release_id == "japan-1"
    assert all(not chunk.boilerplate for chunk, _ in store.keyword_search("agency export hub.brussels", 5))


def test_chunk_vectors_in_requested_order(store, embedder):
    ids = [c.id for c in store.chunks()][::-1]
    vectors = store.chunk_vectors(ids)
    assert vectors.shape == (len(ids), 384)
    again = store.chunk_vectors(ids[:1])
    assert np.allclose(vectors[0], again[0])
    with pytest.raises(KeyError):
        store.chunk_vectors(["nope#0000"])


def test_rewrite_and_remove(store, tmp_store_dir, embedder):
    short = make_release("quito", "Only one sentence now about Quito.\n\nAbout hub.brussels. Export help.")
    put(store, embedder, short, fingerprint="other")
    assert [c.text for c in store.chunks_of("quito-1")] == ["Only one sentence now about Quito.",
                                                            "About hub.brussels. Export help."]
    assert store.keyword_search("Muñoz", 3) == []  # the keyword index follows writes
    store.remove_release("quito-1")
    again = open_store(tmp_store_dir, embedder)
    assert [r.id for r in again.releases()] == ["japan-1"]
    assert {c.release_id for c in again.chunks()} == {"japan-1"}
    assert again.keyword_search("Quito", 3) == []


def test_releases_written_after_the_keyword_snapshot_are_found(store, tmp_store_dir, embedder):
    store.refresh_keyword_index(force=True)
    put(store, embedder, make_release("quito", "Brand new text mentioning Guayaquil.\n\nAbout hub.brussels. Export."))
    # no refresh_keyword_index(): the snapshot holds the old version, the catalog the new one
    again = open_store(tmp_store_dir, embedder)
    assert again.keyword_search("Guayaquil", 3)[0][0].release_id == "quito-1"
    assert again.keyword_search("Muñoz", 3) == []  # the old version left the index
    assert [c.release_id for c, _ in again.keyword_search("Nagoya", 3)] == ["japan-1"]


def test_another_store_object_sees_writes(store, tmp_store_dir, embedder):
    reader = open_store(tmp_store_dir, embedder)
    generation = reader.sync()
    put(store, embedder, make_release("quito", "Brand new text mentioning Guayaquil.\n\nAbout hub.brussels. Export."))
    assert reader.sync() > generation
    assert reader.keyword_search("Guayaquil", 3)[0][0].release_id == "quito-1"
    assert reader.chunks_of("quito-1")[0].text.startswith("Brand new text")
