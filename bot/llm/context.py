"""The prompt: numbered passages with title and publication date, chosen in rank order (for lists and comparisons
one per release first, so that every release that may hold an item is seen) and fitted to the model's context
window by dropping the lowest-ranked passages whole. Tokens are counted offline with tiktoken's cl100k."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from langchain_core.messages import HumanMessage, SystemMessage

from bot.llm import prompts
from bot.question.analysis import Analysis
from bot.records import Passage, Query
from ingest.tokens import count_tokens

# cl100k counts fewer tokens than the smaller vocabularies of most open models: SmolLM2's 49k vocabulary needs 1.05
# to 1.3 times as many on the releases of tests/data (French the most), so the budget assumes the larger count.
TOKEN_RATIO = 1.3
MESSAGE_OVERHEAD = 16  # chat-template tokens around each message
_TAG = re.compile(r"<\s*/?\s*passage", re.IGNORECASE)


@dataclass(frozen=True)
class Prompt:
    """The messages for the model and the passages they number (passage n is passages[n - 1])."""

    messages: tuple
    passages: tuple[Passage, ...]
    dropped: int = 0  # passages left out to fit the context window


def choose(passages: Sequence[Passage], analysis: Analysis | None, limit: int) -> list[Passage]:
    """Passages in rank order, at most `limit`; lists and comparisons take each release's best passage first."""
    ranked = list(passages)
    if analysis is not None and (analysis.listing or analysis.compare):
        seen: set[str] = set()
        firsts = [p for p in ranked if not (p.release.id in seen or seen.add(p.release.id))]
        ranked = firsts + [p for p in ranked if p not in firsts]
    return ranked[:limit]


def _block(number: int, passage: Passage) -> str:
    release = passage.release
    title = _TAG.sub("‹passage", release.title).replace('"', "'").replace("\n", " ")
    return prompts.PASSAGE.format(number=number, title=title,
                                  published=release.published.iso() if release.published else "unknown",
                                  text=_TAG.sub("‹passage", passage.chunk.text))


def _cost(text: str) -> int:
    return math.ceil(count_tokens(text) * TOKEN_RATIO)


def build_prompt(query: Query, passages: Sequence[Passage], *, context: int, max_tokens: int) -> Prompt:
    """The messages that fit `context` tokens with `max_tokens` left for the answer."""
    language = prompts.LANGUAGE_NAMES.get(query.lang, "English")
    system = prompts.SYSTEM.format(language=language)

    def user(blocks: list[str]) -> str:
        return prompts.USER.format(passages="\n\n".join(blocks), question=query.resolved, language=language,
                                   no_answer=prompts.NO_ANSWER)

    budget = context - max_tokens - 2 * MESSAGE_OVERHEAD - _cost(system) - _cost(user([]))
    kept, blocks = [], []
    for passage in passages:
        block = _block(len(kept) + 1, passage)
        cost = _cost(block + "\n\n")
        if cost > budget:
            break  # this passage and every lower-ranked one are left out whole
        budget -= cost
        kept.append(passage)
        blocks.append(block)
    return Prompt(messages=(SystemMessage(system), HumanMessage(user(blocks))), passages=tuple(kept),
                  dropped=len(passages) - len(kept))
