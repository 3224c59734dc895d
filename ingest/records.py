"""Typed records that flow from files to the store: Release, Chunk, PartialDate, IngestReport."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year ("In October 2021" stays a month).

    Ordered by year, month, day, an unknown part first: 2023 < 2023-11 < 2023-11-05 < 2023-12.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        dt.date(self.year, self.month or 1, self.day or 1)  # raises ValueError when impossible

    def _key(self) -> tuple[int, int, int]:
        return self.year, self.month or 0, self.day or 0

    def __lt__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """'2021', '2021-10' or '2021-10-26'."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    __str__ = iso

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    @classmethod
    def parse(cls, value: str) -> "PartialDate":
        """Reads what iso() writes."""
        match = _ISO.match(value.strip())
        if not match:
            raise ValueError(f"not a partial ISO date: {value!r}")
        year, month, day = (int(g) if g else None for g in match.groups())
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: dt.date) -> "PartialDate":
        return cls(value.year, value.month, value.day)

    @classmethod
    def coerce(cls, value) -> "PartialDate | None":
        """A caller's date filter as a PartialDate: None, a PartialDate, a date or datetime, or text that parse()
        reads (ValueError otherwise)."""
        if value is None or isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):  # a datetime too: its date
            return cls.from_date(value)
        return cls.parse(str(value))


def release_id_for(source: str) -> str:
    """A stable, readable id from the source path: slug of the file name plus a short path hash."""
    stem = source.rsplit("/", 1)[-1]
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60]
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Release:
    """One press release, cleaned. `text` is the reference every offset points into."""

    id: str
    source: str  # POSIX path relative to the folder that was ingested
    title: str
    text: str
    published: PartialDate | None
    lang: str  # 'en', 'fr', 'nl', or 'und' when unknown
    partners: tuple[str, ...]  # canonical English names (see ingest.metadata.partners)
    content_hash: str  # sha256 of the file's bytes
    format: str  # 'txt', 'md', 'html', 'pdf'
    copies: tuple[str, ...] = ()  # other files with word for word the same title and text (not stored again)


@dataclass(frozen=True)
class Chunk:
    """A span of a release's text: `release.text[start:end] == text` always holds."""

    release_id: str
    index: int
    text: str
    start: int
    end: int
    tokens: int  # tiktoken tokens in `text`
    boilerplate: bool = False  # text recurs across releases (contact blocks, "About ..." paragraphs)

    @property
    def id(self) -> str:
        return chunk_id(self.release_id, self.index)


def chunk_id(release_id: str, index: int) -> str:
    return f"{release_id}#{index:04d}"


@dataclass(frozen=True)
class SentenceFacts:
    """What the ingest-time detectors found in one sentence of a release (`release.text[start:end]`): the kinds of
    answer it can give. Word positions count `ingest.terms.words` of the sentence text."""

    index: int
    start: int
    end: int
    numbers: tuple[tuple[int, str, str], ...] = ()  # (word position, value, kind): count, money, percent, size, duration
    dates: tuple[str, ...] = ()  # ISO partial dates of events (a dateline's publication date left out; "today" gives it)
    persons: tuple[str, ...] = ()  # person names as written
    organisations: tuple[str, ...] = ()  # organisation names and acronyms as written
    places: tuple[str, ...] = ()  # places as written: after "in", "à", "te"..., and the partners named
    partners: tuple[str, ...] = ()  # canonical names of the partners the sentence names
    list_end: int | None = None  # a sentence ending with ':' that introduces a list: where the list ends
    flags: frozenset[str] = frozenset()  # role, address, boilerplate, caption, heading, quote, anaphora, dateline,
    #                                        superseded, correction, instruction, today

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass(frozen=True)
class FileFailure:
    """A file that could not be ingested, and why, in words a user can act on."""

    source: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """A file whose title and text are word for word those of another one, which is the one stored."""

    source: str
    kept: str


@dataclass(frozen=True)
class FileWarning:
    """A file that was ingested, but not exactly as written (e.g. bytes that were not valid UTF-8)."""

    source: str
    message: str


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did; sources are listed relative to their ingested folder."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    failed: tuple[FileFailure, ...] = ()
    warnings: tuple[FileWarning, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    chunks_embedded: int = 0
    tokens_embedded: int = 0
    seconds: float = 0.0
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        lines = [
            f"added {len(self.added)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
            f"removed {len(self.removed)}, failed {len(self.failed)}"
            + (f", duplicates {len(self.duplicates)}" if self.duplicates else "") + "; "
            f"{self.chunks_embedded} chunks ({self.tokens_embedded} tokens) embedded in {self.seconds:.1f} s"
        ]
        for kind in ("added", "updated", "removed"):
            lines += [f"  {kind}: {source}" for source in getattr(self, kind)]
        lines += [f"  failed: {f.source}: {f.reason}" for f in self.failed]
        lines += [f"  warning: {w.source}: {w.message}" for w in self.warnings]
        lines += [f"  duplicate: {d.source}: same title and text as {d.kept} (stored once)" for d in self.duplicates]
        return "\n".join(lines)
