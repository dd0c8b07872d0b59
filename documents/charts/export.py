"""A chart as a file: PDF (vectors, its fonts embedded) or PNG.

ReportLab's own bitmap renderer (renderPM) needs a backend that is not
installed with it (rlPyCairo and pycairo, or the rl_renderPM extension;
`renderPM.drawToFile` fails with "cannot import desired renderPM backend").
So a PNG is the chart's PDF rasterised by PDFium (pypdfium2, which the
program already has for reading PDF plans): the picture in the bulletin is
the vector chart of the sheet, pixel for pixel, with no further dependency.
PDFium is not thread-safe; the window rasterises with QtPdf (its own copy
of PDFium) and leaves pypdfium2 to the documents.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen import canvas

from db.errors import InputError
from db.safety.storage import write_bytes

PNG_DPI = 300  # print quality: a chart across the bulletin's 156 mm is 1,843 pixels wide
_PDFIUM = threading.Lock()  # two of our jobs never use PDFium at once


def pdf_bytes(drawing: Drawing, title: str = "") -> bytes:
    """The chart as a one-page PDF of its own size, `title` in its properties."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(drawing.width, drawing.height), pageCompression=1)
    page.setTitle(title)
    page.setCreator("督办台账")
    renderPDF.draw(drawing, page, 0, 0)
    page.showPage()
    page.save()
    return out.getvalue()


def png_bytes(drawing: Drawing, dpi: int = PNG_DPI) -> bytes:
    """The chart as a PNG at `dpi`, on white, the resolution recorded in it."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(pdf_bytes(drawing))
        try:
            page = document[0]
            image = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255)).to_pil()
            page.close()
        finally:
            document.close()
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


SUFFIXES = (".png", ".pdf")


def save_chart(drawing: Drawing, path: Path, title: str = "") -> Path:
    """Write the chart to `path` as PNG or PDF, chosen by its suffix, whole or
    not at all (db.safety.storage)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(path, "图表文件应以 .png 或 .pdf 结尾")
    data = png_bytes(drawing) if suffix == ".png" else pdf_bytes(drawing, title)
    write_bytes(path, data)
    return path
