"""report sheet|notices and export FILE.xlsx: the monthly paperwork."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from commands.common import existing_database, plan_and_month
from db.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def report_command(args: argparse.Namespace) -> int:
    from db.queries.report_data import notice_data, sheet_data
    from documents.pdf.notices import write_notices
    from documents.pdf.sheet import write_sheet

    if args.output.suffix.lower() != ".pdf":
        raise InputError(args.output, "报表文件应以 .pdf 结尾")
    with existing_database(args) as database:
        plan_id, title, month = plan_and_month(database, args)
        with database.session() as session:
            if args.kind == "sheet":
                sheet = sheet_data(session, plan_id, month)
            else:
                unit_id = _unit_id(session, args.unit) if args.unit else None
                notices = notice_data(session, plan_id, month, unit_id)
    try:
        info = write_sheet(sheet, args.output) if args.kind == "sheet" else write_notices(notices, args.output)
    except ValueError as exc:  # nothing to write, in the user's words
        raise InputError(args.output, str(exc)) from None
    except OSError as exc:
        raise InputError(args.output, f"无法写入（{exc.strerror or exc}）") from None
    what = "督查表" if args.kind == "sheet" else "督办单"
    print(f"已生成“{title}”{month} {what}：{args.output}（{info.pages} 页）")
    if not info.fonts.embedded:
        print(f"注意：{info.fonts.note}")
    if info.warning:
        print(f"注意：{info.warning}")
    return 0


def _unit_id(session: Session, name: str) -> int:
    from db.errors import DatabaseError
    from db.queries.unit_tasks import find_unit

    unit = find_unit(session, name)
    if unit is None:
        raise DatabaseError(f"--unit：单位登记表中没有“{name}”")
    return unit.id


def export_ledger(args: argparse.Namespace) -> int:
    """export FILE.xlsx: the ledger of a plan for a month, laid out like the plan table."""
    from db.queries.sheets import ledger_data
    from documents.excel.ledger import write_ledger

    with existing_database(args) as database:
        plan_id, title, month = plan_and_month(database, args)
        with database.session() as session:
            data = ledger_data(session, plan_id, month)
    info = write_ledger(data, args.file)
    print(f"已导出“{title}”{month} 台账：{args.file}（{info.rows} 行）")
    return 0
