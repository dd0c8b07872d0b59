"""The page furniture of the reports and the small layout engine they share.

Platypus (Table of Paragraph cells) takes about 12 s for 5,000 rows: every
cell is a Paragraph that is split, wrapped and measured again and again. The
reports need much less: text wrapped to a column width, rows that go to the
next page when they do not fit, the header row repeated there. So `Document`
wraps the text itself with the fonts' width tables, keeps a cursor running
down the page, and buffers each page's drawing (shading, then all text in one
text object, then the grid lines in one path) for the canvas.

Every report is A4 landscape with `第 X 页 共 Y 页` at the foot of each page:
the canvas keeps the pages until it is saved, when their number is known.
Pages can be numbered in groups (one group per supervision notice).
The file is written under a temporary name beside the target and moved into
place when complete, so a failure or a cancel never leaves half a PDF.

A character the body or heading font lacks (𠀀, 😀) is measured and drawn in
the fallback font that has it (fonts.Fallbacks): a line is cut into runs of
one font only when it holds such a character, so text without any costs
nothing more. A character no font has is left blank, one em wide, and listed
with where it stands (ReportInfo.blanks), so that the command line and the
window can name it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from db.cancel import CancelToken
from db.safety.storage import replacing
from documents.pdf.fonts import Fallbacks, FontChoice, choose_fonts, describe

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 15 * mm  # left and right
TOP_MARGIN = 12 * mm
BOTTOM_MARGIN = 15 * mm  # the footer sits in it
FOOTER_Y = 8 * mm
CELL_PAD_X = 3.0
CELL_PAD_Y = 2.5
GRID = 0.5  # line width of the table grid
HEADER_SHADE = 0.86  # gray level of the header row
# Heading rows by level (一、 / （一） / 1.): their gray, and whether they are
# set in the heading face (level 3 is set in the body face, on the palest gray).
SPAN_SHADES = {1: 0.88, 2: 0.94, 3: 0.975}
SPAN_HEADING_FACE = {1: True, 2: True, 3: False}
CREATOR = "督办台账"
BLANK = "＿＿＿＿＿＿＿＿"  # a line to write on

# Page streams are compressed; ReportLab would also ASCII85-encode them (a
# third larger, and a second of pure Python for 5,000 rows). These reports
# are ReportLab's only use in the program.
rl_config.useA85 = 0

Progress = Callable[[int, int], None]
# Drawing of a report's own on a page, with the canvas (colour, dashes, a
# rotated mark: what the layout itself does not draw); see Document.paint.
Paint = Callable[[Canvas], None]


@dataclass(frozen=True)
class ReportInfo:
    pages: int
    fonts: FontChoice
    fallback_fonts: tuple[str, ...] = ()  # that printed what body and heading lack: family（file）
    blanks: Mapping[str, Sequence[str]] = field(default_factory=dict)  # no font has them: char -> where

    @property
    def note(self) -> str:
        """The fonts embedded, for the user."""
        if not self.fallback_fonts:
            return self.fonts.note
        return f"{self.fonts.note}；补充字体 {'、'.join(self.fallback_fonts)}"

    @property
    def warning(self) -> str:
        """The characters printed as blanks and where they are; empty when none."""
        return blank_warning(self.blanks)


SHOWN_CHARACTERS = 20
SHOWN_PLACES = 3


def blank_warning(blanks: Mapping[str, Sequence[str]]) -> str:
    if not blanks:
        return ""
    parts = []
    for char, places in list(blanks.items())[:SHOWN_CHARACTERS]:
        where = "、".join(places[:SHOWN_PLACES]) + (f"等 {len(places)} 处" if len(places) > SHOWN_PLACES else "")
        parts.append(f"{char}（U+{ord(char):04X}，{where}）")
    more = f"等 {len(blanks)} 个字符" if len(blanks) > SHOWN_CHARACTERS else ""
    return (
        f"以下字符没有可用字体，打印为空白：{'；'.join(parts)}{more}。"
        "把含有这些字符的 TrueType 字体（.ttf）放入程序的 resources/fonts 文件夹后重新生成即可打印。"
    )


@dataclass(frozen=True)
class Style:
    size: float
    leading: float
    heading: bool = False  # drawn in the heading face
    colour: str | None = None  # "#rrggbb"; None: black


BODY = Style(9.5, 13.5)
SMALL = Style(9, 12.5)  # the figure tables
TEXT = Style(11, 16.5)
SECTION = Style(13, 20, heading=True)
TITLE = Style(18, 26, heading=True)
SUBTITLE = Style(13, 20, heading=True)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# -- measuring and wrapping text ---------------------------------------------


class Widths(dict[str, float]):
    """Widths of characters at size 1 in one font, looked up once each.

    A character the font lacks is measured in the fallback font that has it,
    and `foreign` names that font; one that no font has is a blank one em
    wide, drawn in no font (None) and kept in `blank`. Format and control
    characters (a zero-width joiner, a variation selector after an emoji) the
    font lacks take no room and are not drawn."""

    def __init__(self, font: str, fallbacks: Fallbacks | None = None) -> None:
        super().__init__()
        self.font = font
        self.fallbacks = fallbacks
        self.foreign: dict[str, str | None] = {}
        self.blank: set[str] = set()
        face = getattr(pdfmetrics.getFont(font), "face", None)
        self._glyphs: dict[int, int] | None = getattr(face, "charToGlyph", None)  # None: a CID font

    def _has(self, char: str) -> bool:
        if self._glyphs is None:
            return ord(char) <= 0xFFFF  # the built-in CID fonts cover the BMP's Chinese
        return bool(self._glyphs.get(ord(char)))  # glyph 0 is .notdef: nothing

    def __missing__(self, char: str) -> float:
        if self._has(char):
            width = pdfmetrics.stringWidth(char, self.font, 1.0)
        elif _ignorable(char):
            width, self.foreign[char] = 0.0, None
        elif self.fallbacks is not None and (other := self.fallbacks.font_for(char)) is not None:
            width, self.foreign[char] = pdfmetrics.stringWidth(char, other, 1.0), other
        else:
            width, self.foreign[char] = 1.0, None
            self.blank.add(char)
        self[char] = width
        return width

    def measure(self, text: str, size: float) -> float:
        return sum(map(self.__getitem__, text)) * size

    def runs(self, line: str) -> Iterator[tuple[str | None, str]]:
        """The line cut where its font changes: (font, text); None: not drawn."""
        self.measure(line, 1.0)  # every character looked up
        foreign, font = self.foreign, self.font
        for run_font, chars in groupby(line, lambda char: foreign.get(char, font)):
            yield run_font, "".join(chars)


def _ignorable(char: str) -> bool:
    if unicodedata.category(char) in ("Cc", "Cf"):
        return True
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"  # variation selectors


def _excerpt(text: str, char: str) -> str:
    """Where a character stands, for the user: the text around it."""
    index = text.index(char)
    start, end = max(0, index - 8), min(len(text), index + 9)
    around = text[start:end].replace("\n", " ")
    return f"“{'…' if start else ''}{around}{'…' if end < len(text) else ''}”"


# Closing punctuation never starts a line (the word before it goes down with
# it); opening punctuation never ends one (it goes down with the next word).
_CLOSING = frozenset("，。、；：？！）】》」』〕”’…,.;:?!)]}%")
_OPENING = frozenset("（【《「『〔“‘([{")
# A run of printable ASCII (a URL, a number, a word) stays on one line when it
# fits; ASCII spaces separate; any other character stands alone.
_TOKEN = re.compile(r"[!-~]+| +|.")


def wrap(text: str, width: float, widths: Widths, size: float) -> list[str]:
    """The lines of `text` at `size` within `width` points; "\\n" breaks a line.
    An empty text is one empty line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.rstrip()
        if widths.measure(paragraph, size) <= width:
            lines.append(paragraph)
        else:
            lines.extend(_wrap_paragraph(paragraph, width, widths, size))
    return lines


