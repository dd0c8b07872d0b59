"""The interpreter: one reading of any grid (DESIGN.md "Reading the plan document").

    interpret(grid, collectives, choices, title, year) → Reading

It finds the header row(s) and gives each column a role (db.plans.layout),
then gives each row a kind — a repeated header, a heading of level 1–3, a
task, a note — from the numbering styles the rows use (db.plans.numbering):
the style most task rows (rows with units, requirements or deadlines) start
with is the tasks' style; the styles ranked above it on rows that hold only a
title are heading levels. A heading column (merged down over the rows it heads)
gives the headings of the task rows beside it. Tasks without numbers are
numbered in order; numbers that restart after headings make `numbering`
"section". `Choices` (a person's corrections from the preview or the command
line) override the guessed column roles and row kinds. The builder then makes
the ParsedPlan, carrying merged unit cells down.

`Reading.notes` says, in Chinese, what the reader did that a person should
know (numbers assigned, columns guessed from their content, …).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from db.errors import InputError
from db.plans.builder import PlanBuilder
from db.plans.columns import COLUMN_ROLES, is_header_row, normalise
from db.plans.grid import Grid
from db.plans.layout import UNIT_COLUMNS, body_start, distinct_texts, find_header, guess_roles, header_names
from db.plans.leads import give_leads
from db.plans.model import ParsedPlan
from db.plans.numbering import STYLES, Marker, bare_number, chinese_numeral, marker
from db.plans.title import plan_title, plan_year
from db.plans.units import split_roles

__all__ = ["COLUMN_ROLES", "ROW_KINDS", "Choices", "Reading", "interpret"]

NEW_COLLECTIVES = "以下统称不在单位登记表中，将登记为没有成员的统称，请补充其成员："
ROW_KINDS = ("header", "heading1", "heading2", "heading3", "task", "note", "ignore")
PAYLOAD = ("requirement", "lead", "responsible", "units", "deadline", "leader", "remark")
NOTE_START = ("注", "备注", "说明", "制表", "填表", "审核", "联系人", "联系电话", "附件", "抄送", "此件")
ROLE_LABELS = {
    "number": "序号",
    "title": "工作任务",
    "requirement": "工作要求",
    "lead": "牵头单位",
    "responsible": "责任单位",
    "units": "牵头及责任单位",
    "deadline": "完成时限",
    "heading": "标题列",
    "leader": "责任领导",
    "remark": "备注",
    "ignore": "不读",
}


@dataclass(frozen=True)
class Choices:
    """A person's corrections: column index → role, row index → kind (0-based);
    and task label → the lead unit given to a task that names none (db.plans.leads)."""

    columns: Mapping[int, str] = field(default_factory=dict)
    rows: Mapping[int, str] = field(default_factory=dict)
    leads: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for role in self.columns.values():
            if role not in COLUMN_ROLES:
                raise ValueError(f"未知的列角色“{role}”（可选：{'、'.join(COLUMN_ROLES)}）")
        for kind in self.rows.values():
            if kind not in ROW_KINDS:
                raise ValueError(f"未知的行类型“{kind}”（可选：{'、'.join(ROW_KINDS)}）")


@dataclass
class Reading:
    grid: Grid
    columns: list[str]  # role of each column, after the choices
    column_guessed: list[bool]  # True where the role came from content, not a header name
    rows: list[str]  # kind of each row, after the choices
    plan: ParsedPlan
    notes: list[str]
    header_rows: list[int] = field(default_factory=list)
    collectives: list[str] = field(default_factory=list)  # every name the plan uses that names a group
    unused_leads: list[str] = field(default_factory=list)  # labels of Choices.leads that name no leadless task

    def header_texts(self) -> list[str]:
        """The header's text per column, for remembering the layout."""
        return header_names(self.grid, self.header_rows) if self.header_rows else []


