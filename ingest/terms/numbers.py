"""Numbers written in words in English, French and Dutch ("twenty-five", "vingt-cinq", "vijfentwintig",
"une trentaine", "twenty-fifth"): one lexicon of single words, and a reader for compounds that span several words."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "numbers.json"
_JOINERS = frozenset({"", "-", "et", "-et-", "and", "en"})
_LANGS = ("en", "fr", "nl")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4)
def lexicon(lang: str | None = None) -> dict[str, tuple[int, str, bool]]:
    """folded word -> (value, kind, ordinal); kind is 'unit', 'teen', 'ten', 'scale' or 'approx'. With `lang`, that
    language's words only: Dutch "onze" is "our", French "tien" is "yours", English "one" is often no number."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    out: dict[str, tuple[int, str, bool]] = {}
    for language, parts in data.items():
        if language.startswith("_") or lang not in (None, language):
            continue
        for kind in ("units", "teens", "tens", "scales", "approx"):
            for word, value in parts[kind].items():
                out.setdefault(_fold(word), (value, kind[:-1], False))
        for kind in ("ordinal_units", "ordinal_teens", "ordinal_tens"):
            for word, value in parts[kind].items():
                out.setdefault(_fold(word), (value, kind.split("_")[1][:-1], True))
    dutch = data["nl"] if lang in (None, "nl") else {"units": {}}
    for unit, u in dutch["units"].items():  # one word in Dutch: "vijfentwintig", "tweeëntwintigste"
        if u == 1 and unit != "een":
            continue
        for ten, t in dutch["tens"].items():
            joiner = "ën" if unit.endswith("e") else "en"
            word = _fold(unit + joiner + ten)
            out.setdefault(word, (t + u, "ten", False))
            out.setdefault(word + "ste", (t + u, "ten", True))
        for scale, s in (("honderd", 100), ("duizend", 1000)):
            if u > 1:
                out.setdefault(_fold(unit + scale), (u * s, "scale", False))
    return out


@lru_cache(maxsize=4096)
def dutch_compound(word: str) -> int | None:
    """The value of a Dutch number written as one word around "honderd" or "duizend" ("honderdtwintig" 120,
    "tweehonderdvijftig" 250, "drieduizendvijfhonderd" 3,500, "honderdduizend"), or None: Dutch joins every part
    below a million, so such words are too many to list. "honderden" (hundreds) is no number."""
    word = _fold(word)
    parts = lexicon("nl")
    for scale, size in (("duizend", 1000), ("honderd", 100)):
        at = word.find(scale)
        if at < 0:
            continue
        left, right = word[:at], word[at + len(scale):]
        if right.startswith("en") and len(right) > 2 and right[2:] in parts:
            right = right[2:]  # "honderdeneen"
        times = 1 if not left else _below(left, parts, size)
        rest = 0 if not right else _below(right, parts, size)
        return times * size + rest if times and rest is not None else None
    return None


def _below(word: str, parts: dict, limit: int) -> int | None:
    """A part of a Dutch compound number below `limit`: one lexicon word that is no ordinal or approximation, or,
    before "duizend", a compound with "honderd" ("driehonderdduizend")."""
    entry = parts.get(word)
    if entry and not entry[2] and entry[1] != "approx" and entry[0] < limit:
        return entry[0]
    if limit > 100 and (value := dutch_compound(word)) and value < limit:
        return value
    return None


def _entry(table: dict, word: str, dutch: bool) -> tuple[int, str, bool] | None:
    """The lexicon's entry for a folded word, or, in Dutch, a compound read whole."""
    entry = table.get(word)
    if entry is None and dutch and len(word) > 8 and (value := dutch_compound(word)):
        return value, "compound", False
    return entry


def word_value(word: str) -> tuple[int, bool] | None:
    """(value, ordinal) of one number word, or None. Words for 'one' are articles as often as numbers: None."""
    entry = _entry(lexicon(), _fold(word), True)
    if entry is None or (entry[0] == 1 and entry[1] == "unit"):
        return None
    return entry[0], entry[2]


_TOKEN = re.compile(r"[^\W\d_]+")


def spelled_numbers(text: str, lang: str | None = None) -> list[tuple[int, int, int, bool]]:
    """(start, end, value, ordinal) of every number written in words (in `lang`'s words when given), compounds
    read whole ("twenty-five" 25, "quatre-vingt-dix" 90, "vingt et un" 21, "trois cents" 300, "une trentaine" 30,
    "honderdtwintig" 120)."""
    table = lexicon(lang if lang in _LANGS else None)
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found, i = [], 0
    while i < len(tokens):
        j, total, current, ordinal, end = i, 0, 0, False, tokens[i][2]
        while j < len(tokens):
            word, start, stop = tokens[j]
            if j > i and _fold(word) in ("et", "and") and j + 1 < len(tokens) and _fold(tokens[j + 1][0]) in table:
                j += 1  # "vingt et un", "one hundred and twenty"
                continue
            entry = _entry(table, _fold(word), lang in (None, "nl"))
            if entry is None or (j > i and _fold(text[end:start]).strip() not in _JOINERS | {"et", "and"}):
                break
            value, kind, is_ordinal = entry
            if kind in ("approx", "compound"):
                if j > i:
                    break
                current = value
            elif kind == "scale":
                current = max(current, 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            elif current == 0 or current % 100 == 0:
                current += value
            elif current == 4 and value == 20:
                current = 80  # quatre-vingt
            elif current % 10 == 0 and current % 100 >= 20 and value < 20:
                current += value  # twenty-five, soixante-quinze, quatre-vingt-dix
            else:
                break
            ordinal, end, j = is_ordinal, stop, j + 1
            if is_ordinal:
                break
        value = total + current
        if j > i and not (value == 1 and j == i + 1 and not ordinal):
            found.append((tokens[i][1], end, value, ordinal))
        i = max(j, i + 1)
    return found
