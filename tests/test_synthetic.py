"""The synthetic plans of the benchmark read back as generated, store, and take progress."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from bench.synthetic import (
    COLLECTIVE_CELLS,
    add_progress,
    chinese_numeral,
    generate_plan,
    unit_names,
    write_text_plan,
)
from db.operations.import_plan import import_plan
from db.plans import read_plan
from db.plans.registry import bundled_collective_names, load_registry_file
from db.queries.export_json import export_dict
from db.schema.database import open_database
from db.schema.models import STATUSES

TASKS = 200
UNITS = 30
YEAR = 2030
COLLECTIVES = {name for cell in COLLECTIVE_CELLS for name in cell}


def names(assignments) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(a.unit.name for a in assignments)


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_text_plan(tmp_path_factory.mktemp("plan") / "synthetic.txt", TASKS, UNITS, year=YEAR)


def test_reads_back_as_generated(plan_file: Path) -> None:
    expected = generate_plan(TASKS, UNITS, year=YEAR)
    parsed = read_plan(plan_file, bundled_collective_names())

    assert parsed.title == expected.title and str(YEAR) in parsed.title
    assert parsed.year == YEAR
    tasks = list(parsed.all_tasks())
    assert [t.number for t in tasks] == list(range(1, TASKS + 1))
    assert sum(1 for s in parsed.all_sections() if s.level == 1) == expected.sections
    assert sum(1 for s in parsed.all_sections() if s.level == 2) == expected.subsections
    assert expected.page_breaks >= TASKS // 10  # the header row repeats, and is not data

    for task, want in zip(tasks, expected.tasks, strict=True):
        assert task.title == want.title
        assert task.requirement == want.requirement
        assert names(task.lead) == want.lead, task.number
        assert names(task.responsible) == want.responsible, task.number
        assert all(a.continued == want.lead_continued for a in task.lead), task.number
        assert all(a.continued == want.responsible_continued for a in task.responsible), task.number


def test_continued_cells_repeat_the_task_above(plan_file: Path) -> None:
    parsed = read_plan(plan_file, bundled_collective_names())
    continued = list(parsed.continued_assignments())
    roles = {role for _, role, _ in continued}
    assert roles == {"lead", "responsible"}
    assert len({task.number for task, _, _ in continued}) >= TASKS // 5

    for subsection in parsed.all_sections():
        for above, task in pairwise(subsection.tasks):
            for role in ("lead", "responsible"):
                cell = getattr(task, role)
                if cell and cell[0].continued:
                    assert names(cell) == names(getattr(above, role))
        if subsection.tasks:  # never carried over a heading
            first = subsection.tasks[0]
            assert not any(a.continued for a in first.lead + first.responsible)


def test_units_and_collectives(plan_file: Path) -> None:
    parsed = read_plan(plan_file, bundled_collective_names())
    named = {a.unit.name for t in parsed.all_tasks() for a in t.lead + t.responsible}
    pool = set(unit_names(UNITS))
    assert named - COLLECTIVES == pool  # every unit is named, and nothing else
    assert all(name.startswith("市") for name in pool)
    assert "市直各委、办、局" in named  # one collective unit, not 市直各委 + 办 + 局
    assert not named & {"市直各委", "市办", "市局", "办", "局"}
    # The synthetic names are new to the registry: they do not merge with its units.
    registry = {n for e in load_registry_file() for n in (e.name, *e.aliases)}
    assert not set(unit_names(400)) & registry


def test_deterministic(tmp_path: Path) -> None:
    one = write_text_plan(tmp_path / "a.txt", 50, 10, seed=3).read_bytes()
    two = write_text_plan(tmp_path / "b.txt", 50, 10, seed=3).read_bytes()
    other = write_text_plan(tmp_path / "c.txt", 50, 10, seed=4).read_bytes()
    assert one == two
    assert one != other


def test_numerals() -> None:
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 21, 99, 100, 105, 110, 999)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "九百九十九",
    ]  # fmt: skip


def test_store_and_progress(plan_file: Path, tmp_path: Path) -> None:
    database = open_database(tmp_path / "ledger.db")
    try:
        with database.transaction() as session:
            parsed = read_plan(plan_file, bundled_collective_names())
            report = import_plan(session, parsed)
        assert report.tasks == TASKS
        assert add_progress(database, report.plan_id, 2) == 2 * TASKS
        with database.session() as session:
            data = export_dict(session)
    finally:
        database.close()

    (plan,) = data["plans"]
    tasks = [t for s in plan["sections"] for part in (s, *s["sections"]) for t in part["tasks"]]
    assert len(tasks) == TASKS
    entries = [e for t in tasks for e in t["progress"]]
    assert len(entries) == 2 * TASKS
    assert {e["month"] for e in entries} == {f"{YEAR}-01", f"{YEAR}-02"}
    assert {e["status"] for e in entries} <= set(STATUSES)
    assert len({e["status"] for e in entries}) >= 3
    assert all(e["reporting_unit"] == t["lead_units"][0] for t in tasks for e in t["progress"])
