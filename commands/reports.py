"""report sheet|notices and export FILE.xlsx: the monthly paperwork (the
notices: commands/notices.py)."""

from __future__ import annotations

import argparse

from commands.common import existing_database, plan_and_month
from db.errors import InputError


def report_command(args: argparse.Namespace) -> int:
    if args.kind == "notices":
        from commands.notices import notices_command

        return notices_command(args)
    from db.queries.report_data import sheet_data
    from documents.pdf.sheet import write_sheet

    if args.output.suffix.lower() != ".pdf":
        raise InputError(args.output, "报表文件应以 .pdf 结尾")
    with existing_database(args) as database:
        plan_id, title, month = plan_and_month(database, args)
        with database.session() as session:
            data = sheet_data(session, plan_id, month)
    try:
        info = write_sheet(data, args.output)
    except ValueError as exc:  # nothing to write, in the user's words
        raise InputError(args.output, str(exc)) from None
    except OSError as exc:
        raise InputError(args.output, f"无法写入（{exc.strerror or exc}）") from None
    print(f"已生成“{title}”{month} 督查表：{args.output}（{info.pages} 页）")
    if not info.fonts.embedded:
        print(f"注意：{info.fonts.note}")
    if info.warning:
        print(f"注意：{info.warning}")
    return 0


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
