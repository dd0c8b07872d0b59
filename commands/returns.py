"""make-returns and import-returns: the fill-in sheets units send back."""

from __future__ import annotations

import argparse

from commands.common import checked_month, choose_plan, existing_database, plan_and_month, reading_database
from db.errors import InputError


def make_returns_command(args: argparse.Namespace) -> int:
    from db.queries.sheets import fill_in_sheets
    from documents.excel.returns import make_returns

    if not args.output.is_dir():
        raise InputError(args.output, "不是已存在的文件夹")
    with reading_database(args) as database:
        plan_id, title, month = plan_and_month(database, args)
        with database.session() as session:
            sheets = fill_in_sheets(session, plan_id, month)
    paths = make_returns(sheets, args.output)
    print(f"已为“{title}”{month} 生成 {len(paths)} 份填报表：")
    for path in paths:
        print(f"  {path}")
    return 0


def import_returns_command(args: argparse.Namespace) -> int:
    """Read every file first; write nothing unless all are good, then all in one operation."""
    from db.operations.returns import IMPORT_RETURNS
    from db.operations.runner import perform
    from db.returns.reading import read_returns

    month = checked_month(args.month) if args.month is not None else None
    with existing_database(args) as database:
        plan_id = choose_plan(database, args.plan)[0] if args.plan else None
        with database.session() as session:
            preview = read_returns(session, args.files, plan_id=plan_id, month=month)
        names = "、".join(file.path.name for file in preview.files)  # a file named twice is read once
        written = perform(database, IMPORT_RETURNS(preview), action=f"导入填报表 {names}（命令行）").value
    print(f"已导入 {len(preview.files)} 份填报表（{preview.month}），写入进展 {written} 条")
    return 0
