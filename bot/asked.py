"""What kind of fact a question asks for, read from its wording in English, French and Dutch: a date, a number,
a person, a place, a name; the noun it counts or asks about, the role of a person, lists and their length, and soft
date ranges ("before 2021")."""
from __future__ import annotations

import re

from bot.glossary import fold, keys, words
from bot.query import HOME
from ingest.records import PartialDate

_CLAUSE = (r"(?:^|,\s*(?:and|et|en)?\s*|\b(?:and|et|en)\s+)"
           r"(?:(?:on|in|at|to|from|for|with|by|until|since|op|a|au|de|en|sur|avec|par|a partir de|jusqu'a|depuis|"
           r"vanaf|tot|sinds|met|door|bij)\s+)?")
_NEEDS = [
    ("date", r"(?:when|what date|which date|what day|which day|what year|which year|since when|quand|quelle date|"
             r"quel jour|quelle annee|depuis quand|wanneer|welke datum|welke dag|welk jaar|sinds wanneer)\b"),
    ("size", r"(?:how big|how large|how small|how wide|what size|what area|quelle taille|quelle superficie|"
             r"quelle surface|hoe groot|welke oppervlakte)\b"),
    ("number", r"(?:how many|how much|what share|what percentage|what proportion|what number|combien|"
               r"quel pourcentage|quel nombre|quelle part|hoeveel|welk percentage|welk aantal)\b"),
    ("name", r"(?:what (?:is|was|are|were) (?:the|their|its) names?|what (?:is|was) (?:it|that|this|the \w+) called|"
             r"comment s'appel(?:le|lent|ait)|quel (?:est|etait) (?:le|son|leur) nom|sous quel nom|hoe (?:heet|heette|heten)|"
             r"wat (?:is|was) de naam|welke naam)\b"),
    ("person", r"(?:who|whom|whose|qui|wie)\b"),
    ("address", r"(?:what address|which address|a quelle adresse|quelle adresse|welk adres|op welk adres)\b"),
    ("place", r"(?:where|ou|waar|which (?:city|cities|country|countries|town|towns)|what (?:city|country)|"
              r"quelle ville|quelles villes|quel pays|quels pays|welke stad|welke steden|welk land|welke landen)\b"),
]
_NEEDS = [(kind, re.compile(_CLAUSE + pattern)) for kind, pattern in _NEEDS]
_MONEY_WORDS = re.compile(r"\b(?:cost|costs|price|budget|money|fee|fees|amount|sum|coute|cout|prix|montant|argent|frais|"
                          r"somme|gekost|kost|kosten|prijs|bedrag|geld)\b")
_COST_WORDS = re.compile(r"^(?:cost|costs|price|coute|cout|prix|gekost|kost|kosten|prijs)$")
COMPARATIVE = re.compile(
    r"\b(?:more|fewer|less|bigger|larger|smaller|greater|higher|lower|compare|compared|difference|versus|vs|plus|moins|"
    r"comparer|difference|meer|minder|groter|kleiner|vergelijk|vergeleken|verschil)\b"
)
_SIZE_COMPARATIVE = re.compile(r"\b(?:bigger|larger|smaller|plus grande?|plus petite?|groter|kleiner)\b")
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
                "zes": 6, "six": 6, "twee": 2, "drie": 3, "vier": 4, "vijf": 5}
_BEFORE = re.compile(r"\b(?:before|prior to|until|avant|jusqu'en|voor|tot)\s+((?:the|la|le|l'|de|het)\s+)?(?:\w+\s+)?"
                     r"(\d{4})\b")
_AFTER = re.compile(r"\b(?:after|since|from|apres|depuis|na|sinds|vanaf)\s+((?:the|la|le|l'|de|het)\s+)?(\d{4})\b")


WHICH = re.compile(r"^(?:\w+\s+){0,2}?(?:which|what|welke|welk|quel|quelle|quels|quelles)\b")


_VERB_MARKERS = frozenset("""the a an out up in on at to for with by from de het een tijdens met op aan voor door
le la les l un une des du au aux dans par pour sur avec""".split())
_AUXILIARIES = frozenset("""did do does has have had is are was were will can could should ont a ont-ils sont
etaient etait sera seront peut hebben heeft had hadden zijn is was waren werd werden wordt worden zal zullen kan""".split())
_ADJECTIVES = frozenset(fold(w) for w in """new nouveau nouveaux nouvelle nouvelles nieuw nieuwe main principal
principaux principales other autres andere major key belangrijkste first premiers premieres eerste economic economique
economiques economische trade""".split())


def _content_after(folded: str, position: int, n: int = 2) -> list[frozenset[str]]:
    """Keys of the noun phrase after `position`: up to n content words, ending at the first function word or
    at a word that an article or a preposition follows (a verb: "how many companies *went* to")."""
    found = []
    tokens = [w for w, _, _ in words(folded[position:])]
    for i, word in enumerate(tokens):
        k = keys(word)
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if k and not word[:1].isdigit():
            if found and following in _VERB_MARKERS:
                break
            found.append(k)
            if len(found) == n:
                break
        elif found:
            break
    return found


