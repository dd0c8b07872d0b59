"""Fill-in sheets (进展填报表) for the lead units, and reading them back.

For month M every lead unit gets a workbook listing the tasks it leads. The
task columns are locked (the sheet is protected), the progress columns are
open, and the status is chosen from a drop-down list. A very hidden,
protected sheet (`META_SHEET`) records what the sheet was made from:

    format      duban-returns/2
    plan_uuid   …               the plan's UUID, with its title and year (for messages)
    plan_title  …
    plan_year   2016
    month       2016-06
    unit_id     12              the lead unit, with its name
    unit        市环保局
    sheet       市环保局         the title of the data sheet
    rows                        then, one line per task row of the data sheet:
    5  <task uuid>  <fingerprint>  <status code the sheet was prefilled with, or "">

Plans and tasks are named by their UUIDs, never by row ids: SQLite gives a
plan imported again after a restore the ids of the one it replaces, and a
copy of the ledger elsewhere has the same ids for other tasks. A return is
matched to its tasks by UUID, and each row is checked against the task's
number and title in the database now: a task renumbered, retitled or
deleted since the sheet was made is refused, naming file, sheet and cell.

The fingerprint of a row is one short SHA-256 digest (8 hex digits) per
locked task column (序号, 工作任务, 工作要求, 完成时限), of the text as
written, joined by dots. On return every row is compared column by column,
so an edited task cell is named exactly, and a row added, deleted or moved
shows as a 序号 that is not where it was. The check is against mistakes, not
against forgery: someone who edits the hidden sheet can defeat it.

Nothing is written before every file has passed every check; then the whole
return is one `record_month` in the caller's transaction.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from db.cancel import CancelToken
from db.errors import InputError
from db.excel_ledger import (
    COLUMNS,
    NOTE,
    SheetPlan,
    TaskRow,
    clean_text,
    fit_number_column,
    merge_across,
    new_workbook,
    plan_tasks,
    put,
    save_workbook,
    set_up_printing,
    write_across,
    write_header,
    write_row,
)
from db.queries.ledger import labels, month_entries, outline
from db.schema.models import Assignment, Plan, ProgressEntry, Task, Unit
from db.queries.labels import task_labels
from db.plans.loaders.xlsx import load_workbook_safely
from db.months import Month
from db.operations.progress import Report, record_month
from db.queries.status import task_states
from db.safety.storage import ensure_free_space, safe_file_name
from db.vocabulary import STATUS_CODES, STATUS_LABELS

META_SHEET = "_duban_meta"
FORMAT = "duban-returns/2"
OLD_FORMATS = ("duban-returns/1",)  # sheets of an earlier version: tasks named by row id only
RETURN_COLUMNS = ("number", "title", "requirement", "deadline", "last_status",
                  "status", "done", "problems", "next_steps", "evidence")
TASK_COLUMNS = ("number", "title", "requirement", "deadline")  # locked and fingerprinted
TEXT_COLUMNS = ("done", "problems", "next_steps", "evidence")  # open, with the status
OPEN_COLUMNS = ("status", *TEXT_COLUMNS)
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
CHOICES = "、".join(STATUS_LABELS.values())
# The size of a fill-in sheet, for the free-space check: measured 7.5–9.6 KB
# for sheets of 1 to 10 tasks.
SHEET_BYTES, ROW_BYTES = 10 * 1024, 512
_UNSAFE_IN_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")
# Titles a unit's sheet must not take (Excel compares them ignoring case):
# the hidden metadata sheet, and "History", which Excel keeps for itself.
TAKEN_SHEET_TITLES = frozenset({META_SHEET.casefold(), "history"})


def _letter(key: str) -> str:
    return get_column_letter(RETURN_COLUMNS.index(key) + 1)


# --- making the sheets ----------------------------------------------------------


def make_returns(
    session: Session,
    plan_id: int,
    month: str,
    folder: Path,
    units: Collection[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """Write one fill-in workbook per lead unit of the plan for month M into
    `folder` (created if missing), by unit name; return their paths. The open
    columns hold M's entry where there is one already. `units` (names) limits
    it to those lead units, to send one unit its sheet again.

    `progress(done, total)` follows the files; `cancel` is checked before
    each (db.cancel: the files already written stay, each complete). The
    disk must have room for all of them first.
    """
    month = Month(month)
    plan, _sections, tasks = plan_tasks(session, plan_id)
    led = _led_tasks(session, plan_id)
    if units is not None:
        led = {key: task_ids for key, task_ids in led.items() if key[1] in units}
    entries = month_entries(session, [task.id for task in tasks], month)
    last = _last_reports(session, plan_id, month)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(f"{folder}：无法创建文件夹（{exc.strerror or exc}）") from None
    ensure_free_space(folder, len(led) * SHEET_BYTES + sum(map(len, led.values())) * ROW_BYTES, "未生成填报表")
    used: set[str] = set()
    paths = []
    for done, ((unit_id, unit), task_ids) in enumerate(led.items()):
        if cancel is not None:
            cancel.check()
        if progress is not None:
            progress(done, len(led))
        rows = [task for task in tasks if task.id in task_ids]
        workbook = _fill_in_workbook(plan, month, unit_id, unit, rows, entries, last)
        paths.append(save_workbook(workbook, folder / _file_name(unit, month, used)))
    return paths


def _led_tasks(session: Session, plan_id: int) -> dict[tuple[int, str], set[int]]:
    """(unit id, name) -> ids of the plan's tasks it leads, by unit name."""
    led: defaultdict[tuple[int, str], set[int]] = defaultdict(set)
    for unit_id, name, task_id in session.execute(
        select(Unit.id, Unit.name, Assignment.task_id)
        .join(Assignment, Assignment.unit_id == Unit.id)
        .join(Task, Task.id == Assignment.task_id)
        .where(Task.plan_id == plan_id, Assignment.role == "lead")
    ):
        led[unit_id, name].add(task_id)
    return dict(sorted(led.items(), key=lambda item: item[0][1]))


