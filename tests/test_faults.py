"""Faults: ingest killed with SIGKILL at random points, again and again; damaged, foreign or mixed store folders."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from bot import Bot
from bot.cite import problems
from conftest import EVAL_CORPUS, REPO, SEEDS, need
from ingest import ingest
from ingest.__main__ import main as ingest_cli
from ingest.errors import StoreCorruptError
from ingest.settings import Settings
from ingest.store import Store

KILLS = 20
ANKARA = "On what date was the memorandum of understanding between the Brussels-Capital Region and Ankara signed?"
CHILD = """
import sys
from ingest.embed import Embedder
from ingest.pipeline import ingest
from ingest.settings import Settings

embedder = Embedder()
print("ready", flush=True)
ingest([sys.argv[1]], store_dir=sys.argv[2], settings=Settings(), embedder=embedder)
print("done", flush=True)
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(need(SEEDS), folder)
    for path in sorted(need(EVAL_CORPUS).iterdir())[:6]:
        shutil.copy(path, folder / path.name)
    return folder


def open_store(directory, embedder) -> Store:
    return Store.open(directory, embedder_name=embedder.name, dimension=embedder.dimension, settings=Settings())


def consistent(store: Store) -> list:
    """The store answers as a whole: every visible chunk is a span of its stored release, no chunk twice."""
    chunks = store.chunks()
    assert len({c.id for c in chunks}) == len(chunks)
    for chunk in chunks:
        assert store.release(chunk.release_id).text[chunk.start:chunk.end] == chunk.text
    assert {c.release_id for c in chunks} == {r.id for r in store.releases()}
    return chunks


def test_ingest_killed_again_and_again_completes_like_a_clean_build(corpus, tmp_path, embedder):
    clean = tmp_path / "clean"
    ingest([corpus], store_dir=clean, settings=Settings(), embedder=embedder)
    expected = [(c.id, c.text) for c in open_store(clean, embedder).chunks()]
    store_dir, rng = tmp_path / "store", random.Random(20)
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    finished = 0
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(CHILD), str(corpus), str(store_dir)],
                                 env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert child.stdout.readline().strip() == "ready"
        delay = rng.uniform(0, 3.0)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        finished += child.wait(timeout=60) == 0  # it may have finished first
        if store_dir.exists():
            store = open_store(store_dir, embedder)
            consistent(store)
            try:
                answer = Bot(settings=Settings(store_dir=store_dir), embedder=embedder).ask(ANKARA)
            except Exception as error:
                raise AssertionError(f"no answer after a kill at {delay:.2f} s: {error!r}; "
                                     f"{_diagnosis(store_dir, env)}") from error
            assert problems(answer, {r.id: r for r in store.releases()}) == []
    report = ingest([corpus], store_dir=store_dir, settings=Settings(), embedder=embedder)
    assert report.failed == () and finished < KILLS  # most runs were killed mid-way
    store = open_store(store_dir, embedder)
    assert [(c.id, c.text) for c in consistent(store)] == expected  # nothing lost, nothing twice
    assert store.stats() == {"releases": len(store.releases()), "chunks": len(expected), "rows": len(expected)}
    assert "26 October 2021" in Bot(settings=Settings(store_dir=store_dir), embedder=embedder).ask(ANKARA).text


def _diagnosis(store_dir, env) -> str:
    """What a failure needs said: the Chroma folder's files, and whether a fresh process answers from them (damaged
    files, or only this process's view of them)."""
    files = sorted(f"{p.relative_to(store_dir)}:{p.stat().st_size}" for p in (store_dir / "chroma").rglob("*")
                   if p.is_file())
    fresh = subprocess.run([sys.executable, "-m", "bot", ANKARA, "--store", str(store_dir)], env=env, cwd=REPO,
                           capture_output=True, text=True, timeout=300)
    said = (fresh.stdout or fresh.stderr).strip().splitlines()[:1]
    return f"a fresh process: exit {fresh.returncode}, {said}; Chroma files: {files}"


@pytest.fixture
def built(tmp_path, embedder):
    folder = tmp_path / "store"
    ingest([need(SEEDS)], store_dir=folder, settings=Settings(), embedder=embedder)
    return folder


