"""A hand-made plan with three levels of headings whose task numbers restart
in each heading, as the reader hands such plans over, and a database holding
it (the fixture `levels_db` of conftest.py). Tests of everything after reading use it (the reader's own tests use the
plan files of tests/data/plans).

    一、推进决策公开
      （一）深化重大决策预公开
        1. 完善公众参与机制        tasks 1, 2       labels 一·一·1·1, 一·一·1·2
        2. 做好决策解读            task 1           一·一·2·1
      （二）推进政策解读           tasks 1, 2       一·二·1, 一·二·2
    二、加强平台建设               task 1           二·1
      （一）优化政府网站
        1. 整合网站栏目            tasks 1, 2       二·一·1·1, 二·一·1·2 (2 continues 1's lead unit)

With `restart=False` the same plan is numbered 1–8 through.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from db.operations.history import recorded
from db.operations.import_plan import import_plan
from db.plans.deadlines import parse_deadline
from db.plans.model import ParsedAssignment, ParsedPlan, ParsedSection, ParsedTask
from db.plans.units import NamedUnit
from db.schema.database import Database
from db.schema.models import Plan

TITLE = "某某区2021年政务公开工作要点任务分工"
YEAR = 2021
LABELS = ["一·一·1·1", "一·一·1·2", "一·一·2·1", "一·二·1", "一·二·2", "二·1", "二·一·1·1", "二·一·1·2"]
TITLES = [
    "建立健全公众参与重大决策制度",
    "重大决策草案公开征求意见",
    "同步发布政策解读材料",
    "主要负责人带头解读政策",
    "开展政策解读回应关切",
    "加强政务新媒体管理",
    "整合区级部门网站栏目",
    "推进网站集约化建设",
]


def _units(*names: str, continued: bool = False) -> list[ParsedAssignment]:
    return [ParsedAssignment(NamedUnit(name, name), continued) for name in names]


def three_level_plan(restart: bool = True, source: Path = Path("three-levels.docx")) -> ParsedPlan:
    numbers = iter([1, 2, 1, 1, 2, 1, 1, 2] if restart else range(1, 9))
    titles = iter(TITLES)

    def task(lead: list[ParsedAssignment], responsible: tuple[str, ...] = (), deadline: str = "") -> ParsedTask:
        number = next(numbers)
        return ParsedTask(
            number,
            next(titles),
            requirement=f"要求{number}",
            deadline_text=deadline,
            lead=lead,
            responsible=_units(*responsible),
            where=f"第 {number} 行",
        )

    def heading(
        level: int, numeral: str, title: str, tasks: Sequence[ParsedTask] = (), sections: Sequence[ParsedSection] = ()
    ) -> ParsedSection:
        return ParsedSection(numeral, title, level, sections=list(sections), tasks=list(tasks))

    plan = ParsedPlan(
        TITLE,
        YEAR,
        source,
        [
            heading(
                1,
                "一",
                "推进决策公开",
                sections=[
                    heading(
                        2,
                        "一",
                        "深化重大决策预公开",
                        sections=[
                            heading(
                                3,
                                "1",
                                "完善公众参与机制",
                                [
                                    task(_units("区政府办公室"), ("区司法局",), "2021年6月底前"),
                                    task(_units("区司法局"), ("各镇（街）",)),
                                ],
                            ),
                            heading(3, "2", "做好决策解读", [task(_units("区发改局"))]),
                        ],
                    ),
                    heading(
                        2,
                        "二",
                        "推进政策解读",
                        [
                            task(_units("区政府办公室"), ("区发改局", "区财政局")),
                            task([], ("区财政局",)),
                        ],
                    ),
                ],
            ),
            heading(
                1,
                "二",
                "加强平台建设",
                [task(_units("区数据局"), deadline="2021年12月底前")],
                sections=[
                    heading(
                        2,
                        "一",
                        "优化政府网站",
                        sections=[
                            heading(
                                3,
                                "1",
                                "整合网站栏目",
                                [
                                    task(_units("区数据局")),
                                    task(_units("区数据局", continued=True), ("区政府办公室",)),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    for parsed in plan.all_tasks():
        parsed.deadline = parse_deadline(parsed.deadline_text, YEAR)
    return plan


def store(database: Database, plan: ParsedPlan) -> int:
    with database.transaction() as session, recorded(session, "导入计划（测试）"):
        return import_plan(session, plan).plan_id


def plan_id(database: Database) -> int:
    with database.session() as session:
        return session.scalars(select(Plan.id).where(Plan.title == TITLE)).one()
