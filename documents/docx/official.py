"""A Word document laid out as GB/T 9704-2012 lays out official documents
(党政机关公文格式), as far as python-docx and the .docx format allow:

- A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a type area
  of 156 × 225 mm;
- 22 lines of 28 characters in 三号 (16 pt) 仿宋: the section's document grid
  (`w:docGrid`, lines and characters) has a line pitch of 579 twips (28.95 pt,
  225 mm / 22) and a character pitch of 16 pt − 849/4096 pt (15.79 pt, 156 mm
  / 28), which Word and WPS show as 每行 28 字、每页 22 行; every paragraph of
  text also has an exact line spacing of 28.95 pt, so LibreOffice, which
  lays out by paragraph spacing, keeps 22 lines a page too;
- title in 二号 小标宋 (or 黑体), centred; first-level headings 三号 黑体,
  second-level 三号 楷体, body 三号 仿宋, indented two characters, justified;
- page numbers in 四号 宋体 as “— 1 —”, odd pages on the right and even pages
  on the left, one character in from the edge of the type area;
- the issuer and the date under the text, the date in Arabic numerals two
  characters right of the issuer's first character (7.3.5.2), and the
  imprint line (版记: issuer and date of printing between two rules).

Every run names its font in all four slots (ascii, hAnsi, eastAsia, cs) with
the East Asian hint, so Word and WPS use the Chinese face for Chinese and
digits alike; the styles say the same, so text the clerk adds looks the
same. Placed at the foot of the last page, as GB/T 9704 wants the imprint,
is left to the clerk: a .docx cannot pin a paragraph to the page's foot
without a frame, which WPS and LibreOffice move about.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from xml.sax.saxutils import escape

from docx import Document as new_document  # noqa: N813 (a function that makes a document, not the class)
from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tbl
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from db.safety.storage import replacing
from documents.docx.fonts import ALTERNATES, FAMILIES, Faces

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH_MM = 156
FOOTER_DISTANCE = Mm(22)  # the page number's rule 7 mm under the type area (GB/T 9704 7.5)
LINES, CHARACTERS = 22, 28
LINE_PITCH = 579  # twips: 28.95 pt, 225 mm / 22 lines
CONDENSED = -5  # twentieths of a point between 三号 characters: 15.75 pt each, 28 in 156 mm (442.25 pt)
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
SMALL_SIZE = Pt(14)  # 四号: captions, page numbers, the imprint
TABLE_SIZE = Pt(12)  # 小四
LINE = Twips(LINE_PITCH)
TABLE_LINE = Pt(18)
CELL_MARGIN = 57  # twips: 1 mm left and right in a table cell
CHINESE_CHARSET = "86"  # GB2312, in the font table


@dataclass(frozen=True)
class Column:
    header: str
    width_mm: float
    align: str = "center"  # or "left"


STYLES = {  # name: (attribute of Faces, size)
    "公文正文": ("body", BODY_SIZE),
    "公文标题": ("title", TITLE_SIZE),
    "公文一级标题": ("heading", BODY_SIZE),
    "公文二级标题": ("subheading", BODY_SIZE),
    "公文图表题": ("heading", SMALL_SIZE),
    "公文表格": ("body", TABLE_SIZE),
    "公文版记": ("body", SMALL_SIZE),
}
OUTLINE_LEVELS = {"公文一级标题": 0, "公文二级标题": 1}  # for Word's navigation pane


def set_fonts(properties: object, face: str) -> None:
    """Name `face` for every script in a run's or a style's properties (rPr),
    replacing any theme font (which would win over a name)."""
    r_pr = properties.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), face)
    fonts.set(qn("w:hint"), "eastAsia")


def condense(properties: object) -> None:
    """Characters closer by CONDENSED (w:spacing of a run or a style's rPr)."""
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSED))
    properties.get_or_add_rPr().append(spacing)  # type: ignore[attr-defined]


