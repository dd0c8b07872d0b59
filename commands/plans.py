"""import-plan and export: plans into the database, the database out."""

from __future__ import annotations

import argparse
from pathlib import Path

from commands.common import db_path, existing_database
from db.errors import InputError
from db.plan_import import ImportReport
from db.plans.model import ParsedPlan


def import_plan_command(args: argparse.Namespace) -> int:
    from db.backup import backup_before
    from db.database import open_database
    from db.engine import check_sqlite_path
    from db.history import recorded
    from db.plan_import import import_plan
    from db.plans import read_plan
    from db.registry import bundled_collective_names, collective_names

    path = db_path(args)
    # Read the file before the database is opened or created: a bad file
    # leaves the database exactly as it was, or not made at all.
    if check_sqlite_path(path):
        database = open_database(path)
        with database.session() as session:
            collectives = collective_names(session)
    else:
        database, collectives = None, bundled_collective_names()
    try:
        parsed = read_plan(args.file, collectives, args.title, args.year)
        if database is not None:
            backup_before(path, "plan-import")
        database = database or open_database(path)
        with database.transaction() as session, recorded(session, f"导入计划“{parsed.title}”（命令行）"):
            report = import_plan(session, parsed)
    finally:
        if database is not None:
            database.close()
    print_import_report(report, parsed, path)
    return 0


def print_import_report(report: ImportReport, parsed: ParsedPlan, path: Path) -> None:
    print(f"已导入“{report.title}”（{report.year} 年）到 {path}")
    print(f"  一级标题 {report.sections} 个，二级标题 {report.subsections} 个，工作任务 {report.tasks} 项")
    print(f"  涉及单位 {report.units} 个", end="")
    print(f"，其中新加入单位登记表 {len(report.new_units)} 个：{'、'.join(report.new_units)}" if report.new_units else "")
    no_lead = [task.number for task in parsed.all_tasks() if not task.lead]
    if no_lead:
        print(f"  未写明牵头单位的任务 {len(no_lead)} 项：{', '.join(map(str, no_lead))}")
    if report.continued:
        print(f"  以下 {len(report.continued)} 项分工沿用了上方合并单元格的内容，请核对：")
        grouped: dict[tuple[int, str], list[str]] = {}
        for item in report.continued:
            grouped.setdefault((item.task_number, item.role), []).append(item.unit)
        role_names = {"lead": "牵头单位", "responsible": "责任单位"}
        for (number, role), units in grouped.items():
            print(f"    任务 {number:>3}  {role_names[role]}：{'，'.join(units)}")


def export_command(args: argparse.Namespace) -> int:
    """export FILE.json (the whole database) or FILE.xlsx (the ledger of a plan)."""
    suffix = args.file.suffix.lower()
    if suffix == ".xlsx":
        from commands.reports import export_ledger

        return export_ledger(args)
    if suffix != ".json":
        raise InputError(args.file, "导出文件应以 .json（整个数据库）或 .xlsx（台账）结尾")
    from db.export_json import write_json

    with existing_database(args) as database:
        try:
            with database.session() as session:
                data = write_json(session, args.file)
        except OSError as exc:
            raise InputError(args.file, str(exc).split("：", 1)[-1]) from None
    tasks = sum(_count_tasks(section) for plan in data["plans"] for section in plan["sections"])
    print(f"已导出 {len(data['plans'])} 个计划、{tasks} 项任务到 {args.file}")
    return 0


def _count_tasks(section: dict) -> int:  # type: ignore[type-arg]
    return len(section["tasks"]) + sum(_count_tasks(sub) for sub in section["sections"])
