"""Retrieving: the passages an answer may draw on (hybrid dense + keyword search), within the caller's filters.

Example:
    >>> passages = Retriever(store, embedder, corpus).search(query, analysis, Filters(lang="fr"))
"""
from bot.retrieve.filters import Filters
from bot.retrieve.hybrid import WHOLE_SIDES, Retriever, coverage

__all__ = ["Filters", "Retriever", "WHOLE_SIDES", "coverage"]
