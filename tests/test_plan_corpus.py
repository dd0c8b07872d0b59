"""The conformance corpus of issue 8: every plan file in tests/data/plans is read
with db.plans.read_plan, as a new office reads it (an empty registry: no known
collectives), and compared field by field with its expected reading,
``<name>.expected.json``, written by hand (tests/plan_corpus holds the cell texts
and the readings; ``python -m tests.plan_corpus`` regenerates the files).
Every file of refused.json must be refused with an InputError naming the file
and containing the listed words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.errors import InputError

DATA = Path(__file__).resolve().parent / "data" / "plans"
SHOWN = 12  # differences shown for one file


def _expectations() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(DATA.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        for name in expected["files"]:
            yield DATA / name, expected


EXPECTED = list(_expectations())
REFUSED = json.loads((DATA / "refused.json").read_text(encoding="utf-8"))


def _continued(assignments: list[Any]) -> bool | str:
    flags = {a.continued for a in assignments}
    return "mixed" if len(flags) > 1 else flags == {True}


def _tasks(plan: Any) -> Iterator[tuple[list[list[str]], Any, list[str]]]:
    """(section path, task, problems with the nesting) in document order; an
    untitled section (a plan without headings) is no part of the path."""

    def walk(section: Any, above: list[list[str]]) -> Iterator[tuple[list[list[str]], Any, list[str]]]:
        titled = bool(section.numeral or section.title)
        path = [*above, [section.numeral, section.title]] if titled else above
        problems = []
        if titled and section.level != len(path):
            problems.append(
                f"heading {section.numeral} {section.title} has level {section.level}, nested {len(path)} deep"
            )
        for task in section.tasks:
            yield path, task, problems
        for sub in section.sections:
            yield from walk(sub, path)

    for section in plan.sections:
        yield from walk(section, [])


def _reading(plan: Any, expected_tasks: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    collectives: list[str] = []
    tasks = []
    for index, (path, task, problems) in enumerate(_tasks(plan)):
        for assignment in [*task.lead, *task.responsible]:
            if assignment.unit.collective and assignment.unit.name not in collectives:
                collectives.append(assignment.unit.name)
        got: dict[str, Any] = {
            "where": task.where,
            "nesting": problems,
            "sections": path,
            "number": task.number,
            "title": task.title,
            "requirement": task.requirement,
            "deadline_text": task.deadline_text,
            "lead": [a.unit.name for a in task.lead],
            "responsible": [a.unit.name for a in task.responsible],
            "lead_continued": _continued(task.lead),
            "responsible_continued": _continued(task.responsible),
        }
        want = expected_tasks[index] if index < len(expected_tasks) else {}
        for optional in ("leader", "remark"):
            if optional in want:
                got[optional] = getattr(task, optional)
        tasks.append(got)
    plan_fields = {
        "title": plan.title,
        "year": plan.year,
        "numbers_assigned": plan.numbers_assigned,
        "numbering": plan.numbering,
        "collectives": sorted(collectives),
    }
    return plan_fields, tasks


def _differences(expected: dict[str, Any], plan: Any) -> list[str]:
    plan_fields, tasks = _reading(plan, expected["tasks"])
    found = []
    for key, got in plan_fields.items():
        want = sorted(expected[key]) if key == "collectives" else expected[key]
        if got != want:
            found.append(f"{key}: expected {want!r}, got {got!r}")
    if len(tasks) != len(expected["tasks"]):
        found.append(f"tasks: expected {len(expected['tasks'])}, got {len(tasks)}")
    for index, (want, got) in enumerate(zip(expected["tasks"], tasks, strict=False)):
        label = f"task {index + 1} (expected number {want['number']}, {got['where'] or 'no place'})"
        found += [f"{label}: {problem}" for problem in got["nesting"]]
        for key, value in want.items():
            if got.get(key) != value:
                found.append(f"{label} {key}:\n      expected {value!r}\n      got      {got.get(key)!r}")
    return found


@pytest.mark.parametrize(("path", "expected"), EXPECTED, ids=[path.name for path, _ in EXPECTED])
def test_plan_reads_as_expected(path: Path, expected: dict[str, Any]) -> None:
    from db.plans import read_plan

    plan = read_plan(path, **expected.get("args", {}))
    found = _differences(expected, plan)
    shown = "\n  ".join(found[:SHOWN])
    more = f"\n  … and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    assert not found, f"{path.name} ({expected['shape'][:80]}…): {len(found)} differences\n  {shown}{more}"


@pytest.mark.parametrize("entry", REFUSED, ids=[entry["file"] for entry in REFUSED])
def test_bad_file_is_refused(entry: dict[str, Any]) -> None:
    from db.plans import read_plan

    path = DATA / entry["file"]
    with pytest.raises(InputError) as error:
        read_plan(path)
    message = str(error.value)
    assert path.name in message, f"the message does not name the file: {message}"
    missing = [word for word in entry["message_contains"] if word not in message]
    assert not missing, f"the message lacks {missing}: {message}"


def test_corpus_is_complete() -> None:
    """Every file is listed once, every listed file exists, and the corpus has the
    size the issue asks for."""
    listed = [path.name for path, _ in EXPECTED] + [entry["file"] for entry in REFUSED]
    present = sorted(p.name for p in DATA.iterdir() if not p.name.endswith(".json"))
    assert sorted(listed) == present
    assert len(EXPECTED) >= 20
    formats = {path.suffix for path, _ in EXPECTED}
    assert formats == {".docx", ".pdf", ".xlsx", ".xls", ".csv", ".txt"}
    for path, expected in EXPECTED:
        assert expected["tasks"], path.name
        assert expected["numbering"] in ("plan", "section"), path.name
