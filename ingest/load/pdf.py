"""PDF files: text of every page through pypdf, hard-wrapped lines joined back into paragraphs."""
from __future__ import annotations

import io
import logging
import re
import struct
import zlib

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ingest.clean import normalize_text
from ingest.errors import BadFileError
from ingest.load.text import LETTERHEAD_LINES, Parsed, is_letterhead, split_title
from ingest.metadata.dates import is_dateline_line

log = logging.getLogger(__name__)

# pypdf reports a damaged file through many exception types; all of them mean "this PDF cannot be read".
_BROKEN = (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, AssertionError,
           RecursionError, zlib.error, struct.error, UnicodeDecodeError)
_BULLET = re.compile(r"^([-•*–]|\d{1,2}[.)])\s")
_LONE_BULLET = re.compile(r"[•▪◦‣∙·]")
_PAGE_NUMBER = re.compile(r"(?i)(?:-\s*)?(?:page|pagina|p\.)?\s*\d{1,3}(?:\s*(?:/|of|sur|de|van)\s*\d{1,3})?(?:\s*-)?")
_CLOSED = re.compile(r"[.!?:;\"»”…)]$")
RUNNING_LINE = 120  # characters at most of a header or footer line that every page repeats
_RANGE_CUT = re.compile(r"\d[-–]$")  # "2025–" at a line end, "2028" on the next


def parse_pdf(data: bytes) -> Parsed:
    if not data.lstrip().startswith(b"%PDF"):
        raise BadFileError("not a PDF file (it does not start with %PDF); check the file extension")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise BadFileError("the PDF is password-protected; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except BadFileError:
        raise
    except _BROKEN as exc:
        log.info("pypdf could not read the file: %r", exc)
        raise BadFileError("the PDF is damaged and cannot be read; export it again from its source") from None
    text = normalize_text(unwrap(join_pages(pages)))
    if not text:
        raise BadFileError("the PDF has no extractable text (a scanned image?); run OCR on it first")
    return split_title(text)


def join_pages(pages: list[str]) -> str:
    """The pages' lines as one text: page numbers and the running header above one dropped, and a sentence that
    runs on to the next page kept whole (a full-width last line without closing punctuation goes on), else a
    paragraph break between pages."""
    kept: list[str] = []
    width = 0  # of the longest line so far: a full line is one of at least 0.7 of it
    split = [_without_running_lines([line.strip() for line in page.replace("\r\n", "\n").split("\n")], number > 0)
             for number, page in enumerate(pages)]
    repeated = _repeated_edges(split)
    for number, lines in enumerate(split):
        if number:
            lines = _without_edges(lines, repeated)
        width = max([width, *map(len, lines)])
        if number and kept:
            last = next((line for line in reversed(kept) if line), "")
            if not (len(last) >= 0.7 * width and not _CLOSED.search(last)):
                kept.append("")
        kept.extend(lines)
    return "\n".join(kept)


def _repeated_edges(pages: list[list[str]]) -> tuple[int, ...]:
    """Which edges (0: the first line, -1: the last) every page has alike, when there are several pages: a running
    header such as "Brussels-Capital Region - Press release" with no page number beside it, which would cut the
    sentence that runs on from the page before."""
    def edge(page: list[str], at: int) -> str:
        found = [line for line in page if line]
        return " ".join(found[at].split()) if found else ""

    if len(pages) < 2:
        return ()
    shared = {at: {edge(page, at) for page in pages} for at in (0, -1)}
    return tuple(at for at, lines in shared.items() if len(lines) == 1 and 0 < len(next(iter(lines))) <= RUNNING_LINE)


def _without_edges(lines: list[str], edges: tuple[int, ...]) -> list[str]:
    """A later page's lines without its repeated edges (the first page keeps them: there they are the letterhead)."""
    for at in edges:
        index = [i for i, line in enumerate(lines) if line][at]
        lines = lines[:index] + lines[index + 1:]
    return lines


def _without_running_lines(lines: list[str], later_page: bool) -> list[str]:
    """A page's lines without its page number (top or bottom) and, on a later page, the header line above it."""
    while lines and (not lines[-1] or _PAGE_NUMBER.fullmatch(lines[-1])):
        lines = lines[:-1]
    head = [i for i, line in enumerate(lines[:4]) if _PAGE_NUMBER.fullmatch(line)]
    if head:
        cut = head[0] + 1 if later_page and all(len(line) <= 120 for line in lines[:head[0]]) else 0
        lines = lines[cut:] if cut else [line for i, line in enumerate(lines) if i != head[0]]
    return lines


def unwrap(page_text: str) -> str:
    """Joins hard-wrapped lines: a line shorter than the page's full lines ends its paragraph (or is a heading),
    unless the next one visibly goes on with it (a wrapped headline: "... sign partnership on urban" and
    "innovation and the creative economy", "new 2025–" and "2028 programme signed"); a letterhead line at the top
    ("PRESS RELEASE – Brussels International") ends its own, however long, and a dateline or a heading starts its
    own."""
    lines = _bullets_on_their_items([line.strip() for line in page_text.replace("\r\n", "\n").split("\n")])
    width = max((len(line) for line in lines), default=0)
    paragraphs, current, previous = [], "", ""
    for number, line in enumerate(lines):
        if not line or (current and (len(previous) < 0.7 * width and not _runs_on(previous, line)
                                     or _BULLET.match(line) or is_dateline_line(line)
                                     or number <= LETTERHEAD_LINES and is_letterhead(previous)
                                     or _heading_after(previous, line, width))):
            paragraphs.append(current)
            current = previous = line
            continue
        if current.endswith("-") and current[-2:-1].isalpha() or _RANGE_CUT.search(current) and line[:1].isdigit():
            current += line  # a word, compound or range broken at the line end: keep the dash, drop the break
        else:
            current = f"{current} {line}" if current else line
        previous = line
    paragraphs.append(current)
    return "\n\n".join(p for p in paragraphs if p)


def _heading_after(previous: str, line: str, width: int) -> bool:
    """A short line without closing punctuation right after a line that closes its sentence is a heading (or a list
    item), not the paragraph's next words: a sentence that went on would fill its line ("... pour les
    accouchements." then "Ce que finance l'aide régionale" above the items)."""
    return bool(_CLOSED.search(previous)) and len(line) < 0.7 * width and not _CLOSED.search(line) \
        and not line.endswith(("'", "’"))  # the end of a quotation


def _runs_on(previous: str, line: str) -> bool:
    """A short line goes on in the next one: it has no closing punctuation and the next starts in lower case, or it
    ends in a cut range ("2025–") that the next line's number ends."""
    if not previous or _CLOSED.search(previous):
        return False
    return line[:1].islower() or bool(_RANGE_CUT.search(previous)) and line[:1].isdigit()


def _bullets_on_their_items(lines: list[str]) -> list[str]:
    """A bullet that the PDF's text layer gives on a line of its own ("•", then "Pixelbrigade (Anderlecht), ...")
    is put back before its item, so that the item is a list line and not a paragraph after a stray glyph."""
    out, bullet = [], ""
    for line in lines:
        if _LONE_BULLET.fullmatch(line):
            bullet = line
        elif bullet and line:
            out.append(f"{bullet} {line}")
            bullet = ""
        else:
            out.append(line)
    return out + ([bullet] if bullet else [])
