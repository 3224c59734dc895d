"""Ingest-time detectors run on every sentence of a release: the kinds of answer a sentence can give (persons,
organisations, places, dates, counts, amounts with their unit) and what it is (a heading, a caption, a correction,
an instruction addressed to a reader or an assistant). The reader matches them against what a question asks for."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ingest.chunk import split_sentences
from ingest.metadata.dates import WEEKDAYS, find_dates
from ingest.metadata.headings import is_heading, list_end
from ingest.metadata.partners import canonical_partner, find_partners
from ingest.metadata.references import described_bodies, refers_back
from ingest.records import Release, SentenceFacts
from ingest.terms import default_glossary, fold, keys, spelled_numbers, stopwords, words

_DATA = Path(__file__).resolve().parent / "facts.json"
_DATELINE_BEFORE = 8  # sentences (title, subtitle, header lines) a dateline may come after
_DATELINE = re.compile(r"^\W*(?:(?:[A-ZÀ-Ý][\w'’.\-]*\s*){1,3},\s*"
                       r"|(?:[Pp]ublished|[Pp]ublié|[Gg]epubliceerd|[Pp]osted)\s*)?(?:le |den |on |op )?$")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|near|à|au|aux|en|dans|vers|te|op|bij|naar|uit)\s+"
                           r"(?:the\s+|le\s+|la\s+|l['’]|les\s+|het\s+|de\s+)?([A-ZÀ-Ý][\w\-]+)")
_ADDRESS = re.compile(
    r"\b(?:Via|Rue|rue|Avenue|avenue|Boulevard|boulevard|Place|place|Square|square|Chaussée|chaussée|Piazza|Calle|"
    r"Carrer|Street|Road|Straße|Strasse|Avenida|Rua|ulica|ul\.)\s+(?:de\s+|du\s+|des\s+|la\s+|l['’])?[A-ZÀ-Ý]\w+"
    r"|\b[A-Z]\w+(?:straat|laan|plein|weg|lei|kaai|dreef)\b|\b\d{4,5}\s+[A-Z][a-z]+|\b\w+ (?:Street|Avenue|Road)\b"
)
SCALES = {"million": 1e6, "millions": 1e6, "miljoen": 1e6, "mln": 1e6, "milliard": 1e9, "milliards": 1e9,
          "miljard": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9}  # a scale word after a number multiplies it
_SCALE = frozenset(SCALES) | {"k"}  # "12k euros" names an amount too
_PERCENT = re.compile(r"^\s*(?:%|per\s?cent|pour\s?cent|procent)", re.IGNORECASE)
_SIZE = re.compile(r"^\s*(?:m²|m2\b|km²|km2\b|square|sq\.?\s?m|hectares?\b|ha\b|vierkante|mètres?\s+carrés|m\b)",
                   re.IGNORECASE)
TITLED_WORDS = 3  # capitalised words after a title ("Dr.", "Mme") that may make up the name
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_QUOTE = re.compile(r"[\"“”«»„]|(?:^|\s)['‘][A-Z]")


@lru_cache(maxsize=1)
def _lists() -> dict:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    words_of = {name: frozenset(fold(w) for w in data[name].split())
                for name in ("roles", "titles", "organisation_words", "place_words", "not_names", "particles",
                             "durations", "identifier_nouns", "pronouns", "determiners", "anaphoric_nouns",
                             "currency_codes", "currencies", "state_titles", "home_names")}
    patterns = {name: re.compile(data[name], re.IGNORECASE)
                for name in ("instruction", "superseded", "correction", "caption", "today")}
    money = words_of["currencies"] | words_of["currency_codes"]  # read for every figure of every sentence
    kind_nouns = words_of["organisation_words"] | words_of["place_words"]  # read for every run of every sentence
    not_in_body = words_of["not_names"] | words_of["roles"]  # "Brussels Commissioner" names no body
    pairs = frozenset(fold(pair) for pair in data["pronoun_pairs"].split("|"))  # "the latter", "ce dernier"
    return {**words_of, **patterns, "money": money, "pronoun_pairs": pairs, "kind_nouns": kind_nouns,
            "not_in_body": not_in_body}


def state_titles() -> frozenset[str]:
    """Words of a state's formal name that precede the country ("the *Republic* of Senegal", "*Royaume* du Maroc",
    "*Koninkrijk* België"), folded."""
    return _lists()["state_titles"]


def role_words() -> frozenset[str]:
    """Words that name a person's role (minister, mayor, ambassadeur, burgemeester, ...), folded."""
    return _lists()["roles"]


