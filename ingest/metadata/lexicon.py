"""The word patterns of the dossier readers (events, roles, figures), loaded once from dossier.json."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ingest.metadata.facts import role_words
from ingest.terms import fold

_DATA = Path(__file__).resolve().parent / "dossier.json"


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """Compiled patterns (over folded text), event kinds in order, and the folded word lists."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return {
        "patterns": {name: re.compile(p.replace("{rejecting}", data["patterns"]["rejecting"]))  # one word list
                     for name, p in data["patterns"].items()},
        "kinds": [(kind, tuple(needs)) for kind, needs in data["kinds"]],
        "key_units": frozenset(fold(w) for w in data["key_units"].split()),
        "themes": [(name, re.compile(rf"\b(?:{p})\b")) for name, p in data["themes"].items()],
        "honorifics": frozenset(fold(w) for w in data["honorifics"].split()),
        "connectors": frozenset(fold(w) for w in data["connectors"].split()),
        "roles": role_words(),
    }
