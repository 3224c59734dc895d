"""Agreements in a briefing: partner, date signed, signatories, duration, themes, and what later releases say
about each (renewed, amended, results), all from the events read at ingest time."""
from __future__ import annotations

from typing import Sequence

from bot.brief.citations import Citer
from bot.brief.records import Agreement, Line
from bot.brief.timeline import Group, concerns
from bot.brief.topic import Match, Topic
from bot.corpus import Corpus
from ingest.records import PartialDate
from ingest.terms import fold

MAX_LATER = 6
GENERIC = "Agreement"


def agreements(groups: Sequence[Group], matches: Sequence[Match], topic: Topic, people: set[str],
               citer: Citer, corpus: Corpus) -> list[Agreement]:
    """One Agreement per signing (or renewal) in the timeline, in date order."""
    out = []
    for g in groups:
        if g.kind not in ("agreement", "renewal"):
            continue
        told = [g.primary] + [t for t in g.told if t is not g.primary]
        events = [t.event for t in told]
        numbers = citer.cite_all((t.match.release, t.event.start, t.event.end) for t in told)
        if not numbers:
            continue
        partners = tuple(dict.fromkeys(p for e in events for p in e.partners))
        persons = [p for e in events for p in e.persons]
        signatories = tuple(dict.fromkeys(p for p in persons if fold(p) in people)) or tuple(dict.fromkeys(persons))
        themes = {}
        for t in told:
            for theme, start, end in t.event.themes:
                if theme not in themes:
                    number = citer.cite(t.match.release, start, end)
                    if number is not None:
                        themes[theme] = Line(theme, (number,))
        name = next((e.name for e in events if e.name), "")
        title = " · ".join(x for x in (name[:1].upper() + name[1:] if name else GENERIC,
                                       _main_partner(partners, topic)) if x)
        out.append(Agreement(
            title=title, partners=partners, signed=g.date, signatories=signatories,
            duration=next((e.duration for e in events if e.duration), ""),
            until=next((e.until for e in events if e.until), None), themes=tuple(themes.values()),
            citations=numbers, later=_later(g, matches, topic, citer, corpus), renewal=g.kind == "renewal"))
    return out


def _main_partner(partners: Sequence[str], topic: Topic) -> str:
    """The partner the signing sentence names first (a city before the country it implies), else the topic."""
    return (list(partners) or [topic.name])[0]


def _later(group: Group, matches: Sequence[Match], topic: Topic, citer: Citer, corpus: Corpus) -> tuple[Line, ...]:
    """What releases published after the signing say about agreements with the same partners: references
    (results, working groups), renewals, and their own account of this signing."""
    first = group.primary.match.release.published
    if first is None:
        return ()
    signed_partners = {p for t in group.told for p in t.event.partners}
    lines = []
    for m in sorted(matches, key=lambda m: _key(m.release.published)):
        if m.release.published is None or m.release.published.earliest() <= first.latest():
            continue
        sentences = corpus.sentences(m.release.id) if not topic.is_partner else ()
        for e in m.dossier.events:
            if e.kind not in ("reference", "agreement", "renewal"):
                continue
            keys = sentences[e.sentence].keys if e.sentence < len(sentences) else None
            shared = not e.partners or not signed_partners or set(e.partners) & signed_partners
            if shared and concerns(e.partners, keys, m, topic):
                number = citer.cite(m.release, e.start, e.end)
                if number is not None:
                    lines.append(Line(m.release.text[e.start:e.end], (number,)))
        if len(lines) >= MAX_LATER:
            break
    return tuple(dict.fromkeys(lines))[:MAX_LATER]


def _key(date: PartialDate | None) -> tuple:
    return (date is None, date.earliest() if date else None)
