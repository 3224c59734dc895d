"""What an answer must contain: weighted terms, the kind of fact asked for (bot.asked), names to find, items to
compare."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property

from bot.question.asked import counts_no_noun, focus_of, lives_in, measure_asked, named_type, needs_of, soft_range
from bot.question.listing import listing_of, members_listed
from bot.question.words import words_of
from bot.corpus import Corpus
from ingest.terms import fold, keys, words
from bot.question.compared import (asked_twice, compared_sides, offers_options, outcome_after_plan, parted_by_or,
                                   plan_against_outcome, split_years, two_sides, two_states)
from bot.question.spellings import name_keys, word_keys
from bot.question.understand import capitalised, generic, naming_runs
from bot.records import Query
from ingest.metadata.dates import find_dates
from ingest.metadata.demonyms import places_of
from ingest.metadata.facts import number_values
from ingest.metadata.nationality import own_country
from ingest.metadata.partners import find_partners
from ingest.records import PartialDate

HISTORY_WEIGHT = 0.4
HISTORY_SHARE = 0.5  # at most this much weight from history terms, relative to the question's own terms
FOCUS = 2.5  # the noun after "which"/"quels"/"welke" names what is asked for: it weighs more


@dataclass(frozen=True)
class Term:
    """One content word of the question with the keys that match it and its weight (idf, lower from history)."""

    word: str
    keys: frozenset[str]
    weight: float
    from_history: bool = False
    boost: float = 1.0  # > 1 for the noun after "which": ranks sentences, never decides abstention


def asks_a_person(analysis: "Analysis") -> bool:
    """"Who ...", "what is the name of the City Director": a person's name is asked for."""
    return analysis.needs[:1] in (("person",), ("name",))


def is_year(label: str) -> bool:
    """An anchor that is a year or a month of a year ("2022", "March 2025")."""
    return label.isdigit() and len(label) == 4 or bool(re.fullmatch(r"\w+ \d{4}", label))


