"""The few words an answer puts before its quotes: the date or the figure asked for, as the release writes it, and
the partner that labels an item of a list."""
from __future__ import annotations

import re
from typing import Sequence

from bot.question.analysis import Analysis
from bot.question.words import words_of
from bot.read.candidates import Candidate
from bot.read.compounds import is_the_noun
from bot.render import format_date
from ingest.metadata.dates import find_dates
from ingest.records import PartialDate
from ingest.terms import fold, keys, spelled_numbers, text_keys, words

FIGURES = ("number", "money", "size", "percent", "duration")
FIGURE_WINDOW = 4  # words between a number and the noun it counts
FIRST_WINDOW = 6  # words before a date among which a word of "first" makes it the first one's date
_PARTNER_WORDS = text_keys("""city cities town country countries region regions organisation organisations
partner partners government governments capital capitals ville villes pays région régions organisation partenaire
partenaires gouvernement stad steden land landen regio organisatie organisaties partner partners regering""")
_UNIT_AFTER = re.compile(r"[\s\u00a0\u202f]*(?:%|m²|km²|(?:(?:million|millions|billion|miljoen|miljard|milliards?|"
                         r"mln|bn)\s+)?(?:euros?|eur|€|dollars?|pounds?)\b|per\s?cent\b|pour\s?cent\b|procent\b|"
                         r"hectares?\b|square metres\b|vierkante meter\b|mètres carrés\b|(?:million|millions|miljoen|"
                         r"billion|miljard)\b|(?:years?|months?|ans|années|mois|jaar|jaren|maanden)\b)", re.IGNORECASE)
_UNIT_BEFORE = re.compile(r"(?:€|\$|£|EUR|USD)[\s\u00a0]?$")


def asks_partners(analysis: Analysis) -> bool:
    """The list is of places or partners ("which cities", "to which countries", "where"), not of themes."""
    return "place" in analysis.needs or bool(analysis.focus & _PARTNER_WORDS)


def subject(c: Candidate, analysis: Analysis) -> str:
    """The partner (from ingestion's metadata) that labels an item of a list gathered across releases
    ("**Bogotá**"): one the release's title names, else one the quote names; never one the question names."""
    quote = text_keys(c.quote)
    new = [p for p in c.release.partners if not text_keys(p) & analysis.known_keys]
    for found in (text_keys(c.release.title), quote):
        for partner in new:
            if found and text_keys(partner) <= found:
                return partner
    return ""


def figure(chosen: Sequence[Candidate], analysis: Analysis, units: Sequence[str]) -> str:
    """The number that answers "how many/how much", when one sentence has exactly one of the asked units beside the
    counted noun ("600 *people* applied"), with its currency or unit as the release writes it ("300 000 euros",
    "EUR 1,250"); empty when that is not clear ("61 of the 210 companies"): a wrong figure in bold would mislead, and
    a count is no answer to "how much did it cost?"."""
    for c in chosen[:1]:  # the figure of the quote shown first, or none
        s = c.sentence
        heads = [j for j, k in enumerate(s.token_keys) if any(is_the_noun(k, h, s.lang) for h in analysis.heads)]
        near = [(i, v) for i, v, kind in analysis.untold(s.facts.numbers)
                if kind in units and any(abs(i - j) <= FIGURE_WINDOW for j in heads) and i < len(s.tokens)]
        if near:
            return _as_written(s.text, s.tokens, near[0][0], s.lang) if len({v for _, v in near}) == 1 else ""
    return ""


def _as_written(text: str, tokens, i: int, lang: str | None = None) -> str:
    """The figure at token i with its unit, as the text writes it: a number in words whole ("vingt-cinq", "thirty-one",
    "trente et une"), not its first word."""
    start, end = tokens[i][1], tokens[i][2]
    if not tokens[i][0][:1].isdigit():
        end = next((e for s, e, _, _ in spelled_numbers(text, lang) if s <= start < e), end)
    while group := re.match(r"[ \u00a0\u202f]\d{3}(?!\d)", text[end:end + 5]):  # "180 000": one figure
        end += len(group.group())
    if before := _UNIT_BEFORE.search(text[max(0, start - 5):start]):
        start -= len(before.group())
    if after := _UNIT_AFTER.match(text, end):
        end = after.end()
    return text[start:end].strip()


_END = re.compile(r"(?:\buntil|\btill|\bthrough|\bto|\bjusqu['’]\s?(?:au|à|a)|\bau|\btot(?: en met)?|\bt/m|"
                  r"\bend(?:s|ed)? on|"
                  r"\bclosing date (?:is|was|of)|\bdeadline (?:is|was|of|for \w+ (?:is|was|of))|\bdate limite|"
                  r"\buiterste datum)\s+(?:(?:le|de|het|the|on|op)\s+)?(?:\w+day\s+|\w+di\s+|\w+dag\s+)?"
                  r"(?:(?:the\s+)?end\s+of\s+|(?:la\s+)?fin\s+(?:de\s+|d['’])?|eind(?:e)?\s+(?:van\s+)?)?$",
                  re.IGNORECASE)