def _last_reports(session: Session, plan_id: int, month: str) -> dict[int, tuple[str, str]]:
    """task id -> (status, month) of its latest entry before M."""
    latest = (
        select(ProgressEntry.task_id, func.max(ProgressEntry.month).label("month"))
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(Task.plan_id == plan_id, ProgressEntry.month < month)
        .group_by(ProgressEntry.task_id)
        .subquery()
    )
    rows = session.execute(
        select(ProgressEntry.task_id, ProgressEntry.status, ProgressEntry.month).join(
            latest, and_(ProgressEntry.task_id == latest.c.task_id, ProgressEntry.month == latest.c.month)
        )
    )
    return {task_id: (status, entry_month) for task_id, status, entry_month in rows}


def _file_name(unit: str, month: Month, used: set[str]) -> str:
    """`市环保局_2016年6月进展填报表.xlsx`, safe on Windows (db.safety.storage.safe_file_name),
    unique in `used` (compared as Windows does, ignoring case)."""
    suffix = f"_{month.label}进展填报表.xlsx"
    name = safe_file_name(unit, suffix, "单位")
    copy = 1
    while name.casefold() in used:
        copy += 1
        name = safe_file_name(unit, f"（{copy}）{suffix}", "单位")
    used.add(name.casefold())
    return name


def _sheet_title(unit: str) -> str:
    """The unit's name as a sheet title: at most 31 characters, none of
    []:*?/\\, never the hidden sheet's title or one Excel keeps."""
    title = _UNSAFE_IN_SHEET_TITLE.sub("_", unit)[:31].strip("'") or "填报表"
    if title.casefold() in TAKEN_SHEET_TITLES:
        title = f"填报表_{title}"[:31]
    return title


