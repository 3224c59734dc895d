"""BM25 keyword index: multilingual tokenizer, search, scores equal to a fresh bm25s index, segments and snapshots."""
from __future__ import annotations

import random

import bm25s
import numpy as np

from ingest.keyword import KeywordIndex, Segment, postings, tokenize
from ingest.snapshot import load_snapshot, save_snapshot

DOCS = {
    "a": [(0, "Brussels and Quito sign a Memorandum of Understanding.")],
    "b": [(0, "Exports to Genève rose by 25,9 % to 162,000 tonnes."), (2, "Brussels exports waffles.")],
    "c": [(1, "Ekrem İmamoğlu, the Mayor of Istanbul, met the delegation.")],
    "d": [(0, "Les entreprises bruxelloises à Milan et à Lille.")],
}


def index_of(docs: dict, live=None) -> KeywordIndex:
    segment = Segment.build((rid, postings(items)) for rid, items in sorted(docs.items()))
    return KeywordIndex([(segment, live or [True] * len(docs))])


def test_tokenizer_folds_and_keeps_numbers():
    assert tokenize("Genève, GENEVE! L'Union") == ["geneve", "geneve", "union"]
    assert tokenize("25,9 % and 162,000 or 162.000; G20 in 2021.") == [
        "25,9", "259", "162,000", "162000", "162.000", "162000", "g20", "2021",
    ]
    assert tokenize("the de het") == []


def test_search_finds_names_and_numbers():
    index = index_of(DOCS)
    assert index.search("Imamoglu", 3)[0][:2] == ("c", 1)
    assert index.search("geneve exports", 3)[0][:2] == ("b", 0)
    assert index.search("25,9", 3)[0][:2] == ("b", 0)
    assert index.search("162.000", 3)[0][:2] == ("b", 0)
    assert index.search("Milan", 3)[0][:2] == ("d", 0)
    assert index.search("waffles", 3)[0][:2] == ("b", 2)
    assert index.search("nothing-like-it", 3) == []
    assert index.search("the", 3) == []
    hits = index.search("Brussels Quito Milan", 10)
    assert [score for _, _, score in hits] == sorted((score for _, _, score in hits), reverse=True)


def test_scores_equal_a_bm25s_index_built_from_scratch_over_the_live_documents():
    rng = random.Random(7)
    words = "brussels quito mayor trade mission japan 25,9 export milan genève union city partner 2021".split()
    docs = {f"r{i:02d}": [(j, " ".join(rng.choices(words, k=rng.randint(0, 25)))) for j in range(rng.randint(1, 4))]
            for i in range(40)}
    dead = {"zz-dead": [(0, "quito quito brussels mayor")]}
    first = Segment.build([(rid, postings(docs[rid])) for rid in sorted(docs)[:25]]
                          + [("zz-dead", postings(dead["zz-dead"]))])
    rest = Segment.build((rid, postings(docs[rid])) for rid in sorted(docs)[25:])
    index = KeywordIndex([(first, [True] * 25 + [False]), (rest, [True] * 15)])
    flat = [(rid, j, text) for rid in sorted(docs) for j, text in docs[rid]]
    reference = bm25s.BM25()
    reference.index([tokenize(text) or [""] for _, _, text in flat], show_progress=False)
    for _ in range(200):
        query = " ".join(rng.choices(words + ["absent"], k=rng.randint(1, 6)))
        ids = reference.get_tokens_ids(tokenize(query))
        scores = reference.get_scores_from_ids(ids) if ids else np.zeros(len(flat))
        expected = [(flat[i][0], flat[i][1], float(scores[i])) for i in np.argsort(-scores, kind="stable")[:8]
                    if scores[i] > 0]
        assert index.search(query, 8) == expected, query


def test_left_releases_leave_the_index():
    index = index_of(DOCS, live=[True, False, True, True])
    assert index.search("Genève", 3) == [] and index.search("waffles", 3) == []
    assert index.search("Milan", 3)[0][:2] == ("d", 0)


def test_snapshot_save_and_load(tmp_path):
    segment = Segment.build((rid, postings(items)) for rid, items in sorted(DOCS.items()))
    versions = {rid: f"v-{rid}" for rid in DOCS}
    save_snapshot(tmp_path / "keyword", segment, versions)
    save_snapshot(tmp_path / "keyword", segment, versions)  # replacing an existing snapshot
    loaded, covered = load_snapshot(tmp_path / "keyword")
    assert covered == versions and loaded.releases == segment.releases
    assert KeywordIndex([(loaded, [True] * 4)]).search("Quito", 2) == index_of(DOCS).search("Quito", 2)
    assert len([p for p in (tmp_path / "keyword").iterdir() if p.is_dir()]) == 1  # the old snapshot is gone
    assert load_snapshot(tmp_path / "missing") is None
    (tmp_path / "keyword" / "CURRENT").write_text("nonsense")
    assert load_snapshot(tmp_path / "keyword") is None  # unreadable: rebuilt from the catalog


def test_empty_index():
    assert KeywordIndex([]).search("Quito", 5) == []
    assert index_of({}).search("Quito", 5) == []
