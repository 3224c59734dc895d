"""The HTTP API (/api/ask, /api/releases, /api/health) with request models that refuse bad input with a 4xx."""

from typing import Annotated, Literal

import anyio
from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from web import catalog
from web.conversation import call_bot
from web.filters import Filters, FilterError

MAX_HISTORY_MESSAGES = 40
MAX_WAITING = 64  # requests beyond this many waiting for a worker get a 503 instead of piling up

PartialIso = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10, pattern=r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class AskFilters(BaseModel):
    model_config = ConfigDict(extra="forbid")
    since: PartialIso | None = Field(None, description="Published on or after: 2021, 2021-10 or 2021-10-26.")
    until: PartialIso | None = Field(None, description="Published on or before (same formats).")
    partners: list[Name] = Field(default_factory=list, max_length=20, description="Partner names, e.g. Ankara.")
    lang: Literal["en", "fr", "nl"] | None = Field(None, description="Language of the releases searched.")


class CitationOut(BaseModel):
    number: int
    release_id: str
    source: str
    title: str
    published: str | None
    quote: str = Field(description="Exact text of the release: text[start:end].")
    start: int
    end: int
    lang: str


class AnswerOut(BaseModel):
    text: str = Field(description="Markdown with [n] markers pointing at citations.")
    citations: list[CitationOut]
    abstained: bool
    question: str
    lang: str
    notes: list[str]


class ReleaseSummary(BaseModel):
    id: str
    title: str
    published: str | None
    lang: str
    partners: list[str]
    source: str
    format: str


class ReleaseDetail(ReleaseSummary):
    text: str
    content_hash: str
    copies: list[str] = Field(default_factory=list, description="Other files with the same title and text (stored once).")


class Health(BaseModel):
    status: Literal["ok"]
    releases: int


def _ask_request(max_chars: int) -> type[BaseModel]:
    class Message(BaseModel):
        model_config = ConfigDict(extra="forbid")
        role: Literal["user", "assistant"]
        content: str = Field(..., max_length=20_000, description="A question asked, or the answer text given.")

    class AskRequest(BaseModel):
        model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
            {"question": "When was the memorandum of understanding with Ankara signed?",
             "history": [{"role": "user", "content": "Did Brussels sign anything in Turkey?"},
                         {"role": "assistant", "content": "Yes, a memorandum of understanding with Ankara [1]."}],
             "filters": {"since": "2021", "partners": ["Ankara"]}}]})
        question: str = Field(..., min_length=1, max_length=max_chars, description=f"At most {max_chars} characters.")
        history: list[Message] = Field(default_factory=list, max_length=MAX_HISTORY_MESSAGES,
                                       description="Earlier messages, oldest first, for follow-up questions.")
        filters: AskFilters = Field(default_factory=AskFilters)

        @field_validator("question")
        @classmethod
        def not_blank(cls, value: str) -> str:
            if not value.strip():
                raise ValueError("The question is empty.")
            return value

    return AskRequest


def make_router(bot, settings) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["api"])
    AskRequest = _ask_request(settings.max_question_chars)
    limiter = anyio.CapacityLimiter(2)  # two cores: more parallel answers only slow each other down
    waiting = {"n": 0}

    @router.post("/ask", response_model=AnswerOut, summary="Answer a question from the press releases",
                 responses={400: {"description": "Unusable question or filters"}, 422: {"description": "Invalid request"},
                            503: {"description": "Too many questions waiting"}})
    async def ask(request: AskRequest) -> dict:
        f = request.filters
        try:
            filters = Filters.parse(f.since, f.until, f.partners, f.lang)
        except FilterError as error:
            raise HTTPException(400, str(error)) from None
        if waiting["n"] >= MAX_WAITING:
            raise HTTPException(503, "Too many questions are waiting; try again in a minute.")
        history = [m.model_dump() for m in request.history]
        waiting["n"] += 1
        try:
            answer = await anyio.to_thread.run_sync(
                lambda: call_bot(bot.ask, request.question, history, filters), limiter=limiter)
        finally:
            waiting["n"] -= 1
        return answer.to_dict()

    @router.get("/releases", response_model=list[ReleaseSummary], summary="List the releases the bot knows")
    def releases(q: str = Query("", max_length=200, description="Words that must all appear (accents ignored).")):
        return [catalog.summary(r) for r in catalog.search(bot.releases(), q)]

    @router.get("/releases/{release_id}", response_model=ReleaseDetail, responses={404: {"description": "Unknown id"}})
    def release(release_id: str):
        try:
            return catalog.detail(bot.release(release_id))
        except (KeyError, LookupError):
            raise HTTPException(404, f"No release with id {release_id!r}.") from None

    @router.get("/health", response_model=Health, summary="Liveness and the number of releases loaded")
    def health():
        return {"status": "ok", "releases": bot.count()}

    return router
