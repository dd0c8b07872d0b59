"""SIGKILL in the middle of an import, a backup or a restore, many times at
random moments.

A child process (tests/crash_child.py) imports a synthetic plan of 2,000
tasks, or records one month's progress for 2,000 tasks, each in one
transaction; the test kills it at a random moment of that transaction (or
just after it) and then checks that the database passes the integrity check,
opens (the child's lock is found stale and taken over), and holds either all
of that import or none of it, with everything committed before intact.
A killed backup leaves only whole backups listed, and the next backup
removes its partial files; a killed restore leaves the old database or the
restored one, whole.

The seed is printed (`pytest -s`) and in every failure message; set
CRASH_SEED to replay a run, CRASH_ROUNDS to change the number of rounds.
"""

from __future__ import annotations

import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from db.resources import BUNDLED_PLAN
from db.safety import integrity, lock
from db.schema.database import open_database
from db.schema.models import Plan
from tests.conftest import ROOT
from tests.crash_child import LINGER

CHILD = ROOT / "tests" / "crash_child.py"
ROUNDS = int(os.environ.get("CRASH_ROUNDS", "15"))
TASKS = 2000
UNITS = 150
MONTH = "2031-03"
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

Rows = dict[str, list[tuple]]


def rows(path: Path) -> Rows:
    """Every row of every table, through the program's own opening (which
    must succeed: that is part of the check)."""
    database = open_database(path)
    try:
        with database.engine.connect() as connection:
            tables = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).scalars()
            return {
                table: sorted(map(tuple, connection.exec_driver_sql(f'SELECT * FROM "{table}"')), key=repr)
                for table in list(tables)
            }
    finally:
        database.close()


def without_times(state: Rows) -> Rows:
    """The rows with their time stamps and new UUIDs blanked: an import run
    twice differs only in those (imported_at, recorded_at, plans.uuid, tasks.uuid)."""

    def blank(value: object) -> object:
        if isinstance(value, str) and TIMESTAMP.match(value):
            return "<time>"
        if isinstance(value, str) and UUID.match(value):
            return "<uuid>"
        return value

    return {
        table: sorted((tuple(blank(v) for v in row) for row in table_rows), key=repr)
        for table, table_rows in state.items()
    }


