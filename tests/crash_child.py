"""The program the crash test kills: one import in one transaction.

    python tests/crash_child.py DB plan FILE      import the plan FILE
    python tests/crash_child.py DB returns MONTH  record MONTH for every task
    python tests/crash_child.py DB backup -       back the database up (`backup_before`)
    python tests/crash_child.py DB restore FILE   restore the database from the backup FILE
    python tests/crash_child.py serve             the same, many times, forked

Each run prints `begin PID` right before its transaction (or its backup, or
its restore) starts and `committed SECONDS` right after it ends, so that the
parent can aim its SIGKILL at it; an import then lingers a moment before
closing.

`serve` (POSIX) pays for starting Python, importing SQLAlchemy and reading
the plan once: it reads commands (`plan DB FILE`, `returns DB MONTH`) from
stdin and runs each in a forked process, which opens the database itself
(the server never opens one, so no SQLite state crosses the fork). When the
fork ends, killed or not, the server prints `exit PID STATUS`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.operations.import_plan import import_plan
from db.operations.progress import Report, record_month
from db.plans import read_plan
from db.plans.model import ParsedPlan
from db.plans.registry import bundled_collective_names
from db.schema.database import open_database
from db.schema.models import Task

LINGER = 0.3  # seconds between commit and close


def say(line: str) -> None:
    """One line to the server's pipe in one write(2), which a pipe keeps whole:
    print() writes the text and its newline apart, and a SIGKILL between the
    two ran this line into the server's next one ("committed 0.045exit …")."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def run(db_path: str, mode: str, argument: str, plans: dict[str, ParsedPlan]) -> None:
    if mode in ("backup", "restore"):
        copy(Path(db_path), mode, argument)
        return
    database = open_database(Path(db_path))
    if mode == "plan":
        parsed = plans.get(argument) or read_plan(Path(argument), bundled_collective_names())

        def work(session: Session) -> object:
            return import_plan(session, parsed)
    elif mode == "returns":
        with database.session() as session:
            task_ids = list(session.scalars(select(Task.id).order_by(Task.id)))
        reports = {
            task_id: Report(
                "in_progress", done=f"{argument} 第 {n} 项已推进", next_steps="继续推进", evidence=f"文号 {n}"
            )
            for n, task_id in enumerate(task_ids)
        }

        def work(session: Session) -> object:
            return record_month(session, argument, reports, "崩溃测试")
    else:
        raise SystemExit(f"unknown mode {mode}")
    say(f"begin {os.getpid()}")
    started = time.perf_counter()
    with database.transaction() as session:
        work(session)
    say(f"committed {time.perf_counter() - started:.3f}")
    # The program goes on after a commit (the window stays open): a kill now
    # must find the commit whole, though the WAL is not yet folded into the file.
    time.sleep(LINGER)
    database.close()


def copy(db_path: Path, mode: str, argument: str) -> None:
    """A backup or a restore: no database is opened, they copy files."""
    from db.safety.backup import backup_before, restore_backup

    say(f"begin {os.getpid()}")
    started = time.perf_counter()
    if mode == "backup":
        backup_before(db_path, "manual")
    else:
        restore_backup(db_path, Path(argument))
    say(f"committed {time.perf_counter() - started:.3f}")


def serve() -> None:
    plans: dict[str, ParsedPlan] = {}
    say("ready")
    for line in sys.stdin:
        mode, db_path, argument = line.rstrip("\n").split("\t")
        if mode == "plan" and argument not in plans:
            plans[argument] = read_plan(Path(argument), bundled_collective_names())
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                run(db_path, mode, argument, plans)
            except BaseException as exc:  # noqa: BLE001
                say(f"error {exc!r}")
                status = 1
            finally:
                os._exit(status)
        _, status = os.waitpid(pid, 0)
        say(f"exit {pid} {status}")


if __name__ == "__main__":
    if sys.argv[1:] == ["serve"]:
        serve()
    else:
        run(*sys.argv[1:4], plans={})
