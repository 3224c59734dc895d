"""Language of a text or a short question (en, fr, nl or und) from stop-word and spelling profiles."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Function words and question words: frequent in any text, and enough to tell apart a five-word question.
_WORDS = {
    "en": """the of and to in a is was were be been are for on with as by at from that this these those it its
        which who whom whose what when where why how many much did does do has have had will would can could
        should an or not but their there they he she his her we our you your than then also after before about
        into over under between during while since until both each other more most new first one two three
        according said says took take taking held signed opened open visit visited there here whether any
        again be being same such only just very all up out off per include includes included city delegation
        government cooperation companies today yesterday""",
    "fr": """le la les un une des du de d l et est sont était étaient été à au aux en dans pour par sur avec
        ce cette ces qui que quoi quel quelle quels quelles quand où comment combien pourquoi il elle ils elles
        on nous vous son sa ses leur leurs ne pas plus a ont avait avaient sera seront entre lors depuis après
        avant aussi mais ou donc été s est-il a-t-il a-t-elle ont-ils ont-elles t se y autour auprès chez sous
        lequel laquelle lesquels duquel dont cet selon été fait faite premier première deuxième nouvel nouvelle
        ville visite délégation gouvernement coopération entreprises aujourd hier également""",
    "nl": """de het een en van in is was waren zijn werd worden wordt op te aan met voor door bij uit naar over
        dat die deze dit wie wat wanneer waar waarom hoe hoeveel welk welke er hij zij ze we wij jullie hun haar
        zijn niet geen ook maar of om tot als dan heeft hebben had hadden zal zullen kan kunnen moet bij tijdens
        na sinds tussen onder nog al meer eerste nieuwe twee drie volgens zich bevindt namen nam deel kader
        gebruikt welk brengt bracht het den der des toe per jaar werd vond plaats stad bezocht bezoek delegatie
        gewest regering samenwerking bedrijven missie vandaag gisteren ook nieuw nieuwe""",
}
# Words shared by two languages tell nothing on their own.
_SHARED = {"de", "in", "a", "en", "van", "is", "la", "des", "had", "per", "over", "die", "was", "te", "op", "het", "on", "an", "son", "plus", "met", "door", "as", "been", "die"}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SUFFIXES = {
    "fr": ("tion", "ment", "eux", "euse", "aux", "ée", "ées", "és", "ère", "ait", "aient", "ique", "ité"),
    "nl": ("heid", "lijk", "lijke", "ische", "schap", "ingen", "tje", "eert", "eerd", "ijk", "aar", "oo", "ee"),
    "en": ("ing", "tion", "ed", "ly", "ness", "ship", "ty", "ould", "ough"),
}


@lru_cache(maxsize=1)
def _profiles() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words.split()) for lang, words in _WORDS.items()}


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    tokens = []
    for token in _TOKEN.findall(text.lower()):
        # French elisions: "l'accord", "s'est", "qu'il" count as "l", "s", "qu".
        head, sep, tail = token.partition("'")
        tokens.append(head)
        if tail:
            tokens.append(tail)
    return tokens


def _scores(tokens: list[str]) -> dict[str, float]:
    profiles = _profiles()
    scores = dict.fromkeys(profiles, 0.0)
    for token in tokens:
        owners = [lang for lang, words in profiles.items() if token in words]
        weight = 0.3 if token in _SHARED or len(owners) > 1 else 1.0
        for lang in owners:
            scores[lang] += weight
        if not owners and len(token) > 4:
            for lang, suffixes in _SUFFIXES.items():
                if token.endswith(suffixes):
                    scores[lang] += 0.15
    return scores


def _spelling_bonus(text: str, scores: dict[str, float]) -> None:
    lower = text.lower()
    scores["fr"] += 0.4 * len(re.findall(r"[éèêàçùôî]", lower)) ** 0.5
    scores["nl"] += 0.4 * len(re.findall(r"ij|oe|aa|uu|sch", lower)) ** 0.5
    scores["en"] += 0.4 * len(re.findall(r"\b\w+'s\b|th|wh", lower)) ** 0.5


def detect_language(text: str) -> str:
    """'en', 'fr', 'nl', or 'und' when the text gives too little evidence."""
    tokens = _tokens(text[:20000])
    if not tokens:
        return "und"
    scores = _scores(tokens)
    _spelling_bonus(text[:20000], scores)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 0.9 or top - second < 0.25:
        return "und"
    return best
