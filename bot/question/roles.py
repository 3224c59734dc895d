"""The role a "who" question asks the person to hold: "who is the *mayor*", "the name of the *governor*", "who
succeeded X *as mayor*"; and the keys of every role noun ingestion knows."""
from __future__ import annotations

import re
from functools import lru_cache

from bot.question.words import words_of
from ingest.metadata.facts import role_words
from ingest.terms import keys, words


def role_named(after: str, names) -> frozenset[str]:
    """The role noun that follows "the name of" ("du maire", "van de burgemeester", "the Bangkok governor"), if
    any (the question's names skipped)."""
    for word, _, _ in [w for w in words(after) if w[0] not in names][:4]:
        if word in role_words():
            return keys(word)
        if keys(word) and word not in words_of()["deputy"]:
            return frozenset()
    return frozenset()


def role_after_copula(after: str) -> frozenset[str]:
    """The role in "who is the Brussels trade *attaché* in Abidjan": the head noun of the phrase after the verb
    (its last word in English and Dutch, its first in French), the Region's own name aside."""
    data = words_of()
    match = data["copula"].match(after)
    if not match:
        return frozenset()
    phrase = []
    for word, _, _ in words(after[match.end():]):
        if word in data["verb_markers"] or word in data["auxiliaries"]:
            break
        if keys(word) and word not in data["not_role"] | data["home"]:
            phrase.append(keys(word))
    if not phrase:
        return frozenset()
    roles = [k for k in phrase if k & role_keys()]
    if roles:  # "who was the *mayor* of Buenos Aires who welcomed ...": the role noun, wherever it stands
        return roles[0]
    return phrase[0] if re.match(r"^\s*(?:est|etait|sont|etaient|c'est)\b", after) else phrase[-1]


def role_as(after: str) -> frozenset[str]:
    """The role of "who succeeded X *as mayor*", "qui a remplacé X comme maire": the answer holds that office
    (a deputy mayor does not succeed the mayor), whatever verb tells how it came to hold it."""
    found = words_of()["role_as"].search(after)
    office = keys(found.group(1)) if found else frozenset()
    return office if office & role_keys() else frozenset()


@lru_cache(maxsize=1)
def role_keys() -> frozenset[str]:
    """The keys of the role nouns ingestion knows (mayor, burgemeester, gouverneur, attaché...)."""
    return frozenset().union(*(keys(w) for w in role_words()))
