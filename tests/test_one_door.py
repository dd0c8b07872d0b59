"""One door for every write (db/operations/runner.py): the code opens write
transactions in the runner only, a reading session cannot write, and the
window's flows — editing, progress, headings, registry, settings, undo and
redo, importing a plan and returned sheets in workers, restoring — write
nothing while the runner is not performing."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import Engine, event, select, text

from db.operations.runner import performing
from db.safety.backup import backup_now
from db.schema.database import Database
from db.schema.models import HistoryEntry, ProgressEntry, Section, Setting, Task, Unit
from tests.conftest import ROOT, file_digest
from tests.test_import_preview import workbook

PROGRAM = ("db", "desktop", "commands", "documents")
# Where a write transaction may be opened: the runner, and the making of a
# new file before it bears the ledger's name (db.schema.database._create).
TRANSACTION_CALLERS = {"db/operations/runner.py", "db/schema/database.py"}
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def program_files() -> Iterator[Path]:
    yield ROOT / "main.py"
    for package in PROGRAM:
        yield from (path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts)


def calls(path: Path) -> Iterator[tuple[str, str, int]]:
    """(name called, what it is called on, line) of every call of a name or
    an attribute in the file ("" when called on nothing)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                yield func.attr, ast.unparse(func.value), node.lineno
            elif isinstance(func, ast.Name):
                yield func.id, "", node.lineno


def test_only_the_runner_opens_a_write_transaction() -> None:
    """Database.transaction() is called by the runner alone (and while a new
    file is built), and no module but db/schema makes sessions or connections
    of its own that could write around it."""
    runner = ROOT / "db" / "operations" / "runner.py"
    assert ("transaction", "database") in {(name, receiver) for name, receiver, _ in calls(runner)}  # it sees calls
    found = []
    for path in program_files():
        where = path.relative_to(ROOT).as_posix()
        for name, receiver, line in calls(path):
            if name == "transaction" and where not in TRANSACTION_CALLERS:
                found.append(f"{where}:{line}: {receiver}.transaction()")
            if name in ("Session", "sessionmaker") and where != "db/schema/database.py":
                found.append(f"{where}:{line}: {name}()")
            connecting = name in ("connect", "begin", "raw_connection") and "engine" in receiver
            if connecting and not where.startswith("db/schema/"):
                found.append(f"{where}:{line}: {receiver}.{name}()")
    assert found == []


def test_a_reading_session_cannot_write(plan_db: Database) -> None:
    digest = file_digest(plan_db.path)
    with plan_db.session() as session, pytest.raises(RuntimeError, match="reading session cannot write"):
        session.get_one(Task, 1).title = "不应写入"
        session.flush()
    with plan_db.session() as session, pytest.raises(RuntimeError, match="reading session cannot write"):
        session.add(Unit(name="不应写入的单位", kind="department"))
        session.commit()
    with plan_db.session() as session:
        assert session.scalar(select(Unit.id).where(Unit.name == "不应写入的单位")) is None
    assert file_digest(plan_db.path) == digest


@dataclass
class Door:
    """What the guard saw: writes made by the runner, and any made outside it."""

    through_runner: int = 0
    outside: list[str] = field(default_factory=list)


class WriteOutsideTheRunner(AssertionError):
    pass


