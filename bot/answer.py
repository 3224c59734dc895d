"""The default, extractive answerer: scores the retrieved sentences against what the question asks for, picks
1-4 of them (one per compared item, one per listed release), or abstains when the evidence is weak."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from bot.analysis import Analysis
from bot.cite import Claim, retrieved_spans
from bot.evidence import Evidence, Sentence
from bot.glossary import keys, words
from bot.query import capitalised as _capital_runs
from bot.records import Passage, Query
from bot.render import abstain_text, format_date, newest_note
from bot.retrieve import coverage
from ingest.metadata.dates import find_dates
from ingest.records import PartialDate, Release

RELEASE_MIN = 0.6  # share of the question's term weight the release must hold
SENTENCE_MIN = 0.2  # ... and the sentence with its context
NEED_MIN = 0.5  # how well the sentence must hold the kind of fact asked for
SECOND_RATIO = 0.85  # a second release is shown when it scores this close to the best
LATEST_RATIO = 0.6  # ... or, when the question asks for the current state, a newer release this close
LIST_RATIO = 0.7
MAX_CLAIMS = 4
NEED_WEIGHT = 0.25
LOCAL_MIN = 0.5  # a one-fact answer must be about the question's names, not only found in the same release
NAME_WINDOW = 8  # words between the asked-for noun and the name that answers it
_REASON = {"date": "date", "number": "number", "money": "number", "size": "number", "person": "person",
           "place": "place", "address": "place"}


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

    @property
    def need(self) -> float:
        return max(self.needs.values()) if self.needs else 1.0


@dataclass(frozen=True)
class Draft:
    """The answer before verification: claims to cite, or the abstention text."""

    claims: tuple[Claim, ...] = ()
    lead: str = ""
    footer: str = ""
    as_list: bool = False
    abstain: str = ""


class Extractive:
    """Answers from the releases' own sentences; no model, deterministic, a few milliseconds."""

    def __init__(self, evidence: Evidence):
        self.evidence = evidence

    def draft(self, query: Query, analysis: Analysis, passages: Sequence[Passage], scope: Sequence[Release],
              filtered: bool = False) -> Draft:
        candidates = self._candidates(query, analysis, passages)
        missing = self._missing_anchor(analysis, candidates)
        if not candidates or missing:
            reason = "mentions" if missing else "other"
            return Draft(abstain=abstain_text(scope, query.lang, reason, missing or "", filtered))
        years = [w for label, w in analysis.anchors if _is_year(label)]
        eligible = [c for c in candidates if c.cov_release >= RELEASE_MIN and c.cov >= SENTENCE_MIN
                    and c.need >= NEED_MIN and c.anchors >= (0.5 if analysis.compare else 1.0)
                    and (c.local >= LOCAL_MIN or analysis.listing or analysis.compare)
                    and all(_holds(w, self.evidence.release_keys[c.release.id]) for w in years)]
        if not eligible:
            reason = _REASON.get(analysis.needs[0], "other") if analysis.needs else "other"
            return Draft(abstain=abstain_text(scope, query.lang, reason, "", filtered))
        eligible.sort(key=lambda c: -c.score)
        if analysis.compare:
            chosen, labels = self._compare(analysis, candidates, eligible)
        elif analysis.listing:
            chosen, labels = self._listing(eligible), {}
        else:
            chosen, labels = self._single(analysis, eligible, query.wants_latest), {}
        return self._compose(query, analysis, chosen, labels)

    # ---- scoring

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
                if s.boilerplate or (s.release_id, s.index) in out or len(s.token_keys) < 3:
                    continue
                if not any(a <= s.start and s.end <= b for a, b in spans[p.release.id]):
                    continue
                start, end = self._span(s, sentences, p.release.text, analysis)
                if not any(a <= start and end <= b for a, b in spans[p.release.id]):
                    start, end = s.start, s.end
                keys = frozenset().union(*(x.keys for x in sentences if s.start <= x.start and x.end <= end))
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
        c.cov = coverage(analysis, c.keys) * 0.7 + coverage(analysis, context) * 0.3
        c.cov_release = coverage(analysis, release_keys | c.keys)
        if analysis.anchors:
            c.anchors = sum(_holds(words, release_keys) for _, words in analysis.anchors) / len(analysis.anchors)
        c.needs = {kind: self._need(kind, c, analysis, question_dates) for kind in analysis.needs}
        soft = [self._need(kind, c, analysis, question_dates) for kind in analysis.soft]
        values = list(c.needs.values()) + soft
        need = sum(values) / len(values) if values else 0.5
        local = self._local_anchors(analysis, context)
        c.local = local
        recency = 0.0
        if query.wants_latest and newest and release.published:
            recency = 0.1 / (1 + (newest.earliest() - release.published.earliest()).days / 365)
        items = 0.0
        if analysis.listing:
            wanted = analysis.count or 3
            shown = release.text[c.start:c.end]
            items = 0.1 * min(max(_names_count(shown), shown.count("\n")), wanted) / wanted
        c.base = (0.35 * coverage(analysis, c.keys) + 0.2 * coverage(analysis, context) + 0.1 * c.cov_release
                  + 0.05 * local + 0.05 * passage - 0.03 * min(s.index, 20) / 20 + recency + items
                  - 0.15 * s.superseded - 0.1 * s.caption)
        c.score = c.base + NEED_WEIGHT * need

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
                return 1.0 if s.money else 0.2
            if kind == "size":
                return 1.0 if s.size else 0.3
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
            return 1.0 if any(not (name & analysis.known_keys) for name in s.names) else 0.0
        new_partner = any(k and not (k & analysis.known_keys) for k in s.partners)
        new_place = new_partner or any(k and not (k & analysis.known_keys) for k in s.places)
        if kind == "address":
            return 1.0 if s.address else 0.3 if new_place else 0.0
        return 1.0 if s.address or new_partner else 0.8 if new_place else 0.3 if s.place else 0.0  # place

    def _local_anchors(self, analysis: Analysis, context: frozenset[str]) -> float:
        """Years are checked on the whole release (its date counts); names must be near the sentence."""
        names = [words for label, words in analysis.anchors if not _is_year(label)]
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
            if keys_of(run) & analysis.known_keys:
                continue
            if all(any(k.startswith("g:") for k in keys(w)) for w, _, _ in run):
                continue  # "Government", "Region": common nouns with a capital
            first = next(i for i, (w, s, _) in enumerate(tokens) if s == run[0][1])
            if not at or any(abs(first - i) <= NAME_WINDOW or first <= i < first + len(run) for i in at):
                return True
        return False

    def _missing_anchor(self, analysis: Analysis, candidates: Sequence[Candidate]) -> str | None:
        keys = [self.evidence.release_keys[rid] for rid in {c.release.id for c in candidates}]
        for label, words in analysis.anchors:
            if not any(_holds(words, k) for k in keys):
                return label
        return None

    # ---- selection

    def _single(self, analysis: Analysis, eligible: list[Candidate], wants_latest: bool) -> list[Candidate]:
        chosen = [eligible[0]]
        if len(analysis.needs) > 1:  # "how many ..., and when ...": the best sentence for each part
            chosen = []
            for kind in analysis.needs:
                best = max(eligible, key=lambda c: c.base + NEED_WEIGHT * c.needs.get(kind, 0))
                if best.needs.get(kind, 0) >= NEED_MIN and best not in chosen:
                    chosen.append(best)
            chosen = chosen or [eligible[0]]
        best_need = max(eligible, key=lambda c: (c.need, c.score))
        if len(chosen) == 1 and analysis.needs and best_need.need > chosen[0].need:
            chosen.append(best_need)  # the sentence that holds the asked-for fact best, next to the best match
        if len(chosen) == 1:
            other = next((c for c in eligible[1:] if c.release.id != chosen[0].release.id), None)
            if other and other.score >= SECOND_RATIO * chosen[0].score:
                chosen.append(other)
        if wants_latest and len(chosen) == 1:  # "was it actually done?": what the newest release says
            newer = [c for c in eligible if _newer(c.release, chosen[0].release)
                     and c.score >= LATEST_RATIO * chosen[0].score]
            if newer:
                chosen.insert(0, newer[0])
        return chosen[:MAX_CLAIMS]

    def _listing(self, eligible: list[Candidate]) -> list[Candidate]:
        chosen: list[Candidate] = []
        per_release: dict[str, int] = {}
        for c in eligible:
            overlaps = any(o.release.id == c.release.id and o.start < c.end and c.start < o.end for o in chosen)
            if per_release.get(c.release.id, 0) < 2 and not overlaps and c.score >= LIST_RATIO * eligible[0].score:
                chosen.append(self._with_items(c))
                per_release[c.release.id] = per_release.get(c.release.id, 0) + 1
            if len(chosen) == MAX_CLAIMS:
                break
        return sorted(chosen, key=lambda c: (c.release.id, c.start)) if len(per_release) == 1 else chosen

    def _with_items(self, c: Candidate) -> Candidate:
        """A list answer needs the items: when the sentence names none, take in the next one of its paragraph."""
        sentences = self.evidence.sentences[c.release.id]
        if c.end != c.sentence.end or c.sentence.index + 1 >= len(sentences):
            return c
        text = c.release.text
        nxt = sentences[c.sentence.index + 1]
        if _names_count(text[c.sentence.start:c.sentence.end]) < 2 <= _names_count(text[nxt.start:nxt.end]) \
                and "\n" not in text[c.sentence.end:nxt.start]:
            return Candidate(c.sentence, c.release, nxt.end, c.keys | nxt.keys, c.start, c.score, c.cov,
                             c.cov_release, c.anchors, c.needs)
        return c

    def _compare(self, analysis: Analysis, candidates, eligible) -> tuple[list[Candidate], dict]:
        chosen, labels = [], {}
        pool = [c for c in candidates if c.cov >= SENTENCE_MIN / 2 and c.need >= NEED_MIN] or eligible
        for label, keys in analysis.compare:
            def fit(c: Candidate) -> float:
                here = bool(keys & (c.keys | self.evidence.title_keys[c.release.id]))
                return c.score + (0.3 if here else 0.0)
            holding = [c for c in pool if keys & self.evidence.release_keys[c.release.id] and c not in chosen]
            if holding:
                best = max(holding, key=fit)
                chosen.append(best)
                labels[id(best)] = f"**{label}:**"
        return (chosen or eligible[:1]), labels

    # ---- composition

    def _compose(self, query: Query, analysis: Analysis, chosen: list[Candidate], labels: dict) -> Draft:
        releases = {c.release.id for c in chosen}
        many = len(releases) > 1
        claims = []
        for c in chosen:
            label = labels.get(id(c), "")
            if not label and many:
                label = f"*({format_date(c.release.published, query.lang)})*" if c.release.published else ""
            claims.append(Claim(c.release, c.start, c.end, label=label))
        lead = ""
        if analysis.needs[:1] == ("date",) and len(analysis.needs) == 1:
            date = _event_date(chosen[0], query)
            lead = f"**{format_date(date, query.lang)}**" if date else ""
        footer = ""
        if many and not (analysis.listing or analysis.compare):
            newest = max((c.release.published for c in chosen if c.release.published), default=None)
            footer = newest_note(newest, query.lang) if newest else ""
        return Draft(claims=tuple(claims), lead=lead, footer=footer,
                     as_list=bool(analysis.listing or analysis.compare) and len(claims) > 1)


def _holds(words: tuple[frozenset[str], ...], keys: frozenset[str]) -> bool:
    """A name is in a text when all its words are (two of three for longer names)."""
    hits = sum(1 for w in words if w & keys)
    return hits == len(words) if len(words) <= 2 else hits * 3 >= len(words) * 2


def _newer(a: Release, b: Release) -> bool:
    return bool(a.published and b.published and a.published.earliest() > b.published.latest())


def _is_year(label: str) -> bool:
    return label.isdigit() and len(label) == 4 or bool(re.fullmatch(r"\w+ \d{4}", label))


def _names_count(text: str) -> int:
    return sum(1 for i, w in enumerate(text.split()) if i > 0 and w[:1].isupper())


def keys_of(run: list[tuple[str, int, int]]) -> frozenset[str]:
    return frozenset().union(*(keys(w) for w, _, _ in run))


def _event_date(c: Candidate, query: Query) -> PartialDate | None:
    asked = {d.iso() for _, _, d in find_dates(query.text)}
    dates = [d for d in c.sentence.dates if d.iso() not in asked]
    if not dates:
        return None
    precise = [d for d in dates if d != c.release.published] or dates
    return max(precise, key=lambda d: len(d.iso()))
