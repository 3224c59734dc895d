"""The question word lists and patterns (bot/data/question.json), compiled once: what every stage that reads a
question's wording shares."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ingest.metadata.facts import role_words
from ingest.terms import fold

_DATA = Path(__file__).resolve().parent.parent / "data" / "question.json"
KIND_ORDER = ("date", "duration", "size", "percent", "number", "name", "role", "organisation", "role_person", "person",
              "address", "place")


@lru_cache(maxsize=1)
def words_of() -> dict:
    """The question word lists and patterns, compiled."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    roles = "|".join(sorted(map(re.escape, role_words()), key=len, reverse=True))
    clause = data["clause"]
    out = {"kinds": [(k, re.compile(clause + data["kinds"][k].replace("{roles}", roles))) for k in KIND_ORDER]}
    for name in ("comparative", "size_comparative", "more", "before", "after", "which", "list_start", "list_words",
                 "copula", "follow_up", "latest", "change", "first", "until", "two_sides", "open_what", "asked_twice",
                 "counted", "counted_none", "later_one", "earlier_one", "first_state", "final_state", "made_of",
                 "money_split", "list_and", "temporal_order", "superlative", "least", "outcome_asked", "role_as",
                 "so_far", "running_total", "members_asked", "attended", "partnership", "beginning",
                 "residence", "first_agreement", "beginning_not", "event_year", "outcome_told"):
        out[name] = re.compile(data[name].replace("{order_against}", data["order_against"])  # shared by two
                               .replace("{groups}", "|".join(data["group_nouns"].split())))
    out["between_sides"] = re.compile(data["between_sides"], re.IGNORECASE)  # read on the question as written
    for name in ("money_words", "cost_words", "verb_markers", "auxiliaries", "adjectives", "not_role", "type_words",
                 "generic_names", "home", "deputy", "institutions", "change_from", "change_to", "state_not", "parts",
                 "state_but", "state_instead", "succession", "predecessor_nouns", "successor_nouns", "planned",
                 "carried_over", "renewal", "plan_asked", "more_than", "own_money", "total_money", "future_not",
                 "group_nouns", "place_prepositions", "definite_articles", "indefinite_articles", "demonstratives",
                 "name_titles", "payer_verbs", "wider_scope", "contrast", "generic_bodies", "body_nouns"):
        out[name] = frozenset(fold(w) for w in data[name].split())
    out["determiners"] = out["definite_articles"] | out["demonstratives"]  # "the organisation", "cette ONG"
    # Dutch "de" is French "of" ("un réseau de structures"): an article in Dutch sentences only
    out["determiners_nl"] = out["determiners"] | frozenset(data["definite_articles_nl"].split())
    out["count_words"] = data["count_words"]
    out["future_endings"] = {lang: tuple(listed.split()) for lang, listed in data["future_endings"].items()}
    out["partitive"] = {lang: frozenset(listed.split()) for lang, listed in data["partitive"].items()}
    out["outcome_false_friends"] = {lang: frozenset(listed.split())  # "met" is "with" in Dutch, "puts" in French
                                    for lang, listed in data["outcome_false_friends"].items()}
    out["measure_words"] = {kind: frozenset(fold(w) for w in listed.split())
                            for kind, listed in data["measure_words"].items()}
    return out


def asks_outcome(folded: str, lang: str) -> bool:
    """The folded question has a word of outcome ("in the end", "finalement", "uiteindelijk", "met its target"),
    not a word of another language that looks like one (Dutch "met", "with")."""
    data = words_of()
    friends = data["outcome_false_friends"].get(lang, frozenset())
    return any(m.group() not in friends for m in data["outcome_asked"].finditer(folded))
