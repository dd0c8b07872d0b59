"""Printing a PDF the program made, off the GUI thread.

Two routes (`route`):

- "pdf": the printer is a PDF file (Qt's "Print to File"): the document's own
  PDF is written there, vectors and fonts as they are, in milliseconds.
- "raster": any other printer, or only some pages wanted: each page is
  rendered (QtPdf) at the printer's resolution capped at MAX_DPI and painted
  on the printer. 1200 dpi images made 47 MB for 9 pages and took half a
  minute; 300 dpi is what office printers resolve, and what text needs.

`print_pdf` is the worker's job (desktop/workers.py): QPainter may paint on a
QPrinter from another thread (Qt's threading rules allow QImage, QPrinter and
QPicture there), and the QPdfDocument is made in that thread from the bytes,
so nothing the window owns is touched. It reports progress per page and stops
at the next page once cancelled (db.cancel), aborting the print job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from db.cancel import Cancelled, CancelToken
from db.safety.storage import write_bytes

MAX_DPI = 300
BANDS = 12
PDF, RASTER = "pdf", "raster"


@dataclass(frozen=True)
class Printed:
    """What went to the printer: pages, the route, the resolution (0 for "pdf")."""

    pages: int
    route: str
    dpi: int


def page_range(printer: QPrinter, count: int) -> tuple[int, int]:
    """The pages chosen in the print dialog, 1-based and inclusive."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage():
        return max(1, printer.fromPage()), min(count, printer.toPage() or count)
    return 1, count


def route(printer: QPrinter, count: int) -> str:
    """ "pdf" when the PDF itself can go to the printer, else "raster"."""
    whole = page_range(printer, count) == (1, count)
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(printer.outputFileName())
    return PDF if to_file and whole else RASTER


def print_pdf(
    pdf: bytes,
    printer: QPrinter,
    *,
    cancel: CancelToken | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Printed:
    """Send the PDF `pdf` to `printer` by the route it allows (see the module's docstring)."""
    with _opened(pdf) as document:
        count = document.pageCount()
        if route(printer, count) == RASTER:
            return _raster(document, printer, cancel, progress)
    write_bytes(Path(printer.outputFileName()), pdf, "未打印")
    if progress is not None:
        progress(count, count)
    return Printed(count, PDF, 0)


def raster_pdf(
    pdf: bytes,
    printer: QPrinter,
    *,
    cancel: CancelToken | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Printed:
    """The pages of `pdf` rendered onto `printer`, whatever it is (the benchmark's other route)."""
    with _opened(pdf) as document:
        return _raster(document, printer, cancel, progress)


@contextmanager
def _opened(pdf: bytes) -> Iterator[QPdfDocument]:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    try:
        if document.status() != QPdfDocument.Status.Ready:
            raise OSError(f"无法读取要打印的 PDF（{document.error().name}）")
        yield document
    finally:
        document.close()


def _raster(
    document: QPdfDocument,
    printer: QPrinter,
    cancel: CancelToken | None,
    progress: Callable[[int, int], None] | None,
) -> Printed:
    first, last = page_range(printer, document.pageCount())
    if printer.resolution() > MAX_DPI:
        printer.setResolution(MAX_DPI)  # a printer that cannot keeps its own: the image is scaled to it
    dpi = min(printer.resolution(), MAX_DPI)
    printer.setFullPage(True)  # the PDF has its own margins: print it at its size
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("打印机无法开始打印（是否已连接、文件能否写入？）")
    try:
        paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        for number in range(first, last + 1):
            if cancel is not None and cancel.cancelled:
                printer.abort()
                raise Cancelled
            if number > first:
                printer.newPage()
            _page(document, number - 1, dpi, painter, paper, cancel)
            if progress is not None:
                progress(number - first + 1, last - first + 1)
    finally:
        if painter.isActive():
            painter.end()
    return Printed(last - first + 1, RASTER, dpi)


def _page(
    document: QPdfDocument, index: int, dpi: int, painter: QPainter, paper: QRectF, cancel: CancelToken | None
) -> None:
    """One page, painted in BANDS strips from the top: the paint engine's
    drawImage holds Python's lock while it runs (half a second for a page at
    300 dpi on the PDF engine), so the window would stall for as long; a strip
    at a time, it waits a few tens of milliseconds."""
    points = document.pagePointSize(index)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    image = _on_white(document.render(index, size))
    target = _fitted(paper, points.width() / points.height())
    scale = target.height() / size.height()
    step = -(-size.height() // BANDS)
    for top in range(0, size.height(), step):
        if cancel is not None and cancel.cancelled:
            return  # the page loop aborts
        band = image.copy(0, top, size.width(), min(step, size.height() - top))
        painter.drawImage(QRectF(target.x(), target.y() + top * scale, target.width(), band.height() * scale), band)


def _on_white(image: QImage) -> QImage:
    """QtPdf renders onto a transparent image: over white (or some printers
    print it black), and opaque, so that no alpha mask goes to the printer."""
    opaque = QImage(image.size(), QImage.Format.Format_RGB32)
    opaque.fill(QColor("white"))
    painter = QPainter(opaque)
    painter.drawImage(0, 0, image)
    painter.end()
    return opaque


def _fitted(paper: QRectF, ratio: float) -> QRectF:
    """The largest rectangle of width/height `ratio` centred on `paper`."""
    width = min(paper.width(), paper.height() * ratio)
    height = width / ratio
    return QRectF(paper.x() + (paper.width() - width) / 2, paper.y() + (paper.height() - height) / 2, width, height)
