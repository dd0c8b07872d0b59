"""Saving a document from the window (desktop/saving.py): the dialog offers a
name that carries the document, the unit and the month, safe on Windows, in
the folder chosen last; the window then says where the file went, with a
button that opens its folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QTranslator, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog, QInputDialog

from db.schema.database import Database
from desktop.ledger import Ledger
from desktop.preferences import LAST_FOLDER, load
from desktop.report_dialog import NOTICES, SHEET, ReportDialog
from desktop.saving import SavedNotice
from tests.conftest import ROOT
from tests.test_main_window import open_window
from tools import translations

MONTH = "2016-06"


@pytest.fixture(autouse=True)
def chinese(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The window in Chinese, as the office sees it, with the test font."""
    monkeypatch.setenv("DUBAN_FONT_DIRS", str(ROOT / "tests" / "data" / "fonts"))
    translator = QTranslator()
    assert translator.load(str(translations.build(qm=tmp_path_factory.mktemp("qm") / "duban_zh_CN.qm", quiet=True)))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


class Opened(QObject):
    """What QDesktopServices.openUrl was asked to open (the file scheme's handler while a test runs)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> Iterator[Opened]:
    catcher = Opened()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("file")


class Chooser:
    """Stands in for the person at the file dialog: records what it was offered, answers `answer(offered)`."""

    def __init__(self, answer: Any) -> None:
        self.answer, self.offered = answer, []

    def __call__(self, parent: Any, caption: str, offered: str = "", *rest: Any) -> Any:
        self.offered.append(offered)
        return self.answer(offered)


def built(qtbot, dialog: ReportDialog) -> ReportDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=30000)
    return dialog


def test_a_report_is_offered_a_named_file_and_says_where_it_went(
    qtbot, plan_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: Opened
) -> None:
    ledger = Ledger(plan_db)
    folder = tmp_path / "报表"
    folder.mkdir()
    chooser = Chooser(lambda offered: (str(folder / Path(offered).name), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", chooser)

    sheet = built(qtbot, ReportDialog(ledger, SHEET, 1, [MONTH], MONTH, [(1, "市编办")]))
    sheet.save()
    assert chooser.offered == ["督查表-2016年6月.pdf"]  # no folder chosen yet: the dialog's own
    saved = folder / "督查表-2016年6月.pdf"
    assert saved.read_bytes() == sheet.path.read_bytes()
    notice = sheet.findChild(SavedNotice)
    assert notice.isVisible() and str(saved) in notice.text.text()
    notice.open_button.click()
    assert opened.urls == [QUrl.fromLocalFile(str(folder))]
    assert load(LAST_FOLDER) == str(folder)

    # A unit whose name Windows would refuse in a file name; the dialog starts in the folder chosen last.
    notices = built(qtbot, ReportDialog(ledger, NOTICES, 1, [MONTH], MONTH, [(1, '市编办/人社局:"试"')]))
    notices.unit.setCurrentIndex(1)
    notices.build_button.click()
    qtbot.waitUntil(lambda: notices.document.status() == QPdfDocument.Status.Ready, timeout=30000)
    notices.save()
    assert chooser.offered[-1] == str(folder / "督办单-市编办_人社局__试_-2016年6月.pdf")
    assert (folder / "督办单-市编办_人社局__试_-2016年6月.pdf").exists()
    assert notices.findChild(SavedNotice).isVisible()


def test_the_ledger_and_the_fill_in_sheets_say_where_they_went(
    qtbot, plan_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: Opened
) -> None:
    window = open_window(qtbot, plan_db)
    window.window.findChild(QInputDialog, "operatorDialog").reject()
    chooser = Chooser(lambda offered: (str(tmp_path / Path(offered).name), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", chooser)
    window.export_ledger()
    name = "台账-2016年6月-厦门市2016年政务公开工作主要任务责任分工.xlsx"
    assert chooser.offered == [name]
    bar = window.window.statusBar()
    qtbot.waitUntil(
        lambda: bar.findChild(SavedNotice) is not None and bar.findChild(SavedNotice).isVisible(), timeout=30000
    )
    assert (tmp_path / name).stat().st_size > 1000
    assert str(tmp_path / name) in bar.findChild(SavedNotice).text.text()

    sheets = tmp_path / "填报表"
    sheets.mkdir()
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda parent, caption, start: asked.append(start) or str(sheets)
    )
    window.make_returns()
    assert asked == [str(tmp_path)]  # where the workbook went
    notice = bar.findChild(SavedNotice)
    qtbot.waitUntil(lambda: str(sheets) in notice.text.text(), timeout=30000)
    assert len(bar.findChildren(SavedNotice)) == 1 and any(sheets.glob("*.xlsx"))
    notice.open_button.click()
    assert opened.urls == [QUrl.fromLocalFile(str(sheets))]

    plans: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda parent, caption, start, filters: plans.append(start) or ("", "")
    )
    window.import_plan()
    assert plans == [str(sheets)]  # the folder chosen last


def test_the_bulletin_is_saved_from_the_window_and_says_where(
    qtbot, plan_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: Opened
) -> None:
    from docx import Document

    window = open_window(qtbot, plan_db)
    window.window.findChild(QInputDialog, "operatorDialog").reject()
    chooser = Chooser(lambda offered: (str(tmp_path / Path(offered).name), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", chooser)
    window.export_bulletin()
    name = "通报-2016年6月-厦门市2016年政务公开工作主要任务责任分工.docx"
    assert chooser.offered == [name]
    bar = window.window.statusBar()
    qtbot.waitUntil(
        lambda: bar.findChild(SavedNotice) is not None and bar.findChild(SavedNotice).isVisible(), timeout=30000
    )
    assert str(tmp_path / name) in bar.findChild(SavedNotice).text.text()
    text = "\n".join(paragraph.text for paragraph in Document(str(tmp_path / name)).paragraphs)
    assert "总体情况" in text and "2016年6月" in text