class OfficialDocument:
    """A document being written, paragraph by paragraph, in GB/T 9704's layout."""

    def __init__(self, faces: Faces, title: str = "", author: str = "") -> None:
        self.faces = faces
        self.document: Document = new_document()
        self.document.core_properties.title = title
        self.document.core_properties.author = author
        self.document.core_properties.comments = "督办台账"
        self.next_table = 1  # the number the next table gets (表1, 表2 …)
        self._page()
        self._defaults()
        self._styles()
        self._font_table()
        self._page_numbers()
        body = self.document.element.body
        for paragraph in body.findall(qn("w:p")):  # the template's empty first paragraph
            body.remove(paragraph)

    # -- set-up --------------------------------------------------------------

    def _page(self) -> None:
        section = self.document.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        section.left_margin, section.right_margin = LEFT, RIGHT
        section.header_distance, section.footer_distance = Mm(15), FOOTER_DISTANCE
        grid: BaseOxmlElement | etree._Element | None = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            # types-lxml lets an element take children of its own class only; lxml takes any element
            section._sectPr.append(grid)  # type: ignore[arg-type]
        grid.attrib.pop(qn("w:type"), None)  # no grid: see the module's note
        grid.set(qn("w:linePitch"), str(LINE_PITCH))

    def _defaults(self) -> None:
        """What a run or paragraph without its own says: the body face in 三号,
        Chinese, no space between paragraphs."""
        styles = self.document.styles.element
        r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = r_pr.find(qn("w:rFonts"))
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), self.faces.body)
        for tag in ("w:sz", "w:szCs"):
            r_pr.find(qn(tag)).set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
        language = r_pr.find(qn("w:lang"))
        language.set(qn("w:val"), "en-US")
        language.set(qn("w:eastAsia"), "zh-CN")
        spacing = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), str(LINE_PITCH))
        spacing.set(qn("w:lineRule"), "exact")
        normal = self.document.styles["Normal"]
        set_fonts(normal.element, self.faces.body)
        normal.font.size = BODY_SIZE

    def _styles(self) -> None:
        self._style_ids: dict[str, str] = {}
        for name, (face, size) in STYLES.items():
            style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            assert isinstance(style, ParagraphStyle)
            self._style_ids[name] = style.style_id
            style.base_style = self.document.styles["Normal"]
            style.quick_style = True
            set_fonts(style.element, getattr(self.faces, face))
            style.font.size = size
            formats = style.paragraph_format
            formats.space_before = formats.space_after = Pt(0)
            formats.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            formats.line_spacing = TABLE_LINE if name == "公文表格" else LINE
            formats.widow_control = True
            if size == BODY_SIZE:
                condense(style.element)
            if name in OUTLINE_LEVELS:
                level = OxmlElement("w:outlineLvl")
                level.set(qn("w:val"), str(OUTLINE_LEVELS[name]))
                style.element.get_or_add_pPr().append(level)
                formats.keep_with_next = True
            if name == "公文图表题":
                formats.keep_with_next = True

    def _font_table(self) -> None:
        """Declare the faces with the Chinese character set and a fallback
        name, so that a PC lacking one substitutes a Chinese face."""
        part = next(rel.target_part for rel in self.document.part.rels.values() if rel.reltype.endswith("/fontTable"))
        table = etree.fromstring(part.blob)
        known = {font.get(qn("w:name")) for font in table.findall(qn("w:font"))}
        for name in self.faces.names:
            if name in known:
                continue
            font = etree.SubElement(table, qn("w:font"))
            font.set(qn("w:name"), name)
            if name in ALTERNATES:
                etree.SubElement(font, qn("w:altName")).set(qn("w:val"), ALTERNATES[name])
            etree.SubElement(font, qn("w:charset")).set(qn("w:val"), CHINESE_CHARSET)
            etree.SubElement(font, qn("w:family")).set(qn("w:val"), FAMILIES.get(name, "auto"))
            etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "fixed" if name == self.faces.body else "variable")
        part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _page_numbers(self) -> None:
        """“— N —” in 四号 宋体: odd pages right, even pages left, one character in."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        footers = ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
        for footer, align in footers:
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = align
            formats = paragraph.paragraph_format
            formats.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                formats.right_indent = SMALL_SIZE
            else:
                formats.left_indent = SMALL_SIZE
            self._run(paragraph, "— ", self.faces.page_number, SMALL_SIZE)
            self._field(paragraph, "PAGE", "1", SMALL_SIZE)
            self._run(paragraph, " —", self.faces.page_number, SMALL_SIZE)

    # -- runs and paragraphs ---------------------------------------------------

    def _run(self, paragraph: Paragraph, text: str, face: str, size: Pt, highlight: bool = False) -> Run:
        run = paragraph.add_run(text)
        set_fonts(run._r, face)
        run.font.size = size
        if size == BODY_SIZE:
            condense(run._r)
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return run

    def _field(self, paragraph: Paragraph, code: str, shown: str, size: Pt) -> None:
        """A field (PAGE), with the value shown until the reader updates it."""
        for kind, text in (("begin", None), ("code", f" {code} "), ("separate", None), ("text", shown), ("end", None)):
            run = self._run(paragraph, "", self.faces.page_number, size)
            if kind == "code":
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = text
                # types-lxml lets an element take children of its own class only; lxml takes any element
                run._r.append(instruction)  # type: ignore[arg-type]
            elif kind == "text":
                run.text = text or ""
            else:
                character = OxmlElement("w:fldChar")
                character.set(qn("w:fldCharType"), kind)
                # types-lxml lets an element take children of its own class only; lxml takes any element
                run._r.append(character)  # type: ignore[arg-type]

    def _paragraph(self, style: str, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph()
        paragraph._p.get_or_add_pPr().style = self._style_ids[style]  # the style setter looks it up: slow
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def _face(self, style: str) -> str:
        face: str = getattr(self.faces, STYLES[style][0])
        return face

    def text(self, paragraph: Paragraph, text: str, style: str, highlight: bool = False) -> Run:
        return self._run(paragraph, text, self._face(style), STYLES[style][1], highlight)

    @staticmethod
    def indent_characters(paragraph: Paragraph, first: float = 0, left: float = 0) -> None:
        """Indents in characters (Word's firstLineChars/leftChars, in hundredths),
        with the same in twips for readers that ignore those."""
        indent = paragraph._p.get_or_add_pPr().get_or_add_ind()
        if first:
            indent.set(qn("w:firstLineChars"), str(round(first * 100)))
            indent.set(qn("w:firstLine"), str(round(first * BODY_SIZE.twips)))
        if left:
            indent.set(qn("w:leftChars"), str(round(left * 100)))
            indent.set(qn("w:left"), str(round(left * BODY_SIZE.twips)))

    def title(self, parts: Sequence[str]) -> Paragraph:
        """The title, 二号, centred, a line of the text above and below it; its
        lines broken where `title_lines` breaks them."""
        paragraph = self._paragraph("公文标题", WD_ALIGN_PARAGRAPH.CENTER)
        formats = paragraph.paragraph_format
        formats.space_before = formats.space_after = LINE
        formats.line_spacing = Pt(TITLE_SIZE.pt * 1.5)
        for index, line in enumerate(title_lines(parts)):
            run = self.text(paragraph, line, "公文标题")
            if index:
                text = run._r.find(qn("w:t"))
                assert text is not None  # the run was made with its line's text
                # types-lxml lets an element take children of its own class only; lxml takes any element
                run._r.insert(run._r.index(text), OxmlElement("w:br"))  # type: ignore[arg-type]
        return paragraph

    def addressee(self, text: str) -> Paragraph:
        """主送机关: flush left, under the title."""
        paragraph = self._paragraph("公文正文", WD_ALIGN_PARAGRAPH.JUSTIFY)
        self.text(paragraph, text, "公文正文")
        return paragraph

    def paragraph(self, text: str, highlight: bool = False) -> Paragraph:
        """A paragraph of the body, indented two characters, justified."""
        paragraph = self._paragraph("公文正文", WD_ALIGN_PARAGRAPH.JUSTIFY)
        self.indent_characters(paragraph, first=2)
        self.text(paragraph, text, "公文正文", highlight)
        return paragraph

    def heading(self, text: str, level: int = 1) -> Paragraph:
        """一、… in 黑体, （一）… in 楷体, indented two characters like the text."""
        style = "公文一级标题" if level == 1 else "公文二级标题"
        paragraph = self._paragraph(style, WD_ALIGN_PARAGRAPH.JUSTIFY)
        self.indent_characters(paragraph, first=2)
        self.text(paragraph, text, style)
        return paragraph

    def caption(self, text: str, keep_with_next: bool = False) -> Paragraph:
        paragraph = self._paragraph("公文图表题", WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.keep_with_next = keep_with_next
        self.text(paragraph, text, "公文图表题")
        return paragraph

    def picture(self, png: bytes, width_mm: float, caption: str) -> None:
        """A picture across the type area, centred, its caption under it. Its
        line is sized by the picture (single spacing): an exact spacing
        would cut it to one line."""
        paragraph = self._paragraph("公文正文", WD_ALIGN_PARAGRAPH.CENTER)
        formats = paragraph.paragraph_format
        formats.line_spacing_rule = WD_LINE_SPACING.SINGLE
        formats.keep_with_next = True
        formats.space_before = Pt(6)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
        self.caption(caption)

    def blank(self) -> Paragraph:
        return self._paragraph("公文正文")

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> Table:
        """A ruled table in 小四, its header row in 黑体 repeated on every page,
        no row split across pages, the columns as wide as given.

        Written as XML text and parsed once: python-docx takes about 2 ms a
        cell (its cells are found by walking the table), half a minute for a
        ranking of 1,000 units."""
        self.next_table += 1
        widths = [round(Mm(column.width_mm).twips) for column in columns]
        margins = "".join(f'<w:{side} w:w="{CELL_MARGIN}" w:type="dxa"/>' for side in ("left", "right"))
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        head = (
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{self.document.styles["Table Grid"].style_id}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar>{margins}</w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        )
        style = self._style_ids["公文表格"]
        size = round(TABLE_SIZE.pt * 2)

        def row(texts: Sequence[str], header: bool) -> str:
            face = self.faces.heading if header else self.faces.body
            fonts = f'w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{face}" w:hint="eastAsia"'
            cells = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style}"/>'
                f'<w:jc w:val="{"center" if header or column.align == "center" else "left"}"/></w:pPr>'
                f'<w:r><w:rPr><w:rFonts {fonts}/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
                f'<w:t xml:space="preserve">{_lines(text)}</w:t></w:r></w:p></w:tc>'
                for text, column, width in zip(texts, columns, widths, strict=True)
            )
            return f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>{cells}</w:tr>"

        body = [row([column.header for column in columns], True), *(row(texts, False) for texts in rows)]
        element = parse_xml(head + "".join(body) + "</w:tbl>")
        self.document.element.body.sectPr.addprevious(element)
        return Table(cast(CT_Tbl, element), self.document._body)  # parse_xml's parser makes a w:tbl a CT_Tbl

    def signature(self, issuer: str, day: str) -> None:
        """The issuer two characters from the right edge, the date on the next
        line two characters right of the issuer's first character; when the
        date is the longer, the date keeps two characters from the edge and
        the issuer moves left (GB/T 9704 7.3.5.2). An empty issuer leaves a
        marked place for it."""
        last = self.document.paragraphs[-1] if self.document.paragraphs else None
        if last is not None:
            last.paragraph_format.keep_with_next = True  # never the signature alone on a page
        self.blank().paragraph_format.keep_with_next = True
        shown = issuer or "【发文机关】"
        # digits as wide as a stand-in font draws them (in 仿宋 they are half a character)
        issuer_width, date_width = character_width(shown), character_width(day, latin=WIDE_DIGIT)
        issuer_left = CHARACTERS - 2 - issuer_width
        date_left = issuer_left + 2
        if date_left + date_width > CHARACTERS - 2:
            date_left = CHARACTERS - 2 - date_width
            issuer_left = date_left - 2
        for text, left, mark in ((shown, issuer_left, not issuer), (day, date_left, False)):
            paragraph = self._paragraph("公文正文", WD_ALIGN_PARAGRAPH.LEFT)
            self.indent_characters(paragraph, left=max(left, 0))
            paragraph.paragraph_format.keep_with_next = text is shown
            self.text(paragraph, text, "公文正文", highlight=mark)

    def imprint(self, issuer: str, day: str) -> None:
        """版记: “issuer　　date印发” in 四号 between a rule above and one below,
        one character in from each side."""
        self.blank()
        self.blank()
        paragraph = self._paragraph("公文版记", WD_ALIGN_PARAGRAPH.LEFT)
        properties = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        for side in ("top", "bottom"):
            rule = OxmlElement(f"w:{side}")
            rule.set(qn("w:val"), "single")
            rule.set(qn("w:sz"), "8")  # eighths of a point: 1 pt, GB/T's 0.35 mm
            rule.set(qn("w:space"), "4")
            rule.set(qn("w:color"), "000000")
            borders.append(rule)
        # types-lxml lets an element take children of its own class only; lxml takes any element
        properties.append(borders)  # type: ignore[arg-type]
        right = Mm(TEXT_WIDTH_MM) - SMALL_SIZE
        paragraph.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.paragraph_format.line_spacing = LINE
        self.text(paragraph, f"　{issuer or '【发文机关】'}\t{day}印发", "公文版记", highlight=not issuer)

    def save(self, path: Path) -> Path:
        """Write the document whole or not at all (db.safety.storage.replacing)."""
        with replacing(Path(path), "通报未写入") as partial:
            self.document.save(str(partial))
        return Path(path)


def _lines(text: str) -> str:
    """A cell's text as the inside of a w:t, a line break where it has \\n."""
    return '</w:t><w:br/><w:t xml:space="preserve">'.join(escape(line) for line in text.split("\n"))


TITLE_CHARACTERS = 20  # 二号 characters in a line of the type area (442 pt / 22 pt)
_CLOSING = set("》）」』〕】，、。；：！？”’")
_OPENING = set("《（「『〔【“‘")
# A cut after one of these ends a word more often than not (厦门市2016年|政务公开…),
# and is preferred to a better balance by up to PREFERENCE characters.
_WORD_ENDS = set("年市省县区的和与及、，》")
PREFERENCE = 3.0


def title_lines(parts: Sequence[str], room: float = TITLE_CHARACTERS) -> list[str]:
    """The lines of a title given in parts (where it may break, as
    `关于《…》`, `截至…的通报`): parts joined while they fit a line; a part
    longer than a line cut into lines of about equal length, never inside a
    number, before a closing mark or after an opening one (GB/T 9704: 回行时
    词意完整、排列对称、长短适宜)."""
    lines: list[str] = []
    current = ""
    for part in parts:
        if character_width(current + part) <= room:
            current += part
            continue
        if current:
            lines.append(current)
        pieces = _balanced(part, room)
        lines += pieces[:-1]
        current = pieces[-1]
    return [*lines, current] if current else lines


def _balanced(text: str, room: float) -> list[str]:
    count = math.ceil(character_width(text) / room)
    if count <= 1:
        return [text]
    target = character_width(text) / count
    cuts = [
        index
        for index in range(1, len(text))
        if not (text[index - 1].isascii() and text[index].isascii() and text[index].isalnum())
        and text[index] not in _CLOSING
        and text[index - 1] not in _OPENING
    ]
    pieces, start = [], 0
    for number in range(1, count):
        cut = min(
            (c for c in cuts if c > start and character_width(text[start:c]) <= room),
            key=lambda c: abs(character_width(text[:c]) - target * number) - PREFERENCE * (text[c - 1] in _WORD_ENDS),
            default=None,
        )
        if cut is None:
            break
        pieces.append(text[start:cut])
        start = cut
    return [*pieces, text[start:]]


WIDE_DIGIT = 0.8  # characters: a digit of DejaVu Sans or WenQuanYi, where LibreOffice stands in for 仿宋


def character_width(text: str, latin: float = 0.5) -> float:
    """Width in characters of the grid: a Latin letter or digit is half (半角),
    or `latin`."""
    return sum(latin if ord(char) < 0x2E80 else 1.0 for char in text)