def _tokens(paragraph: str, width: float, widths: Widths, size: float) -> Iterator[str]:
    for token in _TOKEN.findall(paragraph):
        if len(token) > 1 and widths.measure(token, size) > width:
            yield from token  # a word wider than the column breaks anywhere
        else:
            yield token


def _wrap_paragraph(paragraph: str, width: float, widths: Widths, size: float) -> list[str]:
    lines: list[str] = []
    line: list[str] = []  # the tokens of the line being filled
    used = 0.0
    for token in _tokens(paragraph, width, widths, size):
        token_width = widths.measure(token, size)
        if not line or used + token_width <= width:
            if line or not token.startswith(" "):  # no spaces at a line start
                line.append(token)
                used += token_width
            continue
        carry: list[str] = []  # what goes down with the token: the next line may not start with
        # closing punctuation (）； after a full line carry the word before them too), this one not end on opening
        while len(line) > 1 and ((carry[0] if carry else token) in _CLOSING or line[-1] in _OPENING):
            carry.insert(0, line.pop())
        lines.append("".join(line).rstrip())
        line = carry + ([] if token.startswith(" ") else [token])
        used = widths.measure("".join(line), size)
    lines.append("".join(line).rstrip())
    return _without_widow(lines)


def _without_widow(lines: list[str]) -> list[str]:
    """A paragraph does not end on a line of one character: the character
    before it goes down too (when neither is part of a word)."""
    if len(lines) < 2 or len(lines[-1]) != 1 or len(lines[-2]) < 3:
        return lines
    moved, rest = lines[-2][-1], lines[-2][:-1]
    if "!" <= moved <= "~" or moved in _CLOSING or rest[-1] in _OPENING:
        return lines
    return [*lines[:-2], rest, moved + lines[-1]]


