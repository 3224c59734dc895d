"""Numbered citations of a briefing, each checked as the answers' are (bot.cite.verify): the quote is the exact
text of its release at its offsets and lies inside a span its stored dossier read (a sentence, a role)."""
from __future__ import annotations

import logging
from typing import Mapping

from bot.cite import Claim, verify
from bot.records import Citation, Passage
from ingest.metadata.dossier import Dossier
from ingest.records import Chunk, Release

log = logging.getLogger(__name__)


class Citer:
    """Numbers citations in the order the briefing first cites them; one number per quoted span."""

    def __init__(self, dossiers: Mapping[str, Dossier]):
        self.dossiers = dossiers  # the dossiers read for this briefing, by release id (of the release read)
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

    def read(self, release: Release, start: int, end: int) -> None:
        """A sentence the briefing read from the store besides its dossier (the summary's leads)."""
        self._passages(release).append(Passage(Chunk(release.id, -1, release.text[start:end], start, end, 0),
                                               release, 1.0))

    def cite_all(self, spans) -> tuple[int, ...]:
        """Numbers for (release, start, end) spans, failed ones left out, each once."""
        numbers = (self.cite(*span) for span in spans)
        return tuple(dict.fromkeys(n for n in numbers if n is not None))

    def _passages(self, release: Release) -> list[Passage]:
        """The spans the release's dossier read (its sentences' spans, its roles'): what a quote must lie within.
        The dossier was read from this very text (its content hash is checked when it is loaded)."""
        if release.id not in self._read:
            d = self.dossiers.get(release.id)
            spans = set() if d is None or d.content_hash != release.content_hash else \
                {(x.start, x.end) for x in (*d.events, *d.roles, *d.figures)} | \
                {(s, e) for x in d.events for _, s, e in x.themes}
            self._read[release.id] = [Passage(Chunk(release.id, i, release.text[s:e], s, e, 0), release, 1.0)
                                      for i, (s, e) in enumerate(sorted(spans))]
        return self._read[release.id]

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(self._citations)
