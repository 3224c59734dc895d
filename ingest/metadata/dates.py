"""Dates in English, French and Dutch text: every expression with offsets, and the publication date of a release."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Sequence

from ingest.records import PartialDate

_MONTHS = {
    1: "january jan janvier janv januari", 2: "february feb février fevrier févr fevr februari",
    3: "march mar mars maart mrt", 4: "april apr avril avr", 5: "may mai mei",
    6: "june jun juin juni", 7: "july jul juillet juil juli", 8: "august aug août aout augustus",
    9: "september sept sep septembre", 10: "october oct octobre oktober okt",
    11: "november nov novembre", 12: "december dec décembre decembre déc",
}
WEEKDAYS = ("monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi "
            "dimanche maandag dinsdag woensdag donderdag vrijdag zaterdag zondag")  # en, fr, nl: Monday first
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|ste|de)?"
# The first day of a range or pair of days written before one month: "from 3 to 9 October 2018", "3-9 October",
# "du 1er au 3 mars", "van 3 tot 9 oktober", "on 12 and 13 June", "les 4 et 5 mai", "op 4 en 5 mei"
_FIRST_DAY = re.compile(r"(?<![\d.,/])\b(?P<first>(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|ste|de)?)\s*"
                        r"(?:-|\u2013|\u2014|to|till|until|through|and|&|au|à|et|jusqu'au|tot(?: en met)?|t/m|en)"
                        r"\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _month_lookup() -> dict[str, int]:
    return {name: month for month, names in _MONTHS.items() for name in names.split()}


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern[str]]:
    # Longer names first so "sept" wins over "sep"; an abbreviation may end with a dot.
    names = sorted(_month_lookup(), key=len, reverse=True)
    month = r"(?P<month>" + "|".join(map(re.escape, names)) + r")\.?"
    flags = re.IGNORECASE
    return [
        re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
        re.compile(rf"\b(?P<day>[0-3]?\d)[/.](?P<mnum>[01]?\d)[/.]{_YEAR}\b"),
        re.compile(rf"\b{_DAY}\s+{month}\s+{_YEAR}\b", flags),
        re.compile(rf"\b{month}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}\b", flags),
        re.compile(rf"\b{month}\s+(?:de\s+|d'|of\s+)?{_YEAR}\b", flags),
        re.compile(rf"\b{_DAY}\s+{month}(?![\w-])", flags),
        re.compile(rf"(?<![\d.,/])\b{_YEAR}\b(?![.,]?\d)"),
    ]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().rstrip(".")


def _build(match: re.Match[str], year: int | None) -> PartialDate | None:
    groups = match.groupdict()
    if groups.get("year"):
        year = int(groups["year"])
    if year is None:
        return None
    month = int(groups["mnum"]) if groups.get("mnum") else None
    if groups.get("month"):
        month = _month_lookup().get(_fold(groups["month"]))
    day = int(groups["day"]) if groups.get("day") else None
    try:
        return PartialDate(year, month, day if month else None)
    except ValueError:
        return None


def _is_word_month(match: re.Match[str]) -> bool:
    # "mar", "may", "mai", "jun" are also ordinary words; only trust them with a day or a year beside them.
    name = match.groupdict().get("month")
    return name is None or name[0].isupper() or len(name) > 3 or bool(match.groupdict().get("year"))


def find_dates(text: str) -> list[tuple[int, int, PartialDate]]:
    """Every date expression in text as (start, end, PartialDate), in order; a day and month without year take the nearest year before them."""
    taken: list[tuple[int, int, re.Match[str]]] = []
    for pattern in _patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e, _ in taken) or not _is_word_month(match):
                continue
            taken.append((start, end, match))
    taken.sort(key=lambda item: item[0])
    found: list[tuple[int, int, PartialDate]] = []
    for start, end, match in taken:
        year = _context_year(found, taken, start)
        date = _build(match, year)
        if date is not None:
            found.append((start, end, date))
    return sorted(found + _first_days(text, found), key=lambda item: item[0])


def _first_days(text: str, found) -> list[tuple[int, int, PartialDate]]:
    """The first day of a range written before the month of its last ("from 3 to 9 October 2018") as a date of its
    own: that number is a day, never a count."""
    days = []
    for start, _, date in found:
        offset = max(0, start - 24)
        before = _FIRST_DAY.search(text[offset:start]) if date.day else None
        if before and 1 <= int(before.group("day")) < date.day:
            days.append((offset + before.start("first"), offset + before.end("first"),
                         PartialDate(date.year, date.month, int(before.group("day")))))
    return days


def _context_year(found, taken, start: int) -> int | None:
    """The year of the closest date before `start`, else of the first later expression with a year."""
    if found:
        return found[-1][2].year
    for s, _, match in taken:
        if s > start and match.groupdict().get("year"):
            return int(match.group("year"))
    return None


def parse_date(expr: str) -> PartialDate | None:
    """One expression: '26 October 2021', '9 février 2023', 'oktober 2022', 'in 2022', '2021-10-26T10:00'."""
    expr = expr.strip()
    iso = re.match(r"^(1[89]\d\d|20\d\d)(?:-(\d{2})(?:-(\d{2}))?)?(?:T|$)", expr)
    if iso:
        try:
            return PartialDate(*(int(g) if g else None for g in iso.groups()))
        except ValueError:
            return None
    dates = find_dates(expr)
    return dates[0][2] if dates else None


_PLACE = r"[A-ZÀ-Þ][\w'’.\-]*(?:[ -][A-ZÀ-Þa-z][\w'’.\-]*){0,3}"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS.split()) + r")\s*,?\s*)?"
# "Milan, 3 February 2023 -", "Bruxelles, le 9 février 2023", "*Brussels, Thursday 3 May 2022*": place, comma, date.
_DATELINE_PLACE = re.compile(rf"^[\W_]*{_PLACE}\s*,\s*(?:(?:le|den)\s+)?{_WEEKDAY}(?:(?:le|den)\s+)?$", re.IGNORECASE)
# A bare date opening a paragraph is a dateline only when a dash, a line end or markup follows it.
_DATELINE_BARE = re.compile(rf"^[\W_]*{_WEEKDAY}$", re.IGNORECASE)
_AFTER_BARE = re.compile(r"^\s*(?:[-\u2013\u2014:|*_]|\n|$)")


def _is_dateline(text: str, start: int, end: int) -> bool:
    before = text[_paragraph_start(text, start):start]
    return bool(_DATELINE_PLACE.match(before) or (_DATELINE_BARE.match(before) and _AFTER_BARE.match(text[end:])))


def is_dateline_line(line: str) -> bool:
    """The line is a dateline and nothing more ("Brussel, 21 november 2023"): never the end of a line above it."""
    return any(date.day and _DATELINE_PLACE.match(line[:start]) and not line[end:].strip(" \t-\u2013\u2014")
               for start, end, date in find_dates(line))


def _paragraph_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def find_published(text: str, *, lang: str = "und", hints: Sequence[str] = ()) -> PartialDate | None:
    """Publication date: a hint (HTML <time>/<meta>) first, then a dateline, then the lead's first date; None if unsure."""
    for hint in hints:
        date = parse_date(hint) if hint else None
        if date is not None:
            return date
    dates = find_dates(text[:4000])
    for start, end, date in dates:
        if date.day and _is_dateline(text, start, end):
            return date
    lead_end = _lead_end(text)
    lead = [date for start, _, date in dates if start < lead_end]
    if lead:
        # The most precise of the lead's dates, the earliest of those: a release reports what just happened.
        best = max(len(date.iso()) for date in lead)
        return next(date for date in lead if len(date.iso()) == best)
    return None


def _lead_end(text: str) -> int:
    """End of the first two paragraphs that are real sentences (not one-line headings)."""
    seen, position = 0, 0
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        position = match.end()
        if len(match.group()) > 80:
            seen += 1
        if seen >= 2:
            break
    return position
