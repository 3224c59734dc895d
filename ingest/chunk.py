"""Cuts a release's text into sentence- and paragraph-aware chunks that keep exact character offsets."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from ingest.records import Chunk, Release
from ingest.tokens import count_tokens, token_starts

# Words that end with a period without ending the sentence (en, fr, nl), compared lowercased.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs approx dept fig gen gov sen rep hon rev mt "
    "m mm mme mmes mlle me mgr ste cf av bd env ex chap tél tel janv févr fevr avr juil déc "
    "dhr mevr mw ir ing drs bv ca resp evt incl excl jl blz zgn vnl "
    "feb apr aug sep sept oct nov dec".split()
)
# Abbreviations that only stay unsplit before a number ("No. 5", "nr. 12", "p. 4").
NUMBER_ABBREVIATIONS = frozenset("no nr art p pp vol n°".split())

_CANDIDATE = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[\"'»”’)\]])*(?=\s)")
_NEXT_START = re.compile(r"\s+[\"'«“‘(\[¿¡]?[\w]")
_WORD_BEFORE = re.compile(r"([\w°]+(?:\.[\w°]+)*)$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_HEADING_END = re.compile(r"[.!?:;\"»”…]$")
_LIST_NUMBER = re.compile(r"\s*\d{1,2}$")  # all a line holds before its first period: a numbered item's number


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`, without surrounding whitespace; a line break always ends one."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for cut in _sentence_ends(line.group()):
            spans.append((start, line.start() + cut))
            start = line.start() + cut
        spans.append((start, line.end()))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _sentence_ends(line: str) -> list[int]:
    ends = []
    for match in _CANDIDATE.finditer(line):
        following = _NEXT_START.match(line, match.end())
        if not following:
            continue
        nxt = following.group()[-1]
        if not (nxt.isupper() or nxt.isdigit() or following.group().strip()[0] in "\"'«“‘([¿¡"):
            continue  # "approx. ten", "..." mid-sentence
        if match.group() == "." and _is_abbreviation(line[: match.start()], nxt):
            continue
        if _LIST_NUMBER.match(line[: match.start()]):
            continue  # "1. Ecowatt Solutions – ...": a numbered list item is one sentence, its number is not one
        ends.append(match.end())
    return ends


def _is_abbreviation(before: str, next_char: str) -> bool:
    word = _WORD_BEFORE.search(before)
    if not word:
        return False
    token = word.group(1).lower()
    if "." in token or (len(token) == 1 and token.isalpha()):
        return True  # "e.g.", "U.S.", initials such as "J. Smith"
    return token in ABBREVIATIONS or (token in NUMBER_ABBREVIATIONS and next_char.isdigit())


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def embedding_prefix(release: Release) -> str:
    """Title and publication date put before every chunk text that gets embedded (not part of offsets)."""
    head = release.title.strip()[:200]
    if release.published:
        head = f"{head} ({release.published.iso()})".strip()
    return f"{head}\n\n" if head else ""


def embedding_text(release: Release, chunk: Chunk) -> str:
    return embedding_prefix(release) + chunk.text


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    tokens: int
    paragraph: int
    heading: bool = False


class _Chunker:
    """One release's chunking: units (sentences or pieces of them) packed greedily under the limits."""

    def __init__(self, text: str, max_tokens: int, overlap: int, fits: Callable[[str], bool]):
        self.text, self.max_tokens, self.overlap, self.fits = text, max_tokens, overlap, fits
        self.breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]

    def ok(self, start: int, end: int) -> int | None:
        """Token count of text[start:end] when it respects both limits, else None."""
        piece = self.text[start:end]
        tokens = count_tokens(piece)
        return tokens if tokens <= self.max_tokens and self.fits(piece) else None

    def units(self, spans: Sequence[tuple[int, int]]) -> list[_Unit]:
        paragraph_of = {}
        for start, end in spans:
            paragraph_of.setdefault(bisect.bisect(self.breaks, start), []).append((start, end))
        units = []
        for paragraph, members in paragraph_of.items():
            for start, end in members:
                for s, e, tokens in self.fitted(start, end):
                    heading = len(members) == 1 and tokens <= 20 and not _HEADING_END.search(self.text[s:e])
                    units.append(_Unit(s, e, tokens, paragraph, heading))
        return units

    def fitted(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Splits a span too long for the limits at token boundaries (mapped back to characters)."""
        tokens = self.ok(start, end)
        if tokens is not None:
            return [(start, end, tokens)]
        starts = [start + offset for offset in token_starts(self.text[start:end])]
        cut = self._cut(starts, end)
        if cut is None:
            return [(start, end, count_tokens(self.text[start:end]))]  # one token: nothing smaller exists
        return [
            piece
            for s, e in ((start, cut), (cut, end))
            if (span := _trim(self.text, s, e))
            for piece in self.fitted(*span)
        ]

    def _cut(self, starts: list[int], end: int) -> int | None:
        """Where to cut: after max_tokens tokens (halfway when only the model limit is exceeded), at a word start if near."""
        if len(starts) < 2:
            return None
        index = self.max_tokens if len(starts) > self.max_tokens else len(starts) // 2
        for k in range(index, max(1, int(index * 0.8)) - 1, -1):
            if starts[k] > starts[0] and self.text[starts[k]].isspace():
                return starts[k]
        later = [s for s in starts[index:] if s > starts[0]] or [s for s in starts if s > starts[0]]
        return later[0] if later else None

    def pack(self, units: list[_Unit]) -> list[tuple[int, int, int]]:
        """Greedy packing; neighbours share up to `overlap` tokens of whole sentences."""
        groups, i, previous_start = [], 0, -1
        while i < len(units):
            start, shared = i, 0
            while groups and start - 1 > previous_start and shared + units[start - 1].tokens <= self.overlap:
                start -= 1
                shared += units[start].tokens
            j = self._extend(units, i, shared)
            while True:
                tokens = self.ok(units[start].start, units[j - 1].end)
                if tokens is not None or (start == i and j == i + 1):
                    break
                start, j = (i, j) if start < i else (start, j - 1)
            groups.append((units[start].start, units[j - 1].end, tokens or units[i].tokens))
            previous_start, i = start, j
        return groups

    def _extend(self, units: list[_Unit], i: int, total: int) -> int:
        total += units[i].tokens
        j = i + 1
        while j < len(units):
            new_paragraph = units[j].paragraph != units[j - 1].paragraph
            cost = units[j].tokens + (1 if new_paragraph else 0)
            if total + cost > self.max_tokens or (new_paragraph and total >= 0.6 * self.max_tokens):
                break
            total += cost
            j += 1
        if j < len(units) and j - 1 > i and units[j - 1].heading:
            j -= 1  # a heading belongs with the text it introduces
        return j


def chunk_release(
    release: Release,
    *,
    max_tokens: int,
    overlap: int,
    boilerplate_spans: Sequence[tuple[int, int]] = (),
    fits: Callable[[str], bool] | None = None,
) -> list[Chunk]:
    """Chunks of at most `max_tokens` tokens, each also accepted by `fits` (e.g. the embedding model's limit).

    Boilerplate spans are hard borders: a chunk is wholly boilerplate (boilerplate=True) or wholly not.
    """
    if not 0 <= overlap < max_tokens:
        raise ValueError(f"overlap ({overlap}) must be >= 0 and smaller than max_tokens ({max_tokens})")
    text = release.text
    chunker = _Chunker(text, max_tokens, overlap, fits or (lambda _: True))
    chunks: list[Chunk] = []
    for region_start, region_end, boilerplate in _regions(len(text), boilerplate_spans):
        spans = [
            span
            for s, e in split_sentences(text[region_start:region_end])
            if (span := _trim(text, region_start + s, region_start + e))
        ]
        for start, end, tokens in chunker.pack(chunker.units(spans)):
            chunks.append(Chunk(release.id, len(chunks), text[start:end], start, end, tokens, boilerplate))
    return chunks


def _regions(length: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The text cut into alternating plain and boilerplate regions (spans merged and clipped)."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    regions, position = [], 0
    for start, end in merged:
        if position < start:
            regions.append((position, start, False))
        regions.append((start, end, True))
        position = end
    if position < length:
        regions.append((position, length, False))
    return regions
