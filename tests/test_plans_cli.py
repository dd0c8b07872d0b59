"""`import-plan` with any format, --preview, --column/--row and the remembered
layout, the registry rules; real processes and files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from db.plans.registry import load_registry_file
from tests.conftest import ROOT, file_digest

CORPUS = ROOT / "tests" / "data" / "plans"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True, timeout=120
    )


def rows(database: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def office_plan(path: Path, year: int) -> Path:
    """A small plan whose 备注 column in fact holds the responsible units."""
    document = Document()
    document.add_paragraph(f"某区{year}年重点任务分工")
    table = document.add_table(rows=3, cols=4)
    for row, texts in enumerate(
        [
            ["序号", "工作任务", "牵头单位", "备注"],
            ["1", "任务甲", "区财政局", "各街道"],
            ["2", "任务乙", "区司法局", "区直有关部门"],
        ]
    ):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    document.save(str(path))
    return path


def test_preview_prints_the_reading_and_writes_nothing(tmp_path: Path) -> None:
    database = tmp_path / "new.db"
    result = run("--db", database, "import-plan", CORPUS / "linlan-2022-yingshang.pdf", "--preview")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "第  1 列" in out and "序号（number）" in out and "（按内容判断）" in out
    assert "一级标题" in out and "任务 1" in out
    assert "共：一级标题" in out
    assert not database.exists()


def test_preview_leaves_an_existing_database_as_it_was(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    assert run("--db", database, "import-plan", office_plan(tmp_path / "a.docx", 2021)).returncode == 0
    before = file_digest(database)
    result = run("--db", database, "import-plan", office_plan(tmp_path / "b.docx", 2022), "--preview")
    assert result.returncode == 0, result.stderr
    assert file_digest(database) == before


def test_a_column_role_chosen_once_is_remembered_for_the_layout(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    first = run("--db", database, "import-plan", office_plan(tmp_path / "a.docx", 2021), "--column", "4=责任单位")
    assert first.returncode == 0, first.stderr
    assert "列设置已保存" in first.stdout
    second = run("--db", database, "import-plan", office_plan(tmp_path / "b.docx", 2022))
    assert second.returncode == 0, second.stderr
    assert "按上次为这种表格保存的列设置读取" in second.stdout
    named = rows(
        database,
        "SELECT p.year, t.number, u.name FROM assignments a JOIN tasks t ON t.id = a.task_id "
        "JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = a.unit_id WHERE a.role = 'responsible' "
        "ORDER BY p.year, t.number",
    )
    assert named == [(2021, 1, "各街道"), (2021, 2, "区直有关部门"), (2022, 1, "各街道"), (2022, 2, "区直有关部门")]


def test_row_kind_chosen_on_the_command_line(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    result = run(
        "--db", database, "import-plan", office_plan(tmp_path / "a.docx", 2021), "--row", "3=ignore", "--preview"
    )
    assert result.returncode == 0, result.stderr
    assert "第    3 行  不读" in result.stdout and "任务 1 项" in result.stdout


@pytest.mark.parametrize("option", [["--column", "0=lead"], ["--column", "2=boss"], ["--row", "x=task"]])
def test_bad_choices_are_refused(tmp_path: Path, option: list[str]) -> None:
    result = run("--db", tmp_path / "new.db", "import-plan", office_plan(tmp_path / "a.docx", 2021), *option)
    assert result.returncode == 2
    assert "a.docx" in result.stderr and "序号=名称" in result.stderr
    assert not (tmp_path / "new.db").exists()


@pytest.mark.parametrize("name", ["bad-old-word.doc", "bad-scanned.pdf", "bad-password.docx", "bad-no-table.docx"])
def test_bad_file_exit_2_database_unchanged_or_not_made(tmp_path: Path, name: str) -> None:
    fresh = tmp_path / "fresh.db"
    result = run("--db", fresh, "import-plan", CORPUS / name)
    assert result.returncode == 2 and name in result.stderr and "Traceback" not in result.stderr
    assert not fresh.exists()
    database = tmp_path / "ledger.db"
    assert run("--db", database, "import-plan", office_plan(tmp_path / "a.docx", 2021)).returncode == 0
    before = file_digest(database)
    assert run("--db", database, "import-plan", CORPUS / name).returncode == 2
    assert file_digest(database) == before


def test_another_office_gets_no_xiamen_units(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    result = run("--db", database, "import-plan", CORPUS / "linlan-2021-zwgk.docx")
    assert result.returncode == 0, result.stderr
    assert "没有成员的统称" in result.stdout and "市直有关部门" in result.stdout
    units = {name for (name,) in rows(database, "SELECT name FROM units")}
    xiamen = {entry.name for entry in load_registry_file()} - units
    assert "各区人民政府" in xiamen and "市审改办" not in units
    assert rows(database, "SELECT kind FROM units WHERE name = '市直有关部门'") == [("collective",)]
    assert rows(database, "SELECT COUNT(*) FROM collective_members") == [(0,)]


def test_the_bundled_plan_as_pdf_brings_its_registry(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    result = run("--db", database, "import-plan", CORPUS / "xiamen-2016.pdf")
    assert result.returncode == 0, result.stderr
    assert "工作任务 66 项" in result.stdout and "已同时载入其单位登记表" in result.stdout
    members = rows(
        database,
        "SELECT COUNT(*) FROM collective_members m JOIN units c ON c.id = m.collective_id "
        "WHERE c.name = '各区人民政府'",
    )
    assert members == [(6,)]