@dataclass(frozen=True)
class Analysis:
    """What an answer to the query must contain, derived from the question's words."""

    terms: tuple[Term, ...]
    needs: tuple[str, ...]  # 'date', 'number', 'money', 'size', 'person', 'place', 'address', 'name'
    heads: tuple[frozenset[str], ...]  # keys of the words a number should count ("how many *Brussels companies*")
    listing: bool
    count: int | None
    compare: tuple[tuple[str, frozenset[str]], ...]  # (label, keys) of compared entities
    anchors: tuple[tuple[str, tuple[frozenset[str], ...]], ...]  # names, partners, years the evidence must hold
    question_keys: frozenset[str]
    known_keys: frozenset[str] = frozenset()  # the question's and the history's: what is not news
    focus: frozenset[str] = frozenset()  # keys of the noun after "which" ("which *post*")
    listed: frozenset[str] = frozenset()  # what a list question lists, even a kind ("which cultural *organisations*")
    relation: frozenset[str] = frozenset()  # keys of the word after "who" ("who *chaired* ...")
    places: tuple[tuple[frozenset[str], ...], ...] = ()  # the anchors that are partners (cities, countries, ...)
    soft_since: PartialDate | None = None
    soft_until: PartialDate | None = None
    soft: tuple[str, ...] = ()  # kinds that help ranking but never decide abstention ('name' for "which ...")
    question_dates: tuple[str, ...] = ()  # ISO dates the question and the conversation already give: not news
    comparative: bool = False  # "more", "larger", "plus", "meer" ...: the answer needs both sides
    asks_change: bool = False  # "has it changed since?", "toujours d'actualité ?", "nog hetzelfde?": a later state
    asks_end: bool = False  # "until what date", "jusqu'à quand", "tot wanneer": the end of a period
    side_years: tuple[tuple[str, frozenset[int]], ...] = ()  # "India in 2017 or China in 2019": a side's years
    side_renewed: frozenset[str] = frozenset()  # "the *renewed* Izmir agreement": sides asked in a later form
    side_first: frozenset[str] = frozenset()  # "the *first* agreement with Bamenda": sides asked in a first form
    side_begun: bool = False  # "which partnership started earlier?": each side's first form, told by any release
    two_states: bool = False  # "announced at first, and after the correction?": a first and a final state
    asks_beginning: bool = False  # "the first agreement with Kpalimé", "when the partnership began": its start
    first_instance: bool = False  # "when was the *first* agreement with Djenné signed?": the first of a renewed thing
    role_country: frozenset[int] = frozenset()  # "the *Belgian* ambassador": the country of the office asked about
    plan_outcome: bool = False  # "did it reach its target?": a planned figure against what came of it
    both_figures: bool = False  # asks no figure of its own ("did it reach its target?"): the plan and outcome answer
    who_came: bool = False  # asks who attended or took part ("who attended the meeting?", "wie nam deel")
    extreme: str = ""  # "which town gets the largest envelope?": "most" (or "least") of a group, no option named
    payer: str = ""  # whose money is asked: "own" (the Region's: "the Brussels contribution"), "total", or ""
    named_type: frozenset[str] = frozenset()  # "which *cooperative* ...": the noun a quote may call the body by

    # Read for every candidate sentence: computed once per question.
    @cached_property
    def name_anchors(self) -> tuple[tuple[frozenset[str], ...], ...]:
        return tuple(w for label, w in self.anchors if not is_year(label))

    @cached_property
    def year_anchors(self) -> tuple[tuple[frozenset[str], ...], ...]:
        return tuple(w for label, w in self.anchors if is_year(label))

    @cached_property
    def own_terms(self) -> tuple[Term, ...]:
        """The question's own words that are not names: what it says of its names (see score._predicate)."""
        names = [w for _, ws in self.anchors for w in ws]
        return tuple(t for t in self.terms if not t.from_history and not any(t.keys & w for w in names))

    @cached_property
    def history_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.from_history)

    def untold(self, numbers):
        """The (position, value, kind) numbers of a sentence that neither the question nor the conversation gave:
        a figure already told is not the answer."""
        return [n for n in numbers if f"n:{n[1]}" not in self.known_keys]

    @cached_property
    def weighted(self) -> tuple[tuple[frozenset[str], float, float], ...]:
        """(keys, ranking weight, plain weight) of each term; see bot.retrieve.coverage."""
        return tuple((t.keys, t.weight * t.boost, t.weight) for t in self.terms)


