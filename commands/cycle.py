"""The supervision cycle on the command line: review (销号 / 退回), extend and
extension (延期申请 and its decision), milestones (节点), each one operation of the core (db/operations)."""

from __future__ import annotations

import argparse
from datetime import date

from commands.common import choose_plan, existing_database, reading_database
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


def _date(text: str, year: int, option: str = "--to") -> date:
    """A date option: 2016-09-30, 2016年9月30日, 2016年9月底, 9月底 (in the plan's year)."""
    from db.plans.deadlines import parse_deadline

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        parsed = parse_deadline(text, year)
    if parsed is None:
        raise DatabaseError(f"{option} {text}：不是日期，应写作 2016-09-30 或 2016年9月30日")
    return parsed


def extend_command(args: argparse.Namespace) -> int:
    """extend TASK --to DATE --reason R [--unit NAME]: a unit asks for a later deadline."""
    from db.operations.extensions import REQUEST_EXTENSION, date_text
    from db.operations.runner import perform
    from db.queries.unit_tasks import find_unit

    with existing_database(args) as database:
        task_id, label = choose_task(database, args.plan, args.task)
        new_deadline = _date(args.to, choose_plan(database, args.plan)[1])
        unit_id = None
        if args.unit:
            with database.session() as session:
                unit = find_unit(session, args.unit)
            if unit is None:
                raise DatabaseError(f"--unit：单位登记表中没有“{args.unit}”")
            unit_id = unit.id
        call = REQUEST_EXTENSION(task_id, new_deadline, args.reason, unit_id, args.by or "")
        number = perform(database, call, action=f"任务 {label} 申请延期至 {date_text(new_deadline)}（命令行）").value
    print(f"已登记第 {number} 号延期申请：任务 {label} 延期至 {date_text(new_deadline)}，待审批")
    print(f"  审批：main.py extension {number} --approve 或 --refuse")
    return 0


def extension_command(args: argparse.Namespace) -> int:
    """extension N --approve|--refuse; without N, the requests waiting."""
    from db.operations.extensions import DECIDE_EXTENSION, date_text
    from db.operations.runner import perform
    from db.queries.extensions import pending_extensions
    from db.queries.ledger import labels

    opened = reading_database if args.number is None else existing_database  # listing only reads
    with opened(args) as database:
        if args.number is None:
            plan_id, _year, title = choose_plan(database, args.plan)
            with database.session() as session:
                waiting = pending_extensions(session, plan_id)
                names = labels(session, plan_id)
            print(f"“{title}”待审批的延期申请 {len(waiting)} 件" + ("：" if waiting else ""))
            for item in waiting:
                print(
                    f"  第 {item.id} 号  任务 {names[item.task_id]}  {item.unit or '（未写单位）'}  "
                    f"延期至 {date_text(item.new_deadline)}  理由：{item.reason}"
                )
            return 0
        if not (args.approve or args.refuse):
            raise DatabaseError("extension N：请写明 --approve（批准）或 --refuse（不批准）")
        approve = bool(args.approve)
        word = "批准" if approve else "不批准"
        call = DECIDE_EXTENSION(args.number, approve, args.by or "", args.note or "")
        moved_to = perform(database, call, action=f"{word}第 {args.number} 号延期申请（命令行）").value
    moved = f"，完成时限改为 {date_text(moved_to)}" if moved_to is not None else ""
    print(f"已{word}第 {args.number} 号延期申请{moved}")
    return 0


def milestones_command(args: argparse.Namespace) -> int:
    """milestones TASK [--on DATE]: a task's milestones, those missed on DATE (default today) marked."""
    from db.operations.extensions import date_text
    from db.queries.milestones import milestones_of, standings

    with reading_database(args) as database:
        task_id, label = choose_task(database, args.plan, args.task)
        plan_id, year, _title = choose_plan(database, args.plan)
        day = _date(args.on, year, "--on") if args.on else date.today()
        with database.session() as session:
            milestones = milestones_of(session, [task_id]).get(task_id, [])
            standing = standings(session, plan_id, day).get(task_id)
    if not milestones:
        print(f"任务 {label} 没有节点（完成时限未写明阶段）")
        return 0
    missed = {m.id for m in standing.missed} if standing is not None else set()
    print(f"任务 {label} 的节点 {len(milestones)} 个（截至 {date_text(day)}，已错过 {len(missed)} 个）：")
    for m in milestones:
        share = f"（{m.share:.0%}）" if m.share is not None else ""
        mark = "  已错过" if m.id in missed else ""
        print(f"  {m.due.isoformat()}  {m.due_text}  {m.text or '—'}{share}{mark}")
    return 0
