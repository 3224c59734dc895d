"""Dated events a release reports (agreements signed or renewed, visits both ways, missions, aid, openings,
events, meetings), read at ingest time from its sentences and their facts; agreements with their signatories,
duration, end and themes. Word patterns live in events.json."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ingest.metadata.agreements import agreement_details, agreement_themes
from ingest.metadata.dates import find_dates
from ingest.metadata.event_dates import dated, named_year
from ingest.metadata.dossier import Event, Role
from ingest.metadata.lexicon import lexicon
from ingest.metadata.roles import role_words_of, sentence_persons
from ingest.records import Release, SentenceFacts
from ingest.terms import fold, words

_CLAUSE = re.compile(r"[;:]|,(?!\d)|\s[–—-]\s")  # a parenthesis is an aside within its clause
_TO_BRUSSELS = re.compile(r"\bà\s+(?:Bruxelles|la Région (?:de Bruxelles|bruxelloise))", re.IGNORECASE)
_DOTTED = re.compile(r"\b\w+\.brussels\b")
_SKIPPED = ("boilerplate", "heading", "caption", "instruction")
LEAD_SENTENCES = 3  # news sentences at the top of a release: an undated event there happened when it was published
AGREEMENT_KINDS = ("agreement", "renewal")  # 'reference': an undated sentence about an agreement
WEAK_KINDS = ("meeting", "event")
ADVERBIAL_WORDS = 5
_PREPOSITIONS = frozenset("on in at op le en au du from van".split())
NEWS_KINDS = ("agreement", "renewal", "opening", "aid")  # what an undated lead sentence reports as just done
def kind_of(text: str) -> str | None:
    """The kind of event a clause reports, or None."""
    folded = _DOTTED.sub(" ", fold(text))  # "visit.brussels" names an agency, not a visit
    patterns = lexicon()["patterns"]
    return next((kind for kind, needs in lexicon()["kinds"] if all(patterns[n].search(folded) for n in needs)), None)


def restated(release: Release, facts: Sequence[SentenceFacts]) -> bool:
    """Whether the release restates an earlier, erroneous statement (it then corrects it)."""
    old = lexicon()["patterns"]["old_statement"]
    return any(old.search(fold(release.text[f.start:f.end])) for f in facts if not f.has("boilerplate"))


def read_events(release: Release, facts: Sequence[SentenceFacts], roles: Sequence[Role]) -> tuple[Event, ...]:
    """Every dated event of the release, in the order of its text (one per kind and date)."""
    patterns = lexicon()["patterns"]
    dates = find_dates(release.text)
    headings = _section_headings(facts)
    lead = _lead(facts, release)
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
                event = agreement_details(release, facts, f, event, dates, headings)
            if kind == "reference" or not any(e.kind == event.kind and e.date == event.date for e in found):
                found.append(event)
    # An undated lead sentence adds nothing when the release dates an event of that kind itself.
    group = lambda kind: "agreement" if kind in AGREEMENT_KINDS else kind  # noqa: E731
    found = [e for e in found if e.dated_by != "published" or not any(
        group(o.kind) == group(e.kind) and o.dated_by == "text" for o in found)]
    signed = [e for e in found if e.kind in AGREEMENT_KINDS]
    # The themes a release announces for "the agreement" are its newest one's (not those of one it recalls).
    newest = max(signed, key=lambda e: (e.date is not None, e.date.earliest() if e.date else None), default=None)
    return tuple(replace(e, themes=agreement_themes(release, facts, facts[e.sentence], headings, e is newest))
                 if e in signed else e for e in found)



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
        if date.precision == "year" and (named_year(release.text[max(f.start, s - 30):s])
                                         or patterns["deadline"].search(before)):
            continue  # "Expo 2020": a name; "by 2025", "from 2025": a target or a start, not an event
        if patterns["ending"].search(fold(_clause_before(text, s - f.start))):
            continue  # "closes on 15 December", "was due to end in 2022": an end, not the event
        candidates.append((s, e, dated(release, s, e, date, inside)))
    events = []
    clauses = [_clause(text, s - f.start) for s, _, _ in candidates]
    kinds = [kind_of(c) for c in clauses]
    whole = kind_of(text)
    for (s, e, date), clause, kind in zip(candidates, clauses, kinds):
        if kind is None and len(candidates) == 1 and _adverbial(text, clause):
            kind = whole  # "On 26 October 2021, ... signed": the date opens the sentence it dates
        elif kind in WEAK_KINDS and whole not in WEAK_KINDS and whole not in kinds:
            kind = whole  # "at a meeting held on 11 September, the Government decided to release aid": aid
        if kind:
            events.append((kind, date, _direction(clause), "text"))
    if not candidates and in_lead:
        kind = kind_of(text)
        if kind in NEWS_KINDS:  # undated news of a signing, an opening, aid: when it was published (if it says)
            events.append((kind, release.published, _direction(text), "published"))
    return events


def _cuts(text: str) -> list[int]:
    """Where the sentence's clauses end: punctuation outside parentheses (an aside belongs to its clause)."""
    asides = [m.span() for m in re.finditer(r"\([^()]*\)", text)]
    return [m.start() for m in _CLAUSE.finditer(text) if not any(s < m.start() < e for s, e in asides)]


def _clause(text: str, at: int) -> str:
    """The part of the sentence between punctuation around position `at`."""
    cuts = _cuts(text)
    start = max((c for c in cuts if c < at), default=-1) + 1
    end = min((c for c in cuts if c >= at), default=len(text))
    return text[start:end]


def _adverbial(text: str, clause: str) -> bool:
    """A clause that only says when ("On 26 October 2021", ", from 5 to 7 November 2018."), or opens the sentence:
    the sentence's event is the one it dates. A date inside another clause dates something else ("the 1994
    genocide", "a building from 1930")."""
    n = len(words(clause))
    first = fold(words(clause)[0][0]) if n else ""
    return text.lstrip("-–•* ").startswith(clause.strip(" -–•*")[:20]) or n <= ADVERBIAL_WORDS \
        or (first in _PREPOSITIONS and n <= 2 * ADVERBIAL_WORDS - 1)  # "on Monday 13 June 2016 at Warsaw City Hall"


def _clause_before(text: str, at: int) -> str:
    """The sentence's words from the last punctuation before position `at` up to it."""
    start = max((c for c in _cuts(text) if c < at), default=-1) + 1
    return text[start:at]


def _direction(text: str) -> str:
    """'in' for a visit to Brussels, else 'out' ("à Bruxelles" is read before folding: "à" folds to the article)."""
    return "in" if lexicon()["patterns"]["inbound"].search(fold(text)) or _TO_BRUSSELS.search(text) else "out"


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


