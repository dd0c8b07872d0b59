"""The command line as a new user runs it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from db import __version__
from db.resources import BUNDLED_PLAN
from tests.conftest import ROOT, dump, file_digest
from tests.conftest import run_main as run


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database made by `import-plan` of the bundled plan (shared, never written by tests)."""
    path = tmp_path_factory.mktemp("cli") / "ledger.db"
    result = run("--db", path, "import-plan", BUNDLED_PLAN)
    assert result.returncode == 0, result.stderr
    return path


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_import_prints_what_it_read(tmp_path: Path) -> None:
    result = run("--db", tmp_path / "new.db", "import-plan", BUNDLED_PLAN)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "厦门市2016年政务公开工作主要任务责任分工" in out
    assert "一级标题 6 个，二级标题 24 个，工作任务 66 项" in out
    assert "任务   2  牵头单位：市编办" in out
    assert "任务  33  责任单位：市卫计委，市建设局，市水利局，市市政园林局，市国资委，市政集团" in out
    assert "未写明牵头单位的任务 18 项：4, 5, 39" in out


def _all_tasks(section: dict) -> list[dict]:
    return section["tasks"] + [task for sub in section["sections"] for task in _all_tasks(sub)]


def test_export_gives_the_documented_structure(ledger: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.json"
    result = run("--db", ledger, "export", out)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    [plan] = data["plans"]
    assert (plan["title"], plan["year"]) == ("厦门市2016年政务公开工作主要任务责任分工", 2016)
    assert [s["numeral"] for s in plan["sections"]] == list("一二三四五六")
    assert sum(len(s["sections"]) for s in plan["sections"]) == 24
    tasks = [task for section in plan["sections"] for task in _all_tasks(section)]
    assert [task["number"] for task in tasks] == list(range(1, 67))
    by_number = {task["number"]: task for task in tasks}
    assert set(by_number[1]) >= {
        "number",
        "title",
        "requirement",
        "deadline",
        "lead_units",
        "responsible_units",
        "progress",
    }
    assert by_number[1]["lead_units"] == ["市编办"]
    assert by_number[1]["responsible_units"] == ["各区人民政府", "市直各委、办、局", "各开发区管委会"]
    assert "市市政园林局" in by_number[32]["responsible_units"]  # canonical, written 市政园林局
    assert by_number[53]["lead_units"] == ["市应急办", "市政府新闻办"]
    assert by_number[4]["lead_units"] == []
    assert by_number[1]["progress"] == []


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某市2017年工作分工"])
    sheet.append(["序号", "工作任务", "牵头单位", "责任单位", "工作要求"])
    sheet.append(["一、部分"])
    sheet.append([1, "任务", "市发改委", "各区人民政府", "要求"])
    book.save(path)
    return path


def _bad_inputs(folder: Path) -> dict[str, Path]:
    files = {name: folder / name for name in ("empty.txt", "junk.txt", "notasks.txt", "truncated.xlsx", "entity.xlsx")}
    files["empty.txt"].write_bytes(b"")
    files["junk.txt"].write_bytes(bytes(range(256)) * 64)
    files["notasks.txt"].write_text("关于做好2016年政务公开工作的通知\n\n各单位：请认真落实。\n", encoding="utf-8")
    valid = _workbook(folder / "valid.xlsx").read_bytes()
    files["truncated.xlsx"].write_bytes(valid[: len(valid) // 2])
    with zipfile.ZipFile(folder / "valid.xlsx") as source, zipfile.ZipFile(files["entity.xlsx"], "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + data
            target.writestr(item, data)
    files["missing.txt"] = folder / "missing.txt"
    files["duplicate.txt"] = BUNDLED_PLAN
    return files


@pytest.mark.parametrize(
    "name", ["missing.txt", "empty.txt", "junk.txt", "notasks.txt", "truncated.xlsx", "entity.xlsx", "duplicate.txt"]
)
def test_bad_input_is_refused_and_the_database_is_unchanged(ledger: Path, tmp_path: Path, name: str) -> None:
    bad = _bad_inputs(tmp_path)[name]
    rows = dump(ledger)
    digest = file_digest(ledger)
    result = run("--db", ledger, "import-plan", bad)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and bad.name in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert file_digest(ledger) == digest
    assert dump(ledger) == rows


def test_bad_input_on_a_new_database_creates_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("--db", tmp_path / "new.db", "import-plan", bad)
    assert result.returncode == 2
    assert not (tmp_path / "new.db").exists()


def test_db_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    result = run("--db", tmp_path / "no" / "ledger.db", "import-plan", BUNDLED_PLAN)
    assert result.returncode == 2
    assert "不存在" in result.stderr
    assert not (tmp_path / "no").exists()


def test_export_to_a_missing_folder_is_refused(ledger: Path, tmp_path: Path) -> None:
    result = run("--db", ledger, "export", tmp_path / "no" / "out.json")
    assert result.returncode == 2
    assert "out.json" in result.stderr and "Traceback" not in result.stderr


def test_title_and_year_options(tmp_path: Path) -> None:
    result = run("--db", tmp_path / "t.db", "import-plan", BUNDLED_PLAN, "--title", "另一个标题", "--year", "2017")
    assert result.returncode == 0, result.stderr
    assert "“另一个标题”（2017 年）" in result.stdout


def test_report_commands_write_pdfs(ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv("DUBAN_FONT_DIRS", str(ROOT / "tests" / "data" / "fonts"))
    sheet, notices = tmp_path / "sheet.pdf", tmp_path / "notices.pdf"
    result = run("--db", ledger, "report", "sheet", "--month", "2016-06", "-o", sheet)
    assert result.returncode == 0, result.stderr
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(sheet).pages)  # a title wraps in its cell
    assert "加大空气质量预测预报信息公开力度" in text and "截至2016年6月底" in text
    result = run("--db", ledger, "report", "notices", "--month", "2016-06", "--unit", "市环保局", "-o", notices)
    assert result.returncode == 0, result.stderr
    assert "市环保局" in "".join(page.extract_text() for page in PdfReader(notices).pages)
    result = run("--db", ledger, "report", "notices", "--unit", "不存在的单位", "-o", notices)
    assert result.returncode == 2 and "不存在的单位" in result.stderr


def test_report_names_the_characters_no_font_has(ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from pypdf import PdfReader

    from db.operations.progress import Report, record_month
    from db.schema.database import open_database
    from tests.conftest import task_id

    database_path = tmp_path / "ledger.db"
    shutil.copy(ledger, database_path)
    database = open_database(database_path)
    with database.transaction() as session:
        record_month(session, "2016-06", {task_id(database, 12): Report("in_progress", done="联系人：张𠀀😀")})
    database.close()
    fonts = ROOT / "tests" / "data" / "fonts"
    monkeypatch.setenv("DUBAN_SYSTEM_FONTS", "0")  # the test fonts only, on any machine
    monkeypatch.setenv("DUBAN_FONT_DIRS", str(fonts))
    sheet = tmp_path / "sheet.pdf"
    result = run("--db", database_path, "report", "sheet", "--month", "2016-06", "-o", sheet)
    assert result.returncode == 0, result.stderr
    warning = "注意：以下字符没有可用字体，打印为空白：𠀀（U+20000，第12项的本月进展）；😀（U+1F600，第12项的本月进展）"
    assert warning in result.stdout
    assert "联系人：张" in "".join(page.extract_text() for page in PdfReader(sheet).pages)  # built all the same
    command = [sys.executable, str(ROOT / "main.py"), "--db", str(database_path), "report", "sheet"]
    gbk = subprocess.run(  # a Chinese Windows' code page has neither character: a pipe gets UTF-8 (commands/output.py)
        [*command, "--month", "2016-06", "-o", str(sheet)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "gbk"},
        timeout=60,
    )
    assert gbk.returncode == 0, gbk.stderr.decode("utf-8")
    assert warning in gbk.stdout.decode("utf-8")

    monkeypatch.setenv("DUBAN_FONT_DIRS", os.pathsep.join([str(fonts), str(fonts / "fallback")]))
    result = run("--db", database_path, "report", "sheet", "--month", "2016-06", "-o", sheet)
    assert result.returncode == 0, result.stderr
    assert "没有可用字体" not in result.stdout
    assert "联系人：张𠀀😀" in "".join(page.extract_text() for page in PdfReader(sheet).pages)


def test_excel_ledger_and_the_returns_round_trip(tmp_path: Path) -> None:
    import shutil

    import openpyxl

    database = tmp_path / "ledger.db"
    assert run("--db", database, "import-plan", BUNDLED_PLAN).returncode == 0
    result = run("--db", database, "export", tmp_path / "ledger.xlsx", "--month", "2016-06")
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(tmp_path / "ledger.xlsx").active.max_row > 66
    folder = tmp_path / "returns"
    folder.mkdir()
    result = run("--db", database, "make-returns", "--month", "2016-06", "-o", folder)
    assert result.returncode == 0, result.stderr
    [sheet_file] = folder.glob("市环保局_*.xlsx")
    book = openpyxl.load_workbook(sheet_file)
    sheet = book.worksheets[0]
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "序号")
    columns = {sheet.cell(header_row, c).value: c for c in range(1, sheet.max_column + 1)}
    sheet.cell(header_row + 1, columns["状态"]).value = "已完成"
    sheet.cell(header_row + 1, columns["6月进展情况"]).value = "已开设空气质量专栏"
    book.save(sheet_file)

    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    before = dump(database)
    result = run("--db", database, "import-returns", sheet_file, junk)
    assert result.returncode == 2 and "junk.xlsx" in result.stderr
    assert dump(database) == before  # the good file was not written either

    # Item 20: the same return named twice (here also through a link) counts once.
    link = tmp_path / "link.xlsx"
    link.symlink_to(sheet_file)
    result = run("--db", database, "import-returns", sheet_file, folder / "." / sheet_file.name, link)
    assert result.returncode == 0, result.stderr
    assert "已导入 1 份填报表（2016-06），写入进展 1 条" in result.stdout
    shutil.rmtree(folder)


def test_backup_and_restore_commands(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    assert run("--db", database, "import-plan", BUNDLED_PLAN).returncode == 0
    result = run("--db", database, "backup")
    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.strip().split("已备份到 ", 1)[1])
    assert backup.exists() and backup.parent.name == "backups"
    before = dump(database)
    result = run("--db", database, "restore", backup)
    assert result.returncode == 0, result.stderr
    assert dump(database)["tasks"] == before["tasks"]
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"junk")
    result = run("--db", database, "restore", junk)
    assert result.returncode == 2 and "junk.db" in result.stderr


def test_unlock_removes_a_lock_left_by_another_pc(tmp_path: Path) -> None:
    import json

    database = tmp_path / "ledger.db"
    assert run("--db", database, "import-plan", BUNDLED_PLAN).returncode == 0
    lock = tmp_path / "ledger.db.lock"
    lock.write_text(json.dumps({"pid": 4242, "host": "另一台电脑", "started": 1.0e9, "token": "x"}), encoding="utf-8")
    second_year = ("--db", database, "import-plan", BUNDLED_PLAN, "--year", "2017")
    assert run(*second_year).returncode == 2  # in use elsewhere (reading it is not: export opens it read-only)
    assert run("--db", database, "export", tmp_path / "x.json").returncode == 0
    result = run("--db", database, "unlock")
    assert result.returncode == 0 and "另一台电脑" in result.stdout
    assert not lock.exists()
    assert run(*second_year).returncode == 0
