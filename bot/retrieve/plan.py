"""The retrieval plan for one question: how wide to search (lists and comparisons need several releases), which
releases a follow-up reads first (those about the conversation's partner), which a comparison reads whole (its other
side), and what is added to what was found (a list's other items, the corrections of its figures)."""
from __future__ import annotations

from bot.question.analysis import Analysis, asks_a_person
from bot.records import Query
from bot.retrieve.filters import Filters, conversation_subject
from bot.retrieve.hybrid import WHOLE_SIDES, Retriever
from ingest.metadata.partners import find_partners


def passages_for(retriever: Retriever, catalog, query: Query, analysis: Analysis, filters: Filters, scope_ids,
                 top_k: int):
    """The retrieved passages; lists, comparisons (of named items or over time) and plans set against what came
    of them look wider, one or two passages per release, so that every release that holds an item, a side or the
    outcome can give it; a follow-up reads first the releases about the partner it or the conversation names (as
    wide), and only those when it names none.
    `top_k`: how many passages an answer is given (settings.top_k); `scope_ids`: the releases the filters leave
    (None: no filter)."""
    # a comparison's other side, or what came of a plan, is often told by another release of the same partner
    compared = analysis.compare or analysis.comparative or analysis.plan_outcome
    wide = dict(top_k=6 * top_k, per_release=2, candidates=12 * top_k) if analysis.listing or compared else {}
    found = retriever.search(query, analysis, filters, allowed=scope_ids, **wide)
    subject = conversation_subject(catalog, query) if query.previous or compared else None
    if query.previous and scope_ids is None and subject:
        near = retriever.search(query, analysis, filters, allowed=subject, **wide)
        have = {p.chunk.id for p in near}
        # a follow-up that names no partner of its own is about the conversation's: only its releases
        found = near if near and not find_partners(query.text) else near + [p for p in found
                                                                            if p.chunk.id not in have]
    # that other release shares few words with the question: the partner's retrieved releases are read whole
    whole = [r for r in dict.fromkeys(p.release.id for p in found) if r in subject] if compared and subject else []
    found = retriever.read_whole(retriever.complete_lists(found), also=whole[:WHOLE_SIDES])
    # a superseded figure or name is read with its correction
    return retriever.with_corrections(found, people=asks_a_person(analysis))
