"""A briefing as Markdown: headings, the timeline as a table, [n] citation markers and numbered sources with
their verbatim quotes, then the bibliography and the corpus state it was built from."""
from __future__ import annotations

from bot.brief.records import Briefing, KeyFigure
from bot.render import format_date

_ESCAPE = str.maketrans({"|": "\\|", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "<": "&lt;", ">": "&gt;",
                         "`": "\\`", "#": "\\#"})


def inline(text: str) -> str:
    """Release text made inert for Markdown: one line, no markup of its own (it is quoted, never interpreted)."""
    return " ".join(text.split()).translate(_ESCAPE)


def markers(numbers, link=None) -> str:
    """'[1][4]', each a link when `link(number)` gives a URL."""
    return "".join(f"[\\[{n}\\]]({link(n)})" if link else f"[{n}]" for n in numbers)


def date_text(date, dated_by: str = "text") -> str:
    if date is None:
        return "date not stated"
    return format_date(date, "en") + (" (release date)" if dated_by == "published" else "")


def to_markdown(b: Briefing, link=None, chart: str | None = None) -> str:
    """The whole briefing (`link`: number -> URL of the cited source, for the web page; `chart`: an image URL)."""
    out = [f"# Briefing: {inline(b.name)}", f"_{inline(b.scope)}_"]
    if b.empty:
        return "\n\n".join(out + [_state(b)]) + "\n"
    if b.summary:
        out += ["## Summary", " ".join(f"{inline(x.text)} {markers(x.citations, link)}" for x in b.summary)]
    if chart:
        out.append(f"![Timeline of {inline(b.name)}]({chart})")
    if b.timeline:
        rows = ["| Date | Event | What the releases say | Sources |", "|---|---|---|---|"]
        for e in b.timeline:
            note = f" _({inline(e.note)})_" if e.note else ""
            rows.append(f"| {date_text(e.date, e.dated_by)} | {e.label} | {inline(e.text)}{note} | "
                        f"{markers(e.citations, link)} |")
        out += ["## Timeline", "\n".join(rows)]
    if b.agreements:
        out += ["## Agreements", "\n\n".join(_agreement(a, link) for a in b.agreements)]
    if b.people:
        lines = [f"- **{inline(p.name)}**: " + "; ".join(
            f"{inline(r.role)} ({date_text(r.published)}) {markers([r.citation], link)}" for r in p.roles)
            for p in b.people]
        out += ["## People", "\n".join(lines)]
    if b.figures:
        out += ["## Key figures", "\n".join(_figure(f, link) for f in b.figures)]
    out += ["## Sources", _sources(b, link), "## Releases used", _bibliography(b), _state(b)]
    return "\n\n".join(out) + "\n"


def _agreement(a, link) -> str:
    lines = [f"### {inline(a.title)}",
             f"- Signed: {date_text(a.signed)} {markers(a.citations, link)}" + (" (renewal)" if a.renewal else "")]
    if a.signatories:
        lines.append(f"- Signatories: {inline(', '.join(a.signatories))}")
    if a.duration or a.until:
        runs = ", ".join(x for x in (inline(a.duration), f"until {date_text(a.until)}" if a.until else "") if x)
        lines.append(f"- Runs: {runs}")
    if a.themes:
        lines.append("- Themes: " + ", ".join(f"{t.text} {markers(t.citations, link)}" for t in a.themes))
    for later in a.later:
        lines.append(f"- Later: {inline(later.text)} {markers(later.citations, link)}")
    return "\n".join(lines)


def _figure(f: KeyFigure, link) -> str:
    note = f" _({inline(f.note)})_" if f.note else ""
    return f"- **{inline(f.label)}** ({date_text(f.published)}): {inline(f.text)} {markers(f.citations, link)}{note}"


def _sources(b: Briefing, link) -> str:
    lines = []
    for c in b.citations:
        number = f"[\\[{c.number}\\]]({link(c.number)})" if link else f"[{c.number}]"
        lines.append(f"{number} «{inline(c.quote)}» {inline(c.title)}, {date_text(c.published)}, "
                     f"{inline(c.source)}, characters {c.start}–{c.end}")
    return "\n\n".join(lines)


def _bibliography(b: Briefing) -> str:
    return "\n".join(f"- {date_text(s.published)}: {inline(s.title)} ({inline(s.source)})"
                     + ("" if s.about else " (mentions it)") for s in b.sources)


def _state(b: Briefing) -> str:
    return (f"_Built {b.built_at} from corpus state {b.corpus_state} ({b.corpus_releases} releases): if the "
            f"corpus state differs today, releases have been added, changed or removed since._")
