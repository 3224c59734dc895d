"""Reading a file's bytes within a size limit and decoding them to text (BOMs, UTF-8, Windows-1252), never silently
in a guessed code page: bytes that cannot be read become U+FFFD and the caller gets a warning."""
from __future__ import annotations

import codecs
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import BadFileError

log = logging.getLogger(__name__)

# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_REPLACEMENT = "\ufffd"
_MAX_REPLACED = 64  # more unreadable bytes than this (and than 2% of the text): not a text file


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


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and a warning when some bytes could not be read as written."""

    text: str
    encoding: str
    warning: str | None = None


def decode_text(data: bytes) -> str:
    return decode(data).text


def decode(data: bytes) -> Decoded:
    """Text from bytes: a BOM decides, else strict UTF-8, else the likelier of UTF-8 and Windows-1252 with the bytes
    neither can read shown as U+FFFD (and a warning), never a code page guessed from a few bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_checked(data[len(bom):].decode(encoding)), encoding)
            except UnicodeDecodeError:
                raise BadFileError(f"the file starts with a {encoding} byte-order mark but is not valid {encoding}") from None
    if b"\x00" in data:
        raise BadFileError("the file looks binary (it contains NUL bytes), not text")
    try:
        return Decoded(_checked(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    utf8 = data.decode("utf-8", errors="replace")
    utf8_bad = utf8.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    utf8_sequences = sum(1 for ch in utf8 if ord(ch) > 0x7F) - utf8.count(_REPLACEMENT)  # valid multi-byte ones
    legacy = data.decode("cp1252", errors="replace")
    legacy_bad = legacy.count(_REPLACEMENT)
    # Each valid UTF-8 sequence read as Windows-1252 is mojibake ("cafÃ©"): it counts against that reading.
    if utf8_sequences > 0 and utf8_bad <= 2 * (legacy_bad + utf8_sequences):
        return _lossy(utf8, "utf-8", utf8_bad, f"{utf8_bad} byte(s) are not valid UTF-8")
    _check_western(legacy)
    if legacy_bad:
        return _lossy(legacy, "cp1252", legacy_bad,
                      f"the file is not UTF-8; read as Windows-1252, {legacy_bad} byte(s) that it does not define")
    warning = None
    if utf8_sequences:
        warning = (f"the file is not valid UTF-8 and was read as Windows-1252, but {utf8_sequences} byte sequence(s) "
                   "look like UTF-8; check its accented letters or save it as UTF-8")
    return Decoded(_checked(legacy), "cp1252", warning)


def _lossy(text: str, encoding: str, bad: int, what: str) -> Decoded:
    if bad > max(_MAX_REPLACED, len(text) // 50):
        raise BadFileError(f"the file looks binary or mixes encodings ({what}); save it as UTF-8 text")
    log.info("decoded as %s with %d replacement character(s)", encoding, bad)
    return Decoded(_checked(text), encoding,
                   f"{what}; they are shown as the replacement character \ufffd: save the file as UTF-8 to fix it")


def _check_western(text: str) -> None:
    """Windows-1252 is read only for Western European text: few letters outside ASCII (a Cyrillic or Greek
    legacy encoding read this way gives mostly accented Latin letters)."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    foreign = sum(1 for ch in letters if ord(ch) > 0x7F)
    if not letters or foreign > 0.3 * len(letters):
        raise BadFileError("the text encoding could not be recognised with confidence (not UTF-8, and not "
                           "Western European text in Windows-1252); save the file as UTF-8")


def _checked(text: str) -> str:
    """Refuses decoded text that is mostly control characters or symbols (a binary file in disguise)."""
    sample = text[:20000]
    if not sample.strip():
        raise BadFileError("the file contains only whitespace")
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\n\r\t\f")
    if bad > max(2, len(sample) // 100):
        raise BadFileError("the file looks binary or is in an unknown encoding; save it as UTF-8 text")
    return text
