"""Write a plan as the Word document an office publishes: title paragraphs above
ruled tables with real merges (gridSpan across, vMerge down), header rows marked
to repeat, fixed document date."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tests.plan_corpus.layout import Table, tables
from tests.plan_corpus.model import H, Header, Plan, T
from tests.plan_corpus.zipfix import fix_zip_dates

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"


def _font(paragraph: Paragraph, east_asia: str, size: float, bold: bool = False) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = "Times New Roman"
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)


def _above(document: Document, plan: Plan) -> None:
    title_done = False
    for line in plan.above:
        paragraph = document.add_paragraph(line)
        if line.startswith("附件"):
            _font(paragraph, HEADING_FONT, 16)
        elif not title_done:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(12)
            paragraph.paragraph_format.space_after = Pt(12)
            _font(paragraph, TITLE_FONT, 18, bold=True)
            title_done = True
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph, BODY_FONT, 14)


def _write_text(cell: _Cell, text: str, size: float, *, bold: bool, center: bool) -> None:
    lines = text.split("\n")
    paragraphs = [cell.paragraphs[0]] + [cell.add_paragraph() for _ in lines[1:]]
    for paragraph, line in zip(paragraphs, lines, strict=True):
        if line:
            paragraph.add_run(line)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph, HEADING_FONT if bold else BODY_FONT, size, bold=bold)


def _mark_row(tr: object, tag: str) -> None:
    properties = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    properties.append(OxmlElement(tag))


def _page_break_before(cell: _Cell) -> None:
    properties = cell.paragraphs[0]._p.get_or_add_pPr()
    properties.insert(0, OxmlElement("w:pageBreakBefore"))


def _table(document: Document, plan: Plan, layout: Table) -> None:
    table = document.add_table(rows=len(layout.rows), cols=plan.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, plan.widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, plan.widths, strict=False):
            cell.width = Cm(width)
    for box in layout.boxes:
        source = layout.rows[box.row]
        header = isinstance(source, Header)
        heading = isinstance(source, H)
        cell = table.cell(box.row, box.column)
        _write_text(
            cell,
            box.text,
            plan.font_size,
            bold=header or heading,
            center=header or (isinstance(source, T) and box.column in plan.numeric_columns),
        )
        if box.rows > 1 or box.columns > 1:
            cell = cell.merge(table.cell(box.row + box.rows - 1, box.column + box.columns - 1))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for r, source in enumerate(layout.rows):
        if isinstance(source, Header) and source.repeat:
            _mark_row(table.rows[r]._tr, "w:tblHeader")
        if getattr(source, "page_break", False):
            _page_break_before(table.cell(r, 0))


def write_docx(plan: Plan, path: Path) -> Path:
    document = Document()
    section = document.sections[0]
    if plan.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(2.2)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(plan.font_size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _above(document, plan)
    for index, layout in enumerate(tables(plan)):
        if index:
            document.add_paragraph()
        _table(document, plan, layout)
    for line in plan.below:
        _font(document.add_paragraph(line), BODY_FONT, 12)
    props = document.core_properties
    props.title = props.comments = ""
    props.author = props.last_modified_by = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = plan.date
    document.save(str(path))
    fix_zip_dates(path)
    return path
