"""The supervision cycle on the command line: review (销号 / 退回) and its
batch work, each one operation of the core (db/operations)."""

from __future__ import annotations

import argparse

from commands.common import choose_plan, existing_database
from db.errors import DatabaseError
from db.schema.database import Database


def choose_task(database: Database, plan_spec: str | None, label: str) -> tuple[int, str]:
    """(id, label) of the task TASK names in the plan of --plan: its number
    or label as the sheets print it (`3`, `二·3` where numbering restarts)."""
    from db.queries.ledger import labels, tasks_labelled

    plan_id, _year, title = choose_plan(database, plan_spec)
    with database.session() as session:
        found = tasks_labelled(session, plan_id, label)
        names = labels(session, plan_id)
    if not found:
        raise DatabaseError(f"任务 {label}：“{title}”中没有这一编号的任务")
    if len(found) > 1:
        choices = "、".join(names[task_id] for task_id in found)
        raise DatabaseError(f"任务 {label}：“{title}”中有 {len(found)} 项任务是这一编号，请写全：{choices}")
    return found[0], names[found[0]]


def review_command(args: argparse.Namespace) -> int:
    """review TASK --accept [--evidence TEXT] | --return REASON"""
    from db.operations.reviews import RETURN_TASK, SIGN_OFF
    from db.operations.runner import perform

    with existing_database(args) as database:
        task_id, label = choose_task(database, args.plan, args.task)
        by = args.by or ""
        if args.return_reason is not None:
            perform(database, RETURN_TASK(task_id, args.return_reason, by), action=f"退回任务 {label}（命令行）")
            print(f"已退回任务 {label}：{args.return_reason.strip()}；任务恢复为“推进中”")
        else:
            perform(database, SIGN_OFF(task_id, by, args.evidence or ""), action=f"销号任务 {label}（命令行）")
            print(f"已销号任务 {label}")
    return 0
