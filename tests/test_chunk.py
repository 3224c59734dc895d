"""Chunking keeps exact offsets, respects token limits, splits sentences sensibly."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from ingest.chunk import chunk_release, embedding_text, split_sentences
from ingest.records import PartialDate, Release
from ingest.tokens import count_tokens


def release(text: str, title: str = "Title") -> Release:
    return Release("r-1", "r.txt", title, text, PartialDate(2021, 10), "en", (), "hash", "txt")


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met St. Gilles officials. They agreed.", ["Mr. Smith met St. Gilles officials.", "They agreed."]),
        ("Exports rose 25,9 % in 2021. Growth was 3.5 points.", ["Exports rose 25,9 % in 2021.", "Growth was 3.5 points."]),
        ("Cities, e.g. Milan and Lille, joined. Then Quito.", ["Cities, e.g. Milan and Lille, joined.", "Then Quito."]),
        ('He said: "Brussels is known." Then he left.', ['He said: "Brussels is known."', "Then he left."]),
        ("M. Vervoort a dit : « Bravo. » Puis il est parti.", ["M. Vervoort a dit : « Bravo. »", "Puis il est parti."]),
        ("Dhr. Smet en mevr. Lahbib waren er. Ze zijn tevreden.", ["Dhr. Smet en mevr. Lahbib waren er.", "Ze zijn tevreden."]),
        ("It was approx. ten. Room No. 5 is free.", ["It was approx. ten.", "Room No. 5 is free."]),
        ("A caption without a dot\nThe text goes on.\n\nNext?", ["A caption without a dot", "The text goes on.", "Next?"]),
        ("They were:\n\n1. Ecowatt Solutions – solar\n12. Cycle Matters. It recycles.\nIn 2019. Then 5. Next.",
         ["They were:", "1. Ecowatt Solutions – solar", "12. Cycle Matters.", "It recycles.", "In 2019.", "Then 5.",
          "Next."]),  # a numbered list item's number is no sentence of its own
    ],
)
def test_split_sentences(text, expected):
    assert sentences(text) == expected


def test_chunks_keep_offsets_limits_and_overlap():
    paragraph = " ".join(f"Sentence number {i} talks about Brussels and Quito." for i in range(12))
    rel = release("\n\n".join([paragraph] * 6))
    chunks = chunk_release(rel, max_tokens=64, overlap=16)
    assert len(chunks) > 6
    assert [c.index for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert rel.text[chunk.start:chunk.end] == chunk.text
        assert chunk.tokens == count_tokens(chunk.text) <= 64
    # whole-sentence overlap: consecutive chunks inside a paragraph share text
    assert any(a.end > b.start for a, b in zip(chunks, chunks[1:]))
    assert chunks[-1].end == len(rel.text.rstrip())


def test_long_sentence_is_split_at_token_boundaries():
    text = "word" + " ".join(f"münchen{i}" for i in range(600))  # no punctuation at all
    chunks = chunk_release(release(text), max_tokens=50, overlap=5)
    assert len(chunks) > 10
    assert all(c.tokens <= 50 and text[c.start:c.end] == c.text for c in chunks)
    covered = "".join(c.text for c in chunks).replace(" ", "")
    assert covered == text.replace(" ", "")  # nothing lost (no overlap possible inside one sentence)


def test_boilerplate_spans_are_borders():
    body = "The mission went to Quito. It was a success."
    about = "About hub.brussels. It helps companies export."
    text = f"{body}\n\n{about}"
    start = text.index("About")
    chunks = chunk_release(release(text), max_tokens=100, overlap=10, boilerplate_spans=[(start, len(text))])
    assert [(c.text, c.boilerplate) for c in chunks] == [(body, False), (about, True)]


def test_fits_limit_splits_further():
    text = " ".join(f"Zin {i} gaat over het Brussels Hoofdstedelijk Gewest." for i in range(40))
    rel = release(text)
    chunks = chunk_release(rel, max_tokens=200, overlap=10, fits=lambda s: len(s.split()) <= 30)
    assert all(len(c.text.split()) <= 30 for c in chunks)


def test_model_limit_with_real_embedder(embedder):
    # Dutch numbers and compound words take many more word pieces than cl100k tokens.
    text = " ".join(f"Exportvolumeontwikkelingsstatistieken{i} {i * 7919},{i}%" for i in range(300))
    rel = release(text, title="Brusselse exporteurs in Japan")
    fits = lambda s: embedder.count_model_tokens(embedding_text(rel, _fake(s))) <= embedder.max_tokens  # noqa: E731
    chunks = chunk_release(rel, max_tokens=240, overlap=0, fits=fits)
    assert all(embedder.count_model_tokens(embedding_text(rel, c)) <= embedder.max_tokens for c in chunks)
    assert all(rel.text[c.start:c.end] == c.text for c in chunks)


def _fake(text):
    from ingest.records import Chunk

    return Chunk("r-1", 0, text, 0, len(text), 0)


def test_embedding_text_has_title_and_date_prefix():
    rel = release("Body text.", title="Brussels visits Quito")
    chunk = chunk_release(rel, max_tokens=64, overlap=0)[0]
    assert embedding_text(rel, chunk) == "Brussels visits Quito (2021-10)\n\nBody text."
    assert chunk.start == 0 and chunk.text == "Body text."


def test_empty_and_whitespace_text():
    assert chunk_release(release(""), max_tokens=64, overlap=0) == []
    assert chunk_release(release(" \n\n \n"), max_tokens=64, overlap=0) == []


_pieces = st.sampled_from(
    ["Mr. ", "St. ", "e.g. ", "25,9 % ", "3.5 ", "« Oui » ", "\n", "\n\n\n", " ", ". ", "? ", "Brüssel ", "日本語 ",
     "🇧🇪", "x" * 30, "word ", "Ünïcødé ", "\t", '"Quote." ', "A", "z"]
)
texts = st.one_of(
    st.lists(_pieces, max_size=300).map("".join),
    st.text(max_size=1500),
)


@settings(max_examples=150, deadline=None)
@given(text=texts, max_tokens=st.integers(16, 80), overlap_ratio=st.floats(0, 0.5), data=st.data())
def test_property_offsets_and_limits(text, max_tokens, overlap_ratio, data):
    overlap = int(max_tokens * overlap_ratio)
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=3))
    rel = release(text)
    chunks = chunk_release(rel, max_tokens=max_tokens, overlap=overlap, boilerplate_spans=spans)
    for chunk in chunks:
        assert text[chunk.start:chunk.end] == chunk.text
        assert chunk.text and chunk.text == chunk.text.strip()
        assert chunk.tokens == count_tokens(chunk.text)
        assert chunk.tokens <= max_tokens or count_tokens(chunk.text) == 1
    # every non-space character is in some chunk
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.start, chunk.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    for start, end in split_sentences(text):
        assert text[start:end] == text[start:end].strip() and start < end
