"""The command line's reading commands (export, report sheet, report
notices --draft, make-returns …) open
the ledger read-only: no writer lock, no backup, no migration. They run while
the window (a real window process) or another writer holds the database, and
leave nothing beside a file nobody has open."""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from db.safety import backup, lock
from db.schema import migrate
from db.schema.engine import make_engine
from tests.conftest import ROOT, file_digest, held_by_another_process
from tests.conftest import run_main as run
from tests.test_lock import import_plan_elsewhere
from tests.test_window_process import child_env, our_stderr, start_window, wait_ready


def reading_commands(ledger: Path, out: Path) -> dict[str, list[object]]:
    """Every command that only reads the database, each writing its own file into `out`."""
    (out / "returns").mkdir(exist_ok=True)
    return {
        "export.json": ["--db", ledger, "export", out / "ledger.json"],
        "export.xlsx": ["--db", ledger, "export", out / "ledger.xlsx"],
        "report sheet": ["--db", ledger, "report", "sheet", "--month", "2016-06", "-o", out / "sheet.pdf"],
        "report notices --draft": [
            "--db",
            ledger,
            "report",
            "notices",
            "--draft",
            "--month",
            "2016-06",
            "--unit",
            "市环保局",
            "-o",
            out / "notices.pdf",
        ],
        "make-returns": ["--db", ledger, "make-returns", "--month", "2016-06", "-o", out / "returns"],
    }


def assert_written(out: Path) -> None:
    """What the reading commands wrote, read back."""
    assert '"title": "厦门市2016年政务公开工作主要任务责任分工"' in (out / "ledger.json").read_text(encoding="utf-8")
    sheet = openpyxl.load_workbook(out / "ledger.xlsx").worksheets[0]
    assert any("加大空气质量预测预报信息公开力度" in str(cell.value) for row in sheet.iter_rows() for cell in row)
    assert "截至2016年6月底" in "".join(page.extract_text() for page in PdfReader(out / "sheet.pdf").pages)
    assert "市环保局" in "".join(page.extract_text() for page in PdfReader(out / "notices.pdf").pages)
    assert any(path.suffix == ".xlsx" for path in (out / "returns").iterdir())


@pytest.fixture
def fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUBAN_FONT_DIRS", str(ROOT / "tests" / "data" / "fonts"))


def test_report_and_export_run_while_the_window_holds_the_database(ledger: Path, tmp_path: Path, fonts: None) -> None:
    window = start_window(ledger, child_env(tmp_path))
    try:
        wait_ready(window)
        holder = lock.holder_of(ledger)
        assert holder is not None and holder.pid == window.pid
        deadline = time.monotonic() + 60
        while backup.start_backup_due(ledger):  # the window's own, made in the background after it shows the plan
            assert time.monotonic() < deadline and window.poll() is None
            time.sleep(0.05)
        backups = sorted(info.path for info in backup.list_backups(ledger))
        out = tmp_path / "out"
        out.mkdir()
        for name, arguments in reading_commands(ledger, out).items():
            result = run(*arguments)
            assert result.returncode == 0, (name, result.stdout, result.stderr)
            assert "Traceback" not in result.stderr and "只读" not in result.stdout, name
        assert_written(out)
        assert lock.holder_of(ledger).pid == window.pid  # no command took or spoilt the window's lock
        assert sorted(info.path for info in backup.list_backups(ledger)) == backups  # no command backed it up

        refused = import_plan_elsewhere(ledger)  # a command that writes is still kept out
        assert refused.returncode == 2 and f"上的进程 {window.pid} 使用" in refused.stderr
        issued = run(
            "--db", ledger, "report", "notices", "--month", "2016-06", "-o", out / "issued.pdf"
        )  # registers them
        assert issued.returncode == 2 and f"上的进程 {window.pid} 使用" in issued.stderr
        assert not (out / "issued.pdf").exists()
    finally:
        window.terminate()
        _, stderr = window.communicate(timeout=60)
    assert (window.returncode, our_stderr(stderr)) == (0, []), stderr


def test_reading_commands_take_no_lock_while_another_writer_holds_it(ledger: Path, tmp_path: Path, fonts: None) -> None:
    with held_by_another_process(ledger) as holder:
        content = lock.lock_path(ledger).read_bytes()
        out = tmp_path / "out"
        out.mkdir()
        for name, arguments in reading_commands(ledger, out).items():
            result = run(*arguments)
            assert result.returncode == 0, (name, result.stderr)
        assert lock.lock_path(ledger).read_bytes() == content
        assert lock.holder_of(ledger).pid == holder.pid
    assert_written(out)


def test_reading_commands_leave_nothing_beside_the_ledger(ledger: Path, tmp_path: Path, fonts: None) -> None:
    """No lock, no backups folder, no -wal or -shm, the file byte for byte:
    reading a ledger nobody has open changes nothing on the disk."""
    out = tmp_path / "out"
    out.mkdir()
    before = sorted(path.name for path in ledger.parent.iterdir())
    digest = file_digest(ledger)
    for name, arguments in reading_commands(ledger, out).items():
        result = run(*arguments)
        assert result.returncode == 0, (name, result.stderr)
        assert sorted(path.name for path in ledger.parent.iterdir()) == before, name
    assert file_digest(ledger) == digest
    assert backup.list_backups(ledger) == []


def test_a_reading_command_does_not_migrate_an_older_ledger(tmp_path: Path) -> None:
    """An older schema is refused, saying how to upgrade it, and left as it was (no migration backup either)."""
    path = tmp_path / "old.db"
    engine = make_engine(path)
    migrate.upgrade(engine, migrate.known_revisions()[0])
    engine.dispose()
    before = sorted(p.name for p in tmp_path.iterdir())
    digest = file_digest(path)
    result = run("--db", path, "export", tmp_path / "out.json")
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"错误：{path}：数据库由旧版本的程序创建，需要先升级一次才能读取")
    assert "Traceback" not in result.stderr
    assert file_digest(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (tmp_path / "out.json").exists()


def test_a_reading_command_on_a_missing_ledger_creates_nothing(tmp_path: Path) -> None:
    result = run("--db", tmp_path / "none.db", "export", tmp_path / "out.json")
    assert result.returncode == 2
    assert result.stderr.strip() == f"错误：{tmp_path / 'none.db'}：数据库不存在，请先用 import-plan 导入工作计划"
    assert list(tmp_path.iterdir()) == []
