"""A Bot whose LLM reads (fake chat models, the real store of the seeds and the dev corpus): verified answers, the
offline answer on any failure with the reason in the notes, honest abstentions, streaming, and backend settings."""
import socket
import time

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel

from bot import Answer, Bot
from bot.cite import problems
from bot.errors import BackendError
from bot.llm import Unverified, build_backend
from bot.llm.backends import gguf_path
from bot.render import closest_lead
from bot_corpus import built_store
from ingest.errors import SettingsError
from ingest.settings import Settings
from llm_fakes import CitingFake

MILAN = "Who opened the first Brussels House in Milan together with Pascal Smet?"
SALA = "Giuseppe Sala, the Mayor of Milan, opened it [{Giuseppe Sala}]."


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder):
    return built_store(tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def offline(store, embedder):
    return Bot(store=store, embedder=embedder)


def with_llm(store, embedder, llm, **settings) -> Bot:
    return Bot(store=store, embedder=embedder, llm=llm, settings=Settings.from_env({}, **settings))


def contract(bot: Bot, answer: Answer) -> list[str]:
    return problems(answer, {r.id: r for r in bot.releases()})


def test_the_model_writes_the_answer_and_only_supported_sentences_stay(store, embedder):
    bot = with_llm(store, embedder, CitingFake(reply=SALA + " The house cost 3 million euros [{Giuseppe Sala}]."))
    answer = bot.ask(MILAN)
    assert answer.text == "Giuseppe Sala, the Mayor of Milan, opened it. [1]"
    assert answer.confidence == "answer" and not answer.abstained and contract(bot, answer) == []
    assert "Giuseppe Sala" in answer.citations[0].quote
    assert answer.notes == ("Written by the language model CitingFake; every sentence was checked against the "
                            "passage it cites.",
                            "1 sentence(s) of the model's answer that the cited passages do not support were left out.")


@pytest.mark.parametrize("llm, reason", [
    (FakeListChatModel(responses=["Rudi Vervoort opened it [{Giuseppe Sala}]."]), "no sentence of it is supported"),
    (FakeListChatModel(responses=["Giuseppe Sala opened it [9]."]), "no sentence of it is supported"),
    (FakeListChatModel(responses=[""]), "it gave an empty answer"),
    (FakeListChatModel(responses=["Giuseppe Sala, le maire de Milan, l'a inauguré avec Pascal Smet [1]."]),
     "it answered in French, not in English"),
])
def test_an_unusable_reply_gives_the_offline_answer_and_says_why(store, embedder, offline, llm, reason):
    expected = offline.ask(MILAN)
    answer = with_llm(store, embedder, llm).ask(MILAN)
    assert (answer.text, answer.citations, answer.confidence) == (expected.text, expected.citations,
                                                                  expected.confidence)
    assert answer.notes[:-1] == expected.notes and reason in answer.notes[-1]
    assert answer.notes[-1].startswith("The language model's answer could not be used")


def test_a_server_that_is_down_or_slow_gives_the_offline_answer_in_time(store, embedder, offline):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    down = Bot(store=store, embedder=embedder, settings=Settings.from_env(
        {"BXLBOT_LLM": "openai:local", "BXLBOT_LLM_BASE_URL": url, "BXLBOT_LLM_RETRIES": "0"}))
    answer = down.ask(MILAN)
    assert answer.text == offline.ask(MILAN).text
    assert f"the model server at {url} cannot be reached (BXLBOT_LLM_BASE_URL)" in answer.notes[-1]

    def stalled():
        time.sleep(5)
        yield "Giuseppe Sala opened it [1]."

    slow = with_llm(store, embedder, GenericFakeChatModel(messages=stalled()), llm_timeout=1.0)
    started = time.monotonic()
    answer = slow.ask(MILAN)
    assert time.monotonic() - started < 4 and "no answer within 1 s" in answer.notes[-1]
    assert answer.text == offline.ask(MILAN).text


def test_a_model_that_finds_nothing_leaves_the_closest_passages_labelled_as_such(store, embedder, offline):
    expected = offline.ask(MILAN)
    assert expected.confidence == "answer"
    answer = with_llm(store, embedder, FakeListChatModel(responses=["NO_ANSWER"])).ask(MILAN)
    assert answer.confidence == "closest" and answer.text.startswith(closest_lead("en"))
    assert [c.quote for c in answer.citations] == [c.quote for c in expected.citations]
    assert "found no answer" in answer.notes[-1]


def test_abstentions_stay_checked_claims_about_the_corpus(store, embedder, offline):
    llm = CitingFake(reply="NO_ANSWER")
    bot = with_llm(store, embedder, llm)
    absent = bot.ask("Which agreement did Brussels sign with Dakar?")
    assert absent.abstained and "Dakar" in absent.text and llm.calls == 0  # checked in the key index, no model
    assert absent.text == offline.ask("Which agreement did Brussels sign with Dakar?").text
    present = bot.ask("How many goats did the Mayor of Quito give to Brussels?")
    assert llm.calls == 1 and present.confidence in ("closest", "none")
    assert "mentions Quito" not in present.text and contract(bot, present) == []


def test_the_reply_streams_word_by_word_before_the_verified_answer(store, embedder):
    bot = with_llm(store, embedder, CitingFake(reply=SALA + " Invented [7]."))
    items = list(bot.stream(MILAN))
    drafts = [i for i in items if isinstance(i, Unverified)]
    assert len(drafts) >= 5 and all(a and b.startswith(a) for a, b in zip(drafts, drafts[1:]))
    assert drafts[-1].startswith("Giuseppe Sala, the Mayor of Milan, opened it [") and "Invented [7]" in drafts[-1]
    final_text, answer = items[-2], items[-1]
    assert isinstance(answer, Answer) and final_text == answer.text and not isinstance(final_text, Unverified)
    assert "Invented" not in answer.text


def test_the_web_chat_labels_the_draft_until_the_verified_answer(store, embedder, tmp_path):
    from web.chat import ChatHandlers
    from web.feedback import FeedbackStore
    from web.render import CHECKING

    fake = CitingFake(reply=SALA)
    bot = with_llm(store, embedder, fake)
    handlers = ChatHandlers(bot, bot.settings, FeedbackStore(tmp_path / "feedback.sqlite3"))
    shown, first_shown = [], None
    for step in handlers.respond(MILAN, [], None, None, None, None):
        shown.append(step[0][-1]["content"])
        if first_shown is None and CHECKING in shown[-1]:
            first_shown = time.monotonic()
    assert first_shown - fake.first_sent < 1.0  # the first words reach the page as soon as the model writes them
    drafts = [s for s in shown if CHECKING in s]
    assert len(drafts) >= 3 and "Giuseppe" in drafts[-1]
    assert CHECKING not in shown[-1] and "Giuseppe Sala" in shown[-1] and "/view/source/" in shown[-1]


def test_backend_settings_fail_at_construction_with_the_fix():
    with pytest.raises(BackendError, match="BXLBOT_LLM_MODEL"):
        build_backend(Settings.from_env({"BXLBOT_LLM": "openai"}))
    with pytest.raises(BackendError, match="not a GGUF file"):
        build_backend(Settings.from_env({"BXLBOT_LLM": "gguf:/nowhere/model.gguf"}))
    with pytest.raises(SettingsError, match="BXLBOT_LLM"):
        Settings.from_env({"BXLBOT_LLM": "magic"})
    with pytest.raises(SettingsError, match="BXLBOT_LLM_MAX_TOKENS"):
        Settings.from_env({"BXLBOT_LLM_CONTEXT": "512", "BXLBOT_LLM_MAX_TOKENS": "400"})
    assert build_backend(Settings.from_env({})) is None
    backend = build_backend(Settings.from_env({"BXLBOT_LLM": "openai:qwen", "BXLBOT_LLM_TIMEOUT": "7"}))
    assert (backend.name, backend.timeout, backend.where) == ("qwen", 7.0, "http://127.0.0.1:8000/v1")
    assert gguf_path("smollm2").is_file()  # the llm extra's small model, installed by the test extra
