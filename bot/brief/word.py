"""A briefing as a Word document (python-docx; the only module that imports it): headings, the summary, the
timeline chart, the timeline as a table, agreements, people, key figures, footnote-style numbered sources with
their verbatim quotes, and the bibliography with the corpus state it was built from."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from bot.brief.markdown import date_text
from bot.brief.records import Briefing

GREY = RGBColor(0x55, 0x55, 0x55)
TIMELINE_HEADER = ("Date", "Event", "What the releases say", "Sources")


def to_docx(b: Briefing, chart_png: bytes | None = None) -> bytes:
    doc = Document()
    _styles(doc)
    doc.add_heading(f"Briefing: {b.name}", level=0)
    _grey(doc.add_paragraph(), b.scope, italic=True)
    if b.empty:
        _state(doc, b)
        return _bytes(doc)
    if b.summary:
        doc.add_heading("Summary", level=1)
        p = doc.add_paragraph()
        for line in b.summary:
            p.add_run(line.text + " ")
            _cite(p, line.citations)
            p.add_run(" ")
    if chart_png:
        doc.add_picture(io.BytesIO(chart_png), width=Cm(16.5))
    if b.timeline:
        doc.add_heading("Timeline", level=1)
        _timeline(doc, b)
    if b.agreements:
        doc.add_heading("Agreements", level=1)
        for a in b.agreements:
            _agreement(doc, a)
    if b.people:
        doc.add_heading("People", level=1)
        for person in b.people:
            p = _bullet(doc)
            p.add_run(person.name).bold = True
            for i, r in enumerate(person.roles):
                p.add_run(("; " if i else ": ") + f"{r.role} ({date_text(r.published)})")
                _cite(p, [r.citation])
    if b.figures:
        doc.add_heading("Key figures", level=1)
        for f in b.figures:
            p = _bullet(doc)
            p.add_run(f.label).bold = True
            p.add_run(f" ({date_text(f.published)}): {' '.join(f.text.split())}")
            _cite(p, f.citations)
            if f.note:
                _grey(p, f" ({f.note})", italic=True)
    _notes(doc, b)
    _bibliography(doc, b)
    return _bytes(doc)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2)


def _bullet(doc, text: str = ""):
    """A "List Bullet" paragraph; the style's id is looked up once (python-docx scans the styles at every lookup)."""
    paragraph = doc.add_paragraph(text)
    style_id = getattr(doc, "_bxl_bullet", None)
    if style_id is None:
        style_id = doc._bxl_bullet = doc.styles["List Bullet"].style_id
    paragraph._p.style = style_id
    return paragraph


def _cite(paragraph, numbers) -> None:
    """Footnote-style markers: superscript numbers that point at the Sources at the end."""
    if numbers:
        run = paragraph.add_run(",".join(str(n) for n in numbers))
        run.font.superscript = True


def _grey(paragraph, text: str, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.color.rgb = GREY
    run.italic = italic
    return run


def _timeline(doc, b: Briefing) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = "Light Grid Accent 1"
    for cell, title in zip(table.rows[0].cells, TIMELINE_HEADER):
        cell.text = title
    for e in b.timeline:
        cells = table.add_row().cells
        cells[0].text = date_text(e.date, e.dated_by)
        cells[1].text = e.label
        quote = cells[2].paragraphs[0]
        quote.add_run(" ".join(e.text.split()))
        if e.note:
            _grey(quote, f" ({e.note})", italic=True)
        cells[3].text = ", ".join(str(n) for n in e.citations)
    table.autofit = False
    widths = (Cm(2.9), Cm(2.9), Cm(9.4), Cm(1.6))
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid: LibreOffice reads it, Word reads the cells
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def _agreement(doc, a) -> None:
    doc.add_heading(a.title, level=2)
    p = _bullet(doc)
    p.add_run(f"{'Renewed' if a.renewal else 'Signed'}: {date_text(a.signed)}")
    _cite(p, a.citations)
    if a.signatories:
        _bullet(doc, f"Signatories: {', '.join(a.signatories)}")
    if a.duration or a.until:
        runs = ", ".join(x for x in (a.duration, f"until {date_text(a.until)}" if a.until else "") if x)
        _bullet(doc, f"Runs: {runs}")
    if a.themes:
        p = _bullet(doc, "Themes: ")
        for i, t in enumerate(a.themes):
            p.add_run(("" if i == 0 else ", ") + t.text)
            _cite(p, t.citations)
    for later in a.later:
        p = _bullet(doc, f"Later: {' '.join(later.text.split())}")
        _cite(p, later.citations)


def _notes(doc, b: Briefing) -> None:
    doc.add_heading("Sources", level=1)
    for c in b.citations:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(3)
        p.add_run(f"{c.number}. ").bold = True
        p.add_run(f"“{' '.join(c.quote.split())}” ")
        _grey(p, f"{c.title}, {date_text(c.published)}, {c.source}, characters {c.start}–{c.end}.")
        for run in p.runs:
            run.font.size = Pt(8.5)


def _bibliography(doc, b: Briefing) -> None:
    doc.add_heading("Releases used", level=1)
    for s in b.sources:
        p = _bullet(doc)
        p.add_run(f"{date_text(s.published)}: ")
        p.add_run(s.title).italic = True
        p.add_run(f" ({s.source})" + ("" if s.about else ", mentions the topic"))
    _state(doc, b)


def _state(doc, b: Briefing) -> None:
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.LINE)
    _grey(p, f"Built {b.built_at} from corpus state {b.corpus_state} ({b.corpus_releases} releases). If the corpus "
             f"state differs today, releases have been added, changed or removed since.", italic=True)


def _bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
