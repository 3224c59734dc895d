"""The one place that calls the bot for the web: history in the bot's shape, filters as keyword arguments."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from web.filters import Filters


def bot_history(turns: Iterable[tuple[str, str]]) -> list[dict]:
    """Earlier (question, answer text) pairs, oldest first, as the role/content messages bot.ask/bot.stream take."""
    messages = []
    for question, answer in turns:
        messages.append({"role": "user", "content": str(question)})
        if answer:
            messages.append({"role": "assistant", "content": str(answer)})
    return messages


def call_bot(method: Callable, question: str, history: list, filters: Filters):
    """bot.ask or bot.stream with the filters that are set."""
    return method(question, history, **filters.kwargs())


def stream_answer(bot, question: str, history: list, filters: Filters) -> Iterator[str | object]:
    """Growing answer texts (str), then the final Answer."""
    yield from call_bot(bot.stream, question, history, filters)
