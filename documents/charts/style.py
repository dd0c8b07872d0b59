"""What the charts share: their colours, type sizes, and text fitted to a width.

The colours differ in lightness as well as hue, and each series of the trend
also has its own dash and marker, so that a chart still reads when the
bulletin is printed in black and white.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from documents.pdf.fonts import FontChoice, choose_fonts

COMPLETION = HexColor("#1f4e79")  # dark blue: completion
REPORTING = HexColor("#70ad47")  # green: reports received
ON_TIME = HexColor("#c55a11")  # dark orange: on-time reporting
TRACK = HexColor("#e9ecef")  # behind a bar: the whole (100 %)
GRID = HexColor("#c8c8c8")
INK = HexColor("#262626")
MUTED = HexColor("#595959")

TITLE_SIZE = 11.0
LABEL_SIZE = 8.5
VALUE_SIZE = 7.5
PAD = 6.0  # around the drawing's content
ELLIPSIS = "…"


@dataclass(frozen=True)
class Faces:
    """The registered fonts a chart draws with (documents.pdf.fonts)."""

    body: str
    heading: str

    @classmethod
    def of(cls, fonts: FontChoice | None) -> Faces:
        fonts = fonts or choose_fonts()
        return cls(fonts.body, fonts.heading)


def width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def fit(text: str, font: str, size: float, room: float) -> str:
    """`text`, cut and ended with … where it is wider than `room`."""
    if width(text, font, size) <= room:
        return text
    while text and width(text + ELLIPSIS, font, size) > room:
        text = text[:-1]
    return text + ELLIPSIS


def percent(rate: float | None) -> str:
    """45.5%, 0%, 100%; — for no rate (nothing was owed)."""
    if rate is None:
        return "—"
    if rate in (0.0, 1.0):
        return f"{rate:.0%}"
    return f"{rate:.1%}"


def new_drawing(chart_width: float, height: float, faces: Faces, title: str) -> tuple[Drawing, float]:
    """A white drawing with its title at the top; the y below the title. Its
    initial font is the body's: ReportLab's default, Helvetica, would
    otherwise be listed among the fonts of a page it is drawn on."""
    drawing = Drawing(chart_width, height, initialFontName=faces.body)
    # types-reportlab types Rect's **kw without Unpack: every keyword is refused (Circle's is right)
    drawing.add(Rect(0, 0, chart_width, height, fillColor=white, strokeColor=None))  # type: ignore[arg-type]
    top = height - PAD
    if title:
        top -= TITLE_SIZE
        drawing.add(
            String(
                chart_width / 2,
                top,
                title,
                fontName=faces.heading,
                fontSize=TITLE_SIZE,
                fillColor=INK,
                textAnchor="middle",
            )
        )
        top -= TITLE_SIZE * 0.8
    return drawing, top


def legend(items: list[tuple[str, Color]], faces: Faces, center: float, y: float) -> Group:
    """Swatches with their names in one centred row, `y` the text's baseline."""
    swatch, gap, space = 9.0, 3.0, 14.0
    widths = [swatch + gap + width(name, faces.body, LABEL_SIZE) for name, _colour in items]
    x = center - (sum(widths) + space * (len(items) - 1)) / 2
    group = Group()
    for (name, colour), item_width in zip(items, widths, strict=True):
        # types-reportlab types Rect's **kw without Unpack: every keyword is refused (Circle's is right)
        group.add(Rect(x, y - 0.5, swatch, swatch * 0.8, fillColor=colour, strokeColor=None))  # type: ignore[arg-type]
        group.add(String(x + swatch + gap, y, name, fontName=faces.body, fontSize=LABEL_SIZE, fillColor=INK))
        x += item_width + space
    return group
