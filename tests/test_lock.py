"""One writer: the lock file beside the database, stale locks, read-only opening."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from db import lock
from db.database import DatabaseLockedError, open_database
from db.models import Task
from tests.conftest import ROOT, dump, file_digest


def write_lock(db_path: Path, pid: int, host: str | None = None, started: float | None = None) -> Path:
    path = lock.lock_path(db_path)
    data = {"pid": pid, "host": host or lock.host_name(), "started": started or time.time(), "token": "feedc0de"}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def sleeper() -> subprocess.Popen:
    """Another process that runs, on this host."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()


def test_the_lock_file_names_the_writer_and_goes_on_close(ledger: Path) -> None:
    database = open_database(ledger)
    data = json.loads(lock.lock_path(ledger).read_text(encoding="utf-8"))
    assert (data["pid"], data["host"]) == (os.getpid(), lock.host_name())
    assert abs(data["started"] - time.time()) < 60
    database.close()
    assert not lock.lock_path(ledger).exists()
    database.close()  # twice: no harm


def test_a_new_database_is_locked_while_open(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.db")
    assert lock.holder_of(database.path).pid == os.getpid()
    database.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


def test_several_databases_of_one_process_share_the_lock(ledger: Path) -> None:
    first = open_database(ledger)
    second = open_database(ledger)
    with second.transaction() as session:
        session.execute(text("UPDATE tasks SET title = '改' WHERE number = 1"))
    first.close()
    assert lock.holder_of(ledger).pid == os.getpid()  # the second still writes
    second.close()
    assert not lock.lock_path(ledger).exists()


SECOND_PROCESS = """
import sys
from db.database import open_database, DatabaseLockedError
from sqlalchemy import text
try:
    open_database(sys.argv[1])
except DatabaseLockedError as exc:
    print("LOCKED", exc)
database = open_database(sys.argv[1], read_only=True)
with database.session() as session:
    print("TASKS", session.execute(text("SELECT count(*) FROM tasks")).scalar())
try:
    with database.transaction() as session:
        session.execute(text("UPDATE tasks SET title = 'behind your back'"))
    print("WROTE")
except Exception as exc:
    print("REFUSED", type(exc).__name__, exc)
print("WARNINGS", database.warnings)
database.close()
"""


def test_a_second_process_is_told_who_writes_and_can_only_read(ledger: Path) -> None:
    database = open_database(ledger)
    before = dump(ledger)
    result = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, str(ledger)], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"LOCKED {ledger}：数据库正在被 主机 {lock.host_name()} 上的进程 {os.getpid()} 使用（自 " in out
    assert "TASKS 66" in out
    assert "REFUSED OperationalError" in out and "readonly" in out
    assert "WROTE" not in out
    assert f"数据库正由主机 {lock.host_name()} 上的进程 {os.getpid()}" in out
    assert dump(ledger) == before
    assert lock.holder_of(ledger).pid == os.getpid()  # the reader took nothing
    database.close()


def test_the_command_line_refuses_a_database_open_elsewhere(ledger: Path, tmp_path: Path) -> None:
    database = open_database(ledger)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(ledger), "export", str(tmp_path / "out.json")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    database.close()
    assert result.returncode == 2
    assert "数据库正在被 主机" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_the_reader_sees_what_the_writer_commits(ledger: Path) -> None:
    writer = open_database(ledger)
    reader = open_database(ledger, read_only=True)
    with writer.transaction() as session:
        session.execute(text("UPDATE tasks SET title = '新的' WHERE number = 1"))
    with reader.session() as session:
        assert session.scalar(select(Task.title).where(Task.number == 1)) == "新的"
        assert session.scalar(select(func.count(Task.id))) == 66
    with pytest.raises(OperationalError, match="readonly"), reader.transaction() as session:
        session.execute(text("DELETE FROM progress_entries"))
    assert reader.read_only and not writer.read_only
    reader.close()
    writer.close()


