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

from db.resources import BUNDLED_PLAN
from db.safety import lock
from db.schema.database import DatabaseLockedError, open_database
from db.schema.models import Task
from tests.conftest import ROOT, dump, file_digest, held_by_another_process, run_main


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
from db.schema.database import open_database, DatabaseLockedError
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
        [sys.executable, "-c", SECOND_PROCESS, str(ledger)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
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


def test_the_command_line_reads_a_database_open_elsewhere_and_refuses_to_write_it(ledger: Path, tmp_path: Path) -> None:
    """Reading commands open it read-only (tests/test_read_only_commands.py); a writing one is kept out."""
    database = open_database(ledger)
    try:
        exported = run_main("--db", ledger, "export", tmp_path / "out.json")
        refused = import_plan_elsewhere(ledger)
    finally:
        database.close()
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "out.json").exists()
    assert refused.returncode == 2
    assert "数据库正在被 主机" in refused.stderr


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
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
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


def test_a_lock_file_whose_process_holds_no_lock_is_taken_over(ledger: Path, sleeper: subprocess.Popen) -> None:
    """The file names a process that runs (a PID reused since, say) but holds
    no OS lock: the file was left behind."""
    write_lock(ledger, sleeper.pid)
    database = open_database(ledger)
    assert any(f"进程 {sleeper.pid}" in w and "已接管" in w for w in database.warnings)
    assert lock.holder_of(ledger).pid == os.getpid()
    database.close()


def test_a_lock_held_by_another_process_is_respected(ledger: Path) -> None:
    with held_by_another_process(ledger) as holder:
        content = lock.lock_path(ledger).read_bytes()
        with pytest.raises(DatabaseLockedError) as caught:
            open_database(ledger)
        assert caught.value.holder.pid == holder.pid
        assert f"上的进程 {holder.pid} 使用（自 " in str(caught.value)
        reader = open_database(ledger, read_only=True)
        reader.close()
        assert lock.lock_path(ledger).read_bytes() == content
    assert not lock.lock_path(ledger).exists()


def garble_in_place(path: Path) -> None:
    path.write_bytes(b"\x00\xff not json")


def garble_by_replacing(path: Path) -> None:
    other = path.with_name("other")
    other.write_bytes(b'{"pid": ')
    os.replace(other, path)


def delete(path: Path) -> None:
    path.unlink()


