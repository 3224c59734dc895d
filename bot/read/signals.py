"""Generic signals of a candidate quote, each a number in [0, 1]: how much of the question it holds (alone, with its
neighbours, in its release), whether it holds the kind of answer asked for (a person, a date, a figure with its
unit, a place, an organisation), where it stands, how recent its release is, whether it is a heading, a caption or
a superseded figure. bot.read.model weighs them with weights learned from labelled questions."""
from __future__ import annotations

from typing import Sequence

from bot.corpus import MONTHS_EN, Corpus, Sentence
from bot.question.analysis import Analysis, Term
from bot.read.candidates import Candidate
from bot.read.compounds import counts_noun, heads as compound_heads, stems
from bot.read.kinds import kind_near, kind_score, known_name
from bot.read.origin import asked_origins, of_the_asked_origin
from bot.records import Query
from ingest.records import PartialDate
from ingest.terms import keys

TRANSLATED = 0.8  # a match through the glossary or a cognate prefix is less certain than the same word
FEATURES = (
    "cov", "cov_context", "cov_release", "specific", "names_near", "names_release", "predicate", "kind",
    "kind_before", "no_kind", "head_near", "passage", "first_passage", "position", "lead", "recent", "newest",
    "superseded", "correction", "caption", "heading", "quote", "short", "year_ok", "elsewhere", "conversation",
    "relation", "anaphora", "list_items", "dateline", "extended", "kind_x_cov", "kind_x_names", "kind_x_predicate",
    "kind_near",
) + (  # what kind of question it is (the same for all its candidates): a learned ranker weighs the signals above
    # differently for a person, a date, a figure, a list, a comparison or a follow-up
    "q_person", "q_date", "q_figure", "q_place", "q_name", "q_list", "q_compare", "q_followup", "q_no_kind",
)
FIGURE_KINDS = frozenset({"number", "money", "size", "percent", "duration"})


def coverage(terms: Sequence[Term], found: frozenset[str], ranking: bool = True) -> float:
    """Share of the terms' weight whose keys occur in `found` (translated matches count a bit less)."""
    total = got = 0.0
    for t in terms:
        weight = t.weight * (t.boost if ranking else 1.0)
        total += weight
        shared = t.keys & found
        if shared:
            got += weight * (1.0 if any(k[0] in "sno" for k in shared) else TRANSLATED)
    return got / total if total else 0.0


def signals(corpus: Corpus, query: Query, analysis: Analysis, cands: Sequence[Candidate]) -> None:
    """Fills every candidate's `features` (see FEATURES)."""
    dated = [c.release.published for c in cands if c.release.published]
    newest = max(dated, default=None)
    asked_dates = set(analysis.question_dates)
    question = question_kind(query, analysis)
    per_question = _PerQuestion(corpus, analysis)
    for c in cands:
        c.features = _features(corpus, query, analysis, c, newest, asked_dates, per_question) | question


class _PerQuestion:
    """What every candidate's signals read that depends only on the question (and on the release): computed once,
    not once per candidate (a question weighs some three hundred candidates)."""

    def __init__(self, corpus: Corpus, analysis: Analysis):
        own = analysis.own_terms or analysis.terms
        self.own_keys = frozenset().union(*(t.keys for t in own))
        self.name_weights = [max(corpus.idf(w) for w in words) for words in analysis.name_anchors]
        self._specific: dict[str, tuple[list[float], float]] = {}
        self._stems = stems(k for t in analysis.terms for k in t.keys)
        self._heads: dict[str, frozenset[str]] = {}
        self.corpus, self.analysis = corpus, analysis

    def compound_heads(self, c: Candidate) -> frozenset[str]:
        """The question's words that end a Dutch compound of the quote, as keys (bot.read.compounds)."""
        if c.sentence.lang != "nl" or not self._stems:
            return frozenset()
        found: set[str] = set()
        for k in c.keys:
            if (got := self._heads.get(k)) is None:
                got = self._heads[k] = compound_heads(frozenset((k,)), self._stems)
            found |= got
        return frozenset(found)

    def specific_weights(self, release_id: str) -> tuple[list[float], float]:
        """Each question term's weight in the release (lower when many of its sentences hold the term), and their
        sum."""
        found = self._specific.get(release_id)
        if found is None:
            df, n = self.corpus.release_df(release_id), len(self.corpus.sentences(release_id)) or 1
            weights = [t.weight * t.boost * (1.0 - min(max((df.get(k, 0) for k in t.keys), default=0), n) / (n + 1))
                       for t in self.analysis.terms]
            found = self._specific[release_id] = (weights, sum(weights))
        return found


def question_kind(query: Query, analysis: Analysis) -> dict[str, float]:
    """The q_* signals: the kind of answer the question asks for and its shape."""
    needs = set(analysis.needs)
    return {"q_person": float("person" in needs), "q_date": float("date" in needs),
            "q_figure": float(bool(needs & FIGURE_KINDS)), "q_place": float(bool(needs & {"place", "address"})),
            "q_name": float(bool(needs & {"organisation", "name", "payer"})), "q_list": float(analysis.listing),
            "q_compare": float(bool(analysis.compare or analysis.comparative)),
            "q_followup": float(bool(query.previous)), "q_no_kind": float(not needs)}


