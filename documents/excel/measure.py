"""How many lines a cell's text wraps to, measured as the programs that open
the workbook lay it out, so that every row can be given its height
(openpyxl writes none, and wrapped text then runs over the rows below).

Column widths: a workbook's column width is counted in the widest digit of
its default font. The workbooks set that font to Arial 11 (layout.py), which
Excel and WPS on Windows measure as 8 pixels (6 points at 96 dpi) and
LibreOffice, through its metric twin Liberation Sans, as 6.1 points: the
columns are as wide in every program, where with Calibri they would be a third
wider in a LibreOffice that lacks it. The narrower, 6 points, is measured.

Characters: Chinese characters and the other wide ones (East Asian width W,
F and A: the Chinese quotation marks among them) take one em in every
Chinese font. ASCII is measured as in DejaVu Sans, the widest of the faces a
program falls back to for the Latin letters of a Chinese text (仿宋's own
are half an em wide); any other character as 0.65 em.

Lines break as Excel and LibreOffice break them: between Chinese characters
(a closing punctuation mark stays with the character before it, an opening
one with the character after it), at the spaces between Latin words, and
within a word — a web address — only when it is longer than the line.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache

DIGIT_POINTS = 6.0  # one unit of column width: the digit of Arial 11, 8 px at 96 dpi
CELL_MARGIN_POINTS = 4.0  # the space a cell keeps between its text and its borders, both sides
LEADING = 14.5 / 11  # a line's height per point of font size: 14.5 points for the 11-point body
ROW_PADDING = 4.0  # points above and below a row's lines
MAX_ROW_HEIGHT = 409.0  # points: Excel refuses taller rows
BOLD = 1.08  # bold Latin letters are wider by about this

# ASCII widths in em (DejaVu Sans, rounded up to 0.05 em).
_ASCII_EMS = {
    0.25: "'",
    0.3: " ,.IJijl",
    0.35: "-/:;\\f|",
    0.4: "!()[]rt",
    0.45: '"',
    0.5: "*_`sz",
    0.55: "?Lc",
    0.6: "FPTYaekovxy",
    0.65: "$0123456789EKSbdghnpqu{}",
    0.7: "ABCRVXZ",
    0.75: "DGHNU",
    0.8: "&OQw",
    0.85: "#+<=>M^~",
    0.95: "%m",
    1.0: "@W",
}
_EMS = {char: em for em, chars in _ASCII_EMS.items() for char in chars}
OTHER_EM = 0.65

_CLOSING = "，。、；：？！）】》」』〕〉”’…—%"
_OPENING = "（【《「『〔〈“‘"
# What cannot be broken: a run of ASCII that is not a space (a word, a number,
# an address), or one other character with the punctuation that holds on to it.
_UNIT = re.compile(rf" |[!-~]+|[{_OPENING}]*[^ !-~][{_CLOSING}]*")


@cache
def char_em(char: str) -> float:
    """The width of `char` in em."""
    em = _EMS.get(char)
    if em is not None:
        return em
    if unicodedata.east_asian_width(char) in "WFA":
        return 1.0
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    return OTHER_EM


def text_points(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is on one line, in points, at `size` points."""
    ems = sum(map(char_em, text))
    return ems * size * (BOLD if bold else 1.0)


def column_points(width: float) -> float:
    """The room a column of `width` (in units of column width) leaves for text, in points."""
    return max(width * DIGIT_POINTS - CELL_MARGIN_POINTS, DIGIT_POINTS)


def line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines `text` takes in a column of `width` units at `size`
    points; at least one. A line end in the text starts a new line."""
    room = column_points(width)
    return max(1, sum(_paragraph_lines(part, room, size, bold) for part in text.split("\n")))


def _paragraph_lines(text: str, room: float, size: float, bold: bool) -> int:
    if len(text) * size * (BOLD if bold else 1.0) <= room:  # fits even if every character were wide
        return 1
    lines, used = 1, 0.0
    for unit in _UNIT.findall(text):
        width = text_points(unit, size, bold)
        if unit == " " or used + width <= room:  # a space may hang past the line's end
            used += width
        elif width <= room:  # the whole unit goes on to the next line
            lines, used = lines + 1, width
        else:  # longer than a line: broken where the line is full
            for char in unit:
                step = text_points(char, size, bold)
                if used + step > room and used > 0:
                    lines, used = lines + 1, 0.0
                used += step
    return lines


def lines_height(lines: int, size: float) -> float:
    """The height in points of a row that holds `lines` lines at `size` points."""
    return min(lines * size * LEADING + 2 * ROW_PADDING, MAX_ROW_HEIGHT)


def fit_height(cells: list[tuple[str, float]], size: float, bold: bool = False) -> float:
    """The height in points of a row whose (text, column width) cells wrap at `size` points."""
    lines = max((line_count(text, width, size, bold) for text, width in cells if text), default=1)
    return lines_height(lines, size)


def ceil_points(height: float) -> float:
    """A height rounded up to the quarter point Excel stores."""
    return math.ceil(height * 4) / 4
