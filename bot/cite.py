"""Citations as a checked contract: every quote is the exact text of its release at the cited offsets, lies in
a passage that was actually retrieved, and every [n] marker of the text has exactly one citation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from bot.records import Answer, Citation, Passage
from ingest.records import Release

MARKER = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer and the span of a release that supports it."""

    release: Release
    start: int
    end: int
    shown: str = ""  # what the user reads; the quote itself when empty
    label: str = ""  # a short lead such as "**Dubai:**" or a date

    @property
    def quote(self) -> str:
        return self.release.text[self.start:self.end]


def retrieved_spans(passages: Sequence[Passage]) -> dict[str, list[tuple[int, int]]]:
    """Per release, the merged character spans of the retrieved chunks. Two chunks that only white space separates
    (chunking drops the blank line between paragraphs) make one span: a quote may run from one into the next (a
    list's introduction and its items)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for p in sorted(passages, key=lambda p: (p.release.id, p.chunk.start)):
        merged = spans.setdefault(p.release.id, [])
        if merged and (p.chunk.start <= merged[-1][1] or not p.release.text[merged[-1][1]:p.chunk.start].strip()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], p.chunk.end))
        else:
            merged.append((p.chunk.start, p.chunk.end))
    return spans


def verify(claims: Sequence[Claim], passages: Sequence[Passage]) -> list[Claim]:
    """The claims whose quote is non-empty, within the release, and inside a retrieved passage of that release."""
    spans = retrieved_spans(passages)
    releases = {p.release.id: p.release for p in passages}
    kept = []
    for claim in claims:
        release = releases.get(claim.release.id)
        if release is None or release.text != claim.release.text:
            continue
        if not (0 <= claim.start < claim.end <= len(release.text)) or not claim.quote.strip():
            continue
        if any(s <= claim.start and claim.end <= e for s, e in spans.get(release.id, ())):
            kept.append(claim)
    return kept


_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


def _display(text: str) -> str:
    """A quote as shown inline: one line without list bullets, and no bracketed number that could pass for one
    of our markers."""
    lines = [_BULLET.sub("", line) for line in text.splitlines() if line.strip()]
    return MARKER.sub(r"(\1)", " ".join(" ".join(lines).split()))


def assemble(claims: Sequence[Claim], passages: Sequence[Passage], *, question: str, lang: str, lead: str = "",
             notes: Sequence[str] = (), footer: str = "", as_list: bool = False,
             confidence: str = "answer") -> Answer | None:
    """The Answer built from verified claims, numbered in order; None when no claim survives verification."""
    kept = verify(claims, passages)
    if not kept:
        return None
    lines, citations = [], []
    for number, claim in enumerate(kept, start=1):
        body = _display(claim.shown or claim.quote)
        lines.append(f"{'- ' if as_list else ''}{claim.label + ' ' if claim.label else ''}{body} [{number}]")
        citations.append(Citation(
            number=number, release_id=claim.release.id, source=claim.release.source, title=claim.release.title,
            published=claim.release.published, quote=claim.quote, start=claim.start, end=claim.end,
            lang=claim.release.lang,
        ))
    parts = ([lead] if lead else []) + ["\n".join(lines) if as_list else " ".join(lines)] + ([footer] if footer else [])
    return Answer(text="\n\n".join(parts), citations=tuple(citations), abstained=False, question=question,
                  lang=lang, notes=tuple(notes), confidence=confidence)


def abstention(text: str, *, question: str, lang: str, notes: Sequence[str] = ()) -> Answer:
    return Answer(text=MARKER.sub(r"(\1)", text), citations=(), abstained=True, question=question, lang=lang,
                  notes=tuple(notes), confidence="none")


def problems(answer: Answer, releases: Mapping[str, Release]) -> list[str]:
    """What breaks the citation contract in `answer` (empty when it holds)."""
    found = []
    numbers = [c.number for c in answer.citations]
    markers = {int(n) for n in MARKER.findall(answer.text)}
    if len(set(numbers)) != len(numbers):
        found.append("two citations share a number")
    if markers != set(numbers):
        found.append(f"markers {sorted(markers)} do not match citations {sorted(numbers)}")
    if answer.abstained and answer.citations:
        found.append("an abstention carries citations")
    for c in answer.citations:
        release = releases.get(c.release_id)
        if release is None:
            found.append(f"[{c.number}] cites an unknown release {c.release_id}")
        elif release.text[c.start:c.end] != c.quote or not c.quote:
            found.append(f"[{c.number}] quote is not the release text at {c.start}:{c.end}")
    return found