@pytest.fixture
def door() -> Iterator[Door]:
    """Every engine, the ones a restore opens later included, refuses a
    write statement unless the runner is performing in that thread."""
    seen = Door()

    def guard(_conn, _cursor, statement, _parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().split(None, 1)[0].upper() not in WRITES:
            return
        if performing():
            seen.through_runner += 1
            return
        seen.outside.append(statement)
        raise WriteOutsideTheRunner(statement)

    event.listen(Engine, "before_cursor_execute", guard)
    yield seen
    event.remove(Engine, "before_cursor_execute", guard)


def count(database: Database, model: type) -> int:
    with database.session() as session:
        return len(session.scalars(select(model)).all())


def task_id(database: Database, number: int) -> int:
    with database.session() as session:
        return session.scalars(select(Task.id).where(Task.plan_id == 1, Task.number == number)).one()


def test_the_guard_refuses_a_write_outside_the_runner(door: Door, plan_db: Database) -> None:
    """The window test below would prove nothing if the guard let writes pass."""
    with pytest.raises(WriteOutsideTheRunner), plan_db.transaction() as session:
        session.execute(text("UPDATE tasks SET title = '门外的写入'"))
    assert door.outside == ["UPDATE tasks SET title = '门外的写入'"]
    door.outside.clear()


def test_every_write_of_the_window_goes_through_the_runner(
    qtbot, door: Door, plan_db: Database, tmp_path: Path
) -> None:
    from db.queries.sheets import fill_in_sheets
    from db.queries.unit_tasks import find_unit
    from desktop.import_dialog import ImportPlanDialog
    from desktop.main_window import MainWindow
    from desktop.registry_dialog import RegistryDialog
    from desktop.returns_dialog import ReturnsImportDialog, read_returns_job
    from desktop.settings_dialog import SettingsDialog
    from documents.excel.returns import make_returns

    window = MainWindow()
    qtbot.addWidget(window)
    controller = window.attach(plan_db)
    ledger = controller.ledger
    history = count(plan_db, HistoryEntry)

    # the task form, the progress form, the tree's editing, the heading form
    controller.open_task(task_id(plan_db, 1))
    controller.task_form.title.setText("经过唯一入口修改的标题")
    assert controller.task_form.save()
    controller.open_task(task_id(plan_db, 32))
    form = controller.progress_form
    form.status.setCurrentIndex(form.status.findData("in_progress"))
    form.done.setPlainText("经过唯一入口记录的进展")
    assert form.save()
    controller.open_task(task_id(plan_db, 4))
    controller.new_task()
    controller.move_selected(-1)
    controller.delete_selected()
    window.findChild(QMessageBox, "questionBox").button(QMessageBox.StandardButton.Yes).click()
    with plan_db.session() as session:
        section_id = session.scalars(select(Section.id).where(Section.level == 1).order_by(Section.position)).first()
    controller._select(("section", section_id))
    controller.heading_form.title.setText("改过的一级标题")
    controller.heading_form.title.returnPressed.emit()  # Enter

    # the registry and the settings
    registry = RegistryDialog(ledger, window)
    registry.select_unit(find_unit(ledger.session(), "市环保局").id)
    registry.name_edit.setText("市生态环境局")
    registry.rename_button.click()
    registry.close()
    settings = SettingsDialog(ledger, window)
    settings.report_day.setValue(28)
    settings.accept()

    # undo and redo
    ledger.undo_stack.undo()
    ledger.undo_stack.redo()
    assert count(plan_db, HistoryEntry) == history + 10  # 8 operations, an undo, a redo
    with plan_db.session() as session:
        assert session.get_one(Setting, "report_day").value == "28"

    # a plan imported in a worker, after a backup
    plan = workbook(tmp_path / "厦门市2022年政务公开重点任务分工.xlsx", "厦门市2022年政务公开重点任务分工")
    dialog = ImportPlanDialog(ledger, plan, window)
    with qtbot.waitSignal(dialog.shown, timeout=10_000):
        dialog.open()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()

    # returned sheets imported in a worker
    with plan_db.session() as session:
        sheets = fill_in_sheets(session, 1, "2016-06", units=["市发改委"])
    (sheet,) = make_returns(sheets, tmp_path / "returns")
    book = openpyxl.load_workbook(sheet)
    book.worksheets[0]["F4"] = "推进中"
    book.save(sheet)
    returns = ReturnsImportDialog(ledger, read_returns_job(plan_db, 1, "2016-06", [sheet]), window)
    with qtbot.waitSignal(returns.imported, timeout=10_000):
        returns.accept()
    entries = count(plan_db, ProgressEntry)
    ledger.undo_stack.undo()
    assert count(plan_db, ProgressEntry) == entries - 1

    # a restore, then an edit of the restored ledger
    backup = backup_now(plan_db.path)
    controller.restore_from(backup)
    assert ledger.database is not plan_db
    controller.open_task(task_id(ledger.database, 2))
    controller.task_form.title.setText("恢复之后修改的标题")
    assert controller.task_form.save()
    ledger.database.close()

    assert door.outside == []
    assert door.through_runner > 20
