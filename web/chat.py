"""The Gradio page: streamed chat with clickable citations, filters, copy/export, feedback and a Releases view."""
from __future__ import annotations

import datetime as dt
import logging
import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no telemetry calls from an offline machine

import gradio as gr  # noqa: E402

from bot import Answer  # noqa: E402
from bot.errors import BadQuestionError, UnavailableError  # noqa: E402
from bot.llm.stream import Unverified  # noqa: E402
from web import catalog, render  # noqa: E402
from web.conversation import bot_history, stream_answer  # noqa: E402
from web.feedback import FeedbackError, FeedbackStore  # noqa: E402
from web.filters import FilterError, Filters  # noqa: E402

log = logging.getLogger(__name__)

EXAMPLES = (
    "When was the memorandum of understanding with Ankara signed?",
    "Who signed the memorandum of understanding with Quito?",
    "Which themes will Brussels and Quito work on together?",
    "Whom did the Brussels delegation meet in Istanbul?",
    "Quand la Région bruxelloise a-t-elle signé un protocole d'accord avec Quito ?",
)
INTRO = (
    "# Brussels-Capital Region · foreign relations\n"
    "Ask about the Region's press releases. Every claim carries a marker such as **[1]**: "
    "click it to see the sentence it comes from."
)


def _messages(conv: list[dict]) -> list[dict]:
    out = []
    for turn in conv:
        out.append({"role": "user", "content": render.user_markdown(turn["question"])})
        out.append({"role": "assistant", "content": render.answer_markdown(turn["answer"])})
    return out


class ChatHandlers:
    """Event handlers of the page; conversation state lives in gr.State, one per browser tab."""

    def __init__(self, bot, settings, feedback: FeedbackStore):
        self.bot, self.settings, self.feedback = bot, settings, feedback

    def check(self, question: str, since, until, partners, lang) -> tuple[str, Filters]:
        question = (question or "").strip()
        if not question:
            raise gr.Error("Type a question first.")
        if len(question) > self.settings.max_question_chars:
            raise gr.Error(f"The question is {len(question)} characters long; the limit is "
                           f"{self.settings.max_question_chars}. Shorten it.")
        try:
            return question, Filters.parse(since, until, partners, lang)
        except FilterError as error:
            raise gr.Error(str(error)) from None

    def respond(self, question, conv, since, until, partners, lang):
        """Streams the answer into the chat, then stores the turn; yields (chat, conv, box, copy, export, status)."""
        question, filters = self.check(question, since, until, partners, lang)
        history = bot_history((t["question"], t["answer"]["text"]) for t in conv)
        shown = _messages(conv) + [{"role": "user", "content": render.user_markdown(question)},
                                   {"role": "assistant", "content": "Searching the press releases…"}]
        yield shown, conv, "", gr.skip(), gr.skip(), gr.skip()
        answer = None
        try:
            for item in stream_answer(self.bot, question, history, filters):
                if isinstance(item, Answer):
                    answer = item
                elif isinstance(item, str) and item:
                    shown[-1] = {"role": "assistant",
                                 "content": render.streaming_markdown(item, checking=isinstance(item, Unverified))}
                    yield shown, gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        except (BadQuestionError, UnavailableError) as error:
            raise gr.Error(str(error)) from None
        if answer is None:
            raise gr.Error("The bot gave no answer; please try again.")
        conv = conv + [{"question": question, "answer": answer.to_dict(), "filters": filters.kwargs()}]
        status = f"Filters used: {filters.describe()}." if filters.describe() else ""
        yield (_messages(conv), conv, "", render.answer_with_sources(answer.to_dict()),
               render.export_markdown(conv, exported_at=_now()), status)

    def rate(self, conv, like: gr.LikeData):
        """A thumb on an answer: stored at once; the comment box then offers to add a comment."""
        index = like.index[0] if isinstance(like.index, (list, tuple)) else like.index
        turn = index // 2
        if like.liked not in (True, False) or not 0 <= turn < len(conv):
            return gr.skip(), gr.skip(), gr.skip()
        rating = "useful" if like.liked else "wrong"
        item = conv[turn]
        feedback_id = self.feedback.add(rating, item["answer"], question=item["question"], filters=item["filters"])
        log.info("feedback %s stored: %s on answer %d", feedback_id, rating, turn + 1)
        note = f"Thanks: answer {turn + 1} marked **{rating}**. Add a comment below if you like."
        return feedback_id, gr.update(visible=True), note

    def comment(self, feedback_id, text):
        if feedback_id is None:
            return "Mark an answer useful or wrong first (thumbs under the answer).", gr.skip()
        try:
            self.feedback.update(int(feedback_id), comment=text)
        except FeedbackError as error:
            raise gr.Error(str(error)) from None
        return "Comment saved. Thank you.", ""

    def releases(self, query: str = ""):
        found = catalog.search(self.bot.releases(), query or "")
        return render.releases_markdown(found), f"{len(found)} release(s)"

    def on_load(self):
        table, count = self.releases("")
        return gr.update(choices=self.bot.partners()), table, count


def _now() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
