"""The few words the bot writes itself, in the question's language: dates, scopes, abstentions, notes."""
from __future__ import annotations

from typing import Sequence

from ingest.catalog import Scope  # the releases searched: how many, the first and last dates
from ingest.records import PartialDate, Release

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
}
_ABSENT = {
    "en": "None of the {n} releases{filtered}, published between {first} and {last}, mentions {x}.",
    "fr": "Aucun des {n} communiqués{filtered}, publiés entre {first} et {last}, ne mentionne {x}.",
    "nl": "Geen van de {n} persberichten{filtered}, gepubliceerd tussen {first} en {last}, vermeldt {x}.",
}
_NOT_FOUND = {
    "en": "I found no passage that answers this question in the {n} releases{filtered} published between {first} "
          "and {last}.",
    "fr": "Je n'ai trouvé aucun passage qui réponde à cette question dans les {n} communiqués{filtered} publiés "
          "entre {first} et {last}.",
    "nl": "Ik vond geen passage die deze vraag beantwoordt in de {n} persberichten{filtered} gepubliceerd tussen "
          "{first} en {last}.",
}
_CLOSEST_RELEASES = {"en": "The closest releases: {items}.", "fr": "Les communiqués les plus proches : {items}.",
                     "nl": "De meest verwante persberichten: {items}."}
# a claim about the reader, not the releases: the closest passages often hold the answer, unsure as the reader is
_CLOSEST = {
    "en": "**I cannot answer this directly.** The closest passages:",
    "fr": "**Je ne peux pas y répondre directement.** Les passages les plus proches :",
    "nl": "**Ik kan hier niet rechtstreeks op antwoorden.** De meest verwante passages:",
}
_DIFFER = {"en": "**The releases differ:**", "fr": "**Les communiqués divergent :**",
           "nl": "**De persberichten verschillen:**"}
_FILTERED = {"en": " matching your filters", "fr": " correspondant à vos filtres", "nl": " binnen uw filters"}
_NONE = {
    "en": "No release matches your filters, so I cannot answer this question.",
    "fr": "Aucun communiqué ne correspond à vos filtres : je ne peux pas répondre à cette question.",
    "nl": "Geen enkel persbericht valt binnen uw filters: ik kan deze vraag niet beantwoorden.",
}
_EMPTY = {
    "en": "No press releases have been loaded yet, so I cannot answer this question.",
    "fr": "Aucun communiqué de presse n'a encore été chargé : je ne peux pas répondre à cette question.",
    "nl": "Er zijn nog geen persberichten geladen: ik kan deze vraag niet beantwoorden.",
}
_NEWEST = {
    "en": "The most recent release ({date}) corrects or updates the earlier one.",
    "fr": "Le communiqué le plus récent ({date}) corrige ou met à jour le précédent.",
    "nl": "Het recentste persbericht ({date}) corrigeert of actualiseert het eerdere.",
}


def _lang(lang: str) -> str:
    return lang if lang in MONTHS else "en"


def format_date(date: PartialDate | None, lang: str) -> str:
    """'2 February 2023', '2 février 2023', 'februari 2023', '2023'."""
    if date is None:
        return "?"
    months = MONTHS[_lang(lang)]
    if date.day:
        day = "1er" if date.day == 1 and _lang(lang) == "fr" else str(date.day)
        return f"{day} {months[date.month - 1]} {date.year}"
    if date.month:
        return f"{months[date.month - 1]} {date.year}"
    return str(date.year)


def _month(date: PartialDate, lang: str) -> str:
    return format_date(PartialDate(date.year, date.month), lang) if date.month else str(date.year)


def _scope(scope: Scope, lang: str) -> tuple[str, str]:
    return (_month(scope.first, lang), _month(scope.last, lang)) if scope.first else ("?", "?")


