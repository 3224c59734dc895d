"""Checks of the model's reply. It is cut into sentences with the [n] markers each carries; markers that number no
passage are dropped; a sentence is kept only when a passage it cites supports it: copied verbatim from it, or every
name, number and date of the sentence (and most of its words) found in the passage, its title or its date. A quote
in quotation marks must be verbatim, a negation must be the passage's own, and a sentence that a release addresses
to a reader or an assistant (an instruction planted in it) supports nothing. A sentence the model left without any
marker (small models often do) is cited to the first passage that supports it by the same checks, if it gives a
name, number or date. A kept sentence becomes a Claim on the shortest run of the passage's sentences that holds its
facts, so its quote is verified text at exact offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from bot.cite import Claim
from bot.corpus import Corpus, Sentence
from bot.llm.facts import about_the_task, asserted, evidence, frame_keys, negations
from bot.records import Passage
from ingest.chunk import split_sentences
from ingest.terms import fold, words

MARKER = re.compile(r"\[\s*(?:passages?\s*)?(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]", re.IGNORECASE)
SHARE_SAME = 0.5  # share of a sentence's words its passage must hold, in the passage's language
SHARE_OTHER = 0.3  # ... in another language (names, numbers and dates must still all be there)
SHARE_UNMARKED = 0.6  # ... when the model gave no marker: the checks alone choose the passage
UNMARKED_WORDS = 3  # "The answer is: 2" is too short to place without a marker
MAX_RUN = 3  # sentences of the passage one claim may quote
VERBATIM_WORDS = 4  # a copied fragment this long is its own support
NO_ANSWER = re.compile(r"\bNO[_ ]ANSWER\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
_AFTER_MARKER = re.compile(r"(?<=\])\s+(?=[\"“«(]?[A-ZÀ-Ý])")  # "... [1] The next sentence"
_QUOTED = re.compile(r"[\"“«„]\s*([^\"“”«»„]{8,}?)\s*[\"”»“]")


@dataclass(frozen=True)
class Said:
    """One sentence of the reply: its text without markers and the passage numbers it cites."""

    text: str
    cited: tuple[int, ...]
    bullet: bool = False


def found_nothing(reply: str) -> bool:
    """The reply says NO_ANSWER before anything else."""
    return bool(NO_ANSWER.match(reply.strip().lstrip("*_`\"'“ ")))


def split_reply(reply: str) -> list[Said]:
    """The reply's sentences (list items count as sentences), each with the markers it carries."""
    said = []
    for line in reply.splitlines():
        bullet = bool(_BULLET.match(line))
        line = NO_ANSWER.sub("", _BULLET.sub("", line)).strip()
        for part in _AFTER_MARKER.split(line):
            first = len(said)
            for start, end in split_sentences(part):
                raw = part[start:end]
                cited = tuple(int(n) for group in MARKER.findall(raw) for n in re.split(r"\s*[,;]\s*", group))
                text = re.sub(r"\s+([.!?,;:])", r"\1", " ".join(MARKER.sub(" ", raw).split())).strip()
                if re.search(r"\w", text):
                    said.append(Said(text, tuple(dict.fromkeys(cited)), bullet))
                elif len(said) > first:  # "... 2021. [1]": markers after the full stop belong to its sentence
                    last = said[-1]
                    said[-1] = Said(last.text, tuple(dict.fromkeys(last.cited + cited)), last.bullet)
    return said


def passage_sentences(corpus: Corpus, passage: Passage) -> list[Sentence]:
    """The passage's sentences that can support a claim: inside the passage, and not instructions."""
    chunk = passage.chunk
    return [s for s in corpus.overlapping(passage.release.id, chunk.start, chunk.end)
            if chunk.start <= s.start and s.end <= chunk.end and not s.facts.has("instruction")]


def support(said: str, passage: Passage, corpus: Corpus, lang: str, unmarked: bool = False) -> Claim | None:
    """A claim for `said` on the passage, or None when the passage does not support it (a sentence the model left
    unmarked must give a name, number or date of its own)."""
    sentences = passage_sentences(corpus, passage)
    if not sentences:
        return None
    verbatim = _verbatim(said, passage, sentences, VERBATIM_WORDS + 2 * unmarked)
    if verbatim is not None:
        return verbatim
    facts, content = asserted(said)
    if not content or (unmarked and (not facts or len(content) < UNMARKED_WORDS or about_the_task(said))):
        return None
    run = _best_run(sentences, facts, content)
    held = frozenset().union(frame_keys(passage), *(evidence(s) for s in run))
    if any(not (k & held) for k in facts):
        return None  # every name, number and date must be in the quoted sentences (or the title and date)
    share = SHARE_UNMARKED if unmarked else SHARE_SAME if passage.release.lang in (lang, "und") else SHARE_OTHER
    if sum(1 for k in content if k & held) < share * len(content):
        return None
    text = passage.release.text
    quoted = text[run[0].start:run[-1].end]
    if any(fold(q) not in fold(quoted) for q in _QUOTED.findall(said)) or negations(said) - negations(quoted):
        return None
    return Claim(passage.release, run[0].start, run[-1].end, shown=said)


def _verbatim(said: str, passage: Passage, sentences: Sequence[Sentence], least: int) -> Claim | None:
    core = said.rstrip(".!?;: ").strip("\"“”«» ")
    if len(words(core)) < least:
        return None
    start = passage.release.text.find(core, passage.chunk.start, passage.chunk.end)
    end = start + len(core)
    if start < 0 or not any(s.start <= start and end <= s.end + 1 for s in sentences):
        return None  # not there, or across an instruction planted in the release
    return Claim(passage.release, start, end, shown=said)


def _best_run(sentences: Sequence[Sentence], facts, content) -> list[Sentence]:
    """The run of at most MAX_RUN consecutive sentences that holds the most facts, then words, then is shortest."""
    best, best_score = [sentences[0]], None
    for i in range(len(sentences)):
        for j in range(i, min(i + MAX_RUN, len(sentences))):
            if j > i and sentences[j].index != sentences[j - 1].index + 1:
                break
            held = frozenset().union(*(evidence(s) for s in sentences[i:j + 1]))
            score = (sum(1 for k in facts if k & held), sum(1 for k in content if k & held), i - j)
            if best_score is None or score > best_score:
                best, best_score = list(sentences[i:j + 1]), score
    return best


@dataclass(frozen=True)
class Checked:
    """The reply's sentences that survived, as claims; how many were left out, and how many the model had left
    unmarked and the checks cited to the first passage (in rank order) that supports them."""

    claims: tuple[Claim, ...]
    removed: int
    attributed: int


def claims_of(said: Sequence[Said], passages: Sequence[Passage], corpus: Corpus, lang: str) -> Checked:
    """Each sentence's claim on the first passage it cites that supports it. A marker that numbers no passage is
    dropped; a sentence whose markers all fail is left out; a sentence without any marker is checked against every
    passage. A sentence said twice counts once."""
    claims, removed, attributed, seen = [], 0, 0, set()
    for sentence in said:
        claim, unmarked = None, not sentence.cited
        for n in range(1, len(passages) + 1) if unmarked else sentence.cited:
            if 1 <= n <= len(passages):
                claim = support(sentence.text, passages[n - 1], corpus, lang, unmarked=unmarked)
                if claim is not None:
                    break
        if claim is None:
            removed += 1
        elif fold(claim.shown) not in seen:
            seen.add(fold(claim.shown))
            claims.append(claim)
            attributed += unmarked
    return Checked(tuple(claims), removed, attributed)