def test_a_running_bot_answers_from_a_store_another_process_rebuilt(built, tmp_path, embedder):
    """`python -m ingest --rebuild` while the web chat runs: the next question reads the new store, not a failed
    request nor the old catalog's "none of the 2 releases mentions Milan" (the bot looks at the manifest's store id
    before each question, not only every sync_seconds)."""
    bot = Bot(settings=Settings(store_dir=built, sync_seconds=3600), embedder=embedder)
    assert "26 October 2021" in bot.ask(ANKARA).text
    milan = need(EVAL_CORPUS / "dev-01-milan-brussels-house.txt")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(milan, other / milan.name)
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "ingest", str(other), "--store", str(built), "--rebuild", "--quiet"],
                   env=env, cwd=REPO, check=True, capture_output=True, timeout=600)
    answer = bot.ask("When did the first Brussels House open its doors in Milan?")
    rebuilt = {r.id: r for r in open_store(built, embedder).releases()}
    assert answer.citations and {c.source for c in answer.citations} == {r.source for r in rebuilt.values()}
    assert problems(answer, rebuilt) == []
    assert bot.count() == 1


def test_a_store_open_in_this_process_finds_the_chunks_another_process_wrote(built, tmp_path, embedder):
    """`python -m ingest` adds a release while the web chat runs: the chat's open store, and any store opened again
    in its process, find the new chunks by vector (Chroma keeps in memory the index a process loaded first)."""
    question = embedder.embed_query("When did the first Brussels House open its doors in Milan?")
    store = open_store(built, embedder)
    assert store.dense_search(question, 4)  # the vector index is loaded now
    milan = need(EVAL_CORPUS / "dev-01-milan-brussels-house.txt")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(milan, other / milan.name)
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "ingest", str(other), "--store", str(built), "--quiet"],
                   env=env, cwd=REPO, check=True, capture_output=True, timeout=600)
    for reader in (store, open_store(built, embedder)):
        found = [c.release_id for c, _ in reader.dense_search(question, 4)]
        assert found and all(store.release(rid).source == milan.name for rid in found), found


def test_a_foreign_folder_is_never_written_into(tmp_path, embedder, capsys):
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    with pytest.raises(StoreCorruptError, match="is not a store"):
        Bot(settings=Settings(store_dir=foreign), embedder=embedder, create=True)
    assert ingest_cli([str(SEEDS), "--store", str(foreign), "--quiet"]) == 2
    assert "is not a store" in capsys.readouterr().err
    assert [p.name for p in foreign.iterdir()] == ["holiday.jpg"]


@pytest.mark.parametrize("damage, needle", [
    ("manifest.json", "not a readable store manifest"),
    ("releases.sqlite3", "catalog .* is not readable"),
    ("chroma/chroma.sqlite3", "Chroma files .* are not readable"),
])
def test_a_damaged_store_is_a_clear_error(built, embedder, damage, needle):
    (built / damage).write_bytes(b"\x00garbage" * 512)
    with pytest.raises(StoreCorruptError, match=needle):
        Bot(settings=Settings(store_dir=built), embedder=embedder)


def test_parts_of_two_stores_are_not_mixed(built, tmp_path, embedder):
    other = tmp_path / "other"
    ingest([need(SEEDS)], store_dir=other, settings=Settings(), embedder=embedder)
    shutil.rmtree(built / "chroma")
    shutil.copytree(other / "chroma", built / "chroma")
    # in a new process: Chroma's client keeps the files of a folder open for the life of this one
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "bot", ANKARA, "--store", str(built)], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "do not belong together" in done.stderr, done.stderr


def test_a_damaged_keyword_snapshot_is_rebuilt_from_the_catalog(built, embedder):
    store = open_store(built, embedder)
    store.refresh_keyword_index(force=True)
    expected = Bot(settings=Settings(store_dir=built), embedder=embedder).ask(ANKARA).text
    for array in (built / "keyword").glob("*/*.npy"):
        array.write_bytes(b"not numpy")
    assert Bot(settings=Settings(store_dir=built), embedder=embedder).ask(ANKARA).text == expected
