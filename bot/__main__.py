"""Command line: `python -m bot "question" [--store DIR] [--json] [--since ...] [--until ...] [--partner ...]`."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from bot.errors import BotError
from ingest.errors import IngestError


_TIERS = {"answer": "a direct answer", "closest": "the closest passages, not a direct answer",
          "none": "no answer found"}


def _render(answer) -> str:
    lines = [answer.text, "", f"confidence: {answer.confidence} ({_TIERS.get(answer.confidence, '')})"]
    if answer.citations:
        lines.append("")
        for c in answer.citations:
            date = c.published.iso() if c.published else "undated"
            lines.append(f"[{c.number}] {c.source} - {c.title} ({date})")
            lines.append(f"    \"{' '.join(c.quote.split())}\"")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Ask the press-release bot a question.")
    parser.add_argument("question")
    parser.add_argument("--store", help="store folder (default: BXLBOT_STORE_DIR or .bxlbot/store)")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.add_argument("--since", help="only releases published on or after this date (YYYY[-MM[-DD]])")
    parser.add_argument("--until", help="only releases published on or before this date")
    parser.add_argument("--partner", action="append", dest="partners", help="only releases about this partner")
    parser.add_argument("--lang", choices=["en", "fr", "nl"], help="only releases in this language")
    args = parser.parse_args(argv)
    from bot.bot import Bot

    try:
        bot = Bot(store=args.store)
        answer = bot.ask(args.question, since=args.since, until=args.until, partners=args.partners, lang=args.lang)
    except (BotError, IngestError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(_render(answer))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
