"""Numbered citations of a briefing, each checked as the answers' are (bot.cite.verify): the quote is the exact
text of its release at its offsets and lies inside a sentence the briefing read from the store."""
from __future__ import annotations

import logging

from bot.cite import Claim, verify
from bot.corpus import Corpus
from bot.records import Citation, Passage
from ingest.records import Chunk, Release

log = logging.getLogger(__name__)


class Citer:
    """Numbers citations in the order the briefing first cites them; one number per quoted span."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._numbers: dict[tuple[str, int, int], int] = {}
        self._citations: list[Citation] = []
        self._read: dict[str, list[Passage]] = {}

    def cite(self, release: Release, start: int, end: int) -> int | None:
        """The number of the citation of release.text[start:end]; None (and a log line) when it fails the check."""
        key = (release.id, start, end)
        if key in self._numbers:
            return self._numbers[key]
        if not verify([Claim(release, start, end)], self._passages(release)):
            log.warning("briefing quote %s:%d-%d is not a sentence of the stored release; left out", *key)
            return None
        number = len(self._citations) + 1
        self._numbers[key] = number
        self._citations.append(Citation(number, release.id, release.source, release.title, release.published,
                                        release.text[start:end], start, end, release.lang))
        return number

    def cite_all(self, spans) -> tuple[int, ...]:
        """Numbers for (release, start, end) spans, failed ones left out, each once."""
        numbers = (self.cite(*span) for span in spans)
        return tuple(dict.fromkeys(n for n in numbers if n is not None))

    def _passages(self, release: Release) -> list[Passage]:
        """The release's sentences as the store holds them: what a quote must lie within."""
        if release.id not in self._read:
            self._read[release.id] = [
                Passage(Chunk(release.id, s.index, s.text, s.start, s.end, 0), release, 1.0)
                for s in self.corpus.sentences(release.id)]
        return self._read[release.id]

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(self._citations)
