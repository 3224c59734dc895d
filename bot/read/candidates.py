"""Candidate quotes: the sentences of the retrieved passages, each read with what it needs around it (the sentence
before when it begins with a pronoun or "the organisation", the list it introduces, the fragment a line break cut)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from bot.cite import retrieved_spans
from bot.corpus import MONTHS_EN, Corpus, Sentence
from bot.question.analysis import Analysis
from bot.question.understand import capitalised
from bot.question.words import words_of
from bot.records import Passage
from ingest.records import Release
from ingest.terms import fold, keys, langs_for

MIN_WORDS = 2  # content words (numbers and months aside) a sentence needs ("Brussel, 4 februari 2020" has one)
NAMED_AFTER = 2  # sentences after "une structure locale" where its name may come
_MONTH_KEYS = frozenset().union(*(keys(m) for m in MONTHS_EN))


@dataclass
class Candidate:
    """A quote the answer may show: one sentence (its `sentence`), sometimes with a neighbour or a list."""

    sentence: Sentence
    release: Release
    start: int
    end: int
    sentences: tuple[Sentence, ...]  # the quote's sentences, in order
    passage: float  # the retrieval score of its best passage, relative to the best passage
    rank: int  # the rank of that passage
    features: dict = field(default_factory=dict)
    release_keys: frozenset[str] = frozenset()  # every key of its release (set with the signals)
    sides: dict = field(default_factory=dict)  # compared item -> p when the question is read for that item alone
    p: float = 0.0  # the reader's probability that the quote answers the question
    fixes: tuple = ()  # (kind, old value, new value) of the corrections its sentences give (bot.corpus.Correction)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset().union(*(s.keys for s in self.sentences))

    @property
    def quote(self) -> str:
        return self.release.text[self.start:self.end]


def candidates(corpus: Corpus, analysis: Analysis, passages: Sequence[Passage]) -> list[Candidate]:
    """Every sentence of the retrieved passages that can be quoted (never boilerplate, never an instruction
    addressed to a reader or an assistant), with its quote span."""
    if not passages:
        return []
    spans = retrieved_spans(passages)
    top = max(p.score for p in passages) or 1.0
    out: dict[tuple[str, int], Candidate] = {}
    for rank, p in enumerate(passages):
        sentences = corpus.sentences(p.release.id)
        inside = spans[p.release.id]
        for s in corpus.overlapping(p.release.id, p.chunk.start, p.chunk.end):
            if (s.release_id, s.index) in out or s.facts.has("boilerplate") or s.facts.has("instruction"):
                continue
            if not has_content_words(s, 1 if analysis.listing and s.facts.list_end is not None else MIN_WORDS) \
                    or not any(a <= s.start and s.end <= b for a, b in inside):  # a list's "It included:"
                continue
            quoted = _quote(s, sentences, p.release.text, analysis)
            if not any(a <= quoted[0].start and quoted[-1].end <= b for a, b in inside) \
                    or any(q.facts.has("instruction") for q in quoted):
                quoted = (s,)
            end = max(s.end, quoted[-1].end) if s.facts.list_end is None else max(s.facts.list_end, s.end)
            if not any(a <= quoted[0].start and end <= b for a, b in inside):
                end = quoted[-1].end
            out[(s.release_id, s.index)] = Candidate(s, p.release, quoted[0].start, end, quoted, p.score / top, rank)
    return list(out.values())


def _quote(s: Sentence, sentences: Sequence[Sentence], text: str, analysis: Analysis) -> tuple[Sentence, ...]:
    """The sentences to quote for s: the one before when s refers back to it ("She signed ...", "The agency ...",
    "signed today" after the dateline, "the organisation" an organisation question asks the name of) or when a line
    break cut a fragment off, and the one before that when it refers back too ("The company has ... It will train
    ..."); the sentences that enumerate what s announces ("three themes")."""
    quoted = [s]
    if s.index > 0:
        before = sentences[s.index - 1]
        broken = ".," in text[s.start:s.start + 40] or text[s.start:s.start + 1].islower()
        if _leads_to(before, s, text) and (s.facts.has("anaphora") or (broken and "\n" not in text[before.end:s.start]
                                                                       and len(before.token_keys) <= 8)):
            quoted.insert(0, before)
            if before.facts.has("anaphora") and before.index > 0 \
                    and _leads_to(earlier := sentences[before.index - 1], before, text):
                quoted.insert(0, earlier)  # a chain of references takes its name from the sentence that opens it
        elif "date" in analysis.needs and s.facts.has("today") and before.facts.has("dateline") \
                and not s.facts.has("dateline"):
            quoted.insert(0, before)  # "today" is the dateline's date: quoted with it, the date asked can be checked
        elif analysis.named_type and _leads_to(before, s, text) and _calls_it(s, analysis.named_type) \
                and not s.facts.organisations and before.facts.organisations + before.facts.persons:
            quoted.insert(0, before)  # "Which organisation ...?": "..., the organisation has since drilled ..."
    noun = analysis.named_type
    if noun and not s.facts.organisations and quoted[0] is s \
            and (_calls_it(s, noun, "indefinite_articles", reach=2)
                 or _calls_it(s, noun, "determiners_nl" if s.lang == "nl" else "determiners")):
        # "assurée par une structure locale. ... L'Association ...", and "the association" that no sentence before
        # names: "Founded in 1996 in Mopti, the association will supervise the works. Hydraulique Solidaire ..."
        quoted += _named_after(s, sentences, text)
    if analysis.count and f"n:{analysis.count}" in s.keys:  # "three themes": the next sentences name them
        for nxt in sentences[s.index + 1:s.index + 1 + analysis.count]:
            if "\n" in text[quoted[-1].end:nxt.start]:
                break
            quoted.append(nxt)
            runs = [r for r in capitalised(" " + nxt.text) if not _run_keys(r) & analysis.known_keys]
            if len(runs) >= analysis.count:
                break
    return tuple(quoted)


def _calls_it(s: Sentence, noun: frozenset[str], determiners: str = "determiners", reach: int = 1) -> bool:
    """s calls something by the noun with a definite article or a demonstrative ("the organisation", "cette ONG"),
    without naming it: the name stands before; with an indefinite article up to `reach` words before the noun
    ("une structure locale", "a local association"), the name follows. "determiners_nl" reads a Dutch sentence's
    "de" as an article too ("de vereniging"): for a name that follows only; read for the name before, it joined "Voor
    de begeleiding werkt de vereniging samen met Vivaqua" to the sentence about the other body and lost the answer."""
    words = words_of()[determiners]
    return any(fold(s.tokens[j][0]) in words for i, k in enumerate(s.token_keys) if k & noun
               for j in range(max(0, i - reach), i))


def _named_after(s: Sentence, sentences: Sequence[Sentence], text: str) -> list[Sentence]:
    """The next NAMED_AFTER sentences after s, in its paragraph, up to the last that names an organisation: a body
    introduced as "une structure locale" is named a sentence or two later (the last, since an acronym such as
    "francs CFA" reads as one too). None when none names one."""
    following, named = [], 0
    for nxt in sentences[s.index + 1:s.index + 1 + NAMED_AFTER]:
        if not _leads_to(following[-1] if following else s, nxt, text):
            break
        following.append(nxt)
        if nxt.facts.organisations:
            named = len(following)
    return following[:named]


def _leads_to(before: Sentence, s: Sentence, text: str) -> bool:
    """`before` can give s what s refers back to: it stands in the same paragraph and is no heading or boilerplate."""
    return "\n\n" not in text[before.end:s.start] and not before.facts.has("heading") \
        and not before.facts.has("boilerplate")


def has_content_words(s: Sentence, enough: int) -> bool:
    """At least `enough` content words (numbers and months aside), reading the words only until they are found:
    most sentences have them in their first few words (Sentence.token_keys would key every word)."""
    langs, count = langs_for(s.lang), 0
    for k in (keys(w, langs) for w, _, _ in s.tokens):
        if k and not any(x[0] in "no" or x in _MONTH_KEYS for x in k):
            count += 1
            if count >= enough:
                return True
    return False


def _run_keys(run) -> frozenset[str]:
    return frozenset().union(*(keys(w) for w, _, _ in run))
