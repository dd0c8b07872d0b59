"""The window opens on a new database holding the 2016 plan (first start)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop.app import open_ledger
from desktop.main_window import MainWindow


def test_first_start_shows_the_bundled_plan(qtbot, tmp_path: Path) -> None:
    database = open_ledger(tmp_path / "ledger.db")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    summary = window.centralWidget()
    assert isinstance(summary, QLabel)
    assert "厦门市2016年政务公开工作主要任务责任分工（2016 年）：66 项任务" in summary.text()
    assert "ledger.db" in window.windowTitle()
    database.close()
