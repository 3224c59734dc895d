"""Test helper: one store built from the seed releases and the dev corpus, shared by the bot's test modules."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA, EVAL_CORPUS, REPO, need

CORPORA = [REPO / "docs_corpus", EVAL_CORPUS]
_built: dict[str, Path] = {}


def built_store(tmp_path_factory, embedder) -> Path:
    """Ingests the seeds and the dev corpus once per test session and returns the store folder."""
    return _store("store", CORPORA, tmp_path_factory, embedder)


def handmade_store(tmp_path_factory, embedder) -> Path:
    """A store of the hand-made releases (tests/data/handmade), built once per test session."""
    return _store("handmade", [DATA / "handmade"], tmp_path_factory, embedder)


def _store(name: str, corpora, tmp_path_factory, embedder) -> Path:
    if name not in _built:
        from ingest.pipeline import ingest
        from ingest.settings import Settings

        folder = tmp_path_factory.mktemp(f"{name}-store") / "store"
        settings = Settings.from_env().replace(store_dir=folder)
        ingest([need(c) for c in corpora], store_dir=folder, settings=settings, embedder=embedder)
        _built[name] = folder
    return _built[name]


def copy_corpus(target: Path) -> Path:
    shutil.copytree(REPO / "docs_corpus", target)
    return target
