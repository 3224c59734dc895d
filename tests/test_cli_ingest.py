"""`python -m ingest`: summary on stdout, exit status, clear errors."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import EVAL_CORPUS, REPO
from ingest.__main__ import main


def test_cli_ingests_then_reports_unchanged(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EVAL_CORPUS / "dev-01-milan-brussels-house.txt", corpus)
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "ingest", str(corpus), "--store", str(store)],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("added 1, updated 0, unchanged 0, removed 0, failed 0;")
    assert "embedding chunks" in done.stderr  # the progress bar
    assert main([str(corpus), "--store", str(store), "--quiet"]) == 0


def test_cli_exit_status_for_failures_and_mismatch(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    store = tmp_path / "store"
    assert main([str(corpus), "--store", str(store), "--quiet"]) == 1  # nothing could be ingested
    assert "failed: empty.txt: " in capsys.readouterr().out
    monkeypatch.setenv("BXLBOT_CHUNK_TOKENS", "100")
    assert main([str(corpus), "--store", str(store), "--quiet"]) == 2
    assert "--rebuild --store" in capsys.readouterr().err
