"""Dutch compounds: the noun a question names is often the last part of one word of the release ("specialisten" in
"restauratiespecialisten", "bomen" in "stadsbomen"), since Dutch writes a noun and its modifiers as one word. Found
by the question word's stem at the end of a longer word's stem; only in Dutch sentences, where that is how nouns
are built (in English or French, "transport" does not hold a "sport")."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from bot.question.words import words_of
from ingest.terms import fold

NEAR = 6  # words between a figure and the noun it counts
BEFORE = 3  # words a counted noun may stand before its figure ("klaslokalen: 12")
HEAD = 5  # letters of the question word's stem: shorter ones end too many words by chance ("-lijk", "-eren")
MODIFIER = 3  # letters the compound needs before it


def stems(keys: Iterable[str]) -> dict[str, str]:
    """The stems of `keys` long enough to be found as a compound's head, each with its key."""
    return {k[2:]: k for k in keys if k[:2] == "s:" and len(k) - 2 >= HEAD}


def heads(word_keys: Iterable[str], wanted: dict[str, str]) -> frozenset[str]:
    """The keys of the `wanted` stems that end a longer word among `word_keys`."""
    found = set()
    for k in word_keys:
        if k[:2] == "s:" and len(k) - 2 >= HEAD + MODIFIER:
            word = k[2:]
            found.update(key for stem, key in wanted.items() if len(word) >= len(stem) + MODIFIER
                         and word.endswith(stem))
    return frozenset(found)


def is_the_noun(word_keys: frozenset[str], noun_keys: frozenset[str], lang: str) -> bool:
    """A word of a sentence in `lang` is the noun ("companies"), or in Dutch a compound that ends with it
    ("restauratiespecialisten" for "specialisten")."""
    return bool(word_keys & noun_keys) or lang == "nl" and bool(heads(word_keys, _noun_stems(noun_keys)))


def counts_noun(s, pos: int, noun: frozenset[str]) -> bool:
    """The noun (its keys) stands beside the figure at `pos` of sentence `s`: the figure counts it ("38 Brussels
    *companies*"). A noun before it that another figure stands right before is that figure's: in "twaalf
    klaslokalen gepland in vier lagere scholen", four counts schools, not classrooms; nor is one that a word of
    contrast parts from it ("from the new boreholes, against the 18,000 expected": residents)."""
    if any(is_the_noun(k, noun, s.lang) for k in s.token_keys[pos:pos + NEAR]):
        return True
    start = max(0, pos - BEFORE)
    before = [j for j, k in enumerate(s.token_keys[start:pos], start) if is_the_noun(k, noun, s.lang)]
    if not before:  # (read for every figure of every candidate: the other figures only when a noun stands before)
        return False
    others = {p for p, _, _ in s.facts.numbers if p != pos}
    contrast = words_of()["contrast"]  # "the new boreholes, against the 18,000 expected": the figure is another's
    return any(not others & {j - 1, j - 2} and not any(fold(w) in contrast for w, _, _ in s.tokens[j + 1:pos])
               for j in before)


@lru_cache(maxsize=64)
def _noun_stems(noun_keys: frozenset[str]) -> dict[str, str]:
    """stems() of a question's counted noun, read once: it is asked for every word near every figure."""
    return stems(noun_keys)
