"""Typed records of the answering side: Query, Passage, Citation, Answer."""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.records import Chunk, PartialDate, Release


@dataclass(frozen=True)
class Query:
    """A question as understood: resolved text (follow-ups filled in), language, date and partner constraints."""

    text: str  # the question as asked
    resolved: str  # the question with the history's subject filled in
    lang: str  # 'en', 'fr', 'nl'
    since: PartialDate | None = None
    until: PartialDate | None = None
    partners: tuple[str, ...] = ()  # canonical partner names the question names or the caller filters on
    wants_latest: bool = False  # the question asks for the current or latest state
    wants_first: bool = False  # the question names a first or initial state ("the initial agreement")
    expansions: tuple[str, ...] = ()  # glossary translations added for keyword and dense search
    previous: str = ""  # in a follow-up, the user's question before it
    order: str = ""  # in a follow-up, "later" or "earlier" than what was answered ("the next one", "before her")


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its release and fused score."""

    chunk: Chunk
    release: Release
    score: float


@dataclass(frozen=True)
class Citation:
    """A verified pointer into a release: `quote == release.text[start:end]`, checked in bot.cite."""

    number: int
    release_id: str
    source: str
    title: str
    published: PartialDate | None
    quote: str
    start: int
    end: int
    lang: str = "en"

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "release_id": self.release_id,
            "source": self.source,
            "title": self.title,
            "published": self.published.iso() if self.published else None,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "lang": self.lang,
        }


@dataclass(frozen=True)
class Answer:
    """What the user sees: Markdown text with [n] markers, the citations behind them, and whether we abstained."""

    text: str
    citations: tuple[Citation, ...] = ()
    abstained: bool = False
    question: str = ""
    lang: str = "en"
    notes: tuple[str, ...] = field(default=())  # e.g. "a newer release corrects ..." or the abstention scope
    # 'answer': a direct answer; 'closest': the closest passages, labelled as not a direct answer; 'none': abstained
    confidence: str = "answer"

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "abstained": self.abstained,
            "question": self.question,
            "lang": self.lang,
            "notes": list(self.notes),
            "confidence": self.confidence,
        }
