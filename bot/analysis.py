"""What an answer must contain: weighted terms, the kind of fact asked for, names to find, items to compare."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot.evidence import MONTHS_EN, Evidence
from bot.glossary import fold, keys, words
from bot.query import capitalised
from bot.records import Query
from ingest.metadata.partners import find_partners, partner_variants
from ingest.records import PartialDate

_MONTHS = frozenset(fold(m) for m in MONTHS_EN + """janvier fevrier mars avril mai juin juillet aout septembre octobre
novembre decembre januari februari maart april mei juni juli augustus september oktober november december""".split())
HISTORY_WEIGHT = 0.4
HISTORY_SHARE = 0.5  # at most this much weight from history terms, relative to the question's own terms
FOCUS = 2.5  # the noun after "which"/"quels"/"welke" names what is asked for: it weighs more
_CLAUSE = (r"(?:^|,\s*(?:and|et|en)?\s*|\b(?:and|et|en)\s+)"
           r"(?:(?:on|in|at|to|from|for|with|by|until|since|op|a|au|de|en|sur|avec|par|a partir de|jusqu'a|depuis|"
           r"vanaf|tot|sinds|met|door|bij)\s+)?")
_NEEDS = [
    ("date", r"(?:when|what date|which date|what day|which day|what year|which year|since when|quand|quelle date|"
             r"quel jour|quelle annee|depuis quand|wanneer|welke datum|welke dag|welk jaar|sinds wanneer)\b"),
    ("size", r"(?:how big|how large|how small|how wide|what size|what area|quelle taille|quelle superficie|"
             r"quelle surface|hoe groot|welke oppervlakte)\b"),
    ("number", r"(?:how many|how much|what share|what percentage|what proportion|what number|combien|"
               r"quel pourcentage|quel nombre|quelle part|hoeveel|welk percentage|welk aantal)\b"),
    ("name", r"(?:what (?:is|was|are|were) (?:the|their|its) names?|what (?:is|was) (?:it|that|this|the \w+) called|"
             r"comment s'appel(?:le|lent|ait)|quel (?:est|etait) (?:le|son|leur) nom|sous quel nom|hoe (?:heet|heette|heten)|"
             r"wat (?:is|was) de naam|welke naam)\b"),
    ("person", r"(?:who|whom|whose|qui|wie)\b"),
    ("address", r"(?:what address|which address|a quelle adresse|quelle adresse|welk adres|op welk adres)\b"),
    ("place", r"(?:where|ou|waar|which (?:city|cities|country|countries|town|towns)|what (?:city|country)|"
              r"quelle ville|quelles villes|quel pays|quels pays|welke stad|welke steden|welk land|welke landen)\b"),
]
_NEEDS = [(kind, re.compile(_CLAUSE + pattern)) for kind, pattern in _NEEDS]
_MONEY_WORDS = re.compile(r"\b(?:cost|costs|price|budget|money|fee|fees|amount|sum|coute|cout|prix|montant|argent|frais|"
                          r"somme|gekost|kost|kosten|prijs|bedrag|geld)\b")
_COST_WORDS = re.compile(r"^(?:cost|costs|price|coute|cout|prix|gekost|kost|kosten|prijs)$")
_COMPARATIVE = re.compile(
    r"\b(?:more|fewer|less|bigger|larger|smaller|greater|higher|lower|compare|compared|difference|versus|vs|plus|moins|"
    r"comparer|difference|meer|minder|groter|kleiner|vergelijk|vergeleken|verschil)\b"
)
_SIZE_COMPARATIVE = re.compile(r"\b(?:bigger|larger|smaller|plus grande?|plus petite?|groter|kleiner)\b")
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
                "zes": 6, "six": 6, "twee": 2, "drie": 3, "vier": 4, "vijf": 5}
_BEFORE = re.compile(r"\b(?:before|prior to|until|avant|jusqu'en|voor|tot)\s+((?:the|la|le|l'|de|het)\s+)?(?:\w+\s+)?"
                     r"(\d{4})\b")
_AFTER = re.compile(r"\b(?:after|since|from|apres|depuis|na|sinds|vanaf)\s+((?:the|la|le|l'|de|het)\s+)?(\d{4})\b")


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
    relation: frozenset[str] = frozenset()  # keys of the word after "who" ("who *chaired* ...")
    places: tuple[tuple[frozenset[str], ...], ...] = ()  # the anchors that are partners (cities, countries, ...)
    soft_since: PartialDate | None = None
    soft_until: PartialDate | None = None
    soft: tuple[str, ...] = ()  # kinds that help ranking but never decide abstention ('name' for "which ...")

    # Read for every candidate sentence: computed once per question.
    @cached_property
    def name_anchors(self) -> tuple[tuple[frozenset[str], ...], ...]:
        return tuple(w for label, w in self.anchors if not is_year(label))

    @cached_property
    def year_anchors(self) -> tuple[tuple[frozenset[str], ...], ...]:
        return tuple(w for label, w in self.anchors if is_year(label))

    @cached_property
    def weighted(self) -> tuple[tuple[frozenset[str], float, float], ...]:
        """(keys, ranking weight, plain weight) of each term; see bot.retrieve.coverage."""
        return tuple((t.keys, t.weight * t.boost, t.weight) for t in self.terms)


_WHICH = re.compile(r"^(?:\w+\s+){0,2}?(?:which|what|welke|welk|quel|quelle|quels|quelles)\b")
_TYPE_WORDS = frozenset(fold(w) for w in """city cities town towns country countries place places ville villes pays
lieu stad steden land landen plaats person people personne personnes persoon year years annee jaar""".split())
_VERB_MARKERS = frozenset("""the a an out up in on at to for with by from de het een tijdens met op aan voor door
le la les l un une des du au aux dans par pour sur avec""".split())
_AUXILIARIES = frozenset("""did do does has have had is are was were will can could should ont a ont-ils sont
etaient etait sera seront peut hebben heeft had hadden zijn is was waren werd werden wordt worden zal zullen kan""".split())
_ADJECTIVES = frozenset(fold(w) for w in """new nouveau nouveaux nouvelle nouvelles nieuw nieuwe main principal
principaux principales other autres andere major key belangrijkste first premiers premieres eerste economic economique
economiques economische trade""".split())


def analyse(query: Query, evidence: Evidence) -> Analysis:
    """The Analysis of a query against the corpus vocabulary (term weights are corpus idf)."""
    question = query.text
    context = query.resolved[len(question):].strip(" ()") if query.resolved != question else ""
    lowered = re.sub(r"\bo[uù]\b(?=\s|$)", lambda m: "where" if m.group() == "où" else m.group(), question.lower())
    folded = fold(lowered)
    names = {fold(w) for run in capitalised(question) for w, _, _ in run}
    needs, heads, relation = _needs(folded, names)
    terms = _terms(question, evidence, False)
    if set(needs) & {"place", "address", "person", "date"}:  # "which cities": a place, not the word "city"
        terms = [t for t in terms if fold(t.word) not in _TYPE_WORDS]
    # "which <noun>" names what is asked for; with a comparison it names what is compared ("which delegation")
    focus = _focus(fold(question), query.lang) if not needs or _COMPARATIVE.search(folded) else frozenset()
    terms = [Term(t.word, t.keys, t.weight, False, FOCUS) if t.keys & focus else t for t in terms]
    seen = {t.word for t in terms}
    earlier = [t for t in _terms(context, evidence, True) if t.word not in seen]
    own, borrowed = sum(t.weight for t in terms), sum(t.weight for t in earlier)
    if borrowed > HISTORY_SHARE * own > 0:  # the question asked now outweighs the turns before it
        earlier = [Term(t.word, t.keys, t.weight * HISTORY_SHARE * own / borrowed, True) for t in earlier]
    terms += earlier
    listing, count = _listing(question, folded)
    runs = [run for run in _split_years(capitalised(question))
            if not all(fold(w) in _GENERIC for w, _, _ in run)]
    soft = ("name",) if not needs and not listing and _WHICH.match(folded) else ()
    anchors = tuple((" ".join(w for w, _, _ in run), tuple(_word_keys(w, evidence) for w, _, _ in run)) for run in runs)
    in_runs = {w for run in runs for w, _, _ in run}
    # "the tenth summit", "the third house": an ordinal names which one is meant
    anchors += tuple((w, (keys(w),)) for w, _, _ in words(question)
                     if w not in in_runs and any(k.startswith("o:") for k in keys(w)))
    places = tuple(w for label, w in anchors if find_partners(label))
    return Analysis(
        terms=tuple(terms), needs=tuple(needs), heads=tuple(heads), listing=listing, count=count,
        compare=_compare(question, folded, runs, evidence, query.lang), anchors=anchors,
        question_keys=frozenset(k for w, _, _ in words(question) for k in _word_keys(w, evidence)),
        known_keys=frozenset(k for w, _, _ in words(query.resolved) for k in _word_keys(w, evidence)),
        focus=focus, relation=relation, places=places,
        soft=soft, **_soft_range(folded),
    )


_GENERIC = frozenset(fold(w) for w in """region regions gewest région régions capital capitale hoofdstedelijk
hoofdstedelijke government gouvernement regering brussels-capital bruxelles-capitale brussel-hoofdstad""".split())
_YEAR = re.compile(r"(?:19|20)\d\d")


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


def _word_keys(word: str, evidence: Evidence) -> frozenset[str]:
    """Keys of a word plus those of the partner's other spellings that occur in the corpus (Milaan -> Milan)."""
    found = set(keys(word))
    if word[:1].isupper():
        for partner in find_partners(word):
            for variant in partner_variants(partner):
                if " " not in variant and "-" not in variant:  # "Dubai City" would bring in "city"
                    found |= {k for k in keys(variant) if k.startswith("s:") and evidence.df.get(k)}
    return frozenset(found)


