"""The optional LLM reader (BXLBOT_LLM): a LangChain chat model reads the question's passages and writes the answer;
every sentence it writes is checked against the passage it cites, and the offline reader answers when it fails.

Modules: backends (the model from settings, its errors), gguf (a local GGUF file), prompts (prompts and notes),
context (the prompt within the context window), stream (the reply under a deadline), facts (what a sentence
asserts), checks (what a passage supports), reader (all of it for one question).

Example:
    >>> from bot.llm import LlmReader, build_backend
    >>> reader = LlmReader(build_backend(Settings.from_env({"BXLBOT_LLM": "gguf:smollm2"})))
    >>> steps = reader.read(corpus, query, analysis, passages)  # yields the unverified draft as it grows,
    >>> draft = reader.draft(reading, offline_draft, "en")      # then returns the checked Reading
"""
from bot.llm.backends import Backend, LlmTimeout, build_backend
from bot.llm.reader import LlmReader, Reading
from bot.llm.stream import Unverified

__all__ = ["Backend", "LlmReader", "LlmTimeout", "Reading", "Unverified", "build_backend"]
