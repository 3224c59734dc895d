"""The keys a question's words and names match in the corpus: a word's own, those of the other spellings of a
partner it names (Milaan -> Milan, "Czech Republic" -> Czechia), of the place a word for its people names
("Dakarese" -> Dakar) and of a smaller town's other names (Timbuktu -> Tombouctou)."""
from __future__ import annotations

import re

from bot.corpus import Corpus
from ingest.metadata.demonyms import places_of
from ingest.metadata.partners import find_partners, named_partners, partner_variants, town_spellings
from ingest.terms import fold, keys


def word_keys(word: str, evidence: Corpus) -> frozenset[str]:
    """Keys of a word plus those of the partner's other spellings that occur in the corpus (Milaan -> Milan); a word
    the corpus does not hold that is a place's name with a demonym ending ("Dakarese", "agents dakarois") has the
    place's keys too, and one that names a smaller town has those of the town's other names the corpus holds."""
    found = set(keys(word))
    places = named_partners(word) if word[:1].isupper() else ()  # not the country that holds the place (Batumi)
    absent = not any(evidence.df(k) for k in found if k.startswith("s:"))
    if not places and absent:
        places = places_of(word)
    variants = [v for partner in places for v in partner_variants(partner)]
    if not places and absent and word[:1].isupper():
        variants = list(town_spellings(word))
    for variant in variants:
        if " " not in variant and "-" not in variant:  # "Dubai City" would bring in "city"
            found |= {k for k in keys(variant) if k.startswith("s:") and evidence.df(k)}
    return frozenset(found)


def name_keys(run, evidence: Corpus) -> tuple[frozenset[str], ...]:
    """Keys of each word of a name. A name of several words that is a partner's name ("Czech Republic", "Ivory
    Coast") is also written in one word ("Czechia", "Ivoorkust"): every word then also matches that spelling."""
    found = [word_keys(w, evidence) for w, _, _ in run]
    label = " ".join(w for w, _, _ in run)
    if len(run) > 1:
        extra = set()
        for partner in find_partners(label):
            spellings = {fold(v) for v in partner_variants(partner)} | {fold(partner)}
            if fold(re.sub(r"^(?:the|la|le|les|l'|de|het)\s+", "", label, flags=re.I)) not in spellings:
                continue  # the partner is only part of the name ("Ankara Metropolitan Municipality")
            for variant in partner_variants(partner):
                if " " not in variant and "-" not in variant:
                    extra |= {k for k in keys(variant) if k.startswith("s:") and evidence.df(k)}
        found = [k | extra for k in found]
    return tuple(frozenset(k) for k in found)
