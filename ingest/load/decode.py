"""Reading a file's bytes within a size limit and decoding them to text (UTF-8, BOMs, CP1252/Latin-1)."""
from __future__ import annotations

import codecs
import logging
import unicodedata
from pathlib import Path

from ingest.errors import BadFileError

log = logging.getLogger(__name__)

# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; refuses files over max_bytes before reading them, and empty files."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadFileError(_too_large(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise BadFileError(f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise BadFileError(_too_large(len(data), max_bytes))
    if not data.strip():
        raise BadFileError("the file is empty")
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return (f"the file is too large ({size / 1e6:.1f} MB, limit {max_bytes / 1e6:.1f} MB); "
            "split it or raise BXLBOT_MAX_FILE_MB")


def decode_text(data: bytes) -> str:
    """Text from bytes: a BOM decides, else strict UTF-8, else CP1252, else charset detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(encoding))
            except UnicodeDecodeError:
                raise BadFileError(f"the file starts with a {encoding} byte-order mark but is not valid {encoding}") from None
    if b"\x00" in data:
        raise BadFileError("the file looks binary (it contains NUL bytes), not text")
    for encoding in ("utf-8", "cp1252"):
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return _checked(_detected(data))


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadFileError("the text encoding could not be recognised; save the file as UTF-8")
    log.info("decoded with detected encoding %s", best.encoding)
    return str(best)


def _checked(text: str) -> str:
    """Refuses decoded text that is mostly control characters or symbols (a binary file in disguise)."""
    sample = text[:20000]
    if not sample.strip():
        raise BadFileError("the file contains only whitespace")
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\n\r\t\f")
    if bad > max(2, len(sample) // 100):
        raise BadFileError("the file looks binary or is in an unknown encoding; save it as UTF-8 text")
    return text
