"""Briefing notes: everything the releases say about a partner or a theme, in order, every line cited.

Example:
    >>> from bot import Bot
    >>> briefing = Bot(store=".bxlbot/store").brief("Turkey", since="2020")
    >>> [(e.date.iso(), e.label) for e in briefing.timeline]   # by the date of the event, not of the release
    [('2018', 'Opening or launch'), ('2021-02', 'Agreement signed'), ('2021-10', 'Visit'), ...]
    >>> from bot.brief.markdown import to_markdown
    >>> from bot.brief.word import to_docx
    >>> open("turkey.docx", "wb").write(to_docx(briefing))
"""
from __future__ import annotations

from functools import lru_cache

from bot.brief.records import Agreement, Briefing, KeyFigure, Line, Person, RoleAt, Source, TimelineEntry

__all__ = ["Agreement", "Briefing", "KeyFigure", "Line", "Person", "RoleAt", "Source", "TimelineEntry",
           "briefer_for"]


@lru_cache(maxsize=4)
def briefer_for(corpus):
    """The Briefer of one version of the store (a Bot's refresh makes a new corpus, hence a new Briefer)."""
    from bot.brief.build import Briefer

    return Briefer(corpus)
