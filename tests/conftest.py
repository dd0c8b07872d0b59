"""Shared fixtures: real SQLite files in a temporary folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, select, text

from db.resources import BUNDLED_PLAN
from db.schema.database import Database, open_database
from db.schema.models import Plan, Task

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    """The tests build windows by the thousand in one process: guard it as
    the program guards its own (desktop/refcounts.py), or the run may end in
    "Fatal Python error: bool_dealloc"."""
    from desktop.refcounts import guard_singletons

    guard_singletons()


ROOT = Path(__file__).resolve().parents[1]
TABLES = (
    "plans",
    "sections",
    "tasks",
    "units",
    "unit_aliases",
    "collective_members",
    "assignments",
    "progress_entries",
    "settings",
    "history",
)


@pytest.fixture(autouse=True)
def settings_in_tmp(tmp_path: Path) -> None:
    """Windows remember their layout in QSettings: keep the tests' out of the user's."""
    from PySide6.QtCore import QSettings

    for format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(format, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture(autouse=True)
def data_folder_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder (the window's drafts file, the default ledger)
    in the test's folder, for this process and the ones it starts."""
    folder = tmp_path / "data"
    monkeypatch.setenv("LOCALAPPDATA" if sys.platform == "win32" else "XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def clipboard_emptied() -> Iterator[None]:
    """Empty the clipboard after each test. Qt's offscreen platform (the
    tests') deletes what a window copied twice when the application ends,
    and the test process dies with SIGSEGV after every test has passed; the
    platforms users have (xcb, windows) do not (measured: a QMimeData set on
    the clipboard, then the application quit)."""
    yield
    from PySide6.QtGui import QGuiApplication

    if isinstance(QGuiApplication.instance(), QGuiApplication):
        QGuiApplication.clipboard().clear()


@pytest.fixture
def empty_db(tmp_path: Path) -> Database:
    """A new database holding the unit registry and no plan."""
    database = open_database(tmp_path / "ledger.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def plan_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan read and stored once for the whole run."""
    path = tmp_path_factory.mktemp("template") / "ledger.db"
    open_database(path, first_plan=BUNDLED_PLAN).close()
    return path


@pytest.fixture
def plan_db(plan_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A new database holding the bundled 2016 plan (a copy of the template:
    reading and importing the plan for every test would take most of the run)."""
    shutil.copy(plan_template, tmp_path / "ledger.db")
    database = open_database(tmp_path / "ledger.db")
    yield database
    database.close()


@pytest.fixture
def levels_db(tmp_path: Path) -> Iterator[Database]:
    """A new database holding the plan of tests/three_levels.py: three levels
    of headings, task numbers restarting in each."""
    from tests.three_levels import store, three_level_plan

    database = open_database(tmp_path / "ledger.db")
    store(database, three_level_plan())
    yield database
    database.close()


@pytest.fixture
def ledger(plan_db: Database) -> Path:
    """The 2016 ledger, closed, never backed up (opening plan_db made its start backup)."""
    plan_db.close()
    shutil.rmtree(plan_db.path.parent / "backups", ignore_errors=True)
    return plan_db.path


def plan_id(database: Database) -> int:
    with database.session() as session:
        return session.scalars(select(Plan.id)).one()


def task_id(database: Database, number: int) -> int:
    with database.session() as session:
        return session.scalars(select(Task.id).where(Task.number == number)).one()


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    """The SELECT statements run on the engine inside the block."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, to compare a database before and after."""
    database = open_database(path)
    try:
        with database.engine.connect() as connection:
            return {
                table: sorted(map(tuple, connection.execute(text(f"SELECT * FROM {table}"))), key=repr)
                for table in TABLES
            }
    finally:
        database.close()


HOLD_DATABASE = """
import sys
from db.schema.database import open_database
database = open_database(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
database.close()
"""


@contextmanager
def held_by_another_process(path: Path) -> Iterator[subprocess.Popen]:
    """Another process on this PC that has the database at `path` open for
    writing until the block ends (then it closes it and exits)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_DATABASE, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "open"
        yield process
    finally:
        if process.stdin is not None:
            process.stdin.close()
        process.wait(timeout=60)
        if process.stdout is not None:
            process.stdout.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ledger_state(path: Path) -> tuple[str, str]:
    """The file's digest and its JSON export, to show that a refused operation
    left the database byte for byte as it was. The export is taken from a
    copy (with its -wal), so that looking leaves nothing beside the file."""
    from db.queries.export_json import export_dict

    digest = file_digest(path)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        if Path(f"{path}-wal").exists():
            shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        database = open_database(copy)
        try:
            with database.session() as session:
                export = json.dumps(export_dict(session), ensure_ascii=False, sort_keys=True)
        finally:
            database.close()
    return digest, export


def run_main(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """main.py in a new process, as a person runs it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def refused(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Assert a command was refused as a person should see it: exit status 2,
    one plain line on stderr holding every fragment, no traceback; the line."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Let jobs of the window's thread pool end before the interpreter does:
    a worker still running while Python finalises can crash it."""
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10_000)
