"""A plan and what came of it: "did it reach its target?", "how many were built, against the twelve planned?",
"hoeveel meer dan oorspronkelijk voorzien?". The plan is a figure written with a word of plan beside it ("will drill
12 boreholes", "doivent être raccordés", "zal ... opleiden"); the outcome is a figure of the same unit and order
written without one, in a later release of the same partner ("a permis de réaliser quatorze forages") or in the same
sentence ("21 schools, instead of the fifteen initially planned"). Neither side repeats the other's words, and a
comparison read side by side takes the second figure from whatever scores best, often another plan. Where the
question names what it counts ("how many *schools*"), every figure taken counts it."""
from __future__ import annotations

import re
from typing import Callable

from bot.cite import Claim
from bot.corpus import Sentence, as_number
from bot.question.analysis import Analysis
from bot.question.words import words_of
from bot.read.candidates import Candidate
from bot.read.compounds import counts_noun
from bot.read.difference import unit_word
from bot.read.draft import Draft
from bot.read.ellipsis import told_next
from bot.read.kinds import asked_units, marked_plans
from bot.read.leads import FIGURES, dated
from bot.read.measures import alike, named_partner, partner_of, published_day, same_order
from bot.read.model import Model
from bot.records import Query
from bot.render import closest_lead, difference_note
from ingest.terms import fold

AT_ONCE_WORDS = 15  # words at most from outcome to plan in a sentence ("21 schools, instead of the 15 planned")
AROUND = 8  # words before a pair of figures where the question's words count (_said_beside)
BESIDE = 4  # words after a figure where a word of plan marks it as the plan ("6 500 étaient prévus")


def plan_and_outcome(query: Query, analysis: Analysis, ranked: list[Candidate], model: Model) -> Draft | None:
    """The planned figure and the outcome, each quoted, and their difference, computed and said to be; None when
    the question does not set a plan against its outcome, or either is not found."""
    kind = analysis.needs[0] if analysis.needs else None
    if not analysis.plan_outcome or kind not in FIGURES or kind == "duration":
        return None
    units = asked_units(kind)
    # "how many was it to train?" - "25" - "and how many in the end?": the quotes that tell the conversation's plan
    recalled = [(c, f) for c in ranked if (f := _recalled(c, units, analysis))] if query.previous else []
    pool = [c for c in ranked if c.p >= model.closest] or [c for c, _ in recalled]
    if not pool:
        return None
    named = named_partner(query)  # the sentence that tells both seldom repeats the question's words
    about = named or partner_of(pool[0])
    ours = [c for c in ranked if about(c)]
    elsewhere = _plans_told(ours, units) if not analysis.heads else {}
    year = _plan_year(query.text) if not analysis.heads else None
    if year:  # "l'objectif fixé en 2005": the plan a release of that year gave, and only a pair of that plan
        of_year = {c.release.id for c in ours if c.release.published and c.release.published.year == year}
        elsewhere = {v: ids & of_year for v, ids in elsewhere.items() if ids & of_year}
    told = [(c, t) for c in ours if (t := _told_at_once(c, units, analysis, elsewhere))
            and (t[3][0] or not year)]
    if told:  # "quatorze forages, au lieu des douze prévus": the latest such sentence, unless a later release gives
        # what was counted (not when the plan is told elsewhere, by the conversation or another release); where the
        # question names no counted noun, the pair told beside most of its words
        c, (plan, outcome, unit, (linked, _)) = max(told, key=lambda ct: (
            (ct[1][3][0], published_day(ct[0]), ct[0].p) if analysis.heads else (ct[1][3], ct[0].p)))
        if linked or not (analysis.heads and any(published_day(o) > published_day(c)
                                                 and _figures(o, units, analysis, planned=False) for o in ours)):
            confidence = "answer" if c.p >= model.sure else "closest"
            return Draft((Claim(c.release, c.start, c.end),), confidence=confidence,
                         lead="" if confidence == "answer" else closest_lead(query.lang),
                         footer=_difference(outcome, plan, unit, [c], query.lang))
    if not analysis.heads:  # across releases, only what the question counts tells one measure from another
        return None
    plans = recalled or [(c, f) for c in pool if (f := _figures(c, units, analysis, planned=True))]
    if not plans:
        return None
    # a release that recalls the plan tells what came of it next to it ("L'objectif était de former 200 jeunes. Au
    # total, 180 jeunes ont achevé leur formation"), not where it sets the next target
    beside = [(p, f, o, g) for p, f in recalled for o, g in _outcomes(p, f, ranked, units, analysis, None)]
    if beside:
        plan, planned, outcome, achieved = min(beside, key=lambda pfog: (abs(pfog[2].start - pfog[0].start),
                                                                          -pfog[0].p))
    else:
        plan, planned = max(plans, key=lambda cf: (_head(cf[0]), cf[0].p))
        # a release that looks back on its plan ("the programme had planned 30 standpipes") tells what came of it
        # itself, with a word of outcome ("In the end, 34 standpipes were built"); not its progress so far
        outcomes = [(c, f) for c, f in _outcomes(plan, planned, ranked, units, analysis, None)
                    if words_of()["outcome_told"].search(" ".join(fold(w) for w, _, _ in c.sentence.tokens))] \
            or _outcomes(plan, planned, ranked, units, analysis, named or partner_of(plan))
        if not outcomes:  # the outcome a release tells right after a plan it gives, best plan first
            best_first = sorted(plans, key=lambda cf: (-_head(cf[0]), -cf[0].p))
            plan, planned, outcomes = next(((p, f, o) for p, f in best_first if (o := told_next(p, f, ranked, units))),
                                           (plan, planned, []))
        if not outcomes:
            return None
        outcome, achieved = max(outcomes, key=lambda cf: (_head(cf[0]), alike(cf[0], plan) + cf[0].p))
    claims = tuple(Claim(c.release, c.start, c.end, label=dated(c, query.lang)) for c in (plan, outcome))
    confidence = "answer" if min(plan.p, outcome.p) >= model.sure else "closest"
    footer = ""
    if len(planned) == 1 and len(achieved) == 1 and planned[0][1] == achieved[0][1]:
        footer = _difference(achieved[0][0], planned[0][0], planned[0][1], [plan, outcome], query.lang)
    return Draft(claims, as_list=True, confidence=confidence,
                 lead="" if confidence == "answer" else closest_lead(query.lang), footer=footer)


