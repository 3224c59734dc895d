"""The state at the start of a partnership ("how much went into the first agreement with Kpalimé?", "how many
people lived in Masaka when the partnership began?"): its earliest release tells it. The reader's signals hold
recency but no earliness, so a later release that recalls the first agreement, or reports on it, outscores the
release that announced it; the closest passages then show that release's quote too."""
from __future__ import annotations

from bot.question.analysis import Analysis
from bot.read.candidates import Candidate
from bot.read.direct import gives_as_asked
from bot.read.measures import published_day
from bot.read.signals import holds


def earliest_quote(analysis: Analysis, ranked: list[Candidate], bar: float) -> Candidate | None:
    """When the question asks for the beginning of a partnership (Analysis.asks_beginning), but not the date of the
    first signing (which later releases recall as well), or for the date of the first of a renewed thing
    (Analysis.first_instance: its renewals' releases may date only the renewal): the earliest release that names
    what the question names and has a quote reaching `bar`, and its best quote that gives the kind of fact asked
    (its best, when the question asks for no kind)."""
    first_date = analysis.first_instance and analysis.needs[:1] == ("date",)  # "when was the first one signed?"
    if not (analysis.asks_beginning or first_date) or ("date" in analysis.needs and not first_date) \
            or not analysis.name_anchors:
        return None
    naming = [c for c in ranked if c.p >= bar and all(holds(w, c.release_keys) for w in analysis.name_anchors)]
    if not naming:
        return None
    first = min(naming, key=lambda c: (published_day(c), -c.p)).release.id
    own = [c for c in ranked if c.release.id == first]
    return next((c for c in own if not analysis.needs or gives_as_asked(c, analysis)), own[0])
