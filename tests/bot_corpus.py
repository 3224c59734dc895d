"""Test helper: one store built from the seed releases and the dev corpus, shared by the bot's test modules."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DEV_QUESTIONS as QUESTIONS, EVAL_CORPUS, REPO, need

CORPORA = [REPO / "docs_corpus", EVAL_CORPUS]
_built: dict[str, Path] = {}


def built_store(tmp_path_factory, embedder) -> Path:
    """Ingests the corpora once per test session and returns the store folder."""
    if "store" not in _built:
        from ingest.pipeline import ingest
        from ingest.settings import Settings

        folder = tmp_path_factory.mktemp("bot-store") / "store"
        settings = Settings.from_env().replace(store_dir=folder)
        ingest([need(c) for c in CORPORA], store_dir=folder, settings=settings, embedder=embedder)
        _built["store"] = folder
    return _built["store"]


def copy_corpus(target: Path) -> Path:
    shutil.copytree(REPO / "docs_corpus", target)
    return target
