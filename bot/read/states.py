"""Two states of one figure or date: a sentence that tells both at once (a change, "from 6 to 11", or a correction,
"450.000 euro en niet 540.000 euro"), a sentence that corrects the kind asked for in place ("not on 14 June, as
announced, but on 21 September"), and the later state of a figure a conversation gave."""
from __future__ import annotations

from bot.question.analysis import Analysis
from bot.question.compared import periods_of
from bot.question.words import words_of
from bot.read.candidates import Candidate
from bot.read.leads import FIGURES
from bot.read.lists import overlap
from bot.read.measures import alike, measure_of, published_day, same_order
from bot.read.model import Model
from ingest.metadata.dates import find_dates
from ingest.metadata.figures import UNITS
from ingest.terms import fold

AT_ONCE_RANK = 8  # how far down the ranked quotes one that tells both states is looked for
NEAR_STATES = 6  # words at most between the two figures of "from 6 to 11"
NEAR_CORRECTION = 10  # and of "not three million euros, as stated earlier, but 2.3 million euros"
NOT_BEFORE = 3  # words at most between "not" and the date it rejects ("et non le 15 avril")
NEAR_RESTATED = 12  # words at most between "not" and "but" in "not on 12 May, as announced, but on 19 May"


def told_at_once(analysis: Analysis, ranked: list[Candidate], model: Model) -> Candidate | None:
    """A quote among the best that tells both states of a figure in one sentence ("est passé de 6 à 11", "rose
    from 42% to 27%", "steeg van 6 naar 11"): it answers a comparison over time by itself, where one quote per side
    may take the second state from an unrelated figure. None for a comparison of named items ("Arequipa or
    Surabaya") or of another kind than a figure."""
    kind = analysis.needs[0] if analysis.needs else None
    if kind not in FIGURES + (None,) or any(periods_of(label) != [label] for label, _ in analysis.compare):
        return None
    bar = model.closest if analysis.two_states else model.sure  # a correction seldom repeats the question's words
    for c in ranked[:AT_ONCE_RANK]:
        if c.p < bar:
            break
        if any(_from_to(s) for s in c.sentences) and _tells_the_years(c, analysis):
            return c
    return None


def _tells_the_years(c: Candidate, analysis: Analysis) -> bool:
    """Each year the comparison asks for is one the quote writes or its release's own (whose "today" it is): "from
    31% in 2002 to 64% in 2006" does not tell how the rate moved between 2002 and 2016."""
    years = {label for label, _ in analysis.compare if label.isdigit() and len(label) == 4}
    written = {k[2:] for s in c.sentences for found in s.token_keys for k in found if k.startswith("n:")}
    own = {str(c.release.published.year)} if c.release.published else set()
    return years <= written | own


def _from_to(s, unit: str | None = None) -> bool:
    """The sentence writes two states of one figure (two values of one unit, a few words apart): a change, "from
    <figure> to <figure>", or a correction, "<figure> and not <figure>", "not <figure> but <figure>", "<figure>
    instead of <figure>" ("450.000 euro en niet 540.000 euro", "niet drie miljoen euro, zoals eerder vermeld, maar
    2,3 miljoen euro", "24 étudiants au lieu de 20")."""
    data = words_of()
    numbers = [(pos, v, u) for pos, v, u in s.facts.numbers if u != "duration" and unit in (None, u)]
    folded = [fold(w) for w, _, _ in s.tokens]

    def has(name: str, start: int, end: int) -> bool:
        return any(w in data[name] for w in folded[max(0, start):end])
    for (a, va, ua), (b, vb, ub) in zip(numbers, numbers[1:]):
        if ua != ub or va == vb or not 0 < b - a:
            continue
        if b - a <= NEAR_STATES and has("change_from", a - 2, a) and has("change_to", a + 1, b):
            return True
        if b - a <= NEAR_CORRECTION and (has("state_not", a + 1, b) or has("state_instead", a - 3, b)
                                         or has("state_not", a - 2, a) and has("state_but", a + 1, b)):
            return True
    return False


