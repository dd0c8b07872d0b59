"""The JSON export carries each task's milestones, extension requests and
the office's verdicts, in the form README.md documents; read back from the file."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from db.operations.extensions import DECIDE_EXTENSION, REQUEST_EXTENSION
from db.operations.milestones import SET_MILESTONES
from db.operations.progress import RECORD_PROGRESS, Report
from db.operations.reviews import RETURN_TASK, SIGN_OFF
from db.operations.runner import perform
from db.plans.milestones import ParsedMilestone
from db.queries.export_json import write_json
from db.schema.database import Database
from tests.conftest import task_id


def exported_task(database: Database, path: Path, number: int) -> dict:  # type: ignore[type-arg]
    with database.session() as session:
        write_json(session, path)
    data = json.loads(path.read_text(encoding="utf-8"))

    def tasks(section: dict) -> list[dict]:  # type: ignore[type-arg]
        return section["tasks"] + [task for sub in section["sections"] for task in tasks(sub)]

    [plan] = data["plans"]
    return next(task for section in plan["sections"] for task in tasks(section) if task["number"] == number)


def test_milestones_extensions_and_reviews_are_exported(plan_db: Database, tmp_path: Path) -> None:
    first = task_id(plan_db, 1)
    untouched = exported_task(plan_db, tmp_path / "before.json", 1)
    assert (untouched["milestones"], untouched["extensions"], untouched["reviews"]) == ([], [], [])

    perform(plan_db, SET_MILESTONES(first, [ParsedMilestone(date(2016, 6, 30), "6月底前", "完成清单梳理", 0.5)]))
    asked = perform(
        plan_db, REQUEST_EXTENSION(first, date(2017, 3, 31), "系统改造", by="张三", at=datetime(2016, 11, 2, 9))
    )
    perform(plan_db, DECIDE_EXTENSION(asked.value, True, "王五", "同意", at=datetime(2016, 11, 3, 10)))
    perform(plan_db, RECORD_PROGRESS(first, "2016-12", Report("completed", evidence="http://example.gov.cn/q")))
    perform(plan_db, RETURN_TASK(first, "网址打不开", "王五", at=datetime(2016, 12, 30, 15)))

    task = exported_task(plan_db, tmp_path / "after.json", 1)
    assert task["deadline"] == "2017-03-31" and task["deadline_text"] == "2017年3月31日"
    assert task["milestones"] == [{"due": "2016-06-30", "due_text": "6月底前", "text": "完成清单梳理", "share": 0.5}]
    assert task["extensions"] == [
        {
            "unit": "市编办",
            "requested_at": "2016-11-02T09:00:00",
            "requested_by": "张三",
            "new_deadline": "2017-03-31",
            "reason": "系统改造",
            "state": "approved",
            "decided_at": "2016-11-03T10:00:00",
            "decided_by": "王五",
            "decision_note": "同意",
            "previous_deadline": None,
            "previous_deadline_text": "",
        }
    ]
    assert task["reviews"] == [
        {
            "month": "2016-12",
            "verdict": "returned",
            "evidence": "",
            "reason": "网址打不开",
            "by": "王五",
            "at": "2016-12-30T15:00:00",
        }
    ]
    second = task_id(plan_db, 2)
    perform(plan_db, RECORD_PROGRESS(second, "2016-12", Report("completed")))
    perform(plan_db, SIGN_OFF(second, "王五", "核对了文件", at=datetime(2016, 12, 31, 16)))
    assert exported_task(plan_db, tmp_path / "signed.json", 2)["reviews"] == [
        {
            "month": "2016-12",
            "verdict": "signed_off",
            "evidence": "核对了文件",
            "reason": "",
            "by": "王五",
            "at": "2016-12-31T16:00:00",
        }
    ]
