"""What a briefing is about: a partner (with its spellings and the bodies named after it) or a theme (words found
through the key index, in any of the three languages), and the releases that match it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from bot.errors import BadQuestionError
from ingest.metadata.dossier import Dossier
from ingest.metadata.partners import canonical_partner
from ingest.records import PartialDate, Release
from ingest.terms import fold, keys, stopwords, words

MAX_TOPIC_CHARS = 100
_KEY_KINDS = ("s:", "p:", "n:", "g:")  # stems, cognate prefixes, numbers, glossary concepts (en/fr/nl)
ABOUT = 2  # sentences naming the topic (the title counts two) for a release to be about it, not just mention it


@dataclass(frozen=True)
class Topic:
    text: str  # as asked
    name: str  # the partner's canonical name, or the theme's words
    partners: tuple[str, ...] = ()  # canonical names matched: the partner and bodies named after it
    word_keys: tuple[frozenset[str], ...] = ()  # a theme: the keys of each of its words (all must be found)
    phrase: str = ""  # a name the gazetteer does not know ("UN-Habitat"): its folded words, to be found as written

    @property
    def is_partner(self) -> bool:
        return bool(self.partners)

    def names(self, partners: Sequence[str]) -> bool:
        return bool(set(partners) & set(self.partners))

    def in_text(self, sentence_keys: frozenset[str]) -> bool:
        return bool(self.word_keys) and all(k & sentence_keys for k in self.word_keys)


@dataclass(frozen=True)
class Match:
    """A release that matches the topic, with its dossier and how much it talks about it."""

    release: Release
    dossier: Dossier
    mentions: int  # sentences naming the topic, outside boilerplate (+2 when the title names it)

    @property
    def about(self) -> bool:
        return self.mentions >= ABOUT

    @property
    def leading(self) -> int:
        """How often the release names its most named partner (to tell whether the topic is its main subject)."""
        return max((n for _, n in self.dossier.mentions), default=0)


def resolve(text: str, known_partners: Sequence[str]) -> Topic:
    """The topic `text` names: a partner the gazetteer knows, else a theme of the words it holds."""
    text = " ".join((text or "").split())
    if not text:
        raise BadQuestionError("Type a partner (a city, a country, an organisation) or a theme.")
    if len(text) > MAX_TOPIC_CHARS:
        raise BadQuestionError(f"The topic is {len(text)} characters long; keep it under {MAX_TOPIC_CHARS}.")
    canonical = canonical_partner(text)
    if canonical is None:
        canonical = next((p for p in known_partners if fold(p) == fold(text)), None)
    if canonical:
        named_after = [p for p in known_partners if p != canonical and _whole_words(fold(canonical), fold(p))]
        return Topic(text, canonical, (canonical, *named_after))
    content = [w for w, _, _ in words(text) if fold(w) not in stopwords() and len(w) > 1]
    word_keys = tuple(k for k in (frozenset(x for x in keys(w) if x[:2] in _KEY_KINDS) for w in content) if k)
    if not word_keys:
        raise BadQuestionError(f"{text!r} holds no word to look for: name a partner or a theme.")
    name = re.sub(r"\([^)]*\)", " ", text)
    named = any(w[:1].isupper() for w, _, _ in words(name)) and len(words(name)) > 1  # "UN-Habitat", "World Bank"
    phrase = f" {fold_words(name)} " if named else ""
    return Topic(text, text, word_keys=word_keys, phrase=phrase)


def fold_words(text: str) -> str:
    """The words of `text`, folded, one space apart (for whole-word phrase matching)."""
    return " ".join(fold(w) for w, _, _ in words(text))


def _whole_words(part: str, whole: str) -> bool:
    return f" {part} " in f" {fold_words(whole)} "


def in_scope(release: Release, since: PartialDate | None, until: PartialDate | None) -> bool:
    """Published within [since, until] (undated releases only when no date bound is set)."""
    return in_range(release.published, since, until)


def in_range(published: PartialDate | None, since: PartialDate | None, until: PartialDate | None) -> bool:
    if since is None and until is None:
        return True
    if published is None:
        return False
    if since and published.latest() < since.earliest():
        return False
    return not (until and published.earliest() > until.latest())
