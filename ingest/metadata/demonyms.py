"""A place's name with an ending for its people or things ("Dakarese", "agents dakarois", "Kigalese"): read back
to the place, so that a question written with the adjective finds the releases that name the city. The endings are
data (ingest/terms/demonyms.txt); the place must be one the partner gazetteer knows."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ingest.metadata.partners import named_partners
from ingest.terms import fold

_DATA = Path(__file__).resolve().parent.parent / "terms" / "demonyms.txt"
MIN_STEM = 4  # letters of the place's name once the ending is taken off: shorter ones name too many places


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rules = []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ending, _, restores = line.partition(":")
            rules.append((ending.strip(), tuple("" if r == "-" else r for r in restores.split())))
    return tuple(sorted(rules, key=lambda r: -len(r[0])))


@lru_cache(maxsize=8192)
def places_of(word: str) -> tuple[str, ...]:
    """The gazetteer's places whose name `word` is with a demonym ending, for the longest ending that gives one
    (empty when none does)."""
    folded = fold(word)
    for ending, restores in _endings():
        if not folded.endswith(ending):
            continue
        stem = word[:len(word) - len(ending)]
        for restore in restores:
            if len(stem) + len(restore) < MIN_STEM:
                continue
            name = stem[:1].upper() + stem[1:] + restore
            if found := named_partners(name):
                return found
    return ()
