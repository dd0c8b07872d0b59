"""import-plan and export: plans into the database, the database out."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from commands.common import db_path, reading_database
from db.errors import InputError
from db.limits import year_problem
from db.operations.import_plan import ImportReport
from db.plans import COLUMN_ROLES, ROLE_LABELS, ROW_KINDS, Choices, ParsedPlan, Reading
from db.plans.reading import NEW_COLLECTIVES
from db.plans.registry import SampleMatch
from db.plans.units import clean
from db.vocabulary import NO_LEAD_UNIT

ROW_KIND_LABELS = {
    "header": "表头",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "task": "任务",
    "note": "说明",
    "ignore": "不读",
}


def parse_choices(args: argparse.Namespace) -> Choices:
    """--column N=ROLE and --row N=KIND (1-based, as the preview numbers them;
    a role or kind in English or as the preview names it in Chinese)."""
    roles = {label: role for role, label in ROLE_LABELS.items()} | {role: role for role in COLUMN_ROLES}
    kinds = {label: kind for kind, label in ROW_KIND_LABELS.items()} | {kind: kind for kind in ROW_KINDS}
    columns = _numbered(args.file, args.column or [], roles, "--column", "列角色")
    rows = _numbered(args.file, args.row or [], kinds, "--row", "行类型")
    return Choices(columns=columns, rows=rows, leads=_leads(args.file, args.lead or []))


def _leads(file: Path, items: list[str]) -> dict[str, str]:
    """--lead TASK=UNIT: task label → the lead unit given to it."""
    leads: dict[str, str] = {}
    for item in items:
        label, _, unit = (part.strip() for part in item.partition("="))
        if not label or not clean(unit):
            raise InputError(file, f"--lead {item}：应写作 任务编号=牵头单位，如 --lead 4=市市场监督管理局")
        leads[label] = unit
    return leads


def _numbered(file: Path, items: list[str], names: dict[str, str], option: str, what: str) -> dict[int, str]:
    chosen: dict[int, str] = {}
    for item in items:
        number, _, name = item.partition("=")
        if not number.strip().isdigit() or int(number) < 1 or name.strip() not in names:
            choices = "、".join(dict.fromkeys(names.values()))
            raise InputError(file, f"{option} {item}：应写作 序号=名称，序号从 1 起，{what}可选 {choices}")
        chosen[int(number) - 1] = names[name.strip()]
    return chosen


def import_plan_command(args: argparse.Namespace) -> int:
    from db.operations.import_plan import IMPORT_PLAN
    from db.operations.runner import perform
    from db.plans import interpret
    from db.plans.choices import layout_signature, load_choices
    from db.plans.loaders import load_grid
    from db.plans.registry import collective_names, sample_match, sample_office
    from db.schema.database import open_database
    from db.schema.engine import check_sqlite_path

    path = db_path(args)
    if args.year is not None and (problem := year_problem(args.year)):
        raise InputError(args.file, f"--year：{problem}，未导入")
    choices = parse_choices(args)
    # Read the file before the database is opened or created: a bad file
    # leaves the database exactly as it was, or not made at all.
    grid = load_grid(args.file)
    signature = layout_signature(grid)
    exists = check_sqlite_path(path)
    database = open_database(path, read_only=args.preview) if exists else None
    try:
        collectives: set[str] = set()
        remembered: dict[int, str] = {}
        sample = ""
        if database is not None:
            with database.session() as session:
                collectives = collective_names(session)
                remembered = load_choices(session, signature)
                sample = sample_office(session)
        columns = {**remembered, **choices.columns}
        reading = interpret(grid, collectives, Choices(columns, choices.rows, choices.leads), args.title, args.year)
        if reading.unused_leads:
            labels = "、".join(reading.unused_leads)
            raise InputError(
                args.file, f"--lead：计划中没有未写明牵头单位的任务 {labels}（任务编号以导入报告或 --preview 所示为准）"
            )
        if remembered and not choices.columns:
            reading.notes.insert(0, "按上次为这种表格保存的列设置读取")
        if args.preview:
            print_preview(reading, sample_match(reading.plan.title, sample))
            return 0
        parsed = reading.plan
        database = database or open_database(path)
        layout = signature if choices.columns else None  # columns chosen here are remembered for the layout
        done = perform(database, IMPORT_PLAN(parsed, layout, columns), action=f"导入计划“{parsed.title}”（命令行）")
        report, seeded = done.value.report, done.value.seeded
    finally:
        if database is not None:
            database.close()
    print_import_report(report, parsed, path)
    if report.sample_note:
        print(f"  注意：{report.sample_note}")
    if seeded:
        print("  这是随程序提供的厦门市2016年计划：已同时载入其单位登记表")
    if choices.columns and signature:
        print("  列设置已保存：以后导入同样表头的计划时自动沿用")
    for note in reading.notes:
        if not (seeded and note.startswith(NEW_COLLECTIVES)):
            print(f"  注意：{note}")
    return 0


def print_preview(reading: Reading, sample: SampleMatch | None = None) -> None:
    """What `import-plan --preview` prints: the reading, nothing written;
    first, what storing it against a sample registry would mean (`sample`)."""
    grid, plan = reading.grid, reading.plan
    print(f"预览（未写入数据库）：{grid.source}")
    if sample is not None and sample.plan_office is not None:
        print(f"注意：{sample.why()}。导入时会拒绝：请加 --db 新台账.db 把它导入一个新的台账")
    elif sample is not None:
        print(f"注意：{sample.note()}")
    print(f"  标题：{plan.title}")
    print(f"  年度：{plan.year}")
    names = reading.header_texts()
    print("列（--column 序号=角色 可改）：")
    for index, role in enumerate(reading.columns):
        name = " ".join(names[index].split()) if index < len(names) else ""
        how = "（按内容判断）" if reading.column_guessed[index] else ""
        print(f"  第 {index + 1:>2} 列  {name or '（无表头）':<12} → {ROLE_LABELS.get(role, role)}（{role}）{how}")
    print("行（--row 序号=类型 可改）：")
    tasks = {task.where: task for task in plan.all_tasks()}
    for index, kind in enumerate(reading.rows):
        texts = [cell.text for cell in grid.rows[index] if cell.text and not cell.covered]
        if not texts:
            continue
        label = ROW_KIND_LABELS.get(kind, kind)
        if kind == "task":
            task = tasks.get(grid.row_origins[index])
            label = f"任务 {task.number}" if task is not None else "（续上）"
        snippet = " ".join(" | ".join(texts).split())[:40]
        print(f"  第 {index + 1:>4} 行  {label:<8} {snippet}    （{grid.row_origins[index]}）")
    counts = {kind: reading.rows.count(kind) for kind in ROW_KINDS}
    print(
        f"共：一级标题 {counts['heading1']} 个，二级标题 {counts['heading2']} 个，三级标题 {counts['heading3']} 个，"
        f"任务 {sum(1 for _ in plan.all_tasks())} 项，表头 {counts['header']} 行，说明 {counts['note']} 行"
    )
    if reading.collectives:
        print(f"统称：{'、'.join(reading.collectives)}")
    for note in reading.notes:
        print(f"注意：{note}")


def print_import_report(report: ImportReport, parsed: ParsedPlan, path: Path) -> None:
    print(f"已导入“{report.title}”（{report.year} 年）到 {path}")
    print(f"  一级标题 {report.sections} 个，二级标题 {report.subsections} 个，工作任务 {report.tasks} 项")
    print(f"  涉及单位 {report.units} 个", end="")
    print(
        f"，其中新加入单位登记表 {len(report.new_units)} 个：{'、'.join(report.new_units)}" if report.new_units else ""
    )
    if report.no_lead:
        print(
            f"  未写明牵头单位的任务 {len(report.no_lead)} 项：{', '.join(report.no_lead)}"
            f"（在“{NO_LEAD_UNIT}”之下催报；可用 --lead 任务编号=单位 指定，或导入后在任务中填写）"
        )
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
    from db.queries.export_json import write_json

    with reading_database(args) as database:
        try:
            with database.session() as session:
                data = write_json(session, args.file)
        except OSError as exc:
            raise InputError(args.file, str(exc).split("：", 1)[-1]) from None
    tasks = sum(_count_tasks(section) for plan in data["plans"] for section in plan["sections"])
    print(f"已导出 {len(data['plans'])} 个计划、{tasks} 项任务到 {args.file}")
    return 0


def _count_tasks(section: dict[str, Any]) -> int:
    return len(section["tasks"]) + sum(_count_tasks(sub) for sub in section["sections"])
