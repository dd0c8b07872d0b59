"""report sheet|notices|reminders and export FILE.xlsx: the monthly paperwork (the
notices: commands/notices.py)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from commands.common import plan_and_month, reading_database, unit_named
from db.errors import InputError

if TYPE_CHECKING:
    pass


def report_command(args: argparse.Namespace) -> int:
    if args.kind == "notices":
        from commands.notices import notices_command

        return notices_command(args)
    from db.queries.report_data import sheet_data
    from documents.pdf.sheet import write_sheet

    if args.kind == "reminders":
        return reminders_command(args)
    from commands.sheet import sheet_column_keys, sheet_scope

    if args.output.suffix.lower() != ".pdf":
        raise InputError(args.output, "报表文件应以 .pdf 结尾")
    with reading_database(args) as database:
        plan_id, title, month = plan_and_month(database, args)
        with database.session() as session:
            unit_id = unit_named(session, args.unit).id if args.unit else None
            data = sheet_data(
                session, plan_id, month, scope=sheet_scope(session, plan_id, args, unit_id), charts=not args.no_charts
            )
    try:
        info = write_sheet(data, args.output, columns=sheet_column_keys(args.columns))
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


def reminders_command(args: argparse.Namespace) -> int:
    """report reminders: the 催报 list of the month, as PDF or as a workbook (by the file's suffix)."""
    from db.queries.sheets import reminders_data
    from db.vocabulary import NO_LEAD_UNIT
    from documents.excel.reminders import write_reminders_workbook
    from documents.pdf.reminders import write_reminders

    suffix = args.output.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InputError(args.output, "催报名单文件应以 .pdf 或 .xlsx 结尾")
    if args.unit:
        raise InputError(args.output, "--unit 只用于督办单；催报名单列出所有未报送的单位")
    with reading_database(args) as database:
        plan_id, title, month = plan_and_month(database, args)
        with database.session() as session:
            data = reminders_data(session, plan_id, month)
    note = ""
    try:
        if suffix == ".xlsx":
            write_reminders_workbook(data, args.output)
            pages = ""
        else:
            info = write_reminders(data, args.output)
            pages, note = f"，{info.pages} 页", "" if info.fonts.embedded else info.fonts.note
    except OSError as exc:
        raise InputError(args.output, f"无法写入（{exc.strerror or exc}）") from None
    units = [unit for unit in data.units if unit.unit_id is not None]
    owed = f"{len(units)} 个单位的 {sum(len(unit.tasks) for unit in units)} 项任务未报送"
    unled = data.tasks - sum(len(unit.tasks) for unit in units)
    if unled:
        owed += f"，另有 {unled} 项任务{NO_LEAD_UNIT}"
    print(f"已生成“{title}”{month.label} 催报名单：{args.output}（{owed}{pages}）")
    if note:
        print(f"注意：{note}")
    return 0


def export_ledger(args: argparse.Namespace) -> int:
    """export FILE.xlsx: the ledger of a plan for a month, laid out like the plan table."""
    from db.queries.sheets import ledger_data
    from documents.excel.ledger import write_ledger

    with reading_database(args) as database:
        plan_id, title, month = plan_and_month(database, args)
        with database.session() as session:
            data = ledger_data(session, plan_id, month)
    info = write_ledger(data, args.file)
    print(f"已导出“{title}”{month} 台账：{args.file}（{info.rows} 行）")
    return 0
