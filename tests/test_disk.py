"""A full disk and a read-only file (issue 10, items 10 and 11): a plain
"磁盘空间不足…" with the space needed, or "文件是只读的…", never a traceback
and never a claim that the ledger is damaged; the data stays whole.

The full disk is a small tmpfs, mounted when the tests run as root (CI
does); the read-only files are made immutable with `chattr +i`. Elsewhere
these tests skip and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from db.operations.import_plan import import_plan
from db.plans import read_plan
from db.plans.registry import collective_names
from db.resources import BUNDLED_PLAN
from db.safety.backup import backup_before
from db.schema.database import Database, open_database
from db.schema.models import Plan
from tests.conftest import ROOT, ledger_state, refused, run_main

FONT = ROOT / "tests" / "data" / "fonts" / "wqy-microhei.ttc"

if TYPE_CHECKING:
    from desktop.controller import Controller

DISK_BYTES = 4 * 1024 * 1024
RESERVE = 1024 * 1024  # db.safety.storage.RESERVE: the room always asked for


def _skip_unless_root(what: str) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip(f"{what} needs root (CI runs as root); this run is not")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs of its own, unmounted afterwards."""
    _skip_unless_root("mounting a small tmpfs")
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def leave_free(folder: Path, free: int) -> None:
    """Fill the disk holding `folder` until about `free` bytes are left."""
    available = shutil.disk_usage(folder).free
    with (folder / "filler").open("wb") as filler:
        filler.write(b"\0" * max(available - free, 0))


@pytest.fixture
def ledger_on_small_disk(ledger: Path, small_disk: Path) -> Path:
    path = small_disk / "ledger.db"
    shutil.copyfile(ledger, path)
    return path


def test_with_20_kb_free_the_ledger_is_not_called_damaged(ledger_on_small_disk: Path, tmp_path: Path) -> None:
    """Item 10: with 20 KB free, opening for an import said the ledger was
    damaged (the check could not create its -shm)."""
    path = ledger_on_small_disk
    state = ledger_state(path)
    leave_free(path.parent, 20 * 1024)
    result = run_main("--db", path, "import-plan", BUNDLED_PLAN, "--title", "2016年另一份计划")
    line = refused(result, str(path), "磁盘空间不足")
    assert "损坏" not in line
    (path.parent / "filler").unlink()
    assert ledger_state(path) == state


def test_an_import_that_does_not_fit_says_how_much_is_needed(ledger_on_small_disk: Path, tmp_path: Path) -> None:
    """Room to open the ledger and back it up, not to store a plan of 2,000 tasks."""
    from bench.synthetic import write_text_plan

    path = ledger_on_small_disk
    plan = write_text_plan(tmp_path / "plan.txt", 2000, 100, year=2031, seed=3)
    state = ledger_state(path)
    leave_free(path.parent, 1536 * 1024)
    line = refused(
        run_main("--db", path, "import-plan", plan), str(path), "磁盘空间不足（需要约 ", "只剩 ", "数据库保持原样"
    )
    assert "损坏" not in line and "Errno" not in line
    (path.parent / "filler").unlink()
    assert ledger_state(path) == state


def test_a_write_that_fills_the_disk_is_rolled_back_and_named(ledger_on_small_disk: Path, tmp_path: Path) -> None:
    """The estimate passed, the disk filled during the transaction: SQLite's
    "database or disk is full" becomes DiskFullError, nothing is kept."""
    from bench.synthetic import write_text_plan
    from db.errors import DiskFullError

    path = ledger_on_small_disk
    plan = write_text_plan(tmp_path / "plan.txt", 5000, 100, year=2031, seed=3)
    state = ledger_state(path)
    database = open_database(path)
    try:
        with database.session() as session:
            parsed = read_plan(plan, collective_names(session))
        leave_free(path.parent, RESERVE + 256 * 1024)
        with (
            pytest.raises(DiskFullError, match=r"磁盘空间不足.*本次修改未保存，数据库保持原样"),
            database.transaction() as session,
        ):
            import_plan(session, parsed)  # no estimate given: only the reserve is checked first
        with database.session() as session:
            assert session.scalar(select(Plan.title).where(Plan.year == 2031)) is None
    finally:
        database.close()
    (path.parent / "filler").unlink()
    assert ledger_state(path) == state