def _fill_in_workbook(
    plan: SheetPlan,
    month: Month,
    unit_id: int,
    unit: str,
    tasks: Sequence[TaskRow],
    entries: dict[int, ProgressEntry],
    last: dict[int, tuple[str, str]],
) -> Workbook:
    workbook, sheet = new_workbook(_sheet_title(unit))
    width = len(RETURN_COLUMNS)
    write_across(sheet, 1, f"{plan.title}进展情况填报表（{month.label}）", width)
    write_across(
        sheet, 2,
        f"填报单位：{unit}　　填报月份：{month.label}　　请在浅黄色单元格中填写，状态从下拉列表中选择；"
        "其他各列请勿改动，也不要增删行。",
        width, NOTE, height=36,
    )
    merge_across(sheet, (1, 2), width)
    write_header(sheet, HEADER_ROW, RETURN_COLUMNS, month)
    fit_number_column(sheet, RETURN_COLUMNS, tasks)
    meta_rows = []
    for row, task in enumerate(tasks, start=FIRST_ROW):
        entry = entries.get(task.id)
        values = {**_task_values(task), "last_status": _last_text(last.get(task.id)), **_open_values(entry)}
        write_row(sheet, row, RETURN_COLUMNS, values, open_keys=OPEN_COLUMNS)
        meta_rows.append((row, task.uuid, _fingerprint(values), entry.status if entry else ""))
    _add_status_list(sheet, FIRST_ROW, FIRST_ROW + len(tasks) - 1)
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # allowed: a unit may make a row taller
    sheet.protection.formatColumns = False
    set_up_printing(sheet, HEADER_ROW)
    _write_meta(workbook, plan, month, unit_id, unit, sheet.title, meta_rows)
    workbook.security = WorkbookProtection(lockStructure=True)  # no sheets added, removed or unhidden
    return workbook


def _task_values(task: TaskRow) -> dict[str, str | int]:
    return {"number": task.number_cell, "title": task.title, "requirement": task.requirement, "deadline": task.deadline}


def _open_values(entry: ProgressEntry | None) -> dict[str, str]:
    if entry is None:
        return dict.fromkeys(OPEN_COLUMNS, "")
    return {"status": STATUS_LABELS[entry.status], **{key: getattr(entry, key) for key in TEXT_COLUMNS}}


def _last_text(last: tuple[str, str] | None) -> str:
    if last is None:
        return "未报送过"
    status, month = last
    return f"{STATUS_LABELS[status]}（{Month(month).label}）"


def _add_status_list(sheet: Worksheet, first: int, last: int) -> None:
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_LABELS.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态",
        error=f"请从下拉列表中选择：{CHOICES}",
        showInputMessage=True,
        promptTitle="状态",
        prompt="请从下拉列表中选择",
    )
    sheet.add_data_validation(choices)
    choices.add(f"{_letter('status')}{first}:{_letter('status')}{last}")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _fingerprint(values: dict[str, str | int]) -> str:
    """The digests of a row's task columns, in TASK_COLUMNS order, of the text
    as the cell holds it."""
    return ".".join(_digest(_as_read(str(values[key]))) for key in TASK_COLUMNS)


def _as_read(text: str) -> str:
    """A text as its cell gives it back (and `_cell_text` makes of it)."""
    return clean_text(text).strip()


def _write_meta(
    workbook: Workbook,
    plan: SheetPlan,
    month: str,
    unit_id: int,
    unit: str,
    sheet_title: str,
    rows: Iterable[tuple[int, str, str, str]],
) -> None:
    meta = workbook.create_sheet(META_SHEET)
    pairs: list[tuple[str, str | int]] = [
        ("format", FORMAT), ("plan_uuid", plan.uuid), ("plan_title", plan.title), ("plan_year", plan.year),
        ("month", month), ("unit_id", unit_id), ("unit", unit), ("sheet", sheet_title), ("rows", ""),
    ]
    lines: list[Sequence[str | int]] = [*pairs, *rows]
    for number, line in enumerate(lines, start=1):
        for column, value in enumerate(line, start=1):
            put(meta, number, column, value)
    meta.sheet_state = "veryHidden"  # not even listed by Excel's 取消隐藏
    meta.protection.sheet = True


# --- reading them back ----------------------------------------------------------


