"""A bot opened in the background: a question asked before it is ready waits and gets the bot's answer; an error
while opening reaches the failure handler and every caller."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.bot import Bot
from bot.starting import Starting
from bot_corpus import built_store
from ingest.errors import StoreMissingError
from ingest.settings import Settings

ANKARA = "When was the memorandum of understanding with Ankara signed?"


def test_a_question_asked_before_the_bot_is_ready_waits_for_its_answer(tmp_path_factory, embedder):
    store = built_store(tmp_path_factory, embedder)
    models_loaded = threading.Event()

    def open_bot():
        models_loaded.wait()  # stands for the models still loading
        return Bot(settings=Settings(store_dir=store), embedder=embedder)

    starting = Starting(open_bot)
    with ThreadPoolExecutor(1) as pool:
        asked = pool.submit(lambda: starting.ask(ANKARA))  # the attribute itself waits for the bot
        assert not starting.ready and not asked.done()
        models_loaded.set()
        answer = asked.result()
    assert starting.ready and not answer.abstained and "26 October 2021" in answer.text
    assert answer.text == Bot(settings=Settings(store_dir=store), embedder=embedder).ask(ANKARA).text


def test_an_error_while_opening_reaches_the_handler_and_every_caller():
    def open_bot():
        raise StoreMissingError("No store in /nowhere: build it with `python -m ingest --store /nowhere`.")

    failures = []
    starting = Starting(open_bot, on_failure=failures.append)
    with pytest.raises(StoreMissingError, match="No store"):
        starting.ask(ANKARA)
    with pytest.raises(StoreMissingError):
        starting.count()
    assert [type(f) for f in failures] == [StoreMissingError]
