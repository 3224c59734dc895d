"""Composes the web process: FastAPI with /api and /view routes, the Gradio page mounted at /, login and limits."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse

from bot.errors import BadQuestionError, UnavailableError
from web import api, briefing, views
from web.apidocs import add_docs
from web.auth import BasicAuthMiddleware, load_credentials
from web.chat import ChatHandlers, gr
from web.feedback import FeedbackStore
from web.limits import BodySizeLimitMiddleware
from web.page import APP_JS, CSS, HEAD, STATIC, THEME, build_blocks
from web.security import SecurityHeadersMiddleware

log = logging.getLogger(__name__)

API_BODY_LIMIT = 64 * 1024  # a question, a few earlier turns and filters fit many times over
PAGE_BODY_LIMIT = 1024 * 1024  # Gradio events carry the question and filters; conversation state stays on the server
CONCURRENT_ANSWERS = 2  # two cores; further questions wait in Gradio's queue
QUEUE_SIZE = 64  # beyond this many waiting, Gradio tells the user the queue is full


def _readable(error: RequestValidationError) -> str:
    parts = []
    for e in error.errors():
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
        parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
    return "; ".join(parts) or "Invalid request."


def _api_app(bot, settings) -> FastAPI:
    app = FastAPI(title="Brussels-Capital Region press-release bot",
                  description="Answers from the Region's foreign-relations press releases, with verified citations.",
                  version="0.1.0", docs_url=None, redoc_url=None)
    add_docs(app)  # Swagger UI from a local package: /docs works offline

    @app.get(APP_JS, include_in_schema=False)
    def app_js() -> FileResponse:
        return FileResponse(STATIC / "app.js", media_type="text/javascript")

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError):
        # Inputs are not echoed back: they may be the oversized text that was refused.
        errors = [{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in error.errors()]
        return JSONResponse({"detail": _readable(error), "errors": jsonable_encoder(errors)}, status_code=422)

    @app.exception_handler(BadQuestionError)
    async def bad_question(_: Request, error: BadQuestionError):
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.exception_handler(UnavailableError)
    async def unavailable(_: Request, error: UnavailableError):
        return JSONResponse({"detail": str(error)}, status_code=503, headers={"Retry-After": "10"})

    app.include_router(api.make_router(bot, settings))
    app.include_router(briefing.make_router(bot))
    app.include_router(views.make_router(bot))
    return app


def create_app(bot, settings) -> FastAPI:
    """The whole web product for one bot; routes are added before Gradio is mounted at / so they take precedence."""
    app = _api_app(bot, settings)
    handlers = ChatHandlers(bot, settings, FeedbackStore(settings.feedback_path))
    demo = build_blocks(handlers, briefing.BriefingHandlers(bot))
    demo.queue(default_concurrency_limit=CONCURRENT_ANSWERS, max_size=QUEUE_SIZE)
    app = gr.mount_gradio_app(app, demo, path="/", server_name=settings.host, server_port=settings.port,
                              footer_links=[], run_history=False, show_error=True, ssr_mode=False,
                              theme=THEME, css=CSS, head=HEAD, mcp_server=False, pwa=False)
    app.add_middleware(BodySizeLimitMiddleware, default_limit=PAGE_BODY_LIMIT, limits={"/api/": API_BODY_LIMIT})
    credentials = load_credentials(settings.auth)
    if credentials:
        app.add_middleware(BasicAuthMiddleware, credentials=credentials)
        log.info("login required for %d user(s)", len(credentials))
    app.add_middleware(SecurityHeadersMiddleware)  # outermost: refusals (401, 413) get the headers too
    return app
