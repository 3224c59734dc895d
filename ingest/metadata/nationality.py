"""The country an office belongs to, read around the word that names it: "the Belgian ambassador", "Georgia's
Ambassador to Belgium", "l'ambassadeur belge", "the Ambassador of Liberia", "l'ambassadeur de Belgique en Algérie",
"de ambassadeur van België", "ambassadrice de la République du Sénégal". The country the office serves in ("to
Belgium", "en Algérie") is not its own. Used by the question's reading and the reader (bot.read.kinds.in_the_role):
a question about the Belgian ambassador is not answered by Georgia's."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from ingest.terms import default_glossary, fold

_OF = frozenset("of van de du d des".split())
_ARTICLES = frozenset("the la le l het de".split())
_POSSESSIVE = "s"  # "Georgia's" is read as "Georgia", "s"
STATE_TITLE_WORDS = 5  # words at most before the country: "la République démocratique du Congo"


def own_country(tokens: Sequence[str], i: int) -> frozenset[int]:
    """The country concepts (glossary places) of the office named at tokens[i]: a nationality or a country's
    possessive just before it, a nationality just after it, or "of X" ("van X", "de X", "d'X") after it; empty when
    none is written there."""
    before = i - 2 if i >= 2 and fold(tokens[i - 1]) == _POSSESSIVE else i - 1
    if before >= 0 and (found := country_of(tokens[before])):
        return found
    if i + 1 < len(tokens):
        if found := country_of(tokens[i + 1]):
            return found
        if fold(tokens[i + 1]) in _OF:
            return country_of(_named(tokens, i + 2))
    return frozenset()


def _named(tokens: Sequence[str], at: int) -> str:
    """The word that names the country from tokens[at] on: past an article and a state's formal title ("the
    Republic of", "la République du", "het Koninkrijk"); empty when the words run out."""
    from ingest.metadata.facts import state_titles  # facts reads sentences with this module: imported late

    titles = state_titles()
    for _ in range(STATE_TITLE_WORDS):
        if at < len(tokens) and (fold(tokens[at]) in _ARTICLES or fold(tokens[at]) in titles
                                 or fold(tokens[at]) in _OF and at and fold(tokens[at - 1]) in titles):
            at += 1
    return tokens[at] if at < len(tokens) else ""


@lru_cache(maxsize=4096)
def country_of(word: str) -> frozenset[int]:
    """The country concepts (glossary places) a word names: a country, the Region, or their adjective."""
    glossary = default_glossary()
    return frozenset(c for c in glossary.concepts_of(word) if c in _countries())


@lru_cache(maxsize=1)
def _countries() -> frozenset[int]:
    return frozenset(default_glossary().places)
