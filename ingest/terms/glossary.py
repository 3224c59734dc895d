"""The small en/fr/nl domain glossary (glossary.txt) and the country names with their nationality adjectives
(countries.txt) that bridge the three languages: concepts named in each."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.terms.words import LANGS, fold, stem

_DATA = Path(__file__).resolve().parent
COMPOUND_HEAD = 4  # letters of a compound's head stem: shorter ones end too many words by chance
COMPOUND_MODIFIER = 3  # letters the compound needs before its head


@dataclass(frozen=True)
class Concept:
    id: int
    forms: dict  # lang -> tuple of forms as written in glossary.txt


class Glossary:
    """Concepts named in several languages; a word belongs to a concept by its spelling or its stem (the spelling
    only for the `exact` lines: places and their adjectives, whose stems would meet unrelated words; and for a form
    written "=form")."""

    def __init__(self, lines: list[str], exact: list[str] = ()):
        self.concepts: list[Concept] = []
        self._by_word: dict[str, set[int]] = {}
        self.places: set[int] = set()  # the concepts of the `exact` lines: a place ("Uzbek", "bruxelloises")
        for number, line in enumerate(list(lines) + list(exact)):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            forms, spelled = {}, set()
            for part in line.split("|"):
                lang, _, listed = part.partition(":")
                written = [f.strip() for f in listed.split(",") if f.strip()]
                # "=form": its stem would meet other words ("formés", trained, stems to "form", as "former" does)
                spelled |= {f.lstrip("=") for f in written if f.startswith("=")}
                forms[lang.strip()] = tuple(f.lstrip("=") for f in written)
            concept = Concept(len(self.concepts), forms)
            self.concepts.append(concept)
            if number >= len(lines):  # an `exact` line: every form as if written "=form"
                self.places.add(concept.id)
                spelled = {f for listed in forms.values() for f in listed}
            for lang, listed in forms.items():
                for form in listed:
                    if " " in form or "'" in form:
                        continue  # multi-word forms only feed keyword search
                    self._by_word.setdefault(fold(form), set()).add(concept.id)
                    if form not in spelled:
                        self._by_word.setdefault(f"{lang}:{stem(form, lang)}", set()).add(concept.id)

    @classmethod
    def load(cls, path: Path | None = None, countries: Path | None = None) -> "Glossary":
        path, countries = path or _DATA / "glossary.txt", countries or _DATA / "countries.txt"
        return cls(path.read_text(encoding="utf-8").splitlines(), countries.read_text(encoding="utf-8").splitlines())

    def concepts_of(self, word: str, langs: tuple[str, ...] = LANGS) -> frozenset[int]:
        found = set(self._by_word.get(fold(word), ()))
        for lang in langs:
            found |= self._by_word.get(f"{lang}:{stem(word, lang)}", set())
        if not found and "nl" in langs and word[:1].islower():
            found = self._compound(word)
        return frozenset(found)

    def _compound(self, word: str) -> set[int]:
        """A Dutch compound the glossary does not list takes the concepts of its parts: its head, the longest
        listed word that ends it ("waterbedrijf": bedrijf, company), and the modifier before it when that is
        listed too (water). Dutch writes a noun and its modifiers as one word, where English and French write
        several ("water company", "compagnie des eaux"). Lowercase words only: a name is no compound of the
        glossary's words."""
        root = stem(word, "nl")
        for cut in range(COMPOUND_MODIFIER, len(root) - COMPOUND_HEAD + 1):
            head = self._by_word.get(f"nl:{root[cut:]}")
            if head:
                modifier = fold(word)[:cut]
                for linked in (modifier, modifier[:-1] if modifier.endswith("s") else None):  # "stads-", "bedrijfs-"
                    if linked and len(linked) >= COMPOUND_MODIFIER:
                        head = head | self._by_word.get(linked, set()) | self._by_word.get(
                            f"nl:{stem(linked, 'nl')}", set())
                return set(head)
        return set()

    def lists(self, word: str) -> bool:
        """Whether the glossary writes `word` itself as a form (not only a word of the same stem: "Sita" is no
        form of "site")."""
        return fold(word) in self._by_word

    def place_key(self, key: str) -> bool:
        """Whether a matching key ("g:12", see ingest.terms.keys) names a place or its people."""
        return key.startswith("g:") and int(key[2:]) in self.places

    def forms(self, concept_id: int, lang: str | None = None) -> tuple[str, ...]:
        forms = self.concepts[concept_id].forms
        if lang:
            return forms.get(lang, ())
        return tuple(f for listed in forms.values() for f in listed)


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return Glossary.load()


