"""Hard filters set by the caller (dates, partners, language), and the scope they leave."""
from __future__ import annotations

from dataclasses import dataclass

from ingest.metadata.partners import canonical_partner
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
