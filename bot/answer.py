"""The default, extractive answerer: scores the retrieved sentences against what the question asks for, picks
1-4 of them (one per compared item, one per listed release), or abstains when the evidence is weak."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from bot.analysis import Analysis
from bot.cite import Claim
from bot.evidence import Evidence
from bot.glossary import keys, text_keys, words
from bot.records import Passage, Query
from bot.render import abstain_text, format_date, newest_note
from bot.score import NEED_WEIGHT, SENTENCE_MIN, Candidate, Scorer, _names_count, _newer
from ingest.metadata.dates import find_dates
from ingest.records import PartialDate, Release

RELEASE_MIN = 0.5  # share of the question's term weight the release must hold
COMPARE_SHARE = 0.6  # ... less for a comparison: each release holds one of the compared items
NEED_MIN = 0.5  # how well the sentence must hold the kind of fact asked for
SECOND_RATIO = 0.9  # a second release is shown when it scores this close to the best (it may disagree)
LATEST_RATIO = 0.6  # ... or, when the question asks for the current state, a newer release this close
UPDATE_RATIO = 0.7  # ... or a newer release about the same partner that holds the same kind of fact
LIST_RATIO = 0.7
MAX_CLAIMS = 4
PREDICATE_MIN = 0.2  # ... and hold some of what the question says of those names, not only the names
LOCAL_MIN = 0.5  # a one-fact answer must be about the question's names, not only found in the same release
_REASON = {"date": "date", "number": "number", "money": "number", "size": "number", "person": "person",
           "place": "place", "address": "place"}


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
        self.scorer = Scorer(evidence)

    def draft(self, query: Query, analysis: Analysis, passages: Sequence[Passage], scope: Sequence[Release],
              filtered: bool = False) -> Draft:
        candidates = self.scorer.candidates(query, analysis, passages)
        missing = self.scorer.missing_anchor(analysis, candidates)
        if not candidates or missing:
            reason = "mentions" if missing else "other"
            return Draft(abstain=abstain_text(scope, query.lang, reason, missing or "", filtered))
        release_min = RELEASE_MIN * (COMPARE_SHARE if analysis.compare else 1.0)
        eligible = [c for c in candidates if c.cov_release >= release_min and c.cov >= SENTENCE_MIN
                    and c.need >= NEED_MIN and c.anchors >= (0.5 if analysis.compare else 1.0)
                    and (c.local >= LOCAL_MIN and c.predicate >= PREDICATE_MIN or analysis.listing or analysis.compare)
                    and c.dated]  # a year the question names: near the sentence or the release's own
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
            first = chosen[0]
            if other and other.score >= SECOND_RATIO * first.score and other.local >= first.local \
                    and other.cov >= SECOND_RATIO * first.cov and other.need >= first.need:
                chosen.append(other)
        update = self._update(analysis, eligible, chosen)
        if update is not None:
            chosen.insert(0, update)
        elif wants_latest and len(chosen) == 1:  # "was it actually done?": what the newest release says
            newer = [c for c in eligible if _newer(c.release, chosen[0].release)
                     and c.score >= LATEST_RATIO * chosen[0].score]
            if newer:
                chosen.insert(0, newer[0])
        return chosen[:MAX_CLAIMS]

    def _update(self, analysis: Analysis, eligible: list[Candidate], chosen: list[Candidate]) -> Candidate | None:
        """A newer release about the same partner that also holds the asked-for kind of fact: it may correct
        or update the figure, the date or the plan, so it is shown (first) with the older one."""
        first = chosen[0]
        subject = set(first.release.partners)
        if not set(analysis.needs) & set(_FIGURES) or not subject:
            return None  # figures and amounts get revised; a date of the past is best told by its own release
        newer = [c for c in eligible if all(_newer(c.release, o.release) for o in chosen)
                 and subject & set(c.release.partners) and c.need >= NEED_MIN and c.score >= UPDATE_RATIO * first.score]
        return max(newer, key=lambda c: c.score) if newer else None

    def _listing(self, eligible: list[Candidate]) -> list[Candidate]:
        """Items from as many releases as qualify (one each first), then a second sentence per release."""
        chosen: list[Candidate] = []
        per_release: dict[str, int] = {}
        good = [c for c in eligible if c.score >= LIST_RATIO * eligible[0].score]
        for limit in (1, 2):
            for c in good:
                overlaps = any(o.release.id == c.release.id and o.start < c.end and c.start < o.end for o in chosen)
                if per_release.get(c.release.id, 0) < limit and not overlaps and len(chosen) < MAX_CLAIMS:
                    chosen.append(self._with_items(c))
                    per_release[c.release.id] = per_release.get(c.release.id, 0) + 1
        order = {id(c): i for i, c in enumerate(good)}
        if len(per_release) == 1:
            return sorted(chosen, key=lambda c: c.start)
        return sorted(chosen, key=lambda c: min(order.get(id(o), 99) for o in chosen if o.release.id == c.release.id))

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
        for label, item in analysis.compare:
            def fit(c: Candidate) -> float:
                in_title = bool(item & self.evidence.title_keys[c.release.id])
                return (c.score + NEED_WEIGHT * c.need + (0.2 if item & c.keys else 0.1 if in_title else 0.0)
                        + 0.2 * bool(analysis.focus & c.keys))  # "which *delegation* was bigger"
            others = [k for other, k in analysis.compare if other != label]
            holding = [c for c in pool if item & self.evidence.release_keys[c.release.id] and c not in chosen
                       and (item & c.keys or not any(k & c.keys for k in others))]  # not about the other item
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
                date = f"*({format_date(c.release.published, query.lang)})*" if c.release.published else ""
                subject = _subject(c, analysis) if analysis.listing and _asks_partners(analysis) else ""
                label = " ".join(part for part in (f"**{subject}**" if subject else "", date) if part)
            claims.append(Claim(c.release, c.start, c.end, label=label))
        lead = ""
        if analysis.needs[:1] == ("date",) and len(analysis.needs) == 1:
            date = _event_date(chosen[0], query)
            lead = f"**{format_date(date, query.lang)}**" if date else ""
        elif len(analysis.needs) == 1 and analysis.needs[0] in _FIGURES and not (analysis.listing or analysis.compare):
            figure = _figure(chosen, analysis)
            lead = f"**{figure}**" if figure else ""  # the figure first, as it stands in the quoted sentence
        footer = ""
        if many and not (analysis.listing or analysis.compare):
            newest = max((c.release.published for c in chosen if c.release.published), default=None)
            footer = newest_note(newest, query.lang) if newest else ""
        return Draft(claims=tuple(claims), lead=lead, footer=footer,
                     as_list=bool(analysis.listing or analysis.compare) and len(claims) > 1)


_PARTNER_WORDS = text_keys("""city cities town country countries region regions organisation organisations
partner partners government governments capital capitals ville villes pays région régions organisation partenaire
partenaires gouvernement stad steden land landen regio organisatie organisaties partner partners regering""")


def _asks_partners(analysis: Analysis) -> bool:
    """The list is of places or partners ("which cities", "to which countries", "where"), not of themes."""
    return "place" in analysis.needs or bool(analysis.focus & _PARTNER_WORDS)


def _subject(c: Candidate, analysis: Analysis) -> str:
    """The partner (from ingestion's metadata) that labels an item of a list gathered across releases
    ("**Bogotá**"): one the release's title names, else one the quote names; never one the question names."""
    quote = text_keys(c.release.text[c.start:c.end])
    new = [p for p in c.release.partners if not text_keys(p) & analysis.known_keys]
    for found in (text_keys(c.release.title), quote):
        for partner in new:
            if found and text_keys(partner) <= found:
                return partner
    return ""


_FIGURES = ("number", "money", "size")
FIGURE_WINDOW = 4  # words between a number and the noun it counts
_UNIT_AFTER = re.compile(r"[\s\u00a0\u202f]*(?:%|m²|km²|(?:(?:million|millions|billion|miljoen|miljard|milliards?|"
                         r"mln|bn)\s+)?(?:euros?|eur|€|dollars?|pounds?)\b|per\s?cent\b|pour\s?cent\b|procent\b|"
                         r"hectares?\b|square metres\b|vierkante meter\b|mètres carrés\b|(?:million|millions|miljoen|"
                         r"billion|miljard)\b)", re.IGNORECASE)
_UNIT_BEFORE = re.compile(r"(?:€|\$|£|EUR|USD)[\s\u00a0]?$")


def _figure(chosen: Sequence[Candidate], analysis: Analysis) -> str:
    """The number that answers "how many/how much", when one sentence has exactly one beside the counted noun
    ("600 *people* applied"), with its currency or unit as the release writes it ("300 000 euros", "EUR 1,250");
    empty when that is not clear ("61 of the 210 companies"): a wrong figure in bold would mislead."""
    for c in chosen:
        text = c.release.text[c.sentence.start:c.sentence.end]
        tokens = words(text)
        heads = [j for j, (w, _, _) in enumerate(tokens) if any(h & keys(w) for h in analysis.heads)]
        near = [(i, v) for i, v in c.sentence.numbers if f"n:{v}" not in analysis.question_keys
                and any(abs(i - j) <= FIGURE_WINDOW for j in heads)]
        if near:
            return _as_written(text, tokens, near[0][0]) if len({v for _, v in near}) == 1 else ""
    return ""


def _as_written(text: str, tokens, i: int) -> str:
    start, end = tokens[i][1], tokens[i][2]
    if before := _UNIT_BEFORE.search(text[max(0, start - 5):start]):
        start -= len(before.group())
    if after := _UNIT_AFTER.match(text, end):
        end = after.end()
    return text[start:end].strip()


def _event_date(c: Candidate, query: Query) -> PartialDate | None:
    asked = {d.iso() for _, _, d in find_dates(query.text)}
    dates = [d for d in c.sentence.dates if d.iso() not in asked]
    if not dates:
        return None
    precise = [d for d in dates if d != c.release.published] or dates
    return max(precise, key=lambda d: len(d.iso()))