class Server:
    """tests/crash_child.py serve: forks a child for each import it is sent."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.wait_for("ready")

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def wait_for(self, prefix: str, seen: list[str] | None = None) -> str:
        while True:
            try:
                line = self.lines.get(timeout=120)
            except queue.Empty:
                pytest.fail(f"the crash child did not say {prefix!r} within 120 s")
            if line is None:
                self.process.wait()
                pytest.fail(f"the crash server ended before {prefix!r}: {self.process.stderr.read()}")
            if seen is not None:
                seen.append(line)
            if line.startswith(prefix):
                return line

    def start(self, mode: str, db_path: Path, argument: str) -> int:
        """Run one import in a new child; its PID, once its transaction begins."""
        self.process.stdin.write(f"{mode}\t{db_path}\t{argument}\n")
        self.process.stdin.flush()
        seen: list[str] = []
        line = self.wait_for("begin", seen)
        assert not any(s.startswith("error") for s in seen), seen
        return int(line.split()[1])

    def finish(self, pid: int) -> tuple[bool, list[str]]:
        """Wait for the child to end: (killed by a signal, what it printed)."""
        seen: list[str] = []
        line = self.wait_for(f"exit {pid} ", seen)
        assert not any(s.startswith("error") for s in seen), seen
        return os.WIFSIGNALED(int(line.split()[2])), seen

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self._reader.join(timeout=60)  # it has read to the end: its pipe can be closed
        self.process.stdout.close()
        self.process.stderr.close()


@dataclass
class Scenario:
    name: str
    base: Path  # the database before the import, closed cleanly
    mode: str
    argument: str
    before: Rows = field(default_factory=dict)
    complete: Rows = field(default_factory=dict)  # after an uninterrupted import, time stamps blanked
    duration: float = 0.0  # of the uninterrupted transaction


def prepare(scenario: Scenario, work: Path, server: Server) -> None:
    """The rows before and after an uninterrupted run, and how long it takes."""
    scenario.before = rows(scenario.base)
    durations = []
    for run in range(2):  # the first run warms the caches: the second times it better
        path = work / f"{scenario.name}-complete-{run}.db"
        shutil.copyfile(scenario.base, path)
        pid = server.start(scenario.mode, path, scenario.argument)
        killed, seen = server.finish(pid)
        assert not killed
        durations.append(float(next(line for line in seen if line.startswith("committed")).split()[1]))
    scenario.duration = min(durations)
    scenario.complete = without_times(rows(path))
    assert scenario.complete != without_times(scenario.before)


def kill_round(
    scenario: Scenario, server: Server, work: Path, delay: float, after_commit: bool, seed: int, number: int
) -> str:
    """One round: import, SIGKILL `delay` seconds into the transaction (or
    after its commit, before the child closes the database), check; 'all' or
    'none' ('ended' when the child was done before the kill)."""
    path = work / f"{scenario.name}.db"
    for leftover in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", ".lock"))):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(scenario.base, path)
    pid = server.start(scenario.mode, path, scenario.argument)
    seen: list[str] = []
    if after_commit:
        server.wait_for("committed", seen)
    time.sleep(delay)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # already gone
    killed, rest = server.finish(pid)
    seen += rest
    said_committed = any(line.startswith("committed") for line in seen)
    for line in seen:  # aim the next kills by the fastest transaction seen
        if line.startswith("committed"):
            scenario.duration = min(scenario.duration, float(line.split()[1]))
    moment = "after the commit" if after_commit else "into the transaction"
    where = f"{scenario.name} round {number}, killed {delay:.3f} s {moment} (seed {seed})"

    problems = integrity.check(path)  # as the crash left it, hot WAL and all
    assert problems == [], f"{where}: {problems}"
    stale = lock.holder_of(path)
    if stale is not None:
        assert killed and stale.pid == pid, where
    else:  # the child had closed the database: after its commit
        assert said_committed, f"{where}: the lock is gone but the child never committed"
    state = rows(path)  # opens: the stale lock is taken over
    assert not lock.lock_path(path).exists(), where
    if state == scenario.before:
        assert killed and not said_committed, f"{where}: the child had committed, the database holds none of it"
        return "none"
    assert without_times(state) == scenario.complete, f"{where}: neither all nor none of the import"
    for table, before_rows in scenario.before.items():  # what the import leaves alone is exactly as it was
        untouched = set(before_rows) & {row for row in scenario.complete[table]}
        assert untouched <= set(state[table]), f"{where}: rows committed before changed in {table}"
    return "all" if killed else "ended"


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Scenario], Server]:
    from bench.synthetic import add_progress, write_text_plan
    from db.operations.import_plan import import_plan
    from db.operations.progress import Report, record_month
    from db.plans import read_plan
    from db.plans.registry import collective_names

    work = tmp_path_factory.mktemp("crash")
    plan_file = write_text_plan(work / "plan.txt", TASKS, UNITS, year=2031, seed=5)

    # Plan import: onto the bundled 2016 plan with a month of progress.
    plan_base = work / "plan-base.db"
    database = open_database(plan_base, first_plan=BUNDLED_PLAN)
    add_progress(database, database.session().scalar(select(Plan.id)), 1)
    database.close()

    # Returns: a plan of 2,000 tasks with two months of progress, and the
    # third month already recorded for every other task (the batch replaces those).
    returns_base = work / "returns-base.db"
    database = open_database(returns_base)
    with database.transaction() as session:
        plan_id = import_plan(session, read_plan(plan_file, collective_names(session))).plan_id
    add_progress(database, plan_id, 2)
    with database.transaction() as session:
        from db.schema.models import Task

        ids = list(session.scalars(select(Task.id).where(Task.plan_id == plan_id)))[::2]
        record_month(session, MONTH, {i: Report("not_started", done="早先报送") for i in ids}, "早先")
    database.close()

    made = [
        Scenario("plan", plan_base, "plan", str(plan_file)),
        Scenario("returns", returns_base, "returns", MONTH),
    ]
    server = Server()
    for scenario in made:
        prepare(scenario, work, server)
    yield made, server
    server.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX")
@pytest.mark.parametrize("name", ["plan", "returns"])
def test_a_killed_import_leaves_all_or_none(
    scenarios: tuple[list[Scenario], Server], name: str, tmp_path: Path
) -> None:
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 32)))
    print(f"\ncrash test seed: {seed} (CRASH_SEED={seed} to replay)")
    rng = random.Random(seed)
    made, server = scenarios
    scenario = next(s for s in made if s.name == name)
    started = time.perf_counter()
    outcomes = []
    for number in range(ROUNDS):
        # Mostly inside the transaction, the last of them on its commit; one in
        # five after the commit, while the child still runs with the WAL unmerged.
        after_commit = rng.random() < 0.2
        delay = rng.uniform(0, LINGER * 0.6) if after_commit else rng.uniform(0, 1.1) * scenario.duration
        outcomes.append(kill_round(scenario, server, tmp_path, delay, after_commit, seed, number))
    print(
        f"{name}: {ROUNDS} kills in {time.perf_counter() - started:.1f} s "
        f"(transaction {scenario.duration:.2f} s): {outcomes.count('all')} all, {outcomes.count('none')} none, "
        f"{outcomes.count('ended')} ended before the kill"
    )


# --- backups and restores -------------------------------------------------------


def timed(server: Server, mode: str, base: Path, argument: str, work: Path) -> float:
    """How long an uninterrupted backup or restore of a copy of `base` takes (best of two)."""
    durations = []
    for run in range(2):
        path = fresh(work / f"{mode}-timing-{run}", base)
        killed, seen = server.finish(server.start(mode, path, argument))
        assert not killed
        durations.append(float(next(line for line in seen if line.startswith("committed")).split()[1]))
    return min(durations)


def fresh(folder: Path, base: Path) -> Path:
    """A copy of `base` alone in a new folder (no backups, no lock)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Path(shutil.copyfile(base, folder / "ledger.db"))


