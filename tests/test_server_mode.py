"""BXLBOT_CHROMA_URL: a real `chroma run` server shared by processes that each keep their own copy of the catalog.
One process ingests, others answer (and see releases ingested after they started); a stopped server is a clear
error and answers resume when it is back."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from bot import Bot
from bot.cite import problems
from bot.errors import UnavailableError
from chroma_server import ChromaServer
from conftest import REPO, need
from ingest.errors import StoreMissingError
from ingest.settings import Settings
from ingest.store import Store

ANKARA = "On what date was the memorandum of understanding between the Brussels-Capital Region and Ankara signed?"
DAKAR = ("Brussels and Dakar sign a cooperation agreement\n\nBrussels, 4 March 2024 - On 3 March 2024 the "
         "Brussels-Capital Region and the city of Dakar signed a cooperation agreement on urban mobility.\n")


@pytest.fixture
def server(tmp_path):
    running = ChromaServer(tmp_path / "chroma-data").start()
    yield running
    running.stop()


def ingest_elsewhere(server: ChromaServer, corpus, copy_dir, *options: str) -> str:
    """`python -m ingest` in another process, with its own copy of the catalog (as on another machine)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1", "BXLBOT_CHROMA_URL": server.url,
           "BXLBOT_STORE_DIR": str(copy_dir)}
    done = subprocess.run([sys.executable, "-m", "ingest", str(corpus), "--quiet", *options], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_ingested_by_one_process_answered_by_another(server, tmp_path, embedder):
    corpus = tmp_path / "corpus"
    shutil.copytree(need(REPO / "docs_corpus"), corpus)
    settings = Settings(chroma_url=server.url, store_dir=tmp_path / "reader", sync_seconds=0)
    with pytest.raises(StoreMissingError, match="python -m ingest"):
        Bot(settings=settings, embedder=embedder)
    assert "added 2" in ingest_elsewhere(server, corpus, tmp_path / "writer")
    reader = Bot(settings=settings, embedder=embedder)
    answer = reader.ask(ANKARA)
    assert "26 October 2021" in answer.text and answer.citations[0].source == "000_d436b39325961c28.txt"
    assert problems(answer, {r.id: r for r in reader.releases()}) == []
    quito = reader.ask("Who signed the memorandum of understanding?", partners=["Quito"])
    assert quito.citations and {c.source for c in quito.citations} == {"003_cfea4ba6f28da855.txt"}
    assert reader.ask(ANKARA, since="2030").abstained

    (corpus / "dakar.txt").write_text(DAKAR, encoding="utf-8")
    assert "added 1" in ingest_elsewhere(server, corpus, tmp_path / "writer")  # after the reader started
    dakar = reader.ask("When did Brussels sign an agreement with Dakar?")
    assert "3 March 2024" in dakar.text and dakar.citations[0].source == "dakar.txt"
    assert reader.count() == 3 and "Dakar" in reader.partners()
    assert (tmp_path / "reader" / "releases.sqlite3").exists()  # its own copy of the catalog

    (corpus / "dakar.txt").unlink()
    assert "removed 1" in ingest_elsewhere(server, corpus, tmp_path / "other-writer")  # a third copy, built afresh
    assert reader.ask("When did Brussels sign an agreement with Dakar?").abstained
    assert reader.count() == 2


def test_a_store_rebuilt_on_the_server_is_read_by_a_running_bot(server, tmp_path, embedder):
    """A rebuild on the server replaces its collections under a running bot: at its next look for writes made
    elsewhere, Chroma's error tells the bot, which opens the new store instead of failing every request."""
    corpus = tmp_path / "corpus"
    shutil.copytree(need(REPO / "docs_corpus"), corpus)
    ingest_elsewhere(server, corpus, tmp_path / "writer")
    reader = Bot(settings=Settings(chroma_url=server.url, store_dir=tmp_path / "reader", sync_seconds=0),
                 embedder=embedder)
    assert "26 October 2021" in reader.ask(ANKARA).text
    other = tmp_path / "other"
    other.mkdir()
    (other / "dakar.txt").write_text(DAKAR, encoding="utf-8")
    assert "added 1" in ingest_elsewhere(server, other, tmp_path / "writer", "--rebuild")
    dakar = reader.ask("When did Brussels sign an agreement with Dakar?")
    assert "3 March 2024" in dakar.text and {c.source for c in dakar.citations} == {"dakar.txt"}
    assert problems(dakar, {r.id: r for r in reader.releases()}) == []
    assert reader.count() == 1


def test_a_stopped_server_is_a_clear_error_and_answers_resume(server, tmp_path, embedder):
    corpus = tmp_path / "corpus"
    shutil.copytree(need(REPO / "docs_corpus"), corpus)
    settings = Settings(chroma_url=server.url, store_dir=tmp_path / "store", sync_seconds=0)
    from ingest.pipeline import ingest

    ingest([corpus], settings=settings, embedder=embedder)
    bot = Bot(settings=settings, embedder=embedder)
    assert "26 October 2021" in bot.ask(ANKARA).text
    server.stop()
    with pytest.raises(UnavailableError, match=f"Cannot reach the Chroma server at {server.url}"):
        bot.ask(ANKARA + " (again)")
    server.start()
    assert "26 October 2021" in bot.ask(ANKARA).text


def test_a_server_that_is_not_there_is_named(tmp_path, embedder):
    from chroma_server import free_port
    from ingest.errors import StoreUnavailableError

    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError, match=f"Cannot reach the Chroma server at {url}"):
        Store.open(tmp_path / "s", embedder_name=embedder.name, dimension=384,
                   settings=Settings(chroma_url=url), create=True)
