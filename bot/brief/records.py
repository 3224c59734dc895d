"""Typed records of a briefing: Briefing and its parts, each pointing at numbered, verified citations."""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.records import Citation
from ingest.records import PartialDate

KIND_LABELS = {
    "agreement": "Agreement signed", "renewal": "Agreement renewed", "mission": "Mission", "visit": "Visit",
    "aid": "Aid", "opening": "Opening or launch", "event": "Event", "meeting": "Meeting",
}


def _iso(date: PartialDate | None) -> str | None:
    return date.iso() if date else None


@dataclass(frozen=True)
class Line:
    """A sentence of the briefing: what it shows (a quote, verbatim) and its citation numbers."""

    text: str
    citations: tuple[int, ...]

    def to_dict(self) -> dict:
        return {"text": self.text, "citations": list(self.citations)}


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event, told by one or more releases (each a citation), dated as the releases date it."""

    date: PartialDate | None  # the event's date, partial when the releases say no more ("October 2021")
    kind: str
    text: str  # the quote of the release that dates it most precisely
    citations: tuple[int, ...]
    partners: tuple[str, ...] = ()
    direction: str = ""  # visits and missions: 'in' (to Brussels) or 'out'
    planned: bool = False  # later than the release that announces it
    dated_by: str = "text"  # 'published': no date in the text, the release's publication date stands for it
    note: str = ""

    @property
    def label(self) -> str:
        label = KIND_LABELS.get(self.kind, self.kind.capitalize())
        if self.kind in ("visit", "mission") and self.direction == "in":
            label += " to Brussels"
        return label + (" (planned)" if self.planned else "")

    def to_dict(self) -> dict:
        return {"date": _iso(self.date), "kind": self.kind, "label": self.label, "text": self.text,
                "citations": list(self.citations), "partners": list(self.partners), "planned": self.planned,
                "dated_by": self.dated_by, "note": self.note}


@dataclass(frozen=True)
class RoleAt:
    role: str
    published: PartialDate | None  # the date of the release that gives the role
    citation: int


@dataclass(frozen=True)
class Person:
    name: str
    roles: tuple[RoleAt, ...]  # oldest release first: roles change

    def to_dict(self) -> dict:
        return {"name": self.name, "roles": [{"role": r.role, "published": _iso(r.published),
                                              "citation": r.citation} for r in self.roles]}


@dataclass(frozen=True)
class Agreement:
    title: str  # "Memorandum of Understanding · Ankara"
    partners: tuple[str, ...]
    signed: PartialDate | None
    signatories: tuple[str, ...]
    duration: str  # as written ("five-year", "cinq ans")
    until: PartialDate | None
    themes: tuple[Line, ...]  # each theme with the sentence that names it
    citations: tuple[int, ...]  # the signing (or renewal)
    later: tuple[Line, ...] = ()  # what later releases say about it: renewed, amended, results
    renewal: bool = False

    def to_dict(self) -> dict:
        return {"title": self.title, "partners": list(self.partners), "signed": _iso(self.signed),
                "signatories": list(self.signatories), "duration": self.duration, "until": _iso(self.until),
                "themes": [t.to_dict() for t in self.themes], "citations": list(self.citations),
                "later": [x.to_dict() for x in self.later], "renewal": self.renewal}


@dataclass(frozen=True)
class KeyFigure:
    label: str  # as written: "EUR 1.8 million", "41 Brussels companies"
    kind: str  # money, percent, count, size
    value: float
    published: PartialDate | None
    text: str  # the sentence that gives it
    citations: tuple[int, ...]
    note: str = ""  # "corrects 500 (first version of this release)", "corrects EUR 400,000 (5 March 2020) [3]"

    def to_dict(self) -> dict:
        return {"label": self.label, "kind": self.kind, "value": self.value, "published": _iso(self.published),
                "text": self.text, "citations": list(self.citations), "note": self.note}


@dataclass(frozen=True)
class Source:
    """A release the briefing used (the bibliography)."""

    release_id: str
    title: str
    published: PartialDate | None
    source: str  # the file
    lang: str
    about: bool  # about the topic (False: it only mentions it)

    def to_dict(self) -> dict:
        return {"release_id": self.release_id, "title": self.title, "published": _iso(self.published),
                "source": self.source, "lang": self.lang, "about": self.about}


@dataclass(frozen=True)
class Briefing:
    """Everything the releases say about a topic, in order, each line cited (see bot.brief)."""

    topic: str  # as asked
    name: str  # what it was matched as: a partner's canonical name, or the words of a theme
    partners: tuple[str, ...]  # the partners matched (empty for a theme)
    since: PartialDate | None
    until: PartialDate | None
    scope: str  # "7 releases published between May 2019 and February 2020", or "Nothing published on ..."
    summary: tuple[Line, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    people: tuple[Person, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    figures: tuple[KeyFigure, ...] = ()
    sources: tuple[Source, ...] = ()
    citations: tuple[Citation, ...] = ()
    corpus_state: str = ""  # digest of the releases (ids and versions) it was built from
    corpus_releases: int = 0
    built_at: str = ""  # ISO timestamp
    notes: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.sources

    def to_dict(self) -> dict:
        return {
            "topic": self.topic, "name": self.name, "partners": list(self.partners), "since": _iso(self.since),
            "until": _iso(self.until), "scope": self.scope, "empty": self.empty,
            "summary": [x.to_dict() for x in self.summary], "timeline": [x.to_dict() for x in self.timeline],
            "people": [x.to_dict() for x in self.people], "agreements": [x.to_dict() for x in self.agreements],
            "figures": [x.to_dict() for x in self.figures], "sources": [x.to_dict() for x in self.sources],
            "citations": [c.to_dict() for c in self.citations], "corpus_state": self.corpus_state,
            "corpus_releases": self.corpus_releases, "built_at": self.built_at, "notes": list(self.notes),
        }