def _outcomes(plan: Candidate, planned: list[tuple[float, str]], ranked: list[Candidate], units: tuple[str, ...],
              analysis: Analysis, about: Callable[[Candidate], bool] | None
              ) -> list[tuple[Candidate, list[tuple[float, str]]]]:
    """The quotes that give an outcome of the plan (a figure of its unit and order, another value, none planned):
    in a later release `about` the plan's partner, or, without `about`, in the plan's own release."""
    return [(c, f) for c in ranked
            if (c.release.id == plan.release.id and c is not plan if about is None else
                c.release.id != plan.release.id and published_day(c) > published_day(plan) and about(c))
            and (f := _figures(c, units, analysis, planned=False))
            and {u for _, u in f} & {u for _, u in planned} and {v for v, _ in f} - {v for v, _ in planned}
            and same_order({str(v) for v, _ in f}, {str(v) for v, _ in planned})]  # another value, of its order


def _plan_year(question: str) -> int | None:
    """The one year a plan-and-outcome question names ("l'objectif de numérisation fixé en 2005", "the target set in
    its 2009 agreement"): the year the plan was set; none for a period ("the 2022-2025 programme") or two years."""
    years = re.findall(r"\b(?:19|20)\d\d\b", question)
    if len(years) != 1 or re.search(r"\b(?:19|20)\d\d\s?[-\u2013/]\s?(?:19|20)?\d\d\b", question):
        return None
    return int(years[0])


def _plans_told(quotes: list[Candidate], units: tuple[str, ...]) -> dict[float, set[str]]:
    """The planned figures the quotes give ("the CFPC will train 200 young people"), each with the releases that
    give it."""
    found: dict[float, set[str]] = {}
    for c in quotes:
        for s in c.sentences:
            for _, v, _, planned in marked_plans(s, units):
                if planned:
                    found.setdefault(v, set()).add(c.release.id)
    return found


