"""Layout of the Gradio page and the wiring of its events to web.chat.ChatHandlers (and the Briefing tab's to
web.briefing.BriefingHandlers)."""
from __future__ import annotations

from pathlib import Path

from web.briefing import build_tab
from web.chat import EXAMPLES, INTRO, ChatHandlers, gr
from web.filters import LANGUAGES

STATIC = Path(__file__).parent / "static"
CSS = (STATIC / "app.css").read_text(encoding="utf-8")
APP_JS = "/bxl/app.js"  # a file, not inline code: the page's Content-Security-Policy allows no inline script
HEAD = f'<script src="{APP_JS}"></script>'
THEME = gr.themes.Soft(
    primary_hue="blue",
    font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],  # system fonts: nothing fetched
    font_mono=["ui-monospace", "SFMono-Regular", "monospace"],
)


def _filters():
    with gr.Accordion("Filters", open=True, elem_id="bxl-filters"):
        since = gr.Textbox(label="Published from", placeholder="2021, 2021-10 or 2021-10-26", max_lines=1,
                           max_length=10, elem_id="bxl-since")
        until = gr.Textbox(label="Published until", placeholder="2023-12", max_lines=1, max_length=10,
                           elem_id="bxl-until")
        partners = gr.Dropdown(label="Partners", choices=[], multiselect=True, allow_custom_value=False,
                               elem_id="bxl-partners")
        lang = gr.Dropdown(label="Language of the releases", value="any", elem_id="bxl-lang",
                           choices=[("Any language", "any")] + [(name, code) for code, name in LANGUAGES.items()])
        status = gr.Markdown(elem_id="bxl-filter-status")
    return since, until, partners, lang, status


def _chat_column(handlers: ChatHandlers):
    chatbot = gr.Chatbot(label="Conversation", show_label=False, height=540, elem_id="bxl-chat", sanitize_html=True, allow_tags=False,
                         buttons=[], feedback_options=("Like", "Dislike"), layout="bubble",
                         placeholder="Answers appear here, each with its sources. Try an example below.")
    with gr.Row(equal_height=True):
        question = gr.Textbox(show_label=False, placeholder="Ask a question about the press releases…", scale=5,
                              max_lines=4, max_length=handlers.settings.max_question_chars, elem_id="bxl-question")
        ask = gr.Button("Ask", variant="primary", scale=1, min_width=72, elem_id="bxl-ask")
    gr.Markdown("Examples:", elem_classes=["bxl-small"])
    with gr.Row(elem_id="bxl-examples"):
        examples = [gr.Button(text, size="sm", variant="secondary", min_width=160) for text in EXAMPLES]
    with gr.Row():
        copy = gr.Button("Copy answer with sources", size="sm", elem_id="bxl-copy")
        export = gr.Button("Export conversation", size="sm", elem_id="bxl-export")
        clear = gr.Button("New conversation", size="sm", elem_id="bxl-clear")
    with gr.Group(visible=False, elem_id="bxl-feedback") as comment_box:
        comment = gr.Textbox(label="Comment (optional)", max_length=2000, lines=2, elem_id="bxl-comment")
        send_comment = gr.Button("Save comment", size="sm", elem_id="bxl-save-comment")
    feedback_note = gr.Markdown(elem_id="bxl-feedback-note")
    return {"chatbot": chatbot, "question": question, "ask": ask, "examples": examples, "copy": copy,
            "export": export, "clear": clear, "comment_box": comment_box, "comment": comment,
            "send_comment": send_comment, "feedback_note": feedback_note}


def build_blocks(handlers: ChatHandlers, briefing=None) -> gr.Blocks:
    with gr.Blocks(title="Brussels-Capital Region press releases") as demo:
        conv, feedback_id = gr.State([]), gr.State(None)
        # Rendered but hidden: app.js reads them when Copy or Export is clicked (no js= handler: it would need eval).
        copy_text = gr.Textbox(visible="hidden", elem_id="bxl-copy-text")
        export_text = gr.Textbox(visible="hidden", elem_id="bxl-export-text")
        gr.Markdown(INTRO, elem_id="bxl-intro")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=300):
                        c = _chat_column(handlers)
                    with gr.Column(scale=1, min_width=240):
                        since, until, partners, lang, filter_status = _filters()
            with gr.Tab("Releases", id="releases", elem_id="bxl-releases-tab"):
                search = gr.Textbox(label="Search releases", placeholder="Title, partner, date or any word",
                                    max_length=200, elem_id="bxl-release-search")
                count = gr.Markdown(elem_id="bxl-release-count")
                table = gr.Markdown(elem_id="bxl-release-table")
            if briefing is not None:
                with gr.Tab("Briefing", id="briefing", elem_id="bxl-briefing-tab"):
                    brief_topic = build_tab(briefing)
        inputs = [c["question"], conv, since, until, partners, lang]
        outputs = [c["chatbot"], conv, c["question"], copy_text, export_text, filter_status]
        for trigger in (c["ask"].click, c["question"].submit):
            trigger(handlers.respond, inputs, outputs, concurrency_id="answer")
        for button in c["examples"]:
            button.click(lambda text=button.value: text, None, c["question"], queue=False).then(
                handlers.respond, inputs, outputs, concurrency_id="answer")
        c["chatbot"].like(handlers.rate, [conv], [feedback_id, c["comment_box"], c["feedback_note"]])
        c["send_comment"].click(handlers.comment, [feedback_id, c["comment"]], [c["feedback_note"], c["comment"]])
        reset = [c["chatbot"], conv, copy_text, export_text, feedback_id]
        c["clear"].click(lambda: ([], [], "", "", None), None, reset, queue=False)
        c["chatbot"].clear(lambda: ([], [], "", "", None), None, reset, queue=False)
        search.change(handlers.releases, [search], [table, count], queue=False)
        demo.load(handlers.on_load, None, [partners, table, count], queue=False)
        if briefing is not None:
            demo.load(briefing.on_load, None, [brief_topic], queue=False)
    return demo
