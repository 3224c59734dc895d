"""What the catalog keeps of one release (its record, chunk spans, sentence facts, word keys and keyword postings),
written and replaced whole, and its flat encodings: catalog rows, and JSON for a Chroma server's catalog."""
from __future__ import annotations

import base64
import json
import struct
import sys
import zlib
from array import array
from dataclasses import dataclass, field
from typing import Mapping, Sequence

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


class SentenceRows:
    """A release's stored sentences, each decoded when first asked for: a question reads a few sentences of many
    releases, and building every sentence's facts and key set cost more than the rest of an answer (and its many
    small objects made the garbage collector's passes long). Read from the packed encoding (pack_sentences) or from
    the JSON rows of catalogs written before it."""

    __slots__ = ("_rows", "_text", "_offsets", "_vocabulary", "_keys", "_key_offsets", "starts", "ends", "ordered")

    def __init__(self, starts, ends, rows=None, text=b"", offsets=None, vocabulary=None, keys=None, key_offsets=None):
        self.starts, self.ends = starts, ends
        self._rows, self._text, self._offsets = rows, text, offsets
        self._vocabulary, self._keys, self._key_offsets = vocabulary, keys, key_offsets
        # sentences in text order without overlap (as ingest.chunk cuts them) can be found by bisection
        self.ordered = all(a <= b for a, b in zip(ends, starts[1:])) and all(s <= e for s, e in zip(starts, ends))

    @classmethod
    def from_json(cls, facts_rows: list, keys_data: dict | None) -> "SentenceRows":
        """From the JSON columns of catalogs written before the packed encoding."""
        keys_rows = keys_data["sentences"] if keys_data else None
        rows = facts_rows[:len(keys_rows)] if keys_rows else facts_rows
        return cls([r[1] for r in rows], [r[2] for r in rows], rows=rows,
                   vocabulary=keys_data["vocabulary"] if keys_rows else None, keys=keys_rows or None)

    @classmethod
    def unpack(cls, blob: bytes) -> "SentenceRows":
        version, n, n_keys, text_size, vocabulary_size, has_keys = _HEAD.unpack_from(blob)
        if version != PACKED_VERSION:
            raise ValueError(f"packed sentences of version {version}")
        arrays, at = [], _HEAD.size
        for length in (n, n, n + 1, n + 1, n_keys):
            arrays.append(_uints(blob[at:at + 4 * length]))
            at += 4 * length
        starts, ends, offsets, key_offsets, keys = arrays
        text = blob[at:at + text_size]
        vocabulary = blob[at + text_size:at + text_size + vocabulary_size].decode().split("\n")
        return cls(starts, ends, text=text, offsets=offsets, vocabulary=vocabulary if has_keys else None,
                   keys=keys if has_keys else None, key_offsets=key_offsets)

    def __len__(self) -> int:
        return len(self.starts)

    def facts(self, index: int) -> SentenceFacts:
        if self._rows is not None:
            return facts_from_row(self._rows[index])
        index = range(len(self))[index]
        return facts_from_row(json.loads(self._text[self._offsets[index]:self._offsets[index + 1]]))

    def keys(self, index: int) -> frozenset[str] | None:
        """The sentence's word keys as ingestion computed them (None when the store did not keep them)."""
        if self._keys is None:
            return None
        vocabulary = self._vocabulary
        if self._key_offsets is None:
            return frozenset([vocabulary[i] for i in self._keys[index]])
        index = range(len(self))[index]
        return frozenset([vocabulary[i] for i in self._keys[self._key_offsets[index]:self._key_offsets[index + 1]]])


PACKED_VERSION = 2  # 1 was the JSON columns (facts_row, keys_json)
# version, sentences, key numbers, bytes of facts text, bytes of vocabulary, whether keys are stored
_HEAD = struct.Struct("<BIIIIB")


def pack_sentences(facts: Sequence[SentenceFacts], sentence_keys: Sequence[frozenset[str]] = ()) -> bytes:
    """A release's sentences in one blob: spans and offsets as arrays of integers, each sentence's facts as its own
    small JSON text, each sentence's keys as numbers into the release's vocabulary; SentenceRows.unpack reads one
    sentence without decoding the others."""
    has_keys = bool(sentence_keys)
    facts = facts[:len(sentence_keys)] if has_keys else facts  # as a reader pairs them: sentence by sentence
    texts = [json.dumps(facts_row(f), ensure_ascii=False).encode() for f in facts]
    offsets = [0]
    for text in texts:
        offsets.append(offsets[-1] + len(text))
    vocabulary = sorted(set().union(*sentence_keys)) if has_keys else []
    number = {k: i for i, k in enumerate(vocabulary)}
    keys, key_offsets = [], [0]
    for found in (sentence_keys[:len(facts)] if has_keys else ()):
        keys.extend(sorted(number[k] for k in found))
        key_offsets.append(len(keys))
    key_offsets += [key_offsets[-1]] * (len(facts) + 1 - len(key_offsets))
    text, words = b"".join(texts), "\n".join(vocabulary).encode()
    arrays = [[f.start for f in facts], [f.end for f in facts], offsets, key_offsets, keys]
    return _HEAD.pack(PACKED_VERSION, len(facts), len(keys), len(text), len(words), has_keys) + b"".join(
        _uint_bytes(a) for a in arrays) + text + words


def _uints(data: bytes) -> array:
    found = array("I")
    found.frombytes(data)
    if sys.byteorder != "little":
        found.byteswap()
    return found


def _uint_bytes(values: Sequence[int]) -> bytes:
    found = array("I", values)
    if sys.byteorder != "little":
        found.byteswap()
    return found.tobytes()
