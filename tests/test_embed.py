"""The bundled embedding model: normalised vectors in input order, thread-safe queries, clear errors."""
from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from ingest.embed import BUNDLED_NAME, Embedder
from ingest.errors import SettingsError

REPO = Path(__file__).resolve().parent.parent


def test_bundled_model_identity(embedder):
    assert embedder.name == BUNDLED_NAME
    assert embedder.dimension == 384
    assert embedder.max_tokens == 256
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_vectors_normalised_and_in_order(embedder):
    texts = ["short", "a much longer text about the Brussels-Capital Region and its partners " * 5, "Quito", ""]
    together = embedder.embed(texts)
    assert together.dtype == np.float32 and together.shape == (4, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    one_by_one = np.stack([embedder.embed_query(t) for t in texts])
    assert np.allclose(together, one_by_one, atol=1e-5)
    assert embedder.embed([]).shape == (0, 384)


def test_progress_reports_until_total(embedder):
    seen = []
    embedder.embed([f"text {i}" for i in range(300)], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (300, 300) and len(seen) >= 2


def test_paraphrase_is_closer_than_unrelated(embedder):
    query, paraphrase, other = embedder.embed(
        ["trade mission to Japan", "Brussels companies travelled to Tokyo to do business", "a recipe for waffles"]
    )
    assert query @ paraphrase > query @ other


def test_concurrent_queries_are_consistent(embedder):
    texts = [f"question number {i} about Milan" for i in range(16)]
    expected = [embedder.embed_query(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(embedder.embed_query, texts))
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(expected, got))


def test_count_model_tokens_includes_special_tokens(embedder):
    assert embedder.count_model_tokens("") == 2
    assert embedder.count_model_tokens("Exportvolumeontwikkelingsstatistieken") > 5


def test_unknown_model_names_the_setting(tmp_path):
    with pytest.raises(SettingsError, match="BXLBOT_EMBEDDING_MODEL"):
        Embedder(str(tmp_path / "no-such-model"))
    with pytest.raises(SettingsError, match="BXLBOT_EMBEDDING_MODEL"):
        Embedder("nobody/no-such-model-xyz")


def test_onnx_backends_agree_with_torch(embedder):
    """ONNX Runtime fp32 gives torch's vectors; int8 stays close (exported once, offline, into the user's cache)."""
    texts = ["Brussels and Quito sign a memorandum of understanding on urban mobility.", "Kort.",
             "Les entreprises bruxelloises à Milan et à Lille, le 3 février 2023."]
    base = embedder.embed(texts)
    fp32, int8 = Embedder(backend="onnx"), Embedder(backend="onnx-int8")
    assert fp32.name == embedder.name and int8.name == embedder.name + "+int8"  # a store knows which it holds
    assert (fp32.embed(texts) * base).sum(axis=1).min() > 0.9999
    assert (int8.embed(texts) * base).sum(axis=1).min() > 0.97
    assert [fp32.count_model_tokens(t) for t in texts] == [embedder.count_model_tokens(t) for t in texts]
    assert fp32.dimension == 384 and fp32.max_tokens == embedder.max_tokens


def test_auto_backend_runs_the_bundled_model_without_torch(embedder):
    """The default ('auto') runs a local model folder on ONNX Runtime: torch's vectors, and torch is never imported
    (its import was most of a start)."""
    auto = Embedder(backend="auto")
    texts = ["Brussels and Quito sign a memorandum of understanding on urban mobility."]
    assert auto.backend == "onnx" and auto.name == embedder.name
    assert (auto.embed(texts) * embedder.embed(texts)).sum(axis=1).min() > 0.9999
    code = ("import sys; from ingest.embed import Embedder; from ingest.settings import Settings; "
            "s = Settings.from_env({}); e = Embedder(s.embedding_model, s.embed_batch_size, s.embedding_backend); "
            "e.embed_query('Quito'); print(e.backend, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    env.pop("BXLBOT_EMBEDDING_BACKEND", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
    assert done.stdout.split() == ["onnx", "False", "False"], done.stderr[-2000:]
