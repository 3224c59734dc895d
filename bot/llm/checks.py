"""Checks of the model's reply. It is cut into sentences with the [n] markers each carries; markers that number no
passage are dropped; a sentence is kept only when a passage it cites supports it: copied verbatim from it, or every
name, number and date of the sentence (and most of its words) found in the passage, its title or its date. A quote
in quotation marks must be verbatim, a negation must be the passage's own, and a sentence that a release addresses
to a reader or an assistant (an instruction planted in it) supports nothing. A kept sentence becomes a Claim on the
shortest run of the passage's sentences that holds its facts, so its quote is verified text at exact offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from bot.cite import Claim
from bot.corpus import Corpus, Sentence
from bot.question.understand import HOME
from bot.read.abstain import equivalents
from bot.records import Passage
from bot.render import MONTHS
from ingest.chunk import split_sentences
from ingest.terms import fold, keys, spelled_numbers, text_keys, words

MARKER = re.compile(r"\[\s*(?:passages?\s*)?(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]", re.IGNORECASE)
SHARE_SAME = 0.5  # share of a sentence's words its passage must hold, in the passage's language
SHARE_OTHER = 0.3  # ... in another language (names, numbers and dates must still all be there)
MAX_RUN = 3  # sentences of the passage one claim may quote
VERBATIM_WORDS = 4  # a copied fragment this long is its own support
NO_ANSWER = re.compile(r"\bNO[_ ]ANSWER\b", re.IGNORECASE)
_NEGATIONS = frozenset("not no never none neither nor nobody nothing cannot ne pas aucun aucune jamais ni rien "
                       "personne niet geen nooit noch niets niemand".split())
_MONTHS = frozenset(fold(m) for names in MONTHS.values() for m in names)
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


def _facts(text: str) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """(facts, words): the keys of every name, number and date of `text`, and of every word that has keys."""
    tokens = words(text)
    facts, content = [], []
    for i, (word, _, _) in enumerate(tokens):
        word_keys = keys(word)
        if not word_keys:
            continue
        content.append(word_keys)
        numbers = frozenset(k for k in word_keys if k[:2] in ("n:", "o:"))
        folded = fold(word)
        if numbers and (word[:1].isdigit() or numbers - {"n:1", "o:1"}):
            facts.append(equivalents(numbers))
        elif folded in _MONTHS or (folded not in HOME and _is_name(tokens, i)):
            facts.append(word_keys)
    for _, _, value, ordinal in spelled_numbers(text):
        if value > 1:
            facts.append(equivalents(frozenset({f"{'o' if ordinal else 'n'}:{value}"})))
    return facts, content


def _is_name(tokens: Sequence[tuple[str, int, int]], i: int) -> bool:
    """A capitalised word inside the sentence, a capitalised run at its start (Jorge Yunda), or an acronym."""
    word = tokens[i][0]
    if not word[:1].isupper():
        return False
    if len(word) > 1 and word.isupper():
        return True
    return i > 0 or (len(tokens) > 1 and tokens[1][0][:1].isupper())


def _frame_keys(passage: Passage) -> frozenset[str]:
    """What the prompt showed beside the passage's text: its release's title and publication date."""
    release = passage.release
    found = set(text_keys(release.title))
    date = release.published
    if date:
        found.add(f"n:{date.year}")
        if date.month:
            found |= keys(MONTHS["en"][date.month - 1])
        if date.day:
            found |= {f"n:{date.day}", f"o:{date.day}"}
    return frozenset(found)


def passage_sentences(corpus: Corpus, passage: Passage) -> list[Sentence]:
    """The passage's sentences that can support a claim: inside the passage, and not instructions."""
    chunk = passage.chunk
    return [s for s in corpus.overlapping(passage.release.id, chunk.start, chunk.end)
            if chunk.start <= s.start and s.end <= chunk.end and not s.facts.has("instruction")]


def support(said: str, passage: Passage, corpus: Corpus, lang: str) -> Claim | None:
    """A claim for `said` on the passage, or None when the passage does not support it."""
    sentences = passage_sentences(corpus, passage)
    if not sentences:
        return None
    verbatim = _verbatim(said, passage, sentences)
    if verbatim is not None:
        return verbatim
    facts, content = _facts(said)
    held = frozenset().union(_frame_keys(passage), *(s.keys for s in sentences))
    share = SHARE_SAME if passage.release.lang in (lang, "und") else SHARE_OTHER
    if not content or any(not (k & held) for k in facts):
        return None
    if sum(1 for k in content if k & held) < share * len(content):
        return None
    text = passage.release.text
    if any(fold(q) not in fold(text[passage.chunk.start:passage.chunk.end]) for q in _QUOTED.findall(said)):
        return None
    run = _best_run(sentences, facts, content)
    quoted = text[run[0].start:run[-1].end]
    if _negations(said) - _negations(quoted):
        return None
    return Claim(passage.release, run[0].start, run[-1].end, shown=said)


def _verbatim(said: str, passage: Passage, sentences: Sequence[Sentence]) -> Claim | None:
    core = said.rstrip(".!?;: ").strip("\"“”«» ")
    if len(words(core)) < VERBATIM_WORDS:
        return None
    start = passage.release.text.find(core, passage.chunk.start, passage.chunk.end)
    end = start + len(core)
    if start < 0 or not any(s.start <= start and end <= s.end + 1 for s in sentences):
        return None  # not there, or across an instruction planted in the release
    return Claim(passage.release, start, end, shown=said)


def _negations(text: str) -> set[str]:
    return {fold(w) for w, _, _ in words(text) if fold(w) in _NEGATIONS} | ({"not"} if "n't" in text else set())


def _best_run(sentences: Sequence[Sentence], facts, content) -> list[Sentence]:
    """The run of at most MAX_RUN consecutive sentences that holds the most facts, then words, then is shortest."""
    best, best_score = [sentences[0]], None
    for i in range(len(sentences)):
        for j in range(i, min(i + MAX_RUN, len(sentences))):
            if j > i and sentences[j].index != sentences[j - 1].index + 1:
                break
            held = frozenset().union(*(s.keys for s in sentences[i:j + 1]))
            score = (sum(1 for k in facts if k & held), sum(1 for k in content if k & held), i - j)
            if best_score is None or score > best_score:
                best, best_score = list(sentences[i:j + 1]), score
    return best


def claims_of(said: Sequence[Said], passages: Sequence[Passage], corpus: Corpus, lang: str
              ) -> tuple[list[Claim], int]:
    """(claims, sentences left out): each sentence's claim on the first passage it cites that supports it."""
    claims, removed = [], 0
    for sentence in said:
        claim = None
        for n in sentence.cited:
            if 1 <= n <= len(passages):  # a marker that numbers no passage is dropped
                claim = support(sentence.text, passages[n - 1], corpus, lang)
                if claim is not None:
                    break
        if claim is None:
            removed += 1
        else:
            claims.append(claim)
    return claims, removed
