"""Words and their matching keys: stems in en/fr/nl, a cognate prefix, glossary concepts, numbers (in digits or
in words) and ordinals. Two words match when they share a key; the reader and the ingest-time detectors both use it."""
from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import Stemmer

from ingest.terms.numbers import spelled_numbers, word_value

LANGS = ("en", "fr", "nl")
_STEMMER_NAMES = {"en": "english", "fr": "french", "nl": "dutch"}
_DATA = Path(__file__).resolve().parent

# Numbers first (with separators and ordinal suffixes), then words; dotted names such as hub.brussels stay whole.
_WORD = re.compile(
    r"\d+(?:[.,\u00a0\u202f]\d+)*(?:st|nd|rd|th|ste|de|er|ère|ème|e)?(?!\w)|[^\W\d_]+(?:\.[^\W\d_]+)*"
)
_NUMBER = re.compile(r"(\d+(?:[.,\u00a0\u202f]\d+)*)(\D*)$")


@lru_cache(maxsize=200_000)  # called for every word of every release at ingest; words recur
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


@lru_cache(maxsize=300_000)
def keys(token: str, langs: tuple[str, ...] = LANGS) -> frozenset[str]:
    """Matching keys of one word: stems ('s:'), a 6-letter cognate prefix ('p:'), glossary concepts ('g:'),
    numbers ('n:', ordinals 'o:')."""
    if token[:1].isdigit():
        parsed = number_value(token)
        if not parsed:
            return frozenset()
        value, ordinal = parsed
        return frozenset({("o:" if ordinal else "n:") + value})
    folded = fold(token)
    spelled = word_value(folded)
    if folded in stopwords() or len(folded) < 2:
        return frozenset({f"{'o' if spelled[1] else 'n'}:{spelled[0]}"}) if spelled else frozenset()
    from ingest.terms.glossary import default_glossary

    out = {"s:" + stem(token, lang) for lang in langs}
    if len(folded) >= 7 and "." not in folded:
        out.add("p:" + folded[:6])  # cognates across languages: internationaux / international
    out.update(f"g:{c}" for c in default_glossary().concepts_of(token, langs))
    if spelled:
        out.add(f"{'o' if spelled[1] else 'n'}:{spelled[0]}")
    return frozenset(out)


def text_keys(text: str, langs: tuple[str, ...] = LANGS) -> frozenset[str]:
    """Keys of every word of `text`, and the values of numbers written in several words ("twenty-five")."""
    out: set[str] = set()
    for word, _, _ in words(text):
        out |= keys(word, langs)
    out.update(f"{'o' if ordinal else 'n'}:{value}" for _, _, value, ordinal in spelled_numbers(text))
    return frozenset(out)


def langs_for(lang: str) -> tuple[str, ...]:
    """Stemmers to apply to a text in `lang`: its own, or all three when unknown."""
    return (lang,) if lang in LANGS else LANGS