def kill_after(server: Server, pid: int, delay: float) -> tuple[bool, bool]:
    """SIGKILL `pid` after `delay` seconds: (killed, had said committed)."""
    time.sleep(delay)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    killed, seen = server.finish(pid)
    return killed, any(line.startswith("committed") for line in seen)


def stray(folder: Path) -> list[str]:
    """Partial copies, journals and the like in `folder` (backups are never hidden)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) if folder.exists() else []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX")
def test_a_killed_backup_leaves_whole_backups_and_no_stray_files(
    scenarios: tuple[list[Scenario], Server], tmp_path: Path
) -> None:
    """Item 18: a killed backup left hidden .partial and -journal files in
    backups/ that later backups never removed. A listed backup is always
    whole; the next backup removes what a killed one left."""
    from db.safety.backup import backup_before, backups_dir, list_backups

    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 32)))
    print(f"\ncrash test seed: {seed} (CRASH_SEED={seed} to replay)")
    rng = random.Random(seed)
    made, server = scenarios
    scenario = next(s for s in made if s.name == "returns")  # the larger file: 2,000 tasks, 3 months
    duration = timed(server, "backup", scenario.base, "-", tmp_path)
    left = 0
    for number in range(ROUNDS):
        where = f"backup round {number} (seed {seed})"
        path = fresh(tmp_path / "round", scenario.base)
        pid = server.start("backup", path, "-")
        _killed, committed = kill_after(server, pid, rng.uniform(0, 1.1) * duration)
        backups = list_backups(path)
        assert len(backups) <= 1 and (len(backups) == 1 or not committed), where
        assert all(integrity.is_good(info.path) for info in backups), f"{where}: a listed backup is not whole"
        left += bool(stray(backups_dir(path)))
        backup_before(path, "plan-import")  # a later backup (another name) cleans up after the killed one
        assert stray(backups_dir(path)) == [], where
        assert integrity.check(path) == [], where
        assert rows(path) == scenario.before, f"{where}: a backup changed the database"
    print(f"backup: {ROUNDS} kills (backup {duration:.3f} s), {left} left partial files that the next backup removed")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX")
def test_a_killed_restore_leaves_the_old_or_the_restored_database(
    scenarios: tuple[list[Scenario], Server], tmp_path: Path
) -> None:
    """Killed at any moment, a restore leaves the database as it was or as the
    backup holds it, whole; what it left behind goes with the next restore."""
    from db.safety.backup import backup_now, backups_dir, restore_backup

    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 32)))
    print(f"\ncrash test seed: {seed} (CRASH_SEED={seed} to replay)")
    rng = random.Random(seed)
    made, server = scenarios
    current = next(s for s in made if s.name == "plan")
    source = backup_now(fresh(tmp_path / "source", next(s for s in made if s.name == "returns").base))
    restored = rows(fresh(tmp_path / "expected", source))
    duration = timed(server, "restore", current.base, str(source), tmp_path)
    outcomes = []
    for number in range(ROUNDS):
        where = f"restore round {number} (seed {seed})"
        path = fresh(tmp_path / "round", current.base)
        pid = server.start("restore", path, str(source))
        _killed, committed = kill_after(server, pid, rng.uniform(0, 1.1) * duration)
        assert integrity.check(path) == [], where
        state = rows(path)  # opens: a lock the kill left behind is taken over
        assert state in (current.before, restored), f"{where}: neither the old database nor the restored one"
        assert state == restored or not committed, f"{where}: the restore had finished"
        outcomes.append("restored" if state == restored else "old")
        restore_backup(path, source)  # the next restore cleans up after the killed one
        assert rows(path) == restored, where
        assert sorted(p.name for p in path.parent.iterdir() if "restoring" in p.name) == [], where
        assert stray(backups_dir(path)) == [], where
    print(
        f"restore: {ROUNDS} kills (restore {duration:.3f} s): "
        f"{outcomes.count('restored')} restored, {outcomes.count('old')} old"
    )