def absent_text(scope: Scope, lang: str, subject: str, filtered: bool = False) -> str:
    """'None of the 18 releases, published between May 2019 and April 2024, mentions Vietnam.' Say it only when
    it was checked to be true."""
    lang = _lang(lang)
    if not scope.n:
        return _NONE[lang] if filtered else _EMPTY[lang]
    first, last = _scope(scope, lang)
    return _ABSENT[lang].format(n=scope.n, filtered=_FILTERED[lang] if filtered else "", first=first,
                                last=last, x=subject)


def not_found_text(scope: Scope, lang: str, closest: Sequence[Release] = (), filtered: bool = False) -> str:
    """What was searched and that no passage answers, with the closest releases by title and date."""
    lang = _lang(lang)
    if not scope.n:
        return _NONE[lang] if filtered else _EMPTY[lang]
    first, last = _scope(scope, lang)
    text = _NOT_FOUND[lang].format(n=scope.n, filtered=_FILTERED[lang] if filtered else "", first=first,
                                   last=last)
    if closest:
        items = "; ".join(f"«{r.title}» ({format_date(r.published, lang)})" if r.published else f"«{r.title}»"
                          for r in closest)
        text += " " + _CLOSEST_RELEASES[lang].format(items=items)
    return text


def closest_lead(lang: str) -> str:
    return _CLOSEST[_lang(lang)]


def differ_lead(lang: str) -> str:
    return _DIFFER[_lang(lang)]


_DIFFERENCE = {"en": "Difference between the two figures quoted{f}: {x}.",
               "fr": "Écart entre les deux chiffres cités{f} : {x}.",
               "nl": "Verschil tussen de twee geciteerde cijfers{f}: {x}."}
_ORDER = {"en": "By the dates quoted, {a} ({da}) comes {rel} {b} ({db}).",
          "fr": "D'après les dates citées, {a} ({da}) vient {rel} {b} ({db}).",
          "nl": "Volgens de geciteerde datums komt {a} ({da}) {rel} {b} ({db})."}
_BEFORE_AFTER = {"en": ("before", "after"), "fr": ("avant", "après"), "nl": ("vóór", "na")}
_GROUPING = {"en": ",", "fr": "\u202f", "nl": "."}
_AND = {"en": "and", "fr": "et", "nl": "en"}
_DECIMAL = {"en": ".", "fr": ",", "nl": ","}
_UNIT_WORDS = {"euro": {"en": "euros", "fr": "euros", "nl": "euro"},
               "percent": {"en": "percentage points", "fr": "points de pourcentage", "nl": "procentpunt"}}


def difference_note(value: float, unit: str, lang: str, figures: tuple[float, ...] = ()) -> str:
    """The difference a comparison's two quoted figures make, said to be computed from them, which are named in
    digits ("(2.1 million and 1.45 million): 650,000 euros", "(52 and 40): 12") so that it can be checked against
    quotes that write them in words or in another language's style."""
    lang = _lang(lang)
    word = _UNIT_WORDS.get(unit, {}).get(lang, "")
    named = f" ({f' {_AND[lang]} '.join(_number(f, lang) for f in figures)})" if figures else ""
    return _DIFFERENCE[lang].format(x=f"{_number(value, lang)} {word}".strip(), f=named)


def _number(value: float, lang: str) -> str:
    whole, _, fraction = f"{value:,.2f}".partition(".")
    number = whole.replace(",", _GROUPING[lang])
    if fraction.strip("0"):
        number += _DECIMAL[lang] + fraction.rstrip("0")
    return number


def order_note(first: tuple[str, PartialDate], second: tuple[str, PartialDate], before: bool, lang: str) -> str:
    """The order of a comparison's two quoted dates, said to be read from them ("Tamale (22 June 2006) comes before
    Goma (10 March 2009)")."""
    lang = _lang(lang)
    (a, da), (b, db) = first, second
    return _ORDER[lang].format(a=a, da=format_date(da, lang), b=b, db=format_date(db, lang),
                               rel=_BEFORE_AFTER[lang][0 if before else 1])


def newest_note(date: PartialDate | None, lang: str) -> str:
    return _NEWEST[_lang(lang)].format(date=format_date(date, lang))
