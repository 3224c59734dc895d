"""Dated events a release reports (agreements signed or renewed, visits both ways, missions, aid, openings,
events, meetings), read at ingest time from its sentences and their facts; agreements with their signatories,
duration, end and themes. Word patterns live in events.json."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ingest.metadata.dates import find_dates
from ingest.metadata.dossier import Event, Role
from ingest.metadata.lexicon import lexicon
from ingest.metadata.roles import role_words_of, sentence_persons
from ingest.records import PartialDate, Release, SentenceFacts
from ingest.terms import fold, stopwords, words

_CLAUSE = re.compile(r"[;:()\[\]]|,(?!\d)|\s[–—-]\s")
_NAME_TAIL = re.compile(r"\s+(?:of|de|d['’]|van|du)\s*[^\W\d_][\w-]*")
_DOTTED = re.compile(r"\b\w+\.brussels\b")
_SKIPPED = ("boilerplate", "heading", "caption", "instruction")
LEAD_SENTENCES = 3  # news sentences at the top of a release: an undated event there happened when it was published
AGREEMENT_KINDS = ("agreement", "renewal")  # 'reference': an undated sentence about an agreement
WEAK_KINDS = ("meeting", "event", None)


def kind_of(text: str) -> str | None:
    """The kind of event a clause reports, or None."""
    folded = _DOTTED.sub(" ", fold(text))  # "visit.brussels" names an agency, not a visit
    patterns = lexicon()["patterns"]
    return next((kind for kind, needs in lexicon()["kinds"] if all(patterns[n].search(folded) for n in needs)), None)


def restated(release: Release, facts: Sequence[SentenceFacts]) -> bool:
    """Whether the release restates an earlier, erroneous statement (it then corrects it)."""
    old = lexicon()["patterns"]["old_statement"]
    return any(old.search(fold(release.text[f.start:f.end])) for f in facts if not f.has("boilerplate"))


def themes_in(text: str) -> list[str]:
    folded = fold(text)
    return [name for name, pattern in lexicon()["themes"] if pattern.search(folded)]


def read_events(release: Release, facts: Sequence[SentenceFacts], roles: Sequence[Role]) -> tuple[Event, ...]:
    """Every dated event of the release, in the order of its text (one per kind and date)."""
    patterns = lexicon()["patterns"]
    dates = find_dates(release.text)
    headings = _section_headings(facts)
    lead = _lead(facts, release)
    signings = _signings(release, facts)
    found: list[Event] = []
    for f in facts:
        if any(f.has(flag) for flag in _SKIPPED):
            continue
        text = release.text[f.start:f.end]
        if patterns["old_statement"].search(fold(text)):
            continue  # what an earlier version wrongly said: not an event
        inside = [(s, e, d) for s, e, d in dates if f.start <= s and e <= f.end and d.iso() in f.dates]
        told = _sentence_events(release, f, text, inside, f.index in lead)
        if not any(kind in AGREEMENT_KINDS for kind, _, _, _ in told) and patterns["agreement"].search(fold(text)):
            told.append(("reference", None, "", "none"))  # what a release says about an agreement: results, ...
        for kind, date, direction, by in told:
            partners = f.partners or (facts[headings[f.index]].partners if headings.get(f.index) is not None else ())
            event = Event(kind, date, f.start, f.end, f.index, dated_by=by, direction=direction, partners=partners,
                          persons=_persons(text, f, roles),
                          correction=bool(patterns["correction"].search(fold(text))))
            if kind in AGREEMENT_KINDS:
                event = _agreement(release, facts, f, event, dates, headings, alone=signings < 2)
            if kind == "reference" or not any(e.kind == event.kind and e.date == event.date for e in found):
                found.append(event)
    # An undated lead sentence adds nothing when the release dates an event of that kind itself.
    return tuple(e for e in found if e.dated_by == "text" or not any(
        o.kind == e.kind and o.dated_by == "text" for o in found))


def _signings(release: Release, facts: Sequence[SentenceFacts]) -> int:
    """How many sentences of the release tell of signing or renewing an agreement."""
    return sum(1 for f in facts if not any(f.has(x) for x in _SKIPPED)
               and kind_of(release.text[f.start:f.end]) in AGREEMENT_KINDS)


def _sentence_events(release: Release, f: SentenceFacts, text: str, inside, in_lead: bool):
    """(kind, date, direction, dated_by) for each event date of one sentence."""
    patterns = lexicon()["patterns"]
    candidates = []
    for i, (s, e, date) in enumerate(inside):
        before = fold(release.text[max(f.start, s - 40):s])
        previous = inside[i - 1] if i else None
        joined = previous and patterns["range_joiner"].match(fold(release.text[previous[1]:s]))
        following = inside[i + 1] if i + 1 < len(inside) else None
        starts_range = following and patterns["range_joiner"].match(fold(release.text[e:following[0]]))
        if patterns["until"].search(before) or patterns["relative"].search(before) or joined:
            continue  # the end of a period, a date something is counted from, or the second date of a range
        if starts_range and date.precision == "year":
            continue  # "2014-2020", "van 2024 tot en met 2027": a period, not an event
        if date.precision == "year" and (_named(release.text[max(f.start, s - 30):s])
                                         or patterns["deadline"].search(before)):
            continue  # "Expo 2020": a name; "by 2025", "from 2025": a target or a start, not an event
        candidates.append((s, e, date))
    events = []
    clauses = [_clause(text, s - f.start) for s, _, _ in candidates]
    kinds = [kind_of(c) for c in clauses]
    whole = kind_of(text)
    for (s, e, date), clause, kind in zip(candidates, clauses, kinds):
        if kind is None and len(candidates) == 1:
            kind = whole
        elif kind in WEAK_KINDS and whole not in WEAK_KINDS and whole not in kinds:
            kind = whole  # "at a meeting held on 11 September, the Government decided to release aid": aid
        if kind:
            events.append((kind, _year_of_range(date, release.text, e, inside), _direction(clause), "text"))
    if not candidates and in_lead:
        kind = kind_of(text)
        if kind not in WEAK_KINDS:  # undated news: when it was published (if it says when)
            events.append((kind, release.published, _direction(text), "published"))
    return events


def _year_of_range(date: PartialDate, text: str, end: int, inside) -> PartialDate:
    """The first date of a range written without its year ("du 1er février au 31 mars 2023") takes the year of
    the range's end, not that of an earlier sentence."""
    following = next(((s, d) for s, _, d in inside if s >= end), None)
    if following is None or not lexicon()["patterns"]["range_joiner"].match(fold(text[end:following[0]])):
        return date
    start = max(s for s, e, _ in inside if e <= end)
    if re.search(r"\d{4}", text[start:end]) or following[1].year == date.year:
        return date
    try:
        moved = PartialDate(following[1].year, date.month, date.day)
    except ValueError:
        return date
    return moved if moved <= following[1] else date


