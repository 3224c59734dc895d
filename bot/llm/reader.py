"""The model as the reader: it is given the question's passages, writes the answer as it streams, and what it wrote
is checked (bot.llm.checks) before anything is shown as verified. A failure, a timeout, an empty reply, a reply in
another language or one that nothing supports gives a Reading that says why; the Bot then answers offline."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from typing import Generator, Sequence

from bot.cite import Claim
from bot.corpus import Corpus
from bot.llm import prompts
from bot.llm.backends import Backend
from bot.llm.checks import NO_ANSWER, claims_of, found_nothing, split_reply
from bot.llm.context import Prompt, build_prompt, choose
from bot.llm.stream import Unverified, timed_stream
from bot.question.analysis import Analysis
from bot.read.draft import Draft
from bot.records import Passage, Query
from bot.render import closest_lead
from ingest.metadata.language import detect_language
from ingest.terms import LANGS, words

log = logging.getLogger(__name__)
LANGUAGE_MIN_WORDS = 6  # shorter replies (a name, a date) are not judged by their language
WIDE = 3  # lists and comparisons may show this many times more passages (the context window still decides)


@dataclass(frozen=True)
class Reading:
    """What came of asking the model: verified claims, or that it found nothing, or why it could not be used."""

    claims: tuple[Claim, ...] = ()
    as_list: bool = False
    found_nothing: bool = False
    failure: str = ""  # why the model's answer was not used (empty when it was, or when it found nothing)
    removed: int = 0  # sentences of the reply that no cited passage supports
    attributed: int = 0  # sentences the model left unmarked, cited by the checks
    passages: int = 0  # passages in the prompt
    dropped: int = 0  # passages left out to fit the context window
    first_token_s: float | None = None
    total_s: float = 0.0
    reply: str = ""


class LlmReader:
    """Reads one question's passages with a model; stateless apart from the backend, safe to share by threads."""

    def __init__(self, backend: Backend, limit: int = 8):
        self.backend, self.limit = backend, limit

    @property
    def name(self) -> str:
        return self.backend.name

    def read(self, corpus: Corpus, query: Query, analysis: Analysis | None, passages: Sequence[Passage]
             ) -> Generator[Unverified, None, Reading]:
        """Yields the reply as it grows (unverified), then returns the checked Reading."""
        wide = analysis is not None and bool(analysis.listing or analysis.compare)
        prompt = build_prompt(query, choose(passages, analysis, self.limit * (WIDE if wide else 1)),
                              context=self.backend.context, max_tokens=self.backend.max_tokens)
        if not prompt.passages:
            return Reading(failure="no passage fits the model's context window (BXLBOT_LLM_CONTEXT)")
        started, first, reply = time.monotonic(), None, ""
        try:
            for piece in timed_stream(self.backend.chat, prompt.messages, self.backend.timeout):
                first = time.monotonic() - started if first is None else first
                reply += piece
                shown = " ".join(NO_ANSWER.sub("", reply).split())
                if shown:
                    yield Unverified(shown)
        except Exception as error:  # a backend outage must not take the bot down: the offline answer stands
            reason = self.backend.explain(error)
            log.warning("LLM %s failed (%s); answering offline", self.name, reason)
            return Reading(failure=reason, passages=len(prompt.passages), dropped=prompt.dropped,
                           first_token_s=first, total_s=time.monotonic() - started, reply=reply)
        log.debug("LLM %s replied %r", self.name, reply)
        reading = self._check(reply, prompt, corpus, query)
        log.info("LLM %s: %d passages (%d dropped), first token %.2fs, total %.2fs, %d claims, %d removed%s",
                 self.name, len(prompt.passages), prompt.dropped, first or 0, time.monotonic() - started,
                 len(reading.claims), reading.removed, f", not used: {reading.failure}" if reading.failure else "")
        return replace(reading, passages=len(prompt.passages), dropped=prompt.dropped, first_token_s=first,
                       total_s=time.monotonic() - started, reply=reply)

    def _check(self, reply: str, prompt: Prompt, corpus: Corpus, query: Query) -> Reading:
        if not reply.strip():
            return Reading(failure=prompts.REASON_EMPTY)
        if found_nothing(reply):
            return Reading(found_nothing=True)
        said = split_reply(reply)
        prose = " ".join(s.text for s in said)
        found = detect_language(prose)
        if found in LANGS and found != query.lang and len(words(prose)) >= LANGUAGE_MIN_WORDS:
            names = prompts.LANGUAGE_NAMES
            wanted = names.get(query.lang, query.lang)
            return Reading(failure=prompts.REASON_LANGUAGE.format(found=names[found], wanted=wanted))
        checked = claims_of(said, prompt.passages, corpus, query.lang)
        if not checked.claims:
            return Reading(failure=prompts.REASON_UNSUPPORTED, removed=checked.removed)
        bullets = sum(1 for s in said if s.bullet)
        return Reading(claims=checked.claims, removed=checked.removed, attributed=checked.attributed,
                       as_list=bullets >= 2 and len(checked.claims) >= 2)

    def draft(self, reading: Reading, offline: Draft, lang: str) -> Draft:
        """The answer to give: the model's verified claims; when it found nothing, the offline reader's closest
        passages (or its abstention); when it could not be used, the offline answer, saying why in the notes."""
        if reading.claims:
            notes = (prompts.note(prompts.NOTE_USED, lang, model=self.name),)
            if reading.attributed:
                notes += (prompts.note(prompts.NOTE_ATTRIBUTED, lang, n=reading.attributed),)
            if reading.removed:
                notes += (prompts.note(prompts.NOTE_REMOVED, lang, n=reading.removed),)
            return Draft(claims=reading.claims, as_list=reading.as_list, confidence="answer", notes=notes)
        if reading.found_nothing:
            if not offline.claims:
                return offline  # an abstention that says what was searched
            lead = offline.lead if offline.confidence == "closest" else closest_lead(lang)
            return replace(offline, lead=lead, confidence="closest",
                           notes=offline.notes + (prompts.note(prompts.NOTE_FOUND_NOTHING, lang),))
        fallback = prompts.note(prompts.NOTE_FALLBACK, lang, reason=reading.failure)
        return replace(offline, notes=offline.notes + (fallback,))
