"""Generic signals of a candidate quote, each a number in [0, 1]: how much of the question it holds (alone, with its
neighbours, in its release), whether it holds the kind of answer asked for (a person, a date, a figure with its
unit, a place, an organisation), where it stands, how recent its release is, whether it is a heading, a caption or
a superseded figure. bot.read.model weighs them with weights learned from labelled questions."""
from __future__ import annotations

from typing import Sequence

from bot.corpus import MONTHS_EN, Corpus, Sentence
from bot.question.analysis import Analysis, Term
from bot.read.candidates import Candidate
from bot.read.leads import sentence_end_dates
from bot.read.origin import asked_origins, of_the_asked_origin
from bot.records import Query
from ingest.metadata.dates import find_dates
from ingest.records import PartialDate
from ingest.terms import keys

TRANSLATED = 0.8  # a match through the glossary or a cognate prefix is less certain than the same word
NEAR = 6  # words between a figure and the noun it counts
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
    for c in cands:
        c.features = _features(corpus, query, analysis, c, newest, asked_dates) | question


def question_kind(query: Query, analysis: Analysis) -> dict[str, float]:
    """The q_* signals: the kind of answer the question asks for and its shape."""
    needs = set(analysis.needs)
    return {"q_person": float("person" in needs), "q_date": float("date" in needs),
            "q_figure": float(bool(needs & FIGURE_KINDS)), "q_place": float(bool(needs & {"place", "address"})),
            "q_name": float(bool(needs & {"organisation", "name"})), "q_list": float(analysis.listing),
            "q_compare": float(bool(analysis.compare or analysis.comparative)),
            "q_followup": float(bool(query.previous)), "q_no_kind": float(not needs)}


