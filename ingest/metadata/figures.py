"""Key figures of a release, read at ingest time: amounts, shares, sizes and counts of what matters (companies,
participants, families, ...), each with the words that write it, and the figures a release gives as corrections
("raised from EUR 1.5 million to EUR 1.8 million"; "An earlier release stated ...; the corrected amount is ...")."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ingest.metadata.dossier import Figure
from ingest.metadata.facts import SCALES
from ingest.metadata.lexicon import lexicon
from ingest.records import Release, SentenceFacts
from ingest.terms import fold, number_value, stopwords, words

LEAD_SENTENCES = 3
MIN_COUNT = 3  # "two countries" is no key figure
UNITS = ("money", "percent", "count", "size")  # the units of the figures a sentence gives (beside durations)
_CURRENCIES = {"eur": "EUR", "euro": "EUR", "euros": "EUR", "€": "EUR", "usd": "USD", "dollar": "USD",
               "dollars": "USD", "$": "USD", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "£": "GBP"}
_SIZE = re.compile(r"\s*(m²|m2|km²|km2|square (?:metres|meters|kilometres|kilometers)|sq\.?\s?m|hectares?|ha|"
                   r"vierkante (?:meter|kilometer)|mètres? carrés|kilomètres? carrés|km)\b", re.IGNORECASE)
_SKIPPED = ("boilerplate", "heading", "caption", "address", "instruction")


def read_figures(release: Release, facts: Sequence[SentenceFacts]) -> tuple[Figure, ...]:
    """Key figures in the order of the text; the restated old values of a correction are left out."""
    patterns = lexicon()["patterns"]
    lead = {f.index for f in facts if not any(f.has(x) for x in _SKIPPED) and f.end - f.start > 40}
    lead = set(sorted(lead)[:LEAD_SENTENCES])
    title_numbers = {v for v, _, _, _ in _numbers(release.title)}
    found: list[Figure] = []
    pending: list[Figure] = []  # what an earlier version said, corrected by the next sentence
    for f in facts:
        if any(f.has(x) for x in _SKIPPED):
            continue
        text = release.text[f.start:f.end]
        folded = fold(text)
        figures = [replace(g, prominent=f.index in lead or g.value in title_numbers)
                   for g in _figures(release, f, bare=bool(pending))]
        old = bool(patterns["old_statement"].search(folded))
        correcting = bool(patterns["correction"].search(folded)) or f.has("correction")
        pair = _pair(figures)
        first = next((g for g in figures if pending and g.kind == pending[0].kind), None)
        if first is not None:
            corrected = replace(first, corrects=pending[0].value, correction=True, unit=first.unit or pending[0].unit)
            figures = [corrected if g is first else g for g in figures]
        elif patterns["rejecting"].search(folded) and (rejected := _rejected(text, f.start, bare := [
                replace(g, prominent=f.index in lead or g.value in title_numbers)  # with the counts of no noun:
                for g in _figures(release, f, bare=True)])):  # "negen leden, en niet twaalf"
            old_value, new = rejected  # "1,35 miljoen euro, en niet 1,2 miljoen euro"
            figures = [replace(g, corrects=old_value.value, correction=True) if g is new else g
                       for g in bare if g is not old_value]
        elif pair and correcting and (old or _written_after(patterns["from_to"], text, f.start, pair[0])):
            old_value, new = pair  # "raised from EUR 1.5 million to EUR 1.8 million"
            figures = [replace(g, corrects=old_value.value, correction=True) if g is new else g
                       for g in figures if g is not old_value]
        elif old:
            pending = figures  # what an earlier version said: the next sentence corrects it
            continue
        elif correcting:
            figures = [replace(g, correction=True) for g in figures]
        pending = []
        for g in figures:
            same = next((i for i, h in enumerate(found) if h.value == g.value and h.kind == g.kind), None)
            if same is None:
                found.append(g)
            elif g.correction and not found[same].correction:
                found[same] = replace(found[same], corrects=g.corrects, correction=True)
    return tuple(found)


def _written_after(pattern, text: str, offset: int, figure: Figure) -> bool:
    """The words just before the figure (folded) end as the pattern says: "raised *from* EUR 1.5 million"."""
    return bool(pattern.search(fold(text[max(0, figure.label_start - offset - 30):figure.label_start - offset])))


def _rejected(text: str, offset: int, figures: list[Figure]) -> tuple[Figure, Figure] | None:
    """A figure the sentence rejects and the one it gives instead, of the same kind: "2.4 million euros and not
    2.1 million", "non pas 12 mais 15", "24 etudiants au lieu de 20", "niet langer twaalf maar vijftien": a correction
    (or a change) told in one sentence, whichever comes first, with or without a word saying it corrects."""
    pattern = lexicon()["patterns"]["rejected_figure"]
    for old in figures:
        new = min((g for g in figures if g is not old and g.kind == old.kind and g.value != old.value), default=None,
                  key=lambda g: abs(g.label_start - old.label_start))  # the nearest: "3. ... negen leden, niet 12"
        if new is not None and _written_after(pattern, text, offset, old):
            return old, new
    return None


def _pair(figures: list[Figure]) -> tuple[Figure, Figure] | None:
    """The first two figures of one kind (an old value and its correction), if any."""
    for i, g in enumerate(figures):
        other = next((h for h in figures[i + 1:] if h.kind == g.kind), None)
        if other is not None:
            return g, other
    return None


def _numbers(text: str):
    """(value, start, end, scale word) of each number written in digits, thousands groups joined ("300 000")."""
    out = []
    for m in re.finditer(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?![\d])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])",
                         text):
        parsed = number_value(m.group().replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
        if parsed and not parsed[1]:
            out.append((float(parsed[0]), m.start(), m.end(), ""))
    return out


def _figures(release: Release, f: SentenceFacts, bare: bool = False) -> list[Figure]:
    """The sentence's figures; `bare`: counts without a noun too ("there were fourteen", after an old statement)."""
    text = release.text[f.start:f.end]
    tokens = words(text)
    kinds = {position: kind for position, _, kind in f.numbers}
    spans = {start: (value, end) for value, start, end, _ in _numbers(text)}
    out = []
    for position, value, kind in f.numbers:
        if kind not in UNITS or position >= len(tokens):
            continue
        word, start, end = tokens[position]
        if fold(word) in SCALES:
            continue  # "millions" after "150": read with its number
        if word[:1].isdigit():
            if start not in spans:
                continue  # the second group of "300 000", already read with the first
            number, end = spans[start]
        else:
            number = float(value)
        last = _last_number_token(tokens, end)
        scale = fold(tokens[last + 1][0]) if last + 1 < len(tokens) else ""
        if scale in SCALES and kind == "money":
            number *= SCALES[scale]
            last += 1
        figure = _labelled(release, f, text, tokens, position, last, number, kinds.get(position, kind), bare)
        if figure is not None:
            out.append(figure)
    return out


