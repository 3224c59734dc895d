"""What a release says about an agreement it reports: the words that name it, its duration, the end of the period
it runs for, and its themes (from the sentences that announce themes or priorities). Used by ingest.metadata.events."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ingest.metadata.dates import find_dates
from ingest.metadata.dossier import Event
from ingest.metadata.lexicon import lexicon
from ingest.records import PartialDate, Release, SentenceFacts
from ingest.terms import fold, words

_LATER = frozenset("later plus after apres na geleden ago earlier".split())  # "twenty years later": no duration
_NAME_TAIL = re.compile(r"\s+(?:of|de|d['’]|van|du)\s*[^\W\d_][\w-]*")


def agreement_details(release: Release, facts: Sequence[SentenceFacts], f: SentenceFacts, event: Event, dates,
                      headings: dict) -> Event:
    """An agreement's name, duration and end date, from its sentence and the ones around it."""
    patterns = lexicon()["patterns"]
    text = release.text[f.start:f.end]
    match = patterns["agreement"].search(fold(text))
    name = ""
    if match and len(fold(text)) == len(text):  # "Memorandum of Understanding", "accord de coopération"
        more = _NAME_TAIL.match(text, match.end())
        name = text[match.start():more.end() if more else match.end()]
    agreement = patterns["agreement"]
    near = [f] + [g for g in facts[f.index + 1:f.index + 3] if not g.has("boilerplate") and headings.get(g.index)
                  == headings.get(f.index) and agreement.search(fold(release.text[g.start:g.end]))]
    until = None
    for g in near:
        until = until or _until(release, g, dates)
    until = until or _until_in(release.title)
    duration = next((d for g in near for d in _durations(release, g)), "")
    return replace(event, name=name, until=until, duration=duration)


def _until(release: Release, f: SentenceFacts, dates) -> PartialDate | None:
    patterns = lexicon()["patterns"]
    inside = [(s, e, d) for s, e, d in dates if f.start <= s and e <= f.end]
    for i, (s, e, date) in enumerate(inside):
        before = fold(release.text[max(f.start, s - 40):s])
        if patterns["until"].search(before):
            return date
        if i and patterns["range_joiner"].match(fold(release.text[inside[i - 1][1]:s])) and date.precision == "year":
            return date  # "2025-2029", "van 2024 tot en met 2027"
    return None


def _until_in(title: str) -> PartialDate | None:
    patterns = lexicon()["patterns"]
    for s, _, date in find_dates(title):
        if patterns["until"].search(fold(title[max(0, s - 40):s])):
            return date
    return None


def _durations(release: Release, f: SentenceFacts) -> list[str]:
    tokens = words(release.text[f.start:f.end])
    out = []
    for position, _, kind in f.numbers:
        if kind == "duration" and position + 1 < len(tokens):
            unit = fold(tokens[position + 1][0])
            after = fold(tokens[position + 2][0]) if position + 2 < len(tokens) else ""
            if unit in ("year", "years", "an", "ans", "annee", "annees", "jaar", "jaren") and after not in _LATER:
                out.append(release.text[f.start + tokens[position][1]:f.start + tokens[position + 1][2]])
    return out


def agreement_themes(release: Release, facts: Sequence[SentenceFacts], f: SentenceFacts, headings: dict,
                     newest: bool) -> tuple[tuple[str, int, int], ...]:
    """Themes named in the agreement's sentence, in sentences of its section that announce themes ("themes such
    as", "priorities:"), and (for the release's newest agreement) in such sentences elsewhere that name an
    agreement, with the list items after them."""
    patterns = lexicon()["patterns"]
    chosen = [f]
    for g in facts:
        if g.has("boilerplate") or g.index == f.index:
            continue
        folded = fold(release.text[g.start:g.end])
        if patterns["theme_cue"].search(folded) and (headings.get(g.index) == headings.get(f.index)
                                                     or (newest and patterns["agreement"].search(folded))):
            chosen.append(g)
            if g.list_end:
                chosen += [h for h in facts[g.index + 1:] if h.end <= g.list_end]
    found: dict[str, tuple[str, int, int]] = {}
    for g in chosen:
        for theme in themes_in(release.text[g.start:g.end]):
            found.setdefault(theme, (theme, g.start, g.end))
    return tuple(found.values())


def themes_in(text: str) -> list[str]:
    folded = fold(text)
    return [name for name, pattern in lexicon()["themes"] if pattern.search(folded)]
