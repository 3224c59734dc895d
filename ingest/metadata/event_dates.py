"""The dates of events as a release writes them: the first day of a range ("from 9 to 11 March"), a day or month
written without its year placed in the year closest to the release's publication, names that hold a year ("Expo
2020"). Used by ingest.metadata.events."""
from __future__ import annotations

import re

from ingest.metadata.dates import WEEKDAYS, parse_date
from ingest.metadata.lexicon import lexicon
from ingest.records import PartialDate, Release
from ingest.terms import fold, stopwords

_DAYS = "(?:" + "|".join(WEEKDAYS.split()) + ")"
_MONTH_RANGE_START = re.compile(r"\b([a-z]{3,9})\.?\s*(?:to|au|a|tot|-|–|and|et|en|till|until)\s*$")
_RANGE_START = re.compile(rf"(?<![\d.,])(\d{{1,2}})(?:st|nd|rd|th|er|e)?\s*(?:au|to|tot(?: en met)?|-|–|and|et|en|till|"
                          rf"until|&)\s*(?:{_DAYS}\s+)?$", re.IGNORECASE)




def dated(release: Release, s: int, e: int, date: PartialDate, inside) -> PartialDate:
    """The date of an event written at text[s:e]: the first day of a range ("from 9 to 11 March" is 9 March), and
    a day or month written without its year in the year that puts it closest to the release's publication."""
    text = release.text
    written_year = re.search(r"\d{4}", text[s:e]) is not None
    date = _year_of_range(date, text, e, inside)
    first = _RANGE_START.search(text[max(0, s - 30):s])
    if first and date.day and int(first.group(1)) < date.day:
        date = PartialDate(date.year, date.month, int(first.group(1)))
    month = _MONTH_RANGE_START.search(fold(text[max(0, s - 30):s]))
    if month and date.precision == "month" and month_number(month.group(1)) and \
            month_number(month.group(1)) < date.month:
        date = PartialDate(date.year, month_number(month.group(1)))  # "de février à mars 2020": February
    joined = any(d > s and lexicon()["patterns"]["range_joiner"].match(fold(text[e:d])) for d, _, _ in inside)
    if written_year or joined or release.published is None or date.month is None:
        return date
    published = release.published.earliest()
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(PartialDate(year, date.month, date.day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d.earliest() - published).days), default=date)


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


def named_year(before: str) -> bool:
    """Whether the text just before a year ends with a capitalised word that is no preposition ("Expo ")."""
    match = re.search(r"(\w+)\s$", before)
    return bool(match and match.group(1)[:1].isupper() and fold(match.group(1)) not in stopwords())


def month_number(name: str) -> int | None:
    """1 for "janvier", "January", "januari" (None for another word)."""
    date = parse_date(f"{name} 2000")
    return date.month if date and date.day is None else None
