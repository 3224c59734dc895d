"""Text normalisation and detection of boilerplate paragraphs that recur across releases."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterable

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK = re.compile(r"\n\s*\n")
_CONTACT = re.compile(r"^(contacts?( presse| press| pers)?|press contacts?|perscontact(en)?|contact média|"
                      r"media contacts?)\s*(\n|$|[:\u2013-])", re.I)
_NEAR_COPY = 0.8  # share of the longer text's paragraphs (in characters) that two near copies have in common
_FAMILY_POSTINGS = 50
_ABOUT = re.compile(r"^(about|à propos|a propos|over)\s+(de\s+|du\s+|des\s+|d'|l')?(?P<entity>\S.*)", re.I)


def normalize_text(raw: str) -> str:
    """NFC, one kind of newline, single spaces, trimmed lines; paragraphs joined by a blank line."""
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    paragraphs = []
    for block in _BLANK.split(text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _key(paragraph: str) -> str:
    """The comparison form of a paragraph: case-folded, whitespace collapsed."""
    return " ".join(paragraph.casefold().split())


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\n+", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _is_contact_block(paragraph: str) -> bool:
    # A "Contact" heading followed by a few short lines (names, offices, phone numbers).
    lines = paragraph.split("\n")
    if not _CONTACT.match(paragraph) or len(lines) > 8 or any(len(line) >= 160 for line in lines):
        return False
    return len(lines) > 1 or bool(re.match(r"^[^\n]*[:\u2013-]\s*\S", paragraph))


def _about_entity(paragraph: str) -> str | None:
    """'hub.brussels' for "About hub.brussels ...", "À propos de hub.brussels ...", "Over hub.brussels ..."."""
    head = re.split(r"[\n:\u2013\u2014]| - ", paragraph, maxsplit=1)[0].strip("*_ ")
    match = _ABOUT.match(head)
    if not match or len(head) > 80 or head == paragraph:
        return None
    return _key(match.group("entity"))


def _families(paragraphs: list[set[str]]) -> list[int]:
    """For each text, the index of its family: texts whose paragraphs are mostly the same (versions or near copies
    of one release) form one, so that what they share is not mistaken for boilerplate."""
    family = list(range(len(paragraphs)))

    def root(i: int) -> int:
        while family[i] != i:
            family[i] = family[family[i]]
            i = family[i]
        return i

    sizes = [sum(map(len, keys)) for keys in paragraphs]
    postings: dict[str, list[int]] = {}
    for i, keys in enumerate(paragraphs):
        for key in keys:
            postings.setdefault(key, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for key, members in postings.items():
        if 1 < len(members) <= _FAMILY_POSTINGS:  # a paragraph in very many texts says nothing about kinship
            for a, i in enumerate(members):
                for j in members[a + 1:]:
                    shared[i, j] += len(key)
    for (i, j), chars in shared.items():
        if chars >= _NEAR_COPY * max(sizes[i], sizes[j]):
            family[root(i)] = root(j)
    return [root(i) for i in range(len(paragraphs))]


def find_boilerplate(texts: Iterable[str], min_releases: int = 3) -> frozenset[str]:
    """Normalised paragraphs that recur in >= min_releases otherwise different texts (near copies count once),
    plus contact blocks, plus "About X" blocks whose X recurs in two texts or more (in any language: their wording
    varies, their role does not)."""
    counts: Counter[str] = Counter()
    about_counts: Counter[str] = Counter()
    about_members: dict[str, set[str]] = {}
    contacts: set[str] = set()
    texts = list(texts)
    # Kinship is judged on what is not boilerplate by its role (contact and "About" blocks).
    per_text = [{_key(p) for p in (text[s:e] for s, e in _paragraph_spans(text))
                 if not _is_contact_block(p) and not _about_entity(p)} for text in texts]
    families = _families(per_text)
    family_keys: dict[int, set[str]] = {}
    family_about: dict[int, set[str]] = {}
    for text, family in zip(texts, families):
        seen, seen_about = family_keys.setdefault(family, set()), family_about.setdefault(family, set())
        for start, end in _paragraph_spans(text):
            paragraph = text[start:end]
            key = _key(paragraph)
            seen.add(key)
            if _is_contact_block(paragraph):
                contacts.add(key)
            head = _about_entity(paragraph)
            if head:
                seen_about.add(head)
                about_members.setdefault(head, set()).add(key)
    for family, seen in family_keys.items():
        counts.update(seen)
        about_counts.update(family_about[family])
    recurring = {key for key, n in counts.items() if n >= min_releases}
    for head, n in about_counts.items():
        if n >= min(2, min_releases):
            recurring |= about_members[head]
    return frozenset(recurring | contacts)


def _is_contact_heading(paragraph: str) -> bool:
    return "\n" not in paragraph and bool(_CONTACT.match(paragraph))


def boilerplate_spans(text: str, boilerplate: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of `text` that are boilerplate: recurring, contact blocks, or the
    short contact lines right after a lone "Contact" heading."""
    spans: list[tuple[int, int]] = []
    after_heading = False
    for start, end in _paragraph_spans(text):
        paragraph = text[start:end]
        lines_only = all(len(line) < 120 for line in paragraph.split("\n")) and not paragraph.endswith(".")
        if (_key(paragraph) in boilerplate or _is_contact_block(paragraph) or _is_contact_heading(paragraph)
                or (after_heading and lines_only)):
            spans.append((start, end))
        after_heading = _is_contact_heading(paragraph)
    return spans
