"""The closest passages: the tier shown when the reader cannot answer directly. A few quotes, each cited and dated,
chosen so that whoever reads them can settle the question and has few releases to check: more of the best quote's
release, another release only when it scores near the best or disagrees with it, and the correction first."""
from __future__ import annotations

from bot.cite import Claim
from bot.question.analysis import Analysis
from bot.read.beginning import earliest_quote
from bot.read.candidates import Candidate
from bot.read.comparison import missing_sides, more_of_the_measure
from bot.read.direct import gives_as_asked
from bot.read.disagree import corrected_after, corrects, newer
from bot.read.draft import Draft
from bot.read.leads import dated
from bot.read.lists import added_list, carried_list, lists_to_show, more_of_the_releases_shown, overlap, replaced_by
from bot.read.model import Model
from bot.read.renamed import renamed_first
from bot.read.states import correction_to_show
from bot.read.superseded import corrections_first
from bot.records import Query
from bot.render import closest_lead, newest_note

MAX_CLOSEST = 3
MORE_OF_THE_KIND = 1  # quotes of the closest passages' releases added when they give the kind asked
OTHER_RELEASE = 0.3  # a closest passage from another release must score this share of the best one's
SAME_RELEASE = 0.5  # one from the best passage's release needs only this share of the closest tier's bar
MAX_RELEASES = 2  # releases the closest passages quote (a list's or a comparison's: all): each is one more to check


def closest(query: Query, ranked: list[Candidate], model: Model, bar: float | None = None,
            analysis: Analysis | None = None, disagreeing: Candidate | None = None) -> Draft:
    """Up to MAX_CLOSEST quotes above the bar: more of the best quote's release (the answer is often a sentence
    away from it), another release's only when it scores near the best (each citation is one more to check). A
    quote that tells a superseded figure comes after its correction when both are shown, as in a direct answer.
    Another release that disagrees with the best quote (bot.read.disagree.second_release) is shown too, however low
    it scores (a correction seldom repeats the question's words): first when it says it corrects, else second.
    Then, from the releases shown, more of a comparison's measure (bot.read.comparison.more_of_the_measure), or
    for another question one more quote that gives the kind asked (_more_of_the_kind). A question about the start
    of a partnership also gets the quote of the partner's earliest release (bot.read.beginning)."""
    shown: list[Candidate] = []
    floor = model.closest if bar is None else bar
    for c in ranked:
        if len(shown) == MAX_CLOSEST or c.p < floor * (SAME_RELEASE if shown else 1.0):
            break
        if shown and c.release.id != shown[0].release.id and (c.p < floor or c.p < OTHER_RELEASE * shown[0].p
                                                              and c.release.id not in {o.release.id for o in shown}):
            continue
        if not any(overlap(c, o) for o in shown):
            shown.append(c)
    correcting = disagreeing is not None and corrects(disagreeing, analysis.needs[0])
    if disagreeing is not None and shown and not any(overlap(disagreeing, o) for o in shown):
        shown.insert(0 if correcting else 1, disagreeing)
    if analysis is not None and shown and (fix := correction_to_show(shown, ranked, analysis, floor * SAME_RELEASE)):
        shown = [fix] + shown[:MAX_CLOSEST - 1]
    if analysis is not None and analysis.listing and shown and (listers := lists_to_show(shown, ranked, analysis)):
        shown = replaced_by(shown[:MAX_CLOSEST - 1], listers[:2]) + listers[:2]
    if analysis is not None and analysis.listing and (earlier := carried_list(shown, ranked, analysis)):
        shown.append(earlier)  # the items a release keeps from an earlier one, as that one lists them
    if analysis is not None and analysis.listing and shown and (later := added_list(shown, ranked, analysis)):
        shown.append(later)  # the items a later release adds to the list
    if analysis is not None and analysis.compare and shown:
        shown += missing_sides(shown, ranked, analysis, floor)
    if analysis is not None and (analysis.compare or analysis.comparative) and shown:
        shown += more_of_the_measure(shown, ranked, analysis)
    elif analysis is not None and analysis.needs and not analysis.listing and shown:
        shown += _more_of_the_kind(shown, ranked, analysis)
    for old in [c for c in shown if analysis is not None and c.sentence.facts.has("superseded")]:
        if (fix := corrected_after(old, ranked, analysis)) in shown:  # never one that was not close enough
            shown.remove(fix)
            shown.insert(shown.index(old), fix)
    shown = _few_releases(renamed_first(corrections_first(shown, ranked, analysis), ranked, analysis), analysis,
                          before=shown)
    if analysis is not None and shown and (first := earliest_quote(analysis, ranked, floor)) \
            and first.release.id not in {c.release.id for c in shown}:
        shown.append(first)  # "the first agreement with Kpalimé": the release that announced it, one more to check
    many = len({c.release.id for c in shown}) > 1
    claims = tuple(Claim(c.release, c.start, c.end, label=dated(c, query.lang) if many else "") for c in shown)
    # a release that says it corrects the best quote's is shown first, and said to, as in a direct answer: whoever
    # reads the passages should not have to work out which of two figures stands (newer_correcting's rule, with
    # `corrects`, which reads the whole release, read once above)
    footer = newest_note(disagreeing.release.published, query.lang) if correcting and disagreeing in shown and \
        newer(ranked[0], disagreeing) is disagreeing else ""
    return Draft(claims, lead=closest_lead(query.lang), as_list=len(claims) > 1, confidence="closest",
                 footer=footer, notes=(footer,) if footer else ())


def _few_releases(shown: list[Candidate], analysis: Analysis | None, before: list[Candidate]) -> list[Candidate]:
    """The quotes of the first MAX_RELEASES releases shown, in their order: the passages are what the reader could
    not settle, and whoever checks them opens every release cited. On the tuning sets a third release's quotes were
    from a release that answers 38 times in 195, and dropping them cost 9 of 4,557 correct answers. A list (one item
    per release) and a comparison (a side per release) keep them all. The releases are counted on the quotes shown
    `before` corrections came in, and a correction (shown just before the quote it corrects) stays when that quote
    does: a correction never takes the place of a release the reader chose."""
    if analysis is not None and (analysis.listing or analysis.compare or analysis.comparative):
        return shown
    kept = list(dict.fromkeys(c.release.id for c in before))[:MAX_RELEASES]
    at = {id(c): i for i, c in enumerate(before)}

    def corrects_the_next(i: int, c: Candidate) -> bool:  # brought or moved before a quote of a kept release
        following = shown[i + 1] if i + 1 < len(shown) else None
        return following is not None and following.release.id in kept \
            and at.get(id(c), len(before)) > at.get(id(following), -1)
    return [c for i, c in enumerate(shown) if c.release.id in kept or corrects_the_next(i, c)]


def _more_of_the_kind(shown: list[Candidate], ranked: list[Candidate], analysis: Analysis) -> list[Candidate]:
    """The closest passages' own releases hold more than their best quotes: the next quotes of those releases that
    give the kind of fact asked as a direct answer must (a date for "when", a figure beside the counted noun for
    "how many visitors", a person in the role asked for "who is the mayor"), best first, up to
    MORE_OF_THE_KIND. The answer is often a sentence ranked below a neighbour that repeats the question's words (a
    paraphrase, another language), and it adds no release to check."""
    return more_of_the_releases_shown(shown, ranked, MORE_OF_THE_KIND,
                                      lambda c: gives_as_asked(c, analysis))
