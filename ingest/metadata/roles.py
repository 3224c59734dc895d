"""People named with their role in a release, read at ingest time: "Ekrem İmamoğlu, the Mayor of Istanbul",
"State Secretary Pascal Smet", "le président de la Métropole Européenne de Lille (MEL), Damien Castelain"."""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from ingest.metadata.dossier import Role
from ingest.metadata.lexicon import lexicon
from ingest.metadata.partners import canonical_partner
from ingest.records import Release, SentenceFacts
from ingest.terms import fold, keys, stopwords, words

MAX_ROLE_WORDS = 14
_RIGHT_END = re.compile(r"[,;:()\[\]\n]|\.(?:\s|$)|$")
_CONJUNCTION = re.compile(r"\s+(?:and|et|en|und|&)\s+", re.IGNORECASE)
_PARTICLES = frozenset("de van der den di da du von le la del della dos das ter ten vande bin al".split())
_PARENTHESIS = re.compile(r"\s*\([^()]{0,40}\)\s*$")


def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    words_of = lexicon()
    return words_of["roles"], words_of["honorifics"], words_of["connectors"]


def sentence_persons(text: str, f: SentenceFacts) -> tuple[str, ...]:
    """The persons a sentence names: those ingestion found, and names written right after a role
    ("ministre-président Rudi Vervoort", which ingestion reads as one capitalised run)."""
    return clean_persons(list(f.persons) + _titled_names(text))


def _titled_names(text: str) -> list[str]:
    roles = _words()[0]
    tokens = words(text)
    found = []
    for i, (word, _, _) in enumerate(tokens[:-1]):
        if fold(word) not in roles:
            continue
        if not tokens[i + 1][0][:1].isupper():
            found += _after_portfolio(text, tokens, i)
            continue
        j = i + 1
        while j < len(tokens) and j - i <= 4 and (tokens[j][0][:1].isupper() or fold(tokens[j][0]) in _PARTICLES) \
                and fold(tokens[j][0]) not in roles and text[tokens[j - 1][2]:tokens[j][1]] in (" ", "'", "’"):
            j += 1
        while j > i + 1 and not tokens[j - 1][0][:1].isupper():
            j -= 1
        name = tokens[i + 1:j]
        capitalised = [w for w, _, _ in name if w[:1].isupper()]
        if len(capitalised) >= 2 and not any(fold(w) in stopwords() for w in capitalised):
            found.append(text[name[0][1]:name[-1][2]])
    return found


def _after_portfolio(text: str, tokens, i: int) -> list[str]:
    """"Secretary of State for International Relations Pascal Smet": the capitalised words that end a role's
    portfolio and are followed by a verb, back to a common noun of the portfolio ("Relations")."""
    roles, _, connectors = _words()
    j = i + 1
    while j < len(tokens) and j - i <= 10 and (tokens[j][0][:1].isupper() or fold(tokens[j][0]) in connectors):
        j += 1
    first = j
    while first > i + 1 and j - first < 4:
        word = tokens[first - 1][0]
        joined = first == j or text[tokens[first - 1][2]:tokens[first][1]] == " "
        common = fold(word) in roles | connectors or (j - first >= 2 and any(k.startswith("g:") for k in keys(word)))
        if not word[:1].isupper() or not joined or common:
            break
        first -= 1
    tail = tokens[first:j]
    followed = bool(tail) and re.match(r" [a-zà-ÿ]", text[tail[-1][2]:]) is not None
    if len(tail) < 2 or first == i + 1 or not followed or any(canonical_partner(w) for w, _, _ in tail):
        return []  # "... International Relations, travelled": no name follows the portfolio
    return [text[tail[0][1]:tail[-1][2]]]


def clean_persons(names: Iterable[str]) -> tuple[str, ...]:
    """Person names without honorifics or a role before them ("Mr Paul Huynen" -> "Paul Huynen", "État Pascal
    Smet" -> "Pascal Smet"), of two words or more, and not part of a longer name found beside them."""
    roles, honorifics, _ = _words()
    out = []
    for name in names:
        parts = name.split()
        while parts and (fold(parts[0]).rstrip(".") in honorifics | {"h.e"} or fold(parts[0]) in roles
                         or fold(parts[0]).split("'")[-1] in roles):
            parts = parts[1:]
        lowercase = [w for w in parts if not w[:1].isupper() and fold(w) not in _PARTICLES]
        common = all(any(k.startswith("g:") for k in keys(w, ("en",))) for w in parts)  # "International Relations"
        if len(parts) >= 2 and not lowercase and not common:
            out.append(" ".join(parts))
    return tuple(n for n in dict.fromkeys(out) if not any(n != m and n in m for m in out))


