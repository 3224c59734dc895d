"""Whether a question asks for a list, and how many items: a plural after "which", "name all", the parts of a
programme ("what does it consist of?") or the members of a group ("who made up the delegation?")."""
from __future__ import annotations

import re

from bot.question.words import words_of
from ingest.terms import fold, keys, words


def _asks_members(folded: str) -> bool:
    """The question asks who belonged to a group or went along ("who made up the delegation?", "qui accompagnait
    le ministre ?", "wie zaten er in de delegatie?"), and does not count them."""
    data = words_of()
    return bool(data["members_asked"].search(folded)) and not data["counted"].search(folded)


def members_listed(folded: str) -> frozenset[str]:
    """What a members question lists: the group it names ("the delegation"), or any group when it names none ("who
    travelled with the minister?"), so that the release's enumeration of it ("The delegation was composed of:")
    is the list shown; empty for another question."""
    if not _asks_members(folded):
        return frozenset()
    groups = words_of()["group_nouns"]
    named = [w for w, _, _ in words(folded) if w in groups] or sorted(groups)
    return frozenset().union(*(keys(w) for w in named))


def listing_of(question: str, folded: str) -> tuple[bool, int | None]:
    """Whether the question asks for a list ("which cities", "name all ...", "what does it consist of?") and how
    many items it expects."""
    data = words_of()
    match = data["list_start"].match(folded)
    # "what does the programme consist of?", "que prévoit l'accord ?", "waaruit bestaat het?": its parts; "who made up
    # the delegation?", "qui composait la délégation ?", "wie maakte deel uit van ...": its members, unless counted
    parts = bool(data["made_of"].search(folded)) or _asks_members(folded)
    if not match:
        return parts or bool(data["list_words"].search(folded)), None
    original = question.split()
    count, content = None, 0
    phrase = match.group(1)
    if plural := re.match(r"(?:are|were|sont|etaient|zijn|waren)\s+(?:the|les|de)\s+", phrase):
        phrase = phrase[plural.end():]  # "what were the priority areas", "quels sont les thèmes"
    for word in phrase.split()[:5]:
        word = word.strip("?,.;:!")
        if word in data["count_words"]:
            count = data["count_words"][word]
            continue
        if word in data["auxiliaries"] or word in data["verb_markers"]:
            break  # the noun phrase ended without a plural: "which foreign minister *did* ..."
        capital = any(w.strip("?,.;:!") and fold(w.strip("?,.;:!")) == word and w[:1].isupper() for w in original)
        if not keys(word) or capital or word in data["adjectives"]:
            continue
        if re.search(r"(?:[^s]s|x|en|ies)$", word) is not None:
            return True, count  # "which foreign *cities* or governments"
        content += 1
        if content == 2:
            break  # "which pilot project *gets* ...": a verb may follow the noun
    return count is not None or parts or bool(data["list_words"].search(folded)), count
