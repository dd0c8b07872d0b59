"""report bulletin -o FILE.docx: the monthly bulletin (通报), for the office to
edit in Word, WPS or LibreOffice before it is issued."""

from __future__ import annotations

import argparse

from commands.common import plan_and_month, reading_database
from db.errors import InputError


def bulletin_command(args: argparse.Namespace) -> int:
    from db.queries.figures import month_figures
    from documents.docx import write_bulletin

    if args.output.suffix.lower() != ".docx":
        raise InputError(args.output, "通报文件应以 .docx 结尾")
    if args.unit:
        raise InputError(args.output, "通报包括全部牵头单位，--unit 只用于督办单")
    with reading_database(args) as database:
        plan_id, title, month = plan_and_month(database, args)
        with database.session() as session:
            figures = month_figures(session, plan_id, month)
    try:
        info = write_bulletin(figures, args.output)
    except OSError as exc:
        raise InputError(args.output, f"无法写入（{exc.strerror or exc}）") from None
    print(f"已生成“{title}”{month} 通报：{args.output}（{info.units} 个牵头单位排名，{info.charts} 幅图）")
    if not figures.office_name:
        print("注意：尚未设置发文机关（办公室名称），通报中已留出标记，请在设置中填写或在文档中补上")
    return 0
