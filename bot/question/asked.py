"""What kind of answer a question asks for, read from its wording in English, French and Dutch (the word patterns
are data: bot/data/question.json): a date, a duration, a number or an amount, a person, a role, an organisation, a
place, a name; the noun it counts, the role of a person, soft date ranges (lists: bot.question.listing)."""
from __future__ import annotations

import re
from functools import lru_cache

from bot.question.roles import role_after_copula, role_as, role_named
from bot.question.words import words_of
from ingest.metadata.facts import role_words
from ingest.records import PartialDate
from ingest.terms import keys, words

OPENING = 6  # words at the start of "what was the population of ...?" where a measure noun asks for its figure


def needs_of(folded: str, names: frozenset[str] | set[str] = frozenset()) -> tuple[list[str], list[frozenset[str]],
                                                                                  frozenset[str]]:
    """(kinds of answer asked for, keys of the nouns a number counts, keys of the relation a person stands in)."""
    data = words_of()
    # at one position the longest reading wins: "which Tbilisi city officials" asks for people, not a city
    found = sorted(((m.start(), m.end(), kind) for kind, pattern in data["kinds"] for m in pattern.finditer(folded)),
                   key=lambda f: (f[0], -f[1]))
    needs, heads, last_end, role = [], [], -1, frozenset()
    for start, end, kind in found:
        if start < last_end:
            continue  # "op welk adres" is an address, not also a place
        last_end = end
        if kind == "role_person" and not needs:  # "which *diplomat* opened ...": the role is the relation
            role = keys(folded[start:end].split()[-1])
        kind = "person" if kind == "role_person" else kind
        if kind == "name" and (named := role_named(folded[end:], names)):  # "what is the name of the *mayor*"
            kind, role = "person", named
        if kind not in needs:
            needs.append(kind)
        if kind in ("number", "percent") and not data["counted_none"].match(folded, end):
            heads.extend(_content_after(folded, end))  # not in "combien en a-t-elle formé ?" (counts_no_noun)
    if heads and lives_in(folded):  # "how many people lived in Masaka?" counts its inhabitants
        heads = [keys("inhabitants") if head & keys("people") else head for head in heads]
    relation = frozenset()
    if needs[:1] == ["person"] and found and _asks_a_payer(folded, found[0][1]):
        # "who pays for it, and how much?", "qui cofinance ...": a body named beside the amount it gives
        return ["payer"] + [n for n in needs if n not in ("person", "organisation", "number", "money")], heads, relation
    if needs[:1] == ["person"] and found:  # "who *succeeded* X": the relation the person must stand in
        after = " ".join(w for w, _, _ in words(folded[found[0][1]:]) if w not in names or w in role_words())
        relation = role or role_after_copula(" " + after) or role_as(after) \
            or next(iter(_content_after(after, 0, 1)), frozenset())
    if not needs and data["size_comparative"].search(folded):
        needs = ["size"]
    if needs in ([], ["size"], ["number"]) and not heads and (more := data["more"].search(folded)):
        # "gets more money", "more companies"; "larger in *number of companies*": the noun a size counts; "more or
        # fewer standpipes ..., and by how many?": the noun the comparison counts
        needs, heads = needs or ["number"], _content_after(folded, more.end())
    money = [w for w, _, _ in words(folded) if w in data["money_words"] or _compound_of(w, data["money_words"])]
    if not money and (split := data["money_split"].search(folded)):  # a Dutch verb split around what it governs:
        money = [split.group(split.lastindex)]  # "hoeveel bracht Brussel in", "maakte het Gewest vrij"
    if not needs and money:
        needs = ["money"]  # "what is that project's budget now?", "has the amount changed?"
    if not needs and (data["comparative"].search(folded) or data["change"].search(folded)) \
            and (measured := _measure(folded)):
        needs = [measured]  # "how has the restored area grown?", "compare the two populations": that figure
    if money and needs[:1] in (["place"], ["organisation"]) and "money" not in needs \
            and (data["comparative"].search(folded) or data["superlative"].search(folded)):
        needs = needs + ["money"]  # "which town gets more money?", "welke stad kreeg het grootste budget?": the
        # answer is a town, decided by the amounts the releases give each
    # "how much", "which budget is bigger": an amount ("how many start-ups did the fund back" counts start-ups)
    if money and set(needs) & {"number", "size"} and not _counts_a_noun(folded):
        needs = ["money" if n in ("number", "size") else n for n in needs]
        said = frozenset().union(*(keys(w) for w in money))
        heads = [h for h in heads if not h & said]  # "how much *money*": the kind itself, not a noun it counts
        if any(w in data["cost_words"] for w in money):
            relation = keys(money[0])  # an amount answers "how much did it cost" only if it is a cost
    return needs, heads, relation


