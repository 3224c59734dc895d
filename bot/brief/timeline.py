"""The timeline of a briefing: the dated events of the matching releases that concern the topic, ordered by the
date of the event (not of the release), one entry per event however many releases tell it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from bot.brief.citations import Citer
from bot.brief.records import TimelineEntry
from bot.brief.topic import Match, Topic
from bot.corpus import Corpus
from ingest.metadata.dossier import Event
from ingest.records import PartialDate

KIND_ORDER = ("agreement", "renewal", "mission", "visit", "aid", "opening", "event", "meeting")
_GROUPS = {"agreement": "agreement", "renewal": "agreement", "visit": "travel", "mission": "travel"}
REPORTED_WITHIN_DAYS = 62  # an undated lead sentence reports what happened in the weeks before its release


@dataclass
class Told:
    """One event as one release tells it."""

    event: Event
    match: Match

    @property
    def planned(self) -> bool:
        published = self.match.release.published
        return bool(self.event.date and published and self.event.date.earliest() > published.latest())


@dataclass
class Group:
    """One event, as every release that tells it does."""

    told: list[Told] = field(default_factory=list)

    @property
    def primary(self) -> Told:
        """The telling that dates it best: written in the text, most precise, earliest release."""
        return min(self.told, key=lambda t: (t.event.dated_by != "text", -_precision(t.event.date), _published(t)))

    @property
    def kind(self) -> str:
        return self.primary.event.kind

    @property
    def date(self) -> PartialDate | None:
        return self.primary.event.date


def concerns(event_partners: Sequence[str], sentence_keys: frozenset[str] | None, match: Match, topic: Topic) -> bool:
    """Whether something a release says concerns the topic. A partner: the sentence names it, or names no other
    partner (or one the release names less) in a release about it. A theme: the sentence holds its words, or the
    release is about it."""
    if topic.is_partner:
        if topic.names(event_partners):
            return True
        return match.about and match.mentions >= max((match.dossier.mention(p) for p in event_partners), default=0)
    return match.about or (sentence_keys is not None and topic.in_text(sentence_keys))


def events(matches: Sequence[Match], topic: Topic, corpus: Corpus) -> list[Group]:
    """The events that concern the topic, merged across releases, in date order (undated last)."""
    groups: list[Group] = []
    for m in sorted(matches, key=lambda m: _published_key(m.release.published)):
        sentences = corpus.sentences(m.release.id) if not topic.is_partner else ()
        for e in m.dossier.events:
            if e.kind == "reference":
                continue
            keys = sentences[e.sentence].keys if e.sentence < len(sentences) else None
            if not concerns(e.partners, keys, m, topic):
                continue
            told = Told(e, m)
            group = next((g for g in groups if _same(g, told)), None)
            if group is None:
                groups.append(Group([told]))
            else:
                group.told.append(told)
    groups.sort(key=lambda g: (g.date is None, _date_key(g.date), KIND_ORDER.index(g.kind)))
    return groups


def entries(groups: Sequence[Group], citer: Citer) -> list[TimelineEntry]:
    out = []
    for g in groups:
        primary = g.primary
        ordered = [primary] + sorted((t for t in g.told if t is not primary), key=_published)
        numbers = citer.cite_all((t.match.release, t.event.start, t.event.end) for t in ordered)
        if not numbers:
            continue
        e = primary.event
        release = primary.match.release
        partners = tuple(dict.fromkeys(p for t in g.told for p in t.event.partners))
        note = ""
        if any(t.event.correction for t in g.told):
            note = "as corrected by a later release" if release is not g.told[0].match.release else "corrected"
        out.append(TimelineEntry(e.date, e.kind, release.text[e.start:e.end], numbers, partners, e.direction,
                                 planned=primary.planned, dated_by=e.dated_by, note=note))
    return out


def _same(group: Group, told: Told) -> bool:
    """The same event: same kind (agreements with renewals, visits with missions), same direction, compatible
    dates, shared partners, both planned or both past."""
    other = group.primary
    a, b = other.event, told.event
    if _GROUPS.get(a.kind, a.kind) != _GROUPS.get(b.kind, b.kind) or other.planned != told.planned:
        return False
    if a.direction != b.direction and _GROUPS.get(a.kind) == "travel":
        return False
    if a.partners and b.partners and not set(a.partners) & set(b.partners):
        return False
    if other.match.release.id == told.match.release.id and a.date != b.date:
        return False
    return _compatible(a, b)


def _compatible(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return a.date == b.date and a.partners == b.partners
    if a.date == b.date:
        return True
    for x, y in ((a, b), (b, a)):
        if x.dated_by == "published" and y.dated_by == "text":
            days = (x.date.latest() - y.date.earliest()).days
            if 0 <= days <= REPORTED_WITHIN_DAYS:
                return True  # "the signing of an MoU" (release of October 2021) and "on 26 October 2021"
    coarse, fine = sorted((a.date, b.date), key=_precision)
    return coarse.precision == "month" and coarse.earliest() <= fine.earliest() and fine.latest() <= coarse.latest()


def _precision(date: PartialDate | None) -> int:
    return {"day": 3, "month": 2, "year": 1}[date.precision] if date else 0


def _published(t: Told) -> tuple:
    return _published_key(t.match.release.published)


def _published_key(date: PartialDate | None) -> tuple:
    return (date is None, _date_key(date))


def _date_key(date: PartialDate | None) -> tuple:
    return (date.year, date.month or 0, date.day or 0) if date else (9999, 0, 0)