# -- the canvas: footers once the page count is known -------------------------


class _PagedCanvas(Canvas):
    """A canvas that keeps its pages until `save`, then writes `第 X 页 共 Y
    页` at the foot of each, X and Y counted within the page's group."""

    def __init__(self, filename: str, footer_font: str) -> None:
        # The initial font is ours too: ReportLab would otherwise list Helvetica,
        # never used and never embedded, among every page's fonts.
        super().__init__(filename, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, initialFontName=footer_font)  # type: ignore[arg-type]  # a font name; the stubs say a size
        self._footer_font = footer_font
        self._kept: list[dict[str, Any]] = []
        self._groups: list[int] = [0]  # index of the first page of each group

    def start_group(self) -> None:
        """The next page starts a new numbering (called on a fresh page)."""
        if len(self._kept) > self._groups[-1]:
            self._groups.append(len(self._kept))

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._kept.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # ReportLab's own showPage ends so, the stubs omit it

    @property
    def page_count(self) -> int:
        return len(self._kept)

    def save(self) -> None:
        bounds = [*self._groups, len(self._kept)]
        for start, end in pairwise(bounds):
            for index in range(start, end):
                self.__dict__.update(self._kept[index])
                self._footer(index - start + 1, end - start)
                Canvas.showPage(self)
        Canvas.save(self)

    def _footer(self, number: int, total: int) -> None:
        self.setFont(self._footer_font, 9)
        self.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, f"第 {number} 页 共 {total} 页")


# -- tables -------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    title: str
    weight: float  # share of the table's width
    align: str = "left"  # or "center"


@dataclass(frozen=True)
class Span:
    """A row across the whole table: a heading of level 1, 2 or 3."""

    text: str
    level: int = 1


Row = Sequence[str] | Span


def numbered(row: Sequence[str]) -> str:
    """A table row named by the task number in its first column: 第12项."""
    return f"第{row[0]}项"


