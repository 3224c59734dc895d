"""What a release reports, read once at ingest time and stored beside it in the catalog: dated events, people with
their roles, key figures, and how often it names each partner. Briefings (bot.brief) are built from these.

Example:
    >>> dossier = read_dossier(release, sentence_facts(release))
    >>> [(e.kind, e.date.iso()) for e in dossier.events]
    [('visit', '2021-10'), ('agreement', '2021-02'), ('agreement', '2021-10-26'), ...]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ingest.metadata.partners import find_partners, partner_variants
from ingest.records import PartialDate, Release, SentenceFacts
from ingest.terms import fold, words

# Bump when what is read changes: stored dossiers of another version are read again from the stored facts.
VERSION = 4


@dataclass(frozen=True)
class Event:
    """A dated event a sentence reports (`start`:`end`, the sentence, is its quote)."""

    kind: str  # renewal, agreement, mission, visit, aid, opening, event, meeting; reference: undated, on an agreement
    date: PartialDate | None
    start: int
    end: int
    sentence: int
    dated_by: str = "text"  # 'text': written in the sentence; 'published': a lead sentence, dated by its release;
    #                         'none': a reference
    direction: str = ""  # visits and missions: 'in' (to Brussels) or 'out'
    partners: tuple[str, ...] = ()  # partners the sentence (else its section heading) names
    persons: tuple[str, ...] = ()  # persons named, and persons a role stands for ("the Minister-President")
    name: str = ""  # agreements: the words that name it ("Memorandum of Understanding")
    until: PartialDate | None = None  # agreements: the end of the period it runs for
    duration: str = ""  # agreements: "5 years" as written around it
    themes: tuple[tuple[str, int, int], ...] = ()  # agreements: (theme, start, end of the sentence naming it)
    correction: bool = False  # the release states it as a correction of an earlier statement


@dataclass(frozen=True)
class Role:
    """A person named with a role: `start`:`end` spans both, verbatim ("Ekrem İmamoğlu, the Mayor of Istanbul")."""

    person: str
    role: str
    start: int
    end: int
    sentence: int
    partners: tuple[str, ...] = ()  # partners its sentence names


@dataclass(frozen=True)
class Figure:
    """A key figure: an amount, a share or a count of something that matters (companies, participants, ...)."""

    value: float
    kind: str  # money, percent, count, size
    unit: str  # the counted noun as written ("companies"), the currency for money
    label: str  # the figure as written: release.text[label_start:label_end]
    label_start: int
    label_end: int
    start: int  # the sentence that gives it
    end: int
    sentence: int
    partners: tuple[str, ...] = ()
    corrects: float | None = None  # the value this figure corrects, when the release says so
    correction: bool = False  # given as a correction (of `corrects`, or of an earlier release)
    prominent: bool = False  # in the release's first sentences, or in its title


@dataclass(frozen=True)
class Dossier:
    """Everything above for one release, with the content hash it was read from."""

    release_id: str
    content_hash: str
    events: tuple[Event, ...] = ()
    roles: tuple[Role, ...] = ()
    figures: tuple[Figure, ...] = ()
    mentions: tuple[tuple[str, int], ...] = ()  # (partner, sentences naming it outside boilerplate; +2 in the title)
    corrects: bool = False  # the release says it corrects an earlier statement
    implied: tuple[str, ...] = ()  # partners only implied by the places named (Morocco by "Rabat"), never named

    def mention(self, partner: str) -> int:
        return next((n for p, n in self.mentions if p == partner), 0)


def read_dossier(release: Release, facts: Sequence[SentenceFacts]) -> Dossier:
    """The dossier of one release from its text and its sentences' facts (see ingest.metadata.facts)."""
    return _read(release, tuple(facts))


@lru_cache(maxsize=1024)  # the pipeline reads it while planning (to fail alone); the catalog stores the same one
def _read(release: Release, facts: tuple[SentenceFacts, ...]) -> Dossier:
    from ingest.metadata.events import read_events, restated
    from ingest.metadata.figures import read_figures
    from ingest.metadata.roles import read_roles

    roles = read_roles(release, facts)
    events = read_events(release, facts, roles)
    figures = read_figures(release, facts)
    mentions = _mentions(release, facts)
    return Dossier(release.id, release.content_hash, events, roles, figures, mentions,
                   corrects=any(e.correction for e in events) or any(f.correction for f in figures)
                   or restated(release, facts), implied=_implied(release, facts, [p for p, _ in mentions]))


def _mentions(release: Release, facts: Sequence[SentenceFacts]) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {p: 2 for p in find_partners(release.title)}
    for f in facts:
        if not f.has("boilerplate"):
            for partner in f.partners:
                counts[partner] = counts.get(partner, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _implied(release: Release, facts: Sequence[SentenceFacts], partners: Sequence[str]) -> tuple[str, ...]:
    """The partners the release never names in any spelling, only through a place of theirs (a city's country)."""
    implied = {country for p in partners for country in find_partners(p)[1:]} & set(partners)
    if not implied:
        return ()
    text = " ".join([release.title] + [release.text[f.start:f.end] for f in facts if not f.has("boilerplate")])
    folded = f" {_words(text)} "
    return tuple(sorted(c for c in implied if not any(f" {_words(s)} " in folded for s in (c, *partner_variants(c)))))


def _words(text: str) -> str:
    return " ".join(fold(w) for w, _, _ in words(text))


# ---- storage: the catalog keeps dossiers as JSON

def dossier_json(d: Dossier) -> dict:
    date = lambda p: p.iso() if p else None  # noqa: E731
    return {
        "events": [[e.kind, date(e.date), e.start, e.end, e.sentence, e.dated_by, e.direction, list(e.partners),
                    list(e.persons), e.name, date(e.until), e.duration, [list(t) for t in e.themes], e.correction]
                   for e in d.events],
        "roles": [[r.person, r.role, r.start, r.end, r.sentence, list(r.partners)] for r in d.roles],
        "figures": [[f.value, f.kind, f.unit, f.label, f.label_start, f.label_end, f.start, f.end, f.sentence,
                     list(f.partners), f.corrects, f.correction, f.prominent] for f in d.figures],
        "mentions": [list(m) for m in d.mentions],
        "corrects": d.corrects,
        "implied": list(d.implied),
    }


def dossier_from_json(release_id: str, content_hash: str, data: dict) -> Dossier:
    date = lambda s: PartialDate.parse(s) if s else None  # noqa: E731
    events = tuple(Event(k, date(d), s, e, i, by, di, tuple(p), tuple(pe), n, date(u), du,
                         tuple(tuple(t) for t in th), c)
                   for k, d, s, e, i, by, di, p, pe, n, u, du, th, c in data["events"])
    roles = tuple(Role(p, r, s, e, i, tuple(pa)) for p, r, s, e, i, pa in data["roles"])
    figures = tuple(Figure(v, k, u, lab, ls, le, s, e, i, tuple(p), c, cor, pr)
                    for v, k, u, lab, ls, le, s, e, i, p, c, cor, pr in data["figures"])
    return Dossier(release_id, content_hash, events, roles, figures, tuple(tuple(m) for m in data["mentions"]),
                   data["corrects"], tuple(data["implied"]))
