"""Answer feedback (useful / wrong, optional comment) kept in SQLite for staff to review.

Review it with `python -m web.feedback [--db PATH] [--limit N]`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any, Mapping

RATINGS = ("useful", "wrong")
MAX_COMMENT_CHARS = 2000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('useful', 'wrong')),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,       -- JSON list of Citation.to_dict()
    abstained INTEGER NOT NULL,
    filters TEXT NOT NULL DEFAULT '{}'
)
"""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class FeedbackError(ValueError):
    """Feedback that cannot be stored as given (unknown rating, comment too long, unknown id)."""


class FeedbackStore:
    """One SQLite file; a connection per call so threads of the web server never share one."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.row_factory = sqlite3.Row
        return db

    def add(self, rating: str, answer: Mapping[str, Any], *, question: str = "", comment: str = "",
            filters: Mapping[str, Any] | None = None) -> int:
        """Stores one judgement of an answer (Answer.to_dict() shape); returns its id."""
        rating, comment = _check(rating, comment)
        now = _now()
        row = (now, now, rating, comment, question or answer.get("question", ""), answer.get("text", ""),
               json.dumps(list(answer.get("citations", ())), ensure_ascii=False), int(bool(answer.get("abstained"))),
               json.dumps(dict(filters or {}), ensure_ascii=False))
        with closing(self._connect()) as db, db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, updated_at, rating, comment, question, answer, citations, "
                "abstained, filters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            return int(cursor.lastrowid)

    def update(self, feedback_id: int, *, rating: str | None = None, comment: str | None = None) -> None:
        """Changes the rating and/or the comment of stored feedback (a comment often follows the click)."""
        current = self.get(feedback_id)
        rating, comment = _check(rating or current["rating"], current["comment"] if comment is None else comment)
        with closing(self._connect()) as db, db:
            db.execute("UPDATE feedback SET rating = ?, comment = ?, updated_at = ? WHERE id = ?",
                       (rating, comment, _now(), feedback_id))

    def get(self, feedback_id: int) -> dict:
        with closing(self._connect()) as db:
            row = db.execute("SELECT * FROM feedback WHERE id = ?", (feedback_id,)).fetchone()
        if row is None:
            raise FeedbackError(f"No feedback with id {feedback_id}.")
        return _as_dict(row)

    def recent(self, limit: int = 50) -> list[dict]:
        with closing(self._connect()) as db:
            rows = db.execute("SELECT * FROM feedback ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [_as_dict(r) for r in rows]


def _check(rating: str, comment: str) -> tuple[str, str]:
    if rating not in RATINGS:
        raise FeedbackError(f"Rating must be one of {', '.join(RATINGS)}, not {rating!r}.")
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise FeedbackError(f"The comment is {len(comment)} characters long; the limit is {MAX_COMMENT_CHARS}.")
    return rating, comment


def _as_dict(row: sqlite3.Row) -> dict:
    out = dict(row)
    out["citations"] = json.loads(out["citations"])
    out["filters"] = json.loads(out["filters"])
    out["abstained"] = bool(out["abstained"])
    return out


def main(argv=None) -> None:
    from ingest.settings import Settings  # only the review command needs the default path

    parser = argparse.ArgumentParser(description="Show recent answer feedback.")
    parser.add_argument("--db", type=Path, default=None, help="feedback SQLite file (default: BXLBOT_FEEDBACK_PATH)")
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args(argv)
    store = FeedbackStore(args.db or Settings.from_env().feedback_path)
    for item in store.recent(args.limit):
        print(f"#{item['id']} {item['created_at']} {item['rating'].upper()}  Q: {item['question']}")
        print(f"    A: {item['answer'][:300]}")
        for c in item["citations"]:
            print(f"    [{c['number']}] {c.get('source')}: {c.get('quote', '')[:120]}")
        if item["comment"]:
            print(f"    comment: {item['comment']}")


if __name__ == "__main__":
    main()
