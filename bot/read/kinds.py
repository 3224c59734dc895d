"""Whether a sentence holds the kind of answer a question asks for (a person, a date, a figure of the unit asked,
a place, an organisation, a name) that the question and the conversation did not already give, and where in the
sentence it stands: read by bot.read.signals for every candidate quote. Checks tell bot.read.compose whether a quote
answers directly: a role is written beside its holder's name, a release's publication date is not taken for the date
of an event it dates otherwise, an announcement does not tell who came (whether a quote tells the state asked, a plan
or its outcome, the first agreement or a renewal, is read in bot.read.instance)."""
from __future__ import annotations

import re
from functools import lru_cache

from bot.corpus import Sentence, as_number
from bot.question.analysis import Analysis
from bot.question.words import words_of
from bot.read.held import role_positions, role_score
from bot.read.leads import FIGURES, sentence_end_dates
from bot.read.origin import asked_origins, of_the_asked_origin, of_the_asked_scope
from ingest.metadata.dates import find_dates
from ingest.metadata.figures import UNITS
from ingest.metadata.nationality import own_country
from ingest.terms import fold, keys, words

UNMARKED_NAME = 0.5  # an organisation question's credit for a name no organisation word marks
HOLDER = 8  # words at most between a role and the name of its holder ("Rosa Alvarado, mayor of Trujillo")
PLAN_WORDS = 5  # words around a figure where "expected", "prévu", "zal" make it a plan
PREDICATE_SHARE = 0.8  # a quote giving another date that covers the question's verb this well as the best one,
DATED_SHARE = 0.2  # and scores this share of its score, dates the event otherwise
_UNITS = {"money": ("money",), "size": ("size", "count"), "percent": ("percent",), "duration": ("duration",)}


def asked_units(kind: str) -> tuple[str, ...]:
    """The units of figure that answer a kind: an amount for "how much money", a size or a count for "how large",
    any count, share or amount for "how many"."""
    return _UNITS.get(kind, ("count", "percent", "money"))


def figure_unit(kind: str | None) -> str | None:
    """The one unit of figure a compared kind gives ("number": a count; an amount, a share, a size), None for any
    other kind (a date, a person, a duration)."""
    unit = {"number": "count"}.get(kind or "", kind)
    return unit if unit in UNITS else None


def kind_score(kind: str, s: Sentence, analysis: Analysis, asked_dates: set[str], published) -> float:
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
    if kind in FIGURES:
        numbers = of_the_asked_scope(of_the_asked_origin(analysis.untold(f.numbers), s, asked_origins(analysis)), s,
                                     analysis)
        wanted = asked_units(kind)
        if not numbers:
            return 0.0
        return 1.0 if any(unit in wanted for _, _, unit in numbers) else 0.4
    if kind == "person":
        return 1.0 if any(not known_name(name, known) for name in persons_of(s)) else 0.0
    if kind == "payer":  # "who pays for it?": a body, the partner's council included, beside an amount
        money = any(unit == "money" for _, _, unit in analysis.untold(f.numbers))
        named = any(not known_name(n, known) for n in f.organisations + f.partners + f.persons)
        return 1.0 if money and named else 0.6 if money else 0.3 if named else 0.0
    if kind in ("organisation", "name"):  # the Region, the partner city's council: never the one asked about
        known = _with_governments(known)
    if kind == "organisation":  # a company's bare name ("Nuvia Health") reads like a person's: half credit
        if any(not known_name(name, known) for name in f.organisations + with_article(s)):
            return 1.0
        return UNMARKED_NAME if any(not known_name(name, known) for name in f.persons) else 0.0
    if kind == "role":  # "what position does she hold now?" (bot.read.held)
        return role_score(s, known, any(known_name(name, known) for name in f.persons))
    if kind == "address":
        return 1.0 if f.has("address") else 0.0
    if kind == "place":
        new = [p for p in f.partners + f.places if not known_name(p, known)]
        return 1.0 if new or f.has("address") else 0.0
    if kind == "name":
        names = f.persons + f.organisations + f.partners + f.places
        return 1.0 if any(not known_name(n, known) for n in names) else 0.0
    return 0.5


