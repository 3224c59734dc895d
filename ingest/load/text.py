"""Plain text and Markdown: the headline (skipping a leading photo caption) and the cleaned body."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.clean import normalize_text
from ingest.metadata.language import detect_language


@dataclass(frozen=True)
class Parsed:
    """What a format module hands back: headline, cleaned body, and date hints (e.g. HTML <time>)."""

    title: str
    text: str
    date_hints: tuple[str, ...] = ()


_CAPTION_PREFIX = re.compile(r"^(photo|foto|picture|image|beeld|©|\(c\)|credit|crédit)\b", re.I)
# a letterhead line above the headline: "PRESS RELEASE – hub.brussels", "COMMUNIQUÉ DE PRESSE", "PERSBERICHT"
_LETTERHEAD = re.compile(r"\b(?:press release|news release|media release|for immediate release|communiqu[ée]s?"
                         r"|persbericht|perscommuniqu[ée])\b", re.I)
_LETTERHEAD_WORDS = 20  # a longer line is text, whatever it says
_SENDER_PARTS = re.compile(r"\s+[–—\-/|·]\s+")  # "Région de Bruxelles-Capitale – Relations extérieures"
_SENDER_PART_WORDS = 10
LETTERHEAD_LINES = 3  # the top lines of a release where a letterhead may stand
_MD_RULES = [
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),  # horizontal rules
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> text
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # italic
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^[ \t]{0,3}[*+][ \t]+", re.M), "- "),  # bullets keep a plain "- "
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),  # escaped characters
]


def strip_markdown(source: str) -> str:
    """Markdown to plain text: headings, emphasis, links and rules removed; bullets kept as "- " lines."""
    source = re.sub(r"^```.*?^```\s*$", "", source, flags=re.M | re.S)
    for pattern, replacement in _MD_RULES:
        source = pattern.sub(replacement, source)
    return source


def parse_text(raw: str) -> Parsed:
    text = normalize_text(raw)
    if "\n\n" not in text:
        text = text.replace("\n", "\n\n")  # no blank lines at all: every line is a paragraph
    return split_title(text)


def parse_markdown(raw: str) -> Parsed:
    heading = re.search(r"^[ \t]{0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$", raw, re.M)
    if heading:
        title = normalize_text(strip_markdown(heading.group(1)))
        body = raw[: heading.start()] + raw[heading.end():]
        return Parsed(title, normalize_text(strip_markdown(body)))
    return split_title(normalize_text(strip_markdown(raw)))


def _looks_like_headline(paragraph: str) -> bool:
    return "\n" not in paragraph and 3 <= len(paragraph) <= 250 and not paragraph.endswith((".", ":", ";", ","))


def _is_caption(first: str, second: str, body_lang: str) -> bool:
    """A photo caption before the headline: marked as such, or in another language than a headline-like next line."""
    if _CAPTION_PREFIX.match(first):
        return True
    if not _looks_like_headline(second):
        return False
    first_lang = detect_language(first)
    return body_lang != "und" and first_lang not in ("und", body_lang) and detect_language(second) == body_lang


def split_title(text: str) -> Parsed:
    """The headline is the first headline-like paragraph (a leading caption is left in the body, and so is a
    letterhead: "PRESS RELEASE", "BRUSSELS ENVIRONMENT – COMMUNIQUÉ DE PRESSE" name the sender, not the news)."""
    head, rest = _letterhead(text)
    if head:
        found = _split_title(rest)
        return Parsed(found.title, f"{head}\n\n{found.text}" if found.text else head)
    return _split_title(text)


def _letterhead(text: str) -> tuple[str, str]:
    """The letterhead lines at the top of `text` and the text after them; ("", text) when there are none or when
    no headline-like line follows them. A line is letterhead when it says "press release" (in en/fr/nl), names the
    sender (_sender) or is in capitals ("BRUSSELS ENVIRONMENT"); a headline in capitals stays one unless "press
    release" stands above it."""
    lines = text.split("\n")
    prefix: list[int] = []
    for i, line in enumerate(lines):
        line = line.strip()
        if not line:
            continue
        if len(prefix) == LETTERHEAD_LINES or not (is_letterhead(line) or _sender(line) or _capitals(line)
                                                     and len(line.split()) <= _LETTERHEAD_WORDS):
            break
        prefix.append(i)
    while prefix:
        following = _next_line(lines, prefix[-1])
        if following and _looks_like_headline(following) and (
                not _capitals(following) or is_letterhead(lines[prefix[-1]])):
            return "\n".join(lines[:prefix[-1] + 1]).strip(), "\n".join(lines[prefix[-1] + 1:]).strip("\n")
        prefix.pop()
    return "", text


def is_letterhead(line: str) -> bool:
    """A short line that says "press release", "communiqué de presse", "persbericht": the sender's letterhead."""
    return len(line.split()) <= _LETTERHEAD_WORDS and bool(_LETTERHEAD.search(line))


def _sender(line: str) -> bool:
    """A line of names joined by dashes or slashes, each a capitalised name of a few words: who sends the release
    ("Brussels Hoofdstedelijk Gewest – Externe Betrekkingen", "Brussels International / Innoviris")."""
    parts = _SENDER_PARTS.split(line)
    return len(parts) >= 2 and all(part[:1].isupper() and len(part.split()) <= _SENDER_PART_WORDS
                                   and not re.search(r"[\d.:;,?!]", part) for part in parts)


def _capitals(line: str) -> bool:
    """A name in capitals of two words or more ("BRUSSELS ENVIRONMENT"; "RECTIFICATIF" alone heads the news)."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(line.split()) >= 2 and len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _next_line(lines: list[str], i: int) -> str:
    return next((line.strip() for line in lines[i + 1:] if line.strip()), "")


def _split_title(text: str) -> Parsed:
    paragraphs = text.split("\n\n") if text else []
    if not paragraphs:
        return Parsed("", "")
    if len(paragraphs) >= 3 and _looks_like_headline(paragraphs[0]):
        body_lang = detect_language("\n\n".join(paragraphs[2:6]))
        if _is_caption(paragraphs[0], paragraphs[1], body_lang):
            return Parsed(paragraphs[1], "\n\n".join([paragraphs[0], *paragraphs[2:]]))
    first = paragraphs[0]
    if _looks_like_headline(first) or len(first) <= 250 and "\n" not in first:
        return Parsed(first, "\n\n".join(paragraphs[1:]))
    line, _, rest = first.partition("\n")
    if rest and _looks_like_headline(line):  # a headline glued to the first paragraph
        return Parsed(line, "\n\n".join([rest, *paragraphs[1:]]))
    # No headline: the start of the first line serves as title and stays in the body.
    return Parsed(line[:200].rstrip(), text)
