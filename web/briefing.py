"""Briefings on the web: the Briefing tab (pick a partner ingestion found or type a theme, set dates, preview with
clickable citations and the timeline chart, download .docx or Markdown) and POST /api/brief (JSON, or the .docx or
Markdown the Accept header asks for)."""
from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path
from typing import Annotated

import anyio
from fastapi import APIRouter, Header
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from bot.brief.chart import timeline_png
from bot.brief.markdown import to_markdown
from bot.brief.word import to_docx
from bot.errors import BadQuestionError
from web.chat import gr
from web.filters import FilterError, check_date
from web.render import source_href

log = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MARKDOWN = "text/markdown"
PartialIso = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10,
                                              pattern=r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")]


def file_stem(topic: str) -> str:
    return "briefing-" + (re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")[:40] or "topic")


def linked_markdown(briefing, chart: str | None = None) -> str:
    """The briefing's Markdown with each [n] opening its source card (web.render.source_href)."""
    by_number = {c.number: c.to_dict() for c in briefing.citations}
    return to_markdown(briefing, link=lambda n: source_href(by_number[n]), chart=chart)


class BriefingHandlers:
    """Events of the Briefing tab; the files it offers are written to a temporary folder of this process."""

    def __init__(self, bot):
        self.bot = bot
        self.folder = Path(tempfile.mkdtemp(prefix="bxl-briefings-"))

    def build(self, topic, since, until):
        """(preview Markdown, chart PNG path, .docx path, .md path, status)."""
        topic = (topic or "").strip()
        if not topic:
            raise gr.Error("Pick a partner or type a theme first.")
        try:
            since, until = check_date(since, "From"), check_date(until, "To")
            briefing = self.bot.brief(topic, since=since, until=until)
        except (FilterError, BadQuestionError) as error:
            raise gr.Error(str(error)) from None
        folder = Path(tempfile.mkdtemp(dir=self.folder))
        stem = file_stem(topic)
        png = timeline_png(briefing) if not briefing.empty else None
        chart = None
        if png:
            chart = folder / f"{stem}.png"
            chart.write_bytes(png)
        docx = folder / f"{stem}.docx"
        docx.write_bytes(to_docx(briefing, png))
        markdown = folder / f"{stem}.md"
        markdown.write_text(to_markdown(briefing), encoding="utf-8")
        status = f"{briefing.scope} Corpus state {briefing.corpus_state}."
        return (linked_markdown(briefing), str(chart) if chart else None, gr.update(value=str(docx), visible=True),
                gr.update(value=str(markdown), visible=True), status)

    def on_load(self):
        return gr.update(choices=self.bot.partners())


def build_tab(handlers: BriefingHandlers):
    """The Briefing tab's components and events (call inside a gr.Tab); returns the topic box to fill on load."""
    with gr.Row(equal_height=True):
        topic = gr.Dropdown(label="Partner or theme", choices=[], allow_custom_value=True, scale=3,
                            info="Pick a partner the releases name, or type a theme (refugees, chocolate, heritage).",
                            elem_id="bxl-brief-topic")
        since = gr.Textbox(label="Published from", placeholder="2020", max_lines=1, max_length=10, scale=1,
                           elem_id="bxl-brief-since")
        until = gr.Textbox(label="Published until", placeholder="2024-06", max_lines=1, max_length=10, scale=1,
                           elem_id="bxl-brief-until")
        build = gr.Button("Build briefing", variant="primary", scale=1, elem_id="bxl-brief-build")
    status = gr.Markdown(elem_id="bxl-brief-status")
    with gr.Row():
        docx = gr.DownloadButton("Download .docx", visible=False, size="sm", elem_id="bxl-brief-docx")
        markdown = gr.DownloadButton("Download Markdown", visible=False, size="sm", elem_id="bxl-brief-md")
    chart = gr.Image(label="Timeline", type="filepath", interactive=False, show_label=False, buttons=[],
                     elem_id="bxl-brief-chart")
    preview = gr.Markdown(elem_id="bxl-brief-preview", sanitize_html=True)
    outputs = [preview, chart, docx, markdown, status]
    build.click(handlers.build, [topic, since, until], outputs, concurrency_id="brief")
    return topic


class BriefRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"topic": "Turkey", "since": "2020", "until": "2024-06"}]})
    topic: str = Field(..., min_length=1, max_length=100, description="A partner (Ankara, Turkey, ...) or a theme.")
    since: PartialIso | None = Field(None, description="Releases published on or after: 2021, 2021-10 or 2021-10-26.")
    until: PartialIso | None = Field(None, description="Releases published on or before (same formats).")


def make_router(bot) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["api"])
    limiter = anyio.CapacityLimiter(2)

    @router.post("/brief", summary="A dated, cited briefing on a partner or a theme",
                 responses={200: {"description": "The briefing as JSON (default), .docx or Markdown (Accept)",
                                  "content": {"application/json": {}, DOCX: {}, MARKDOWN: {}}},
                            400: {"description": "Unusable topic or dates"}, 422: {"description": "Invalid request"}})
    async def brief(request: BriefRequest, accept: str = Header("application/json")):
        try:
            since, until = check_date(request.since, "since"), check_date(request.until, "until")
        except FilterError as error:
            raise BadQuestionError(str(error)) from None
        briefing = await anyio.to_thread.run_sync(
            lambda: bot.brief(request.topic, since=since, until=until), limiter=limiter)
        disposition = {"Content-Disposition": f'attachment; filename="{file_stem(request.topic)}'}
        if DOCX in accept:
            png = timeline_png(briefing) if not briefing.empty else None
            content = await anyio.to_thread.run_sync(lambda: to_docx(briefing, png), limiter=limiter)
            return Response(content, media_type=DOCX, headers={"Content-Disposition": disposition[
                "Content-Disposition"] + '.docx"'})
        if MARKDOWN in accept:
            return Response(to_markdown(briefing), media_type=f"{MARKDOWN}; charset=utf-8")
        return briefing.to_dict()

    return router
