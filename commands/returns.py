"""make-returns and import-returns: the fill-in sheets units send back."""

from __future__ import annotations

import argparse

from commands.common import checked_month, choose_plan, existing_database, plan_and_month, writable_database
from db.errors import InputError


def make_returns_command(args: argparse.Namespace) -> int:
    from db.returns import make_returns

    if not args.output.is_dir():
        raise InputError(args.output, "不是已存在的文件夹")
    with existing_database(args) as database:
        plan_id, title, month = plan_and_month(database, args)
        with database.session() as session:
            paths = make_returns(session, plan_id, month, args.output)
    print(f"已为“{title}”{month} 生成 {len(paths)} 份填报表：")
    for path in paths:
        print(f"  {path}")
    return 0


def import_returns_command(args: argparse.Namespace) -> int:
    """Read every file first; write nothing unless all are good, then all in one transaction."""
    from db.safety.backup import backup_before
    from db.operations.history import recorded
    from db.returns import import_returns, read_returns

    month = checked_month(args.month) if args.month is not None else None
    with writable_database(args) as database:
        plan_id = choose_plan(database, args.plan)[0] if args.plan else None
        with database.session() as session:
            preview = read_returns(session, args.files, plan_id=plan_id, month=month)
        backup_before(database.path, "returns-import")
        names = "、".join(file.path.name for file in preview.files)  # a file named twice is read once
        with database.transaction() as session, recorded(session, f"导入填报表 {names}（命令行）"):
            written = import_returns(session, preview)
    print(f"已导入 {len(preview.files)} 份填报表（{preview.month}），写入进展 {written} 条")
    return 0