def _asks_a_payer(folded: str, end: int) -> bool:
    """A verb or noun of paying within the three words after "who" ("who helps pay", "wie betaalt", "qui était le
    cofinanceur")."""
    return any(w in words_of()["payer_verbs"] for w, _, _ in words(folded[end:])[:4])


def named_type(folded: str) -> frozenset[str]:
    """The noun an organisation question calls its answer by ("which coffee *cooperative*", "quelle *organisation*"):
    a release may call the body so and give its name in the sentence before. A generic noun ("which *organisation*")
    stands for every kind of body a release may call it by ("the association", "cette ONG")."""
    data = words_of()
    found = dict(data["kinds"])["organisation"].search(folded)
    if not found:
        return frozenset()
    noun = found.group().split()[-1]
    return keys(noun) | _body_keys() if noun in data["generic_bodies"] else keys(noun)


@lru_cache(maxsize=1)
def _body_keys() -> frozenset[str]:
    """The keys of every kind of body a generic noun stands for, by their own forms: their glossary concepts reach
    too far ("foundation": "founded", "opgericht")."""
    return frozenset(k for w in words_of()["body_nouns"] for k in keys(w) if not k.startswith("g:"))


def lives_in(folded: str) -> bool:
    """A verb of living ("how many people *lived* in Masaka?", "combien de personnes y vivaient", "hoeveel mensen
    woonden er"): the people it counts are the place's inhabitants, as releases write them."""
    return bool(words_of()["residence"].search(folded))


def _measure(folded: str) -> str | None:
    """The kind of figure a measure noun names ("area": a size, "rate": a percentage, also "recyclagepercentage"):
    a question that names what it measures without "how many" still asks for a figure."""
    found = [w for w, _, _ in words(folded)]
    for kind, listed in words_of()["measure_words"].items():
        if any(w in listed or _compound_of(w, listed) for w in found):
            return kind
    return None


def measure_asked(folded: str) -> str | None:
    """The kind of figure a question that opens on "what is the <measure>" asks for ("what was the population of
    Bohicon?", "quelle est la capacité de la salle ?"): a measure noun among its first OPENING words. Not for a list
    ("what are the three areas of work?"), which the caller leaves out."""
    if not words_of()["which"].match(folded):
        return None
    return _measure(" ".join(w for w, _, _ in words(folded)[:OPENING]))


def _compound_of(word: str, listed: frozenset[str]) -> bool:
    """A Dutch compound whose head (six letters or more) is a listed word: "startbudget", "recyclagepercentage"."""
    return len(word) >= 9 and any(len(word) >= len(m) + 3 and word.endswith(m) for m in _heads(listed))


@lru_cache(maxsize=16)
def _heads(listed: frozenset[str]) -> tuple[str, ...]:
    """The listed words long enough to head a compound, picked once per list: read for every word of a question."""
    return tuple(m for m in listed if len(m) >= 6)


def _counts_a_noun(folded: str) -> bool:
    """"How many start-ups did the fund back?", "combien de projets", "hoeveel mondmaskers (werden met dat geld
    ...)": the question counts the noun after its question word (a plural in Dutch, where "hoeveel bedroeg" asks an
    amount), so a money word elsewhere in it does not make it ask for an amount, unless that noun is one ("combien
    d'argent", "hoeveel geld")."""
    data = words_of()
    found = data["counted"].search(folded)
    noun = next((g for g in found.groups() if g), "") if found else ""
    return bool(noun) and noun not in data["money_words"] and noun not in data["auxiliaries"]