@lru_cache(maxsize=64)
def _with_governments(known: frozenset[str]) -> frozenset[str]:
    """The question's keys and those of the words that name a government rather than tell one apart
    ("Brussels-Capital Region", "Ville de Dakar", "Kathmandu Metropolitan City" with the city known): a name made of
    them is the question's own subject, not an organisation it asks for. Kept per question's keys: read for every
    candidate."""
    data = words_of()
    return known.union(*(keys(w) for w in data["institutions"] | data["generic_names"] | data["home"]))


def kind_near(kind: str, s: Sentence, analysis: Analysis, own_keys: frozenset[str]) -> float:
    """How close, in words, the asked-for kind of answer stands to the question's own words (`own_keys`) in the
    sentence (the date of *the signing*, not of the visit told in the same sentence): 1 when adjacent, falling with
    distance."""
    answers = kind_positions(kind, s, analysis.known_keys)
    if not answers:
        return 0.0
    terms = [i for i, k in enumerate(s.token_keys) if k & own_keys]
    if not terms:
        return 0.0
    distance = min(abs(a - t) for a in answers for t in terms)
    return 1.0 / (1.0 + distance / 4)


def kind_positions(kind: str, s: Sentence, known: frozenset[str]) -> list[int]:
    """Word positions in s of what would answer `kind` (figures, dates, names the question does not know)."""
    f = s.facts
    if kind in ("number", "money", "size", "percent", "duration"):
        return [pos for pos, _, _ in f.numbers]
    starts = {start: i for i, (_, start, _) in enumerate(s.tokens)}
    if kind == "date":
        return [starts[start] for start, _, _ in find_dates(s.text) if start in starts]
    if kind == "role":
        return role_positions(s)
    names = {"person": f.persons, "organisation": f.organisations, "place": f.partners + f.places,
             "payer": f.organisations + f.partners + f.persons,
             "name": f.persons + f.organisations + f.places}.get(kind, ())
    if kind in ("organisation", "name"):
        known = _with_governments(known)
    first = {n.split()[0] for n in names if not known_name(n, known)}
    return [i for i, (w, _, _) in enumerate(s.tokens) if w in first]


def persons_of(s: Sentence) -> tuple[str, ...]:
    """The person names ingestion read in s, less those written after a definite article: a person's name takes
    none, a body's or a place's does ("la Badan Penanggulangan Bencana Daerah", "het Red de Escuelas de Música",
    "the Plaza de Armas"), unless a title opens the name ("la Dre Aimée Mukalay")."""
    article = with_article(s)
    return tuple(n for n in s.facts.persons if n not in article) if article else s.facts.persons


def with_article(s: Sentence) -> tuple[str, ...]:
    """The names read as persons in s that a definite article stands right before (see persons_of)."""
    if not s.facts.persons:
        return ()
    lists = words_of()
    found = []
    for name in s.facts.persons:
        at = s.text.find(name)
        if at <= 0 or fold(name.split()[0]) in lists["name_titles"]:
            continue
        before = re.search(r"(\w+)(?:\s+|['’])$", s.text[:at])
        if before and fold(before.group(1)) in lists["definite_articles"]:
            found.append(name)
    return tuple(found)


def known_name(name: str, known: frozenset[str]) -> bool:
    """Every word of the name is in the question or the conversation ("Pascal Smet")."""
    found = [keys(w) for w in name.replace("-", " ").split() if keys(w)]
    return bool(found) and all(k & known for k in found)