def _features(corpus: Corpus, query: Query, analysis: Analysis, c: Candidate, newest: PartialDate | None,
              asked_dates: set[str]) -> dict[str, float]:
    s, release = c.sentence, c.release
    sentences = corpus.sentences(release.id)
    before = sentences[s.index - 1] if s.index > 0 else None
    after = sentences[s.index + 1] if s.index + 1 < len(sentences) else None
    around = c.keys | (before.keys if before else frozenset()) | (after.keys if after else frozenset())
    context = around | corpus.title_keys(release.id)
    release_keys = c.release_keys = corpus.release_keys(release.id)
    own = analysis.own_terms or analysis.terms
    kinds = [_kind(kind, s, analysis, asked_dates, release.published) for kind in analysis.needs]
    kinds_quote = [max((_kind(kind, q, analysis, asked_dates, release.published) for q in c.sentences), default=0)
                   for kind in analysis.needs]
    recency = 0.0
    if newest and release.published:
        recency = 1.0 / (1 + (newest.earliest() - release.published.earliest()).days / 365)
    shown = c.quote
    found = {
        "cov": coverage(analysis.terms, c.keys),
        "cov_context": coverage(analysis.terms, context),
        "cov_release": coverage(analysis.terms, release_keys | c.keys, ranking=False),
        "specific": _specific(corpus, analysis, c),
        "names_near": _names_share(corpus, analysis, context),
        "names_release": _names_share(corpus, analysis, release_keys),
        "predicate": coverage(own, around) if analysis.own_terms else 1.0,
        "kind": max(kinds, default=0.0),
        "kind_before": max(kinds_quote, default=0.0) if len(c.sentences) > 1 else 0.0,
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
    found["kind_near"] = max((_kind_near(kind, s, analysis) for kind in analysis.needs), default=0.0)
    kind = max(found["kind"], found["kind_before"]) if analysis.needs else 0.5
    found["kind_x_cov"] = kind * found["cov_context"]
    found["kind_x_names"] = kind * found["names_near"]
    found["kind_x_predicate"] = kind * found["predicate"]
    return found


UNMARKED_NAME = 0.5  # an organisation question's credit for a name no organisation word marks


def _kind(kind: str, s: Sentence, analysis: Analysis, asked_dates: set[str], published) -> float:
    """How well sentence s holds the kind of answer asked for (1: plainly; 0: not at all)."""
    f = s.facts
    known = analysis.known_keys
    if kind == "date":
        dates = [d for d in f.dates if d not in asked_dates]
        if not analysis.asks_end and dates:  # the end of a period is not the date of the event asked about
            ends = {d.iso() for d in sentence_end_dates(s.text, periods=True)}
            dates = [d for d in dates if d not in ends]
        if not dates:
            return 0.0
        return max({3: 1.0, 2: 0.8, 1: 0.5}[len(d.split("-"))] for d in dates)
    if kind in ("number", "money", "size", "percent", "duration"):
        numbers = of_the_asked_origin(analysis.untold(f.numbers), s, asked_origins(analysis))
        wanted = {"money": ("money",), "size": ("size", "count"), "percent": ("percent",),
                  "duration": ("duration",)}.get(kind, ("count", "percent", "money"))
        if not numbers:
            return 0.0
        return 1.0 if any(unit in wanted for _, _, unit in numbers) else 0.4
    if kind == "person":
        return 1.0 if any(not _known(name, known) for name in f.persons) else 0.0
    if kind == "organisation":  # a company's bare name ("Nuvia Health") reads like a person's: half credit
        if any(not _known(name, known) for name in f.organisations):
            return 1.0
        return UNMARKED_NAME if any(not _known(name, known) for name in f.persons) else 0.0
    if kind == "address":
        return 1.0 if f.has("address") else 0.0
    if kind == "place":
        new = [p for p in f.partners + f.places if not _known(p, known)]
        return 1.0 if new or f.has("address") else 0.0
    if kind == "name":
        names = f.persons + f.organisations + f.partners + f.places
        return 1.0 if any(not _known(n, known) for n in names) else 0.0
    return 0.5


def _kind_near(kind: str, s: Sentence, analysis: Analysis) -> float:
    """How close, in words, the asked-for kind of answer stands to the question's own words in the sentence (the
    date of *the signing*, not of the visit told in the same sentence): 1 when adjacent, falling with distance."""
    own = analysis.own_terms or analysis.terms
    terms = [i for i, k in enumerate(s.token_keys) if any(t.keys & k for t in own)]
    answers = _kind_positions(kind, s, analysis.known_keys)
    if not terms or not answers:
        return 0.0
    distance = min(abs(a - t) for a in answers for t in terms)
    return 1.0 / (1.0 + distance / 4)


def _kind_positions(kind: str, s: Sentence, known: frozenset[str]) -> list[int]:
    """Word positions in s of what would answer `kind` (figures, dates, names the question does not know)."""
    f = s.facts
    if kind in ("number", "money", "size", "percent", "duration"):
        return [pos for pos, _, _ in f.numbers]
    starts = {start: i for i, (_, start, _) in enumerate(s.tokens)}
    if kind == "date":
        return [starts[start] for start, _, _ in find_dates(s.text) if start in starts]
    names = {"person": f.persons, "organisation": f.organisations, "place": f.partners + f.places,
             "name": f.persons + f.organisations + f.places}.get(kind, ())
    first = {n.split()[0] for n in names if not _known(n, known)}
    return [i for i, (w, _, _) in enumerate(s.tokens) if w in first]


def _known(name: str, known: frozenset[str]) -> bool:
    """Every word of the name is in the question or the conversation ("Pascal Smet")."""
    found = [keys(w) for w in name.replace("-", " ").split() if keys(w)]
    return bool(found) and all(k & known for k in found)


def _head_near(s: Sentence, analysis: Analysis) -> float:
    """A figure stands beside the noun the question counts ("how many *companies*")."""
    if not analysis.heads or not s.facts.numbers:
        return 0.0
    hits = [sum(1 for h in analysis.heads if any(h & k for k in s.token_keys[max(0, pos - 3):pos + NEAR]))
            for pos, _, _ in of_the_asked_origin(s.facts.numbers, s, asked_origins(analysis))]
    return max(hits, default=0) / len(analysis.heads)


def _specific(corpus: Corpus, analysis: Analysis, c: Candidate) -> float:
    """Coverage counted with the question words that are rare within the release: in a release about the Seoul
    office every sentence says "Seoul", only one says "memorandum"."""
    df, n = corpus.release_df(c.release.id), len(corpus.sentences(c.release.id)) or 1
    got = total = 0.0
    for t in analysis.terms:
        inside = max((df.get(k, 0) for k in t.keys), default=0)
        weight = t.weight * t.boost * (1.0 - min(inside, n) / (n + 1))
        total += weight
        if t.keys & c.keys:
            got += weight
    return got / total if total else 0.0


def _names_share(corpus: Corpus, analysis: Analysis, found: frozenset[str]) -> float:
    names = analysis.name_anchors
    if not names:
        return 1.0
    weights = [max(corpus.idf(w) for w in words) for words in names]
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
    return any(not _known(p, analysis.known_keys) for p in s.facts.partners)


def _items(text: str) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[1:] if len(lines) > 1 else [part for part in text.split(",")][1:]

