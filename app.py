"""Runs the product: brings docs_corpus/ up to date, then serves the web chat and HTTP API (default http://127.0.0.1:7860)."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

log = logging.getLogger("app")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", help="address to listen on (BXLBOT_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (BXLBOT_PORT, default 7860)")
    parser.add_argument("--store", type=Path, help="store folder (BXLBOT_STORE_DIR)")
    parser.add_argument("--corpus", type=Path, help="folder of press releases to bring up to date (BXLBOT_CORPUS_DIR)")
    parser.add_argument("--auth", help="'user:password' or a file of such lines (BXLBOT_AUTH); default: no login")
    parser.add_argument("--no-refresh", action="store_true", help="serve the store as it is, without ingesting")
    return parser.parse_args(argv)


def open_bot(settings):
    """The bot over settings.store_dir; on a first start the store is created empty and refresh() fills it."""
    from bot import build_bot

    return build_bot(settings, create=True)


def main(argv=None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = parse_args(argv)
    from ingest.settings import Settings  # the one settings object (bot does not re-export it)

    settings = Settings.from_env(host=args.host, port=args.port, store_dir=args.store, corpus_dir=args.corpus,
                                 auth=args.auth)
    from web.auth import AuthConfigError, load_credentials

    try:
        load_credentials(settings.auth)  # a broken login setting fails now, not after the ingest
    except AuthConfigError as error:
        log.error("%s", error)
        return 2
    started = time.perf_counter()
    failed: list[BaseException] = []

    def open_and_refresh():
        bot = open_bot(settings)
        if not args.no_refresh:
            report = bot.refresh()
            log.info("corpus %s up to date: %s", settings.corpus_dir, report.summary())
        log.info("bot ready in %.1f s with %d releases", time.perf_counter() - started, bot.count())
        return bot

    server: list = []  # the uvicorn server, once made

    def stop(error: BaseException) -> None:
        """Opening failed: the server stops (or, not made yet, is never run). A signal sent to this process instead
        could land inside an import that swallows it, and the app would then serve a bot that cannot answer."""
        log.error("the bot could not start: %s", error)
        failed.append(error)
        for made in server:
            made.should_exit = True

    # The page comes up while the bot opens (models, store, refresh); questions asked meanwhile wait for it.
    from bot.starting import Starting

    bot = Starting(open_and_refresh, on_failure=stop)
    import uvicorn

    from web import create_app

    config = uvicorn.Config(create_app(bot, settings), host=settings.host, port=settings.port, log_level="warning",
                            timeout_graceful_shutdown=5)
    server.append(uvicorn.Server(config))
    if not failed:  # stop() sees the server or this sees the failure: each writes before it reads
        log.info("serving on http://%s:%d (API docs at /docs)", settings.host, settings.port)
        try:
            server[0].run()
        except KeyboardInterrupt:  # Ctrl-C: uvicorn has shut down and passes the signal on, as uvicorn.run ignores it
            pass
    if failed:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
