"""督办台账: the GUI by default; subcommands for work without a display.

    python main.py [--db PATH]                          open the window
    python main.py [--db PATH] import-plan FILE          read a plan (.txt/.xlsx)
    python main.py [--db PATH] export FILE.json          write the whole database
    python main.py --version

Only what the chosen command needs is imported, so the window opens quickly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from db import __version__

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="督办台账：工作计划任务的分工、月度进展与督办。")
    parser.add_argument("--version", action="version", version=f"督办台账 {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="数据库文件（默认在用户数据目录中）")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    plan = commands.add_parser("import-plan", help="导入工作计划（.txt 或 .xlsx）")
    plan.add_argument("file", type=Path, metavar="FILE")
    plan.add_argument("--title", help="计划标题（默认取文件第一行或表格标题行）")
    plan.add_argument("--year", type=int, help="计划年度（默认从标题中识别）")

    export = commands.add_parser("export", help="导出整个数据库（.json）")
    export.add_argument("file", type=Path, metavar="FILE")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        from desktop.app import run

        return run(args.db)

    from db.errors import DatabaseError, InputError

    try:
        if args.command == "import-plan":
            return _import_plan(args)
        return _export(args)
    except (InputError, DatabaseError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _db_path(args: argparse.Namespace) -> Path:
    from db.paths import default_db_path

    if args.db is not None:
        return args.db
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _import_plan(args: argparse.Namespace) -> int:
    from db.database import open_database
    from db.engine import check_sqlite_path
    from db.history import recorded
    from db.plan_import import import_plan
    from db.plan_readers import read_plan
    from db.registry import bundled_collective_names, collective_names

    path = _db_path(args)
    # Read the file before the database is opened or created: a bad file
    # leaves the database exactly as it was, or not made at all.
    if check_sqlite_path(path):
        database = open_database(path)
        with database.session() as session:
            collectives = collective_names(session)
    else:
        database, collectives = None, bundled_collective_names()
    parsed = read_plan(args.file, collectives, args.title, args.year)
    database = database or open_database(path)
    try:
        with database.transaction() as session, recorded(session, f"导入计划“{parsed.title}”（命令行）"):
            report = import_plan(session, parsed)
    finally:
        database.close()
    _print_import_report(report, parsed, path)
    return 0


def _print_import_report(report, parsed, path: Path) -> None:  # type: ignore[no-untyped-def]
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


def _export(args: argparse.Namespace) -> int:
    from db.database import open_database
    from db.engine import check_sqlite_path
    from db.errors import DatabaseError, InputError
    from db.export_json import write_json

    if args.file.suffix.lower() != ".json":
        raise InputError(args.file, "导出文件应以 .json 结尾")
    path = _db_path(args)
    if not check_sqlite_path(path):
        raise DatabaseError(f"{path}：数据库不存在，没有可导出的内容")
    database = open_database(path)
    try:
        with database.session() as session:
            data = write_json(session, args.file)
    except OSError as exc:
        raise InputError(args.file, str(exc).split("：", 1)[-1]) from None
    finally:
        database.close()
    tasks = sum(_count_tasks(section) for plan in data["plans"] for section in plan["sections"])
    print(f"已导出 {len(data['plans'])} 个计划、{tasks} 项任务到 {args.file}")
    return 0


def _count_tasks(section: dict) -> int:  # type: ignore[type-arg]
    return len(section["tasks"]) + sum(_count_tasks(sub) for sub in section["sections"])


if __name__ == "__main__":
    sys.exit(main())
