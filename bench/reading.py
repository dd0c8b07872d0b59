"""Reading times of plans as Word and PDF: `python -m bench.reading` (also part of `make bench`).

The 66-task plan is the bundled one as its Word table and that document printed
to PDF (tests/data/plans/xiamen-2016.docx / .pdf, from the plan corpus). The
1,000-task plan is bench/synthetic.py's, written here as a .docx with
python-docx (section rows merged across, unit cells merged down where the
synthetic plan carries them, a header row repeated on every page), and printed
to PDF with LibreOffice (`soffice --headless`) when it is installed, else laid
out with ReportLab (the report says which). Each file is read with
`db.plans.read_plan`, best of 3, and checked to give the plan's task count.

Targets (issue 8): 66 tasks from .docx under 0.2 s, 1,000 from .docx under
2 s, PDF under 1 s per 20 pages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.synthetic import write_text_plan
from db.plans import read_plan
from db.plans.grid import Grid
from db.plans.loaders import load_grid

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "plans"
REPEAT = 3
FONT = ROOT / "tests" / "data" / "fonts" / "wqy-microhei.ttc"


@dataclass
class ReadingTime:
    label: str
    pages: int
    tasks: int
    seconds: float
    target: float
    how: str = ""

    @property
    def ok(self) -> bool:
        return self.seconds < self.target


def timed_read(path: Path) -> tuple[int, float]:
    """(tasks read, best seconds of REPEAT runs)."""
    best = float("inf")
    tasks = 0
    for _ in range(REPEAT):
        start = time.perf_counter()
        plan = read_plan(path)
        best = min(best, time.perf_counter() - start)
        tasks = sum(1 for _ in plan.all_tasks())
    return tasks, best


def pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


# --- writing the synthetic plan as a Word table -----------------------------------


def write_docx(grid: Grid, title: str, path: Path) -> Path:
    """The grid of a plan (as read from its text) as a Word table: headings merged
    across, an empty unit cell under a filled one merged down (vMerge), the header
    row marked to repeat. The table XML is built with lxml: python-docx's
    row-by-row API takes minutes for thousands of rows."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_paragraph(title)
    width = grid.width
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    tbl = table._tbl
    widths = [Cm(7), Cm(3.5), Cm(6), Cm(8)][:width] + [Cm(3)] * max(0, width - 4)

    def cell(tr: object, text: str, span: int = 1, merge: str | None = None, column: int = 0) -> None:
        tc = OxmlElement("w:tc")
        properties = OxmlElement("w:tcPr")
        tc_width = OxmlElement("w:tcW")
        tc_width.set(qn("w:w"), str(int(sum(widths[column : column + span]) / 635)))
        tc_width.set(qn("w:type"), "dxa")
        properties.append(tc_width)
        if span > 1:
            grid_span = OxmlElement("w:gridSpan")
            grid_span.set(qn("w:val"), str(span))
            properties.append(grid_span)
        if merge is not None:
            v_merge = OxmlElement("w:vMerge")
            if merge == "restart":
                v_merge.set(qn("w:val"), "restart")
            properties.append(v_merge)
        tc.append(properties)
        for line in text.split("\n") if text else [""]:
            paragraph = OxmlElement("w:p")
            run = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = line
            run.append(t)
            paragraph.append(run)
            tc.append(paragraph)
        tr.append(tc)  # type: ignore[attr-defined]

    header_done = False
    header = [c.text for c in grid.rows[0]]
    # The text's copies of the header are left out: Word repeats the marked one.
    rows = [grid.rows[0], *(row for row in grid.rows[1:] if [c.text for c in row] != header)]
    # An empty unit cell (columns 2 and 3) under a filled or merged one is merged
    # down, never across a heading: the text's rule, as Word would show it.
    merges: list[list[str | None] | None] = []
    for index, row in enumerate(rows):
        above = merges[index - 1] if index else None
        if index == 0 or row[0].column_span > 1:
            merges.append(None)
            continue
        merges.append(
            [
                "continue"
                if column in (1, 2)
                and not item.text
                and above is not None
                and (rows[index - 1][column].text or above[column] == "continue")
                else None
                for column, item in enumerate(row)
            ]
        )
    for index, flags in enumerate(merges[:-1]):
        below = merges[index + 1]
        if flags is not None and below is not None:
            for column in range(width):
                if below[column] == "continue" and flags[column] is None:
                    flags[column] = "restart"
    for index, row in enumerate(rows):
        tr = OxmlElement("w:tr")
        if not header_done:
            tr_properties = OxmlElement("w:trPr")
            tr_properties.append(OxmlElement("w:tblHeader"))
            tr.append(tr_properties)
            header_done = True
        flags = merges[index]
        if flags is None:
            if row[0].column_span > 1:
                cell(tr, row[0].text, width)
            else:
                for column, item in enumerate(row):
                    cell(tr, item.text, column=column)
        else:
            for column, item in enumerate(row):
                cell(tr, item.text, merge=flags[column], column=column)
        tbl.append(tr)
    document.save(str(path))
    return path