def focus_of(folded: str, lang: str) -> frozenset[str]:
    """The head noun of "which <noun phrase>": the first noun in French; in English and Dutch the last word of
    the phrase that is not a verb (a word followed by an article or a preposition is taken for the verb)."""
    match = WHICH.match(folded)
    if not match:
        return frozenset()
    tokens = [w for w, _, _ in words(folded[match.end():])]
    phrase = []
    for i, word in enumerate(tokens):
        if word in _COUNT_WORDS or word in _ADJECTIVES or word[:1].isdigit():
            if not phrase:
                continue
        if not keys(word):
            break
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if phrase and following in _VERB_MARKERS:
            break
        phrase.append(keys(word))
        if lang == "fr" or len(phrase) == 2:
            break
    return phrase[-1] if phrase else frozenset()


def needs_of(folded: str, names: frozenset[str] | set[str] = frozenset()) -> tuple[list[str], list[frozenset[str]],
                                                                                  frozenset[str]]:
    found = sorted((m.start(), m.end(), kind) for kind, pattern in _NEEDS for m in pattern.finditer(folded))
    needs, heads, last_end = [], [], -1
    for start, end, kind in found:
        if start < last_end:
            continue  # "op welk adres" is an address, not also a place
        last_end = end
        needs.append(kind)
        if kind == "number":
            heads.extend(_content_after(folded, end))
    relation = frozenset()
    if needs[:1] == ["person"]:  # "who *succeeded* X": the relation the person must stand in
        after = " ".join(w for w, _, _ in words(folded[found[0][1]:]) if w not in names)  # "qui *Élise V.* remplace"
        relation = _role(" " + after) or next(iter(_content_after(after, 0, 1)), frozenset())
    if not needs and _SIZE_COMPARATIVE.search(folded):
        needs = ["size"]
    elif not needs and (more := re.search(r"\b(?:more|fewer|plus de|moins de|meer|minder)\b", folded)):
        needs, heads = ["number"], _content_after(folded, more.end())  # "gets more money", "more companies"
    if "number" in needs and (money := _MONEY_WORDS.search(folded)):
        needs = ["money" if n == "number" else n for n in needs]
        if _COST_WORDS.search(money.group()):
            relation = keys(money.group())  # an amount answers "how much did it cost" only if it is a cost
    return needs, heads, relation


_COPULA = re.compile(r"^\s*(?:is|was|are|were|est|etait|sont|etaient|c'est|zijn|waren)\s+"
                     r"(?:(?:the|a|an|le|la|les|un|une|de|het|een)\s+|l')?")


def _role(after: str) -> frozenset[str]:
    """The role in "who is the Brussels trade *attaché* in Abidjan": the head noun of the phrase after the verb
    (its last word in English and Dutch, its first in French), the Region's own name aside."""
    match = _COPULA.match(after)
    if not match:
        return frozenset()
    phrase = []
    for word, _, _ in words(after[match.end():]):
        if word in _VERB_MARKERS or word in _AUXILIARIES:
            break
        if keys(word) and word not in _NOT_ROLE:
            phrase.append(keys(word))
    if not phrase:
        return frozenset()
    return phrase[0] if re.match(r"^\s*(?:est|etait|sont|etaient|c'est)\b", after) else phrase[-1]


_NOT_ROLE = HOME | {"regional"}


def listing_of(question: str, folded: str) -> tuple[bool, int | None]:
    match = re.match(r"^(?:(?:to|in|at|from|for|on|with|by|among|between|about|autour de|dans|a|en|sur|pour|avec|"
                     r"par|parmi|entre|naar|op|aan|voor|met|door|onder|tussen|over)\s+)?"
                     r"(?:which|what|quels|quelles|welke|name|list|noem)\s+(.*)", folded)
    if not match:
        return False, None
    original = question.split()
    count, content = None, 0
    for word in match.group(1).split()[:5]:
        word = word.strip("?,.;:!")
        if word in _COUNT_WORDS:
            count = _COUNT_WORDS[word]
            continue
        if word in _AUXILIARIES or word in _VERB_MARKERS:
            break  # the noun phrase ended without a plural: "which foreign minister *did* ..."
        capital = any(w.strip("?,.;:!") and fold(w.strip("?,.;:!")) == word and w[:1].isupper() for w in original)
        if not keys(word) or capital or word in _ADJECTIVES:
            continue
        if re.search(r"(?:[^s]s|x|en|ies)$", word) is not None:
            return True, count  # "which foreign *cities* or governments"
        content += 1
        if content == 2:
            break  # "which pilot project *gets* ...": a verb may follow the noun
    return count is not None, count


def soft_range(folded: str) -> dict:
    out = {}
    if match := _BEFORE.search(folded):
        year = int(match.group(2))
        out["soft_until"] = PartialDate(year if match.group(1) else year - 1, 12, 31)
    if match := _AFTER.search(folded):
        out["soft_since"] = PartialDate(int(match.group(2)), 1, 1)
    return out

