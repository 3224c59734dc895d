"""Turns answers, citations and releases into safe Markdown and HTML for the page, and Markdown for export."""
from __future__ import annotations

import html
import re
from typing import Any, Iterable, Mapping
from urllib.parse import quote as urlquote

_MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
_CONTEXT_CHARS = 700  # a paragraph longer than this is trimmed around the quote


def esc(value: Any) -> str:
    """HTML-escape anything shown as text (release text, titles, user input)."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_markdown(text: str) -> str:
    """Untrusted text made inert for a Markdown renderer: no raw HTML, no links or images of its own."""
    text = html.escape(text or "", quote=False)
    # Only our own links may exist: "](" would let quoted text build a link or an image.
    return text.replace("](", "]\\(").replace("![", "!\\[")


def source_href(citation: Mapping[str, Any]) -> str:
    """Where a citation marker points: the server-rendered source card (see web.views)."""
    rid = urlquote(str(citation["release_id"]), safe="")
    return f"/view/source/{rid}?start={int(citation['start'])}&end={int(citation['end'])}&n={int(citation['number'])}"


def release_href(release_id: str, start: int | None = None, end: int | None = None) -> str:
    base = f"/view/release/{urlquote(str(release_id), safe='')}"
    return f"{base}?start={int(start)}&end={int(end)}#quote" if start is not None and end is not None else base


def _linked_markers(text: str, citations: Mapping[int, Mapping[str, Any]]) -> str:
    def link(match: re.Match) -> str:
        numbers = [int(n) for n in re.split(r"\s*,\s*", match.group(1))]
        if not all(n in citations for n in numbers):
            return match.group(0)
        return "".join(f"[\\[{n}\\]]({source_href(citations[n])} \"Open source {n}\")" for n in numbers)

    return _MARKER.sub(link, text)


def answer_markdown(answer: Mapping[str, Any]) -> str:
    """Chat Markdown of a final answer (Answer.to_dict() shape): linked [n] markers, then a Sources list."""
    citations = {int(c["number"]): c for c in answer.get("citations", ())}
    body = _linked_markers(safe_markdown(answer.get("text", "")), citations)
    if answer.get("abstained"):
        body = "**No answer found in the press releases.**\n\n" + body
    parts = [body]
    notes = [n for n in answer.get("notes", ()) if n and n not in answer.get("text", "")]
    parts += [f"_{safe_markdown(note)}_" for note in notes]
    if citations:
        lines = ["**Sources**"]
        for n, c in sorted(citations.items()):
            title = safe_markdown(c.get("title") or c.get("source") or "untitled").replace("[", "\\[").replace("]", "\\]")
            meta = " · ".join(esc(x) for x in (c.get("published") or "undated", c.get("source")) if x)
            lines.append(f"{n}. [{title}]({source_href(c)} \"Open source {n}\") · {meta}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


CHECKING = "Written by the language model; being checked against the releases…"


def streaming_markdown(partial: str, checking: bool = False) -> str:
    """Chat Markdown of a growing answer: plain, markers not yet linked (citations arrive at the end); a language
    model's draft (checking=True) is labelled as not yet checked."""
    body = safe_markdown(partial) + " ▍"
    return f"{body}\n\n_{CHECKING}_" if checking else body


def user_markdown(question: str) -> str:
    return safe_markdown(question)


def answer_with_sources(answer: Mapping[str, Any]) -> str:
    """Plain Markdown for the clipboard and the export: answer text, then every citation in full."""
    lines = [answer.get("text", "").strip()]
    notes = [n for n in answer.get("notes", ()) if n and n not in answer.get("text", "")]
    lines += [f"_{note}_" for note in notes]
    citations = list(answer.get("citations", ()))
    if citations:
        lines.append("Sources:")
        for c in citations:
            quote = " ".join(str(c.get("quote", "")).split())
            lines.append(
                f"[{c['number']}] \"{quote}\" — {c.get('title') or 'untitled'}, "
                f"published {c.get('published') or 'date unknown'} ({c.get('source')}, characters {c['start']}–{c['end']})"
            )
    return "\n\n".join(line for line in lines if line)