def _named(before: str) -> bool:
    """Whether the text just before a year ends with a capitalised word that is no preposition ("Expo ")."""
    match = re.search(r"(\w+)\s$", before)
    return bool(match and match.group(1)[:1].isupper() and fold(match.group(1)) not in stopwords())


def _clause(text: str, at: int) -> str:
    """The part of the sentence between punctuation around position `at`."""
    cuts = [m.start() for m in _CLAUSE.finditer(text)]
    start = max((c for c in cuts if c < at), default=-1) + 1
    end = min((c for c in cuts if c >= at), default=len(text))
    return text[start:end]


def _direction(text: str) -> str:
    return "in" if lexicon()["patterns"]["inbound"].search(fold(text)) else "out"


def _lead(facts: Sequence[SentenceFacts], release: Release) -> set[int]:
    body = [f.index for f in facts if not any(f.has(x) for x in ("heading", "caption", "boilerplate"))
            and f.end - f.start > 40]
    return set(body[:LEAD_SENTENCES])


def _section_headings(facts: Sequence[SentenceFacts]) -> dict[int, int | None]:
    """For every sentence, the index of the heading above it (None before the first)."""
    heading, out = None, {}
    for f in facts:
        if f.has("heading"):
            heading = f.index
        out[f.index] = heading
    return out


def _persons(text: str, f: SentenceFacts, roles: Sequence[Role]) -> tuple[str, ...]:
    """Persons the sentence names, and those of the release whose role it names without their name ("the
    Minister-President of the BCR"), when that role belongs to one person only."""
    named = list(sentence_persons(text, f))
    folded = f" {' '.join(fold(w) for w, _, _ in words(text))} "
    by_head: dict[str, set[str]] = {}
    for r in roles:
        head = " ".join(role_words_of(r.role))
        if head:
            by_head.setdefault(head, set()).add(r.person)
    for head, persons in by_head.items():
        if len(persons) == 1 and f" {head} " in folded:
            person = next(iter(persons))
            if person not in named:
                named.append(person)
    return tuple(named)


def _agreement(release: Release, facts: Sequence[SentenceFacts], f: SentenceFacts, event: Event, dates,
               headings: dict, alone: bool) -> Event:
    """An agreement's name, duration, end date and themes, from its sentence and the ones around it."""
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
    return replace(event, name=name, until=until, duration=duration,
                   themes=_themes(release, facts, f, headings, alone))


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
            if unit in ("year", "years", "an", "ans", "annee", "annees", "jaar", "jaren"):
                out.append(release.text[f.start + tokens[position][1]:f.start + tokens[position + 1][2]])
    return out


def _themes(release: Release, facts: Sequence[SentenceFacts], f: SentenceFacts, headings: dict, alone: bool
            ) -> tuple[tuple[str, int, int], ...]:
    """Themes named in the agreement's sentence, in sentences of its section that announce themes ("themes such
    as", "priorities:"), and (when it is the release's only agreement) in such sentences elsewhere that name an
    agreement, with the list items after them."""
    patterns = lexicon()["patterns"]
    chosen = [f]
    for g in facts:
        if g.has("boilerplate") or g.index == f.index:
            continue
        folded = fold(release.text[g.start:g.end])
        if patterns["theme_cue"].search(folded) and (headings.get(g.index) == headings.get(f.index)
                                                     or (alone and patterns["agreement"].search(folded))):
            chosen.append(g)
            if g.list_end:
                chosen += [h for h in facts[g.index + 1:] if h.end <= g.list_end]
    found: dict[str, tuple[str, int, int]] = {}
    for g in chosen:
        for theme in themes_in(release.text[g.start:g.end]):
            found.setdefault(theme, (theme, g.start, g.end))
    return tuple(found.values())
