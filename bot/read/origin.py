"""Whose people or firms a figure counts: "eighteen Brussels companies" does not answer "how many Uzbek companies",
nor "60 New Zealand companies" a question about Brussels companies; and a whole country's figure does not answer a
question about one of its towns. The places are the glossary's place lines (ingest/terms/countries.txt, the Region
included), in en/fr/nl and with their adjectives."""
from __future__ import annotations

import re
from functools import lru_cache

from bot.corpus import Sentence
from bot.question.analysis import Analysis
from bot.question.words import words_of
from ingest.terms import default_glossary, fold, keys

QUALIFIER = 3  # words after a figure that may say whose things it counts ("18 jeunes entreprises bruxelloises")
SCOPE_WORDS = 10  # words at most between a figure and the word that makes it a whole country's ("nationally")
_CLAUSE = re.compile(r"[;:]")


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


def of_the_asked_scope(numbers, s: Sentence, analysis: Analysis):
    """The (position, value, kind) figures of s less those of a wider area than the place the question names: a
    figure a word of wider scope the question does not use stands near, in the same clause ("Nationally, Zambia
    generates 2.4 million tonnes", "2.3 million people across the country", "het nationale gemiddelde ... 58
    procent"), in a sentence that names none of the question's names (the town, its partner, its programme). Written
    with a capital inside the sentence, the word is part of a name ("the National Institute for Disaster
    Management")."""
    if not numbers or not analysis.name_anchors:
        return numbers
    known, scope, tokens = analysis.known_keys, words_of()["wider_scope"], s.tokens
    wider = [i for i, (w, _, _) in enumerate(tokens)
             if fold(w) in scope and (w[:1].islower() or i == 0) and not keys(w) & known]
    if not wider or frozenset().union(*s.token_keys) & _named(analysis.name_anchors):
        return numbers
    return [n for n in numbers if not any(abs(n[0] - i) <= SCOPE_WORDS and not _CLAUSE.search(
        s.text[tokens[min(i, n[0])][2]:tokens[max(i, n[0])][1]]) for i in wider)]


@lru_cache(maxsize=64)
def _named(anchors) -> frozenset[str]:
    return frozenset().union(*(k for name in anchors for k in name))