@dataclass
class _Laid:
    """A row wrapped to its columns: the lines of each cell."""

    cells: list[list[str]]
    span: int | None  # the heading level of a Span row
    counted: bool  # a data row: it advances the progress
    depth: int = field(init=False)  # lines of the tallest cell

    def __post_init__(self) -> None:
        self.depth = max(map(len, self.cells))

    def height(self, style: Style) -> float:
        return self.depth * style.leading + 2 * CELL_PAD_Y

    def split(self, lines: int) -> tuple[_Laid, _Laid]:
        """The first `lines` lines of every cell, and the rest."""
        head = _Laid([cell[:lines] for cell in self.cells], self.span, False)
        rest = _Laid([cell[lines:] or [""] for cell in self.cells], self.span, self.counted)
        return head, rest


@dataclass
class _Page:
    """What is drawn on the current page, in the order the PDF wants it:
    shading under the text, the grid over it."""

    fills: list[str] = field(default_factory=list)  # PDF operators
    # lines from (x, y) down, and the space added between their characters
    texts: list[tuple[Style, str, float, float, Sequence[str], float]] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # PDF path operators
    over: list[Paint] = field(default_factory=list)  # drawn after everything else
    mark: Paint | None = None  # drawn first, on every page while it is set (Document.mark_pages)

    def empty(self) -> bool:
        return not (self.fills or self.texts or self.rules or self.over)  # a mark alone is no page


