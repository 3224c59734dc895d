"""What the catalog keeps of one release (its record, chunk spans, sentence facts, word keys and keyword postings),
written and replaced whole, and its flat encodings: catalog rows, and JSON for a Chroma server's catalog."""
from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass, field
from typing import Mapping

from ingest.records import Chunk, PartialDate, Release, SentenceFacts

Span = tuple[int, int, int, bool]  # a chunk without its text: start, end, tokens, boilerplate


@dataclass(frozen=True, eq=False)
class Entry:
    """One release as the catalog stores it; `version` names the chunks (in Chroma) that belong to it."""

    release: Release
    version: str
    spans: tuple[Span, ...]
    boilerplate: str = ""  # fingerprint of the corpus's boilerplate in the release
    facts: tuple[SentenceFacts, ...] = ()
    key_counts: Mapping[str, int] = field(default_factory=dict)  # word key -> sentences holding it
    postings: bytes = b""  # ingest.keyword.postings of its chunks
    sentence_keys: tuple[frozenset[str], ...] = ()  # each sentence's word keys (ingest.terms.text_keys)

    @classmethod
    def of(cls, release: Release, version: str, chunks, **rest) -> "Entry":
        return cls(release, version, tuple((c.start, c.end, c.tokens, c.boilerplate) for c in chunks), **rest)

    def to_json(self) -> str:
        """Compact text (zlib and base64 of JSON) for a Chroma metadata value."""
        data = {"release": release_json(self.release), "version": self.version, "spans": self.spans,
                "boilerplate": self.boilerplate, "facts": [facts_row(f) for f in self.facts],
                "keys": dict(self.key_counts), "postings": base64.b64encode(self.postings).decode("ascii"),
                "sentence_keys": keys_json(self.sentence_keys)}
        return base64.b64encode(zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 6)).decode("ascii")

    @classmethod
    def from_json(cls, text: str) -> "Entry":
        data = json.loads(zlib.decompress(base64.b64decode(text)))
        return cls(release_from_json(data["release"]), data["version"], tuple(tuple(s) for s in data["spans"]),
                   data["boilerplate"], tuple(facts_from_row(r) for r in data["facts"]), data["keys"],
                   base64.b64decode(data["postings"]), keys_from_json(data["sentence_keys"]))


@dataclass(frozen=True)
class Record:
    """A stored release with the version and spans of its chunks."""

    release: Release
    version: str
    spans: tuple[Span, ...]

    @property
    def n_chunks(self) -> int:
        return len(self.spans)

    def chunk(self, index: int) -> Chunk:
        start, end, tokens, boilerplate = self.spans[index]
        return Chunk(self.release.id, index, self.release.text[start:end], start, end, tokens, bool(boilerplate))

    def chunks(self) -> list[Chunk]:
        return [self.chunk(i) for i in range(len(self.spans))]


def sort_key(date: PartialDate | None) -> int | None:
    """PartialDate's order as one integer (an unknown month or day first)."""
    return None if date is None else date.year * 10000 + (date.month or 0) * 100 + (date.day or 0)


def from_sort_key(key: int | None) -> PartialDate | None:
    if key is None:
        return None
    year, month, day = key // 10000, key // 100 % 100, key % 100
    return PartialDate(year, month or None, day or None)


def facts_row(f: SentenceFacts) -> list:
    return [f.index, f.start, f.end, [list(n) for n in f.numbers], list(f.dates), list(f.persons),
            list(f.organisations), list(f.places), list(f.partners), f.list_end, sorted(f.flags)]


def facts_from_row(row: list) -> SentenceFacts:
    index, start, end, numbers, dates, persons, organisations, places, partners, list_end, flags = row
    return SentenceFacts(index, start, end, tuple(tuple(n) for n in numbers), tuple(dates), tuple(persons),
                         tuple(organisations), tuple(places), tuple(partners), list_end, frozenset(flags))


def keys_json(sentence_keys: tuple[frozenset[str], ...]) -> dict:
    """Each sentence's keys as numbers into the release's sorted list of keys (far smaller than the keys)."""
    vocabulary = sorted(set().union(*sentence_keys)) if sentence_keys else []
    number = {k: i for i, k in enumerate(vocabulary)}
    return {"vocabulary": vocabulary, "sentences": [sorted(number[k] for k in keys) for keys in sentence_keys]}


def keys_from_json(data: dict) -> tuple[frozenset[str], ...]:
    vocabulary = data["vocabulary"]
    return tuple(frozenset(vocabulary[i] for i in row) for row in data["sentences"])


def release_json(release: Release) -> dict:
    record = {name: getattr(release, name) for name in Release.__dataclass_fields__}
    record["published"] = release.published.iso() if release.published else None
    record["partners"] = list(release.partners)
    record["copies"] = list(release.copies)
    return record


def release_from_json(record: dict) -> Release:
    published = PartialDate.parse(record["published"]) if record["published"] else None
    return Release(**{**record, "published": published, "partners": tuple(record["partners"]),
                      "copies": tuple(record.get("copies", ()))})
