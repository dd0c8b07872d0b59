"""Ledger files in the window: 文件 → 新建台账 / 打开台账 (and refused ones),
another office's plan imported from the sample ledger into a new ledger, and
the last ledger opened again at the next start. Real files, the real window
offscreen; only the system's file dialogs are answered by the test."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from db.operations.editing import UPDATE_TASK
from db.paths import default_db_path
from db.plans.registry import sample_office
from db.queries.ledger import units
from db.safety import lock
from db.schema.database import Database, open_database
from db.schema.models import Plan, Task
from desktop.controller import Controller
from desktop.errors import ErrorDialog
from desktop.import_dialog import ImportPlanDialog
from desktop.ledger_files import start_path
from desktop.main_window import MainWindow
from desktop.preferences import LAST_LEDGER, LEDGER_FOLDER, load, save
from tests.conftest import ROOT, dump, held_by_another_process, task_id
from tests.test_integrity import damage_page
from tests.test_window_process import child_env, our_stderr
from tests.three_levels import TITLE as LEVELS_TITLE
from tests.three_levels import store, three_level_plan

TODAY = date(2016, 6, 28)


def open_window(qtbot, database: Database) -> Controller:
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main.attach(database, TODAY)


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The system's save dialog answers `path`; what it was offered is recorded."""
    offered: list[str] = []

    def choose(_parent, _caption, suggested, *_args, **_kwargs) -> tuple[str, str]:
        offered.append(suggested)
        return str(path), ""

    monkeypatch.setattr("desktop.controller.QFileDialog.getSaveFileName", choose)
    return offered


def answer_open_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    offered: list[str] = []

    def choose(_parent, _caption, folder, *_args, **_kwargs) -> tuple[str, str]:
        offered.append(folder)
        return str(path), ""

    monkeypatch.setattr("desktop.controller.QFileDialog.getOpenFileName", choose)
    return offered


def error_text(qtbot, controller: Controller) -> str:
    qtbot.waitUntil(lambda: controller.window.findChild(QMessageBox, "errorBox") is not None, timeout=5000)
    box = controller.window.findChild(QMessageBox, "errorBox")
    text = box.text()
    box.close()
    box.deleteLater()
    qtbot.waitUntil(lambda: controller.window.findChild(QMessageBox, "errorBox") is None, timeout=5000)
    return text


def plan_titles(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(Plan.title).order_by(Plan.id)))


def other_ledger(folder: Path) -> Path:
    """A ledger of another office: the three-level plan of 某某区, its own units."""
    folder.mkdir()
    database = open_database(folder / "某某区台账.db")
    store(database, three_level_plan())
    database.close()
    return database.path


def test_new_ledger(qtbot, plan_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, plan_db)
    window.ledger.run("改标题", UPDATE_TASK(task_id(plan_db, 1), title="新建台账之前改的标题"))
    assert window.ledger.undo_stack.count() == 1
    offered = answer_save_dialog(monkeypatch, tmp_path / "新台账")  # no suffix: .db is added
    window.new_ledger()

    database = window.ledger.database
    assert database.path == tmp_path / "新台账.db" and database.path.is_file()
    assert Path(offered[0]).parent == default_db_path().parent  # the first time: the user's data folder
    assert window.window.windowTitle().endswith("新台账.db")
    assert window.model.rowCount() == 0 and window.ledger.undo_stack.count() == 0
    with database.session() as session:
        assert units(session) == [] and sample_office(session) == ""  # empty: no Xiamen sample
    assert not lock.lock_path(plan_db.path).exists()  # the sample is closed, its lock released
    assert plan_titles(open_database(plan_db.path)) == ["厦门市2016年政务公开工作主要任务责任分工"]
    assert load(LAST_LEDGER) == str(database.path)
    assert load(LEDGER_FOLDER) == str(tmp_path)

    # An existing file is refused, whatever it holds; the window stays where it is.
    taken = tmp_path / "notes.db"
    taken.write_text("一份笔记", encoding="utf-8")
    for existing in (taken, plan_db.path):
        offered = answer_save_dialog(monkeypatch, existing)
        window.new_ledger()
        assert Path(offered[0]).parent == tmp_path  # the folder of the last ledger
        text = error_text(qtbot, window)
        assert str(existing) in text and "文件已存在" in text
        assert window.ledger.database is database
    assert taken.read_text(encoding="utf-8") == "一份笔记"

    # An empty file (a save dialog may leave one) becomes the ledger.
    empty = tmp_path / "空文件.db"
    empty.write_bytes(b"")
    answer_save_dialog(monkeypatch, empty)
    window.new_ledger()
    assert window.ledger.database.path == empty and window.window.windowTitle().endswith("空文件.db")
    assert not lock.lock_path(database.path).exists()
    window.ledger.database.close()