class Document:
    """A report being laid out: a cursor running down the pages of a canvas."""

    def __init__(
        self, canvas: _PagedCanvas, fonts: FontChoice, progress: Progress | None, cancel: CancelToken | None
    ) -> None:
        self._canvas = canvas
        self.fonts = fonts
        self._widths = {name: Widths(name, fonts.fallbacks) for name in {fonts.body, fonts.heading}}
        self.blanks: dict[str, dict[str, None]] = {}  # characters no font has -> where they are (in order)
        self._progress = progress
        self._cancel = cancel
        self.rows_total = 0  # data rows the report will lay out, for the progress
        self._rows_done = 0
        self.left = MARGIN
        self.width = PAGE_WIDTH - 2 * MARGIN
        self.top = PAGE_HEIGHT - TOP_MARGIN
        self.bottom = BOTTOM_MARGIN
        self.y = self.top
        self._mark: Paint | None = None
        self._page = _Page()

    # pages

    def new_page(self, group: bool = False) -> None:
        """Start the next page (`group`: and a new page numbering)."""
        if not self._page.empty():
            self._flush()
            self._canvas.showPage()
        if group:
            self._canvas.start_group()
        self.y = self.top

    def finish(self) -> int:
        """Close the last page; the number of pages."""
        if not self._page.empty():
            self._flush()
            self._canvas.showPage()
        return self._canvas.page_count

    def room(self) -> float:
        return self.y - self.bottom

    def space(self, height: float) -> None:
        self.y -= min(height, self.room())

    def keep(self, height: float) -> None:
        """Go to the next page unless `height` fits on this one."""
        if height > self.room() and self.y < self.top:
            self.new_page()

    def _flush(self) -> None:
        """Put the page's drawing on the canvas. Shading and grid lines are
        written as PDF operators directly: ReportLab's rect() and lines()
        format every number through a slow general routine."""
        canvas, page = self._canvas, self._page
        _paint(canvas, [page.mark] if page.mark is not None else [])
        if page.fills:
            canvas.addLiteral("\n".join(page.fills) + "\n0 g")
        text = canvas.beginText()
        current: tuple[str, Style] | None = None
        spacing = 0.0
        ink: str | None = None
        for style, font, x, y, lines, line_spacing in page.texts:
            if spacing != line_spacing:
                text.setCharSpace(line_spacing)
                spacing = line_spacing
            if ink != style.colour:
                text.setFillColor(HexColor(style.colour or "#000000"))
                ink = style.colour
            widths = self._widths[font]
            if widths.foreign and not all(widths.foreign.keys().isdisjoint(line) for line in lines):
                _draw_runs(text, widths, style, x, y, lines, line_spacing)
                current = None
                continue
            if current != (font, style):
                text.setFont(font, style.size, style.leading)
                current = (font, style)
            text.setTextOrigin(x, y)
            for line in lines:
                text.textLine(line)  # moves down by the leading; textOut would measure the line again
        if ink is not None:
            text.setFillColor(HexColor("#000000"))
        canvas.drawText(text)
        if page.rules:
            canvas.addLiteral(f"{GRID} w n\n" + "\n".join(page.rules) + "\nS")
        _paint(canvas, page.over)
        self._page = _Page(mark=self._mark)

    # text

    def font(self, style: Style) -> str:
        return self.fonts.heading if style.heading else self.fonts.body

    def widths(self, style: Style) -> Widths:
        return self._widths[self.font(style)]

    def measure(self, text: str, style: Style) -> float:
        return self._widths[self.font(style)].measure(text, style.size)

    def wrap(self, text: str, style: Style, width: float) -> list[str]:
        """The lines of `text`; a character in it that no font has is noted."""
        widths = self._widths[self.font(style)]
        lines = wrap(text, width, widths, style.size)
        if widths.blank:
            self.note_blanks(text, widths)
        return lines

    def note_blanks(self, text: str, widths: Widths, place: str | None = None) -> None:
        """Note the characters of a measured `text` that no font has as
        standing at `place` (by default, the text around them)."""
        blank = widths.blank
        if blank.isdisjoint(text):
            return
        chars = [char for char in dict.fromkeys(text) if char in blank]
        where = place or _excerpt(text, chars[0])
        for char in chars:
            self.blanks.setdefault(char, {})[where] = None

    def fallback_fonts(self) -> tuple[str, ...]:
        """The fallback fonts this report drew with, for the user."""
        names = {font for widths in self._widths.values() for font in widths.foreign.values() if font is not None}
        files = self.fonts.fallbacks.files
        return tuple(sorted(describe(name, files[name]) for name in names))

    def lines(self, lines: Sequence[str], style: Style, x: float, top: float, spacing: float = 0.0) -> None:
        """Lines one under the other from `x`, the first line box starting at
        `top`; the baseline sits so that the glyphs are centred in the box."""
        self._page.texts.append((style, self.font(style), x, _baseline(style, top), lines, spacing))

    def line(self, text: str, style: Style, x: float, top: float) -> None:
        self.lines((text,), style, x, top)

    def paragraph(self, text: str, style: Style, align: str = "left", after: float = 0.0) -> None:
        """Wrapped text across the page; lines go on to the next page as needed.
        `align` "justify" spreads every line but the last of each paragraph
        over the full width, as official documents are set."""
        for piece in text.split("\n"):
            lines = self.wrap(piece, style, self.width)
            for index, line in enumerate(lines):
                self.keep(style.leading)
                spacing = 0.0
                if align == "justify" and index < len(lines) - 1 and len(line) > 1:
                    spacing = (self.width - self.measure(line, style)) / (len(line) - 1)
                x = self.x_for(line, style, self.left, self.width, align)
                self.lines((line,), style, x, self.y, spacing)
                self.y -= style.leading
        self.space(after)

    def heading(self, text: str, style: Style, after: float = 0.0, keep: float = 0.0) -> None:
        """A heading across the page that never stands alone at a page's
        foot: it goes to the next page unless `keep` points of what follows
        it fit under it too."""
        lines = self.wrap(text, style, self.width)
        self.keep(len(lines) * style.leading + after + keep)
        self.paragraph(text, style, after=after)

    def in_columns(
        self, items: Sequence[str], style: Style, columns: int, indent: float = 0.0, after: float = 0.0
    ) -> None:
        """Short items side by side, `columns` to a line, read left to right,
        each wrapped within its column (市编办：第1、2、3项 for every unit)."""
        width = (self.width - indent) / columns
        for start in range(0, len(items), columns):
            cells = [self.wrap(item, style, width - style.size) for item in items[start : start + columns]]
            depth = max(map(len, cells))
            self.keep(depth * style.leading)
            for index, lines in enumerate(cells):
                self.lines(lines, style, self.left + indent + index * width, self.y)
            self.y -= depth * style.leading
        self.space(after)

    def x_for(self, line: str, style: Style, left: float, width: float, align: str) -> float:
        """Where a line starts: centred for "center", else at `left`."""
        if align == "center":
            return left + (width - self.measure(line, style)) / 2
        return left

    def sign_line(self, items: Sequence[str], style: Style = TEXT, before: float = 0.0) -> None:
        """One line of fields spread across the page, the space between them
        equal: 制表单位：…  制表人：…  审核人：…  制表日期：…"""
        self.keep(before + style.leading)
        self.space(before)
        widths = [self.measure(item, style) for item in items]
        for item in items:
            self.note_blanks(item, self.widths(style))
        gap = (self.width - sum(widths)) / max(len(items) - 1, 1)
        x = self.left
        for item, width in zip(items, widths, strict=True):
            self.line(item, style, x, self.y)
            x += width + gap
        self.y -= style.leading

    # progress

    def advance(self) -> None:
        """One data row laid out: report progress, stop if cancelled (db.cancel.Cancelled)."""
        if self._cancel is not None:
            self._cancel.check()
        self._rows_done += 1
        done, total = self._rows_done, max(self.rows_total, self._rows_done)
        if self._progress is not None and (done % 25 == 0 or done == total):
            self._progress(done, total)

    # tables

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Row],
        style: Style = BODY,
        counted: bool = False,
        label: Callable[[Sequence[str]], str] | None = None,
        tail: float = 0.0,
    ) -> None:
        """A table across the page, its header row repeated on every page.

        A row that does not fit goes to the next page; one taller than a
        page is split between lines. A heading row (Span) stays with the row
        after it. `counted`: every data row advances the progress. `label`
        names a data row for the user (第12项), should a character of it have
        no font. `tail`: the height of what must follow the last row on its
        page (the signature lines: never a page of them alone).
        """
        total = sum(column.weight for column in columns)
        widths = [self.width * column.weight / total for column in columns]
        table = _Table(self, columns, widths, style, label)
        blocks = _blocks(table.lay(row, counted) for row in rows)
        block = next(blocks, None)
        while block is not None:
            following = next(blocks, None)
            table.place_block(block, 0.0 if following is not None else tail)
            block = following

    def fitted(self, columns: Sequence[Column], index: int, texts: Iterable[str], style: Style = BODY) -> list[Column]:
        """`columns` with column `index` widened, at the expense of the widest
        column, so that each of `texts` fits on one line (the 序号 column for
        labels such as 一·二·3 where numbering restarts)."""
        total = sum(column.weight for column in columns)
        need = max((self.measure(text, style) for text in texts), default=0.0) + 2 * CELL_PAD_X + 1
        weight = need * total / self.width
        if weight <= columns[index].weight:
            return list(columns)
        widest = max(range(len(columns)), key=lambda i: columns[i].weight if i != index else -1)
        grown = weight - columns[index].weight
        result = list(columns)
        result[index] = replace(columns[index], weight=weight)
        result[widest] = replace(columns[widest], weight=columns[widest].weight - grown)
        return result

    def drawings(self, drawings: Sequence[Drawing], before: float = 0.0, gap: float = 12.0) -> None:
        """ReportLab graphics drawings (charts) side by side, `gap` apart, the
        row centred across the page and its drawings aligned at the top; drawn
        as vectors, whole, here or at the top of the next page (a chart's
        title is inside it, so it never stands apart from it). A drawing
        taller than a page is the caller's to scale (documents.charts.month.fitted)."""
        if not drawings:
            return
        height = max(drawing.height for drawing in drawings)
        self.keep(before + height)
        if self.y < self.top:
            self.space(before)
        x = self.left + (self.width - sum(d.width for d in drawings) - gap * (len(drawings) - 1)) / 2
        for drawing in drawings:
            self.paint(partial(_draw, drawing, x, self.y - drawing.height))
            x += drawing.width + gap
        self.y -= height

    def paint(self, paint: Paint) -> None:
        """Draw on this page with the canvas itself, in its own saved graphics
        state, after the text and the grid."""
        self._page.over.append(paint)

    def mark_pages(self, paint: Paint | None) -> None:
        """Draw `paint` under everything on this page and every page after it
        (a 草稿 mark), until it is set to None."""
        self._mark = self._page.mark = paint

    def fill(self, x: float, y: float, width: float, height: float, gray: float) -> None:
        self._page.fills.append(f"{gray:.3f} g {x:.2f} {y:.2f} {width:.2f} {height:.2f} re f")

    def rule(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self._page.rules.append(f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l")


def _baseline(style: Style, top: float) -> float:
    """The baseline of a line whose box starts at `top`: its glyphs centred in the box."""
    return top - (style.leading - style.size) / 2 - style.size * 0.86


def _paint(canvas: Canvas, paints: Sequence[Paint]) -> None:
    for paint in paints:
        canvas.saveState()
        paint(canvas)
        canvas.restoreState()


def _draw_runs(
    text: PDFTextObject, widths: Widths, style: Style, x: float, y: float, lines: Sequence[str], spacing: float
) -> None:
    """Lines that hold characters of fallback fonts, run by run, each run
    placed where the layout measured it."""
    for index, line in enumerate(lines):
        cursor, baseline = x, y - index * style.leading
        for font, run in widths.runs(line):
            if font is not None:
                text.setFont(font, style.size, style.leading)
                text.setTextOrigin(cursor, baseline)
                text.textOut(run)
            cursor += widths.measure(run, style.size) + spacing * len(run)


def _blocks(rows: Iterable[_Laid]) -> Iterator[list[_Laid]]:
    """Heading rows together with the data row after them."""
    pending: list[_Laid] = []
    for row in rows:
        pending.append(row)
        if row.span is None:
            yield pending
            pending = []
    if pending:
        yield pending


class _Table:
    """One table of a Document: wraps its rows and draws them."""

    def __init__(
        self,
        document: Document,
        columns: Sequence[Column],
        widths: list[float],
        style: Style,
        label: Callable[[Sequence[str]], str] | None,
    ) -> None:
        self.doc = document
        self.columns = columns
        self.style = style
        self.label = label
        self.heading_style = Style(style.size, style.leading, heading=True)
        self.edges = [document.left]
        for width in widths:
            self.edges.append(self.edges[-1] + width)
        self.inner = [width - 2 * CELL_PAD_X for width in widths]
        self.header = _Laid(
            [document.wrap(c.title, self.heading_style, w) for c, w in zip(columns, self.inner, strict=True)],
            None,
            False,
        )
        self.header_height = self.header.height(self.heading_style)
        self.header_on_page = False

    def lay(self, row: Row, counted: bool) -> _Laid:
        if isinstance(row, Span):
            width = self.edges[-1] - self.edges[0] - 2 * CELL_PAD_X
            return _Laid([self.doc.wrap(row.text, self._span_style(row.level), width)], row.level, False)
        widths, size = self.doc.widths(self.style), self.style.size
        cells = [wrap(text, width, widths, size) for text, width in zip(row, self.inner, strict=True)]
        if widths.blank:
            name = self.label(row) if self.label is not None else None
            for text, column in zip(row, self.columns, strict=True):
                self.doc.note_blanks(text, widths, name and f"{name}的{column.title}")
        return _Laid(cells, None, counted)

    def _span_style(self, level: int) -> Style:
        return self.heading_style if SPAN_HEADING_FACE.get(level, True) else self.style

    def _style(self, row: _Laid) -> Style:
        return self.style if row.span is None else self._span_style(row.span)

    def _height(self, row: _Laid) -> float:
        return row.height(self._style(row))

    def _fresh(self) -> bool:
        """Nothing but the header on this page yet."""
        return self.doc.y >= self.doc.top - self.header_height - 0.01

    def place_block(self, block: list[_Laid], tail: float = 0.0) -> None:
        """Headings start on the same page as their first data row: all of
        it, as a row that fits on a page is never split (_place), or its
        first two lines when it is taller. With a `tail`, the whole block and
        the tail fit on the page, or the block goes to the next one."""
        self._ensure_header()
        *headings, last = block
        need = sum(map(self._height, headings))
        page_room = self.doc.top - self.header_height - self.doc.bottom
        if tail or self._height(last) <= page_room:
            need += self._height(last) + tail
        else:
            need += 2 * self._style(last).leading + 2 * CELL_PAD_Y
        if need > self.doc.room() and not self._fresh():
            self._next_page()
        for row in block:
            self._place(row)

    def _ensure_header(self) -> None:
        if not self.header_on_page:
            self.doc.keep(self.header_height + 2 * self.style.leading + 2 * CELL_PAD_Y)
            self._draw(self.header, self.heading_style, HEADER_SHADE)
            self.header_on_page = True

    def _next_page(self) -> None:
        self.doc.new_page()
        self.header_on_page = False
        self._ensure_header()

    def _place(self, row: _Laid) -> None:
        """Draw a row here, or on the next page, or split it between lines
        when it is taller than a page."""
        style = self._style(row)
        page_room = self.doc.top - self.header_height - self.doc.bottom
        while row.height(style) > self.doc.room():
            lines = int((self.doc.room() - 2 * CELL_PAD_Y) // style.leading)
            if not self._fresh() and (row.height(style) <= page_room or lines < 2):
                self._next_page()  # it fits there, or only a sliver of it fits here
                continue
            head, row = row.split(max(lines, 1))
            self._draw(head, style, SPAN_SHADES.get(head.span or 0))
            self._next_page()
        self._draw(row, style, SPAN_SHADES.get(row.span or 0))
        if row.counted:
            self.doc.advance()

    def _draw(self, row: _Laid, style: Style, shade: float | None) -> None:
        doc = self.doc
        height = row.height(style)
        top, bottom = doc.y, doc.y - height
        left, right = self.edges[0], self.edges[-1]
        if shade is not None:
            doc.fill(left, bottom, right - left, height, shade)
        if row.span is not None:
            cells = [(left, right, "left")]
        else:
            aligns = ["center"] * len(self.columns) if row is self.header else [c.align for c in self.columns]
            cells = list(zip(self.edges, self.edges[1:], aligns, strict=False))
        for (cell_left, cell_right, align), lines in zip(cells, row.cells, strict=True):
            line_top = top - (height - len(lines) * style.leading) / 2  # centred vertically
            if align == "left":
                doc.lines(lines, style, cell_left + CELL_PAD_X, line_top)
                continue
            inner = cell_right - cell_left - 2 * CELL_PAD_X
            for line in lines:
                doc.line(line, style, doc.x_for(line, style, cell_left + CELL_PAD_X, inner, align), line_top)
                line_top -= style.leading
        if row is self.header:
            doc.rule(left, top, right, top)
        doc.rule(left, bottom, right, bottom)
        for x in (left, right) if row.span is not None else self.edges:
            doc.rule(x, top, x, bottom)
        doc.y = bottom


# -- writing the file ----------------------------------------------------------


def write_pdf(
    path: Path,
    build: Callable[[Document], None],
    *,
    title: str,
    author: str,
    fonts: FontChoice | None,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> ReportInfo:
    """Lay a report out with `build` and write it to `path`, through a
    temporary file beside it (db.safety.storage.replacing): on an error or a cancel
    nothing is left behind (and a file already at `path` is untouched); a
    full disk gives DiskFullError."""
    fonts = fonts or choose_fonts()
    with replacing(Path(path), "报表未写入") as partial:
        canvas = _PagedCanvas(str(partial), fonts.body)
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setCreator(CREATOR)
        document = Document(canvas, fonts, progress, cancel)
        build(document)
        pages = document.finish()
        canvas.save()
    return ReportInfo(
        pages, fonts, document.fallback_fonts(), {char: tuple(at) for char, at in document.blanks.items()}
    )


def _draw(drawing: Drawing, x: float, y: float, canvas: Canvas) -> None:
    """A drawing put on the canvas as vectors at (x, y), its lower left corner."""
    renderPDF.draw(drawing, canvas, x, y)