def interpret(
    grid: Grid,
    collectives: Collection[str] = (),
    choices: Choices | None = None,
    title: str | None = None,
    year: int | None = None,
) -> Reading:
    choices = choices or Choices()
    if not grid.rows:
        raise InputError(grid.source, "没有找到表格内容，不是工作计划表")
    header = find_header(grid)
    roles, guessed = guess_roles(grid, header)
    for column, role in choices.columns.items():
        if 0 <= column < grid.width:
            roles[column], guessed[column] = role, False
    kinds, markers = _row_kinds(grid, header, roles)
    for row, kind in choices.rows.items():
        if 0 <= row < len(kinds):
            kinds[row] = kind
    notes: list[str] = list(grid.notes)
    if any(guessed[c] and roles[c] not in ("ignore", "") for c in range(grid.width)):
        named = "，".join(
            f"第 {c + 1} 列为“{ROLE_LABELS[roles[c]]}”"
            for c in range(grid.width)
            if guessed[c] and roles[c] != "ignore"
        )
        notes.append(f"按内容判断：{named}")
    top = header[0] if header else body_start(grid, header)
    above = grid.title_lines + [text for row in range(top) for text in distinct_texts(grid, row)]
    plan_name = title or plan_title(above, grid.source)
    plan_year_ = year or plan_year(plan_name, grid.source, grid.document_date)
    if plan_year_ is None:
        raise InputError(grid.source, "无法识别年份，请指定年度（命令行用 --year）")
    plan, more_notes = _build(grid, roles, kinds, markers, collectives, plan_name, plan_year_)
    notes.extend(more_notes)
    unused_leads = give_leads(plan, choices.leads, collectives)
    named_collectives = list(
        dict.fromkeys(
            a.unit.name for task in plan.all_tasks() for a in (*task.lead, *task.responsible) if a.unit.collective
        )
    )
    unknown = [name for name in named_collectives if name not in collectives]
    if unknown:
        notes.append(f"{NEW_COLLECTIVES}{'、'.join(unknown)}")
    return Reading(grid, roles, guessed, kinds, plan, notes, header, named_collectives, unused_leads)


# --- row kinds -----------------------------------------------------------------


def _main_text(grid: Grid, row: int, roles: list[str]) -> str:
    """The text a row's numbering is read from: its title cell, else its first
    text; a numeral alone in the 序号 cell joined to the title (`一` | `推进…`)."""
    cells = grid.rows[row]
    title = next((grid.text(row, c) for c, role in enumerate(roles) if role == "title" and not cells[c].covered), "")
    number = next((cells[c].text for c, role in enumerate(roles) if role == "number" and not cells[c].covered), "")
    if not title:
        texts = distinct_texts(grid, row)
        title = texts[0] if texts else ""
        if len(texts) > 1 and texts[0] == number:
            title = texts[1]
    if number and title != number and bare_number(number) is None:
        found = marker(number)
        if found and not found.rest:
            return number + title
        if marker(number + "、") and not marker(title):
            return f"{number}、{title}"
    return title


def _has_payload(grid: Grid, row: int, roles: list[str]) -> bool:
    """Whether the row has text in a column a task fills beside its title:
    units, requirement, deadline … A cell across the title column too (a
    heading row) does not count."""
    for cell in grid.rows[row]:
        spanned = roles[cell.column : cell.column + cell.column_span]
        if cell.text and all(role in PAYLOAD for role in spanned):
            return True
    return False


def _units_merged(grid: Grid, row: int, roles: list[str]) -> bool:
    """Whether a unit cell of the row is the lower part of a merge."""
    return any(role in UNIT_COLUMNS and grid.merged_from_above(row, c) for c, role in enumerate(roles))


def _row_kinds(grid: Grid, header: list[int], roles: list[str]) -> tuple[list[str], list[Marker | None]]:
    kinds = ["ignore"] * len(grid.rows)
    markers: list[Marker | None] = [None] * len(grid.rows)
    for row in header:
        kinds[row] = "header"
    start = body_start(grid, header)
    header_key = [normalise(" ".join(distinct_texts(grid, r))) for r in header]
    has_number_column = "number" in roles
    number_columns = [c for c, role in enumerate(roles) if role == "number"]
    heading_column = "heading" in roles
    payload: list[bool] = [False] * len(grid.rows)
    for row in range(start, len(grid.rows)):
        texts = distinct_texts(grid, row)
        if not texts:
            continue
        if normalise(" ".join(texts)) in header_key or is_header_row(texts):
            kinds[row] = "header"
            continue
        markers[row] = marker(_main_text(grid, row, roles))
        payload[row] = _has_payload(grid, row, roles)
        numbered = any(bare_number(grid.rows[row][c].text) is not None for c in number_columns)
        kinds[row] = "task" if payload[row] or numbered or heading_column else "lonely"
    task_styles = Counter(m.style for r, m in enumerate(markers) if m and kinds[r] == "task")
    task_style = _task_style(task_styles, markers, kinds, has_number_column)
    lonely_styles = {m.style for r, m in enumerate(markers) if m and kinds[r] == "lonely"}
    rank = STYLES.index(task_style) if task_style else len(STYLES)
    heading_styles = sorted((s for s in lonely_styles if STYLES.index(s) < rank), key=STYLES.index)[:3]
    last_task = max((r for r, k in enumerate(kinds) if k == "task"), default=-1)
    for row, kind in enumerate(kinds):
        if kind != "lonely" and kind != "task":
            continue
        found = markers[row]
        text = _main_text(grid, row, roles)
        if found and found.style in heading_styles and not payload[row] and not _numbered_task(grid, row, roles):
            kinds[row] = f"heading{heading_styles.index(found.style) + 1}"
        elif kind == "task":
            kinds[row] = "task"
        elif found and found.style == task_style:
            kinds[row] = "task"  # a task whose other cells are empty
        elif not found and _units_merged(grid, row, roles) and not _is_note(text):
            kinds[row] = "task"  # an unnumbered task whose units are merged from above
        elif _is_note(text) or row > last_task or found:
            kinds[row] = "note"
        elif task_style is None and not has_number_column:
            kinds[row] = "task"  # unnumbered tasks with nothing beside them
        else:
            kinds[row] = "note"
    return kinds, markers