def write_pdf(docx: Path, grid: Grid, title: str, out: Path) -> tuple[Path, str]:
    """The .docx printed to PDF by LibreOffice when present, else a ruled table by ReportLab."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        with tempfile.TemporaryDirectory(prefix="bench-soffice-") as profile:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out.parent),
                    str(docx),
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )
        made = out.parent / (docx.stem + ".pdf")
        made.replace(out)
        return out, "LibreOffice"
    return _reportlab_pdf(grid, title, out), "ReportLab"


def _reportlab_pdf(grid: Grid, title: str, out: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
    style = ParagraphStyle("cell", fontName="WQY", fontSize=9, leading=12, wordWrap="CJK")
    header = [Paragraph(c.text, style) for c in grid.rows[0]]
    data, spans = [header], []
    for row in grid.rows[1:]:
        if [c.text for c in row] == [c.text for c in grid.rows[0]]:
            continue
        data.append([Paragraph(c.text.replace("\n", "<br/>"), style) for c in row])
        if row[0].column_span > 1:
            spans.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
    table = Table(data, colWidths=[200, 100, 170, 240][: grid.width], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), *spans]))
    SimpleDocTemplate(str(out), pagesize=landscape(A4)).build([Paragraph(title, style), table])
    return out


def reading_times(workdir: Path) -> list[ReadingTime]:
    results = []
    for suffix in ("docx", "pdf"):
        path = CORPUS / f"xiamen-2016.{suffix}"
        tasks, seconds = timed_read(path)
        pages = pdf_pages(path) if suffix == "pdf" else 0
        target = 0.2 if suffix == "docx" else pages / 20
        results.append(ReadingTime(f"66 (bundled), .{suffix}", pages, tasks, seconds, target))
    text = write_text_plan(workdir / "plan-1000.txt", 1000, 200)
    grid = load_grid(text)
    title = grid.title_lines[0] if grid.title_lines else "合成测试计划"
    docx = write_docx(grid, title, workdir / "plan-1000.docx")
    tasks, seconds = timed_read(docx)
    results.append(ReadingTime("1,000, .docx", 0, tasks, seconds, 2.0))
    pdf, how = write_pdf(docx, grid, title, workdir / "plan-1000.pdf")
    tasks, seconds = timed_read(pdf)
    pages = pdf_pages(pdf)
    results.append(ReadingTime("1,000, .pdf", pages, tasks, seconds, pages / 20, how))
    return results


def table(results: list[ReadingTime]) -> list[str]:
    lines = [
        "| plan, format | pages | tasks read | read (`read_plan`, best of 3) | target | PDF made by |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        seconds = f"{r.seconds * 1000:.0f} ms" if r.seconds < 1 else f"{r.seconds:.2f} s"
        target = f"< {r.target * 1000:.0f} ms" if r.target < 1 else f"< {r.target:.2f} s"
        mark = "✓" if r.ok else "✗"
        lines.append(f"| {r.label} | {r.pages or '–'} | {r.tasks:,} | {seconds} | {target} {mark} | {r.how or '–'} |")
    return lines


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="duban-bench-reading-") as workdir:
        results = reading_times(Path(workdir))
    print("\n".join(["### Reading plans", "", *table(results)]))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
