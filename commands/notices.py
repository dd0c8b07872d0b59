"""report notices: the month's notices issued and registered, as one PDF;
or a draft, numbered and registered nowhere; or a copy of a registered one."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commands.common import existing_database, plan_and_month, reading_database, unit_named
from db.errors import DatabaseError, InputError

if TYPE_CHECKING:
    from db.queries.notices import NoticeData, NoticeTask
    from db.schema.database import Database
    from documents.pdf.layout import ReportInfo

# --level: the codes of db.vocabulary.NOTICE_LEVELS, their words, and auto.
LEVEL_WORDS = {
    "auto": "auto",
    "按预警灯": "auto",
    "reminder": "reminder",
    "提醒单": "reminder",
    "提醒": "reminder",
    "notice": "notice",
    "督办单": "notice",
    "督办": "notice",
    "red": "red",
    "红色督办单": "red",
    "红色": "red",
}


def add_notice_options(report: argparse.ArgumentParser) -> None:
    """The options of `report notices` (main.py's parser)."""
    report.add_argument(
        "--level",
        default="auto",
        metavar="LEVEL",
        help="督办单级别：auto 按预警灯（默认：每个单位按其任务最严重的灯）、reminder 提醒单、notice 督办单、"
        "red 红色督办单；不加 --unit 时只发这一级别的，加 --unit 时该单位按此级别发",
    )
    report.add_argument("--date", metavar="YYYY-MM-DD", help="签发日期（默认今天；文号按这一年编号）")
    report.add_argument("--reply-by", metavar="YYYY-MM-DD", help="回复期限（默认签发日期加设置中的回复天数）")
    report.add_argument("--draft", action="store_true", help="只生成草稿：不编号、不登记")
    report.add_argument("--again", action="store_true", help="本月已有同级或更高级督办单的单位也再发一份（新的文号）")
    report.add_argument("--reprint", metavar="[YYYY-]N", help="重新生成登记簿中的第 N 号督办单（默认最近一年的）")


def notices_command(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() != ".pdf":
        raise InputError(output, "督办单文件应以 .pdf 结尾")
    level = LEVEL_WORDS.get(args.level)
    if level is None:
        raise DatabaseError(f"--level：未知的督办级别“{args.level}”（应为 auto、reminder、notice 或 red）")
    on = _day("--date", args.date) or date.today()
    reply_by = _day("--reply-by", args.reply_by)
    opened = reading_database if args.reprint or args.draft else existing_database  # issuing registers the notices
    with opened(args) as database:
        if args.reprint:
            info = _reprint(database, args.reprint, output)
        else:
            plan_id, title, month = plan_and_month(database, args)
            with database.session() as session:
                unit_id = unit_named(session, args.unit).id if args.unit else None
            options: dict[str, Any] = {"unit_id": unit_id, "level": level, "on": on, "reply_by": reply_by}
            if args.draft:
                info = _draft(database, plan_id, title, month, output, options)
            else:
                info = _issue(database, plan_id, title, month, output, options, args.again)
    if not info.fonts.embedded:
        print(f"注意：{info.fonts.note}")
    if info.warning:
        print(f"注意：{info.warning}")
    return 0


def _draft(
    database: Database, plan_id: int, title: str, month: str, output: Path, options: dict[str, Any]
) -> ReportInfo:
    from db.queries.notices import notice_data
    from documents.pdf.notices import write_notices

    with database.session() as session:
        batch = notice_data(session, plan_id, month, **options)
    if not batch.notices:
        raise DatabaseError(batch.reason)
    with _writing(output):
        info = write_notices(batch.notices, output)
    print(f"已生成“{title}”{month} 督办单草稿 {len(batch.notices)} 份（未编号，未登记）：{output}（{info.pages} 页）")
    _list(batch.notices)
    _unaddressed(batch.unaddressed)
    return info


def _issue(
    database: Database, plan_id: int, title: str, month: str, output: Path, options: dict[str, Any], again: bool
) -> ReportInfo:
    """Register and print in one transaction: the PDF is written beside the
    output while the notices are registered, and moved into place after the
    commit (db.operations.notices.issue_notices)."""
    from db.operations.notices import ISSUE_NOTICES
    from db.operations.runner import perform
    from db.safety.storage import replacing
    from documents.pdf.notices import write_notices

    infos: list[ReportInfo] = []
    with _writing(output), replacing(output, "督办单未写入，也未登记") as partial:
        done = perform(
            database,
            ISSUE_NOTICES(
                plan_id,
                month,
                **options,
                again=again,
                printed=lambda issued: infos.append(write_notices(issued.notices, partial)),
            ),
        )
    issued, info = done.value, infos[0]
    print(
        f"已签发并登记“{title}”{month} 督办单 {len(issued.notices)} 份（{issued.numbers}）：{output}（{info.pages} 页）"
    )
    _list(issued.notices)
    if issued.skipped:
        print(
            "未重复签发（本月已有同级或更高级的督办单；加 --again 再发一份）："
            + "；".join(s.text for s in issued.skipped)
        )
    _unaddressed(issued.unaddressed)
    return info


def _reprint(database: Database, number: str, output: Path) -> ReportInfo:
    from db.queries.notices import register, registered_notice
    from documents.pdf.notices import write_notices

    found = re.fullmatch(r"(?:(\d{4})-)?(\d{1,9})", number.strip())
    if found is None:
        raise DatabaseError(f"--reprint：应为文号的序号 N 或“年份-N”（如 2016-3），不是“{number}”")
    year, serial = (int(found[1]) if found[1] else None), int(found[2])
    with database.session() as session:
        matches = [entry for entry in register(session, year=year) if entry.serial == serial]  # newest year first
        if not matches:
            raise DatabaseError(f"--reprint：督办单登记簿中没有{f'{year}年' if year else ''}第{serial}号")
        notice = registered_notice(session, matches[0].id)
    with _writing(output):
        info = write_notices([notice], output)
    print(f"已重新生成 {notice.number} {notice.level_label}（{notice.unit_name}）：{output}（{info.pages} 页）")
    return info


@contextmanager
def _writing(output: Path) -> Iterator[None]:
    """A file that cannot be written, in the user's words."""
    try:
        yield
    except OSError as exc:
        raise InputError(output, f"无法写入（{exc.strerror or exc}）") from None


def _day(option: str, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DatabaseError(f"{option}：应为日期 YYYY-MM-DD，不是“{text}”") from None


def _list(notices: Sequence[NoticeData]) -> None:
    for notice in notices:
        number = "" if notice.draft else f"{notice.number}  "
        print(
            f"  {number}{notice.level_label}  {notice.unit_name}  {len(notice.tasks)} 项  回复期限 {notice.reply_by:%Y-%m-%d}"
        )


def _unaddressed(tasks: Sequence[NoticeTask]) -> None:
    if tasks:
        labels = "、".join(task.label for task in tasks)
        print(f"注意：以下 {len(tasks)} 项任务未列明牵头单位，督办单无从发出，请先为其指定牵头单位：第{labels}项")
