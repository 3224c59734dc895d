"""The public API over a real store: Bot, ask, stream, filters, corpus views, refresh, threads, CLI."""
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

import bot as bot_package
from bot import Answer, Bot, Citation
from bot.__main__ import main as cli
from bot.cite import problems
from bot_corpus import REPO, built_store, copy_corpus
from ingest.records import PartialDate
from ingest.settings import Settings

ANKARA = "On what date was the memorandum of understanding between the Brussels-Capital Region and Ankara signed?"


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder):
    return built_store(tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def the_bot(store, embedder) -> Bot:
    return Bot(store=store, embedder=embedder)


def _check_contract(answer: Answer, the_bot: Bot) -> None:
    releases = {r.id: r for r in the_bot.releases()}
    assert problems(answer, releases) == []
    for c in answer.citations:
        assert isinstance(c, Citation) and releases[c.release_id].text[c.start:c.end] == c.quote
    json.dumps(answer.to_dict())


def test_an_answer_carries_verified_dated_citations(the_bot):
    answer = the_bot.ask(ANKARA)
    assert not answer.abstained and "26 October 2021" in answer.text
    assert answer.citations[0].source == "000_d436b39325961c28.txt"
    assert isinstance(answer.citations[0].published, PartialDate)
    _check_contract(answer, the_bot)


def test_a_follow_up_is_answered_from_the_history(the_bot):
    history = [{"role": "user", "content": "Who signed the memorandum of understanding with the Mayor of Ankara?"},
               {"role": "assistant", "content": "Rudi Vervoort and Pascal Smet signed it with Mansur Yavaş."}]
    answer = the_bot.ask("And when was it signed?", history=history)
    assert "26 October 2021" in answer.text
    _check_contract(answer, the_bot)


def test_an_unanswerable_question_abstains_with_the_scope(the_bot):
    answer = the_bot.ask("Which agreement did Brussels sign with Dakar?")
    assert answer.abstained and not answer.citations
    assert answer.text.startswith("None of the 18 releases, published between")


def test_filters_limit_the_releases_used(the_bot):
    quito = the_bot.ask("Who signed the memorandum of understanding?", partners=["Quito"])
    assert quito.citations and all(c.source == "003_cfea4ba6f28da855.txt" for c in quito.citations)
    french = the_bot.ask("Quand la Brussels House de Barcelone a-t-elle été inaugurée ?", lang="fr")
    assert all(c.lang == "fr" for c in french.citations)
    future = the_bot.ask(ANKARA, since="2030")
    assert future.abstained and "filters" in future.text
    dated = the_bot.ask("When was the first Brussels House inaugurated?", since="2023-01-01", until="2023-12-31")
    assert all(c.published.year == 2023 for c in dated.citations)


def test_stream_yields_growing_text_then_the_answer(the_bot):
    parts = list(the_bot.stream(ANKARA))
    *texts, final = parts
    assert isinstance(final, Answer) and texts and all(isinstance(t, str) for t in texts)
    assert texts[-1] == final.text and all(len(a) <= len(b) for a, b in zip(texts, texts[1:]))


def test_corpus_views(the_bot):
    releases = the_bot.releases()
    assert len(releases) == 18
    dated = [r.published for r in releases if r.published]
    assert dated == sorted(dated, reverse=True)  # newest first
    assert the_bot.release(releases[0].id) == releases[0]
    with pytest.raises(KeyError):
        the_bot.release("no-such-release")
    assert "Ankara" in the_bot.partners()


def test_one_bot_serves_many_threads(the_bot):
    questions = [ANKARA, "Who was the mayor of Quito who signed the memorandum of understanding with Brussels?",
                 "Combien de résidents internationaux composaient le panel Brussels Voice 23 ?",
                 "When did the Brussels House in Berlin open?"] * 3
    expected = [the_bot.ask(q).text for q in questions]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lambda q: the_bot.ask(q).text, questions)) == expected


def test_refresh_ingests_new_releases(tmp_path, embedder):
    corpus = copy_corpus(tmp_path / "corpus")
    settings = Settings.from_env().replace(store_dir=tmp_path / "store", corpus_dir=corpus)
    from ingest.pipeline import ingest

    ingest([corpus], store_dir=settings.store_dir, settings=settings, embedder=embedder)
    fresh = Bot(settings=settings, embedder=embedder)
    assert len(fresh.releases()) == 2
    (corpus / "dakar.txt").write_text(
        "Brussels and Dakar sign a cooperation agreement\n\nBrussels, 4 March 2024 - On 3 March 2024 the "
        "Brussels-Capital Region and the city of Dakar signed a cooperation agreement on urban mobility.\n",
        encoding="utf-8")
    report = fresh.refresh()
    assert report.added == ("dakar.txt",) and len(fresh.releases()) == 3
    answer = fresh.ask("When did Brussels sign an agreement with Dakar?")
    assert "3 March 2024" in answer.text and answer.citations[0].source == "dakar.txt"


def test_module_level_ask_uses_the_default_store(store, monkeypatch):
    monkeypatch.setenv("BXLBOT_STORE_DIR", str(store))
    monkeypatch.setattr(bot_package, "_default", None)
    answer = bot_package.ask(ANKARA)
    assert "26 October 2021" in answer.text
    assert bot_package.default_bot() is bot_package.default_bot()


def test_command_line_prints_text_or_json(store, capsys):
    assert cli([ANKARA, "--store", str(store), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "26 October 2021" in data["text"] and data["citations"][0]["source"] == "000_d436b39325961c28.txt"
    assert data["confidence"] == "answer"
    assert cli([ANKARA, "--store", str(store)]) == 0
    assert "confidence: answer" in capsys.readouterr().out  # the tier is printed
    assert cli(["   ", "--store", str(store)]) == 2
    assert "empty" in capsys.readouterr().err
    assert cli([ANKARA, "--store", str(REPO / "no-such-store")]) == 2


def test_an_empty_store_says_that_nothing_is_loaded(tmp_path, embedder):
    from ingest.pipeline import ingest

    (tmp_path / "corpus").mkdir()
    settings = Settings.from_env().replace(store_dir=tmp_path / "store")
    ingest([tmp_path / "corpus"], store_dir=settings.store_dir, settings=settings, embedder=embedder)
    answer = Bot(settings=settings, embedder=embedder).ask(ANKARA)
    assert answer.abstained and "No press releases" in answer.text