def role_words_of(role: str) -> tuple[str, ...]:
    """The role words of a role phrase ("State Secretary for Foreign Trade" -> ('state', 'secretary'))."""
    roles = _words()[0]
    return tuple(w for w in (fold(t) for t, _, _ in words(role)) if w in roles)


def read_roles(release: Release, facts: Sequence[SentenceFacts]) -> tuple[Role, ...]:
    """Every (person, role) the release states, once per person and role, in the order of the text."""
    found: list[Role] = []
    seen = set()
    for f in facts:
        if f.has("boilerplate") or not f.has("role"):
            continue
        text = release.text[f.start:f.end]
        names = sentence_persons(text, f)
        for name in names:
            at = text.find(name)
            if at < 0:
                continue
            span = _right_role(text, at + len(name), names) or _left_role(text, at, names)
            if span is None:
                continue
            role = text[span[0]:span[1]].strip(" ,")
            key = (fold(name), fold(role))
            if key not in seen:
                seen.add(key)
                start, end = min(at, span[0]), max(at + len(name), span[1])
                found.append(Role(name, role, f.start + start, f.start + end, f.index, f.partners))
    return tuple(found)


def _right_role(text: str, end: int, names: Sequence[str]) -> tuple[int, int] | None:
    """", the Mayor of Istanbul" after a name: the role's span in `text`."""
    comma = re.match(r"\s*,\s*", text[end:])
    if not comma:
        return None
    start = end + comma.end()
    stop = start + _RIGHT_END.search(text[start:]).start()
    if _CONJUNCTION.match(" " + text[start:stop]) or any(n in text[start:stop] for n in names):
        return None  # "X, and the Secretary of State", "X, la secrétaire d'État Y": another person's role
    for m in _CONJUNCTION.finditer(text, start, stop):  # "..., Minister-President of the RBC and Pascal Smet"
        if any(text.startswith(n, m.end()) for n in names) or re.match(r"(?:the|le|la|de|het)\s", text[m.end():]):
            stop = m.start()
            break
    return _trim(text, start, stop, lead=4)


def _left_role(text: str, start: int, names: Sequence[str]) -> tuple[int, int] | None:
    """"State Secretary " or "le président de la MEL (MEL), " before a name: the role's span in `text`."""
    roles, _, connectors = _words()
    before = text[:start].rstrip()
    if before.endswith(","):
        before = before[:-1]
    before = _PARENTHESIS.sub("", before)
    tokens = words(before)
    taken = []
    others = {fold(w) for n in names for w, _, _ in words(n)}
    for i in range(len(tokens) - 1, -1, -1):
        word, s, e = tokens[i]
        gap = before[e:tokens[i + 1][1]] if i + 1 < len(tokens) else before[e:]
        if re.search(r"[,;:()\[\]]", gap) and not (taken and gap.strip() in ("’", "'")):
            break
        folded = fold(word)
        left_is_role = i > 0 and fold(tokens[i - 1][0]) in roles
        if folded in others and folded not in roles:
            break
        if folded in roles or word[:1].isupper() or folded in connectors or folded == "s" or left_is_role:
            taken.append((word, s, e))
        else:
            break
    taken.reverse()
    if not taken:
        return None
    return _trim(before, taken[0][1], taken[-1][2], lead=len(taken))


def _trim(text: str, start: int, stop: int, lead: int) -> tuple[int, int] | None:
    """The span from the first role word (with the capitalised words just before it) to the last word that is
    not a connector; None when no role word is among the first `lead` words or the phrase is too long."""
    roles, _, connectors = _words()
    tokens = words(text[start:stop])
    first = next((i for i, (w, _, _) in enumerate(tokens[:lead]) if fold(w) in roles), None)
    if first is None:
        return None
    while first > 0 and fold(tokens[first - 1][0]) not in connectors and (
            tokens[first - 1][0][:1].isupper() or text[start + tokens[first - 1][2]:start + tokens[first][1]] == "-"):
        first -= 1  # "Brussels State Secretary", "adjunct-burgemeester"
    last = len(tokens) - 1
    while last > first and fold(tokens[last][0]) in connectors:
        last -= 1
    if last - first + 1 > MAX_ROLE_WORDS:
        return None
    return start + tokens[first][1], start + tokens[last][2]
