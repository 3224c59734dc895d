"""What a sentence asserts, as matching keys: the names, numbers and dates it gives (each must be found in the
passage a sentence cites) and its other words; and what a passage offers as evidence, its sentences' keys with
their dates (read at ingest time), its release's title and publication date."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from bot.corpus import Sentence
from bot.question.understand import HOME
from bot.read.abstain import equivalents
from bot.records import Passage
from bot.render import MONTHS
from ingest.metadata.dates import find_dates
from ingest.records import PartialDate
from ingest.terms import fold, keys, spelled_numbers, text_keys, words

_MONTHS = frozenset(fold(m) for names in MONTHS.values() for m in names)
# Words about the task rather than the releases: a sentence the model left unmarked that uses one is talk about
# the prompt ("The passage number is 2."), never placed by the checks.
_META = frozenset("answer answers passage passages question questions number release releases document documents "
                  "source sources cite citation marker réponse numéro communiqué document antwoord vraag nummer "
                  "persbericht bron".split())
_NEGATIONS = frozenset("not no never none neither nor nobody nothing cannot ne pas aucun aucune jamais ni rien "
                       "personne niet geen nooit noch niets niemand".split())


def date_keys(date: PartialDate) -> list[frozenset[str]]:
    """One key set per part of a date: its year, its month (in any language), its day."""
    parts = [frozenset({f"n:{date.year}"})]
    if date.month:
        parts.append(keys(MONTHS["en"][date.month - 1]))
    if date.day:
        parts.append(frozenset({f"n:{date.day}", f"o:{date.day}"}))
    return parts


def asserted(text: str) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """(facts, words) of `text`: the keys of each name, number and date part it gives, and of each word."""
    tokens = words(text)
    dates = find_dates(text)
    facts = [part for _, _, date in dates for part in date_keys(date)]
    content = []
    for i, (word, start, end) in enumerate(tokens):
        word_keys = keys(word)
        if not word_keys:
            continue
        content.append(word_keys)
        if any(s <= start and end <= e for s, e, _ in dates):
            continue  # read as a date above
        numbers = frozenset(k for k in word_keys if k[:2] in ("n:", "o:"))
        folded = fold(word)
        if numbers and (word[:1].isdigit() or numbers - {"n:1", "o:1"}):
            facts.append(equivalents(numbers))
        elif folded in _MONTHS or (folded not in HOME and _is_name(tokens, i)):
            facts.append(word_keys)
    for start, end, value, ordinal in spelled_numbers(text):
        if value > 1 and not any(s <= start and end <= e for s, e, _ in dates):
            facts.append(equivalents(frozenset({f"{'o' if ordinal else 'n'}:{value}"})))
    return facts, content


def _is_name(tokens: Sequence[tuple[str, int, int]], i: int) -> bool:
    """A capitalised word inside the sentence, a capitalised run at its start (Jorge Yunda), or an acronym."""
    word = tokens[i][0]
    if not word[:1].isupper():
        return False
    if len(word) > 1 and word.isupper():
        return True
    return i > 0 or (len(tokens) > 1 and tokens[1][0][:1].isupper())


def frame_keys(passage: Passage) -> frozenset[str]:
    """What the prompt showed beside the passage's text: its release's title and publication date."""
    release = passage.release
    found = set(text_keys(release.title))
    if release.published:
        found.update(*date_keys(release.published))
    return frozenset(found)


@lru_cache(maxsize=4096)
def evidence(sentence: Sentence) -> frozenset[str]:
    """A passage sentence's keys, with the parts of the dates found in it at ingest time."""
    found = set(sentence.keys)
    for iso in sentence.facts.dates:
        parts = [int(p) for p in iso.split("-") if p.isdigit()]
        if parts:
            found.update(*date_keys(PartialDate(*parts[:3])))
    return frozenset(found)


def negations(text: str) -> set[str]:
    return {fold(w) for w, _, _ in words(text) if fold(w) in _NEGATIONS} | ({"not"} if "n't" in text else set())


def about_the_task(text: str) -> bool:
    return any(fold(w) in _META for w, _, _ in words(text))
