"""Files the program writes (issue 10, items 17 and 21): names every Windows
PC can create, a unit's sheet that cannot take the hidden sheet's title, and
files made with the user's umask rather than mkstemp's 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from db.operations.returns import IMPORT_RETURNS
from db.operations.runner import perform
from db.queries.export_json import write_json
from db.queries.sheets import fill_in_sheets, ledger_data
from db.returns.contract import META_SHEET
from db.returns.reading import read_returns
from db.schema.database import Database
from db.schema.models import Plan, Unit
from documents.excel.ledger import write_ledger
from documents.excel.returns import make_returns
from tests.conftest import ROOT

MONTH = "2016-06"
UNIT = "市环保局"  # leads tasks 32–35


def rename_unit(database: Database, name: str) -> None:
    with database.transaction() as session:
        session.scalars(select(Unit).where(Unit.name == UNIT)).one().name = name


def fill_in_sheet(database: Database, folder: Path, unit: str) -> Path:
    with database.session() as session:
        sheets = fill_in_sheets(session, session.scalar(select(Plan.id)), MONTH, units=[unit])
    (path,) = make_returns(sheets, folder)
    return path


def import_returned(database: Database, path: Path) -> int:
    with database.session() as session:
        preview = read_returns(session, [path])
    return perform(database, IMPORT_RETURNS(preview)).value


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("CON", "_CON_2016年6月进展填报表.xlsx"),
        ("LPT1.txt", "_LPT1.txt_2016年6月进展填报表.xlsx"),  # Windows reads LPT1.txt_… as the printer port
        ("nul", "_nul_2016年6月进展填报表.xlsx"),
        ("COM9 . 局", "_COM9 . 局_2016年6月进展填报表.xlsx"),
        ("市环保局<生态>|环境?", "市环保局_生态__环境__2016年6月进展填报表.xlsx"),
        ("市环保局.", "市环保局_2016年6月进展填报表.xlsx"),  # Windows drops a trailing dot
    ],
)
def test_fill_in_files_are_named_as_windows_allows(plan_db: Database, tmp_path: Path, unit: str, name: str) -> None:
    """Item 17: a unit named LPT1.txt or CON got a file Windows cannot create."""
    rename_unit(plan_db, unit)
    path = fill_in_sheet(plan_db, tmp_path, unit)
    assert path.name == name
    workbook = openpyxl.load_workbook(path)
    workbook.worksheets[0]["F4"] = "推进中"
    workbook.save(path)
    assert import_returned(plan_db, path) == 1


def test_long_names_are_cut_to_100_characters(plan_db: Database, tmp_path: Path) -> None:
    from db.safety.storage import MAX_FILE_NAME, MAX_FILE_NAME_BYTES, safe_file_name

    long_name = "厦门市" + "某某" * 80 + "局"
    rename_unit(plan_db, long_name)
    path = fill_in_sheet(plan_db, tmp_path, long_name)
    assert len(path.name) <= MAX_FILE_NAME and len(path.name.encode()) <= MAX_FILE_NAME_BYTES
    assert path.name.startswith("厦门市某某") and path.name.endswith("_2016年6月进展填报表.xlsx")
    assert len(safe_file_name("x" * 300, ".xlsx")) == MAX_FILE_NAME


@pytest.mark.parametrize(
    ("stem", "name"),
    [
        ("AUX", "_AUX.pdf"),
        ("prn.old", "_prn.old.pdf"),
        ("CONSOLE", "CONSOLE.pdf"),
        ("a/b\\c:d", "a_b_c_d.pdf"),
        ("  ", "文件.pdf"),
        ("com¹", "_com¹.pdf"),
        ("LPT10", "LPT10.pdf"),
    ],
)
def test_safe_file_name(stem: str, name: str) -> None:
    from db.safety.storage import safe_file_name

    assert safe_file_name(stem, ".pdf") == name


@pytest.mark.parametrize("unit", [META_SHEET, META_SHEET.upper(), "History"])
def test_a_unit_sheet_never_takes_the_hidden_sheets_title(plan_db: Database, tmp_path: Path, unit: str) -> None:
    """Item 17: a unit named `_duban_meta` collided with the hidden sheet, and
    its return was always refused."""
    rename_unit(plan_db, unit)
    path = fill_in_sheet(plan_db, tmp_path, unit)
    workbook = openpyxl.load_workbook(path)
    data, meta = workbook.worksheets
    assert data.title == f"填报表_{unit}" and meta.title == META_SHEET and meta.sheet_state == "veryHidden"
    data["F4"] = "已完成"
    workbook.save(path)
    assert import_returned(plan_db, path) == 1


@pytest.fixture
def umask() -> Iterator[int]:
    """A umask other than the usual 022, so that a file merely left at 0644 does not pass."""
    old = os.umask(0o027)
    yield 0o027
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_follow_the_users_umask(
    plan_db: Database, tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 21: exported workbooks were created with mode 0600 (mkstemp's), so
    the office's other accounts, and a share, could not open them."""
    from db.queries.report_data import sheet_data
    from documents.pdf import fonts
    from documents.pdf.sheet import write_sheet

    monkeypatch.setenv(fonts.ENV_DIRS, str(ROOT / "tests" / "data" / "fonts"))
    monkeypatch.setattr(fonts, "cache_dir", lambda: tmp_path / "font-cache")

    with plan_db.session() as session:
        plan_id = session.scalar(select(Plan.id))
        written = [
            write_ledger(ledger_data(session, plan_id, MONTH), tmp_path / "台账.xlsx").path,
            *make_returns(fill_in_sheets(session, plan_id, MONTH, units=[UNIT]), tmp_path / "returns"),
        ]
        write_json(session, tmp_path / "ledger.json")
        written.append(tmp_path / "ledger.json")
        data = sheet_data(session, plan_id, MONTH)
    write_sheet(data, tmp_path / "督查表.pdf")
    written.append(tmp_path / "督查表.pdf")
    for path in written:
        assert mode(path) == 0o666 & ~umask, (path, oct(mode(path)))
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".partial")]
    assert leftovers == []