def corrects_in_place(s, kind: str | None) -> bool:
    """The sentence corrects a date or a figure, the kind asked for, in place: it writes two of them with the words
    of a correction between ("vindt niet plaats op 12 mei 2021, zoals aangekondigd, maar op 19 mei 2021", "le 8
    octobre au lieu du 18 octobre", "450.000 euro en niet 540.000 euro"). Such a sentence says it corrects that
    value as surely as one that writes "correction", which a correction seldom repeats in every sentence."""
    if kind in FIGURES:
        return _from_to(s, {"number": "count"}.get(kind, kind))
    if kind != "date" or len(set(s.facts.dates)) < 2:
        return False
    data = words_of()
    folded = [fold(w) for w, _, _ in s.tokens]
    for i, w in enumerate(folded):
        if w in data["state_not"] and any(x in data["state_but"] for x in folded[i + 1:i + 1 + NEAR_RESTATED]):
            return True
        if w in data["state_instead"] and (w == "instead" or folded[i - 1:i] in (["au"], ["in"])):
            return True
    return False


def rejects_a_date(s) -> bool:
    """The sentence gives a date and rejects another right after it ("la première cohorte partira le 6 mai 2019, et
    non le 15 avril 2019"): it states a corrected date, though not always the one a question asks about (a
    correction release corrects several things), so it is shown among the closest passages, never taken for a
    correction of the best quote."""
    dates = find_dates(s.text)
    if len(dates) < 2:
        return False
    between = [fold(w) for w, start, _ in s.tokens if dates[0][1] <= start < dates[-1][0]]
    return any(w in words_of()["state_not"] for w in between[-NOT_BEFORE:])


def later_state(analysis: Analysis, ranked: list[Candidate]) -> list[Candidate]:
    """A follow-up asking whether a figure the conversation gave changed later ("Was that amount increased
    afterwards?", "Is dat bedrag nog hetzelfde?"): the quote that gives the figure, then the same measure with
    another value from a later release about the same partner, or from a sentence of the same release that gives
    both (the new value seldom repeats the question's words). Empty when either is missing."""
    told = {k[2:] for k in analysis.known_keys if k.startswith("n:")}
    kind = analysis.needs[0] if analysis.needs else None
    if not told or kind not in (None,) + UNITS + ("number",):
        return []
    figures = lambda c: {v for s in c.sentences for _, v, u in s.facts.numbers if u in UNITS}  # noqa: E731
    anchors = [c for c in ranked if figures(c) & told]
    if not anchors:
        return []
    first = anchors[0]
    measure = measure_of(first, kind)
    mine = measure(first) & told
    if not mine:
        return []
    partners = set(first.release.partners)
    later = [c for c in ranked if c is not first and measure(c) - told and same_order(measure(c) - told, mine)
             and (c.release.id != first.release.id and partners & set(c.release.partners)
                  and published_day(c) > published_day(first)
                  or c.release.id == first.release.id and measure(c) & told)]
    if not later:
        return []
    return [first, max(later, key=lambda c: (alike(c, first) + c.p, published_day(c)))]


def correction_to_show(shown: list[Candidate], ranked: list[Candidate], analysis: Analysis,
                       bar: float) -> Candidate | None:
    """For the closest passages: a quote of their releases, scoring at least `bar`, that corrects the value asked
    for in place ("le 6 mai 2019, et non le 15 avril 2019"), when none shown does: it gives the corrected value
    itself, which the release's wordier sentences around it ("the release of 12 February contained two errors") do
    not."""
    kind = analysis.needs[0] if analysis.needs else None

    def corrects(c: Candidate) -> bool:
        return any(corrects_in_place(s, kind) or kind == "date" and rejects_a_date(s) for s in c.sentences)
    if kind is None or any(corrects(o) for o in shown):
        return None
    releases = {o.release.id for o in shown}
    return next((c for c in ranked if c.release.id in releases and c.p >= bar and not any(overlap(c, o) for o in shown)
                 and corrects(c)), None)