def in_the_role(c, role: frozenset[str], known: frozenset[str] = frozenset(),
                country: frozenset[int] = frozenset()) -> bool:
    """The quote writes the role itself, not its deputy's ("Deputy Governor", "vice-gouverneur", "maire adjointe"
    name another office), and beside the name of whoever holds it: a sentence that names other people and mentions
    the role far from them ("... signed in the presence of the Peruvian ambassador") does not say who holds it. A
    sentence that names nobody may take its holder from the sentence before ("She was elected mayor"). When the
    question names the office's country (`country`: "the Belgian ambassador"), an office of another country
    ("Georgia's Ambassador to Belgium") is not the one asked about (ingest.metadata.nationality)."""
    deputy = words_of()["deputy"]
    for s in c.sentences:
        written = [i for i, k in enumerate(s.token_keys) if k & role]
        if not written:
            continue  # the names are read only where the role is written: this runs for many quotes
        tokens = [w for w, _, _ in s.tokens]
        folded = [fold(w) for w in tokens]
        names = kind_positions("person", s, known)
        for i in written:
            if country and (own := own_country(tokens, i)) and not own & country:
                continue
            if (i == 0 or folded[i - 1] not in deputy) and not set(folded[i + 1:i + 2]) & deputy \
                    and (not names or any(abs(i - n) <= HOLDER for n in names)):
                return True
    return False


def marked_plans(s, units: tuple[str, ...]) -> list[tuple[int, float, str, bool]]:
    """(position, value, unit, planned) of each figure of the asked units in the sentence; a word of plan ("prévus",
    "target", "zal", "formera") marks the figure nearest to it, within a few words, but never one after it that
    comes right after a place's preposition ("twelve classrooms were planned *in* four schools": the four schools
    hold them; "moet het kadaster in totaal 18.000 percelen omvatten" plans 18,000)."""
    figures = [(pos, as_number(v), u) for pos, v, u in s.facts.numbers if u in units and as_number(v) is not None]
    if not figures:
        return []
    marked, folded = set(), [fold(w) for w, _, _ in s.tokens]
    within = words_of()["place_prepositions"]
    for i, w in enumerate(folded):
        if plan_word(w, s.lang):
            near = [p for p, _, _ in figures if p < i or p == 0 or folded[p - 1] not in within]
            pos = min(near, key=lambda p: abs(p - i), default=None)
            if pos is not None and abs(pos - i) <= PLAN_WORDS:
                marked.add(pos)
    return [(pos, v, u, pos in marked) for pos, v, u in figures]


def announced_for_who_came(analysis: Analysis, c) -> bool:
    """The question asks who attended or took part in something, in the past tense ("who attended the spring 2014
    meeting?", "qui a participé", "wie nam deel"), and the quote's sentences tell it with a word of plan ("planned for
    the spring of 2014", "will host", "se réunira"): an announcement says who was expected, never who came, so it is
    only close ("who will attend?" is answered by the announcement)."""
    return analysis.who_came and any(plan_word(fold(w), s.lang) for s in c.sentences for w, _, _ in s.tokens)


def plan_word(folded: str, lang: str) -> bool:
    """A word that makes a figure near it a plan: "expected", "prévu", "zal", or a French verb in the future tense
    ("formera", "accueilleront", "prendra")."""
    data = words_of()
    return folded in data["planned"] or (folded.endswith(data["future_endings"].get(lang, ())) and len(folded) > 5
                                         and folded not in data["future_not"])


def dated_elsewhere(analysis: Analysis, best, ranked: list, closest: float) -> bool:
    """A "when" question whose best quote gives no date but its release's publication date (the dateline, "signed
    today", or none of its own), while another quote of that release gives another date and tells the question's
    verb about as well ("The decision was taken at the Government meeting of 14 July 2022" beside "Brussels, 18 July
    2022 - The Government has approved ..."): a release dates its news by its publication, and the event it reports
    (an approval, an entry into force) may have a date of its own; both quotes are only close."""
    if analysis.needs[:1] != ("date",) or not best.release.published:
        return False
    own = {best.release.published.iso()} | set(analysis.question_dates)
    if {d for s in best.sentences for d in s.facts.dates} - own:
        return False
    bar = PREDICATE_SHARE * best.features.get("predicate", 0)
    return any(c is not best and c.release.id == best.release.id and c.p >= max(closest, DATED_SHARE * best.p)
               and {d for s in c.sentences for d in s.facts.dates} - own and c.features.get("predicate", 0) >= bar
               for c in ranked)
