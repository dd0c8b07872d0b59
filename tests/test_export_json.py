"""The JSON export with progress entries, read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from db.months import Month
from db.operations.progress import Report, record_progress
from db.queries.export_json import export_dict, write_json
from db.queries.unit_tasks import find_unit
from db.schema.models import Task


def _task_id(session, number: int) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(Task.id).where(Task.number == number))


def test_progress_entries_are_exported_per_task(plan_db, tmp_path: Path) -> None:
    with plan_db.transaction() as session:
        reporter = find_unit(session, "市环保局").id
        task = _task_id(session, 32)
        record_progress(
            session, task, "2016-05", Report("in_progress", done="发布预报", reporting_unit_id=reporter), by="张三"
        )
        record_progress(
            session, task, "2016-06", Report("completed", done="全部完成", evidence="http://example.gov.cn/a")
        )
        record_progress(session, task, "2016-06", Report("completed", done="全部完成（更正）"), by="李四")
    with plan_db.session() as session:
        data = write_json(session, tmp_path / "out.json")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == data
    [plan] = data["plans"]
    task32 = next(t for s in plan["sections"] for sub in s["sections"] for t in sub["tasks"] if t["number"] == 32)
    assert [
        (p["month"], p["status"], p["done"], p["reporting_unit"], p["recorded_by"]) for p in task32["progress"]
    ] == [
        ("2016-05", "in_progress", "发布预报", "市环保局", "张三"),
        ("2016-06", "completed", "全部完成（更正）", None, "李四"),
    ]


def test_units_are_exported_with_members_not_expanded_in_tasks(plan_db) -> None:
    with plan_db.session() as session:
        data = export_dict(session)
    units = {unit["name"]: unit for unit in data["units"]}
    assert units["各区人民政府"]["kind"] == "collective"
    assert "思明区人民政府" in units["各区人民政府"]["members"]
    assert "市政园林局" in units["市市政园林局"]["aliases"]
    text = json.dumps(data["plans"], ensure_ascii=False)
    assert "思明区人民政府" not in text  # the plan names the collective, not its members


@pytest.mark.parametrize("month", ["2016-13", "2016-5", "16-05", ""])
def test_bad_months_are_refused(month: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        Month(month)


def test_unknown_status_is_refused_and_nothing_written(plan_db) -> None:
    with pytest.raises(ValueError, match="未知的状态"), plan_db.transaction() as session:
        record_progress(session, _task_id(session, 1), "2016-05", Report("finished"))
    with plan_db.session() as session:
        assert export_dict(session)["plans"][0]["sections"][0]["sections"][0]["tasks"][0]["progress"] == []


def test_three_levels_nest_in_sections(levels_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.three_levels import TITLE, TITLES

    with levels_db.session() as session:
        data = write_json(session, tmp_path / "out.json")
    written = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    (plan,) = (p for p in written["plans"] if p["title"] == TITLE)

    def walk(sections: list, path: tuple = ()) -> list:  # type: ignore[type-arg]
        found = []
        for section in sections:
            here = (*path, section["numeral"])
            found += [(here, task["number"], task["title"]) for task in section["tasks"]]
            found += walk(section["sections"], here)
        return found

    assert walk(plan["sections"]) == [
        (("一", "一", "1"), 1, TITLES[0]),
        (("一", "一", "1"), 2, TITLES[1]),
        (("一", "一", "2"), 1, TITLES[2]),
        (("一", "二"), 1, TITLES[3]),
        (("一", "二"), 2, TITLES[4]),
        (("二",), 1, TITLES[5]),
        (("二", "一", "1"), 1, TITLES[6]),
        (("二", "一", "1"), 2, TITLES[7]),
    ]
    level3 = plan["sections"][0]["sections"][0]["sections"][0]
    assert (level3["numeral"], level3["title"], level3["sections"]) == ("1", "完善公众参与机制", [])
    assert TITLE in {p["title"] for p in data["plans"]}