def test_a_backup_that_does_not_fit_is_refused_and_leaves_nothing(ledger_on_small_disk: Path) -> None:
    from db.errors import DiskFullError

    path = ledger_on_small_disk
    leave_free(path.parent, RESERVE + 64 * 1024)  # less than the ledger's size beyond the reserve
    state = ledger_state(path)
    line = refused(run_main("--db", path, "backup"), "磁盘空间不足（需要约 ", "未能备份")
    assert "损坏" not in line
    assert list((path.parent / "backups").iterdir()) == []
    with pytest.raises(DiskFullError, match="未能备份"):
        backup_before(path, "plan-import")
    (path.parent / "filler").unlink()
    assert ledger_state(path) == state


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{out}/ledger.json"],
        ["export", "{out}/ledger.xlsx", "--month", "2016-06"],
        ["make-returns", "--month", "2016-06", "-o", "{out}"],
        ["report", "sheet", "--month", "2016-06", "-o", "{out}/s.pdf"],
    ],
    ids=["json", "xlsx", "make-returns", "report"],
)
def test_exports_to_a_full_disk_are_refused_plainly(ledger: Path, small_disk: Path, command: list[str]) -> None:
    """make-returns ended with "Exception ignored … Errno 28" (openpyxl's zip
    file failing again when collected): files are now built in memory."""
    out = small_disk / "out"
    out.mkdir()
    leave_free(small_disk, 64 * 1024)
    state = ledger_state(ledger)
    result = run_main("--db", ledger, *(part.format(out=out) for part in command))
    line = refused(result, "磁盘空间不足", "需要约 ")
    assert "Exception ignored" not in result.stderr and "Errno" not in line
    assert list(out.iterdir()) == []  # no partial file left
    assert ledger_state(ledger) == state


