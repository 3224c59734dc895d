"""Answers questions about the Brussels-Capital Region's press releases, with verified citations.

Example:
    >>> from bot import Bot
    >>> bot = Bot(store=".bxlbot/store")
    >>> answer = bot.ask("When was the MoU with Ankara signed?")
    >>> print(answer.text, [c.source for c in answer.citations])
"""
from __future__ import annotations

import threading

from bot.errors import BadQuestionError, BotError
from bot.records import Answer, Citation, Passage, Query

__all__ = ["Answer", "BadQuestionError", "Bot", "BotError", "Briefing", "Citation", "Passage", "Query", "ask",
           "build_bot", "default_bot"]

_default = None
_default_lock = threading.Lock()


def default_bot():
    """The Bot over the default store (settings from BXLBOT_* variables), built on first use."""
    global _default
    with _default_lock:
        if _default is None:
            from bot.bot import Bot

            _default = Bot()
        return _default


def ask(question: str, history=(), **filters) -> Answer:
    """`default_bot().ask(...)`: the same answer as Bot.ask, over the default store."""
    return default_bot().ask(question, history, **filters)


def __getattr__(name):
    # Imported lazily: the Bot pulls in torch and chromadb, which the records do not need.
    if name in ("Bot", "build_bot"):
        from bot import bot as module

        return getattr(module, name)
    if name == "Briefing":  # what Bot.brief returns (bot.brief is the package that builds it)
        from bot.brief.records import Briefing

        return Briefing
    raise AttributeError(name)
