"""Shared fixtures: the real bundled embedding model, loaded once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EVAL_CORPUS = SHARED / "eval" / "corpus"
SEEDS = REPO / "docs_corpus"


@pytest.fixture(scope="session")
def embedder():
    from ingest.embed import Embedder

    return Embedder("bundled")


@pytest.fixture
def tmp_store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"
