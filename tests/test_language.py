"""Language detection on whole releases and on short questions."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.metadata.language import detect_language

from conftest import DEV_QUESTIONS, read_jsonl

QUESTIONS = read_jsonl(DEV_QUESTIONS)


@pytest.mark.parametrize("text, lang", [
    ("Quand a eu lieu le sommet ?", "fr"),
    ("Hoeveel bedrijven namen deel?", "nl"),
    ("Who opened it?", "en"),
    ("Et où s'est-il tenu ?", "fr"),
    ("Wie heeft het geopend?", "nl"),
    ("When did it open?", "en"),
    ("La délégation devant le bâtiment du centre UMEM", "fr"),
    ("De delegatie bezocht de stad.", "nl"),
])
def test_short_texts(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "12345 67", "UMEM", "Pascal Smet"])
def test_undetermined(text):
    assert detect_language(text) == "und"


def test_all_dev_questions():
    wrong = [(q["question"], q["lang"], detect_language(q["question"])) for q in QUESTIONS
             if detect_language(q["question"]) != q["lang"]]
    assert len(QUESTIONS) == 50 and wrong == []


def test_whole_release_files():
    corpus = Path(__file__).resolve().parents[1] / "docs_corpus"
    for path in corpus.glob("*.txt"):
        assert detect_language(path.read_text()) == "en"