def import_plan_elsewhere(ledger: Path) -> subprocess.CompletedProcess[str]:
    """A second writer: `main.py import-plan` of the bundled plan as another year."""
    command = [
        sys.executable,
        str(ROOT / "main.py"),
        "--db",
        str(ledger),
        "import-plan",
        str(BUNDLED_PLAN),
        "--year",
        "2017",
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


SECOND_WRITER = (
    "import sys; from db.schema.database import open_database; open_database(sys.argv[1]).close(); print('WROTE')"
)


@pytest.mark.parametrize("spoil", [garble_in_place, garble_by_replacing, delete], ids=lambda f: f.__name__)
def test_a_spoilt_lock_file_lets_no_second_writer_in(ledger: Path, tmp_path: Path, spoil) -> None:  # type: ignore[no-untyped-def]
    """Items 12 and 13: the lock file garbled (long ago, as far as its time
    says) or deleted while another process writes the database."""
    with held_by_another_process(ledger) as holder:
        path = lock.lock_path(ledger)
        spoil(path)
        if path.exists():
            old = time.time() - 3600
            os.utime(path, (old, old))
        digest = file_digest(ledger)
        with pytest.raises(DatabaseLockedError) as caught:
            open_database(ledger)
        if sys.platform.startswith("linux"):  # the system names the holder even without the file
            assert caught.value.holder is not None and caught.value.holder.pid == holder.pid
        second = subprocess.run(
            [sys.executable, "-c", SECOND_WRITER, str(ledger)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert "WROTE" not in second.stdout and "DatabaseLockedError" in second.stderr
        imported = import_plan_elsewhere(ledger)
        assert imported.returncode == 2 and "数据库正在被" in imported.stderr
        assert file_digest(ledger) == digest
    database = open_database(ledger)  # the holder closed: free again, and nothing said about a crash
    assert not any("上次未正常关闭" in w for w in database.warnings)
    database.close()


def test_a_new_database_is_locked_from_the_moment_it_appears(tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    with held_by_another_process(new):
        lock.lock_path(new).unlink()
        with pytest.raises(DatabaseLockedError):
            open_database(new)


def test_our_lock_file_is_written_again_when_another_database_of_ours_opens(ledger: Path) -> None:
    first = open_database(ledger)
    lock.lock_path(ledger).unlink()
    second = open_database(ledger)
    assert lock.holder_of(ledger) is not None and lock.holder_of(ledger).pid == os.getpid()
    second.close()
    first.close()
    assert not lock.lock_path(ledger).exists()


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


def test_an_unreadable_lock_file_nobody_holds_is_taken_over_at_once(ledger: Path) -> None:
    path = lock.lock_path(ledger)
    path.write_bytes(b"")
    open_database(ledger).close()
    assert not path.exists()
    path.write_bytes(b"garbage")
    database = open_database(ledger)
    assert any("未知进程留下的锁文件已失效" in w for w in database.warnings)
    database.close()


@pytest.fixture
def no_os_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without OS locks (some network shares): the lock file alone decides."""
    monkeypatch.setattr(lock, "_os_lock", lambda target, create=False: (lock._OsLock.UNSUPPORTED, None))


def test_without_os_locks_a_lock_of_a_running_process_is_respected(
    ledger: Path, sleeper: subprocess.Popen, no_os_lock: None
) -> None:
    path = write_lock(ledger, sleeper.pid)
    content = path.read_bytes()
    with pytest.raises(DatabaseLockedError) as caught:
        open_database(ledger)
    assert caught.value.holder.pid == sleeper.pid
    with pytest.raises(DatabaseLockedError):
        lock.break_lock(ledger)  # unlock: the process runs on this PC
    assert path.read_bytes() == content


def test_without_os_locks_an_unreadable_lock_is_respected_while_fresh(ledger: Path, no_os_lock: None) -> None:
    path = lock.lock_path(ledger)
    path.write_bytes(b"")
    with pytest.raises(DatabaseLockedError, match="另一个程序"):
        open_database(ledger)
    old = time.time() - 60
    os.utime(path, (old, old))
    open_database(ledger).close()
    assert not path.exists()


def test_a_program_that_exits_without_closing_leaves_no_lock(ledger: Path) -> None:
    code = "import sys; from db.schema.database import open_database; open_database(sys.argv[1])"
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


def unlock(ledger: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(ledger), "unlock"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_unlock_refuses_while_a_program_on_this_pc_holds_the_database(ledger: Path) -> None:
    """Item 14: `unlock` named the lock of a window still running on this PC."""
    with held_by_another_process(ledger) as holder:
        content = lock.lock_path(ledger).read_bytes()
        result = unlock(ledger)
        assert result.returncode == 2
        assert f"数据库正由主机 {lock.host_name()} 上的进程 {holder.pid}（自 " in result.stderr
        assert "不能解除锁定" in result.stderr and "Traceback" not in result.stderr
        assert lock.lock_path(ledger).read_bytes() == content
        lock.lock_path(ledger).unlink()  # and without its lock file
        result = unlock(ledger)
        assert result.returncode == 2 and "不能解除锁定" in result.stderr
        with pytest.raises(DatabaseLockedError):
            open_database(ledger)
    result = unlock(ledger)
    assert (result.returncode, result.stdout.strip()) == (0, f"{ledger} 没有被锁定")


def test_unlock_removes_the_lock_file_of_a_killed_program(ledger: Path) -> None:
    with held_by_another_process(ledger) as holder:
        holder.kill()
        holder.wait()
    result = unlock(ledger)
    assert result.returncode == 0 and f"进程 {holder.pid}" in result.stdout
    assert not lock.lock_path(ledger).exists()
