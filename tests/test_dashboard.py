"""The dashboard pane of the main window, offscreen, on the small ledger of
tests/test_bulletin.py: its figures, its three charts, saving each as PNG
and PDF, and following an edit and the month."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage, QKeySequence

from db.operations.progress import RECORD_PROGRESS, Report
from db.queries.ledger import outline
from db.schema.database import Database
from desktop.controller import Controller
from desktop.dashboard import CHART_WIDTH, SCREEN_SCALE, SHORTCUT, Dashboard
from desktop.main_window import MainWindow
from documents.pdf import fonts
from tests.test_bulletin import MONTH, TEST_FONTS, record
from tests.three_levels import plan_id

TODAY = date(2021, 8, 10)


@pytest.fixture(autouse=True)
def test_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv(fonts.ENV_DIRS, str(TEST_FONTS))
    monkeypatch.setenv(fonts.ENV_SYSTEM, "0")
    monkeypatch.setattr(fonts, "cache_dir", lambda: tmp_path_factory.getbasetemp() / "font-cache")


@pytest.fixture
def window(qtbot, levels_db: Database) -> Controller:
    record(levels_db)
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    controller = main.attach(levels_db, TODAY)
    controller.month.setCurrentIndex(controller.month.findData(MONTH))
    return controller


def shown(qtbot, window: Controller) -> Dashboard:
    dashboard = window.dashboard
    window.tabs.setCurrentWidget(dashboard)
    qtbot.waitUntil(lambda: dashboard.figures is not None and not dashboard.loading(), timeout=20_000)
    return dashboard


def test_the_dashboard_is_a_view_of_the_main_window_showing_the_month(qtbot, window: Controller) -> None:
    assert window.tabs.indexOf(window.dashboard) == window.tabs.count() - 1
    dashboard = shown(qtbot, window)
    assert str(dashboard.figures.month) == MONTH
    text = dashboard.summary.text()
    for figure in ("8", "3", "37.5%", "5", "7", "57.1%"):
        assert figure in text, (figure, text)
    for key, pane in dashboard.panes.items():
        assert pane.isVisible(), key
        pixmap = pane.picture.pixmap()
        assert not pixmap.isNull()
        assert pixmap.width() / pixmap.devicePixelRatio() == pytest.approx(CHART_WIDTH * SCREEN_SCALE, abs=2)
        image = pixmap.toImage()
        corner = image.pixelColor(1, 1)
        assert (corner.red(), corner.green(), corner.blue()) == (255, 255, 255)  # on white, not transparent
    assert dashboard.panes["units"].chart.title.startswith("各牵头单位")


@pytest.mark.parametrize("suffix", [".png", ".pdf"])
def test_each_chart_saves_as_png_and_pdf(qtbot, window: Controller, tmp_path: Path, suffix: str) -> None:
    dashboard = shown(qtbot, window)
    for key, pane in dashboard.panes.items():
        path = pane.save_to(tmp_path / f"{key}{suffix}")
        assert path is not None and path.exists()
        if suffix == ".png":
            image = QImage(str(path))
            assert image.width() > 1000 and image.dotsPerMeterX() == pytest.approx(300 / 0.0254, rel=0.01)
        else:
            reader = PdfReader(path)
            assert len(reader.pages) == 1
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
            assert pane.chart.title.split("（")[0] in text.replace("\n", "")


def test_a_bad_file_name_is_refused_in_words(qtbot, window: Controller, tmp_path: Path, monkeypatch) -> None:
    dashboard = shown(qtbot, window)
    said: list[str] = []
    monkeypatch.setattr("desktop.dashboard.show_error", lambda _parent, text: said.append(text))
    assert dashboard.panes["trend"].save_to(tmp_path / "trend.gif") is None
    assert said and "trend.gif" in said[0] and ".png" in said[0]
    assert not (tmp_path / "trend.gif").exists()


def test_the_dashboard_follows_an_edit_and_the_month(qtbot, window: Controller) -> None:
    dashboard = shown(qtbot, window)
    assert dashboard.figures.overall.completed == 3
    database = window.ledger.database
    with database.session() as session:
        _sections, tasks = outline(session, plan_id(database))
    sixth = tasks[5].id  # unreported in July
    window.ledger.run("记录进展", RECORD_PROGRESS(sixth, MONTH, Report("completed", done="已完成")))
    qtbot.waitUntil(lambda: dashboard.figures.overall.completed == 4 and not dashboard.loading(), timeout=20_000)
    assert dashboard.figures.overall.unreported == 1
    window.month.setCurrentIndex(window.month.findData("2021-06"))
    qtbot.waitUntil(lambda: str(dashboard.figures.month) == "2021-06" and not dashboard.loading(), timeout=20_000)
    assert dashboard.figures.overall.completed == 1


def test_a_hidden_dashboard_waits_until_it_is_shown_by_its_shortcut(qtbot, window: Controller) -> None:
    window.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    assert window.dashboard.figures is None and not window.dashboard.loading()
    (action,) = [a for a in window.window.actions() if a.shortcut() == QKeySequence(SHORTCUT)]
    action.trigger()  # offscreen, a key press reaches no shortcut of an inactive window
    assert window.tabs.currentWidget() is window.dashboard
    qtbot.waitUntil(lambda: window.dashboard.figures is not None, timeout=20_000)