def _terms(text: str, evidence: Evidence, from_history: bool) -> list[Term]:
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


def _content_after(folded: str, position: int, n: int = 2) -> list[frozenset[str]]:
    """Keys of the noun phrase after `position`: up to n content words, ending at the first function word or
    at a word that an article or a preposition follows (a verb: "how many companies *went* to")."""
    found = []
    tokens = [w for w, _, _ in words(folded[position:])]
    for i, word in enumerate(tokens):
        k = keys(word)
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if k and not word[:1].isdigit():
            if found and following in _VERB_MARKERS:
                break
            found.append(k)
            if len(found) == n:
                break
        elif found:
            break
    return found


def _focus(folded: str, lang: str) -> frozenset[str]:
    """The head noun of "which <noun phrase>": the first noun in French; in English and Dutch the last word of
    the phrase that is not a verb (a word followed by an article or a preposition is taken for the verb)."""
    match = _WHICH.match(folded)
    if not match:
        return frozenset()
    tokens = [w for w, _, _ in words(folded[match.end():])]
    phrase = []
    for i, word in enumerate(tokens):
        if word in _COUNT_WORDS or word in _ADJECTIVES or word[:1].isdigit():
            if not phrase:
                continue
        if not keys(word):
            break
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if phrase and following in _VERB_MARKERS:
            break
        phrase.append(keys(word))
        if lang == "fr" or len(phrase) == 2:
            break
    return phrase[-1] if phrase else frozenset()