def test_reading_takes_no_lock_and_writes_nothing(ledger: Path) -> None:
    digest = file_digest(ledger)
    reader = open_database(ledger, read_only=True)
    assert not lock.lock_path(ledger).exists()
    with reader.session() as session:
        session.scalar(select(func.count(Task.id)))
    reader.close()
    assert file_digest(ledger) == digest
    assert not (ledger.parent / "backups").exists()


def test_a_lock_of_a_process_that_ended_is_taken_over(ledger: Path) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    pid = int(ended.stdout)
    write_lock(ledger, pid, started=time.time() - 3600)
    database = open_database(ledger)
    assert any(f"进程 {pid}" in w and "已接管" in w for w in database.warnings)
    assert lock.holder_of(ledger).pid == os.getpid()
    database.close()
    assert not lock.lock_path(ledger).exists()


def test_a_lock_from_before_the_last_boot_is_taken_over(ledger: Path, sleeper: subprocess.Popen) -> None:
    if lock.boot_time() is None:
        pytest.skip("boot time unknown here")
    write_lock(ledger, sleeper.pid, started=lock.boot_time() - 86400)
    database = open_database(ledger)
    assert any("已接管" in w for w in database.warnings)
    database.close()


def test_a_lock_of_a_running_process_is_respected(ledger: Path, sleeper: subprocess.Popen) -> None:
    path = write_lock(ledger, sleeper.pid)
    content = path.read_bytes()
    with pytest.raises(DatabaseLockedError) as caught:
        open_database(ledger)
    assert caught.value.holder.pid == sleeper.pid
    assert f"上的进程 {sleeper.pid} 使用（自 " in str(caught.value)
    assert path.read_bytes() == content
    reader = open_database(ledger, read_only=True)
    reader.close()
    assert path.read_bytes() == content


def test_a_lock_from_another_host_is_respected(ledger: Path) -> None:
    write_lock(ledger, 12345, host="办公室另一台电脑", started=0.0)
    with pytest.raises(DatabaseLockedError, match="数据库正在被 主机 办公室另一台电脑 上的进程 12345 使用"):
        open_database(ledger)
    lock.break_lock(ledger)
    open_database(ledger).close()


def test_our_pid_with_another_token_is_an_earlier_process(ledger: Path) -> None:
    write_lock(ledger, os.getpid())
    database = open_database(ledger)
    assert any("已接管" in w for w in database.warnings)
    assert lock.holder_of(ledger).token != "feedc0de"
    database.close()


def test_an_unreadable_lock_is_respected_while_fresh_then_taken_over(ledger: Path) -> None:
    path = lock.lock_path(ledger)
    path.write_bytes(b"")
    with pytest.raises(DatabaseLockedError, match="另一个程序"):
        open_database(ledger)
    old = time.time() - 60
    os.utime(path, (old, old))
    open_database(ledger).close()
    assert not path.exists()


def test_a_program_that_exits_without_closing_leaves_no_lock(ledger: Path) -> None:
    code = "import sys; from db.database import open_database; open_database(sys.argv[1])"
    subprocess.run([sys.executable, "-c", code, str(ledger)], cwd=ROOT, check=True, timeout=60)
    assert not lock.lock_path(ledger).exists()


def test_a_zombie_does_not_run() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("zombies are a POSIX matter")
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.time() + 30
    while time.time() < deadline:  # exited but not waited for
        stat = Path(f"/proc/{process.pid}/stat").read_text()
        if stat[stat.rindex(")") + 2] == "Z":
            break
        time.sleep(0.05)
    assert not lock.pid_running(process.pid)
    process.wait()
    assert not lock.pid_running(process.pid)
    assert lock.pid_running(os.getpid())


def test_a_link_to_the_database_shares_its_lock(ledger: Path) -> None:
    link = ledger.with_name("link.db")
    try:
        link.symlink_to(ledger)
    except OSError:
        pytest.skip("no symbolic links here")
    assert lock.lock_path(link) == lock.lock_path(ledger)
