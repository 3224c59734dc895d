"""Partners a release is about (cities, regions, countries, organisations) under canonical English names."""
from __future__ import annotations

import re
from functools import lru_cache

_ALIASES = {
    "Turkey": ["Turkey", "Türkiye", "Turquie", "Turkije"], "Ankara": ["Ankara"], "Istanbul": ["Istanbul", "Istanboel"],
    "Quito": ["Quito"], "Ecuador": ["Ecuador", "Équateur"], "Milan": ["Milan", "Milano", "Milaan"],
    "Lille": ["Lille", "Rijsel"], "Geneva": ["Geneva", "Genève", "Genf"], "Beijing": ["Beijing", "Pékin", "Peking"],
    "London": ["London", "Londres", "Londen"], "Barcelona": ["Barcelona", "Barcelone"],
    "European Union": ["European Union", "Union européenne", "Europese Unie"],
    "UNHCR": ["UNHCR"], "UNESCO": ["UNESCO"],
}


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], re.Pattern[str]]:
    lookup = {alias.casefold(): canonical for canonical, aliases in _ALIASES.items() for alias in aliases}
    names = sorted((a for aliases in _ALIASES.values() for a in aliases), key=len, reverse=True)
    return lookup, re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")


def find_partners(text: str) -> tuple[str, ...]:
    lookup, pattern = _table()
    found: dict[str, None] = {}
    for match in pattern.finditer(text):
        found.setdefault(lookup[match.group(1).casefold()])
    return tuple(found)


def canonical_partner(name: str) -> str | None:
    return _table()[0].get(name.strip().casefold())


def partner_variants(canonical: str) -> tuple[str, ...]:
    return tuple(_ALIASES.get(canonical, ()))
