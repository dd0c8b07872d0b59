"""Reading returned fill-in sheets back and checking them, before anything
is written: the sheet must be one this database made (its hidden sheet, as
db.returns.contract says), for one plan and one month, its task cells as
they were sent, its statuses ones the program knows.

A return is matched to its tasks by UUID, and each row is checked against
the task's number and title in the database now: a task renumbered,
retitled or deleted since the sheet was made is refused, naming file, sheet
and cell. Every problem of every file is collected. The import itself is
the operation IMPORT_RETURNS (db.operations.returns).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from db.errors import InputError
from db.months import Month
from db.operations.progress import Report, report_of
from db.plans.loaders.xlsx import load_workbook_safely
from db.queries.ledger import labels, month_entries
from db.queries.sheets import SheetPlan
from db.returns.contract import (
    CHOICES,
    FIRST_ROW,
    FORMAT,
    HEADERS,
    META_SHEET,
    OFFICE_UNIT_ID,
    OLD_FORMATS,
    RETURN_COLUMNS,
    TASK_COLUMNS,
    TEXT_COLUMNS,
    as_read,
    cell_text,
    digest,
    letter,
)
from db.schema.models import Plan, Task, Unit
from db.vocabulary import NO_LEAD_UNIT, STATUS_CODES, STATUS_LABELS


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
        """ "new", "changed" (old → new) or "unchanged"."""
        if self.old is None:
            return "new"
        return "unchanged" if _content(self.old) == _content(self.report) else "changed"


@dataclass(frozen=True)
class ReturnFile:
    path: Path
    sheet: str
    unit_id: int | None  # None: the office's own sheet of the tasks without a lead unit
    unit: str
    entries: tuple[ReturnEntry, ...]
    blank_rows: int  # rows left as they were sent: nothing to write


@dataclass(frozen=True)
class ReturnsPreview:
    plan_id: int
    plan_title: str
    month: str
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
    month: str
    unit_id: int | None  # None: the office's own sheet (contract.OFFICE_UNIT_ID)
    unit: str
    sheet: str
    rows: tuple[_MetaRow, ...]
    cells: Sequence[tuple[object, ...]] = field(repr=False)  # the data sheet from FIRST_ROW on

    def where(self, key: str, row: int) -> str:
        return f"工作表 {self.sheet} 单元格 {letter(key)}{row}"

    def values(self, row: int) -> dict[str, str]:
        index = row - FIRST_ROW
        cells = self.cells[index] if 0 <= index < len(self.cells) else ()
        return {key: cell_text(cells[i]) if i < len(cells) else "" for i, key in enumerate(RETURN_COLUMNS)}


def read_returns(
    session: Session, paths: Iterable[Path], *, plan_id: int | None = None, month: str | None = None
) -> ReturnsPreview:
    """Check returned fill-in sheets and say what importing them would write.

    Every file must be a sheet made from this database (documents.excel.returns), for
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
    if month is not None:
        Month(month)
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
    month = returned[0].month if month is None else month
    checker = _Checker(session, plan, month, problems)
    files = [file for file in map(checker.check, returned) if file is not None]
    checker.drop_duplicates(files)
    if problems or plan is None:
        order = {path: index for index, path in enumerate(paths)}
        raise ReturnsError(sorted(problems, key=lambda problem: order[problem.path]))  # stable: cells in order
    return ReturnsPreview(plan.id, plan.title, month, tuple(checker.with_old_entries(files)))


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
            pairs[key] = cell_text(value)
        if pairs.get("format") in OLD_FORMATS:
            raise InputError(path, "是旧版本程序生成的填报表（没有任务标识，无法可靠核对），请重新生成填报表后再填报")
        rows = tuple(
            _MetaRow(int(cell_text(row)), cell_text(task_uuid), str(digests), cell_text(prefilled))
            for row, task_uuid, digests, prefilled in lines
        )
        if pairs.get("format") != FORMAT or not rows or any(r.prefilled not in ("", *STATUS_LABELS) for r in rows):
            raise ValueError("not our metadata")
        if pairs["unit_id"] == OFFICE_UNIT_ID and pairs["unit"] != NO_LEAD_UNIT:
            raise ValueError("the office's sheet is of the tasks without a lead unit")
        return {
            "plan_uuid": pairs["plan_uuid"],
            "plan_title": pairs["plan_title"],
            "plan_year": int(pairs["plan_year"]),
            "month": Month(pairs["month"]),
            "unit_id": None if pairs["unit_id"] == OFFICE_UNIT_ID else int(pairs["unit_id"]),
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


class _Checker:
    """Checks returned files against the database for one plan (None: not in
    this database) and month, appending every problem to `problems`."""

    def __init__(self, session: Session, plan: SheetPlan | None, month: str, problems: list[InputError]) -> None:
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
        self.units = {unit_id: as_read(name) for unit_id, name in session.execute(select(Unit.id, Unit.name))}

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
                f"这是{Month(returned.month).label}的填报表，不是{Month(self.month).label}的",
                f"工作表 {returned.sheet} 单元格 A2",
            )
            ok = False
        if returned.unit_id is not None and self.units.get(returned.unit_id) != returned.unit:
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
        if (returned.plan_title, returned.plan_year) == (as_read(plan.title), plan.year):
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
            if digest(values[key]) == digests.get(key):
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
                f"“{HEADERS[key]}”列的内容被改动过，任务列不能修改（请在浅黄色单元格中填写）",
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
        if values["title"] != as_read(title):
            self.problem(
                returned,
                f"任务 {label} 的名称已修改：台账中现在是“{title}”，与填报表不同，请重新生成填报表",
                returned.where("title", meta.row),
            )
            return None
        return task

    def _no_rows_added(self, returned: _Returned) -> None:
        last = max(meta.row for meta in returned.rows)
        for index, cells in enumerate(returned.cells[last - FIRST_ROW + 1 :], start=last + 1):
            if any(cell_text(value) for value in cells):
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
                    self.problems.append(
                        InputError(
                            file.path,
                            f"任务 {entry.label} 在“{first[0].path.name}”中也有填报，两处内容不同，请只保留一份",
                            f"工作表 {file.sheet} 第 {entry.row} 行",
                        )
                    )
            files[index] = replace(file, entries=tuple(kept))

    def with_old_entries(self, files: list[ReturnFile]) -> Iterable[ReturnFile]:
        """The files with each entry's current entry of the month (one query)."""
        task_ids = [entry.task_id for file in files for entry in file.entries]
        old = month_entries(self.session, task_ids, self.month)
        for file in files:
            entries = tuple(replace(entry, old=report_of(old.get(entry.task_id))) for entry in file.entries)
            yield replace(file, entries=entries)
