"""Partners a release is about (cities, regions, countries, organisations) under canonical English names: the
mentions of the gazetteer's names (ingest.metadata.gazetteer) in a text, as written, longest name first.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ingest.metadata.gazetteer import Gazetteer, fold, gazetteer
from ingest.metadata.language import _profiles

_WORD = re.compile(r"\w+")
_JOINER = re.compile(r"[ \t\-'’.]{1,3}")


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)  # words recur across releases: fold each spelling once


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _fold_word(m.group())) for m in _WORD.finditer(text)]


def _joined(text: str, tokens, i: int, n: int) -> bool:
    """The n tokens from i are one name: only spaces, hyphens, apostrophes or dots between them."""
    return all(_JOINER.fullmatch(text[tokens[j][1]:tokens[j + 1][0]]) for j in range(i, i + n - 1))


def _stop_word(word: str) -> bool:
    return any(word.casefold() in words for words in _profiles().values())


def _capitalised_neighbour(text: str, tokens, i: int, n: int) -> bool:
    """A name glued to a capitalised word ("Université Saint-Louis", "Milan Kundera") is part of another name."""
    for j, gap in ((i - 1, (tokens[i - 1][1], tokens[i][0]) if i > 0 else None),
                   (i + n, (tokens[i + n - 1][1], tokens[i + n][0]) if i + n < len(tokens) else None)):
        if gap is None or text[gap[0]:gap[1]] != " ":
            continue
        word = text[tokens[j][0]:tokens[j][1]]
        if word[:1].isupper() and not _stop_word(word) and fold(word) not in gazetteer().canonical:
            return True
    return False


def _accept(text: str, tokens, i: int, n: int, table: Gazetteer) -> bool:
    mention = text[tokens[i][0]:tokens[i + n - 1][1]]
    if mention.isupper() and len(mention) <= 6:
        return mention in table.acronyms  # "EU", "NATO": exactly as written
    if n == 1 and len(mention) <= 6 and mention in table.acronym_words:
        return False  # "Mel", "Un", "Ue" written in lower case are words, not acronyms
    if not mention[:1].isupper():
        return False
    return not _capitalised_neighbour(text, tokens, i, n)


def _mentions(text: str):
    """(start, end, canonical) for each partner mention, longest name first at every position."""
    table = gazetteer()
    tokens = _tokens(text)
    i = 0
    while i < len(tokens):
        for n in table.lengths.get(tokens[i][2], ()):
            if n > len(tokens) - i:
                continue
            key = " ".join(t[2] for t in tokens[i:i + n])
            canonical = table.canonical.get(key)
            if canonical and _joined(text, tokens, i, n) and _accept(text, tokens, i, n, table):
                yield tokens[i][0], tokens[i + n - 1][1], canonical
                i += n
                break
        else:
            i += 1


def named_partners(text: str) -> tuple[str, ...]:
    """Canonical English names of the places and organisations the text itself names, in order of first mention
    (Batumi, not also Georgia: see find_partners)."""
    return tuple(dict.fromkeys(canonical for _, _, canonical in _mentions(text)))


def find_partners(text: str) -> tuple[str, ...]:
    """Canonical English names of the places and organisations mentioned, in order of first mention,
    then the countries of mentioned cities and regions (a release about Lille is about France)."""
    found = named_partners(text)
    country_of = gazetteer().country_of
    implied = dict.fromkeys(country_of[name] for name in found if country_of.get(name))
    return tuple(found) + tuple(name for name in implied if name not in found)


def canonical_partner(name: str) -> str | None:
    """The canonical name for one user-given name ("Genève" -> "Geneva"), or None when unknown."""
    return gazetteer().canonical.get(fold(name))


def partner_variants(canonical: str) -> tuple[str, ...]:
    """Every known spelling of a canonical partner (for query expansion); empty when unknown."""
    resolved = canonical_partner(canonical) or canonical
    return tuple(gazetteer().variants.get(resolved, ()))


def town_spellings(name: str) -> tuple[str, ...]:
    """The other spellings of a smaller town ("Timbuktu" -> "Tombouctou", "Timboektoe"); empty when unknown."""
    table, key = gazetteer(), fold(name)
    return tuple(dict.fromkeys(n for i in table.towns.get(key, ()) for n in table.town_groups[i] if fold(n) != key))