def sentence_facts(release: Release, boilerplate: Sequence[tuple[int, int]] = ()) -> tuple[SentenceFacts, ...]:
    """The facts of every sentence of `release` (boilerplate: spans of text that recurs across releases)."""
    text = release.text
    spans = split_sentences(text)
    dates = find_dates(text)
    return tuple(_facts(release, i, start, end, spans, dates, boilerplate) for i, (start, end) in enumerate(spans))


def _facts(release: Release, i: int, start: int, end: int, spans, dates, boilerplate) -> SentenceFacts:
    lists = _lists()
    text = release.text[start:end]
    tokens = words(text)
    inside = [(s - start, e - start, d) for s, e, d in dates if start <= s and e <= end]
    # "Milan, 3 February 2023 - ...": a dateline gives the publication date, not the date of an event; it opens the
    # release's first paragraph, after the title, a subtitle and a header line or two
    events = [d for s, _, d in inside
              if not (i < _DATELINE_BEFORE and d == release.published and _DATELINE.match(text[:s]))]
    runs = _runs(text, tokens)  # read once: names and places both use them
    persons, organisations = _names(tokens, runs)
    described = described_bodies(text, tokens, lists)  # "Vivaqua, the Brussels water utility, ...": a body
    persons = tuple(p for p in persons if p not in described)
    organisations = tuple(dict.fromkeys(organisations + described))
    plain = fold(text)  # read once by every pattern below
    flags = {name for name in ("instruction", "superseded", "correction") if lists[name].search(plain)}
    if len(events) < len(inside):
        flags.add("dateline")  # its date is the publication date, written before the text
    if release.published and release.published.day and (lists["today"].search(plain)
                                                         or _on_publication_weekday(plain, release.published)):
        flags.add("today")  # "signed today", "a signé ce mardi": the event's date is the publication date
        events.append(release.published)
    flags |= {"caption"} if lists["caption"].match(plain) else set()
    folded = [fold(w) for w, _, _ in tokens]
    if any(w in lists["roles"] for w in folded):
        flags.add("role")
    if _ADDRESS.search(text):
        flags.add("address")
    if any(s <= start and end <= e for s, e in boilerplate):
        flags.add("boilerplate")
    if _QUOTE.search(text):
        flags.add("quote")
    if refers_back(tokens, folded, lists):
        flags.add("anaphora")  # "She ...", "Celui-ci ...", "The organisation ...": the name is in the sentence before
    if is_heading(release.text, start, end):
        flags.add("heading")
    places = [m.group(1) for m in _PLACE_BEFORE.finditer(text) if fold(m.group(1)) not in lists["not_names"]]
    places += [" ".join(run) for run, before, after in runs  # "het district Songinokhairkhan"
               if (before in lists["place_words"] or after in lists["place_words"]) and run[0][:1].isupper()]
    partners = find_partners(text)
    return SentenceFacts(
        index=i, start=start, end=end, numbers=_numbers(text, tokens, folded, inside, release.lang),
        dates=tuple(dict.fromkeys(d.iso() for d in events)), persons=persons, organisations=organisations,
        places=tuple(dict.fromkeys(places)), partners=partners, list_end=list_end(release.text, spans, i),
        flags=frozenset(flags),
    )


def _on_publication_weekday(folded: str, published) -> bool:
    """The sentence names the weekday the release was published on, without a date after it ("signé ce mardi",
    "on Tuesday the delegation", "deze dinsdag"): a release tells its own day's events by their weekday."""
    day = published.earliest().weekday()
    names = "|".join(name for i, name in enumerate(WEEKDAYS.split()) if i % 7 == day)
    # "every Tuesday" is no one day, "last Tuesday" / "mardi prochain" another week's; "Tuesday 12 October" is dated
    other = r"(?<!every )(?<!chaque )(?<!elke )(?<!iedere )(?<!last )(?<!next )(?<!vorige )(?<!afgelopen )" \
            r"(?<!volgende )(?<!komende )"
    dated = r"(?!\s+(?:dernier|prochain))(?!\s*,?\s*(?:the\s+|le\s+|den\s+)?(?:\d|[a-z]+\s+\d))"
    return bool(re.search(rf"{other}\b(?:{names})\b{dated}", folded))


def number_values(text: str, lang: str | None = None) -> frozenset[str]:
    """The values of the numbers a text writes, read as in a release's sentences ("180 000", "1,2 million")."""
    tokens = words(text)
    return frozenset(v for _, v, _ in _numbers(text, tokens, [fold(w) for w, _, _ in tokens], (), lang))