def _numbered_task(grid: Grid, row: int, roles: list[str]) -> bool:
    return any(role == "number" and bare_number(grid.rows[row][c].text) is not None for c, role in enumerate(roles))


def _task_style(
    styles: Counter[str], markers: list[Marker | None], kinds: list[str], number_column: bool
) -> str | None:
    if not styles:
        return None
    tasks = sum(1 for k in kinds if k == "task")
    style, count = styles.most_common(1)[0]
    if number_column and count < 0.5 * tasks:
        return None  # the 序号 numbers the tasks; a few titles happen to start with numbers
    return style


def _is_note(text: str) -> bool:
    return normalise(text).startswith(NOTE_START)


# --- building ------------------------------------------------------------------


def _build(
    grid: Grid,
    roles: list[str],
    kinds: list[str],
    markers: list[Marker | None],
    collectives: Collection[str],
    title: str,
    year: int,
) -> tuple[ParsedPlan, list[str]]:
    notes: list[str] = []
    title_columns = [c for c, role in enumerate(roles) if role == "title"]
    # A row whose task cell is merged down from the row above goes on with that task.
    goes_on = {
        r
        for r, kind in enumerate(kinds)
        if kind == "task" and title_columns and all(grid.continues_text(r, c) for c in title_columns)
    }
    tasks = [r for r, kind in enumerate(kinds) if kind == "task" and r not in goes_on]
    more: dict[int, list[int]] = {}
    for row in sorted(goes_on):
        owner = max((t for t in tasks if t < row), default=None)
        if owner is not None:
            more.setdefault(owner, []).append(row)
    numbers = {row: _task_number(grid, row, roles, markers[row]) for row in tasks}
    assigned = bool(tasks) and all(number is None for number in numbers.values())
    numbering = _numbering(kinds, numbers, roles)
    builder = PlanBuilder(grid.source, collectives, numbering)
    heading_columns = [c for c, role in enumerate(roles) if role == "heading"]
    counter = 0
    previous = 0
    filled_in: list[int] = []
    headings = [0, 0, 0, 0]  # how many headings of each level so far, to number unnumbered ones

    def heading(level: int, text: str) -> None:
        found = marker(text)
        headings[level] += 1
        headings[level + 1 :] = [0] * (3 - level)
        builder.heading(level, *((found.numeral, found.rest) if found else (chinese_numeral(headings[level]), text)))

    for row, kind in enumerate(kinds):
        if kind.startswith("heading"):
            heading(int(kind[-1]), _main_text(grid, row, roles))
            counter = 0 if numbering == "section" else counter
            continue
        if kind != "task" or row in goes_on:
            continue
        for level, column in enumerate(heading_columns[:3], start=1):
            cell = grid.rows[row][column]
            if cell.text and not cell.covered:
                heading(level, cell.text)
                counter = 0 if numbering == "section" else counter
        number = numbers[row]
        if number is None:
            number = counter + 1 if assigned else previous + 1
            if not assigned:
                filled_in.append(number)
        counter = previous = number
        _task(builder, grid, row, more.get(row, []), roles, markers[row], number)
    if assigned:
        notes.append(f"任务没有编号，已按顺序编号（1–{len(tasks)}）")
    elif filled_in:
        notes.append(f"{len(filled_in)} 项任务没有编号，已按前一项顺延编号：{'、'.join(map(str, filled_in))}")
    if numbering == "section":
        notes.append("任务编号在各部分重新开始：任务以所在标题和编号区分")
    repeated = sum(1 for r, kind in enumerate(kinds) if kind == "header" and r > 0 and kinds[r - 1] != "header")
    if repeated:
        notes.append(f"重复的表头 {repeated} 处已跳过")
    note_rows = [r for r, kind in enumerate(kinds) if kind == "note"]
    if note_rows:
        notes.append(f"表格中的说明文字 {len(note_rows)} 行未作为任务读取（{grid.row_origins[note_rows[0]]}起）")
    return builder.finish(title, year, numbers_assigned=assigned), notes


