"""The extreme of a group ("which partner town gets the largest envelope?"): its answer is a breakdown, one figure
per member, most often as the items of a list ("- Mweka : 1 750 000 euros pour ...") or in one sentence ("€450,000
for Uvira, €400,000 for Nioro du Sahel and €350,000 for Likasi"). The reader weighs each sentence alone, and an
item or such a sentence repeats few of the question's words: it ranks low, below sentences that only name the
members. Found here, the breakdown is quoted whole, its items largest first (smallest first for "the least")."""
from __future__ import annotations

import re

from bot.cite import Claim
from bot.corpus import as_number
from bot.question.analysis import Analysis
from bot.read.candidates import Candidate
from bot.read.draft import Draft
from bot.read.leads import dated
from bot.records import Query
from bot.render import closest_lead

UNITS = ("money", "count", "percent", "size")  # the figures a member's share can be told in
_ITEM = re.compile(r"\s*(?:[-*•–]\s*)?(?P<label>[^\s:;,.][^:;.]{0,40}?)\s*:\s")  # "- Mweka : 1 750 000 euros"
ITEM_FIGURE_WORDS = 8  # an item's figure comes within this many words of its start ("Mweka : 1 750 000 euros")


def breakdown(query: Query, analysis: Analysis, ranked: list[Candidate]) -> Draft | None:
    """The breakdown of the best release that has one, for a question that asks for the extreme of a group of
    places or partners; None when the question asks none or no release breaks the figure down. A direct answer,
    led by the member whose figure is the extreme, when the items name their members ("Mweka :"); else the
    breakdown as the closest passages."""
    if not analysis.extreme or "place" not in analysis.needs:
        return None
    found = [b for b in _items(ranked) + _sentences(ranked) if _dated_as_asked(b[0], analysis)]
    if not found:
        return None
    items, unit = max(found, key=lambda b: max(c.p for c in b[0]))
    if len(items) == 1:  # one sentence: who gets which figure is not read, the reader of the quote sees it
        return Draft((Claim(items[0].release, items[0].start, items[0].end, label=dated(items[0], query.lang)),),
                     lead=closest_lead(query.lang), confidence="closest")
    ordered = sorted(items, key=lambda c: _figure(c, unit), reverse=analysis.extreme == "most")
    lead_in = [c for c in ranked if c.release.id == items[0].release.id
               and c.sentence.index == items[0].sentence.index - 1 and c.sentence.text.rstrip().endswith(":")]
    claims = tuple(Claim(c.release, c.sentence.start, c.sentence.end) for c in lead_in[:1] + ordered)
    label = _ITEM.match(ordered[0].sentence.text).group("label")
    return Draft(claims, lead=f"**{label}**", as_list=True, confidence="answer")


def _items(ranked: list[Candidate]) -> list[tuple[list[Candidate], str]]:
    """Runs of two or more consecutive list items of one release, each naming its member before a colon and
    giving a figure of one unit right after it."""
    by_release: dict[str, dict[int, tuple[Candidate, str]]] = {}
    for c in ranked:
        if (unit := _item_unit(c)) is not None:
            by_release.setdefault(c.release.id, {})[c.sentence.index] = (c, unit)
    runs: list[tuple[list[Candidate], str]] = []
    for items in by_release.values():
        run: list[Candidate] = []
        for index in sorted(items):
            c, unit = items[index]
            if run and (index != run[-1].sentence.index + 1 or unit != runs[-1][1]):
                run = []
            if not run:
                runs.append((run, unit))
            run.append(c)
    return [(run, unit) for run, unit in runs if len(run) >= 2]


def _item_unit(c: Candidate) -> str | None:
    """The unit of a list item's figure ("- Boende : 900 000 euros, pour ..."): None when it is no such item."""
    if _ITEM.match(c.sentence.text) is None:
        return None
    figures = [(pos, unit) for pos, _, unit in c.sentence.facts.numbers if unit in UNITS]
    return figures[0][1] if figures and figures[0][0] <= ITEM_FIGURE_WORDS else None


def _sentences(ranked: list[Candidate]) -> list[tuple[list[Candidate], str]]:
    """Sentences that give two or more amounts and name two or more partners: a sum divided between partners (other
    figures beside several places are seldom shares: "fourteen artists ... 6,000 visitors in Molenbeek, Schaerbeek")."""
    return [([c], "money") for c in ranked if len(set(c.sentence.facts.partners)) >= 2
            and sum(unit == "money" for _, _, unit in c.sentence.facts.numbers) >= 2]


def _dated_as_asked(items: list[Candidate], analysis: Analysis) -> bool:
    """The breakdown's release gives every year the question names ("under the 2026-2030 agreements")."""
    years = {d[:4] for d in analysis.question_dates}
    return all(f"n:{y}" in items[0].release_keys for y in years)


def _figure(c: Candidate, unit: str) -> float:
    return next(as_number(value) for _, value, u in c.sentence.facts.numbers if u == unit)
