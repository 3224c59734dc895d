"""Command line: `python -m bot.brief "Turkey" [--since 2020] [--until 2024-06] [--format md|docx] [-o FILE]`."""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Sequence

from bot.errors import BotError
from ingest.errors import IngestError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.brief",
                                     description="A dated, cited briefing on a partner or a theme.")
    parser.add_argument("topic", help="a partner (city, region, country, organisation) or a theme")
    parser.add_argument("--since", help="only releases published on or after this date (YYYY[-MM[-DD]])")
    parser.add_argument("--until", help="only releases published on or before this date")
    parser.add_argument("--format", choices=["md", "docx", "json"], default="md", help="default: md")
    parser.add_argument("-o", "--output", type=Path, help="file to write (docx default: briefing-TOPIC.docx)")
    parser.add_argument("--no-chart", action="store_true", help="leave the timeline chart out of the .docx")
    parser.add_argument("--store", help="store folder (default: BXLBOT_STORE_DIR or .bxlbot/store)")
    args = parser.parse_args(argv)
    from bot.brief.build import open_briefer

    try:
        briefing = open_briefer(args.store).brief(args.topic, since=args.since, until=args.until)
    except (BotError, IngestError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.format == "docx":
        from bot.brief.chart import timeline_png
        from bot.brief.word import to_docx

        output = args.output or Path(f"briefing-{re.sub(r'[^a-z0-9]+', '-', args.topic.lower()).strip('-')}.docx")
        output.write_bytes(to_docx(briefing, None if args.no_chart else timeline_png(briefing)))
        print(f"{output}: {briefing.scope}", file=sys.stderr)
        return 0
    if args.format == "json":
        text = json.dumps(briefing.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        from bot.brief.markdown import to_markdown

        text = to_markdown(briefing)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
