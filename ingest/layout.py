"""What a store is made of and how it remembers its settings: the manifest (embedding model, chunking, schema, and
an id that its parts share), the store folder's files, and the checks that refuse to mix or to write into a folder
that is not a store."""
from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

from ingest.errors import StoreCorruptError, StoreMismatchError, StoreMissingError
from ingest.settings import Settings

SCHEMA_VERSION = 22  # 2: sentence facts and the key index; 3: indexed scope columns, chunk spans, keyword postings;
# 4: numbers written in thousands groups ("180 000") read as one in the sentence facts; 5: numbers in words read in
# the release's language only; 6: a name after an organisation or place noun takes that kind ("the consultancy X"),
# and country names match their nationality adjectives (keys); 7: the glossary's red/rouge/rode and
# cross/croix/kruis (keys: "Red Cross" is "Rode Kruis"), and "its/son/zijn press release of" marks a superseded
# statement as "our press release of" did; 8: a currency code ("EUR 2.4 million") names no organisation, and Brussels
# is one of the glossary's places (keys); 9: a dateline after the title and header lines is one (its date is no
# event's), a state's name ("Yugoslav Republic") is no person's, roles such as viceminister, wethouder and élue,
# and the glossary's contribute/pledge/consacrer/bijdragen (keys); 10: a numbered list item ("1. Ecowatt ...") is one
# sentence, its number no sentence of its own; in a PDF, a bullet on a line of its own goes back before its item, page
# numbers and the running header above one are dropped, a sentence cut by a page break stays whole, and a short line
# that the next visibly goes on (a wrapped headline) is not a paragraph of its own; 11: a sentence that says "today"
# ("aujourd'hui", "vandaag", "this morning") dates its event on the publication day (facts); 12: the glossary's
# lead/diriger/leiden also names who leads (director, directrice, hoofd, chef): "who heads X" finds X's director, and
# its themes/thèmes/thema's the other parts a programme is made of (areas, volets, pijlers, components); a letterhead
# above the headline ("PRESS RELEASE", "BRUSSELS ENVIRONMENT", "Région de Bruxelles-Capitale – Relations extérieures")
# is no title, and in a PDF neither a long letterhead line nor the dateline goes on the headline's line; 13: a
# sentence that names the publication's weekday without a date ("signé ce mardi") dates its event on that day (facts);
# 14: a heading above bulleted items introduces them as a sentence ending with a colon does (facts: list_end); 15: an
# amount in a partner's currency ("120 million shillings", "COP 12 million") is an amount (facts: the number's kind); 16: a sentence opened by a
# demonstrative pronoun ("Celui-ci ...", "The latter ...", "Laatstgenoemde ...") refers to the sentence before (facts);
# 17: a Dutch compound the glossary does not list takes its parts' concepts ("waterbedrijf": water, company) (keys),
# and a mayor's title in the partner's language (alcaldesa, prefeito, prezydent, primar, Oberbürgermeister) is a
# mayor's (keys, and a role before a name); 18: the glossary's words of development projects (households, boreholes,
# standpipes, artisans, technicians ...) (keys); a name an apposition describes as a body ("Vivaqua, the Brussels water
# utility, ...") is an organisation, and a sentence opened by "the" and a noun standing for a body, after an adjective
# of place ("De Brusselse watermaatschappij ..."), refers to the sentence before (facts); 19: the Region's name with a
# word of its own names one of its bodies ("Bruxelles-Propreté", "Leefmilieu Brussel", "Net Brussel"), and a name
# after an organisation or place noun and one adjective takes that kind ("l'agence régionale X") (facts); 20: the
# first day of a range written before its month ("from 3 to 9 October 2018", "du 1er au 3 mars", "van 3 tot 9
# oktober") is a date, never a count (facts); 21: the glossary's everyday words a question and an answer in two
# languages share (local/lokaal, civil/burgerlijk, counts/compte/telt, lives/habite/woont, provides/fournit/levert,
# environment/milieu, the French "formés" of training, "agents" as officials ...) (keys); 22: Dutch numbers written
# as one word ("honderdtwintig", "tweehonderdvijftig") are numbers (facts, keys); the whole name after a title ("Dr.
# Grace Mwaipopo"), and a name a title or role vouches for even when its words are common ones, is a person; a name in
# apposition to an organisation noun ("cette organisation, Hydro-Solidarité, ...") is an organisation (facts); the
# glossary's wells/puits/putten and Dutch standpijp/standkraan (keys); a PDF's header line that every page repeats is
# dropped from its later pages, so a sentence running on across the break stays whole, and a short unpunctuated line
# after a line that closes its sentence is a heading, its own paragraph (load)
MANIFEST, CHROMA, RELEASES, KEYWORD = "manifest.json", "chroma", "releases.sqlite3", "keyword"
CHUNKS_COLLECTION = "chunks"
# On a Chroma server: the catalog (a small row per release: the commit marker), the releases' entries, and a head
# token that changes with every write.
CATALOG_COLLECTION, ENTRIES_COLLECTION, HEADS_COLLECTION = "bxlbot-catalog", "bxlbot-entries", "bxlbot-heads"
_COMPARED = ("schema_version", "embedding_model", "dimension", "chunk_tokens", "chunk_overlap", "hnsw_search_ef")
_OURS = (MANIFEST, CHROMA, RELEASES, KEYWORD)