def _needs(folded: str, names: frozenset[str] | set[str] = frozenset()) -> tuple[list[str], list[frozenset[str]],
                                                                                  frozenset[str]]:
    found = sorted((m.start(), m.end(), kind) for kind, pattern in _NEEDS for m in pattern.finditer(folded))
    needs, heads, last_end = [], [], -1
    for start, end, kind in found:
        if start < last_end:
            continue  # "op welk adres" is an address, not also a place
        last_end = end
        needs.append(kind)
        if kind == "number":
            heads.extend(_content_after(folded, end))
    relation = frozenset()
    if needs[:1] == ["person"]:  # "who *succeeded* X": the relation the person must stand in
        after = " ".join(w for w, _, _ in words(folded[found[0][1]:]) if w not in names)  # "qui *Élise V.* remplace"
        relation = _role(" " + after) or next(iter(_content_after(after, 0, 1)), frozenset())
    if not needs and _SIZE_COMPARATIVE.search(folded):
        needs = ["size"]
    elif not needs and (more := re.search(r"\b(?:more|fewer|plus de|moins de|meer|minder)\b", folded)):
        needs, heads = ["number"], _content_after(folded, more.end())  # "gets more money", "more companies"
    if "number" in needs and (money := _MONEY_WORDS.search(folded)):
        needs = ["money" if n == "number" else n for n in needs]
        if _COST_WORDS.search(money.group()):
            relation = keys(money.group())  # an amount answers "how much did it cost" only if it is a cost
    return needs, heads, relation


