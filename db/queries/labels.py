"""How headings and tasks are written wherever they are shown: one function
for each, so the tree, the forms, the reports, the workbooks and the messages
all say the same.

Headings have three levels, written as plans write them: `一、…` (level 1),
`（一）…` (level 2), `1. …` (level 3). A section's `numeral` is stored bare
(`一`, `一`, `1`).

A task is known by its number while the numbers run through the plan. In a plan
whose numbering restarts in each section the number alone no longer names a
task: it is then labelled with the numerals of its headings, from the top,
and its number, joined by a middle dot (间隔号; a hyphen would read as the
numeral 一): task 3 under `二、` is `二·3`, task 3 under
`一、` / `（二）` is `一·二·3`. A plan restarts its numbering when two of its
tasks have the same number (the reader refuses a number twice in one section,
and `db.operations.editing` keeps it so).

No database code here: the window builds its first view before SQLAlchemy is
imported (desktop/view_cache.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from db.queries.nodes import SectionNode, TaskNode

LABEL_SEPARATOR = "·"
MAX_LEVEL = 3  # of headings (the schema's sections.level)


def heading_numeral(level: int, numeral: str) -> str:
    """The numeral with its punctuation: `一、`, `（一）`, `1.`; "" for none."""
    if not numeral:
        return ""
    if level == 1:
        return f"{numeral}、"
    if level == 2:
        return f"（{numeral}）"
    return f"{numeral}. "


def heading_label(level: int, numeral: str, title: str) -> str:
    """A heading as the plan writes it: `一、推进决策公开`, `（一）…`, `1. …`."""
    return f"{heading_numeral(level, numeral)}{title}"


def restarts(numbers: Iterable[int]) -> bool:
    """Whether a plan with these task numbers numbers its tasks per section."""
    seen: set[int] = set()
    for number in numbers:
        if number in seen:
            return True
        seen.add(number)
    return False


def task_label(path: Sequence[str], number: int, restarting: bool) -> str:
    """`3`, or with the numerals of the task's headings when the plan's
    numbering restarts: `二·3`, `一·二·3`. Empty numerals (the untitled
    section of tasks that stand before any heading) are left out."""
    if not restarting:
        return str(number)
    return LABEL_SEPARATOR.join([*(numeral for numeral in path if numeral), str(number)])


def task_title(number_label: str, title: str) -> str:
    """A task in a list of tasks: `3. 全面公开…`, `二·3. 全面公开…`."""
    return f"{number_label}. {title}"


def section_paths(sections: Iterable[SectionNode]) -> dict[int, tuple[str, ...]]:
    """section id -> the numerals of it and the headings above it, from the top.
    The sections may come in any order."""
    nodes = {section.id: section for section in sections}
    paths: dict[int, tuple[str, ...]] = {}

    def path(section_id: int) -> tuple[str, ...]:
        if section_id not in paths:
            section = nodes[section_id]
            above = path(section.parent_id) if section.parent_id is not None else ()
            paths[section_id] = (*above, section.numeral)
        return paths[section_id]

    for section_id in nodes:
        path(section_id)
    return paths


def task_labels(sections: Iterable[SectionNode], tasks: Sequence[TaskNode]) -> dict[int, str]:
    """task id -> its label, for the tasks of one plan."""
    restarting = restarts(task.number for task in tasks)
    paths: Mapping[int, tuple[str, ...]] = section_paths(sections) if restarting else {}
    return {task.id: task_label(paths.get(task.section_id, ()), task.number, restarting) for task in tasks}


def month_label(month: str) -> str:
    """ "2016-06" -> "2016年6月", as the sheets, the workbooks and their messages write a month."""
    year, number = month.split("-")
    return f"{year}年{int(number)}月"
