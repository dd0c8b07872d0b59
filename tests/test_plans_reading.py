"""The interpreter, rule by rule, on grids built cell by cell (the loaders
are tested apart, the whole shapes by the corpus)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from db.errors import InputError
from db.plans import Choices, ParsedPlan, Reading, interpret
from db.plans.grid import Grid, GridBuilder

SOURCE = Path("某市2021年任务分工.docx")
Row = list[str | tuple[str, int] | None]  # text, (text, columns across), None: merged down from above


def grid(*rows: Row, title: list[str] | None = None, when: date | None = None, source: Path = SOURCE) -> Grid:
    builder = GridBuilder(source)
    for index, row in enumerate(rows):
        cells = []
        for item in row:
            if item is None:
                cells.append(("", 1, True))
            elif isinstance(item, tuple):
                cells.append((item[0], item[1], False))
            else:
                cells.append((item, 1, False))
        builder.add_row(cells, f"第 {index + 1} 行")
    return builder.build(
        title_lines=title if title is not None else ["某市2021年政务公开工作要点任务分工"], document_date=when
    )


def read(*rows: Row, **kwargs: object) -> Reading:
    return interpret(grid(*rows), **kwargs)  # type: ignore[arg-type]


def tasks(plan: ParsedPlan) -> list[tuple[list[str], int, str]]:
    return [([f"{s.numeral}、{s.title}" for s in path], t.number, t.title) for path, t in plan.section_paths()]


def units(assignments: list) -> list[str]:
    return [a.unit.name for a in assignments]


@pytest.mark.parametrize(
    ("names", "roles"),
    [
        (
            ["序号", "重点任务", "具体措施", "牵头部门", "责任科室", "时间节点"],
            ["number", "title", "requirement", "lead", "responsible", "deadline"],
        ),
        (
            ["编号", "目标任务", "工作目标", "牵头单位", "协办单位", "完成时间"],
            ["number", "title", "requirement", "lead", "responsible", "deadline"],
        ),
        (
            ["主要内容", "工作措施", "牵头单位（部门）", "参与单位", "时限要求", "备注"],
            ["title", "requirement", "lead", "responsible", "deadline", "remark"],
        ),
        (
            ["具体任务", "分管领导", "责任部门", "配合单位", "完成时限", "备注"],
            ["title", "leader", "responsible", "responsible", "deadline", "remark"],
        ),
    ],
)
def test_column_roles_by_name(names: list[str], roles: list[str]) -> None:
    sample = {
        "number": "1",
        "title": "任务甲",
        "requirement": "要求",
        "lead": "市编办",
        "responsible": "市财政局",
        "deadline": "2021年底",
        "remark": "无",
        "leader": "张副市长",
    }
    reading = read(names, [sample[role] for role in roles])
    assert reading.columns == roles
    assert not any(reading.column_guessed)


def test_header_of_two_rows_and_a_cell_across_the_number_column() -> None:
    reading = read(
        [("工作任务", 2), "具体措施", ("责任单位", 2), "完成时限"],
        [None, None, None, "牵头", "配合", None],
        ["1", "持续压减审批事项", "全面清理", "市行政审批局", "市直有关部门", "6月底前"],
    )
    assert reading.header_rows == [0, 1]
    assert reading.columns == ["number", "title", "requirement", "lead", "responsible", "deadline"]
    assert reading.column_guessed[0]  # the bare numbers under 工作任务
    (task,) = reading.plan.all_tasks()
    assert (task.number, task.title, units(task.lead), units(task.responsible)) == (
        1,
        "持续压减审批事项",
        ["市行政审批局"],
        ["市直有关部门"],
    )


def test_heading_levels_and_task_styles() -> None:
    reading = read(
        ["工作任务", "牵头单位"],
        [("一、深化公开", 2)],
        [("（一）推进决策公开", 2)],
        [("1.公开草案", 2)],
        ["（1）公开听证", "市发改委"],
        ["（2）公开结果", "市司法局"],
        [("2.做好解读", 2)],
        ["（1）同步解读", "市政府办公室"],
    )
    assert reading.rows == ["header", "heading1", "heading2", "heading3", "task", "task", "heading3", "task"]
    assert tasks(reading.plan) == [
        (["一、深化公开", "一、推进决策公开", "1、公开草案"], 1, "公开听证"),
        (["一、深化公开", "一、推进决策公开", "1、公开草案"], 2, "公开结果"),
        (["一、深化公开", "一、推进决策公开", "2、做好解读"], 1, "同步解读"),
    ]
    assert reading.plan.numbering == "section"
    assert any("重新开始" in note for note in reading.notes)


@pytest.mark.parametrize("mark", ["1.", "1、", "1．", "(1)", "（1）", "①", "一是"])
def test_task_number_styles(mark: str) -> None:
    second = mark.replace("1", "2").replace("①", "②").replace("一", "二")
    reading = read(
        ["工作任务", "牵头单位"], [("一、部分", 2)], [f"{mark}任务甲", "市编办"], [f"{second}任务乙", "市财政局"]
    )
    assert [(t.number, t.title) for t in reading.plan.all_tasks()] == [(1, "任务甲"), (2, "任务乙")]


def test_tasks_numbered_like_subsections_when_that_is_the_deepest_level() -> None:
    reading = read(
        ["工作任务", "牵头单位"],
        [("一、部分", 2)],
        ["（一）任务甲", "市编办"],
        ["（二）任务乙", "市财政局"],
    )
    assert reading.rows[2:] == ["task", "task"]
    assert [(t.number, t.title) for t in reading.plan.all_tasks()] == [(1, "任务甲"), (2, "任务乙")]


def test_unnumbered_tasks_are_numbered_in_order_and_said_so() -> None:
    reading = read(["工作任务", "牵头单位"], [("一、部分", 2)], ["任务甲", "市编办"], ["任务乙", "市财政局"])
    assert [t.number for t in reading.plan.all_tasks()] == [1, 2]
    assert reading.plan.numbers_assigned
    assert any("已按顺序编号" in note for note in reading.notes)


def test_heading_column_merged_down_and_tasks_in_the_next_column() -> None:
    reading = read(
        ["工作任务", "具体要求", "牵头单位"],
        ["一、深化改革", "1.精简审批", "区政务服务中心"],
        [None, "2.推行告知承诺", "区司法局"],
        ["二、加强监管", "3.双随机抽查", "区市场监管局"],
        [None, "4.信用监管", None],
    )
    assert reading.columns == ["heading", "title", "lead"]
    assert tasks(reading.plan) == [
        (["一、深化改革"], 1, "精简审批"),
        (["一、深化改革"], 2, "推行告知承诺"),
        (["二、加强监管"], 3, "双随机抽查"),
        (["二、加强监管"], 4, "信用监管"),
    ]
    last = list(reading.plan.all_tasks())[-1]
    assert [(a.unit.name, a.continued) for a in last.lead] == [("区市场监管局", True)]


def test_a_heading_repeated_at_the_top_of_a_page_continues_its_section() -> None:
    reading = read(
        ["序号", "工作任务", "牵头单位"],
        [("一、部分", 3)],
        ["1", "任务甲", "市编办"],
        ["序号", "工作任务", "牵头单位"],
        [("一、部分", 3)],
        ["2", "任务乙", "市财政局"],
    )
    assert [s.title for s in reading.plan.sections] == ["部分"]
    assert [t.number for t in reading.plan.sections[0].tasks] == [1, 2]
    assert reading.rows[3] == "header"


def test_notes_under_the_table_are_not_tasks() -> None:
    reading = read(
        ["工作任务", "牵头单位"], [("一、部分", 2)], ["1.任务甲", "市编办"], [("注：各单位每月25日前报送进展。", 2)]
    )
    assert reading.rows[-1] == "note"
    assert [t.number for t in reading.plan.all_tasks()] == [1]


def test_one_column_naming_both_roles() -> None:
    reading = read(
        ["序号", "工作任务", "责任单位"],
        ["1", "任务甲", "市发改委牵头，市财政局、统计局配合"],
        ["2", "任务乙", "牵头：市政府办公室；配合：各县（市、区）"],
        ["3", "任务丙", "市教育局负责"],
    )
    assert reading.columns == ["number", "title", "units"]
    first, second, third = reading.plan.all_tasks()
    assert (units(first.lead), units(first.responsible)) == (["市发改委"], ["市财政局", "市统计局"])
    assert (units(second.lead), units(second.responsible)) == (["市政府办公室"], ["各县（市、区）"])
    assert second.responsible[0].unit.collective
    assert (units(third.lead), units(third.responsible)) == (["市教育局"], [])
    assert reading.collectives == ["各县（市、区）"]


def test_choices_override_the_guesses() -> None:
    rows: tuple[Row, ...] = (
        ["工作任务", "牵头单位", "备注"],
        [("一、部分", 3)],
        ["1.任务甲", "市编办", "市财政局"],
        ["说明行", "", ""],
    )
    guessed = read(*rows)
    assert guessed.columns[2] == "remark"
    chosen = read(*rows, choices=Choices(columns={2: "responsible"}, rows={1: "ignore", 3: "task"}))
    assert chosen.columns[2] == "responsible" and not chosen.column_guessed[2]
    assert chosen.rows[1] == "ignore" and chosen.rows[3] == "task"
    first, second = chosen.plan.all_tasks()
    assert units(first.responsible) == ["市财政局"]
    assert (second.number, second.title) == (2, "说明行")
    assert chosen.plan.sections[0].numeral == ""  # the heading row ignored: no heading


def test_unknown_role_or_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="未知的列角色"):
        Choices(columns={0: "boss"})
    with pytest.raises(ValueError, match="未知的行类型"):
        Choices(rows={0: "chapter"})


def test_title_and_year() -> None:
    rows: tuple[Row, ...] = (["工作任务", "牵头单位"], ["1.任务甲", "市编办"])
    assert interpret(grid(*rows, title=["附件2", "某县2022年政务公开重点任务清单"])).plan.title == (
        "某县2022年政务公开重点任务清单"
    )
    from_name = interpret(grid(*rows, title=[], source=Path("某县2023年重点任务.docx"))).plan
    assert (from_name.title, from_name.year) == ("某县2023年重点任务", 2023)
    dated = interpret(grid(*rows, title=["某县政务公开重点任务"], when=date(2024, 3, 1), source=Path("x.docx"))).plan
    assert dated.year == 2024
    given = interpret(grid(*rows), title="另一个标题", year=2030).plan
    assert (given.title, given.year) == ("另一个标题", 2030)
    with pytest.raises(InputError, match=r"x.docx.*无法识别年份"):
        interpret(grid(*rows, title=["某县政务公开重点任务"], source=Path("x.docx")))


def test_a_task_numbered_twice_in_one_section_is_refused() -> None:
    with pytest.raises(InputError, match="任务编号 1 重复出现（第 3 行与第 4 行）"):
        read(["工作任务", "牵头单位"], [("一、部分", 2)], ["1.任务甲", "市编办"], ["1.任务乙", "市编办"])


def test_choices_are_remembered_by_the_header_texts(empty_db) -> None:  # type: ignore[no-untyped-def]
    from db.plans.choices import layout_signature, load_choices, save_choices

    this_year = grid(["序号", "工作任务", "备注"], ["1", "任务甲", "市财政局"])
    next_year = grid(["序 号", "工作任务", "备注"], ["1", "任务乙", "市税务局"])  # spaces do not matter
    other = grid(["序号", "工作任务", "牵头单位"], ["1", "任务丙", "市财政局"])
    signature = layout_signature(this_year)
    assert signature == layout_signature(next_year) != layout_signature(other)
    with empty_db.transaction() as session:
        save_choices(session, signature, {2: "responsible"})
    with empty_db.session() as session:
        assert load_choices(session, layout_signature(next_year)) == {2: "responsible"}
        assert load_choices(session, layout_signature(other)) == {}


@pytest.mark.parametrize(
    ("text", "style", "number"),
    [
        ("一百零一、第一百零一部分", "cn", 101),
        ("（二十四）小节", "paren_cn", 24),
        ("12．任务", "arabic", 12),
        ("⑫任务", "circled", 12),
        ("三是任务", "yishi", 3),
        ("第二部分 总体要求", "part", 2),
    ],
)
def test_numbering_styles_and_values(text: str, style: str, number: int) -> None:
    from db.plans.numbering import marker

    found = marker(text)
    assert found is not None and (found.style, found.number) == (style, number)


@pytest.mark.parametrize("text", ["2016年起实施", "1.5亿元投入", "一是", "市发改委"])
def test_text_that_is_no_numbering(text: str) -> None:
    from db.plans.numbering import marker

    assert marker(text) is None
