"""Words, their matching keys, and the small en/fr/nl domain glossary that bridges the three languages."""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import Stemmer

LANGS = ("en", "fr", "nl")
_STEMMER_NAMES = {"en": "english", "fr": "french", "nl": "dutch"}
_DATA = Path(__file__).resolve().parent

# Numbers first (with separators and ordinal suffixes), then words; dotted names such as hub.brussels stay whole.
_WORD = re.compile(
    r"\d+(?:[.,\u00a0\u202f]\d+)*(?:st|nd|rd|th|ste|de|er|ère|ème|e)?(?!\w)|[^\W\d_]+(?:\.[^\W\d_]+)*"
)
_NUMBER = re.compile(r"(\d+(?:[.,\u00a0\u202f]\d+)*)(\D*)$")

_CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "hundred": 100, "thousand": 1000, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000, "dizaine": 10, "vingtaine": 20, "trentaine": 30,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "vijftien": 15, "twintig": 20,
    "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "honderd": 100, "duizend": 1000,
}
_ORDINALS = {
    "first": 1, "premier": 1, "premiere": 1, "eerste": 1,
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "deuxieme": 2, "troisieme": 3, "quatrieme": 4, "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8,
    "neuvieme": 9, "dixieme": 10, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
    "achtste": 8, "negende": 9, "tiende": 10,
}


@lru_cache(maxsize=200_000)  # called for every word of every release at start-up; words recur
def fold(text: str) -> str:
    """Lowercase without accents: 'Genève' and 'geneve' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word and number of `text`."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def number_value(token: str) -> tuple[str, bool] | None:
    """('162000', False) for '162,000'; ('25.9', False) for '25,9'; ('7', True) for '7th' (ordinal)."""
    match = _NUMBER.match(token)
    if not match:
        return None
    parts = re.split(r"[.,\u00a0\u202f]", match.group(1))
    if len(parts) > 1 and len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
        value = "".join(parts)  # thousands separators: 162,000 / 162.000
    elif len(parts) == 2:
        value = f"{parts[0]}.{parts[1]}"  # a decimal comma or point: 25,9 / 23.2
    else:
        value = "".join(parts)
    value = value.lstrip("0") or "0"
    if value.startswith("."):
        value = "0" + value
    return value, bool(match.group(2))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = (_DATA / "stopwords.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return frozenset(fold(w) for line in lines for w in line.split())


_local = threading.local()  # PyStemmer objects are not safe to share between threads


def stem(word: str, lang: str) -> str:
    """The word's stem in `lang`, folded (stemmers need the accents, matching does not)."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {k: Stemmer.Stemmer(v) for k, v in _STEMMER_NAMES.items()}
    return fold(stemmers.get(lang, stemmers["en"]).stemWord(word.casefold()))


@dataclass(frozen=True)
class Concept:
    id: int
    forms: dict  # lang -> tuple of forms as written in glossary.txt


class Glossary:
    """Concepts named in several languages; a word belongs to a concept by its spelling or its stem."""

    def __init__(self, lines: list[str]):
        self.concepts: list[Concept] = []
        self._by_word: dict[str, set[int]] = {}
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            forms = {}
            for part in line.split("|"):
                lang, _, listed = part.partition(":")
                forms[lang.strip()] = tuple(f.strip() for f in listed.split(",") if f.strip())
            concept = Concept(len(self.concepts), forms)
            self.concepts.append(concept)
            for lang, listed in forms.items():
                for form in listed:
                    if " " in form or "'" in form:
                        continue  # multi-word forms only feed keyword search
                    self._by_word.setdefault(fold(form), set()).add(concept.id)
                    self._by_word.setdefault(f"{lang}:{stem(form, lang)}", set()).add(concept.id)

    @classmethod
    def load(cls, path: Path | None = None) -> "Glossary":
        path = path or _DATA / "glossary.txt"
        return cls(path.read_text(encoding="utf-8").splitlines())

    def concepts_of(self, word: str, langs: tuple[str, ...] = LANGS) -> frozenset[int]:
        found = set(self._by_word.get(fold(word), ()))
        for lang in langs:
            found |= self._by_word.get(f"{lang}:{stem(word, lang)}", set())
        return frozenset(found)

    def forms(self, concept_id: int, lang: str | None = None) -> tuple[str, ...]:
        forms = self.concepts[concept_id].forms
        if lang:
            return forms.get(lang, ())
        return tuple(f for listed in forms.values() for f in listed)


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return Glossary.load()


@lru_cache(maxsize=300_000)
def keys(token: str, langs: tuple[str, ...] = LANGS) -> frozenset[str]:
    """Matching keys of one word: stems ('s:'), a 6-letter cognate prefix ('p:'), glossary concepts ('g:'),
    numbers ('n:', ordinals 'o:'). Two words match when they share a key."""
    if token[:1].isdigit():
        parsed = number_value(token)
        if not parsed:
            return frozenset()
        value, ordinal = parsed
        return frozenset({("o:" if ordinal else "n:") + value})
    folded = fold(token)
    if folded in stopwords() or len(folded) < 2:
        return frozenset()
    out = {"s:" + stem(token, lang) for lang in langs}
    if len(folded) >= 7 and "." not in folded:
        out.add("p:" + folded[:6])  # cognates across languages: internationaux / international
    out.update(f"g:{c}" for c in default_glossary().concepts_of(token, langs))
    if folded in _CARDINALS:
        out.add(f"n:{_CARDINALS[folded]}")
    if folded in _ORDINALS:
        out.add(f"o:{_ORDINALS[folded]}")
    return frozenset(out)


def text_keys(text: str, langs: tuple[str, ...] = LANGS) -> frozenset[str]:
    out: set[str] = set()
    for word, _, _ in words(text):
        out |= keys(word, langs)
    return frozenset(out)


def langs_for(lang: str) -> tuple[str, ...]:
    """Stemmers to apply to a text in `lang`: its own, or all three when unknown."""
    return (lang,) if lang in LANGS else LANGS
