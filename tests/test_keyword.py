"""BM25 keyword index: multilingual tokenizer, search, persistence."""
from __future__ import annotations

from ingest.keyword import KeywordIndex, fingerprint, tokenize

DOCS = [
    ("a#0000", "Brussels and Quito sign a Memorandum of Understanding."),
    ("b#0000", "Exports to Genève rose by 25,9 % to 162,000 tonnes."),
    ("c#0000", "Ekrem İmamoğlu, the Mayor of Istanbul, met the delegation."),
    ("d#0000", "Les entreprises bruxelloises à Milan et à Lille."),
]


def test_tokenizer_folds_and_keeps_numbers():
    assert tokenize("Genève, GENEVE! L'Union") == ["geneve", "geneve", "union"]
    assert tokenize("25,9 % and 162,000 or 162.000; G20 in 2021.") == [
        "25,9", "259", "162,000", "162000", "162.000", "162000", "g20", "2021",
    ]
    assert tokenize("the de het") == []


def test_search_finds_names_and_numbers():
    index = KeywordIndex.build(DOCS, fingerprint((i, "v") for i, _ in DOCS))
    assert index.search("Imamoglu", 3)[0][0] == "c#0000"
    assert index.search("geneve exports", 3)[0][0] == "b#0000"
    assert index.search("25,9", 3)[0][0] == "b#0000"
    assert index.search("162.000", 3)[0][0] == "b#0000"
    assert index.search("Milan", 3)[0][0] == "d#0000"
    assert index.search("waffles", 3) == []
    assert index.search("the", 3) == []
    hits = index.search("Brussels Quito Milan", 10)
    assert [score for _, score in hits] == sorted((score for _, score in hits), reverse=True)


def test_save_and_load(tmp_path):
    index = KeywordIndex.build(DOCS, "fp-1")
    index.save(tmp_path / "keyword")
    index.save(tmp_path / "keyword")  # replacing an existing index
    loaded = KeywordIndex.load(tmp_path / "keyword")
    assert loaded.fingerprint == "fp-1" and loaded.ids == index.ids
    assert loaded.search("Quito", 2) == index.search("Quito", 2)
    assert KeywordIndex.load(tmp_path / "missing") is None


def test_empty_index(tmp_path):
    index = KeywordIndex.build([], "empty")
    assert index.search("Quito", 5) == []
    index.save(tmp_path / "k")
    assert KeywordIndex.load(tmp_path / "k").search("Quito", 5) == []


def test_fingerprint_is_order_free_and_content_sensitive():
    assert fingerprint([("a", "1"), ("b", "2")]) == fingerprint([("b", "2"), ("a", "1")])
    assert fingerprint([("a", "1")]) != fingerprint([("a", "2")])
