"""Optional LLM answerer (a LangChain chat model, BXLBOT_LLM != 'none'): it rephrases the retrieved evidence; every
sentence it writes must be supported by the passage it cites, or it is dropped (bot.cite checks the quotes)."""
from __future__ import annotations

import importlib
import logging
import re
from typing import Sequence

from bot.cite import MARKER, Claim
from bot.corpus import Corpus as Evidence, Sentence
from bot.errors import BackendError
from bot.llm import prompts
from bot.read.compose import Draft
from bot.records import Passage, Query
from ingest.terms import keys, words

log = logging.getLogger(__name__)
MAX_PASSAGES = 6
SUPPORT_MIN = 0.5  # share of a generated sentence's content words that its cited passage must hold
_PROVIDERS = {"ollama": ("langchain_ollama", "ChatOllama"), "openai": ("langchain_openai", "ChatOpenAI"),
              "anthropic": ("langchain_anthropic", "ChatAnthropic")}
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)(?:\s*\[\d+\])*")


def build_chat_model(spec: str):
    """A chat model from 'provider:model' (e.g. 'ollama:llama3.1'); BackendError names what is missing."""
    provider, _, model = spec.partition(":")
    if provider not in _PROVIDERS or not model:
        raise BackendError(f"BXLBOT_LLM={spec!r}: use 'none' or one of "
                           f"{', '.join(p + ':<model>' for p in _PROVIDERS)}.")
    module_name, class_name = _PROVIDERS[provider]
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise BackendError(f"BXLBOT_LLM={spec!r} needs the package {module_name.replace('_', '-')}; install it "
                           "or set BXLBOT_LLM=none.") from None
    return getattr(module, class_name)(model=model, temperature=0)


def messages_for(query: Query, passages: Sequence[Passage]) -> list:
    from langchain_core.messages import HumanMessage, SystemMessage

    blocks = [prompts.PASSAGE.format(number=i, published=p.release.published.iso() if p.release.published else "?",
                                     title=p.release.title.replace('"', "'"),
                                     text=p.chunk.text.replace("</release>", "</ release>"))
              for i, p in enumerate(passages, start=1)]
    language = prompts.LANGUAGE_NAMES.get(query.lang, "English")
    return [SystemMessage(prompts.SYSTEM.format(language=language)),
            HumanMessage(prompts.USER.format(question=query.resolved, passages="\n\n".join(blocks)))]


def _content_keys(text: str) -> list[frozenset[str]]:
    return [k for w, _, _ in words(text) if (k := keys(w))]


def _support(sentence: str, passage: Passage, evidence: Evidence) -> Sentence | None:
    """The passage's sentence that best supports `sentence`, if the passage holds enough of its content."""
    wanted = _content_keys(sentence)
    inside = [s for s in evidence.overlapping(passage.release.id, passage.chunk.start, passage.chunk.end)
              if passage.chunk.start <= s.start and s.end <= passage.chunk.end]
    if not wanted or not inside:
        return None
    held = frozenset().union(*(s.keys for s in inside))
    numbers = [k for k in wanted if any(x.startswith("n:") for x in k)]
    if sum(1 for k in wanted if k & held) < SUPPORT_MIN * len(wanted) or any(not (k & held) for k in numbers):
        return None
    return max(inside, key=lambda s: sum(1 for k in wanted if k & s.keys))


def llm_draft(model, query: Query, passages: Sequence[Passage], fallback: Draft, evidence: Evidence) -> Draft:
    """The model's answer as verified claims; the extractive `fallback` when nothing it says is supported."""
    shown = list(passages[:MAX_PASSAGES])
    try:
        reply = model.invoke(messages_for(query, shown))
    except Exception:  # a backend outage must not take the bot down: the extractive answer stands
        log.exception("LLM backend failed; answering extractively")
        return fallback
    text = reply.content if isinstance(reply.content, str) else str(reply.content)
    if prompts.NO_ANSWER in text:
        return fallback
    claims = []
    for match in _SENTENCE.finditer(text):
        raw = match.group().strip()
        cited = [int(n) for n in MARKER.findall(raw)]
        sentence = re.sub(r"\s+([.!?,;:])", r"\1", MARKER.sub("", raw)).strip()
        for n in cited:
            if 1 <= n <= len(shown) and (best := _support(sentence, shown[n - 1], evidence)):
                claims.append(Claim(shown[n - 1].release, best.start, best.end, shown=sentence))
                break  # one verified citation per sentence; unsupported sentences are dropped
    return Draft(claims=tuple(claims)) if claims else fallback
