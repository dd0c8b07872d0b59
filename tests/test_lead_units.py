"""Tasks a plan names no lead unit for: given one in the import preview or
with `import-plan --lead`, stored with the plan; the others reported as such."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from docx import Document
from sqlalchemy import select

from db.resources import BUNDLED_PLAN
from db.schema.database import Database
from db.schema.models import Assignment, Task, Unit
from desktop.import_dialog import ImportPlanDialog
from desktop.ledger import Ledger
from tests.conftest import file_digest, refused, run_main


def plan_without_leads(path: Path) -> Path:
    """Three tasks, of which 2 and 3 name no lead unit."""
    document = Document()
    document.add_paragraph("某区2021年重点任务分工")
    table = document.add_table(rows=4, cols=3)
    for row, texts in enumerate(
        [["序号", "工作任务", "牵头单位"], ["1", "任务甲", "区财政局"], ["2", "任务乙", ""], ["3", "任务丙", ""]]
    ):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    document.save(str(path))
    return path


def leads(database: Path) -> dict[int, list[str]]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT t.number, u.name FROM tasks t LEFT JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' "
            "LEFT JOIN units u ON u.id = a.unit_id ORDER BY t.number"
        ).fetchall()
    found: dict[int, list[str]] = {}
    for number, name in rows:
        found.setdefault(number, [])
        if name:
            found[number].append(name)
    return found


def test_import_plan_lead_gives_a_task_its_lead_unit(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    result = run_main("--db", database, "import-plan", plan_without_leads(tmp_path / "a.docx"), "--lead", "2=区司法局")
    assert result.returncode == 0, result.stderr
    assert leads(database) == {1: ["区财政局"], 2: ["区司法局"], 3: []}
    assert "未写明牵头单位的任务 1 项：3（在“需明确牵头单位”之下催报；可用 --lead 任务编号=单位 指定" in result.stdout


def test_a_lead_for_no_leadless_task_is_refused_and_nothing_written(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    assert run_main("--db", database, "import-plan", plan_without_leads(tmp_path / "b.docx")).returncode == 0
    before = file_digest(database)
    plan = plan_without_leads(tmp_path / "a.docx")
    for lead, fragment in (
        ("9=区司法局", "计划中没有未写明牵头单位的任务 9"),
        ("1=区司法局", "任务 1"),
        ("2=", "应写作 任务编号=牵头单位"),
    ):
        refused(
            run_main("--db", database, "import-plan", plan, "--title", "另一个", "--lead", lead), "a.docx", fragment
        )
        assert file_digest(database) == before


def test_the_preview_asks_for_a_lead_unit_for_each_task_without_one(qtbot, empty_db: Database) -> None:
    ledger = Ledger(empty_db)
    dialog = ImportPlanDialog(ledger, BUNDLED_PLAN)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    pane = dialog.lead_units
    assert pane.isVisible() and pane.model.rowCount() == 18
    assert pane.model.index(0, 0).data().startswith("4. ")
    assert "市编办" in pane.delegate.names  # the plan's own names are offered

    pane.give(0, " 市市场监督管理局 ")
    qtbot.waitUntil(lambda: "1 given" in pane.title.text(), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    assert pane.model.rowCount() == 18  # a task given its lead unit stays in the list, to be changed again
    assert pane.model.index(0, 1).data() == "市市场监督管理局"

    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    with empty_db.session() as session:
        task = session.scalars(select(Task).where(Task.number == 4)).one()
        lead = session.scalars(
            select(Unit.name).join(Assignment).where(Assignment.task_id == task.id, Assignment.role == "lead")
        ).all()
        unled = session.scalar(select(Task.id).where(Task.number == 5))
        assert not session.scalars(
            select(Assignment).where(Assignment.task_id == unled, Assignment.role == "lead")
        ).all()
    assert lead == ["市市场监督管理局"]
