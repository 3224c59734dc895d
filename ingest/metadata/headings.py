"""Where a release's text is laid out as headings and lists: a short line of its own is a heading, and the lines
after a sentence ending with a colon, or after a heading when bulleted, are the items of its list (the quote of such
a sentence holds them)."""
from __future__ import annotations

import re
from typing import Sequence

from ingest.terms import words

_LIST_ITEM_WORDS = 30
_HEADING_WORDS = 14
_ITEM = re.compile(r"[-*•–]\s|\d+[.)]\s")


def is_heading(text: str, start: int, end: int) -> bool:
    """The sentence is a line of its own, short and without a final stop: a heading."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    alone = text[line_start:start].strip() == "" and text[end:line_end if line_end >= 0 else None].strip() == ""
    return alone and len(words(text[start:end])) <= _HEADING_WORDS \
        and not re.search(r"[.!?:;\"»”…]$", text[start:end])


def list_end(text: str, spans: Sequence[tuple[int, int]], i: int) -> int | None:
    """End of the list items that follow sentence i when it ends with a colon, or when it is a heading and bulleted
    items follow ("The six selected projects" above "- SmartStop ..."): short lines, the first one after any line
    break, the next ones on the following lines (a blank line ends the list unless a bullet follows)."""
    bullets = i + 1 < len(spans) and _ITEM.match(text, spans[i + 1][0]) is not None
    if not text[spans[i][0]:spans[i][1]].rstrip().endswith(":") and not (bullets and is_heading(text, *spans[i])):
        return None
    previous, end = spans[i][1], None
    for start, stop in spans[i + 1:i + 31]:  # up to thirty items
        gap = text[previous:start]
        bullet = _ITEM.match(text, start) is not None
        if "\n" not in gap or (end is not None and "\n\n" in gap and not bullet):
            break
        if len(words(text[start:stop])) > _LIST_ITEM_WORDS:
            break
        previous = end = stop
    return end
