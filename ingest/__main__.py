"""Command line: `python -m ingest [PATH ...] [--store DIR] [--rebuild] [--quiet]`.

Exit status: 0 when the store is up to date (failed files, if any, are listed in the summary), 1 when nothing could be
ingested because every file failed, 2 when the store or the settings are unusable (message on stderr).
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ingest.errors import IngestError
from ingest.settings import Settings

_STAGES = {"load": "reading files", "embed": "embedding chunks", "write": "writing releases"}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: BXLBOT_CORPUS_DIR)")
    parser.add_argument("--store", type=Path, help="store folder (default: BXLBOT_STORE_DIR)")
    parser.add_argument("--rebuild", action="store_true", help="empty the store first (after changing settings)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, only the summary")
    return parser.parse_args(argv)


class _Bar:
    """One tqdm bar per stage, on stderr."""

    def __init__(self) -> None:
        self.stage, self.bar = None, None

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if stage != self.stage:
            self.close()
            self.stage, self.bar = stage, tqdm(total=total, desc=_STAGES.get(stage, stage), unit="", file=sys.stderr)
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.stage, self.bar = None, None


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    bar = None if args.quiet else _Bar()
    try:
        from ingest.pipeline import ingest

        settings = Settings.from_env(store_dir=args.store)
        report = ingest(args.paths or None, settings=settings, rebuild=args.rebuild, progress=bar)
    except IngestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if bar is not None:
            bar.close()
    print(report.summary())
    nothing_ingested = report.failed and not (report.added or report.updated or report.unchanged)
    return 1 if nothing_ingested else 0


if __name__ == "__main__":
    sys.exit(main())