def export_markdown(turns: Iterable[Mapping[str, Any]], *, exported_at: str = "") -> str:
    """A whole conversation: each question followed by its answer and full citations."""
    out = ["# Conversation with the Brussels-Capital Region press-release bot"]
    if exported_at:
        out.append(f"Exported {exported_at}.")
    for i, turn in enumerate(turns, 1):
        question = " ".join(str(turn.get("question", "")).split())
        out.append(f"## {i}. {question}")
        out.append(answer_with_sources(turn.get("answer", {})))
    return "\n\n".join(out) + "\n"


def _context(text: str, start: int, end: int) -> tuple[str, str, str, bool, bool]:
    """The paragraph around text[start:end], trimmed to a readable window: (before, quote, after, cut_left, cut_right)."""
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    left = max(para_start, start - _CONTEXT_CHARS // 2)
    right = min(para_end, end + _CONTEXT_CHARS // 2)
    return text[left:start], text[start:end], text[end:right], left > para_start, right < para_end


def locate_quote(text: str, start: int, end: int, quote: str | None = None) -> tuple[int, int] | None:
    """Offsets of the quote in text: as cited when they still match, else where the quote is found, else None."""
    if 0 <= start <= end <= len(text) and (quote is None or text[start:end] == quote):
        return start, end
    if quote:
        found = text.find(quote)
        if found >= 0:
            return found, found + len(quote)
    return None


def _meta_rows(release: Any) -> str:
    published = release.published.iso() if release.published else "date unknown"
    rows = [("Published", published), ("File", release.source), ("Language", release.lang)]
    if release.partners:
        rows.append(("Partners", ", ".join(release.partners)))
    if release.copies:
        rows.append(("Same text in", ", ".join(release.copies)))
    return "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)


def source_card(release: Any, start: int, end: int, number: int | None = None) -> str:
    """HTML fragment of a source card: title, date, file, the quote highlighted inside its paragraph."""
    before, quote, after, cut_left, cut_right = _context(release.text, start, end)
    label = f"<span class=\"bxl-num\">[{int(number)}]</span> " if number else ""
    return (
        f"<article class=\"bxl-card\" data-release-id=\"{esc(release.id)}\">"
        f"<h2>{label}{esc(release.title)}</h2>"
        f"<dl class=\"bxl-meta\">{_meta_rows(release)}</dl>"
        f"<blockquote class=\"bxl-context\">{'… ' if cut_left else ''}{esc(before)}"
        f"<mark class=\"bxl-quote\">{esc(quote)}</mark>{esc(after)}{' …' if cut_right else ''}</blockquote>"
        f"<p><a class=\"bxl-read\" href=\"{esc(release_href(release.id, start, end))}\" target=\"_blank\" "
        f"rel=\"noopener\">Read the whole release</a></p></article>"
    )


def release_view(release: Any, start: int | None = None, end: int | None = None) -> str:
    """HTML fragment of a whole release, the cited span (if any) highlighted and anchored as #quote."""
    text = release.text
    if start is not None and end is not None:
        body = f"{esc(text[:start])}<mark id=\"quote\" class=\"bxl-quote\">{esc(text[start:end])}</mark>{esc(text[end:])}"
    else:
        body = esc(text)
    return (
        f"<article class=\"bxl-release\" data-release-id=\"{esc(release.id)}\"><h2>{esc(release.title)}</h2>"
        f"<dl class=\"bxl-meta\">{_meta_rows(release)}</dl><div class=\"bxl-text\">{body}</div></article>"
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_text(value: Any) -> str:
    """Untrusted text shown as itself in Markdown: HTML escaped, Markdown punctuation backslashed, one line."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(value or "").split()), quote=False))


def releases_markdown(releases: Iterable[Any]) -> str:
    """Markdown table of releases (title, date, language, partners, file), each title opening the release.

    Markdown rather than HTML: Gradio's HTML component evaluates its template with Function(), which the page's
    Content-Security-Policy forbids."""
    rows = []
    for r in releases:
        published = r.published.iso() if r.published else "—"
        cells = [f"[{markdown_text(r.title)}]({release_href(r.id)})", markdown_text(published), markdown_text(r.lang),
                 markdown_text(", ".join(r.partners) or "—"), markdown_text(r.source)]
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return "No release matches this search."
    return "\n".join(["| Title | Date | Language | Partners | File |", "|---|---|---|---|---|", *rows])
