"""The timeline chart of a briefing: its events by kind and its releases over the years, as a PNG (matplotlib,
drawn offline with the Agg backend; the only module that imports matplotlib)."""
from __future__ import annotations

import datetime as dt
import io
import threading

from bot.brief.records import Briefing
from ingest.records import PartialDate

ROWS = (  # (label, kinds), top to bottom
    ("Agreements", ("agreement", "renewal")),
    ("Visits and missions", ("visit", "mission")),
    ("Aid", ("aid",)),
    ("Openings, events", ("opening", "event", "meeting")),
)
COLOURS = ("#1f4e9c", "#2a9d8f", "#e76f51", "#8d6cab")
RELEASES = "Releases"
_lock = threading.Lock()  # pyplot keeps global state


def timeline_png(b: Briefing) -> bytes | None:
    """The chart, or None when nothing in the briefing is dated."""
    points = [(row, e) for e in b.timeline if e.date for row, (_, kinds) in enumerate(ROWS) if e.kind in kinds]
    releases = [s.published for s in b.sources if s.published]
    if not points and not releases:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    with _lock:
        fig, ax = plt.subplots(figsize=(9, 3.4), dpi=150)
        try:
            n = len(ROWS)
            for row, e in points:
                y = n - row
                start, end = e.date.earliest(), e.date.latest()
                if e.date.precision != "day":  # a partial date is a span, not a point
                    ax.plot([start, end], [y, y], color=COLOURS[row], alpha=0.25, linewidth=7, solid_capstyle="butt")
                ax.plot([_middle(e.date)], [y], marker="o", markersize=7, color=COLOURS[row],
                        markerfacecolor="white" if e.planned else COLOURS[row])
                ax.annotate(",".join(str(c) for c in e.citations[:2]), (_middle(e.date), y), xytext=(0, 7),
                            textcoords="offset points", ha="center", fontsize=6, color="#444444")
            for date in releases:
                ax.plot([_middle(date)], [0], marker="|", markersize=14, color="#555555")
            ax.set_yticks(range(0, n + 1), [RELEASES] + [label for label, _ in reversed(ROWS)], fontsize=8)
            ax.set_ylim(-0.7, n + 0.7)
            _x_range(ax, [e.date for _, e in points] + releases)
            ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=10))
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
            ax.tick_params(axis="x", labelsize=8)
            ax.grid(axis="x", color="#dddddd", linewidth=0.6)
            for side in ("top", "right", "left"):
                ax.spines[side].set_visible(False)
            ax.set_title(f"{b.name}: events (by date of the event) and releases (by publication date)",
                         fontsize=9, loc="left")
            fig.text(0.01, 0.01, "Numbers are the briefing's sources; a hollow dot is a planned event; a shaded "
                                 "band, a date known only to the month or year.", fontsize=6, color="#666666")
            fig.subplots_adjust(left=0.17, right=0.98, top=0.9, bottom=0.17)  # fixed: tight_layout takes 0.7 s
            out = io.BytesIO()
            fig.savefig(out, format="png")
            return out.getvalue()
        finally:
            plt.close(fig)


def _middle(date: PartialDate) -> dt.date:
    start, end = date.earliest(), date.latest()
    return start + (end - start) / 2


def _x_range(ax, dates) -> None:
    first = min(d.earliest() for d in dates)
    last = max(d.latest() for d in dates)
    margin = max(dt.timedelta(days=45), (last - first) * 0.05)
    ax.set_xlim(first - margin, last + margin)
