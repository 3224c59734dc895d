"""Reading: candidate quotes from the retrieved passages, their signals, the learned model that weighs them, and
the answer composed in confidence tiers (or an honest abstention).

Example:
    >>> draft, cands = Reader(corpus).read(query, analysis, passages)
    >>> draft.confidence, [c.p for c in cands][:3]
"""
from __future__ import annotations

from typing import Sequence

from bot.corpus import Corpus
from bot.question.analysis import Analysis, side
from bot.read.candidates import Candidate, candidates
from bot.read.compose import Draft, compose
from bot.read.model import Model, load
from bot.read.order import in_order
from bot.read.signals import signals
from bot.records import Passage, Query

__all__ = ["Candidate", "Draft", "Reader"]


class Reader:
    """Reads retrieved passages for one question; stateless apart from the corpus and the model."""

    def __init__(self, corpus: Corpus, model: Model | None = None):
        self.corpus, self.model = corpus, model or load()

    def candidates(self, query: Query, analysis: Analysis, passages: Sequence[Passage]) -> list[Candidate]:
        """Candidate quotes with their signals and the model's probability."""
        found = candidates(self.corpus, analysis, passages)
        for label, _ in analysis.compare:  # each side of a comparison is a question of its own
            signals(self.corpus, query, side(analysis, label), found)
            self.model.score(found)
            for c in found:
                c.sides[label] = c.p
        signals(self.corpus, query, analysis, found)
        self.model.score(found)
        fixes = self.corpus.corrections({c.release.id for c in found})
        for c in found:  # the figures a quote gives as corrections, which supersede a value an older quote gives
            c.fixes = tuple((f.kind, f.old, f.new) for f in fixes[c.release.id]
                            if any(f.start <= s.start < f.end for s in c.sentences))
        return in_order(query, analysis, found, self.model.closest)

    def read(self, query: Query, analysis: Analysis, passages: Sequence[Passage]) -> tuple[Draft, list[Candidate]]:
        found = self.candidates(query, analysis, passages)
        return compose(query, analysis, found, self.model), found
