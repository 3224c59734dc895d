"""Honest abstentions. An abstention is a claim about the corpus: it names a term as absent only after the key
index confirmed that no release in the scope holds it (in any of its spellings: digits or words, ordinals,
the glossary's en/fr/nl forms, a partner's other names); otherwise it says that no passage answers, and names
the closest releases."""
from __future__ import annotations

from typing import Sequence

from bot.corpus import Corpus
from bot.question.analysis import Analysis, is_year
from bot.read.candidates import Candidate
from bot.render import absent_text, not_found_text
from ingest.records import Release
from ingest.terms import default_glossary

MAX_CLOSEST = 3


def equivalents(word_keys: frozenset[str]) -> frozenset[str]:
    """A number's cardinal and ordinal keys are one term here: "25th" is there when "twenty-five" is."""
    extra = {("n:" if k.startswith("o:") else "o:") + k[2:] for k in word_keys if k[:2] in ("n:", "o:")}
    return word_keys | extra


def absent_name(corpus: Corpus, analysis: Analysis, scope_ids: set[str] | None) -> str | None:
    """The first name of the question that no release of the scope holds (None when all are there somewhere)."""
    for label, name in analysis.anchors:
        if is_year(label):
            continue  # a release published that year may not write it: never claim a year is absent
        held = [corpus.store.releases_with(equivalents(word)) for word in name]  # each word's releases, read once
        holders = set.intersection(*held) if held else None  # a new set: `held` stays as read
        if scope_ids is not None and holders is not None:
            holders &= scope_ids
        if not holders and (len(name) <= 2 or not _most_words_somewhere(held, len(name), scope_ids)) \
                and not _a_word_in_another_language(name, held, scope_ids):
            return label
    return None


def _a_word_in_another_language(name, held, scope_ids) -> bool:
    """A two-word name whose first word no release holds while a release of the scope holds the second: the first
    is likely the common noun that heads the name, written in another language ("Cyclone Idai" where a Dutch release
    writes "cycloon Idai", "RD Congo" where releases write "DR Congo"), and saying that no release mentions the name
    would be false. A name whose own word is missing is still absent: "Storm Zorblax", and "Zorblax Aid", whose
    second word is a common word of the glossary (its own name is what is missing). `held`: each word's releases."""
    if len(name) != 2 or _common_word(name[1]):
        return False
    return bool(held[1] if scope_ids is None else held[1] & scope_ids) and not held[0]


def _common_word(keys: frozenset[str]) -> bool:
    """The word is one of the glossary's common words ("aid", "foundation"), not a name or a place."""
    glossary = default_glossary()
    return any(k.startswith("g:") and not glossary.place_key(k) for k in keys)


def _most_words_somewhere(held, words: int, scope_ids) -> bool:
    """Longer names count as present when two of three words are in one release (see signals.holds)."""
    counts: dict[str, int] = {}
    for found in held:
        for rid in found:
            if scope_ids is None or rid in scope_ids:
                counts[rid] = counts.get(rid, 0) + 1
    return any(n * 3 >= words * 2 for n in counts.values())


def abstention_text(corpus: Corpus, analysis: Analysis, lang: str, scope: Sequence[Release],
                    scope_ids: set[str] | None, cands: Sequence[Candidate], filtered: bool) -> str:
    missing = absent_name(corpus, analysis, scope_ids)
    if missing:
        return absent_text(scope, lang, missing, filtered)
    closest: dict[str, Release] = {}
    for c in sorted(cands, key=lambda c: -c.p):
        closest.setdefault(c.release.id, c.release)
        if len(closest) == MAX_CLOSEST:
            break
    return not_found_text(scope, lang, list(closest.values()), filtered)
