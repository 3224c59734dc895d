"""Every release's sentences, read once at start-up: matching keys, numbers, dates, names, places, lists."""
from __future__ import annotations

import bisect
import math
from functools import lru_cache
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from bot.glossary import fold, keys, langs_for, text_keys, words
from ingest.chunk import split_sentences
from ingest.metadata.dates import find_dates
from ingest.metadata.partners import canonical_partner, partner_variants
from ingest.records import PartialDate, Release

MONTHS_EN = ("January February March April May June July August September October November December").split()
# Capitalised words that name a role, a body or a place rather than a person.
ABSENT_DF = 2
ABSENT_SHARE = 0.5  # ... at half weight: it cannot tell releases apart, and paraphrases are common
_NOT_NAME = frozenset(fold(w) for w in """
minister president ministre secretary secrétaire state état staatssecretaris mayor maire burgemeester commissioner
commissaire commissaris ambassador ambassadeur government gouvernement regering region région gewest capital capitale
parliament parlement council conseil raad commission committee comité european européen européenne europese union
brussels bruxelles brussel brusselse city ville stad house houses university université universiteit chamber
commerce agency agence office bureau center centre museum district quarter quartier the le la les de het een des du
monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche maandag
dinsdag woensdag donderdag vrijdag zaterdag zondag expo design international internationale institute institut
department directorate service services his her their photo foto h.e prince princess prinses princesse king queen
""".split()) | frozenset(fold(m) for m in MONTHS_EN)
_DURATIONS = frozenset(fold(w) for w in """year years month months week weeks day days hour hours minute minutes
an ans annee annees mois semaine semaines jour jours heure heures jaar jaren maand maanden week weken dag dagen uur
uren""".split())
_TITLES = frozenset(fold(w) for w in """prince princess prinses princesse prins king queen koning koningin roi reine
mr mrs ms dr monsieur madame mevrouw meneer""".split())
_PARTICLES = frozenset("de van der den di da du von le la del dos das ter".split())
_PREPOSITIONS = {"en": "in|at|to|from|near", "fr": "à|au|aux|en|dans|du|des", "nl": "in|te|op|bij|naar|uit"}
_PLACES = {
    lang: re.compile(rf"\b(?:{words_})\s+(?:the\s+|le\s+|la\s+|l['’]|les\s+|het\s+|de\s+)?([A-ZÀ-Ý][\w\-]+)")
    for lang, words_ in _PREPOSITIONS.items()
}
_PLACES["und"] = re.compile(rf"\b(?:{'|'.join(_PREPOSITIONS.values())})\s+([A-ZÀ-Ý][\w\-]+)")
_ADDRESS = re.compile(
    r"\b(?:Via|Rue|rue|Avenue|avenue|Boulevard|boulevard|Place|place|Square|square|Chaussée|chaussée|Piazza|Calle|"
    r"Carrer|Street|Road)\s+(?:de\s+|du\s+|des\s+|la\s+|l['’])?[A-ZÀ-Ý]\w+"
    r"|\b[A-Z]\w+(?:straat|laan|plein|weg|lei)\b"
    r"|\b\d{4}\s+[A-Z][a-z]+"
)
_MONEY = re.compile(r"€|\$|£|\beuros?\b|\bEUR\b|\bdollars?\b|\bpounds?\b", re.IGNORECASE)
_SIZE = re.compile(
    r"\d[\d.,]*\s*(?:m²|m2\b|km²|km2\b|square\s+met|sq\.?\s?m|hectares?\b|ha\b|vierkante\s+meter|mètres?\s+carrés)",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\d[\d.,]*\s*(?:%|per\s?cent|pour\s?cent|procent)", re.IGNORECASE)
_LIST_ITEM_WORDS = 30
_ITEM = re.compile(r"[-*•–]\s|\d+[.)]\s")
_DATELINE = re.compile(r"^\W*(?:(?:[A-ZÀ-Ý][\w'’.\-]*\s*){1,3},\s*"
                       r"|(?:[Pp]ublished|[Pp]ublié|[Gg]epubliceerd|[Pp]osted)\s*)?(?:le |den |on |op )?$")
_CAPTION = re.compile(r"^\W*(?:photo|foto|picture|image|crédit|credit|©)\b", re.IGNORECASE)
# A sentence that reports what an earlier, wrong version said (the corrected figure comes elsewhere).
_SUPERSEDED = re.compile(
    r"\b(?:first|earlier|previous|initial) version|erroneous|incorrect|wrongly|mistakenly|by mistake|"
    r"première version|version précédente|par erreur|erroné|eerste versie|vorige versie|foutief|verkeerdelijk|"
    r"\b(?:earlier|previous|former|older) (?:publication|edition|estimate|figure)|précédente (?:édition|estimation)|"
    r"vorige (?:editie|raming)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a release, with what the answerer looks for in it."""

    release_id: str
    index: int
    start: int
    end: int
    keys: frozenset[str]
    token_keys: tuple[frozenset[str], ...]
    numbers: tuple[tuple[int, str], ...]  # (word position, value) of counts and amounts, dates excluded
    dates: tuple[PartialDate, ...]
    names: tuple[frozenset[str], ...]  # person-like names, as key sets
    place: bool
    places: tuple[frozenset[str], ...]  # keys of the names after "in", "at", "à", "au", ...
    partners: tuple[frozenset[str], ...]  # keys of the cities, countries, bodies the sentence names
    address: bool
    money: bool
    size: bool
    percent: bool
    list_end: int | None  # when the sentence introduces a list ("... three priorities:"), where the list ends
    boilerplate: bool
    caption: bool = False  # "Photo: ..." lines describe a picture
    superseded: bool = False  # "the first version of this release stated ..."


def _names(text: str, tokens: Sequence[tuple[str, int, int]], langs) -> tuple[frozenset[str], ...]:
    """Runs of two or more capitalised words (particles allowed inside) that are not roles, bodies or places,
    and single names after a title ("Princess Astrid", "prinses Astrid")."""
    found = [keys(tokens[i + 1][0], langs) for i in range(len(tokens) - 1)
             if fold(tokens[i][0]) in _TITLES and tokens[i + 1][0][:1].isupper()
             and fold(tokens[i + 1][0]) not in _NOT_NAME]
    run: list[str] = []

    def close():
        while run and fold(run[-1]) in _PARTICLES:
            run.pop()
        capitals = [w for w in run if w[:1].isupper()]
        if len(capitals) >= 2 and not any(fold(w) in _NOT_NAME for w in run) \
                and not canonical_partner(" ".join(run)):  # "Burkina Faso" is a place
            found.append(frozenset().union(*(keys(w, langs) for w in run if fold(w) not in _PARTICLES)))
        run.clear()

    previous_end = None
    for word, start, end in tokens:
        adjacent = previous_end is not None and re.fullmatch(r"[ \-]", text[previous_end:start] or "x")
        if not run and not keys(word):
            close()  # "Avec Dakar et Abidjan": a capitalised stop word starts no name
        elif word[:1].isupper() and word[:1].isalpha() or (run and fold(word) in _PARTICLES and adjacent):
            if run and not adjacent:
                close()
            run.append(word)
        else:
            close()
        previous_end = end
    close()
    return tuple(found)


def _list_end(text: str, spans: Sequence[tuple[int, int]], i: int) -> int | None:
    """End of the list items that follow sentence i when it ends with a colon: short lines, the first one after
    any line break, the next ones on the following lines (a blank line ends the list unless a bullet follows)."""
    if not text[spans[i][0]:spans[i][1]].rstrip().endswith(":"):
        return None
    previous, end = spans[i][1], None
    for start, stop in spans[i + 1:i + 11]:
        gap = text[previous:start]
        bullet = _ITEM.match(text, start) is not None
        if "\n" not in gap or (end is not None and "\n\n" in gap and not bullet):
            break
        if len(words(text[start:stop])) > _LIST_ITEM_WORDS:
            break
        previous = end = stop
    return end


@lru_cache(maxsize=4096)
def _spellings(partner: str) -> tuple[frozenset[str], ...]:
    """Stem keys of each spelling of a partner ("Milaan", "Milano", "Milan"): a sentence names the partner when it
    holds all the keys of one spelling."""
    found = []
    for variant in (partner,) + partner_variants(partner):
        stems = frozenset(k for k in text_keys(variant) if k.startswith("s:"))
        if stems:
            found.append(stems)
    return tuple(found)


class Evidence:
    """Sentences of all releases with document frequencies of their keys (for idf weights)."""

    def __init__(self, releases: Iterable[Release], boilerplate: Mapping[str, Sequence[tuple[int, int]]] = {}):
        self.releases: dict[str, Release] = {}
        self.sentences: dict[str, list[Sentence]] = {}
        self.release_keys: dict[str, frozenset[str]] = {}
        self.title_keys: dict[str, frozenset[str]] = {}
        self.release_df: dict[str, Counter[str]] = {}  # per release: how many of its sentences hold each key
        self.df: Counter[str] = Counter()
        for release in releases:
            self.add(release, boilerplate.get(release.id, ()))
        self.n = sum(len(v) for v in self.sentences.values())

    def add(self, release: Release, boilerplate: Sequence[tuple[int, int]]) -> None:
        langs = langs_for(release.lang)
        text = release.text
        spans = split_sentences(text)
        dates = find_dates(text)
        date_starts = [d[0] for d in dates]
        partner_keys = [(text_keys(p), _spellings(p)) for p in release.partners]
        self.title_keys[release.id] = text_keys(release.title, langs)
        out, all_keys = [], set(self.title_keys[release.id])
        for i, (start, end) in enumerate(spans):
            sentence = self._sentence(release, i, start, end, spans, dates, date_starts, boilerplate, langs,
                                      partner_keys)
            out.append(sentence)
            self.df.update(sentence.keys)
            if not sentence.boilerplate:
                all_keys |= sentence.keys
        if release.published:
            all_keys.add(f"n:{release.published.year}")
            if release.published.month:
                all_keys |= keys(MONTHS_EN[release.published.month - 1])
        self.releases[release.id] = release
        self.sentences[release.id] = out
        self.release_df[release.id] = Counter(k for sentence in out if not sentence.boilerplate for k in sentence.keys)
        self.release_keys[release.id] = frozenset(all_keys)

    def _sentence(self, release, i, start, end, spans, dates, date_starts, boilerplate, langs,
                  partner_keys) -> Sentence:
        text = release.text[start:end]
        place = _PLACES.get(release.lang, _PLACES["und"])
        tokens = words(text)
        token_keys = tuple(keys(w, langs) for w, _, _ in tokens)
        token_set = frozenset(k for ks in token_keys for k in ks if k.startswith("s:"))
        lo, hi = bisect.bisect_left(date_starts, start), bisect.bisect_left(date_starts, end)
        inside = [(s - start, e - start, d) for s, e, d in dates[lo:hi] if e <= end]
        # "Milan, 3 February 2023 - ...": a dateline gives the publication date, not the date of what happened
        dated = [(s, e, d) for s, e, d in inside
                 if not (i <= 1 and d == release.published and _DATELINE.match(text[:s]))]
        numbers = []
        for position, ((word, s, e), k) in enumerate(zip(tokens, token_keys)):
            if position + 1 < len(tokens) and fold(tokens[position + 1][0]) in _DURATIONS:
                continue  # "ten years ago" is a duration, not a count
            value = next((key[2:] for key in k if key.startswith("n:")), None)
            if value and word[:1].isdigit() and not any(ds <= s and e <= de for ds, de, _ in inside):
                numbers.append((position, value))
            elif value and not word[:1].isdigit():
                numbers.append((position, value))  # "sixty", "cinquante"
        return Sentence(
            release_id=release.id, index=i, start=start, end=end,
            keys=frozenset().union(*token_keys) if token_keys else frozenset(), token_keys=token_keys,
            numbers=tuple(numbers), dates=tuple(d for _, _, d in dated), names=_names(text, tokens, langs),
            place=bool(place.search(text)), places=tuple(keys(m.group(1), langs) for m in place.finditer(text)),
            partners=tuple(k for k, spellings in partner_keys if any(v <= token_set for v in spellings)),
            address=bool(_ADDRESS.search(text)),
            money=bool(_MONEY.search(text)),
            size=bool(_SIZE.search(text)), percent=bool(_PERCENT.search(text)),
            list_end=_list_end(release.text, spans, i),
            boilerplate=any(s <= start and end <= e for s, e in boilerplate),
            caption=bool(_CAPTION.match(text)), superseded=bool(_SUPERSEDED.search(text)),
        )

    def idf(self, term_keys: Iterable[str]) -> float:
        """Rarity of a term: the idf of its most frequent exact key (cognate prefixes only as a last resort).
        A word the corpus never uses weighs half as much as a word used twice: it may be the asker's paraphrase."""
        term_keys = list(term_keys)
        exact = [self.df.get(k, 0) for k in term_keys if not k.startswith("p:")]
        df = max(exact) if exact and max(exact) > 0 else max((self.df.get(k, 0) for k in term_keys), default=0)
        weight = math.log((self.n + 1) / (max(df, ABSENT_DF) + 0.5))
        return weight * (ABSENT_SHARE if df == 0 else 1.0)

    def overlapping(self, release_id: str, start: int, end: int) -> list[Sentence]:
        return [s for s in self.sentences.get(release_id, ()) if s.start < end and start < s.end]
