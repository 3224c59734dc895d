"""Fuzzed questions, histories and filters (hypothesis): the bot answers or refuses with BadQuestionError, never
with another exception, and every citation's quote is the text at its offsets in its release."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bot import Bot
from bot.cite import problems
from bot.errors import BadQuestionError
from bot_corpus import built_store

WORDS = ["Ankara", "Quito", "memorandum", "signed", "when", "who", "how many", "Brussels House", "Milan", "2021",
         "mayor", "trade mission", "Japon", "wanneer", "quand", "exportations", "26 October", "?", "and", "it"]
text = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
dates = st.one_of(st.none(), st.sampled_from(["2021", "2021-10", "2021-10-26", "1900", "9999-12", "2023-02-30",
                                              "soon", "", "21", "2021-13"]), st.dates().map(str))
turn = st.one_of(st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system", "x"]),
                                        "content": text}),
                 st.dictionaries(st.text(max_size=8), st.one_of(st.none(), st.integers(), text), max_size=3))
filters = st.fixed_dictionaries({
    "since": dates, "until": dates, "lang": st.one_of(st.none(), st.sampled_from(["en", "fr", "nl", "de", ""])),
    "partners": st.one_of(st.none(), st.lists(st.one_of(st.sampled_from(["Quito", "Turkey", "ankara", "Milan"]),
                                                        st.text(max_size=20)), max_size=3))})


@pytest.fixture(scope="module")
def the_bot(tmp_path_factory, embedder) -> Bot:
    return Bot(store=built_store(tmp_path_factory, embedder), embedder=embedder)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(question=text, history=st.one_of(st.none(), st.lists(turn, max_size=4)), chosen=filters)
def test_fuzzed_questions_are_answered_or_refused_cleanly(the_bot, question, history, chosen):
    try:
        answer = the_bot.ask(question, history, **chosen)
    except BadQuestionError as error:
        assert str(error)
        return
    releases = {r.id: r for r in the_bot.releases()}
    assert problems(answer, releases) == []
    for c in answer.citations:
        assert releases[c.release_id].text[c.start:c.end] == c.quote
    answer.to_dict()
