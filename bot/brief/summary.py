"""The summary of a briefing: two to four sentences of the releases, verbatim and cited, in date order: the first
agreement, the most telling sentence of the releases most about the topic, and the latest event."""
from __future__ import annotations

from typing import Sequence

from bot.brief.citations import Citer
from bot.brief.records import Line
from bot.brief.timeline import Group
from bot.brief.topic import Match, Topic
from bot.corpus import Corpus, Sentence

MAX_LINES = 4
MIN_CHARS = 40  # shorter sentences are headings or fragments


def summary(groups: Sequence[Group], matches: Sequence[Match], topic: Topic, citer: Citer,
            corpus: Corpus) -> list[Line]:
    picked: list[tuple[tuple, object, int, int]] = []  # (date key, release, start, end)

    def take(release, start: int, end: int) -> None:
        if len(picked) < MAX_LINES and not any(r.id == release.id and s == start for _, r, s, _ in picked):
            picked.append((_key(release.published), release, start, end))

    agreements = [g for g in groups if g.kind in ("agreement", "renewal") and g.primary.event.dated_by == "text"]
    if agreements:
        t = agreements[0].primary
        take(t.match.release, t.event.start, t.event.end)
    for m in sorted(matches, key=lambda m: (-m.mentions, m.release.id))[:2]:
        lead = _lead(corpus.sentences(m.release.id), topic, m)
        if lead is not None:
            citer.read(m.release, lead.start, lead.end)
            take(m.release, lead.start, lead.end)
    past = [g for g in groups if g.date and not g.primary.planned]
    if past:
        t = past[-1].primary
        take(t.match.release, t.event.start, t.event.end)
    picked.sort(key=lambda p: (p[0], p[2]))
    lines = []
    for _, release, start, end in picked:
        number = citer.cite(release, start, end)
        if number is not None:
            lines.append(Line(release.text[start:end], (number,)))
    return lines


def _lead(sentences: Sequence[Sentence], topic: Topic, match: Match) -> Sentence | None:
    """The release's first sentence of substance that names the topic (else its first sentence of substance)."""
    body = [s for s in sentences if not any(s.facts.has(x) for x in ("heading", "caption", "boilerplate", "quote"))
            and len(s.text) >= MIN_CHARS]
    naming = [s for s in body if (topic.names(s.facts.partners) if topic.is_partner else topic.in_text(s.keys))]
    return (naming or body or [None])[0]


def _key(date) -> tuple:
    return (date is None, (date.year, date.month or 0, date.day or 0) if date else ())
