"""A sentence that names a person in place of another one a release named wrongly: "le projet est coordonné chez
Vivaqua par M. Thomas Verhulst, et non par M. Thomas Verbeke", "Zij heet dr. Grace Mwaisela, en niet Grace
Mwaipopo". Read from a sentence's text and the persons its facts name, with the rejecting words of the figures'
corrections (dossier.json), by retrieval (bot.retrieve.corrections) and by the reader (bot.read.renamed)."""
from __future__ import annotations

from ingest.metadata.lexicon import lexicon
from ingest.terms import fold


def renaming(sentence) -> tuple[str, str] | None:
    """(the person the sentence names, the one it says was wrongly named), folded, when it rejects a name for
    another ("X, and not Y", "X, et non Y", "X, en niet Y", "X instead of Y"); None otherwise. The text is searched
    before the sentence's facts are read: few sentences reject anything."""
    folded = fold(sentence.text)
    if not (said := lexicon()["patterns"]["rejecting"].search(folded)) or len(persons := sentence.facts.persons) < 2:
        return None
    found = [(folded.find(fold(p)), fold(p)) for p in persons if fold(p) in folded]
    before = [(at, p) for at, p in found if at + len(p) <= said.start()]
    after = [(at, p) for at, p in found if at >= said.end()]
    if not before or not after:
        return None
    new = max(before, key=lambda f: (f[0] + len(f[1]), len(f[1])))[1]  # the full name nearest the rejecting word
    first = min(at for at, _ in after)
    old = max((p for at, p in after if at == first), key=len)
    return (new, old) if new != old else None
