"""An outcome told by ellipsis: a release that gives a plan often tells what came of it in the next sentence without
naming what it counts again ("Oorspronkelijk waren twaalf klaslokalen gepland ... konden er veertien worden
gebouwd"), so the figure counts nothing the question names and is found only beside its plan."""
from __future__ import annotations

from bot.corpus import Sentence
from bot.question.words import words_of
from bot.read.candidates import Candidate
from bot.read.kinds import marked_plans
from bot.read.measures import same_order
from ingest.terms import fold

PARTITIVE = 4  # words before a figure where "er" or "en" stands for the noun it counts ("elle en a formé 162")


def told_next(plan: Candidate, planned: list[tuple[float, str]], ranked: list[Candidate], units: tuple[str, ...]
              ) -> list[tuple[Candidate, list[tuple[float, str]]]]:
    """The outcome told in the sentence after the plan's, in its paragraph, counting what the plan counted without
    naming it (_elided): a figure of the plan's unit and order, another value, no word of plan beside it ("Twelve
    classrooms were planned in four schools. Because building costs were lower, fourteen were built.")."""
    last, text = plan.sentences[-1], plan.release.text
    planned_units = {u for _, u in planned}
    for c in ranked:
        s = c.sentence
        if c.release.id != plan.release.id or s.index != last.index + 1 or "\n\n" in text[last.end:s.start]:
            continue
        found = [(v, u) for pos, v, u, p in marked_plans(s, units) if not p and u in planned_units
                 and v not in {w for w, _ in planned} and same_order({str(v)}, {str(w) for w, _ in planned})
                 and _elided(s, pos)]
        return [(c, found)] if found else []
    return []


def _elided(s: Sentence, pos: int) -> bool:
    """The figure at `pos` counts a noun the sentence leaves out: a verb follows it ("14 were built", "veertien
    worden gebouwd"; not French "à", which folds to the verb "a": "dont 62 à des femmes"), or the language's
    partitive pronoun stands before it ("werden *er* 27 gebouwd", "elle *en* a formé 162")."""
    data = words_of()
    partitive = data["partitive"].get(s.lang, frozenset())
    after = s.tokens[pos + 1][0].lower() if pos + 1 < len(s.tokens) else ""
    return after != "à" and fold(after) in data["auxiliaries"] \
        or any(fold(w) in partitive for w, _, _ in s.tokens[max(0, pos - PARTITIVE):pos])
