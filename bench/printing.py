"""Printing the supervision sheet from the window's worker, for the benchmark:
`print_times(db_path, month)`, or `python -m bench.printing DB MONTH`.

The sheet of the plan is written once, then sent to a PDF-file printer
(QPrinter PdfFormat) by desktop/printing.py's job in a desktop/workers.py
Worker, as the report dialog does, while the GUI thread runs its event loop
with a 10 ms timer: the seconds until the job has handed every page to the
printer (the print queue), and the longest the event loop went without a tick
(how responsive the window stayed). Two routes: the PDF itself (what a PDF
printer gets) and every page rendered at 300 dpi (what other printers get,
and a PDF printer when only some pages are chosen).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def print_times(db_path: Path, month: str) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from db.queries.ledger import plans
    from db.queries.report_data import sheet_data
    from db.schema.database import open_database
    from desktop import printing
    from desktop.workers import Worker
    from documents.pdf import choose_fonts, write_sheet

    app = QApplication.instance() or QApplication([])
    database = open_database(Path(db_path))
    try:
        with database.session() as session:
            data = sheet_data(session, plans(session)[0].id, month)
    finally:
        database.close()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "sheet.pdf"
        results["pages"] = write_sheet(data, sheet, choose_fonts()).pages
        pdf = sheet.read_bytes()
        for name in (printing.PDF, printing.RASTER):
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageOrientation(QPageLayout.Orientation.Landscape)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(Path(folder) / f"printed-{name}.pdf"))
            job = printing.print_pdf if name == printing.PDF else printing.raster_pdf
            worker = Worker(job, pdf, printer, cancellable=True, with_progress=True)
            ticks: list[float] = []
            timer = QTimer(interval=10)
            timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
            loop = QEventLoop()
            worker.ended.connect(loop.quit)
            outcome: list[Any] = []
            worker.finished.connect(outcome.append)
            worker.failed.connect(outcome.append)
            timer.start()
            start = time.perf_counter()
            ticks.append(start)
            worker.start()
            loop.exec()
            seconds = time.perf_counter() - start
            timer.stop()
            app.processEvents()
            if not outcome or not isinstance(outcome[0], printing.Printed):
                raise RuntimeError(f"printing ({name}) failed: {outcome}")
            gaps = [later - earlier for earlier, later in zip(ticks, [*ticks[1:], start + seconds], strict=True)]
            results[name] = {
                "seconds": seconds,
                "longest_gap": max(gaps),
                "bytes": Path(printer.outputFileName()).stat().st_size,
                "dpi": outcome[0].dpi,
            }
    return results


def table(results: dict[str, Any]) -> list[str]:
    lines = [
        f"The supervision sheet ({results['pages']} pages) sent to a PDF-file printer from the report dialog's worker:",
        "",
        "| route | to the print queue | longest the window waited | file |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, label in (("pdf", "the PDF itself"), ("raster", "pages rendered at {dpi} dpi")):
        figures = results[name]
        lines.append(
            f"| {label.format(dpi=figures['dpi'])} | {figures['seconds']:.2f} s | "
            f"{figures['longest_gap'] * 1000:.0f} ms | {figures['bytes'] / 1024 / 1024:.1f} MB |"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(table(print_times(Path(sys.argv[1]), sys.argv[2]))))
