"""What a quote must be to answer a question directly, whatever its score: about what the question names, and
giving the kind of fact it asks for. A quote that fails either is at best one of the closest passages
(bot.read.closest)."""
from __future__ import annotations

from bot.question.analysis import Analysis
from bot.question.roles import role_keys
from bot.read.candidates import Candidate
from bot.read.side_fit import gives_kind
from bot.read.kinds import in_the_role
from bot.read.leads import FIGURES


def about_the_question(c: Candidate) -> bool:
    """A direct answer must be about what the question names: every name and year it gives is in the quote, its
    neighbours or its release's title (a sentence about Kraków does not answer for Vilnius)."""
    return c.features.get("names_near", 1.0) >= 0.999 and c.features.get("year_ok", 1.0) >= 1.0


def gives_the_kind(c: Candidate, analysis: Analysis) -> bool:
    """A direct answer gives what the question asks for: a "who" question a person it does not name (in the role it
    asks for, when it names one), a "when" question a date (a year will do), a "how many visitors"
    question a figure beside "visitors", a "how much" question a figure. A sentence about the right thing without it
    is only close."""
    if not analysis.needs:
        return True
    if analysis.needs[0] in FIGURES and analysis.heads:  # "how many *visitors*": a figure beside that noun
        return c.features.get("head_near", 0) > 0
    if analysis.needs[0] == "person" and analysis.relation & role_keys() and not (
            c.features.get("relation", 0) and in_the_role(c, analysis.relation, analysis.known_keys,
                                                           analysis.role_country)):
        return False  # "who is the *mayor*": a person in another role does not answer (a verb may be paraphrased)
    return max(c.features.get("kind", 0), c.features.get("kind_before", 0)) >= 0.5


def in_the_asked_role(c: Candidate, analysis: Analysis) -> bool:
    """A "who is the mayor" question's quote names a person in that role (see gives_the_kind); any quote will do
    for other questions."""
    return analysis.needs[:1] != ("person",) or gives_the_kind(c, analysis)


def gives_as_asked(c: Candidate, analysis: Analysis) -> bool:
    """The quote fully gives the kind of fact asked (side_fit.gives_kind) as a direct answer must give it
    (gives_the_kind): the test for a quote added to the closest passages because it may hold the answer."""
    return gives_kind(c) and gives_the_kind(c, analysis)