def counts_no_noun(folded: str) -> bool:
    """"Et combien en a-t-elle formé ?", "hoeveel zijn er geboord?", "how many were built?", "how much did the City
    put in?": a count that names no noun of its own (a pronoun or a verb follows the question word); in a follow-up,
    it counts what the question before it counted."""
    data = words_of()
    return any(data["counted_none"].match(folded, m.end())
               for kind, pattern in data["kinds"] if kind == "number" for m in pattern.finditer(folded))


def _content_after(folded: str, position: int, n: int = 3) -> list[frozenset[str]]:
    """Keys of the noun phrase after `position`: up to n content words, ending at the first function word, at a
    word that an article or a preposition follows (a verb: "how many companies *went* to"), or after the plural
    that is the counted noun ("how many solar panel *installers*", "hoeveel *inwoners* telt"), unless a French
    adjective that agrees with it follows ("entreprises bruxelloises"); the parts of a hyphenated modifier are
    skipped but its last one."""
    markers = words_of()["verb_markers"]
    found = []
    spans = words(folded[position:])
    tokens = [w for w, _, _ in spans]
    for i, word in enumerate(tokens):
        if found and re.search(r"[,:;?!.]", folded[position:][spans[i - 1][2]:spans[i][1]]):
            break  # "in number of companies: Gothenburg or ...": punctuation ends the phrase
        if i + 1 < len(spans) and folded[position:][spans[i][2]:spans[i + 1][1]] == "-":
            continue  # "business-to-business meetings": a hyphenated modifier, the noun comes after it
        k = keys(word)
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if k and not word[:1].isdigit():
            if found and following in markers:
                if re.search(r"[^s]s$|x$", word):  # "more Brussels *companies* on board": a plural is the noun
                    found.append(k)
                break
            found.append(k)
            if len(found) == n or _plural(word) and not re.search(r"(?:[^su]s|[aeu]x)$", following):
                break
        elif found:
            break
    return found


def _plural(word: str) -> bool:
    """The word looks like a plural in en/fr/nl (companies, entreprises, travaux, inwoners, scholen)."""
    return bool(re.search(r"(?:[^su]s|x|[^e]en)$", word))


def focus_of(folded: str, lang: str) -> frozenset[str]:
    """The head noun of "which <noun phrase>" ("which were the <noun phrase>"): the first noun in French; in English
    and Dutch the last word of the phrase that is not a verb (a word followed by an article or a preposition is taken
    for the verb). A clause may lead in before a comma ("Taking both phases together, which *districts* ...")."""
    data = words_of()
    match = data["which"].match(folded)
    if not match and (comma := folded.find(", ")) > 0 and (match := data["which"].match(folded[comma + 2:])):
        folded = folded[comma + 2:]
    if not match:
        return frozenset()
    after = folded[match.end():]
    if copula := data["copula"].match(after):  # "quels étaient les *domaines*", "what were the *themes*"
        after = after[copula.end():]
    tokens = [w for w, _, _ in words(after)]
    phrase = []
    for i, word in enumerate(tokens):
        if word in data["count_words"] or word in data["adjectives"] or word[:1].isdigit():
            if not phrase:
                continue
        if not keys(word):
            break
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if phrase and following in data["verb_markers"]:
            break
        phrase.append(keys(word))
        if lang == "fr" or len(phrase) == 2:
            break
    return phrase[-1] if phrase else frozenset()


def soft_range(folded: str) -> dict:
    """Soft date limits the question sets in words ("before 2021", "since 2019"): they rank, never filter."""
    data, out = words_of(), {}
    if match := data["before"].search(folded):
        year = int(match.group(2))
        out["soft_until"] = PartialDate(year if match.group(1) else year - 1, 12, 31)
    if match := data["after"].search(folded):
        out["soft_since"] = PartialDate(int(match.group(2)), 1, 1)
    return out