_COPULA = re.compile(r"^\s*(?:is|was|are|were|est|etait|sont|etaient|c'est|is|was|zijn|waren)\s+"
                     r"(?:(?:the|a|an|le|la|les|un|une|de|het|een)\s+|l')?")


def _role(after: str) -> frozenset[str]:
    """The role in "who is the Brussels trade *attaché* in Abidjan": the head noun of the phrase after the verb
    (its last word in English and Dutch, its first in French), the Region's own name aside."""
    match = _COPULA.match(after)
    if not match:
        return frozenset()
    phrase = []
    for word, _, _ in words(after[match.end():]):
        if word in _VERB_MARKERS or word in _AUXILIARIES:
            break
        if keys(word) and word not in _HOME_WORDS:
            phrase.append(keys(word))
    if not phrase:
        return frozenset()
    return phrase[0] if re.match(r"^\s*(?:est|etait|sont|etaient|c'est)\b", after) else phrase[-1]


_HOME_WORDS = frozenset("brussels bruxelles brussel brusselse bruxellois bruxelloise regional".split())


def _listing(question: str, folded: str) -> tuple[bool, int | None]:
    match = re.match(r"^(?:(?:to|in|at|from|for|on|with|by|among|between|about|autour de|dans|a|en|sur|pour|avec|"
                     r"par|parmi|entre|naar|op|aan|voor|met|door|onder|tussen|over)\s+)?"
                     r"(?:which|what|quels|quelles|welke|name|list|noem)\s+(.*)", folded)
    if not match:
        return False, None
    original = question.split()
    count, content = None, 0
    for word in match.group(1).split()[:5]:
        word = word.strip("?,.;:!")
        if word in _COUNT_WORDS:
            count = _COUNT_WORDS[word]
            continue
        if word in _AUXILIARIES or word in _VERB_MARKERS:
            break  # the noun phrase ended without a plural: "which foreign minister *did* ..."
        capital = any(w.strip("?,.;:!") and fold(w.strip("?,.;:!")) == word and w[:1].isupper() for w in original)
        if not keys(word) or capital or word in _ADJECTIVES:
            continue
        if re.search(r"(?:[^s]s|x|en|ies)$", word) is not None:
            return True, count  # "which foreign *cities* or governments"
        content += 1
        if content == 2:
            break  # "which pilot project *gets* ...": a verb may follow the noun
    return count is not None, count


def _compare(question: str, folded: str, runs, evidence: Evidence, lang: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The two items of "X or Y" / "compare X and Y" (labels and keys); empty for other questions."""
    if not _COMPARATIVE.search(folded):
        return ()  # "offices in Brussels or Antwerp" alone is not a comparison
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
    if len(chosen) < 2:
        return ()
    return tuple((" ".join(w for w, _, _ in run), frozenset().union(*(_word_keys(w, evidence) for w, _, _ in run)))
                 for run in chosen)


def _is_partner(run) -> bool:
    return bool(find_partners(" ".join(w for w, _, _ in run)))


def _is_date_label(run) -> bool:
    return any(fold(w) in _MONTHS or _YEAR.fullmatch(w) for w, _, _ in run)


def _soft_range(folded: str) -> dict:
    out = {}
    if match := _BEFORE.search(folded):
        year = int(match.group(2))
        out["soft_until"] = PartialDate(year if match.group(1) else year - 1, 12, 31)
    if match := _AFTER.search(folded):
        out["soft_since"] = PartialDate(int(match.group(2)), 1, 1)
    return out
