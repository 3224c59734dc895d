"""Question understanding: clean-up, language, follow-ups from history, what is asked for, dates, partners."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable, Sequence

from bot.errors import BadQuestionError
from bot.question.words import words_of
from ingest.terms import LANGS, default_glossary, fold, keys, words
from bot.records import Query
from ingest.metadata.language import detect_language
from ingest.metadata.partners import find_partners, partner_variants, town_spellings
from ingest.records import PartialDate

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
HOME = words_of()["home"]  # the Region's own name: never an anchor
MAX_HISTORY_TURNS = 6


def clean_question(question, max_chars: int) -> str:
    """The question with control characters removed and spaces collapsed; BadQuestionError when unusable."""
    if not isinstance(question, str):
        raise BadQuestionError("The question must be text.")
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", question))
    text = " ".join(text.split())
    if not text or not any(ch.isalnum() for ch in text):
        raise BadQuestionError("The question is empty: please type a question about the press releases.")
    if len(text) > max_chars:
        raise BadQuestionError(
            f"The question is {len(text):,} characters long; please keep it under {max_chars:,} characters."
        )
    return text


def clean_history(history) -> list[tuple[str, str]]:
    """(role, content) of the last user/assistant turns; other roles are ignored, malformed turns refused."""
    if history is None:
        return []
    if isinstance(history, (str, bytes)) or not isinstance(history, Iterable):
        raise BadQuestionError("The history must be a list of {'role': ..., 'content': ...} turns.")
    turns = []
    for turn in history:
        if not isinstance(turn, dict) or not isinstance(turn.get("content", ""), str):
            raise BadQuestionError("Each history turn must be a {'role': ..., 'content': text} object.")
        role = str(turn.get("role", "")).lower()
        if role in ("user", "assistant") and turn.get("content", "").strip():
            turns.append((role, " ".join(_CONTROL.sub(" ", turn["content"]).split())[:2000]))
    return turns[-MAX_HISTORY_TURNS:]


def _as_partial(value) -> PartialDate | None:
    try:
        return PartialDate.coerce(value)
    except ValueError:
        raise BadQuestionError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.") from None


def _needs_history(text: str, turns: Sequence[tuple[str, str]]) -> bool:
    if not turns:
        return False
    folded = fold(text)
    # "How much is the Region putting in?" names nothing of its own: it is about the conversation's partner
    named = [run for run in capitalised(text) if not generic(run)]
    return bool(words_of()["follow_up"].search(folded)) or not named or len(words(text)) <= 5


def generic(run: list[tuple[str, int, int]]) -> bool:
    """A run of capitalised words made only of generic names ("Region", "Government"), which name nothing (the
    Region's own name is never in a run)."""
    names = words_of()["generic_names"]
    return all(fold(w) in names for w, _, _ in run)


def naming_runs(runs: list[list[tuple[str, int, int]]]) -> list[list[tuple[str, int, int]]]:
    """The capitalised runs that name something, without their years and figures ("in 2006", "2014-2018"): a run
    of generic names ("that Brussels minister") or of figures alone names no one."""
    return [kept for run in runs if not generic(run) and (kept := [t for t in run if not t[0][:1].isdigit()])]


def understand(question: str, history: Sequence[tuple[str, str]] = (), *, since=None, until=None,
               partners: Sequence[str] | None = None, lang: str | None = None,
               known: Callable[[str], bool] = lambda form: True) -> Query:
    """A Query from a cleaned question and cleaned history (see clean_question / clean_history);
    `known` keeps only expansions that occur in the corpus."""
    detected = detect_language(question)
    qlang = detected if detected in LANGS else (lang if lang in LANGS else "en")
    context = ""
    if _needs_history(question, history):
        users = [c for r, c in history if r == "user"]
        assistants = [c for r, c in history if r == "assistant"]
        context = " ".join(([users[-1]] if users else []) + ([assistants[-1]] if assistants else []))
    resolved = f"{question} ({context})" if context else question
    named = list(find_partners(question)) + [p for p in find_partners(context) if p]
    caller = [p for p in (partners or ()) if p]
    expansions = tuple(form for form in _expansions(question, known) if known(form))
    folded = fold(question)
    return Query(
        text=question, resolved=resolved, lang=qlang, since=_as_partial(since), until=_as_partial(until),
        previous=users[-1] if context and users else "",
        order=_order(folded) if context else "",
        partners=tuple(dict.fromkeys(caller + named)), wants_latest=bool(words_of()["latest"].search(folded)),
        wants_first=bool(words_of()["first"].search(folded)),
        expansions=expansions,
    )


def _order(folded: str) -> str:
    """"later" when a follow-up (folded) asks for what came after the answer before it ("who signed the next one?",
    "son successeur"), "earlier" for what came before ("et le programme d'avant ?"); nothing when it names a year of
    its own."""
    if re.search(r"\b\d{4}\b", folded):
        return ""
    data = words_of()
    return "later" if data["later_one"].search(folded) else "earlier" if data["earlier_one"].search(folded) else ""


def _expansions(text: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """Glossary forms in all three languages and partner spellings for the words of `text`; a capitalised word the
    corpus does not hold that names a smaller town brings the town's other names (Timbuktu -> Tombouctou)."""
    glossary = default_glossary()
    out: dict[str, None] = {}
    for word, _, _ in words(text):
        for concept in sorted(glossary.concepts_of(word)):
            out.update(dict.fromkeys(glossary.forms(concept)))
        if word[:1].isupper() and not known(word) and not find_partners(word):
            out.update(dict.fromkeys(town_spellings(word)))
    for partner in find_partners(text):
        out.update(dict.fromkeys(partner_variants(partner)))
    lowered = {fold(w) for w, _, _ in words(text)}
    return tuple(form for form in out if fold(form) not in lowered)


_PARTICLES = frozenset("de of van du des la der den di da".split())
_SENTENCE_END = re.compile(r"[.?!]\s*$")
_APART = re.compile(r"[,:;]")  # between two names, they are two ("van het Gewest: Gabès of Mbandaka")


def capitalised(text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of capitalised words and numbers, the first word of each sentence excepted unless it names a partner
    ("... atteint ? Comparez l'objectif ..." names nothing): names, places, years ("Métropole Européenne de Lille"
    is one run; a comma, colon or semicolon ends a run)."""
    runs: list[list[tuple[str, int, int]]] = []
    run: list[tuple[str, int, int]] = []
    previous_end = 0
    for i, (word, start, end) in enumerate(words(text)):
        initial = i == 0 or bool(_SENTENCE_END.search(text[previous_end:start]))
        previous_end = end
        named = word[:1].isupper() and fold(word) not in HOME and (
            not initial or (i > 0 and bool(find_partners(word))))
        special = named or word[:1].isdigit()
        if special and keys(word):
            gap = text[run[-1][2]:start] if run else ""
            if run and any(w not in _PARTICLES for w in re.findall(r"[^\W\d_]+", fold(gap))) or _APART.search(gap):
                runs.append(run)
                run = []
            run.append((word, start, end))
        elif run and fold(word) not in _PARTICLES:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs
