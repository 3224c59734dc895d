"""Search filters a journalist sets (date range, partners, language), checked before they reach the bot."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

LANGUAGES = {"en": "English", "fr": "French", "nl": "Dutch"}
_PARTIAL_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class FilterError(ValueError):
    """A filter value that cannot work; the message says what to type instead."""


def check_date(value: str | None, label: str) -> str | None:
    """'2021', '2021-10' or '2021-10-26' (normalised), or None when empty."""
    value = (value or "").strip()
    if not value:
        return None
    match = _PARTIAL_ISO.match(value)
    if not match:
        raise FilterError(f"{label}: {value!r} is not a date; write 2021, 2021-10 or 2021-10-26.")
    year, month, day = (int(g) if g else None for g in match.groups())
    # Checked part by part: dt.date(year, month or 1, ...) would take a month or day of 0 for "not given".
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12) \
            or (day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]):
        raise FilterError(f"{label}: {value!r} is not a real date.")
    return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(x for x in (year, month, day) if x))


def _bound(value: str, *, earliest: bool) -> dt.date:
    parts = [int(p) for p in value.split("-")] + [None, None]
    year, month, day = parts[:3]
    if earliest:
        return dt.date(year, month or 1, day or 1)
    month = month or 12
    return dt.date(year, month, day or calendar.monthrange(year, month)[1])  # 9999-12-31 has no next day


@dataclass(frozen=True)
class Filters:
    since: str | None = None
    until: str | None = None
    partners: tuple[str, ...] = ()
    lang: str | None = None

    @classmethod
    def parse(cls, since=None, until=None, partners=None, lang=None) -> "Filters":
        since, until = check_date(since, "From"), check_date(until, "To")
        if since and until and _bound(since, earliest=True) > _bound(until, earliest=False):
            raise FilterError(f"The date range is empty: {since} is after {until}.")
        lang = (lang or "").strip().lower() or None
        if lang in ("any", "all"):
            lang = None
        if lang is not None and lang not in LANGUAGES:
            raise FilterError(f"Language {lang!r} is not one of {', '.join(LANGUAGES)}.")
        names = tuple(dict.fromkeys(p.strip() for p in (partners or ()) if p and p.strip()))
        return cls(since, until, names, lang)

    def kwargs(self) -> dict:
        """Keyword arguments for bot.ask / bot.stream (only the filters that are set)."""
        out = {"since": self.since, "until": self.until, "partners": list(self.partners) or None, "lang": self.lang}
        return {k: v for k, v in out.items() if v}

    def describe(self) -> str:
        parts = []
        if self.since or self.until:
            parts.append(f"published {self.since or '…'} to {self.until or '…'}")
        if self.partners:
            parts.append("partners: " + ", ".join(self.partners))
        if self.lang:
            parts.append("language: " + LANGUAGES[self.lang])
        return "; ".join(parts)
