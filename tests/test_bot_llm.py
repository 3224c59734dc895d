"""The optional LLM answerer through LangChain's fake chat models: only supported sentences survive."""
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bot import Bot
from bot.cite import Claim, assemble, problems
from bot.errors import BackendError
from bot.llm.reader import build_chat_model, llm_draft, messages_for
from bot.question.understand import understand
from bot.read.compose import Draft
from bot.records import Passage
from bot_corpus import built_store, handmade_store


@pytest.fixture(scope="module")
def quito(tmp_path_factory, embedder):
    """The corpus of the hand-made releases, the Quito release and its one passage."""
    corpus = Bot(store=handmade_store(tmp_path_factory, embedder), embedder=embedder).corpus
    release = next(r for r in corpus.releases() if r.source == "quito.txt")
    chunk = corpus.store.chunks_of(release.id)[0]
    return corpus, release, [Passage(chunk, release, 1.0)]


@pytest.fixture
def _draft(quito):
    corpus, release, passages = quito
    fallback = Draft(claims=(Claim(release, 0, 10),))

    def draft(reply: str, model=None) -> Draft:
        query = understand("Who signed the memorandum for Quito?")
        return llm_draft(model or FakeListChatModel(responses=[reply]), query, passages, fallback, corpus)
    draft.fallback = fallback
    return draft


def test_supported_sentences_keep_a_verified_quote(_draft, quito):
    corpus, release, passages = quito
    draft = _draft("Jorge Yunda Machado, the mayor of Quito, signed it [1]. The moon is made of cheese [1].")
    assert [c.shown for c in draft.claims] == ["Jorge Yunda Machado, the mayor of Quito, signed it."]
    answer = assemble(draft.claims, passages, question="q", lang="en")
    assert answer.text == "Jorge Yunda Machado, the mayor of Quito, signed it. [1]"
    assert answer.citations[0].quote in release.text and problems(answer, {release.id: release}) == []


def test_unknown_markers_and_invented_numbers_are_dropped(_draft):
    assert _draft("The mayor of Quito signed it with 45 witnesses [1]. Yunda signed it [7].") is _draft.fallback


def test_no_answer_and_backend_failures_fall_back_to_the_extractive_draft(_draft):
    assert _draft("NO_ANSWER") is _draft.fallback

    class Broken:
        def invoke(self, messages):
            raise ConnectionError("no server")

    assert _draft("", Broken()) is _draft.fallback


def test_retrieved_text_is_marked_as_untrusted_data(quito):
    system, user = messages_for(understand("Qui a signé le protocole avec Quito ?"), quito[2])
    assert "untrusted" in system.content and "French" in system.content
    assert '<release n="1" published="2021-03-02"' in user.content and "HACKED" in user.content


def test_unknown_backends_are_refused_with_the_setting_to_change():
    with pytest.raises(BackendError, match="BXLBOT_LLM"):
        build_chat_model("magic")
    with pytest.raises(BackendError, match="BXLBOT_LLM"):
        build_chat_model("nosuchprovider:model")


def test_a_bot_with_an_llm_still_keeps_the_citation_contract(tmp_path_factory, embedder):
    fake = FakeListChatModel(responses=["Jorge Yunda Machado signed it for Quito [1]. Invented claim [9]."] * 3)
    the_bot = Bot(store=built_store(tmp_path_factory, embedder), embedder=embedder, llm=fake)
    answer = the_bot.ask("Who was the mayor of Quito who signed the memorandum of understanding with Brussels?")
    assert "Yunda" in answer.text and "Invented" not in answer.text
    assert problems(answer, {r.id: r for r in the_bot.releases()}) == []
    assert the_bot.ask("Which agreement did Brussels sign with Dakar?").abstained  # abstention is not the LLM's call