def analyse(query: Query, evidence: Corpus) -> Analysis:
    """The Analysis of a query against the corpus vocabulary (term weights are corpus idf)."""
    question = query.text
    context = query.resolved[len(question):].strip(" ()") if query.resolved != question else ""
    lowered = re.sub(r"\bo[uù]\b(?=\s|$)", lambda m: "where" if m.group() == "où" else m.group(), question.lower())
    folded = fold(lowered)
    capital_runs = parted_by_or(capitalised(question), question, query.lang)
    names = {fold(w) for run in capital_runs for w, _, _ in run}
    needs, heads, relation = needs_of(folded, names)
    # a role of the conversation's person only (a year or "that Brussels minister" names no one of its own)
    if "role" in needs and (naming_runs(capital_runs) or not query.previous):
        needs = [k for k in needs if k != "role"]
    listing, count = listing_of(question, folded)
    # "And in 2023?", "what about Lille?": a follow-up that asks no kind asks the earlier one's;
    # "which themes ..." names what it asks for itself, and "what did he announce?" asks for a thing of its own
    if not needs and not listing and query.previous and not focus_of(folded, query.lang) \
            and not words_of()["open_what"].match(folded):
        needs, heads, _ = needs_of(fold(query.previous.lower()), names)
    # "which came first: X or Y?", "avant ou après", "vóór of na": the order of two events, told by their dates
    ordered = bool(words_of()["temporal_order"].search(folded)) and not listing
    # "which had the biggest budget: X or Y?": a superlative over two named options weighs them
    weighed = ordered or bool(words_of()["superlative"].search(folded)) and offers_options(folded, query.lang) \
        and not listing
    if ordered and set(needs) <= {"place", "name", "organisation"}:  # "which city renewed first": its date decides
        needs = ["date"]
    if not heads and query.previous and counts_no_noun(folded):  # "et combien en a-t-elle formé ?" counts what
        heads = needs_of(fold(query.previous.lower()), names)[1]  # the question before it counted
    if not needs and not listing and (measured := measure_asked(folded)):
        needs = [measured]  # "what was the population of Bohicon?": that figure
    # "did it reach its target?": a plan and what came of it are figures, though no "how many" says so
    both_figures = not needs and not listing and plan_against_outcome(folded, False, query.lang)
    if both_figures:
        needs = ["number"]
    terms = _terms(question, evidence, False)
    if lives_in(folded):  # "how many people lived there": "people" is matched by "inhabitants" too
        terms = [dataclasses.replace(t, keys=t.keys | keys("inhabitants")) if t.keys & keys("people") else t
                 for t in terms]
    if set(needs) & {"place", "address", "person", "date", "organisation"}:  # "which cities": a place
        terms = [t for t in terms if fold(t.word) not in words_of()["type_words"]]
    # "which <noun>" names what is asked for; with a comparison it names what is compared ("which delegation")
    focus = focus_of(fold(question), query.lang) if not needs or words_of()["comparative"].search(folded) else frozenset()
    # a list names what it lists, also when that noun asks for a kind ("which Brussels cultural organisations"):
    # the kind's noun then, not a qualifier before it ("recycling" in "which Mombasa recycling organisations")
    kinds_named = frozenset().union(*(keys(w) for w, _, _ in words(folded) if w in words_of()["type_words"]))
    # "who made up the delegation?": its members, the group it names
    listed = (kinds_named or focus_of(folded, query.lang) or members_listed(folded)) if listing else frozenset()
    if listing and not listed and words_of()["made_of"].search(folded):  # "what does it consist of?": its parts
        listed = frozenset(k for w in words_of()["parts"] for k in keys(w) if k.startswith("g:"))  # any language
    terms = [Term(t.word, t.keys, t.weight, False, FOCUS) if t.keys & focus else t for t in terms]
    seen = {t.word for t in terms}
    earlier = [t for t in _terms(context, evidence, True) if t.word not in seen]
    own, borrowed = sum(t.weight for t in terms), sum(t.weight for t in earlier)
    if borrowed > HISTORY_SHARE * own > 0:  # the question asked now outweighs the turns before it
        earlier = [Term(t.word, t.keys, t.weight * HISTORY_SHARE * own / borrowed, True) for t in earlier]
    terms += earlier
    runs = [run for run in split_years(capital_runs) if not generic(run)]
    soft = ("name",) if not needs and not listing and words_of()["which"].match(folded) else ()
    anchors = tuple((" ".join(w for w, _, _ in run), name_keys(run, evidence)) for run in runs)
    in_runs = {w for run in runs for w, _, _ in run}
    # "the tenth summit", "the third house": an ordinal names which one is meant
    anchors += tuple((w, (keys(w),)) for w, _, _ in words(question)
                     if w not in in_runs and any(k.startswith("o:") for k in keys(w)))
    places = tuple(w for label, w in anchors if find_partners(label) or places_of(label))
    twice = asked_twice(folded)
    sides = compared_sides(question, folded, runs, evidence, query.lang, twice or weighed)
    # "which partnership started earlier?", "lequel a commencé en premier ?": each side's beginning, its first form
    begun = ordered and bool(words_of()["partnership"].search(folded) and words_of()["beginning"].search(folded))
    first = sides.first | {label for label, _ in sides.items if label not in sides.renewed} if begun else sides.first
    comparative = not listing and (bool(words_of()["comparative"].search(folded) or weighed)
                                   and two_sides(folded, query.lang) or twice)
    return Analysis(
        terms=tuple(terms), needs=tuple(needs), heads=tuple(heads), listing=listing, count=count,
        compare=sides.items, side_years=sides.years, side_renewed=sides.renewed,
        side_first=frozenset(first), side_begun=begun,
        asks_beginning=not (listing or sides.items or comparative) and asks_the_beginning(folded),
        first_instance=not (listing or sides.items or comparative)
        and bool(words_of()["first_agreement"].search(folded)),
        anchors=anchors,
        question_keys=frozenset(k for w, _, _ in words(question) for k in word_keys(w, evidence)),
        known_keys=frozenset(k for w, _, _ in words(query.resolved) for k in word_keys(w, evidence))
        | {f"n:{v}" for v in number_values(query.resolved, query.lang)},
        focus=focus, listed=listed, relation=relation, places=places,
        soft=soft, question_dates=tuple(d.iso() for _, _, d in find_dates(query.resolved)),
        comparative=comparative,
        asks_change=bool(words_of()["change"].search(folded)),
        asks_end=bool(words_of()["until"].search(folded)), two_states=two_states(folded),
        role_country=_role_country(question, relation),
        plan_outcome=not listing and (plan_against_outcome(folded, comparative, query.lang)
                                      or outcome_after_plan(folded, query.previous, query.lang)),
        both_figures=both_figures,
        who_came=needs[:1] == ["person"] and bool(words_of()["attended"].search(folded)),
        payer=_payer(folded, needs),
        named_type=named_type(folded) if "organisation" in needs else frozenset(),
        extreme=_extreme(folded, weighed or listing or bool(sides.items)),
        **soft_range(folded),
    )


