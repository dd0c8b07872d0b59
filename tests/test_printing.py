"""Printing from the report dialog: in a worker, through the print dialog, to
a real PDF-file printer, read back; cancel; the window live meanwhile."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication

from db.schema.database import Database
from desktop.ledger import Ledger
from desktop.printing import BANDS, MAX_DPI, PDF, RASTER
from desktop.report_dialog import SHEET, ReportDialog
from tests.conftest import ROOT

MONTH = "2016-06"


@pytest.fixture(autouse=True)
def bundled_test_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUBAN_FONT_DIRS", str(ROOT / "tests" / "data" / "fonts"))


@pytest.fixture
def built(qtbot, plan_db: Database) -> ReportDialog:
    dialog = ReportDialog(Ledger(plan_db), SHEET, 1, [MONTH], MONTH, [])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=20000)
    qtbot.waitUntil(dialog.print_button.isEnabled)
    return dialog


def _accept_the_print_dialog() -> list[QPrintDialog]:
    """Press OK in the print dialog once it is up (it runs its own event loop)."""
    seen: list[QPrintDialog] = []

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintDialog):
            seen.append(dialog)
            dialog.accept()
        else:
            QTimer.singleShot(20, accept)

    QTimer.singleShot(20, accept)
    return seen


def _print(qtbot, dialog: ReportDialog, output: Path, pages: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    dialog.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer.setOutputFileName(str(output))
    if pages is not None:
        dialog.printer.setPrintRange(QPrinter.PrintRange.PageRange)
        dialog.printer.setFromTo(*pages)
    seen = _accept_the_print_dialog()
    dialog.print_button.click()
    assert seen, "the print dialog was shown"
    assert dialog.print_worker is not None
    steps: list[tuple[int, int]] = []
    dialog.print_worker.progress.connect(lambda done, total: steps.append((done, total)))
    return steps


def test_a_pdf_printer_gets_the_pdf_itself_through_the_print_dialog(qtbot, built: ReportDialog, tmp_path: Path) -> None:
    output = tmp_path / "打印.pdf"
    _print(qtbot, built, output)
    with qtbot.waitSignal(built.print_worker.finished, timeout=20000) as done:
        pass
    assert done.args[0].route == PDF and done.args[0].pages == built.document.pageCount()
    assert output.read_bytes() == built.path.read_bytes()
    with pdfplumber.open(output) as pdf:
        assert "督查表" in pdf.pages[0].extract_text()
    assert built.print_button.isEnabled()


def test_pages_chosen_are_rendered_at_300_dpi_in_a_worker_while_the_window_runs(
    qtbot, built: ReportDialog, tmp_path: Path
) -> None:
    output = tmp_path / "第2至3页.pdf"
    ticks: list[int] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    steps = _print(qtbot, built, output, pages=(2, 3))
    assert not built.print_button.isEnabled()  # print_() returned while the job runs
    with qtbot.waitSignal(built.print_worker.finished, timeout=30000) as done:
        pass
    timer.stop()
    printed = done.args[0]
    assert (printed.route, printed.pages, printed.dpi) == (RASTER, 2, MAX_DPI)
    assert steps == [(1, 2), (2, 2)]
    assert len(ticks) >= 5  # the event loop ran during the print
    with pdfplumber.open(output) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:  # each page a picture of the whole paper, in strips
            strips = page.images
            assert len(strips) == BANDS
            assert all(image["srcsize"][0] == pytest.approx(page.width * MAX_DPI / 72, abs=1) for image in strips)
            assert sum(image["srcsize"][1] for image in strips) == pytest.approx(page.height * MAX_DPI / 72, abs=1)
            assert min(image["top"] for image in strips) == pytest.approx(0, abs=1)
            assert max(image["bottom"] for image in strips) == pytest.approx(page.height, abs=1)
            assert all(image["x0"] == pytest.approx(0, abs=1) for image in strips)


def test_cancel_stops_the_print_at_the_next_page(qtbot, built: ReportDialog, tmp_path: Path) -> None:
    output = tmp_path / "取消.pdf"
    pages = built.document.pageCount()
    steps = _print(qtbot, built, output, pages=(1, pages - 1))
    worker = built.print_worker
    worker.progress.connect(lambda done, total: worker.cancel())
    with qtbot.waitSignal(worker.cancelled, timeout=30000):
        pass
    assert 1 <= len(steps) < pages - 1
    qtbot.waitUntil(built.print_button.isEnabled)
    if output.exists():  # the PDF engine leaves what it had written: never the whole run
        with pdfplumber.open(output) as pdf:
            assert len(pdf.pages) < pages - 1