def test_a_file_that_fills_the_disk_while_written_leaves_nothing(small_disk: Path) -> None:
    from db.errors import DiskFullError
    from db.safety.storage import replacing

    leave_free(small_disk, RESERVE + 512 * 1024)
    target = small_disk / "big.bin"
    with pytest.raises(DiskFullError, match=r"big.bin：磁盘空间不足"), replacing(target) as partial:
        partial.write_bytes(b"x" * (2 * RESERVE))
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_the_drafts_and_the_caches_on_a_full_disk_keep_what_was_there(small_disk: Path) -> None:
    """They are written through the one atomic write (db.safety.storage): the
    drafts say the disk is full and keep the file as it was; a cache is only
    not written. No partial file is left either way."""
    from db.errors import DiskFullError
    from desktop.drafts import Draft, DraftKey, DraftStore
    from documents.pdf.coverage import CoverageCache

    store = DraftStore(small_disk / "drafts.json")
    first = Draft(DraftKey("ledger.db", "uuid-1", "task"), {"title": "标题"})
    store.update([first])
    before = store.path.read_bytes()
    leave_free(small_disk, RESERVE // 2)
    with pytest.raises(DiskFullError, match=r"drafts.json：磁盘空间不足"):
        store.update([Draft(DraftKey("ledger.db", "uuid-2", "task"), {"title": "另一个"})])
    assert store.path.read_bytes() == before and store.read() == [first]
    (small_disk / "cache").mkdir()
    cache = CoverageCache(small_disk / "cache")
    assert cache.get(FONT).usable
    cache.save()
    assert list((small_disk / "cache").iterdir()) == []
    assert sorted(p.name for p in small_disk.iterdir()) == ["cache", "drafts.json", "filler"]


# --- read-only files ----------------------------------------------------------------


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Paths to make immutable with `chattr +i`; made mutable again afterwards."""
    _skip_unless_root("chattr +i")
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed (e2fsprogs)")
    made: list[Path] = []
    yield made
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def make_immutable(made: list[Path], path: Path) -> None:
    result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"this file system does not take chattr +i: {result.stderr.strip()}")
    made.append(path)


def test_an_immutable_database_is_refused_as_read_only(ledger: Path, immutable: list[Path]) -> None:
    state = ledger_state(ledger)
    make_immutable(immutable, ledger)
    result = run_main("--db", ledger, "import-plan", BUNDLED_PLAN, "--title", "2016年另一份计划")
    line = refused(result, f"{ledger}：文件是只读的")
    assert "I/O" not in line
    subprocess.run(["chattr", "-i", str(ledger)], check=True)
    assert ledger_state(ledger) == state


CHILD = """
import sys
from pathlib import Path
from db.schema.database import open_database
from db.plans import read_plan
from db.operations.import_plan import import_plan
from db.plans.registry import collective_names
database = open_database(Path(sys.argv[1]))
with database.session() as session:
    parsed = read_plan(Path(sys.argv[2]), collective_names(session), "2016年另一份计划")
print("open", flush=True)
sys.stdin.readline()
try:
    with database.transaction() as session:
        import_plan(session, parsed)
    print("committed", flush=True)
except Exception as exc:
    print(type(exc).__name__, exc, flush=True)
database.close()
"""


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"], ids=["database", "wal", "shm"])
def test_a_file_made_immutable_during_an_import(ledger: Path, immutable: list[Path], suffix: str) -> None:
    """Item 11: the database or its -wal made immutable while the program has
    it open gave SIGBUS once and a "disk I/O error" traceback once. In a child
    process, so that a SIGBUS would fail this test instead of ending the run."""
    state = ledger_state(ledger)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ledger), str(BUNDLED_PLAN)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "open"
        make_immutable(immutable, Path(f"{ledger}{suffix}"))
        out, err = child.communicate("go\n", timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, (child.returncode, out, err)  # not killed by SIGBUS
    assert out.strip() == f"ReadOnlyFileError {ledger}{suffix}：文件是只读的，无法写入，本次修改未保存，数据库保持原样"
    for path in immutable:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    assert ledger_state(ledger) == state


def test_a_read_only_database_in_the_window_says_so(plan_db: Database, immutable: list[Path]) -> None:
    """The window shows the same words (Ledger.execute raises them, the
    controller shows them with desktop.messages.show_error)."""
    from db.errors import ReadOnlyFileError
    from db.operations.editing import UPDATE_TASK
    from db.schema.models import Task
    from desktop.ledger import Ledger

    ledger = Ledger(plan_db)
    with plan_db.session() as session:
        task_id = session.scalar(select(Task.id).where(Task.number == 1))
    make_immutable(immutable, plan_db.path)
    with pytest.raises(ReadOnlyFileError, match="文件是只读的"):
        ledger.run("改标题", UPDATE_TASK(task_id, title="不会保存的标题"))
    assert ledger.undo_stack.count() == 0


# --- the window ----------------------------------------------------------------


@pytest.fixture
def window_on_small_disk(qtbot, ledger_on_small_disk: Path) -> Iterator[tuple[Controller, Path]]:
    """The real window over the ledger on the small disk; the filler removed afterwards."""
    from tests.test_main_window import open_window

    database = open_database(ledger_on_small_disk)
    try:
        yield open_window(qtbot, database), ledger_on_small_disk
    finally:
        database.close()
        (ledger_on_small_disk.parent / "filler").unlink(missing_ok=True)


def error_text(qtbot, window: Controller) -> str:
    """The text of the plain error box over the window (not the unexpected-error dialog), closed."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.errors import ErrorDialog

    qtbot.waitUntil(lambda: window.window.findChild(QMessageBox, "errorBox") is not None, timeout=5000)
    box = window.window.findChild(QMessageBox, "errorBox")
    text = box.text()
    assert window.window.findChild(ErrorDialog) is None
    box.done(0)
    qtbot.waitUntil(lambda: window.window.findChild(QMessageBox, "errorBox") is None)
    return text


TYPED = "本月已在门户网站开设空气质量专栏，每日发布预报。"


def test_a_full_disk_in_the_forms_says_so_and_keeps_the_text(
    qtbot, window_on_small_disk: tuple[Controller, Path]
) -> None:
    """Less room than the reserve: every save of the progress, task and
    heading forms is refused before a byte is written, in plain words, and
    what was typed stays, marked; leaving the task keeps the person there.
    Before, the DiskFullError reached the unexpected-error dialog."""
    from tests.test_main_window import task_id

    window, path = window_on_small_disk
    database = window.ledger.database
    leave_free(path.parent, RESERVE // 2)
    state = ledger_state(path)
    window.open_task(task_id(database, 32))

    window.progress_form.done.setPlainText(TYPED)
    window.progress_form.save_button.click()
    assert "磁盘空间不足" in error_text(qtbot, window)
    assert window.progress_form.done.toPlainText() == TYPED and window.progress_form.form_state.dirty

    window.tree.setCurrentIndex(window.model.index_of_task(task_id(database, 33)))  # saving on leaving is refused
    assert "磁盘空间不足" in error_text(qtbot, window)
    qtbot.waitUntil(lambda: window.current() == ("task", task_id(database, 32)))
    assert window.progress_form.done.toPlainText() == TYPED and window.progress_form.marker.isVisibleTo(
        window.progress_form
    )
    window.progress_form.discard()

    window.task_form.title.setText("不会保存的标题")
    window.task_form.title.returnPressed.emit()
    assert "磁盘空间不足" in error_text(qtbot, window)
    assert window.task_form.title.text() == "不会保存的标题" and window.task_form.form_state.dirty
    window.task_form.discard()

    first_heading = window.model.index(0, 0, window.model.index(0, 0))  # 一、 of the plan
    window.tree.setCurrentIndex(first_heading)
    assert window.current() is not None and window.current()[0] == "section"
    window.heading_form.title.setText("不会保存的标题")
    window.heading_form.title.returnPressed.emit()
    assert "磁盘空间不足" in error_text(qtbot, window)
    assert window.heading_form.title.text() == "不会保存的标题" and window.heading_form.form_state.dirty
    window.heading_form.discard()

    assert window.ledger.undo_stack.count() == 0
    assert ledger_state(path) == state


def test_a_disk_that_fills_while_the_progress_is_saved(qtbot, window_on_small_disk: tuple[Controller, Path]) -> None:
    """Room for the reserve, not for a report of 2.4 MB: SQLite's write
    fails half way, the transaction is rolled back, the form keeps the text."""
    from tests.test_main_window import task_id

    window, path = window_on_small_disk
    database = window.ledger.database
    leave_free(path.parent, RESERVE + 256 * 1024)
    state = ledger_state(path)
    window.open_task(task_id(database, 32))
    long_text = TYPED * 35_000  # 2.4 MB in UTF-8
    window.progress_form.done.setPlainText(long_text)
    window.progress_form.save_button.click()
    text = error_text(qtbot, window)
    assert "磁盘空间不足" in text and "数据库保持原样" in text and "损坏" not in text
    assert "需要约" not in text  # not the check before the transaction: SQLite's own write failed
    assert window.progress_form.done.toPlainText() == long_text and window.progress_form.form_state.dirty
    assert window.ledger.undo_stack.count() == 0
    (path.parent / "filler").unlink()
    assert ledger_state(path) == state


def test_an_undo_on_a_full_disk_says_so_and_the_stack_stays_where_the_data_is(
    qtbot, window_on_small_disk: tuple[Controller, Path]
) -> None:
    """The undo stack had moved before the write was refused: the next redo
    would have replayed a change the database still holds."""
    from tests.test_main_window import task_id

    window, path = window_on_small_disk
    database, stack = window.ledger.database, window.ledger.undo_stack
    window.open_task(task_id(database, 32))
    window.task_form.title.setText("保存了的标题")
    window.task_form.title.returnPressed.emit()
    assert stack.count() == 1 and stack.index() == 1
    leave_free(path.parent, RESERVE // 2)
    state = ledger_state(path)
    stack.undo()  # Ctrl+Z
    assert "磁盘空间不足" in error_text(qtbot, window)
    assert (stack.index(), stack.canRedo()) == (1, False)
    assert window.task_form.title.text() == "保存了的标题"
    assert ledger_state(path) == state
    (path.parent / "filler").unlink()
    stack.undo()
    assert stack.index() == 0 and window.task_form.title.text() != "保存了的标题"
