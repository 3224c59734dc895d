"""Shared fixtures: the real bundled embedding model, loaded once per test session."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "docs_corpus"
# Every file the tests read lies under tests/data/: a plain clone has nothing beside the repository.
DATA = REPO / "tests" / "data"
DEV = DATA / "dev"
EVAL_CORPUS = DEV / "corpus"
DEV_QUESTIONS = DEV / "questions.jsonl"
DEV_MANIFEST = DEV / "manifest.jsonl"
HELDOUT = DATA / "heldout"


def need(path: Path) -> Path:
    """The path of a test data file, or a failure that names the missing file."""
    if not path.exists():
        raise FileNotFoundError(f"test data file missing: {path.relative_to(REPO)} (tests read only tests/data/)")
    return path


def read_jsonl(path: Path) -> list[dict]:
    """The objects of a JSON-lines test data file."""
    return [json.loads(line) for line in need(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def embedder():
    from ingest.embed import Embedder

    return Embedder("bundled")


@pytest.fixture
def tmp_store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"
