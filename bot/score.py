"""Scoring of the retrieved sentences: term coverage (sentence, neighbourhood, release), the kind of fact asked
for (date, number, person, place, name), the question's names nearby, position, recency, corrections."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from bot.analysis import Analysis
from bot.cite import retrieved_spans
from bot.evidence import MONTHS_EN, Evidence, Sentence
from bot.glossary import keys, words
from bot.query import capitalised as _capital_runs
from bot.records import Passage, Query
from bot.retrieve import coverage
from ingest.metadata.dates import find_dates
from ingest.records import Release

NEED_WEIGHT = 0.35
SENTENCE_MIN = 0.2  # share of the question's term weight a sentence with its context must hold (half: comparisons)
NAME_WINDOW = 8  # words between the asked-for noun and the name that answers it
MIN_WORDS = 2  # content words (numbers and months aside) a sentence needs ("Brussel, 4 februari 2020" has one)
SPECIFIC = 0.15  # weight of the question words that single this sentence out within its release
CONVERSATION = 0.2  # a follow-up is about the release the conversation was about
RECENCY = 0.2  # bonus of the newest release when the question asks for the latest or current state


@dataclass
class Candidate:
    sentence: Sentence
    release: Release
    end: int
    keys: frozenset[str]
    start: int = -1
    score: float = 0.0
    base: float = 0.0  # the score without the answer-type part
    cov: float = 0.0
    cov_release: float = 0.0
    anchors: float = 1.0
    local: float = 1.0  # idf-weighted share of the question's names held by the sentence, its neighbour, the title
    needs: dict = field(default_factory=dict)
    predicate: float = 1.0  # share of the question's own words other than its names held around the sentence
    dated: bool = True  # a year the question names is near the sentence or is the release's year
    elsewhere: bool = False  # the sentence is about another place than the one asked about

    @property
    def need(self) -> float:
        return max(self.needs.values()) if self.needs else 1.0


class Scorer:
    """Turns retrieved passages into scored candidate sentences."""

    def __init__(self, evidence: Evidence):
        self.evidence = evidence

    def candidates(self, query: Query, analysis: Analysis, passages: Sequence[Passage]) -> list[Candidate]:
        return self._candidates(query, analysis, passages)

    def _candidates(self, query: Query, analysis: Analysis, passages: Sequence[Passage]) -> list[Candidate]:
        if not passages:
            return []
        spans = retrieved_spans(passages)
        top = max(p.score for p in passages) or 1.0
        question_dates = {d.iso() for _, _, d in find_dates(query.resolved)}  # dates already known are not news
        newest = max((p.release.published for p in passages if p.release.published), default=None)
        out: dict[tuple[str, int], Candidate] = {}
        for p in passages:
            sentences = self.evidence.sentences[p.release.id]
            for s in self.evidence.overlapping(p.release.id, p.chunk.start, p.chunk.end):
                if s.boilerplate or (s.release_id, s.index) in out or _words(s) < MIN_WORDS:
                    continue
                if not any(a <= s.start and s.end <= b for a, b in spans[p.release.id]):
                    continue
                start, end = self._span(s, sentences, p.release.text, analysis)
                if not any(a <= start and end <= b for a, b in spans[p.release.id]):
                    start, end = s.start, s.end
                keys = frozenset().union(*(x.keys for x in _until(sentences, s.index, end)))
                c = Candidate(s, p.release, end, keys, start=start)
                self._score(c, query, analysis, p.score / top, question_dates, newest)
                out[(s.release_id, s.index)] = c
        return list(out.values())

    def _span(self, s: Sentence, sentences: list[Sentence], text: str, analysis: Analysis) -> tuple[int, int]:
        """The quote around sentence s: a short fragment before it on the same line ("... grew out of *Live
        here.*"), the list it introduces, or the sentences that enumerate the items it announces ("three themes")."""
        start, end = s.start, s.end
        if s.index > 0:
            before = sentences[s.index - 1]
            broken = ".," in text[s.start:s.start + 40] or text[s.start:s.start + 1].islower()
            if broken and len(before.token_keys) <= 8 and "\n" not in text[before.end:s.start]:
                start = before.start  # "Brussels Voice grew out of Live here." + "Speak, hear., the project ..."
        if s.list_end:
            return start, s.list_end
        if analysis.count and f"n:{analysis.count}" in s.keys:  # "three themes": the next sentences name them
            for nxt in sentences[s.index + 1:s.index + 1 + analysis.count]:
                if "\n" in text[end:nxt.start]:
                    break
                end = nxt.end
                runs = [r for r in _capital_runs(" " + text[nxt.start:nxt.end]) if not keys_of(r) & analysis.known_keys]
                if len(runs) >= analysis.count:
                    break
        return start, end

    def _score(self, c: Candidate, query: Query, analysis: Analysis, passage: float, question_dates, newest) -> None:
        s, release = c.sentence, c.release
        sentences = self.evidence.sentences[release.id]
        before = sentences[s.index - 1].keys if s.index > 0 else frozenset()
        intro = next((x.keys for x in sentences[max(0, s.index - 10):s.index] if x.list_end and x.list_end >= s.end),
                     frozenset())  # a list item is read with the sentence that introduces the list
        context = c.keys | before | intro | self.evidence.title_keys[release.id]
        release_keys = self.evidence.release_keys[release.id]
        c.cov = coverage(analysis, c.keys, ranking=False) * 0.7 + coverage(analysis, context, ranking=False) * 0.3
        if c.cov < SENTENCE_MIN / 2:
            c.score = c.base = -1.0  # neither eligible nor in a comparison's pool: the rest is not worth computing
            return
        c.cov_release = coverage(analysis, release_keys | c.keys, ranking=False)
        c.anchors = anchor_share(analysis, release_keys)
        c.needs = {kind: self._need(kind, c, analysis, question_dates) for kind in analysis.needs}
        soft = [self._need(kind, c, analysis, question_dates) for kind in analysis.soft]
        values = list(c.needs.values()) + soft
        need = sum(values) / len(values) if values else 0.5
        local = self._local_anchors(analysis, context)
        c.local = local
        after = sentences[s.index + 1].keys if s.index + 1 < len(sentences) else frozenset()
        c.dated = self._year_near(analysis, context | after, release)
        c.predicate = _predicate(analysis, c.keys | before | after)
        c.elsewhere = self._elsewhere(c, analysis)
        recency = 0.0
        if query.wants_latest and newest and release.published:
            recency = RECENCY / (1 + (newest.earliest() - release.published.earliest()).days / 365)
        items = 0.0
        if analysis.listing:
            wanted = analysis.count or 3
            shown = release.text[c.start:c.end]
            items = 0.1 * min(max(_names_count(shown), shown.count("\n")), wanted) / wanted
        c.base = (0.35 * coverage(analysis, c.keys) + 0.2 * coverage(analysis, context) + 0.1 * c.cov_release
                  + SPECIFIC * self._specific(analysis, c) + CONVERSATION * _conversation(analysis, release_keys)
                  + 0.05 * local + 0.05 * passage - 0.03 * min(s.index, 20) / 20 + recency + items
                  - 0.3 * s.superseded - 0.1 * s.caption - 0.1 * c.elsewhere
                  - 0.15 * _other_ordinal(c.keys, analysis.question_keys))
        c.score = c.base + NEED_WEIGHT * need

    def _specific(self, analysis: Analysis, c: Candidate) -> float:
        """Coverage counted with the question words that are rare within the release: in a release about the
        Seoul office every sentence says "Seoul", only one says "memorandum"."""
        df, n = self.evidence.release_df[c.release.id], len(self.evidence.sentences[c.release.id]) or 1
        got = total = 0.0
        for t in analysis.terms:
            inside = max((df.get(k, 0) for k in t.keys), default=0)
            weight = t.weight * t.boost * (1.0 - min(inside, n) / (n + 1))
            total += weight
            if t.keys & c.keys:
                got += weight
        return got / total if total else 0.0

    def _need(self, kind: str, c: Candidate, analysis: Analysis, question_dates) -> float:
        s = c.sentence
        if kind == "date":
            dates = [d for d in s.dates if d.iso() not in question_dates]
            if not dates:
                return 0.0
            if s.index <= 2 and len(s.token_keys) <= 12 and c.release.published in dates:
                return 0.3  # a dateline gives the publication date, not the event's
            return max({"day": 1.0, "month": 0.8, "year": 0.5}[d.precision] for d in dates)
        numbers = [(i, v) for i, v in s.numbers if f"n:{v}" not in analysis.question_keys]
        if kind in ("number", "money", "size"):
            if not numbers:
                return 0.0
            if kind == "money":
                return 0.2 if not s.money else 1.0 if self._related(c, analysis) else 0.4
            if kind == "size":  # "bigger" may compare areas or head counts
                return 1.0 if s.size else 0.6
            if not analysis.heads:
                return 0.8
            near = max(sum(1 for h in analysis.heads if any(h & k for k in s.token_keys[max(0, i - 4):i + 7]))
                       for i, _ in numbers) / len(analysis.heads)
            return max(0.6 + 0.4 * near, 0.8 if s.percent else 0.0)
        if kind == "name":  # "which <noun> ...": the noun, and a name the question does not know beside it
            if not analysis.focus:
                return 1.0 if self._new_name(c, analysis) else 0.3
            return 0.5 * bool(analysis.focus & c.keys) + 0.5 * self._new_name(c, analysis)
        if kind == "person":
            if not any(not (name & analysis.known_keys) for name in s.names):
                return 0.0
            return 1.0 if self._related(c, analysis) else 0.3
        new_partner = any(k and not (k & analysis.known_keys) for k in s.partners)
        new_place = new_partner or any(k and not (k & analysis.known_keys) for k in s.places)
        if kind == "address":
            return 1.0 if s.address else 0.3 if new_place else 0.0
        return 1.0 if s.address or new_partner else 0.8 if new_place else 0.3 if s.place else 0.0  # place

    def _elsewhere(self, c: Candidate, analysis: Analysis) -> bool:
        """The sentence is about another place than the one asked about ("the mission to China" for Japan)."""
        if not analysis.places or any(_holds(w, c.keys) for w in analysis.places):
            return False
        return any(not (p & analysis.known_keys) for p in c.sentence.partners)

    def _related(self, c: Candidate, analysis: Analysis) -> bool:
        """Whether the sentence or its neighbours say what the person did ("chaired", "signed", "succeeded"),
        or that an amount is a cost."""
        if not analysis.relation:
            return True
        sentences = self.evidence.sentences[c.release.id]
        around = sentences[max(0, c.sentence.index - 1):c.sentence.index + 2]
        return bool(analysis.relation & (c.keys.union(*(x.keys for x in around))))

    def _year_near(self, analysis: Analysis, context: frozenset[str], release: Release) -> bool:
        """A year the question names ("the mission to Canada in 2023") is in the sentence, its neighbours or the
        title, or is the release's own year: elsewhere in the release it may date another event."""
        years = analysis.year_anchors
        if not years:
            return True
        published = frozenset()
        if release.published:
            published = keys(str(release.published.year))
            if release.published.month:
                published |= keys(MONTHS_EN[release.published.month - 1])
        return any(_holds(w, context) or _holds(w, published) for w in years)

    def _local_anchors(self, analysis: Analysis, context: frozenset[str]) -> float:
        """Names must be near the sentence (years: see _year_near)."""
        names = analysis.name_anchors
        if not names:
            return 1.0
        weights = [max(self.evidence.idf(w) for w in words) for words in names]
        return sum(wt for wt, words in zip(weights, names) if _holds(words, context)) / sum(weights)

    def _new_name(self, c: Candidate, analysis: Analysis) -> bool:
        """A proper name the question does not know, close to the asked-for noun when there is one."""
        text = " " + c.release.text[c.start:c.end]
        tokens = words(text)
        at = [i for i, (w, _, _) in enumerate(tokens) if analysis.focus & keys(w)]
        for run in _capital_runs(text):
            if _known(run, analysis.known_keys):
                continue
            if all(any(k.startswith("g:") for k in keys(w)) for w, _, _ in run):
                continue  # "Government", "Region": common nouns with a capital
            first = next(i for i, (w, s, _) in enumerate(tokens) if s == run[0][1])
            if not at or any(abs(first - i) <= NAME_WINDOW or first <= i < first + len(run) for i in at):
                return True
        return False

    def missing_anchor(self, analysis: Analysis, candidates: Sequence[Candidate]) -> str | None:
        held = [self.evidence.release_keys[rid] for rid in {c.release.id for c in candidates}]
        for label, name in analysis.anchors:
            if not any(_holds(name, k) for k in held):
                return label
        return None


def _until(sentences: Sequence[Sentence], first: int, end: int):
    """Sentences from index `first` that end by `end` (a quote's sentences, in order)."""
    for x in sentences[first:]:
        if x.end > end:
            return
        yield x


def _conversation(analysis: Analysis, release_keys: frozenset[str]) -> float:
    """How much of what the earlier turns spoke of a release holds (0 when the question stands alone)."""
    earlier = analysis.history_terms
    total = sum(t.weight for t in earlier)
    return sum(t.weight for t in earlier if t.keys & release_keys) / total if total else 0.0


def _predicate(analysis: Analysis, found: frozenset[str]) -> float:
    """What the question says of its names ("*signed* a *cooperation agreement* with Casablanca"), as the share of
    the weight of its own words that are not names, found in `found`."""
    own = analysis.own_terms
    total = sum(t.weight for t in own)
    return sum(t.weight for t in own if t.keys & found) / total if total else 1.0


def anchor_share(analysis: Analysis, found: frozenset[str]) -> float:
    """Share of the question's names that `found` holds; its years count as one name that any of them fills
    ("agreements in 2022 and 2023": a release of either year)."""
    names, years = analysis.name_anchors, analysis.year_anchors
    if not names and not years:
        return 1.0
    held = sum(_holds(name, found) for name in names) + (any(_holds(w, found) for w in years) if years else 0)
    return held / (len(names) + bool(years))


def _holds(words: tuple[frozenset[str], ...], keys: frozenset[str]) -> bool:
    """A name is in a text when all its words are (two of three for longer names)."""
    hits = sum(1 for w in words if w & keys)
    return hits == len(words) if len(words) <= 2 else hits * 3 >= len(words) * 2


def _words(s: Sentence) -> int:
    return sum(1 for k in s.token_keys if k and not any(x[0] in "no" or x in _MONTH_KEYS for x in k))


_MONTH_KEYS = frozenset().union(*(keys(m) for m in MONTHS_EN))


def _other_ordinal(found: frozenset[str], asked: frozenset[str]) -> bool:
    """The question asks about the tenth summit and the sentence speaks of the seventh."""
    wanted = {k for k in asked if k.startswith("o:")}
    present = {k for k in found if k.startswith("o:")}
    return bool(wanted and present and not wanted & present)


def _newer(a: Release, b: Release) -> bool:
    return bool(a.published and b.published and a.published.earliest() > b.published.latest())


def _names_count(text: str) -> int:
    return sum(1 for i, w in enumerate(text.split()) if i > 0 and w[:1].isupper())


def _known(run: list[tuple[str, int, int]], known: frozenset[str]) -> bool:
    """Every word of the name is in the question ("Pascal Smet"); "Seoul Business Agency" is new beside "Seoul"."""
    return all(keys(w) & known for w, _, _ in run)


def keys_of(run: list[tuple[str, int, int]]) -> frozenset[str]:
    return frozenset().union(*(keys(w) for w, _, _ in run))
