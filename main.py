"""督办台账: the GUI by default; subcommands for work without a display.

    python main.py [--db PATH]                               open the window
    python main.py [--db PATH] import-plan FILE [--preview]   read a plan (.docx/.pdf/.xlsx/.xls/.csv/.txt)
    python main.py [--db PATH] export FILE.json|FILE.xlsx     the database / a plan's ledger
    python main.py [--db PATH] report sheet|notices -o F.pdf  the monthly paperwork (notices: --level, --draft)
    python main.py [--db PATH] report reminders -o F.pdf|.xlsx  the 催报 list
    python main.py [--db PATH] report bulletin -o F.docx      the monthly bulletin (通报)
    python main.py [--db PATH] make-returns -o FOLDER         fill-in sheets for the units
    python main.py [--db PATH] import-returns FILE.xlsx...    their returns
    python main.py [--db PATH] backup | restore FILE | unlock copies of the ledger; a stale lock
    python main.py [--db PATH] review TASK --accept|--return R sign a completion off, or send it back
    python main.py [--db PATH] extend TASK --to DATE --reason R  ask for a later deadline
    python main.py [--db PATH] extension [N --approve|--refuse]  decide on it; without N, those waiting
    python main.py [--db PATH] milestones TASK [--on DATE]     a task's milestones, those missed marked
    python main.py --version

Commands that concern one plan and month take --plan (id, year or title;
default the newest plan) and --month YYYY-MM (default the plan's current month).

Only what the chosen command needs is imported, so the window opens quickly.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from db import __version__

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="督办台账：工作计划任务的分工、月度进展与督办。")
    parser.add_argument("--version", action="version", version=f"督办台账 {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="数据库文件（默认在用户数据目录中）")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    plan = commands.add_parser(
        "import-plan", help="导入工作计划（Word .docx、PDF、Excel .xlsx/.xls、.csv 或从 Word 复制的 .txt）"
    )
    plan.add_argument("file", type=Path, metavar="FILE")
    plan.add_argument("--title", help="计划标题（默认取表格上方的标题、标题行或文件名）")
    plan.add_argument("--year", type=int, help="计划年度（默认从标题、文件名或文档日期中识别）")
    plan.add_argument(
        "--column",
        action="append",
        metavar="N=ROLE",
        help="第 N 列的角色（N 从 1 起，如预览所示）：number title requirement lead responsible units deadline "
        "heading leader remark ignore，或其中文名；可重复；导入后为同样表头的计划记住",
    )
    plan.add_argument(
        "--row",
        action="append",
        metavar="N=KIND",
        help="第 N 行的类型（如预览所示）：header heading1 heading2 heading3 task note ignore，或其中文名；可重复",
    )
    plan.add_argument(
        "--lead",
        action="append",
        metavar="TASK=UNIT",
        help="为未写明牵头单位的任务指定牵头单位（TASK 为任务编号，如导入报告所示，如 4 或 二·3）；可重复",
    )
    plan.add_argument(
        "--preview", action="store_true", help="只显示读取结果（列角色、行类型、数量、提示），不写入数据库"
    )

    export = commands.add_parser("export", help="导出整个数据库（.json）或一个计划的台账（.xlsx）")
    export.add_argument("file", type=Path, metavar="FILE")
    add_plan_options(export)

    report = commands.add_parser("report", help="生成月度督查表、督办单（PDF）、催报名单（PDF 或 .xlsx）或通报（Word）")
    report.add_argument(
        "kind",
        choices=("sheet", "notices", "reminders", *REPORTS),
        help="sheet 督查表，notices 督办单，reminders 催报名单，bulletin 通报（.docx）",
    )
    add_plan_options(report)
    report.add_argument("--unit", metavar="NAME", help="只生成这一牵头单位的督办单；督查表只含它牵头的任务")
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.pdf|FILE.docx",
        help="催报名单也可写成 .xlsx，通报写成 .docx",
    )
    from commands.notices import add_notice_options
    from commands.sheet import add_sheet_options

    add_notice_options(report)
    add_sheet_options(report)

    make_returns = commands.add_parser("make-returns", help="为各牵头单位生成当月填报表（.xlsx）")
    add_plan_options(make_returns)
    make_returns.add_argument("-o", "--output", type=Path, required=True, metavar="FOLDER")

    import_returns = commands.add_parser("import-returns", help="导入各单位交回的填报表")
    import_returns.add_argument("files", type=Path, nargs="+", metavar="FILE.xlsx")
    import_returns.add_argument("--plan", metavar="PLAN", help="只接受这一计划的填报表（编号、年度或标题）")
    import_returns.add_argument("--month", metavar="YYYY-MM", help="只接受这一月份的填报表")

    commands.add_parser("backup", help="立即备份数据库（备份保存在数据库旁的 backups 文件夹中）")
    restore = commands.add_parser("restore", help="从备份恢复数据库（恢复前先备份当前数据库）")
    restore.add_argument("file", type=Path, metavar="FILE")
    commands.add_parser("unlock", help="解除数据库锁定（先确认使用它的电脑上的程序已关闭）")
    add_cycle_commands(commands)
    return parser


def add_cycle_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The supervision cycle: review (销号 / 退回), extend, extension, milestones."""
    review = commands.add_parser("review", help="销号或退回一项报告已完成的任务")
    review.add_argument("task", metavar="TASK", help="任务编号（如 3，编号分节重排的计划写作 二·3）")
    verdict = review.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true", help="核实后销号")
    verdict.add_argument("--return", dest="return_reason", metavar="REASON", help="退回并写明理由，任务恢复为推进中")
    review.add_argument("--evidence", metavar="TEXT", help="销号时核实的佐证材料")
    review.add_argument("--by", metavar="NAME", help="经办人（默认当前系统用户）")
    review.add_argument("--plan", metavar="PLAN", help="计划的编号、年度或标题（默认最新的计划）")

    extend = commands.add_parser("extend", help="登记一项任务的延期申请（待审批）")
    extend.add_argument("task", metavar="TASK", help="任务编号（如 3，编号分节重排的计划写作 二·3）")
    extend.add_argument("--to", required=True, metavar="DATE", help="申请的新完成时限，如 2016-09-30 或 2016年9月底")
    extend.add_argument("--reason", required=True, metavar="R", help="延期理由")
    extend.add_argument("--unit", metavar="NAME", help="申请单位（默认该任务的第一个牵头单位）")
    extend.add_argument("--by", metavar="NAME", help="经办人（默认当前系统用户）")
    extend.add_argument("--plan", metavar="PLAN", help="计划的编号、年度或标题（默认最新的计划）")

    extension = commands.add_parser("extension", help="审批第 N 号延期申请；不写 N 时列出待审批的申请")
    extension.add_argument("number", type=int, nargs="?", metavar="N", help="延期申请的编号（extend 时给出）")
    decision = extension.add_mutually_exclusive_group()
    decision.add_argument("--approve", action="store_true", help="批准：任务的完成时限改为申请的日期，原时限留档")
    decision.add_argument("--refuse", action="store_true", help="不批准")
    extension.add_argument("--note", metavar="TEXT", help="审批意见")
    extension.add_argument("--by", metavar="NAME", help="审批人（默认当前系统用户）")
    extension.add_argument("--plan", metavar="PLAN", help="列出待审批申请时的计划（默认最新的计划）")

    milestones = commands.add_parser("milestones", help="列出一项任务的节点（阶段目标），标出已错过的")
    milestones.add_argument("task", metavar="TASK", help="任务编号（如 3，编号分节重排的计划写作 二·3）")
    milestones.add_argument("--on", metavar="DATE", help="按这一天判断是否错过（默认今天）")
    milestones.add_argument("--plan", metavar="PLAN", help="计划的编号、年度或标题（默认最新的计划）")