def _extreme(folded: str, options: bool) -> str:
    """"most" or "least" when the question asks for the extreme of a group ("which partner gets the largest
    envelope?", "quelle ville reçoit le moins"), "" when it weighs options it names or asks for none."""
    if options or not words_of()["superlative"].search(folded):
        return ""
    return "least" if words_of()["least"].search(folded) else "most"


def _payer(folded: str, needs: list[str]) -> str:
    """Whose money an amount question asks for: the whole budget ("the total cost", "le coût total") or the
    Region's own share ("money from the Region", "la contribution régionale", "het Brusselse bedrag"), which a
    co-financed project's release gives beside its total. "Brussels" joined to a partner ("the Brussels-Łódź
    memorandum") names the partnership, not a payer."""
    if "money" not in needs:
        return ""
    home = words_of()["home"]
    said = {w for w, _, end in words(folded) if not (w in home and folded[end:end + 1] in "-–‑")}
    return "total" if said & words_of()["total_money"] else "own" if said & words_of()["own_money"] else ""


def _role_country(question: str, relation: frozenset[str]) -> frozenset[int]:
    """The country of the office the question asks about ("Welke Belgische ambassadeur", "the ambassador of
    Belgium"), where it names one."""
    tokens = [w for w, _, _ in words(question)]
    at = next((i for i, w in enumerate(tokens) if relation and keys(w) & relation), None)
    return own_country(tokens, at) if at is not None else frozenset()


def side(analysis: Analysis, label: str) -> Analysis:
    """The question as it asks about one compared item: the other items' words and names left out ("Did more
    companies go to Dubai or to Japan?" read for Japan alone)."""
    others = frozenset().union(*(k for other, k in analysis.compare if other != label))
    terms = tuple(t for t in analysis.terms if not t.keys & others)
    anchors = tuple((name, ws) for name, ws in analysis.anchors if not any(w & others for w in ws))
    return dataclasses.replace(analysis, terms=terms, anchors=anchors, compare=(), comparative=False)


def asks_the_beginning(folded: str) -> bool:
    """"How much went into the first agreement with Kpalimé?", "how many people lived in Masaka when the partnership
    began?", "au début du partenariat": the state at the start of a partnership, which its earliest release tells.
    Not "since the partnership began" (a total to date), nor "at the end of the first agreement" or "what did it
    deliver" (an outcome, which later releases tell)."""
    data = words_of()
    if data["beginning_not"].search(folded):
        return False
    return bool(data["first_agreement"].search(folded)
                or data["partnership"].search(folded) and data["beginning"].search(folded))


def _terms(text: str, evidence: Corpus, from_history: bool) -> list[Term]:
    out, seen = [], set()
    for word, _, _ in words(text):
        folded = fold(word)
        k = word_keys(word, evidence)
        if not k or folded in seen:
            continue
        seen.add(folded)
        weight = evidence.idf(k) * (HISTORY_WEIGHT if from_history else 1.0)
        out.append(Term(word, k, weight, from_history))
    return out
