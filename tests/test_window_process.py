"""The real window in a process of its own (tests/window_child.py, main.py):
it exits cleanly after work and when the system ends it, releases its lock,
and keeps a second writer out while it runs, whatever happens to the lock file.

The window's process prints nothing on stderr but this: the offscreen
platform's warning for every dialog it shows, which is no output of ours.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.safety import lock
from db.schema.database import open_database
from desktop.refcounts import PADDING, PROBE_CALLS, guard_singletons, leaked_references
from tests.conftest import ROOT, file_digest
from tests.test_lock import import_plan_elsewhere, unlock

OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"
EXIT_RUNS = int(os.environ.get("DUBAN_EXIT_RUNS", "50"))
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


def child_env(tmp_path: Path) -> dict[str, str]:
    """The program of this checkout, offscreen, with settings and data of its own."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(tmp_path / name.lower())
    return env


def our_stderr(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and line.strip() != OFFSCREEN_NOISE]


def run_window(ledger: Path, rounds: int, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tests" / "window_child.py"), str(ledger), str(rounds)],
        cwd=ledger.parent, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def start_window(ledger: Path, env: dict[str, str], *command: str) -> subprocess.Popen[str]:
    command = command or (str(ROOT / "tests" / "window_child.py"), str(ledger), "-1")
    return subprocess.Popen(
        [sys.executable, *command],
        cwd=ledger.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.split() == ["ready", str(process.pid)], (
        line,
        process.stderr.read() if process.poll() is not None else "",
    )


def assert_closed_cleanly(ledger: Path) -> None:
    """No lock left, and the next start says nothing about an unclean end."""
    assert not lock.lock_path(ledger).exists()
    database = open_database(ledger)
    try:
        assert not [w for w in database.warnings if "上次未正常关闭" in w]
    finally:
        database.close()


def exit_cleanly(ledger: Path, tmp_path: Path, runs: int) -> None:
    env = child_env(tmp_path)
    for run in range(runs):
        result = run_window(ledger, 1, env)
        where = f"run {run + 1} of {runs}"
        assert result.returncode == 0, f"{where}: exit status {result.returncode}\n{result.stderr}"
        assert our_stderr(result.stderr) == [], f"{where}:\n{result.stderr}"
        assert "done 1" in result.stdout, where
        assert not lock.lock_path(ledger).exists(), where
    assert_closed_cleanly(ledger)


def test_the_window_exits_cleanly_after_a_round_of_work(ledger: Path, tmp_path: Path) -> None:
    """Item 22 (two runs; `make test-exit` runs it 50 times)."""
    exit_cleanly(ledger, tmp_path, 2)


@pytest.mark.exit_runs
def test_the_window_exits_cleanly_50_times(ledger: Path, tmp_path: Path) -> None:
    """Item 22: "Fatal Python error: bool_dealloc … finalizing" after a session."""
    exit_cleanly(ledger, tmp_path, EXIT_RUNS)


def test_a_long_session_ends_cleanly(ledger: Path, tmp_path: Path) -> None:
    result = run_window(ledger, 3, child_env(tmp_path))
    assert (result.returncode, our_stderr(result.stderr)) == (0, []), result.stderr
    assert "done 3" in result.stdout
    assert_closed_cleanly(ledger)


def test_the_reference_counts_pyside6_takes_are_made_good(qapp) -> None:  # type: ignore[no-untyped-def]
    """desktop/refcounts.py: with a PySide6 that leaks references to None and
    True, the guard pads them (the conftest applied it, as the window does)."""
    leaked = leaked_references()
    if sys.version_info >= (3, 12) or not any(count >= PROBE_CALLS for count in leaked.values()):
        assert not guard_singletons()
        return
    for singleton in (None, True, False):
        assert sys.getrefcount(singleton) > PADDING // 2


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_closes_the_window_cleanly(ledger: Path, tmp_path: Path, signum: int) -> None:
    """Item 15: a logout or shutdown left the lock, and the next start said 上次未正常关闭."""
    window = start_window(ledger, child_env(tmp_path))
    wait_ready(window)
    assert lock.holder_of(ledger).pid == window.pid
    window.send_signal(signum)
    _, stderr = window.communicate(timeout=60)
    assert (window.returncode, our_stderr(stderr)) == (0, []), stderr
    assert_closed_cleanly(ledger)


def test_sigterm_while_main_py_starts_or_runs(ledger: Path, tmp_path: Path) -> None:
    """main.py itself, signalled as soon as it holds the database, then once it has settled."""
    env = child_env(tmp_path)
    for settle in (0.0, 1.5):
        window = start_window(ledger, env, str(ROOT / "main.py"), "--db", str(ledger))
        deadline = time.monotonic() + 60
        while (holder := lock.holder_of(ledger)) is None or holder.pid != window.pid:
            assert window.poll() is None and time.monotonic() < deadline, window.stderr.read()
            time.sleep(0.02)
        time.sleep(settle)
        window.terminate()
        _, stderr = window.communicate(timeout=60)
        assert (window.returncode, our_stderr(stderr)) == (0, []), stderr
        assert_closed_cleanly(ledger)


def test_the_running_window_keeps_a_second_writer_out(ledger: Path, tmp_path: Path) -> None:
    """Items 12 and 13 with the real window: its lock file deleted, then garbage in its place."""
    window = start_window(ledger, child_env(tmp_path))
    wait_ready(window)
    path = lock.lock_path(ledger)
    digest = file_digest(ledger)
    for spoil in ("deleted", "garbled"):
        if spoil == "deleted":
            path.unlink()
        else:
            path.write_bytes(b"\x00garbage")
            old = time.time() - 3600
            os.utime(path, (old, old))
        imported = import_plan_elsewhere(ledger)
        assert imported.returncode == 2, (spoil, imported.stdout + imported.stderr)
        assert f"上的进程 {window.pid} 使用" in imported.stderr or sys.platform != "linux", spoil
        unlocked = unlock(ledger)
        assert unlocked.returncode == 2 and "不能解除锁定" in unlocked.stderr, spoil
        assert file_digest(ledger) == digest, spoil
    window.terminate()
    _, stderr = window.communicate(timeout=60)
    assert (window.returncode, our_stderr(stderr)) == (0, []), stderr
    assert_closed_cleanly(ledger)


def test_sigterm_ends_a_long_command_cleanly(ledger: Path, tmp_path: Path) -> None:
    """Item 15 for the command line: a big import-plan, ended as it runs.
    Exit status 128 + 15 (it did not do its work), the import wholly undone."""
    from bench.synthetic import write_text_plan
    from tests.conftest import dump

    plan = write_text_plan(tmp_path / "big.txt", 3000, 120)
    before = dump(ledger)
    command = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(ledger), "import-plan", str(plan)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while (holder := lock.holder_of(ledger)) is None or holder.pid != command.pid:
        assert command.poll() is None and time.monotonic() < deadline, command.stderr.read()
        time.sleep(0.01)
    time.sleep(0.5)  # into the reading and importing
    command.terminate()
    stdout, stderr = command.communicate(timeout=60)
    assert command.returncode == 128 + signal.SIGTERM, stdout + stderr
    assert stderr.strip() == "已中止：收到结束信号 SIGTERM，进行中的操作已撤销，数据库已关闭"
    assert_closed_cleanly(ledger)
    assert dump(ledger) == before