def add_plan_options(parser: argparse.ArgumentParser, month_required: bool = False) -> None:
    parser.add_argument("--plan", metavar="PLAN", help="计划的编号、年度或标题（默认最新的计划）")
    parser.add_argument("--month", metavar="YYYY-MM", required=month_required, help="月份，如 2016-06")


def _command(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """The function `name` of commands.`module`, imported when the command runs."""

    def run(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(f"commands.{module}"), name)(args)

    return run


# report KIND served by a module of its own (the others by commands.reports)
REPORTS = {"bulletin": _command("bulletin", "bulletin_command")}


def _report(args: argparse.Namespace) -> int:
    return REPORTS.get(args.kind, _command("reports", "report_command"))(args)


COMMANDS = {
    "import-plan": _command("plans", "import_plan_command"),
    "export": _command("plans", "export_command"),
    "report": _report,
    "make-returns": _command("returns", "make_returns_command"),
    "import-returns": _command("returns", "import_returns_command"),
    "backup": _command("backups", "backup_command"),
    "restore": _command("backups", "restore_command"),
    "unlock": _command("backups", "unlock_command"),
    "review": _command("cycle", "review_command"),
    "extend": _command("cycle", "extend_command"),
    "extension": _command("cycle", "extension_command"),
    "milestones": _command("cycle", "milestones_command"),
}


def main(argv: list[str] | None = None) -> int:
    from commands.output import (
        EXIT_INTERRUPTED,
        end_on_closed_output,
        make_standard_output_safe,
        report_unexpected,
    )

    make_standard_output_safe()  # before argparse prints its Chinese help or errors
    args = _parser().parse_args(argv)
    if args.command is None:
        from desktop.app import run

        try:
            return run(args.db)
        except Exception as exc:  # noqa: BLE001 - the window could not go on: say so in a dialog, not a traceback
            from desktop.errors import report_fatal_error

            return report_fatal_error(exc, args.db)

    from db.errors import Refusal
    from db.safety.termination import Terminated, ended, terminating_cleanly

    try:
        with terminating_cleanly():  # SIGTERM, SIGHUP, a closed console: the database still closes
            status = COMMANDS[args.command](args)
            if sys.stdout is not None:  # None: the windowed program given a command has no console
                sys.stdout.flush()  # a reader gone (`| head`) shows here, not in Python's flush at exit
            return status
    except BrokenPipeError:  # before OSError: a closed standard output ends the command quietly
        return end_on_closed_output()
    except (Refusal, OSError) as exc:  # OSError: a file that cannot be written
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Terminated as exc:
        print(f"已中止：收到结束信号 {exc.name}，进行中的操作已撤销，数据库已关闭", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("已中止（Ctrl+C），进行中的操作已撤销，数据库已关闭", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - one plain line for the user, the traceback into the log
        return report_unexpected(exc, args.db)
    finally:
        ended()


if __name__ == "__main__":
    sys.exit(main())