def _numbers(text: str, tokens, folded: list[str], dates, lang: str | None = None) -> tuple[tuple[int, str, str], ...]:
    """Counts and amounts with their kind, read from the words around them (numbers in words: the text's
    language's); years inside dates and numbers that name something ("bus line 55", "Lyceum No. 2") left out."""
    durations, names = _lists()["durations"], _lists()["identifier_nouns"]
    found = []
    starts = [s for _, s, _ in tokens]
    grouped = -1  # the last token of a number written in groups ("180 000") or with its scale, already read
    read: set[int] = set()  # the tokens of the numbers written in digits
    for position, (word, s, e) in enumerate(tokens):
        if position <= grouped or not word[:1].isdigit() or any(ds <= s and e <= de for ds, de, _ in dates) \
                or position and folded[position - 1].rstrip(".") in names:
            continue
        value = next((k[2:] for k in keys(word) if k[0] in "n"), None)
        last = position
        if value and re.fullmatch(r"\d{1,3}", word):  # "180 000", "1 200 000": thousands groups after a space
            while last + 1 < len(tokens) and re.fullmatch(r"\d{3}", tokens[last + 1][0]) \
                    and re.fullmatch(r"[ \u00a0\u202f]", text[tokens[last][2]:tokens[last + 1][1]]):
                last += 1
            if last > position:
                value, e, grouped = "".join(w for w, _, _ in tokens[position:last + 1]), tokens[last][2], last
        if value and last + 1 < len(tokens) and folded[last + 1] in SCALES:
            grouped = max(grouped, last + 1)  # "1.5 million": one value, the scale word read with it
            value = f"{float(value) * SCALES[folded[last + 1]]:.12g}"
        if value:
            found.append((position, value, _kind(text, tokens, folded, last, e, durations, first=position)))
            read.update(range(position, max(grouped, last) + 1))
    for s, e, value, ordinal in spelled_numbers(text, lang):
        position = next((p for p, start in enumerate(starts) if start >= s), len(tokens))
        if ordinal or position in read:
            continue
        last = next((p for p in range(len(tokens) - 1, -1, -1) if tokens[p][1] < e), position)
        found.append((position, str(value), _kind(text, tokens, folded, last, e, durations)))
    return tuple(sorted(found))


def _kind(text: str, tokens, folded: list[str], position: int, end: int, durations, first: int | None = None) -> str:
    """The kind of the number ending at token `position` (starting at `first`), from the words around it."""
    first = position if first is None else first
    after = folded[position + 1:position + 3]
    before = folded[max(0, first - 1):first]
    if _PERCENT.match(text[end:end + 10]):
        return "percent"
    if _SIZE.match(text[end:end + 22]):
        return "size"
    codes, money = _lists()["currency_codes"], _lists()["money"]  # "EUR 2.4 million"; "120 million shillings"
    currency_before = any(w in codes for w in before) or re.search(r"[€$£]\s*$", text[max(0, end - 30):
                                                                                         tokens[first][1]])
    if currency_before or re.match(r"^\s*[€$£]", text[end:end + 3]) or any(w in money for w in after) \
            or (after[:1] and after[0] in _SCALE and any(w in money for w in folded[position + 2:position + 4])):
        return "money"
    if after[:1] and after[0] in durations:
        return "duration"
    return "count"


