"""Hard filters set by the caller (dates, partners, language), the scope they leave, and the soft scope of a
follow-up: the releases about the partner of the conversation."""
from __future__ import annotations

from dataclasses import dataclass

from bot.records import Query
from ingest.metadata.partners import canonical_partner, find_partners
from ingest.records import PartialDate, Release
from ingest.terms import fold


@dataclass(frozen=True)
class Filters:
    """Hard limits set by the caller (not guessed from the question): releases outside are never used."""

    since: PartialDate | None = None
    until: PartialDate | None = None
    partners: tuple[str, ...] = ()
    lang: str | None = None

    def admits(self, release: Release) -> bool:
        if self.lang and release.lang != self.lang:
            return False
        if (self.since or self.until) and release.published is None:
            return False
        if self.since and release.published.latest() < self.since.earliest():
            return False
        if self.until and release.published.earliest() > self.until.latest():
            return False
        if self.partners:
            wanted = {fold(canonical_partner(p) or p) for p in self.partners}
            if not wanted & {fold(p) for p in release.partners}:
                return False
        return True

    def bounds(self) -> dict:
        """The filters as the catalog's indexed query takes them (see ingest.catalog.Catalog.scope): the same
        releases as admits()."""
        return {"since": self.since.earliest() if self.since else None,
                "until": self.until.latest() if self.until else None,
                "partners": frozenset(fold(canonical_partner(p) or p) for p in self.partners), "lang": self.lang}

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.partners or self.lang)


def conversation_subject(catalog, query: Query) -> set[str] | None:
    """In a follow-up ("Was that amount increased afterwards?"), the releases about the partners the question
    names, or else those the conversation named: its few words of its own would otherwise find passages about
    anything. None when neither names a partner that a release is about."""
    named = find_partners(query.text) or find_partners(query.resolved[len(query.text):])
    wanted = frozenset(fold(canonical_partner(p) or p) for p in named)
    found = catalog.scope(partners=wanted, ids=True).ids if wanted else None
    return set(found) if found else None