@dataclass(frozen=True)
class ReturnEntry:
    """One row of a returned sheet that will be written as M's entry."""

    task_id: int
    number: int
    label: str  # the number, or `二·3` where the plan's numbering restarts (db.queries.labels)
    title: str
    row: int
    report: Report
    old: Report | None  # M's entry in the database now, None when there is none

    @property
    def change(self) -> str:
        """"new", "changed" (old → new) or "unchanged"."""
        if self.old is None:
            return "new"
        return "unchanged" if _content(self.old) == _content(self.report) else "changed"


@dataclass(frozen=True)
class ReturnFile:
    path: Path
    sheet: str
    unit_id: int
    unit: str
    entries: tuple[ReturnEntry, ...]
    blank_rows: int  # rows left as they were sent: nothing to write


@dataclass(frozen=True)
class ReturnsPreview:
    plan_id: int
    plan_title: str
    month: Month
    files: tuple[ReturnFile, ...]

    @property
    def entries(self) -> list[ReturnEntry]:
        return [entry for file in self.files for entry in file.entries]


class ReturnsError(InputError):
    """Problems found in returned sheets (every problem of every file);
    nothing was written. ``str()`` gives one line per problem."""

    def __init__(self, problems: Sequence[InputError]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(first.path, first.problem, first.where)

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def _content(report: Report) -> tuple[str, ...]:
    return (report.status, *(getattr(report, key) for key in TEXT_COLUMNS))


@dataclass(frozen=True)
class _MetaRow:
    row: int
    task_uuid: str
    fingerprint: str
    prefilled: str  # status code, or ""


@dataclass(frozen=True)
class _Returned:
    """What a returned file holds: its metadata and the values of its data sheet."""

    path: Path
    plan_uuid: str
    plan_title: str
    plan_year: int
    month: Month
    unit_id: int
    unit: str
    sheet: str
    rows: tuple[_MetaRow, ...]
    cells: list[tuple[object, ...]] = field(repr=False)  # the data sheet from FIRST_ROW on

    def where(self, key: str, row: int) -> str:
        return f"工作表 {self.sheet} 单元格 {_letter(key)}{row}"

    def values(self, row: int) -> dict[str, str]:
        index = row - FIRST_ROW
        cells = self.cells[index] if 0 <= index < len(self.cells) else ()
        return {key: _cell_text(cells[i]) if i < len(cells) else "" for i, key in enumerate(RETURN_COLUMNS)}


def read_returns(
    session: Session, paths: Iterable[Path], *, plan_id: int | None = None, month: str | None = None
) -> ReturnsPreview:
    """Check returned fill-in sheets and say what importing them would write.

    Every file must be a sheet made by `make_returns` from this database, for
    one plan and one month: `plan_id` and `month` when given, else those of
    the first readable file. Every problem of every file is collected; if
    there is any, ReturnsError lists them all (file, sheet and cell). Nothing
    is written here.
    """
    unique: dict[Path, Path] = {}  # the same file named twice is read once, named as the caller did
    for path in map(Path, paths):
        unique.setdefault(path.resolve(), path)
    paths = list(unique.values())
    if not paths:
        raise ValueError("没有选择要导入的填报表")
    wanted = None if month is None else Month(month)
    if plan_id is not None and _plan(session, Plan.id == plan_id) is None:
        raise ValueError(f"数据库中没有编号为 {plan_id} 的计划")
    problems: list[InputError] = []
    returned: list[_Returned] = []
    for path in paths:
        try:
            returned.append(_read_file(path))
        except InputError as error:
            problems.append(error)
    if not returned:
        raise ReturnsError(problems)
    plan = _plan(session, Plan.id == plan_id if plan_id is not None else Plan.uuid == returned[0].plan_uuid)
    checker = _Checker(session, plan, returned[0].month if wanted is None else wanted, problems)
    files = [file for file in map(checker.check, returned) if file is not None]
    checker.drop_duplicates(files)
    if problems or plan is None:
        order = {path: index for index, path in enumerate(paths)}
        raise ReturnsError(sorted(problems, key=lambda problem: order[problem.path]))  # stable: cells in order
    return ReturnsPreview(plan.id, plan.title, checker.month, tuple(checker.with_old_entries(files)))


def _plan(session: Session, where: ColumnElement[bool]) -> SheetPlan | None:
    row = session.execute(select(Plan.id, Plan.title, Plan.year, Plan.uuid).where(where)).one_or_none()
    return None if row is None else SheetPlan(*row)


def _read_file(path: Path) -> _Returned:
    workbook = load_workbook_safely(path)
    try:
        if META_SHEET not in workbook.sheetnames:
            raise InputError(path, "不是本程序生成的进展填报表（缺少填报信息），请使用“生成填报表”得到的文件")
        meta = _read_meta(path, workbook[META_SHEET])
        title = meta["sheet"]
        if title not in workbook.sheetnames:
            raise InputError(path, f"找不到工作表“{title}”：填报表的工作表被改名或删除了")
        cells = list(workbook[title].iter_rows(min_row=FIRST_ROW, max_col=len(RETURN_COLUMNS), values_only=True))
    finally:
        workbook.close()
    return _Returned(path=path, cells=cells, **meta)


def _read_meta(path: Path, meta: Worksheet) -> dict[str, Any]:
    """The fields of `_Returned` the metadata sheet gives; InputError when it
    is not what `_write_meta` wrote."""
    try:
        lines = meta.iter_rows(max_col=4, values_only=True)
        pairs: dict[object, str] = {}
        for key, value, *_ in lines:
            if key == "rows":
                break
            pairs[key] = _cell_text(value)
        if pairs.get("format") in OLD_FORMATS:
            raise InputError(path, "是旧版本程序生成的填报表（没有任务标识，无法可靠核对），请重新生成填报表后再填报")
        rows = tuple(
            _MetaRow(int(row), _cell_text(task_uuid), str(digests), _cell_text(prefilled))
            for row, task_uuid, digests, prefilled in lines
        )
        if pairs.get("format") != FORMAT or not rows or any(r.prefilled not in ("", *STATUS_LABELS) for r in rows):
            raise ValueError("not our metadata")
        return {
            "plan_uuid": pairs["plan_uuid"],
            "plan_title": pairs["plan_title"],
            "plan_year": int(pairs["plan_year"]),
            "month": Month(pairs["month"]),
            "unit_id": int(pairs["unit_id"]),
            "unit": pairs["unit"],
            "sheet": pairs["sheet"],
            "rows": rows,
        }
    except (ValueError, TypeError, KeyError):
        raise InputError(path, "填报表中的填报信息已损坏或不是本版本程序生成的，无法核对，请重新下发填报表") from None


def _is_blank(values: dict[str, str], prefilled: str) -> bool:
    """Nothing reported in the row: no text, and the status empty or still
    the one the sheet was sent with."""
    if any(values[key] for key in TEXT_COLUMNS):
        return False
    return values["status"] in ("", STATUS_LABELS.get(prefilled, ""))


def _cell_text(value: object) -> str:
    """A cell's value as text: 32.0 as "32", a date as 2016-06-30."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime) and value.time() == time(0):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


class _Checker:
    """Checks returned files against the database for one plan (None: not in
    this database) and month, appending every problem to `problems`."""

    def __init__(self, session: Session, plan: SheetPlan | None, month: Month, problems: list[InputError]) -> None:
        self.session = session
        self.plan = plan
        self.month = month
        self.problems = problems
        self.tasks: dict[str, tuple[int, int, str, str]] = {}  # uuid -> id, number, label, title
        if plan is not None:
            labelled = labels(session, plan.id)
            self.tasks = {
                uuid: (task_id, number, labelled[task_id], title)
                for uuid, task_id, number, title in session.execute(
                    select(Task.uuid, Task.id, Task.number, Task.title).where(Task.plan_id == plan.id)
                )
            }
        self.units = {unit_id: _as_read(name) for unit_id, name in session.execute(select(Unit.id, Unit.name))}

    def problem(self, returned: _Returned, text: str, where: str) -> None:
        self.problems.append(InputError(returned.path, text, where))

    def check(self, returned: _Returned) -> ReturnFile | None:
        """The entries of one file, or None when the file as a whole is wrong
        (its rows are then not looked at: they would only repeat the problem)."""
        if not self._is_ours(returned):
            return None
        entries = []
        blank = 0
        for meta in returned.rows:
            values = returned.values(meta.row)
            if not self._task_cells_intact(returned, meta, values):
                break  # the rows below are shifted: one problem says it
            if _is_blank(values, meta.prefilled):
                blank += 1
                continue
            entry = self._entry(returned, meta, values)
            if entry is not None:
                entries.append(entry)
        self._no_rows_added(returned)
        return ReturnFile(returned.path, returned.sheet, returned.unit_id, returned.unit, tuple(entries), blank)

    def _is_ours(self, returned: _Returned) -> bool:
        """Whether the file was made for this database's plan and unit, and this month."""
        plan = self.plan
        ok = True
        if plan is None or returned.plan_uuid != plan.uuid:
            self.problem(returned, self._other_plan(returned), f"工作表 {returned.sheet} 单元格 A1")
            ok = False
        if returned.month != self.month:
            self.problem(
                returned,
                f"这是{returned.month.label}的填报表，不是{self.month.label}的",
                f"工作表 {returned.sheet} 单元格 A2",
            )
            ok = False
        if self.units.get(returned.unit_id) != returned.unit:
            self.problem(
                returned, f"填报单位“{returned.unit}”不在本数据库的单位名录中", f"工作表 {returned.sheet} 单元格 A2"
            )
            ok = False
        return ok

    def _other_plan(self, returned: _Returned) -> str:
        made_for = f"这是计划“{returned.plan_title}”（{returned.plan_year} 年）的填报表"
        plan = self.plan
        if plan is None:
            return f"{made_for}，本数据库中没有这个计划（计划可能已重新导入，或填报表来自另一份台账），请重新生成填报表"
        if (returned.plan_title, returned.plan_year) == (_as_read(plan.title), plan.year):
            return (
                f"{made_for}，但台账中的这份计划已重新导入（或填报表来自另一份台账），任务与填报表不再一一对应，"
                "请重新生成填报表"
            )
        return f"{made_for}，不是正在导入的计划“{plan.title}”（{plan.year} 年）的"

    def _task_cells_intact(self, returned: _Returned, meta: _MetaRow, values: dict[str, str]) -> bool:
        """Report task cells edited in the row; False when its 序号 moved (a row
        was added, deleted or moved above it)."""
        digests = dict(zip(TASK_COLUMNS, meta.fingerprint.split("."), strict=False))
        for key in TASK_COLUMNS:
            if _digest(values[key]) == digests.get(key):
                continue
            if key == "number":
                self.problem(
                    returned,
                    "这一行的序号与下发时不同：填报表中的行被增加、删除或移动过，请使用原表填报",
                    returned.where(key, meta.row),
                )
                return False
            self.problem(
                returned,
                f"“{COLUMNS[key].header}”列的内容被改动过，任务列不能修改（请在浅黄色单元格中填写）",
                returned.where(key, meta.row),
            )
        return True

    def _entry(self, returned: _Returned, meta: _MetaRow, values: dict[str, str]) -> ReturnEntry | None:
        """The row's entry, or None when it has a problem."""
        label = values["status"]
        status = STATUS_CODES.get(label)
        if status is None:
            text = f"状态“{label}”不是可选的状态（{CHOICES}）" if label else "填写了进展，但没有选择状态"
            self.problem(returned, text, returned.where("status", meta.row))
            return None
        task = self._task(returned, meta, values)
        if task is None:
            return None
        task_id, number, label, title = task
        report = Report(status, **{key: values[key] for key in TEXT_COLUMNS}, reporting_unit_id=returned.unit_id)
        return ReturnEntry(task_id, number, label, title, meta.row, report, None)

    def _task(self, returned: _Returned, meta: _MetaRow, values: dict[str, str]) -> tuple[int, int, str, str] | None:
        """(id, number, label, title) of the row's task, found by its UUID, when the
        row's 序号 and 工作任务 are still the task's; else None, with the problem."""
        task = self.tasks.get(meta.task_uuid)
        if task is None:
            self.problem(
                returned,
                f"任务 {values['number']} 已不在计划中（可能已被删除），无法导入这一行",
                returned.where("number", meta.row),
            )
            return None
        _task_id, _number, label, title = task
        if values["number"] != label:
            self.problem(
                returned,
                f"任务已重新编号：填报表中是任务 {values['number']}，台账中这项任务现在是任务 {label}，请重新生成填报表",
                returned.where("number", meta.row),
            )
            return None
        if values["title"] != _as_read(title):
            self.problem(
                returned,
                f"任务 {label} 的名称已修改：台账中现在是“{title}”，与填报表不同，请重新生成填报表",
                returned.where("title", meta.row),
            )
            return None
        return task

    def _no_rows_added(self, returned: _Returned) -> None:
        last = max(meta.row for meta in returned.rows)
        for index, cells in enumerate(returned.cells[last - FIRST_ROW + 1:], start=last + 1):
            if any(_cell_text(value) for value in cells):
                self.problem(
                    returned,
                    "这是新增的行：填报表不能增加行，请把内容填在对应任务的行中",
                    f"工作表 {returned.sheet} 第 {index} 行",
                )
                return

    def drop_duplicates(self, files: list[ReturnFile]) -> None:
        """A task led by two units is on both their sheets: the same report twice
        is kept once; two different reports are a problem."""
        seen: dict[int, tuple[ReturnFile, ReturnEntry]] = {}
        for index, file in enumerate(files):
            kept = []
            for entry in file.entries:
                first = seen.setdefault(entry.task_id, (file, entry))
                if first[1] is entry:
                    kept.append(entry)
                elif _content(first[1].report) != _content(entry.report):
                    self.problems.append(InputError(
                        file.path,
                        f"任务 {entry.label} 在“{first[0].path.name}”中也有填报，两处内容不同，请只保留一份",
                        f"工作表 {file.sheet} 第 {entry.row} 行",
                    ))
            files[index] = replace(file, entries=tuple(kept))

    def with_old_entries(self, files: list[ReturnFile]) -> Iterable[ReturnFile]:
        """The files with each entry's current entry of the month (one query)."""
        task_ids = [entry.task_id for file in files for entry in file.entries]
        old = month_entries(self.session, task_ids, self.month)
        for file in files:
            entries = tuple(replace(entry, old=_report(old.get(entry.task_id))) for entry in file.entries)
            yield replace(file, entries=entries)


def _report(entry: ProgressEntry | None) -> Report | None:
    if entry is None:
        return None
    return Report(entry.status, entry.done, entry.problems, entry.next_steps, entry.evidence, entry.reporting_unit_id)


# --- writing and chasing ----------------------------------------------------------


def import_returns(session: Session, preview: ReturnsPreview, by: str = "") -> int:
    """Write the preview's entries as M's progress entries, in the caller's
    transaction, through `record_month` (ORM, so the change can be tracked
    and undone); return how many were written.

    What is written: every new or changed entry, replacing M's entry of the
    task whole. Not written: an unchanged entry (its recorded time and
    recorder stay as they were), and a blank row — one whose 进展情况, 存在问题,
    下一步打算 and 佐证材料 are all empty and whose status is empty or still
    the one the sheet was sent with — which never became an entry, so it
    neither creates nor clears anything.
    """
    reports = {entry.task_id: entry.report for entry in preview.entries if entry.change != "unchanged"}
    if reports:
        record_month(session, preview.month, reports, by)
    return len(reports)


def units_not_returned(session: Session, plan_id: int, month: str) -> list[tuple[str, list[str]]]:
    """The lead units that owe month M's report on some task they lead (催报),
    by name, each with the labels of those tasks (db.queries.labels) in plan order.
    A task owes it when it has no entry for M and was not already completed
    (TaskState.unreported)."""
    states = task_states(session, plan_id, month)
    sections, tasks = outline(session, plan_id)
    labelled = task_labels(sections, tasks)
    owing = []
    for (_unit_id, name), task_ids in _led_tasks(session, plan_id).items():
        owed = [labelled[task.id] for task in tasks if task.id in task_ids and states[task.id].unreported]
        if owed:
            owing.append((name, owed))
    return owing