_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:er|st|nd|rd|th|e|de)?(?:\s+[^\W\d]+)?,?\s*$")  # "2", "5 mai", "2 June"
# the markers that end a period; "to" and "au" are left out, as they also start one ("au 1er janvier")
_PERIOD_END = re.compile(r"until|till|jusqu|tot|t/m|through|end", re.IGNORECASE)


def end_dates(c: Candidate) -> list[PartialDate]:
    """The dates the quote gives as the end of something ("until 30 November", "jusqu'au 12 décembre", "tot 20
    oktober", "a deadline of 15 January")."""
    return [date for s in c.sentences for date in sentence_end_dates(s.text)]


def sentence_end_dates(text: str, periods: bool = False) -> list[PartialDate]:
    """The end dates of a text; with `periods`, only a period's end, not the last day of a range whose start
    stands just before it ("from 2 to 4 March", "van 2 tot 5 juni": the event's own dates)."""
    found = []
    for start, _, date in find_dates(text):
        before = text[max(0, start - 40):start]
        marker = _END.search(before)
        if marker and not (periods and (not _PERIOD_END.match(marker.group())
                                        or _range_start(before[:marker.start()]))):
            found.append(date)
    return found


def _range_start(head: str) -> bool:
    """A day or date ends the text just before "tot"/"until": the start of a range ("van 2 tot 5 juni", "du 5 mai
    au", "from 2 June until 27 August")."""
    end = len(head.rstrip(", \u00a0"))
    return bool(_DAY_BEFORE.search(head)) or any(stop >= end for _, stop, _ in find_dates(head))


def event_date(c: Candidate, asked: Sequence[str], end: bool = False, first: bool = False) -> PartialDate | None:
    """The date of what the quote reports (the most precise one that is not the publication date, unless the quote
    says the event happened "today", nor the end of a period: "signed on 10 March, extended until 31 December
    2025"); the end of a period when `end` (the question asks "until when"); when `first` (the question asks for the
    first of a renewed thing), one a word of "first" stands just before, if any ("a new programme on 18 November
    2024, eleven years after their first agreement of 10 May 2013")."""
    if end and (ends := end_dates(c)):
        return max(ends, key=lambda d: len(d.iso()))
    dates = [PartialDate.parse(d) for q in c.sentences for d in q.facts.dates if d not in asked]
    if not dates:
        return None
    if first and (firsts := [d for d in first_dates(c) if d.iso() not in asked]):
        return max(firsts, key=lambda d: len(d.iso()))
    today = any(q.facts.has("today") for q in c.sentences)  # "signed today": then the publication date is the event's
    precise = [d for d in dates if today or d != c.release.published] or dates
    periods = [d for q in c.sentences for d in sentence_end_dates(q.text, periods=True)]
    precise = [d for d in precise if d not in periods] or precise
    return max(precise, key=lambda d: len(d.iso()))


def first_dates(c: Candidate) -> list[PartialDate]:
    """The quote's dates that a word of "first" stands a few words before, no word of renewal between ("their
    first agreement of 10 May 2013", "la première convention, signée le 14 mars 2002")."""
    data, found = words_of(), []
    for q in c.sentences:
        folded = [(fold(w.lower()), end) for w, _, end in q.tokens]  # each word folded once, read for every date
        for start, _, date in find_dates(q.text):
            before = [w for w, end in folded if end <= start][-FIRST_WINDOW:]
            at = max((i for i, w in enumerate(before) if data["first"].search(w)), default=None)
            if at is not None and not any(w in data["renewal"] for w in before[at + 1:]):
                found.append(date)
    return found


def values(c: Candidate, kind: str) -> frozenset[str]:
    """What the quote says of the asked-for kind: its dates, figures or names (to tell agreeing from
    disagreeing releases)."""
    facts = [q.facts for q in c.sentences]
    if kind == "date":
        return frozenset(d for f in facts for d in f.dates)
    if kind in FIGURES:
        return frozenset(v for f in facts for _, v, unit in f.numbers if unit != "duration" or kind == "duration")
    if kind == "person":
        return frozenset(" ".join(sorted(keys(w) and min(keys(w)) or w for w in name.split()))
                         for f in facts for name in f.persons)
    return frozenset()


def content(text: str) -> str:
    return " ".join(w for w, _, _ in words(text))


def dated(c: Candidate, lang: str) -> str:
    """The quote's label when quotes of several releases are shown: its release's date, in italics."""
    return f"*({format_date(c.release.published, lang)})*" if c.release.published else ""