def _features(corpus: Corpus, query: Query, analysis: Analysis, c: Candidate, newest: PartialDate | None,
              asked_dates: set[str], per_question: _PerQuestion) -> dict[str, float]:
    s, release = c.sentence, c.release
    sentences = corpus.sentences(release.id)
    before = sentences[s.index - 1] if s.index > 0 else None
    after = sentences[s.index + 1] if s.index + 1 < len(sentences) else None
    quoted = c.keys | per_question.compound_heads(c)
    around = quoted | (before.keys if before else frozenset()) | (after.keys if after else frozenset())
    context = around | corpus.title_keys(release.id)
    release_keys = c.release_keys = corpus.release_keys(release.id)
    own = analysis.own_terms or analysis.terms
    kinds = [kind_score(kind, s, analysis, asked_dates, release.published) for kind in analysis.needs]
    kinds_quote = [max((kind_score(kind, q, analysis, asked_dates, release.published) for q in c.sentences), default=0)
                   for kind in analysis.needs] if len(c.sentences) > 1 else []
    recency = 0.0
    if newest and release.published:
        recency = 1.0 / (1 + (newest.earliest() - release.published.earliest()).days / 365)
    shown = c.quote
    found = {
        "cov": coverage(analysis.terms, quoted),
        "cov_context": coverage(analysis.terms, context),
        "cov_release": coverage(analysis.terms, release_keys | quoted, ranking=False),
        "specific": _specific(analysis, quoted, c.release.id, per_question),
        "names_near": _names_share(analysis, context, per_question),
        "names_release": _names_share(analysis, release_keys, per_question),
        "predicate": coverage(own, around) if analysis.own_terms else 1.0,
        "kind": max(kinds, default=0.0),
        "kind_before": max(kinds_quote, default=0.0),
        "no_kind": float(not analysis.needs),
        "head_near": _head_near(s, analysis),
        "passage": c.passage,
        "first_passage": float(c.rank == 0),
        "position": min(s.index, 30) / 30,
        "lead": float(s.index <= 2),
        "recent": recency * query.wants_latest,
        "newest": float(bool(newest) and release.published == newest) * query.wants_latest,
        "superseded": float(s.facts.has("superseded")),
        "correction": float(any(q.facts.has("correction") for q in c.sentences)),
        "caption": float(s.facts.has("caption")),
        "heading": float(s.facts.has("heading")),
        "quote": float(s.facts.has("quote")),
        "short": float(len(s.tokens) < 8),
        "year_ok": float(_year_ok(analysis, context, release.published)),
        "elsewhere": float(_elsewhere(s, analysis)),
        "conversation": coverage(analysis.history_terms, release_keys, ranking=False),
        "relation": float(bool(analysis.relation) and bool(analysis.relation & around)),
        "anaphora": float(s.facts.has("anaphora")),
        "list_items": min(len(_items(shown)), 6) / 6 * analysis.listing,
        "dateline": float(s.facts.has("dateline")),
        "extended": float(c.end > s.end or c.start < s.start),
    }
    found["kind_near"] = max((kind_near(kind, s, analysis, per_question.own_keys) for kind in analysis.needs),
                             default=0.0)
    kind = max(found["kind"], found["kind_before"]) if analysis.needs else 0.5
    found["kind_x_cov"] = kind * found["cov_context"]
    found["kind_x_names"] = kind * found["names_near"]
    found["kind_x_predicate"] = kind * found["predicate"]
    return found


def _head_near(s: Sentence, analysis: Analysis) -> float:
    """A figure stands beside the noun the question counts ("how many *companies*")."""
    if not analysis.heads or not s.facts.numbers:
        return 0.0
    hits = [sum(1 for h in analysis.heads if counts_noun(s, pos, h))
            for pos, _, _ in of_the_asked_origin(s.facts.numbers, s, asked_origins(analysis))]
    return max(hits, default=0) / len(analysis.heads)


def _specific(analysis: Analysis, found: frozenset[str], release_id: str, per_question: _PerQuestion) -> float:
    """Coverage counted with the question words that are rare within the release: in a release about the Seoul
    office every sentence says "Seoul", only one says "memorandum"."""
    weights, total = per_question.specific_weights(release_id)
    got = sum(weight for t, weight in zip(analysis.terms, weights) if t.keys & found)
    return got / total if total else 0.0


def _names_share(analysis: Analysis, found: frozenset[str], per_question: _PerQuestion) -> float:
    names = analysis.name_anchors
    if not names:
        return 1.0
    weights = per_question.name_weights
    return sum(wt for wt, words in zip(weights, names) if holds(words, found)) / (sum(weights) or 1.0)


def holds(words: tuple[frozenset[str], ...], found: frozenset[str]) -> bool:
    """A name is in a text when all its words are (two of three for longer names)."""
    hits = sum(1 for w in words if w & found)
    return hits == len(words) if len(words) <= 2 else hits * 3 >= len(words) * 2


def _year_ok(analysis: Analysis, context: frozenset[str], published: PartialDate | None) -> bool:
    """A year the question names is near the sentence or is the release's own year."""
    years = analysis.year_anchors
    if not years:
        return True
    own = frozenset()
    if published:
        own = keys(str(published.year)) | (keys(MONTHS_EN[published.month - 1]) if published.month else frozenset())
    return any(holds(w, context) or holds(w, own) for w in years)


def _elsewhere(s: Sentence, analysis: Analysis) -> bool:
    """The sentence is about another place than the one asked about ("the mission to China" for Japan)."""
    if not analysis.places or any(holds(w, s.keys) for w in analysis.places):
        return False
    return any(not known_name(p, analysis.known_keys) for p in s.facts.partners)


def _items(text: str) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[1:] if len(lines) > 1 else [part for part in text.split(",")][1:]