def _task_number(grid: Grid, row: int, roles: list[str], found: Marker | None) -> int | None:
    for column, role in enumerate(roles):
        if role == "number":
            number = bare_number(grid.text(row, column)) if not grid.rows[row][column].covered else None
            if number is not None:
                return number
    return found.number or None if found else None


def _numbering(kinds: list[str], numbers: Mapping[int, int | None], roles: list[str]) -> str:
    """ "section" when task numbers go back (restart) right after a heading."""
    previous: int | None = None
    restarted = False
    heading_between = False
    for row, kind in enumerate(kinds):
        if kind.startswith("heading"):
            heading_between = True
            continue
        if kind != "task" or numbers.get(row) is None:
            continue
        number = numbers[row]
        assert number is not None
        if previous is not None and number <= previous:
            if not heading_between:
                return "plan"  # numbers going back within a section: the builder says which repeats
            restarted = True
        previous = number
        heading_between = False
    if "heading" in roles and not restarted:
        return "plan"
    return "section" if restarted else "plan"


def _task(
    builder: PlanBuilder,
    grid: Grid,
    row: int,
    more: list[int],
    roles: list[str],
    found: Marker | None,
    number: int,
) -> None:
    values: dict[str, list[str]] = {}
    lead: list[str] | None = []
    responsible: list[str] | None = []
    lead_seen = responsible_seen = False
    for column, role in enumerate(roles):
        cell = grid.rows[row][column]
        if role in ("lead", "responsible", "units"):
            origin = grid.origin_of(cell)
            merged_down = grid.merged_from_above(row, column)
            continues = merged_down or (not grid.merges_known and not cell.text and not cell.covered)
            if origin.row == row and cell.covered:
                continue  # the rest of a cell merged across: read once, where it starts
            spans_roles = {roles[c] for c in range(origin.column, origin.column + origin.column_span)}
            if role == "units" or {"lead", "responsible"} <= spans_roles:
                if continues:
                    lead = None if not lead_seen else lead
                    responsible = None if not responsible_seen else responsible
                else:
                    first, others = split_roles(origin.text)
                    lead = (lead or []) + first
                    responsible = (responsible or []) + others
                lead_seen = responsible_seen = True
            elif role == "lead":
                lead = None if continues else (lead or []) + origin.lines
                lead_seen = True
            else:
                responsible = None if continues else (responsible or []) + origin.lines
                responsible_seen = True
        elif not cell.covered or grid.origin_of(cell).row == row:
            if not cell.covered:
                values.setdefault(role, []).append(cell.text)
        elif role in ("deadline", "leader", "remark", "requirement") and grid.continues_text(row, column):
            values.setdefault(role, []).append(grid.origin_of(cell).text)
    for extra in more:  # rows the task goes on in (its title cell merged down over them)
        for column, role in enumerate(roles):
            cell = grid.rows[extra][column]
            if cell.covered or not cell.text:
                continue
            if role == "lead" or (role == "units" and not split_roles(cell.text)[1]):
                lead = (lead or []) + (split_roles(cell.text)[0] if role == "units" else cell.lines)
            elif role in ("responsible", "units"):
                responsible = (responsible or []) + (split_roles(cell.text)[1] if role == "units" else cell.lines)
            elif role not in ("number", "heading", "ignore"):
                values.setdefault(role, []).append(cell.text)
    joiner = "" if grid.lines_wrapped else "\n"  # a PDF's breaks in a text cell are wraps

    def text(role: str) -> str:
        return "\n".join(t.replace("\n", joiner) for t in values.get(role, []) if t)

    title_text = text("title")
    if inner := marker(title_text):
        title_text = inner.rest
    builder.task(
        number,
        title_text,
        lead=lead,
        responsible=responsible,
        requirement=text("requirement"),
        deadline=text("deadline") or None,
        where=grid.row_origins[row],
        leader=text("leader"),
        remark=text("remark"),
    )