def test_open_ledger_saves_the_forms_first(qtbot, plan_db: Database, tmp_path: Path, monkeypatch) -> None:
    other = other_ledger(tmp_path / "other")
    window = open_window(qtbot, plan_db)
    window.open_task(task_id(plan_db, 1))
    window.task_form.title.setText("打开另一台账之前输入的标题")  # typed, not saved yet
    assert window.guard.pending()
    window.ledger.run("改要求", UPDATE_TASK(task_id(plan_db, 2), requirement="改过"))
    offered = answer_open_dialog(monkeypatch, other)
    window.open_ledger()

    assert Path(offered[0]) == default_db_path().parent
    database = window.ledger.database
    assert database.path == other and window.window.windowTitle().endswith("某某区台账.db")
    assert window.ledger.undo_stack.count() == 0
    assert window.model.index(0, 0).data() == LEVELS_TITLE and window.model.rowCount() == 1
    assert window.current() is None and not window.guard.pending()
    assert window.task_form.detail is None
    assert load(LAST_LEDGER) == str(other)
    assert not lock.lock_path(plan_db.path).exists()
    sample = open_database(plan_db.path)
    with sample.session() as session:  # the form's text was saved there before leaving
        assert session.get(Task, task_id(sample, 1)).title == "打开另一台账之前输入的标题"
    sample.close()

    # The ledger open now is not opened twice.
    answer_open_dialog(monkeypatch, other)
    window.open_ledger()
    assert window.ledger.database is database and "open now" in window.window.statusBar().currentMessage()
    database.close()


def test_a_ledger_in_use_elsewhere_opens_read_only_when_asked(qtbot, plan_db: Database, tmp_path: Path) -> None:
    other = other_ledger(tmp_path / "other")
    window = open_window(qtbot, plan_db)
    questions: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        shown = [box for box in window.window.findChildren(QMessageBox, "openLedgerQuestion") if box.isVisible()]
        if not shown:
            QTimer.singleShot(20, lambda: answer(button))
            return
        box = shown[0]
        questions.append(box.text())
        box.button(button).click()

    with held_by_another_process(other):
        QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No))
        assert window.open_ledger_at(other) is False  # declined: the window stays
        assert window.ledger.database is plan_db and "只读" in questions[0]
        QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
        assert window.open_ledger_at(other) is True
        database = window.ledger.database
        assert database.read_only and window.window.windowTitle().endswith("(read-only)")
        assert window.task_form.form_state.marker.text() == window.task_form.form_state.marker.tr(
            "Unsaved: the ledger is open read-only, so this cannot be saved; it is kept as a draft"
        )
        assert not lock.lock_path(plan_db.path).exists()
        database.close()


