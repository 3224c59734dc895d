"""Who a sentence refers to beyond its own names: a name an apposition describes as a body ("Vivaqua, the
Brussels water utility, ..."), and a sentence that opens by pointing back to the one before ("She ...", "Celui-ci
...", "De Brusselse watermaatschappij stelt ..."), whose answer is a sentence away. Read once per sentence at ingest
time, by ingest.metadata.facts."""
from __future__ import annotations

from ingest.metadata.nationality import country_of
from ingest.metadata.partners import canonical_partner
from ingest.terms import fold, stopwords


DESCRIBED_WITHIN = 5  # words after "X, the" where an organisation noun describes X ("Vivaqua, the water utility")
_OF = frozenset({"of", "de", "du", "des", "d", "van", "for", "pour", "voor"})
_A = frozenset({"a", "an", "un", "une", "een"})


def described_bodies(text: str, tokens, lists: dict) -> tuple[str, ...]:
    """Names that an apposition describes as a body: a capitalised name, a comma, then "the", "la", "de" and an
    organisation noun within a few words, closed by a comma or the sentence's end ("Vivaqua, the Brussels water
    utility, ...", "Maji na Uzima, une ONG locale, ...", "samen met Vivaqua, de Brusselse watermaatschappij"). A
    role or "of" before the noun describes a person ("Anne Lemaire, the director of the agency"). `lists` are the
    sentence detectors' word lists (ingest.metadata.facts)."""
    folded = [fold(w) for w, _, _ in tokens]
    openers, stops, bodies = lists["determiners"] | _A, lists["roles"] | _OF, lists["organisation_words"]
    found = []
    for i in range(len(tokens) - 2):
        if not tokens[i][0][:1].isupper() or text[tokens[i][2]:tokens[i + 1][1]].strip() != "," \
                or folded[i + 1] not in openers:
            continue
        k = next((k for k in range(i + 2, min(len(tokens), i + 2 + DESCRIBED_WITHIN))
                  if folded[k] in stops or _ends_in(folded[k], bodies)), None)
        if k is not None and _ends_in(folded[k], bodies) and _closed(text, tokens, k):
            name = _name_ending_at(text, tokens, i)
            if not (fold(name) in stopwords() or _place_word(name) or canonical_partner(name)):
                found.append(name)
    return tuple(found)


def _ends_in(word: str, nouns: frozenset[str]) -> bool:
    """The word is one of the nouns, or a Dutch compound ending with one ("watermaatschappij")."""
    return word in nouns or any(len(n) >= COMPOUND_HEAD and word.endswith(n) for n in nouns)


def _name_ending_at(text: str, tokens, i: int) -> str:
    """The capitalised words that end with token i, without a capitalised first word such as "In" or "On"."""
    start = i
    while start and tokens[start - 1][0][:1].isupper() and tokens[start - 1][2] + 1 == tokens[start][1] \
            and fold(tokens[start - 1][0]) not in stopwords():
        start -= 1
    return text[tokens[start][1]:tokens[i][2]]


def _closed(text: str, tokens, k: int) -> bool:
    """The apposition ends at the noun or the word after it, with a comma or the sentence's end ("Vivaqua, the water
    utility, will ..."); "Yesterday, the association said" describes nothing."""
    if k + 1 >= len(tokens):
        return True
    return any(j + 1 < len(tokens) and "," in text[tokens[j][2]:tokens[j + 1][1]] for j in (k, k + 1))


ANAPHOR_MODIFIERS = 2  # adjectives of place at most between "the" and the noun that points back
COMPOUND_HEAD = 5  # letters at least of a noun a Dutch compound may end with ("watermaatschappij")


def refers_back(tokens, folded: list[str], lists: dict) -> bool:
    """The sentence opens by pointing back to a body or person the sentence before names: a pronoun ("She ...",
    "Celui-ci ..."), or a determiner and a noun such as "the organisation", "l'agence", maybe after an adjective of
    place ("De Brusselse watermaatschappij": a Dutch compound ends with the noun). A name or another word before the
    noun names the subject itself ("The Mayor of Lisbon ...", "le dernier accord"), and so does a name just after it
    ("the consultancy Urbanis ...", "Het vervoerbedrijf van Ndola ...")."""
    if not folded:
        return False
    if folded[0] in lists["pronouns"] or " ".join(folded[:2]) in lists["pronoun_pairs"]:
        return True
    if folded[0] not in lists["determiners"]:
        return False
    for j in range(1, min(len(tokens), 2 + ANAPHOR_MODIFIERS)):
        if _ends_in(folded[j], lists["anaphoric_nouns"]) and not tokens[j][0][:1].isupper():
            return not any(_a_name(w) for w, _, _ in tokens[j + 1:j + 3])  # "the consultancy Urbanis", "van Ndola"
        if not _place_word(tokens[j][0]):
            return False  # "The Mayor of Lisbon ...", "le dernier accord": a name, or another thing
    return False


def _a_name(word: str) -> bool:
    """A capitalised word that is no country, nor the Region, nor their adjective: a name ("Urbanis", "Lisbon";
    "Brusselse" and "Congolese" only qualify a noun)."""
    return word[:1].isupper() and not _place_word(word)


def _place_word(word: str) -> bool:
    """A place or its adjective ("Brussels", "Brusselse", "Congolese"), which qualifies a noun without naming it."""
    return bool(country_of(word))
