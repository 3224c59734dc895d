"""Loading one press-release file (txt, md, html, pdf) into a Release.

Example:
    >>> from pathlib import Path
    >>> from ingest.load import load_release
    >>> release = load_release(Path("docs_corpus/003_cfea4ba6f28da855.txt"), Path("docs_corpus"))
    >>> release.title
    'Brussels and Quito sign Memorandum of Understanding'
    >>> load_file(Path("docs_corpus/003_cfea4ba6f28da855.txt"), Path("docs_corpus")).warnings  # e.g. unreadable bytes
    ()
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import BadFileError
from ingest.load.decode import decode, read_bytes
from ingest.load.text import Parsed, parse_markdown, parse_text
from ingest.metadata.dates import find_published
from ingest.metadata.language import detect_language
from ingest.metadata.partners import find_partners
from ingest.records import Release, content_hash, release_id_for

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".pdf"})
_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass(frozen=True)
class Loaded:
    """A loaded release and what the user should know about how it was read (e.g. bytes that were not UTF-8)."""

    release: Release
    warnings: tuple[str, ...] = ()


def _parse(data: bytes, kind: str) -> tuple[Parsed, tuple[str, ...]]:
    if kind == "pdf":
        from ingest.load.pdf import parse_pdf

        return parse_pdf(data), ()
    decoded = decode(data)
    warnings = (decoded.warning,) if decoded.warning else ()
    if kind == "html":
        from ingest.load.html import parse_html

        return parse_html(decoded.text), warnings
    return (parse_markdown(decoded.text) if kind == "md" else parse_text(decoded.text)), warnings


def load_release(path: Path, root: Path, *, max_bytes: int = 10_000_000) -> Release:
    """Reads, decodes and cleans one file; raises BadFileError with a reason a user can act on."""
    return load_file(path, root, max_bytes=max_bytes).release


def load_file(path: Path, root: Path, *, max_bytes: int = 10_000_000) -> Loaded:
    """load_release with the warnings a user should see in the ingest report."""
    path, root = Path(path), Path(root)
    kind = _FORMATS.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise BadFileError(f"unsupported file type {path.suffix or '(none)'!r}; supported: {supported}")
    data = read_bytes(path, max_bytes)
    parsed, warnings = _parse(data, kind)
    if not parsed.text.strip():
        raise BadFileError("no text found in the file (only a title, or an image-only PDF)")
    try:
        source = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        source = path.as_posix()
    lang = detect_language(parsed.text)
    release = Release(
        id=release_id_for(source),
        source=source,
        title=parsed.title or path.stem,
        text=parsed.text,
        published=find_published(parsed.text, lang=lang, hints=parsed.date_hints),
        lang=lang,
        partners=find_partners(f"{parsed.title}\n\n{parsed.text}"),
        content_hash=content_hash(data),
        format=kind,
    )
    return Loaded(release, warnings)