@pytest.mark.parametrize("kind", ["another program's", "damaged", "empty", "not SQLite"])
def test_a_file_that_is_no_ledger_is_refused(qtbot, plan_db: Database, tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "x.db"
    words = {"another program's": "不是本程序", "damaged": "损坏", "empty": "空文件", "not SQLite": "不是 SQLite"}[kind]
    if kind == "another program's":
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    elif kind == "damaged":
        shutil.copy(plan_db.path, path)
        damage_page(path)
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        path.write_text("名单\n张三\n", encoding="utf-8")
    before = path.read_bytes()
    window = open_window(qtbot, plan_db)
    assert window.open_ledger_at(path) is False
    text = error_text(qtbot, window)
    assert str(path) in text and words in text, text
    assert "Traceback" not in text and window.window.findChild(ErrorDialog) is None
    assert window.ledger.database is plan_db and window.window.windowTitle().endswith("ledger.db")
    # still open, still usable
    assert plan_titles(window.ledger.database) == ["厦门市2016年政务公开工作主要任务责任分工"]
    assert path.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["x.db"]


def city_plan(path: Path) -> Path:
    """Another city's plan naming units the Xiamen sample knows: 市政园林局 (an
    alias there of 市市政园林局), 各区人民政府 (there with Xiamen's six
    districts as members), 市财政局 (Xiamen's has the same name)."""
    document = Document()
    document.add_paragraph("临澜市2024年城市管理重点任务分工")
    rows = [
        ["序号", "工作任务", "牵头单位", "责任单位"],
        ["1", "推进公园绿地建设", "市政园林局", "各区人民政府"],
        ["2", "落实城市管理经费", "市财政局", "市政园林局"],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    document.save(str(path))
    return path


def test_another_offices_plan_from_the_sample_goes_into_a_new_ledger(
    qtbot, plan_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = city_plan(tmp_path / "临澜市2024年城市管理重点任务分工.docx")
    sample_before = dump(plan_db.path)
    window = open_window(qtbot, plan_db)
    answer_open_dialog(monkeypatch, plan)
    window.import_plan()
    dialog = window.window.findChild(ImportPlanDialog)
    qtbot.waitUntil(lambda: dialog.new_ledger_button.isEnabled() and dialog.sample_banner.isVisible(), timeout=10000)
    banner = dialog.sample_banner.text()
    assert "临澜市" in banner and "厦门市" in banner
    assert not dialog.import_button.isVisible() and not dialog.import_button.isEnabled()
    assert dialog.new_ledger_button.isDefault()
    dialog.import_button.click()  # hidden and disabled: nothing happens
    assert window.ledger.database is plan_db

    offered = answer_save_dialog(monkeypatch, tmp_path / "临澜台账.db")
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        dialog.new_ledger_button.click()
    assert "临澜市" in Path(offered[0]).name and Path(offered[0]).parent == default_db_path().parent

    database = window.ledger.database
    assert database.path == tmp_path / "临澜台账.db" and window.window.windowTitle().endswith("临澜台账.db")
    assert plan_titles(database) == ["临澜市2024年城市管理重点任务分工"]
    assert window.model.index(0, 0).data() == "临澜市2024年城市管理重点任务分工"
    with database.session() as session:
        found = {info.name: info for info in units(session)}
    assert set(found) == {"市政园林局", "各区人民政府", "市财政局"}  # no 市市政园林局: not renamed
    assert found["各区人民政府"].kind == "collective" and found["各区人民政府"].members == ()
    assert window.ledger.undo_stack.count() == 1  # the import, one step in the new ledger
    window.ledger.undo_stack.undo()
    assert plan_titles(database) == []
    window.ledger.undo_stack.redo()
    assert plan_titles(database) == ["临澜市2024年城市管理重点任务分工"]
    assert not lock.lock_path(plan_db.path).exists()
    database.close()
    assert dump(plan_db.path) == sample_before  # nothing of it went into the sample


def test_a_title_that_does_not_tell_is_noted_and_may_go_into_the_sample(
    qtbot, plan_db: Database, tmp_path: Path
) -> None:
    plan = city_plan(tmp_path / "plan.docx")
    window = open_window(qtbot, plan_db)
    dialog = ImportPlanDialog(window.ledger, plan, window.window, new_ledger=window.new_ledger_for_import)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.new_ledger_button.isEnabled(), timeout=10000)
    dialog.title_edit.setText("2024年城市管理重点任务分工")
    assert dialog.sample_banner.isVisible() and "厦门市" in dialog.sample_banner.text()
    assert dialog.import_button.isVisible() and dialog.import_button.isEnabled()
    assert dialog.new_ledger_button.isVisible()
    dialog.title_edit.setText("临澜市2024年城市管理重点任务分工")
    assert not dialog.import_button.isEnabled() and "临澜市" in dialog.sample_banner.text()
    dialog.title_edit.setText("厦门市2024年城市管理重点任务分工")  # Xiamen's own: nothing to say
    assert not dialog.sample_banner.isVisible() and not dialog.new_ledger_button.isVisible()
    assert dialog.import_button.isEnabled()
    dialog.reject()
    window.ledger.database.close()


def test_the_next_start_opens_the_last_ledger(ledger: Path, tmp_path: Path) -> None:
    """Two real starts of the window (desktop.app.run, as main.py without --db):
    the first switches to another ledger, the second opens that one; --db still wins."""
    env = child_env(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    default = tmp_path / "data" / "DubanTaizhang" / "ledger.db"
    default.parent.mkdir(parents=True)
    shutil.copy(ledger, default)
    other = other_ledger(tmp_path / "other")

    def start(db: str, *options: str) -> list[str]:
        result = subprocess.run(
            [sys.executable, str(ROOT / "tests" / "window_child.py"), db, "0", "--report", *options],
            cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0 and our_stderr(result.stderr) == [], result.stderr
        return result.stdout.splitlines()

    def title(lines: list[str], word: str = "title") -> str:
        return next(line for line in lines if line.startswith(word + " "))

    first = start("-", "--open", str(other))
    assert title(first).endswith(" ledger.db")  # the default ledger first
    assert title(first, "opened").endswith(" 某某区台账.db")
    assert title(start("-")).endswith(" 某某区台账.db")  # the next start: the last ledger
    assert title(start(str(default))).endswith(" ledger.db")  # --db wins
    assert not lock.lock_path(other).exists() and not lock.lock_path(default).exists()


def test_start_path_falls_back_to_the_default_when_the_last_ledger_is_gone(tmp_path: Path) -> None:
    save(LAST_LEDGER, str(tmp_path / "gone.db"))
    assert start_path(None) == default_db_path()
    assert start_path(tmp_path / "given.db") == tmp_path / "given.db"