def _told_at_once(c: Candidate, units: tuple[str, ...], analysis: Analysis,
                  elsewhere: dict[float, set[str]] | None = None) -> tuple | None:
    """(the planned figure, the outcome, their unit) when one sentence of the quote gives the outcome and then the
    plan, a word of plan right beside the second figure only ("quatorze forages, au lieu des douze prévus", "8 200
    ménages ..., alors que 6 500 étaient prévus", "4 750 tonnes, près de quatre fois l'objectif de 1 200"), or the
    plan and then, after a word of outcome, the outcome ("devait former 150 agents ; elle en a finalement formé
    162"). A figure followed by "more" is a difference, not the plan ("22 waterpunten, zeven meer dan gepland"). One
    of the two figures counts what the question counts, where it names it; where it names nothing counted, the pair
    told beside most of its words; as a fourth item, whether the plan's figure is told elsewhere (2: by the
    conversation, 1: by another release), and the weight of the question's words told beside the pair (1.0 when it
    names what is counted). A plan the conversation told ("how many was it to train?" - "25") names the measure
    whatever noun the release counts it in; where the question names nothing counted, so does a plan another release
    gives (`elsewhere`: "the CFPC will train 200 young people"), whatever language the pair is told in."""
    outcome_word = words_of()["outcome_asked"]
    found = []
    for s in c.sentences:
        folded = [fold(w) for w, _, _ in s.tokens]
        marked = {pos: p for pos, _, _, p in marked_plans(s, units)}
        for unit in units:
            figures = sorted((pos, as_number(v), v) for pos, v, u in s.facts.numbers if u == unit)
            for (a, first, one), (b, second, other) in zip(figures, figures[1:]):
                if None in (first, second) or first == second or not 0 < b - a <= AT_ONCE_WORDS \
                        or not same_order({str(first)}, {str(second)}) or _a_difference(s.tokens, b):
                    continue
                if marked.get(a) is False and _plan_beside(folded, b):  # "31 trained, where 25 were planned"
                    outcome, plan, written = first, second, other
                elif marked.get(a) and marked.get(b) is False and outcome_word.search(" ".join(folded[a + 1:b])):
                    outcome, plan, written = second, first, one  # "devait former 150 ; en a finalement formé 162"
                else:
                    continue
                given = (elsewhere or {}).get(plan)
                told = 2 if f"n:{written}" in analysis.known_keys else \
                    int(not analysis.heads and bool(given) and bool(given - {c.release.id}))
                if analysis.heads and told < 2 and not (counts_noun(s, a, analysis.heads[0])
                                                        or counts_noun(s, b, analysis.heads[0])):
                    continue
                if analysis.heads:
                    found.append((plan, outcome, unit, (told, 1.0)))
                    continue
                said = _said_beside(s, a, b, analysis)
                if said or told:  # without a counted noun, the pair must be told beside what the question names
                    found.append((plan, outcome, unit, (told, said)))
    return max(found, key=lambda f: f[3], default=None)


def _said_beside(s: Sentence, a: int, b: int, analysis: Analysis) -> float:
    """The weight of the question's own words (not its words of plan and outcome) told with a pair of figures at
    token positions a and b, from a few words before the outcome (after any figure before it) to the plan: "the
    tree-planting target" is met by "5,200 trees were planted, against a target of 4,000"."""
    data = words_of()
    start = max([a - AROUND] + [pos + 1 for pos, _, _ in s.facts.numbers if pos < a])
    near = frozenset().union(*s.token_keys[max(0, start):b + 1])
    return sum(t.weight for t in analysis.own_terms if t.keys & near and fold(t.word) not in data["plan_asked"]
               and not data["outcome_asked"].search(fold(t.word)))


def _plan_beside(folded: list[str], at: int) -> bool:
    """A word of plan right after the figure at `at` ("douze prévus", "6 500 étaient prévus") or just before it
    ("the planned 12", "l'objectif de 1 200")."""
    planned = words_of()["planned"]
    return any(w in planned for w in folded[at + 1:at + 1 + BESIDE] + folded[max(0, at - 2):at])


def _figures(c: Candidate, units: tuple[str, ...], analysis: Analysis, planned: bool) -> list[tuple[float, str]]:
    """The quote's figures of the asked units that count what the question counts (value, unit), when all of them
    are planned, or all are not: a quote that gives both is no side of either. A figure followed by "more" is a
    difference ("27 boreholes, two more than planned"), neither."""
    marked = [(v, u, p) for s in c.sentences for pos, v, u, p in marked_plans(s, units)
              if (not analysis.heads or counts_noun(s, pos, analysis.heads[0]))
              and not _a_difference(s.tokens, pos)]
    if not marked or any(p != planned for _, _, p in marked):
        return []
    return [(v, u) for v, u, _ in marked]


def _a_difference(tokens, at: int) -> bool:
    """The figure at token `at` is followed by "more" or "fewer" ("seven more than planned", "zeven meer dan
    gepland"): how far the outcome went from the plan, neither the plan nor the outcome."""
    return any(fold(w) in words_of()["more_than"] for w, _, _ in tokens[at + 1:at + 3])


def _recalled(c: Candidate, units: tuple[str, ...], analysis: Analysis) -> list[tuple[float, str]]:
    """The quote's figures that the conversation told (value, unit), counting what the question counts: the plan a
    follow-up asks the outcome of, whatever words of plan the release put beside it ("* 25 boorputten slaan")."""
    return [(as_number(v), u) for s in c.sentences for pos, v, u in s.facts.numbers
            if u in units and as_number(v) is not None and f"n:{v}" in analysis.known_keys
            and counts_noun(s, pos, analysis.heads[0])] if analysis.heads else []


def _head(c: Candidate) -> float:
    """How well the quote's figure counts what the question counts ("how many *schools*")."""
    return c.features.get("head_near", 0)


def _difference(outcome: float, plan: float, unit: str, quotes: list[Candidate], lang: str) -> str:
    """The outcome's difference from the plan, computed from the two figures named."""
    if outcome == plan:
        return ""
    return difference_note(abs(outcome - plan), unit_word(unit, quotes), lang, (outcome, plan))
