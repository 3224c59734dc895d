"""The role a person holds: "what position does she hold now?", "welke functie had hij in 2012?", "quel mandat
exerce-t-elle aujourd'hui ?". Such a follow-up names no one of its own (the person is the conversation's) and asks
for no name, date or figure but for a role word (mayor, ambassadeur, parlementslid) told of that person."""
from __future__ import annotations

from bot.corpus import Sentence
from ingest.metadata.facts import role_words
from ingest.terms import fold, keys

TOLD_BEFORE = 0.5  # a role the conversation already gave (she *was* secretary general: what is she now?)


def role_score(s: Sentence, known: frozenset[str], names_known: bool) -> float:
    """How well sentence s tells a role of the person the conversation named (`known`: the conversation's keys;
    `names_known`: s names that person): 1 for a role not told before, less for one told before or told of "she"
    or "he" (the name in the sentence before), 0 without a role word or without that person."""
    said = [s.tokens[i][0] for i in role_positions(s)]
    new = any(not keys(w) & known for w in said)
    if said and s.facts.has("anaphora") and not s.facts.persons:  # "She was mayor until 2020, then ambassador"
        return TOLD_BEFORE if new else 0.0
    if not said or not names_known:
        return 0.0
    return 1.0 if new else TOLD_BEFORE


def role_positions(s: Sentence) -> list[int]:
    """Word positions of the role words in s."""
    roles = role_words()
    return [i for i, (w, _, _) in enumerate(s.tokens) if fold(w) in roles]
