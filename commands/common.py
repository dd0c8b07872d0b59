"""What the subcommands share: the database path, opening it for a command,
choosing the plan and the month.

A command that only reads (export, report sheet / reminders / bulletin,
report notices --draft / --reprint, make-returns, milestones: they write
files, not the database) opens it read-only (`reading_database`): no writer
lock, no backup, no migration, so it works while the window or another
command holds the database, and it leaves nothing beside the file. A command
that writes it (import-returns, report notices issuing and registering,
review, extend, extension; import-plan, restore and unlock open it their own
way) takes the lock (`existing_database`). `backup` only reads the database:
it copies it into backups/ beside it without the lock (db.safety.backup)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from db.errors import DatabaseError
from db.months import Month
from db.schema.database import Database, open_database, open_for_reading
from db.schema.engine import check_sqlite_path

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.schema.models import Unit


def db_path(args: argparse.Namespace) -> Path:
    """--db, or the user's database (its folder made on first use)."""
    from db.paths import default_db_path

    if args.db is not None:
        return args.db
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def reading_database(args: argparse.Namespace) -> Iterator[Database]:
    """The database a command reads, read-only; it must exist already and be
    of this version's schema (an older one is refused, saying how to upgrade it)."""
    with _announced(open_for_reading(db_path(args))) as database:
        yield database


@contextmanager
def existing_database(args: argparse.Namespace) -> Iterator[Database]:
    """The database a command changes, with the writer lock (and, on the
    day's first open, its check and backup; an older schema is upgraded)."""
    path = db_path(args)
    if not check_sqlite_path(path):
        raise DatabaseError(f"{path}：数据库不存在，请先用 import-plan 导入工作计划")
    with _announced(open_database(path)) as database:
        yield database


@contextmanager
def _announced(database: Database) -> Iterator[Database]:
    """`database`, its warnings printed first, closed at the end."""
    try:
        for warning in getattr(database, "warnings", ()):
            print(f"注意：{warning}")
        yield database
    finally:
        database.close()


def choose_plan(database: Database, spec: str | None) -> tuple[int, int, str]:
    """(id, year, title) of the plan named by --plan (its id, year or title);
    without it, the newest plan."""
    from db.queries.ledger import plans

    with database.session() as session:
        found = plans(session)
    if not found:
        raise DatabaseError(f"{database.path}：数据库中还没有工作计划")
    if spec is None:
        plan = found[-1]
    else:
        matches = [p for p in found if spec in (str(p.id), str(p.year), p.title)]
        if len(matches) != 1:
            names = "；".join(f"{p.id}：{p.title}（{p.year}）" for p in found)
            raise DatabaseError(f"--plan {spec} 没有对应唯一的计划（现有：{names}）")
        plan = matches[0]
    return plan.id, plan.year, plan.title


def choose_month(year: int, month: str | None) -> Month:
    """--month, checked; without it, the plan's default month."""
    from db.queries.status import default_month

    return default_month(year, date.today()) if month is None else checked_month(month)


def checked_month(month: str) -> Month:
    """--month as a real month (2016-13 is refused with a message, not a traceback)."""
    try:
        return Month(month)
    except ValueError as exc:
        raise DatabaseError(f"--month：{exc}") from None


def plan_and_month(database: Database, args: argparse.Namespace) -> tuple[int, str, Month]:
    """(plan id, title, month) from --plan and --month."""
    plan_id, year, title = choose_plan(database, args.plan)
    return plan_id, title, choose_month(year, args.month)


def unit_named(session: Session, name: str) -> Unit:
    """The unit --unit names (its name or an alias), refused when the registry has none."""
    from db.queries.unit_tasks import find_unit

    unit = find_unit(session, name)
    if unit is None:
        raise DatabaseError(f"--unit：单位登记表中没有“{name}”")
    return unit
