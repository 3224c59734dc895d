"""The few words the bot writes itself, in the question's language: dates, scopes, abstentions, notes."""
from __future__ import annotations

from typing import Sequence

from ingest.records import PartialDate, Release

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
}
_ABSTAIN = {
    "en": "None of the {n} releases{filtered}, published between {first} and {last}, {what}.",
    "fr": "Aucun des {n} communiqués{filtered}, publiés entre {first} et {last}, {what}.",
    "nl": "Geen van de {n} persberichten{filtered}, gepubliceerd tussen {first} en {last}, {what}.",
}
_FILTERED = {"en": " matching your filters", "fr": " correspondant à vos filtres", "nl": " binnen uw filters"}
_WHAT = {
    "mentions": {"en": "mentions {x}", "fr": "ne mentionne {x}", "nl": "vermeldt {x}"},
    "date": {"en": "gives that date", "fr": "ne donne cette date", "nl": "vermeldt die datum"},
    "number": {"en": "gives that figure", "fr": "ne donne ce chiffre", "nl": "vermeldt dat cijfer"},
    "person": {"en": "names that person", "fr": "ne nomme cette personne", "nl": "noemt die persoon"},
    "place": {"en": "gives that place", "fr": "ne précise ce lieu", "nl": "vermeldt die plaats"},
    "other": {"en": "answers this question", "fr": "ne répond à cette question", "nl": "beantwoordt deze vraag"},
}
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
    "en": "Where the releases differ, the most recent one ({date}) prevails.",
    "fr": "Là où les communiqués diffèrent, le plus récent ({date}) prévaut.",
    "nl": "Waar de persberichten verschillen, geldt het recentste ({date}).",
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


def abstain_text(releases: Sequence[Release], lang: str, reason: str, subject: str = "",
                 filtered: bool = False) -> str:
    """'None of the 18 releases, published between May 2019 and April 2024, mentions Vietnam.'"""
    lang = _lang(lang)
    if not releases:
        return _NONE[lang] if filtered else _EMPTY[lang]
    dates = sorted(r.published for r in releases if r.published)
    first, last = (_month(dates[0], lang), _month(dates[-1], lang)) if dates else ("?", "?")
    what = _WHAT.get(reason, _WHAT["other"])[lang].format(x=subject)
    return _ABSTAIN[lang].format(n=len(releases), filtered=_FILTERED[lang] if filtered else "", first=first,
                                 last=last, what=what)


def newest_note(date: PartialDate | None, lang: str) -> str:
    return _NEWEST[_lang(lang)].format(date=format_date(date, lang))
