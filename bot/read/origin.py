"""Whose people or firms a figure counts: "eighteen Brussels companies" does not answer "how many Uzbek companies",
nor "60 New Zealand companies" a question about Brussels companies. The places are the glossary's place lines
(ingest/terms/countries.txt, the Region included), in en/fr/nl and with their adjectives."""
from __future__ import annotations

from functools import lru_cache

from bot.corpus import Sentence
from bot.question.analysis import Analysis
from ingest.terms import default_glossary

QUALIFIER = 3  # words after a figure that may say whose things it counts ("18 jeunes entreprises bruxelloises")


@lru_cache(maxsize=4096)
def _places(found: frozenset[str]) -> frozenset[str]:
    glossary = default_glossary()
    return frozenset(k for k in found if glossary.place_key(k))


def asked_origins(analysis: Analysis) -> frozenset[str]:
    """The places that qualify the noun the question counts ("Uzbek" in "how many Uzbek companies")."""
    return frozenset().union(*(_places(h) for h in analysis.heads)) if analysis.heads else frozenset()


def of_the_asked_origin(numbers, s: Sentence, asked: frozenset[str]):
    """The (position, value, kind) figures of s that do not count another place's people or things; all of them
    when the question names no place for what it counts."""
    if not asked:
        return list(numbers)
    kept = []
    for n in numbers:
        named = frozenset().union(*(_places(k) for k in s.token_keys[n[0] + 1:n[0] + 1 + QUALIFIER]))
        if not named or named & asked:
            kept.append(n)
    return kept