def expected_manifest(embedder_name: str, dimension: int, settings: Settings) -> dict:
    return {"schema_version": SCHEMA_VERSION, "embedding_model": embedder_name, "dimension": dimension,
            "chunk_tokens": settings.chunk_tokens, "chunk_overlap": settings.chunk_overlap,
            "hnsw_search_ef": settings.hnsw_search_ef}


def new_manifest(expected: dict) -> dict:
    return {**expected, "store_id": uuid.uuid4().hex}


def local_layout(directory: Path, expected: dict, *, create: bool, rebuild: bool) -> dict:
    """The manifest of the store in `directory`, checked against `expected`; created (or emptied, with rebuild)
    when asked. A folder that holds other things is never written into."""
    found = read_manifest(directory)
    if found is None:
        if not (create or rebuild):
            raise StoreMissingError(f"No store in {directory}: build it with `python -m ingest --store {directory}`.")
        _refuse_foreign(directory)
    elif not rebuild:
        check_manifest(found, expected, str(directory))
        return found
    manifest = new_manifest(expected)
    directory.mkdir(parents=True, exist_ok=True)
    _empty(directory)
    write_manifest(directory, manifest)
    return manifest


def cache_layout(directory: Path, manifest: dict) -> None:
    """This process's copy of a Chroma server's catalog: emptied whenever it belongs to another store."""
    found = read_manifest(directory)
    if found == manifest:
        return
    if found is None:
        _refuse_foreign(directory)
    directory.mkdir(parents=True, exist_ok=True)
    _empty(directory)
    write_manifest(directory, manifest)


def read_manifest(directory: Path) -> dict | None:
    path = directory / MANIFEST
    if not path.exists():
        return None
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise StoreCorruptError(f"{path} is not a readable store manifest ({type(error).__name__}): the folder is "
                                f"damaged or not a store. {_fix(str(directory))}") from None
    if not isinstance(found, dict) or "schema_version" not in found:
        raise StoreCorruptError(f"{path} is not a store manifest. {_fix(str(directory))}")
    return found


def write_manifest(directory: Path, manifest: dict) -> None:
    staging = directory / (MANIFEST + ".tmp")
    staging.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    os.replace(staging, directory / MANIFEST)


def check_manifest(found: dict, expected: dict, where: str) -> None:
    differences = [f"{key}: store has {found.get(key)!r}, settings want {expected[key]!r}"
                   for key in _COMPARED if found.get(key) != expected[key]]
    if differences:
        raise StoreMismatchError(rebuild_hint(where, "; ".join(differences)))


def check_part(found: dict, wanted: dict, where: str) -> None:
    """A part of the store (a Chroma collection) built as the manifest says, and of the same store."""
    if found.get("store_id", wanted.get("store_id")) != wanted.get("store_id"):
        raise StoreCorruptError(f"The parts of the store in {where} do not belong together (its Chroma collection "
                                f"comes from another store). {_fix(where)}")
    differences = {k: found.get(k) for k in wanted if k != "store_id" and found.get(k) != wanted[k]}
    if differences:
        raise StoreMismatchError(rebuild_hint(where, f"its Chroma index uses {differences}, settings want "
                                                     f"{ {k: wanted[k] for k in differences} }"))


def rebuild_hint(where: str, problem: str) -> str:
    return f"The store in {where} was built with other settings ({problem}). {_fix(where)}"


def _fix(where: str) -> str:
    if "://" in where:
        return f"Rebuild it with `BXLBOT_CHROMA_URL={where} python -m ingest --rebuild`."
    return f"Rebuild it with `python -m ingest --rebuild --store {where}` (or delete {where})."


def _refuse_foreign(directory: Path) -> None:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise StoreCorruptError(f"{directory} is not a store (it holds other files and no {MANIFEST}): choose an "
                                "empty or new folder for the store.")


def _empty(directory: Path) -> None:
    """Removes our own files only (the Chroma folder is emptied through its client, which keeps files open)."""
    (directory / RELEASES).unlink(missing_ok=True)
    for name in (RELEASES + "-journal", RELEASES + "-wal"):
        (directory / name).unlink(missing_ok=True)
    shutil.rmtree(directory / KEYWORD, ignore_errors=True)
