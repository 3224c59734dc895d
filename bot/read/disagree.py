"""Releases that disagree with the best quote: another dated release about the same partner that gives another value
of the kind asked for (an update, a disagreement, or a correction that says so), and the corrected value a release
gives after telling what its earlier version said. bot.read.compose shows both, the correction first."""
from __future__ import annotations

from bot.question.analysis import Analysis
from bot.read.candidates import Candidate
from bot.read.leads import values
from bot.read.measures import named_partner
from bot.read.model import Model
from bot.read.states import corrects_in_place
from bot.records import Query

SECOND = 0.8  # a second release is shown beside the best when it scores this close (it may disagree or update);
# below, a rival that gives another value makes the answer the closest passages (bot.read.compose.RIVAL)
SAME_SUBJECT = 0.9  # a newer release that says it corrects, covering the question about as well as the best one's
CORRECTION_GAP = 300  # characters between a superseded statement and its correction, at most


def second_release(query: Query, analysis: Analysis, ranked: list[Candidate], best: Candidate,
                   model: Model, answers=lambda c: True) -> Candidate | None:
    """A confident quote of another dated release about the same partner that gives another value of the kind
    asked for (another date, figure or name): the releases disagree, or one updates the other. A newer release
    needs less confidence when the question asks for the current state, and none when it says it corrects what an
    older release said and its release covers the question about as well as the best one's (the corrected figure
    rarely repeats the question's words: they are in the sentence before). `answers` tells whether a quote answers
    the question at all (a director named where a mayor is asked for gives no other answer), and a quote about
    another place than the question's gives no other value (a release about three partners names three mayors). A
    partner the gazetteers do not know is the one both releases name, as the question does ("Gafsa")."""
    if not analysis.needs or not best.release.published:
        return None
    kind = analysis.needs[0]
    mine = values(best, kind)
    if not mine:
        return None
    partners = set(best.release.partners)
    named = []  # read once, when two releases share no known partner: a town the gazetteers do not know

    def same_partner(c: Candidate) -> bool:
        if partners & set(c.release.partners):
            return True
        if not named:
            named.append(named_partner(query) if not query.partners else None)
        return named[0] is not None and named[0](best) and named[0](c)

    for c in ranked[1:]:  # what the quote says is checked first: whether it corrects is read word by word
        if c.release.id == best.release.id or not c.release.published or c.release.published == best.release.published:
            continue
        if c.features.get("elsewhere", 0):  # "Mayor of Daloa" gives no other mayor of Mongu
            continue
        theirs = values(c, kind)
        if not (same_partner(c) and theirs and theirs - mine) or not answers(c):
            continue
        newer = c.release.published.earliest() > best.release.published.latest()
        correcting = newer and any(s.facts.has("correction") or corrects_in_place(s, kind) for s in c.sentences)
        if correcting and c.features.get("cov_release", 0) >= SAME_SUBJECT * best.features.get("cov_release", 0):
            bar = 0.0
        elif newer and (query.wants_latest or correcting):
            bar = model.closest
        else:
            bar = max(model.confident, SECOND * best.p)
        if c.p >= bar:
            return c
    return None


def corrects(newer: Candidate, kind: str | None) -> bool:
    """The newer release says it corrects or revises what the older one said (only then may it override it)."""
    return any(s.facts.has("correction") or s.facts.has("superseded") or corrects_in_place(s, kind)
               for s in newer.sentences)


def corrected_after(best: Candidate, ranked: list[Candidate], analysis: Analysis) -> Candidate | None:
    """A sentence that tells what an earlier version said ("the first version of this release stated that 500
    people had applied") gives the superseded value; the release's next quote that gives another value of the kind
    asked for is the correction ("The correct figure is 600")."""
    if not analysis.needs or not best.sentence.facts.has("superseded"):
        return None
    kind = analysis.needs[0]
    mine = values(best, kind)
    after = [c for c in ranked if c.release.id == best.release.id and best.sentence.end <= c.start
             and c.start - best.end <= CORRECTION_GAP and values(c, kind) - mine]
    return min(after, key=lambda c: c.start, default=None)


def newer(best: Candidate, second: Candidate) -> Candidate:
    """The quote of the later-published release (on a tie, `best`)."""
    return max((best, second), key=lambda c: c.release.published.earliest())


def newer_correcting(best: Candidate, second: Candidate, analysis: Analysis) -> Candidate | None:
    """Of two dated releases that disagree (bot.read.disagree.second_release), the newer, when it says it corrects
    the older: both tiers show it first and note it (on a tie, `best`)."""
    later = newer(best, second)
    return later if corrects(later, analysis.needs[0]) else None
