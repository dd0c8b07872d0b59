"""The first half of reading a grid: where the header is and what each column
holds (by its name first, then by its content)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from db.plans.columns import is_header_row, normalise, role_of_name
from db.plans.grid import Grid
from db.plans.numbering import bare_number, marker

HEADER_SEARCH_ROWS = 40
HEADING_STYLES = ("part", "cn", "paren_cn")
UNIT_COLUMNS = ("lead", "responsible", "units")
# Words a lead-and-others cell uses; a 责任单位 column full of them is a "units" column.
ROLE_WORDS = ("牵头", "负责", "配合", "参与", "协助", "协办")
_UNIT_ENDINGS = (
    "局",
    "委",
    "办",
    "厅",
    "部",
    "处",
    "科",
    "室",
    "中心",
    "政府",
    "院",
    "所",
    "站",
    "队",
    "公司",
    "集团",
    "会",
    "行",
)


def row_texts(grid: Grid, row: int) -> list[str]:
    """The texts of the cells that start in `row` (covered cells give "")."""
    return [cell.text for cell in grid.rows[row]]


def distinct_texts(grid: Grid, row: int) -> list[str]:
    """The non-empty texts of a row, each merged cell once."""
    return [cell.text for cell in grid.rows[row] if cell.text and not cell.covered]


def find_header(grid: Grid) -> list[int]:
    """The header row(s): the first row naming at least two columns, and the row
    under it when that one names the parts of a header cell spanning columns
    (责任单位 over 牵头 | 配合). [] when the table has no header."""
    for index in range(min(len(grid.rows), HEADER_SEARCH_ROWS)):
        texts = distinct_texts(grid, index)
        if texts and marker(texts[0]):
            return []  # the table has begun: a header further down is a repeated one
        if is_header_row(texts, loose=True):
            below = index + 1
            if below < len(grid.rows) and _is_second_header_row(grid, index, below):
                return [index, below]
            return [index]
    return []


def body_start(grid: Grid, header: list[int]) -> int:
    """The first row of the table's body: below the header, or, without one, the
    first row with two texts or a numbered one (the rows above are titles)."""
    if header:
        return header[-1] + 1
    for index in range(min(len(grid.rows), HEADER_SEARCH_ROWS)):
        texts = distinct_texts(grid, index)
        if len(texts) > 1 or (texts and marker(texts[0])):
            return index
    return 0


def _is_second_header_row(grid: Grid, top: int, below: int) -> bool:
    texts = distinct_texts(grid, below)
    if not texts or any(role_of_name(text) is None for text in texts):
        return False
    spans = any(cell.column_span > 1 and not cell.covered for cell in grid.rows[top])
    tall = any(cell.row_span > 1 and not cell.covered for cell in grid.rows[top])
    return spans or tall


def header_names(grid: Grid, header: list[int]) -> list[str]:
    """The name of each column: the lower header row's text under a spanning
    cell, else the text of the header cell covering the column."""
    names = []
    for column in range(grid.width):
        name = ""
        for row in reversed(header):
            cell = grid.rows[row][column]
            if (
                cell.covered
                and cell.origin is not None
                and cell.origin[0] == row
                and len(header) > 1
                and row != header[0]
            ):
                continue  # spanned across in the lower row: the name above counts
            text = grid.text(row, column)
            if text:
                name = text
                break
        names.append(name)
    return names


@dataclass
class ColumnFacts:
    """What the data cells of one column look like."""

    filled: int = 0  # cells starting here with text
    numbers: int = 0  # bare numbers (序号)
    headings: int = 0  # starting with 一、 / （一） / 第一部分
    tasks: int = 0  # starting with 1. (1) ① 一是
    tall: int = 0  # merged down over several rows
    units: int = 0  # looking like unit names
    role_words: int = 0  # 牵头 / 配合 …
    length: int = 0  # characters in all


def column_facts(grid: Grid, rows: range) -> list[ColumnFacts]:
    facts = [ColumnFacts() for _ in range(grid.width)]
    for row in rows:
        for cell in grid.rows[row]:
            if cell.covered or not cell.text or cell.column_span > 1:
                continue  # a cell across columns (a heading row) tells nothing about one column
            fact = facts[cell.column]
            fact.filled += 1
            fact.length += len(cell.text)
            if cell.row_span > 1:
                fact.tall += 1
            if bare_number(cell.text) is not None:
                fact.numbers += 1
            found = marker(cell.text)
            if found and found.style in HEADING_STYLES:
                fact.headings += 1
            elif found:
                fact.tasks += 1
            if any(word in cell.text for word in ROLE_WORDS):
                fact.role_words += 1
            first = normalise(cell.text.splitlines()[0]).split("、")[0].rstrip("，,；;。")
            if len(cell.text) <= 60 and first.endswith(_UNIT_ENDINGS):
                fact.units += 1
    return facts


def guess_roles(grid: Grid, header: list[int]) -> tuple[list[str], list[bool]]:
    """(role of each column, whether it was guessed from the content)."""
    names = header_names(grid, header) if header else (grid.column_names + [""] * grid.width)[: grid.width]
    roles = [role_of_name(name) or "" for name in names]
    guessed = [not role for role in roles]
    data = range(body_start(grid, header), len(grid.rows))
    facts = column_facts(grid, data)

    def set_role(column: int, role: str) -> None:
        roles[column] = role
        guessed[column] = True

    # A column of bare numbers is the 序号, whatever its header says (a header
    # cell spanning the number and the task text names both).
    for column, fact in enumerate(facts):
        if fact.filled and fact.numbers >= 0.8 * fact.filled and roles[column] in ("", "title", "requirement"):
            set_role(column, "number")
    # A column of headings (一、…), merged down over the rows they head or
    # filled only now and then, is a heading column.
    for column, fact in enumerate(facts):
        if fact.filled and fact.headings >= 0.6 * fact.filled and roles[column] not in UNIT_COLUMNS:
            rows_filled = sum(1 for row in data if grid.rows[row][column].text or grid.rows[row][column].covered)
            if (fact.tall or fact.filled < 0.5 * max(1, rows_filled)) and _other_text_column(roles, facts, column):
                set_role(column, "heading")
    # Without a title column, the column of numbered items (or the longest text) holds the tasks.
    if "title" not in roles:
        candidates = [c for c, role in enumerate(roles) if role in ("", "requirement")]
        if candidates:
            best = max(candidates, key=lambda c: (facts[c].tasks, facts[c].length))
            set_role(best, "title")
    # Columns named nothing known: units, or more text.
    for column, fact in enumerate(facts):
        if roles[column] or not fact.filled:
            continue
        if fact.units >= 0.6 * fact.filled:
            set_role(column, "lead" if "lead" not in roles and "units" not in roles else "responsible")
        elif "requirement" not in roles and fact.length > 10 * fact.filled:
            set_role(column, "requirement")
        else:
            set_role(column, "ignore")
    # One unit column whose cells say who leads: lead and others together.
    if "lead" not in roles:
        for column, fact in enumerate(facts):
            if roles[column] == "responsible" and fact.filled and fact.role_words >= 0.3 * fact.filled:
                set_role(column, "units")
    _resolve_twins(roles, guessed, facts)
    return roles, guessed


def _other_text_column(roles: list[str], facts: list[ColumnFacts], heading: int) -> bool:
    """Whether another column can hold the tasks when `heading` holds headings."""
    return any(
        c != heading and roles[c] in ("", "title", "requirement") and fact.filled for c, fact in enumerate(facts)
    )


def _resolve_twins(roles: list[str], guessed: list[bool], facts: list[ColumnFacts]) -> None:
    """Two columns of one role (a header cell across two columns): the one with
    more content keeps it; a second lead column holds the others, a second task
    column the requirement."""
    counts = Counter(roles)
    for role, count in counts.items():
        if count < 2 or role in ("ignore", "heading", "responsible", "remark", ""):
            continue  # several of these are read together (责任部门 and 配合单位 both name others)
        columns = [c for c, r in enumerate(roles) if r == role]
        if role == "lead":
            for column in columns[1:]:
                roles[column], guessed[column] = "responsible", True
            continue
        keep = max(columns, key=lambda c: facts[c].filled * 1000 + facts[c].length)
        for column in columns:
            if column == keep:
                continue
            if role == "title" and "requirement" not in roles:
                roles[column] = "requirement" if column > keep else "ignore"
            else:
                roles[column] = "ignore"
            guessed[column] = True