def _last_number_token(tokens, end: int) -> int:
    return max(i for i, (_, s, _) in enumerate(tokens) if s < end)


def _labelled(release, f, text, tokens, position, last, number, kind, bare) -> Figure | None:
    """The figure with its unit and the words that write it; None for a count of nothing that matters."""
    first, unit = position, ""
    if kind == "money":
        before = fold(tokens[position - 1][0]) if position else ""
        symbol = text[max(0, tokens[position][1] - 2):tokens[position][1]].strip()
        if before in _CURRENCIES:
            first, unit = position - 1, _CURRENCIES[before]
        elif symbol in _CURRENCIES:
            unit = _CURRENCIES[symbol]
        following = [fold(w) for w, _, _ in tokens[last + 1:last + 3]]
        if following[:1] and following[0] in _CURRENCIES:
            last, unit = last + 1, _CURRENCIES[following[0]]
        elif len(following) == 2 and following[0] in ("d", "de", "van", "of") and following[1] in _CURRENCIES:
            last, unit = last + 2, _CURRENCIES[following[1]]  # "1,2 million d'euros"
        if not unit:
            return None  # "sur trois ans" near "euros": no amount without its currency
    elif kind == "size":
        m = _SIZE.match(text[tokens[last][2]:])
        if not m:
            return None
        unit = m.group(1)
    elif kind == "count":
        for i in range(last + 1, min(last + 4, len(tokens))):
            gap = text[tokens[i - 1][2]:tokens[i][1]]
            if re.search(r"[,;:().]", gap) or fold(tokens[i][0]) in stopwords() - lexicon()["key_units"]:
                break
            if fold(tokens[i][0]) in lexicon()["key_units"]:
                last, unit = i, tokens[i][0]
                break
        if kind == "count" and (not unit and not bare or number < MIN_COUNT):
            return None  # "two cities", "three priorities": not a key figure
    start = tokens[first][1] - (1 if kind == "money" and text[tokens[first][1] - 1:tokens[first][1]] in "€$£"
                                and tokens[first][1] else 0)
    end = tokens[last][2] + (len(_SIZE.match(text[tokens[last][2]:]).group()) if kind == "size" else 0)
    if kind == "percent":
        m = re.match(r"\s*(?:%|per\s?cent|pour\s?cent|procent)", text[end:], re.IGNORECASE)
        end += m.end() if m else 0
    return Figure(number, kind, unit, text[start:end], f.start + start, f.start + end, f.start, f.end, f.index,
                  partners=f.partners)
