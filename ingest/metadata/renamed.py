"""A sentence that names a person in place of another one a release named wrongly: "le projet est coordonné chez
Vivaqua par M. Thomas Verhulst, et non par M. Thomas Verbeke", "Zij heet dr. Grace Mwaisela, en niet Grace
Mwaipopo", or over two sentences: "... werd verkeerdelijk Ousmane Faye genoemd. Zijn juiste naam is Ousmane Fall."
Read from a sentence's text and the persons its facts name, with the rejecting words of the figures' corrections
(dossier.json), by retrieval (bot.retrieve.corrections) and by the reader (bot.read.renamed)."""
from __future__ import annotations

import re

from ingest.metadata.lexicon import lexicon
from ingest.terms import fold

_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,4}")  # a name written after "correct name is"


def bare(name: str) -> str:
    """A person's name folded, without the titles before it ("Mme Kadiatou Baldé" -> "kadiatou balde")."""
    words = fold(name).split()
    honorifics = lexicon()["honorifics"]
    while len(words) > 1 and words[0] in honorifics:
        words = words[1:]
    return " ".join(words)


def renaming(sentence) -> tuple[str, str] | None:
    """(the person the sentence names, the one it says was wrongly named), bare, when it rejects a name for another
    ("X, and not Y", "X, et non Y", "X, en niet Y", "X instead of Y"); None otherwise. The text is searched before
    the sentence's facts are read: few sentences reject anything."""
    folded = fold(sentence.text)
    if not (said := lexicon()["patterns"]["rejecting"].search(folded)) or len(persons := sentence.facts.persons) < 2:
        return None
    found = _placed(folded, persons)
    before = [(at, p) for at, p in found if at + len(p) <= said.start()]
    old = _first_after(found, said.end())
    if not before or old is None:
        return None
    new = max(before, key=lambda f: (f[0] + len(f[1]), len(f[1])))[1]  # the full name nearest the rejecting word
    return (bare(new), bare(old)) if bare(new) != bare(old) else None


def _placed(folded: str, persons) -> list[tuple[int, str]]:
    """Each person the folded text writes, folded, with the place it starts at."""
    return [(at, name) for p in persons if (at := folded.find(name := fold(p))) >= 0]


def _first_after(placed: list[tuple[int, str]], end: int) -> str | None:
    """The full name written first at or after `end` (the longest at that place: "Fodé Kamano", not "Fodé")."""
    after = [(at, p) for at, p in placed if at >= end]
    if not after:
        return None
    first = min(at for at, _ in after)
    return max((p for at, p in after if at == first), key=len)


def gives_a_right_name(sentence) -> bool:
    """The sentence says what someone's right name is ("His correct name is ...", "Son nom exact est ...") or
    restates who it was ("Il s'agit de ...", "zetten wij dit recht: ... was ...")."""
    return _right_name(fold(sentence.text)) is not None


def _right_name(folded: str):
    """The words that give the right name (the name follows them): a right-name phrase, else a restating or
    correcting one; None when there are none."""
    patterns = lexicon()["patterns"]
    return next((m for name in ("right_name", "restated", "correction") if (m := patterns[name].search(folded))),
                None)


def renamed_after(sentence, before) -> tuple[str, str] | None:
    """(the right name, the wrong one), bare, when the sentence gives a right name ("Son nom exact est X") for one
    that `before`, the sentence before it, says was written wrongly ("présenté sous le nom de Y") or recalls as an
    earlier release wrote it ("In ons persbericht van 22 oktober 2014 werd ... vermeld als Y"): the person of
    `before` nearest the words that say so. The right name is the first person named after the words that give it
    ("Son nom exact est X", "Il s'agit de X", "zetten wij dit recht: ... was X")."""
    if not before.facts.persons:  # most sentences name no one: nothing is folded or searched for them
        return None
    folded = fold(sentence.text)
    if not (right := _right_name(folded)):
        return None
    folded_before, patterns = fold(before.text), lexicon()["patterns"]
    wrong = patterns["wrongly_named"].search(folded_before) or patterns["old_statement"].search(folded_before)
    if not wrong:
        return None
    placed = [(abs(at - wrong.start()), p) for at, p in _placed(folded_before, before.facts.persons)]
    if not placed:
        return None
    old = min(placed, key=lambda d: (d[0], -len(d[1])))[1]  # the full name ("Fodé Keïta", not "Fodé")
    # a name written after "correct name is"; after restating or correcting words, only a person the facts name
    written = _NAME.match(sentence.text[right.end():].lstrip(" :")) if right.re is patterns["right_name"] else None
    new = _first_after(_placed(folded, sentence.facts.persons), right.end()) \
        or (written.group().rstrip(".") if written else "")
    return (bare(new), bare(old)) if new and bare(new) != bare(old) else None