def _names(tokens, runs) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Person names (two or more capitalised words, or one after a title, that are no place, body or role) and
    organisation names (a run holding an organisation word, an acronym, a dotted name such as hub.brussels, a name
    right after an organisation noun: "the consultancy Urbanis Evaluation", "la start-up AquaSentinel", or the
    Region's name with a word of its own: "Bruxelles-Propreté", "Leefmilieu Brussel")."""
    lists = _lists()
    persons, organisations = [], []
    for i, (word, _, _) in enumerate(tokens[:-1]):
        if fold(word).rstrip(".") in lists["titles"]:  # "Dr. Grace Mwaipopo": the capitalised words after a title
            name = []
            for token in tokens[i + 1:i + 1 + TITLED_WORDS]:
                if not token[0][:1].isupper() or fold(token[0]) in lists["not_names"] \
                        or fold(token[0]).rstrip(".") in lists["titles"] \
                        or (name and token[1] - name[-1][2] > 1):  # one space between the words of a name
                    break
                name.append(token)
            if name:
                persons.append(" ".join(w for w, _, _ in name))
    for run, before, _ in runs:
        folded = [fold(w) for w in run]
        vouched = False  # a title or a role before the words says they are a name, whatever else they may mean
        while len(run) > 1 and folded[0].rstrip(".") in lists["titles"]:
            run, folded, vouched = run[1:], folded[1:], True  # "Dr Fodé Kamano"
        last_role = max((i for i, w in enumerate(folded) if w in lists["roles"]), default=None)
        if last_role is not None and len(run) - last_role > 2 and before not in lists["organisation_words"]:
            if any(w in lists["organisation_words"] for w in folded[:last_role]):  # "Chamber of Commerce President"
                organisations.append(" ".join(run[:last_role]))
            run, folded = run[last_role + 1:], folded[last_role + 1:]  # "Yerevan Mayor *Hayk Mkrtchyan*"
            vouched = True
        name = " ".join(run)
        if any(w in lists["organisation_words"] for w in folded) or before in lists["organisation_words"]:
            organisations.append(name)
        elif len(run) > 1 and any(w in lists["home_names"] for w in folded) and not any(
                w in lists["not_in_body"] or any(k[0] == "n" for k in keys(w))
                for w in folded if w not in lists["home_names"]):
            organisations.append(name)  # the Region's bodies: "Bruxelles Environnement", "Net Brussel"; not
            # the Region itself ("Brussels Hoofdstedelijk Gewest"), a role ("Brussels Commissioner") or a count
            # opening the sentence ("Seventeen Brussels companies")
        elif len(run) == 1 and (_ACRONYM.match(run[0]) or "." in run[0]):
            if folded[0] not in lists["roles"] | lists["currency_codes"]:  # "EUR 2.4 million" names no body
                organisations.append(name)
        elif len([w for w in run if w[:1].isupper()]) >= 2 and not any(w in lists["not_names"] for w in folded if w not in lists["particles"]) \
                and not canonical_partner(name) and not all(_ACRONYM.match(w) for w in run) \
                and (vouched or not any(default_glossary().lists(w) for w in run)):  # "Foreign Trade": common nouns
            persons.append(name)
    organisations += [w for w, _, _ in tokens if "." in w and w[:1].islower() and len(w) > 4]  # hub.brussels
    return tuple(dict.fromkeys(persons)), tuple(dict.fromkeys(organisations))


def _runs(text: str, tokens) -> list[tuple[list[str], str, str]]:
    """Runs of adjacent capitalised words (particles allowed inside), the sentence's first word only when the
    next one is capitalised too; each with the folded words written right before and after it in the same clause
    (a noun that may say what the name is: "the consultancy *Urbanis Evaluation*", "the *Matero* compound"; one
    adjective may stand between: "l'agence régionale *Bruxelles-Propreté*"), or ""."""
    lists = _lists()
    particles, kind_nouns = lists["particles"], lists["kind_nouns"]
    runs, run, previous_end = [], [], None
    for i, token in enumerate(tokens):
        word, start, end = token
        adjacent = previous_end is not None and re.fullmatch(r"[ \-]|[ ]?&[ ]?|'|’", text[previous_end:start] or "x")
        capital = word[:1].isupper()
        if capital or (run and fold(word) in particles and adjacent):
            if run and not adjacent:
                runs.append(run)
                run = []
            run.append((i, token))
        elif run:
            runs.append(run)
            run = []
        previous_end = end
    if run:
        runs.append(run)
    out, common = [], stopwords()
    for run in runs:
        while run and (fold(run[0][1][0]) in common or fold(run[0][1][0]) in lists["determiners"]):
            run = run[1:]  # "For Isabelle Grippa", "In Milan": a capitalised first word of the sentence
        while run and fold(run[-1][1][0]) in particles:
            run.pop()
        if run:
            first, last = run[0][0], run[-1][0]
            before = after = ""
            gap_after = text[tokens[last][2]:tokens[last + 1][1]].strip() if last + 1 < len(tokens) else "."
            if first > 0 and text[tokens[first - 1][2]:tokens[first][1]].strip() == "":
                before = fold(tokens[first - 1][0])
                if first > 1 and before not in common and text[tokens[first - 2][2]:tokens[first - 1][1]] == " " \
                        and fold(tokens[first - 2][0]) in kind_nouns:
                    before = fold(tokens[first - 2][0])  # "l'agence régionale Bruxelles-Propreté": past an adjective
            elif first > 0 and text[tokens[first - 1][2]:tokens[first][1]].strip() == "," and gap_after == "," \
                    and tokens[first - 1][0][:1].islower() and fold(tokens[first - 1][0]) in kind_nouns:
                # "cette organisation, Hydro-Solidarité, mettra": in apposition to a common noun (not to a name's
                # last word: "the European Union, Rebecca Thornton, opened")
                before = fold(tokens[first - 1][0])
            if gap_after == "":
                after = fold(tokens[last + 1][0])
            out.append(([w for _, (w, _, _) in run], before, after))
    return out
