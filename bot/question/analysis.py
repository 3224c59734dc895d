"""What an answer must contain: weighted terms, the kind of fact asked for (bot.asked), names to find, items to
compare."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property

from bot.question.asked import focus_of, listing_of, needs_of, soft_range, words_of
from bot.corpus import Corpus
from ingest.terms import fold, keys, words
from bot.question.understand import capitalised, generic
from bot.records import Query
from bot.render import MONTHS
from ingest.metadata.dates import find_dates
from ingest.metadata.demonyms import places_of
from ingest.metadata.facts import number_values
from ingest.metadata.partners import find_partners, named_partners, partner_variants
from ingest.records import PartialDate

_MONTHS = frozenset(fold(m) for names in MONTHS.values() for m in names)
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
    two_states: bool = False  # "announced at first, and after the correction?": a first and a final state

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
    capital_runs = capitalised(question)
    names = {fold(w) for run in capital_runs for w, _, _ in run}
    needs, heads, relation = needs_of(folded, names)
    listing, count = listing_of(question, folded)
    # "And in 2023?", "what about Lille?": a follow-up that asks no kind asks the earlier one's;
    # "which themes ..." names what it asks for itself, and "what did he announce?" asks for a thing of its own
    if not needs and not listing and query.previous and not focus_of(folded, query.lang) \
            and not words_of()["open_what"].match(folded):
        needs, heads, _ = needs_of(fold(query.previous.lower()), names)
    terms = _terms(question, evidence, False)
    if set(needs) & {"place", "address", "person", "date", "organisation"}:  # "which cities": a place
        terms = [t for t in terms if fold(t.word) not in words_of()["type_words"]]
    # "which <noun>" names what is asked for; with a comparison it names what is compared ("which delegation")
    focus = focus_of(fold(question), query.lang) if not needs or words_of()["comparative"].search(folded) else frozenset()
    # a list names what it lists, also when that noun asks for a kind ("which Brussels cultural organisations"):
    # the kind's noun then, not a qualifier before it ("recycling" in "which Mombasa recycling organisations")
    kinds_named = frozenset().union(*(keys(w) for w, _, _ in words(folded) if w in words_of()["type_words"]))
    listed = (kinds_named or focus_of(folded, query.lang)) if listing else frozenset()
    if listing and not listed and words_of()["made_of"].search(folded):  # "what does it consist of?": its parts
        listed = frozenset(k for w in words_of()["parts"] for k in keys(w) if k.startswith("g:"))  # any language
    terms = [Term(t.word, t.keys, t.weight, False, FOCUS) if t.keys & focus else t for t in terms]
    seen = {t.word for t in terms}
    earlier = [t for t in _terms(context, evidence, True) if t.word not in seen]
    own, borrowed = sum(t.weight for t in terms), sum(t.weight for t in earlier)
    if borrowed > HISTORY_SHARE * own > 0:  # the question asked now outweighs the turns before it
        earlier = [Term(t.word, t.keys, t.weight * HISTORY_SHARE * own / borrowed, True) for t in earlier]
    terms += earlier
    runs = [run for run in _split_years(capital_runs) if not generic(run)]
    soft = ("name",) if not needs and not listing and words_of()["which"].match(folded) else ()
    anchors = tuple((" ".join(w for w, _, _ in run), _name_keys(run, evidence)) for run in runs)
    in_runs = {w for run in runs for w, _, _ in run}
    # "the tenth summit", "the third house": an ordinal names which one is meant
    anchors += tuple((w, (keys(w),)) for w, _, _ in words(question)
                     if w not in in_runs and any(k.startswith("o:") for k in keys(w)))
    places = tuple(w for label, w in anchors if find_partners(label) or places_of(label))
    twice = _asked_twice(folded)
    compared, side_years = _compare(question, folded, runs, evidence, query.lang, twice)
    return Analysis(
        terms=tuple(terms), needs=tuple(needs), heads=tuple(heads), listing=listing, count=count,
        compare=compared, side_years=side_years, anchors=anchors,
        question_keys=frozenset(k for w, _, _ in words(question) for k in _word_keys(w, evidence)),
        known_keys=frozenset(k for w, _, _ in words(query.resolved) for k in _word_keys(w, evidence))
        | {f"n:{v}" for v in number_values(query.resolved, query.lang)},
        focus=focus, listed=listed, relation=relation, places=places,
        soft=soft, question_dates=tuple(d.iso() for _, _, d in find_dates(query.resolved)),
        comparative=not listing and (bool(words_of()["comparative"].search(folded)) and _two_sides(folded, query.lang)
                                     or twice),
        asks_change=bool(words_of()["change"].search(folded)),
        asks_end=bool(words_of()["until"].search(folded)), two_states=_two_states(folded),
        **soft_range(folded),
    )


def _asked_twice(folded: str) -> bool:
    """The question asks for the same figure or person twice, at two moments ("how many at the start, and how many
    by the end?", "combien en 2016, et combien aujourd'hui ?", "wie tekende in 2009, en wie in 2023?"): two states
    of one measure, compared like a change."""
    return bool(words_of()["asked_twice"].search(folded))


def _two_states(folded: str) -> bool:
    """The question sets a first state of a figure against its final one ("the amount first announced, and the
    amount after the correction", "oorspronkelijk gepland, en uiteindelijk"): two states of one measure, often
    told at once by a correction ("450.000 euro en niet 540.000 euro")."""
    data = words_of()
    return bool(data["first_state"].search(folded) and data["final_state"].search(folded))


def _two_sides(folded: str, lang: str) -> bool:
    """The question names two things to weigh ("X or Y", "than", "between X and Y"); Dutch "of" means "or" only
    in Dutch."""
    return any(m.group() != "of" or lang == "nl" for m in words_of()["two_sides"].finditer(folded))


def side(analysis: Analysis, label: str) -> Analysis:
    """The question as it asks about one compared item: the other items' words and names left out ("Did more
    companies go to Dubai or to Japan?" read for Japan alone)."""
    others = frozenset().union(*(k for other, k in analysis.compare if other != label))
    terms = tuple(t for t in analysis.terms if not t.keys & others)
    anchors = tuple((name, ws) for name, ws in analysis.anchors if not any(w & others for w in ws))
    return dataclasses.replace(analysis, terms=terms, anchors=anchors, compare=(), comparative=False)


_YEAR = re.compile(r"(?:19|20)\d\d")
_PERIOD = re.compile(rf"\b{_YEAR.pattern}(?:\s?[-\u2013/]\s?{_YEAR.pattern})?\b")  # "2019", "2025-2029": one side


def _split_years(runs: list[list[tuple[str, int, int]]]) -> list[list[tuple[str, int, int]]]:
    """A year is its own anchor: "the 2022 Eurocities Annual Conference" names the conference and the year,
    and a release about the 2023 conference must not pass for it."""
    out = []
    for run in runs:
        years = [t for t in run if _YEAR.fullmatch(t[0])]
        rest = [t for t in run if not _YEAR.fullmatch(t[0])]
        if years and not (len(rest) == 1 and fold(rest[0][0]) in _MONTHS) and len(run) > 1:
            out += ([rest] if rest else []) + [[t] for t in years]  # "2019-2024": either year
        else:
            out.append(run)
    return out


def _word_keys(word: str, evidence: Corpus) -> frozenset[str]:
    """Keys of a word plus those of the partner's other spellings that occur in the corpus (Milaan -> Milan); a word
    the corpus does not hold that is a place's name with a demonym ending ("Dakarese", "agents dakarois") has the
    place's keys too."""
    found = set(keys(word))
    places = named_partners(word) if word[:1].isupper() else ()  # not the country that holds the place (Batumi)
    if not places and not any(evidence.df(k) for k in found if k.startswith("s:")):
        places = places_of(word)
    for partner in places:
        for variant in partner_variants(partner):
            if " " not in variant and "-" not in variant:  # "Dubai City" would bring in "city"
                found |= {k for k in keys(variant) if k.startswith("s:") and evidence.df(k)}
    return frozenset(found)


def _name_keys(run, evidence: Corpus) -> tuple[frozenset[str], ...]:
    """Keys of each word of a name. A name of several words that is a partner's name ("Czech Republic", "Ivory
    Coast") is also written in one word ("Czechia", "Ivoorkust"): every word then also matches that spelling."""
    found = [_word_keys(w, evidence) for w, _, _ in run]
    label = " ".join(w for w, _, _ in run)
    if len(run) > 1:
        extra = set()
        for partner in find_partners(label):
            spellings = {fold(v) for v in partner_variants(partner)} | {fold(partner)}
            if fold(re.sub(r"^(?:the|la|le|les|l'|de|het)\s+", "", label, flags=re.I)) not in spellings:
                continue  # the partner is only part of the name ("Ankara Metropolitan Municipality")
            for variant in partner_variants(partner):
                if " " not in variant and "-" not in variant:
                    extra |= {k for k in keys(variant) if k.startswith("s:") and evidence.df(k)}
        found = [k | extra for k in found]
    return tuple(frozenset(k) for k in found)


def _terms(text: str, evidence: Corpus, from_history: bool) -> list[Term]:
    out, seen = [], set()
    for word, _, _ in words(text):
        folded = fold(word)
        k = _word_keys(word, evidence)
        if not k or folded in seen:
            continue
        seen.add(folded)
        weight = evidence.idf(k) * (HISTORY_WEIGHT if from_history else 1.0)
        out.append(Term(word, k, weight, from_history))
    return out


def _compare(question: str, folded: str, runs, evidence: Corpus, lang: str, twice: bool
             ) -> tuple[tuple, tuple]:
    """The two items of "X or Y" / "compare X and Y" (labels and keys), empty for other questions; and the years
    each named item is given in its part of the question ("India in 2017 or China in 2019", "celle de 2015 au
    Mexique ou celle de 2017 à São Paulo"): which of the partner's missions or agreements is meant. `twice`: the
    question asks one figure twice (_asked_twice)."""
    if not words_of()["comparative"].search(folded) and not twice:
        return (), ()  # "offices in Brussels or Antwerp" alone is not a comparison
    either = {"en": "or", "fr": "ou", "nl": "of"}.get(lang, "or")
    split = re.search(rf"\s{either}\s", question)
    places = [run for run in runs if not run[0][0][:1].isdigit() and not _is_date_label(run)]
    if split:
        before = [run for run in places if run[-1][2] <= split.start()]
        after = [run for run in places if run[0][1] >= split.end()]
        # "the Seoul delegation received by Ans Persoons, or the one at the conference in Braga": places first
        before = [r for r in before if _is_partner(r)] or before
        after = [r for r in after if _is_partner(r)] or after
        chosen = ([before[-1]] if before else []) + ([after[0]] if after else [])
    else:
        chosen = [run for run in places if find_partners(" ".join(w for w, _, _ in run))][:2]
    if len(chosen) < 2:  # a change over time ("between 2015 and 2024"): each year or period is a side
        periods = periods_of(question)
        return (tuple((p, period_keys(p)) for p in periods) if len(periods) == 2 else ()), ()
    labels = [" ".join(w for w, _, _ in run) for run in chosen]
    # each item's part of the question: up to "or" (or up to the second item), and from there on
    middle = (split.start(), split.end()) if split else (chosen[1][0][1], chosen[1][0][1])
    parts = [question[:middle[0]], question[middle[1]:]]
    years = [(label, periods_of(part)) for label, part in zip(labels, parts)]
    compared = tuple((label, frozenset().union(*(_word_keys(w, evidence) for w, _, _ in run)))
                     for label, run in zip(labels, chosen))
    # one year or period per part ("between 2019 and 2024" scopes the whole question, not one item)
    return compared, tuple((label, frozenset(map(int, _YEAR.findall(ps[0])))) for label, ps in years if len(ps) == 1)


def periods_of(text: str) -> list[str]:
    """The years and periods a text names, each once ("in 2019", "the 2025-2029 phase")."""
    return list(dict.fromkeys(m.group() for m in _PERIOD.finditer(text)))


def period_keys(period: str) -> frozenset[str]:
    """The keys of a year or a period's years: a quote that names one of them tells that side."""
    return frozenset().union(*(keys(y) for y in _YEAR.findall(period)))


def _is_partner(run) -> bool:
    return bool(find_partners(" ".join(w for w, _, _ in run)))


def _is_date_label(run) -> bool:
    return any(fold(w) in _MONTHS or _YEAR.fullmatch(w) for w, _, _ in run)
