"""The releases the bot knows, as summaries and with an accent- and case-insensitive search."""
from __future__ import annotations

import unicodedata
from typing import Any, Iterable


def fold(text: str) -> str:
    """Lowercase without accents, so 'equateur' finds 'Équateur'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def summary(release: Any) -> dict:
    """A release without its text: what the Releases view and GET /api/releases list."""
    return {
        "id": release.id,
        "title": release.title,
        "published": release.published.iso() if release.published else None,
        "lang": release.lang,
        "partners": list(release.partners),
        "source": release.source,
        "format": release.format,
    }


def detail(release: Any) -> dict:
    return {**summary(release), "text": release.text, "content_hash": release.content_hash,
            "copies": list(release.copies)}


def search(releases: Iterable[Any], query: str = "") -> list[Any]:
    """Releases whose title, date, language, partners, file or text contain every word of the query; newest first."""
    words = fold(query).split()
    found = []
    for release in releases:
        haystack = fold(" ".join([release.title, release.published.iso() if release.published else "",
                                  release.lang, " ".join(release.partners), release.source, release.text]))
        if all(word in haystack for word in words):
            found.append(release)
    return sorted(found, key=lambda r: (r.published.earliest().isoformat() if r.published else "", r.title), reverse=True)
