"""The text reader, rule by rule on small documents, and its refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from db.errors import InputError
from db.plans import read_plan
from db.plans.model import ParsedPlan, ParsedTask

HEADER = ["工  作  任  务", "牵头单位", "责  任  单  位", "工  作  要  求"]


def document(*rows: list[str] | str, title: str = "某市2017年政务公开工作要点分工") -> str:
    """A plan as Word-table text: a cell per line starting with a tab, rows
    separated by a blank line; a str row is a line without a tab."""
    lines = [title, ""]
    for row in rows:
        if isinstance(row, str):
            lines.append(row)
            continue
        lines.extend("\t" + cell for cell in row)
        lines.append("")
    return "\n".join(lines) + "\n"


def read(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "plan.txt") -> ParsedPlan:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_plan(path)


def task(plan: ParsedPlan, number: int) -> ParsedTask:
    return next(t for t in plan.all_tasks() if t.number == number)


def leads(plan: ParsedPlan, number: int) -> list[tuple[str, bool]]:
    return [(a.unit.name, a.continued) for a in task(plan, number).lead]


def responsibles(plan: ParsedPlan, number: int) -> list[tuple[str, bool]]:
    return [(a.unit.name, a.continued) for a in task(plan, number).responsible]


def test_title_year_sections_and_tasks(tmp_path: Path) -> None:
    plan = read(
        tmp_path,
        document(
            HEADER,
            ["一、第一部分"],
            ["（一）第一小节"],
            ["1. 任务甲", "市发改委", "各区人民政府", "要求甲"],
            ["二、第二部分"],
            ["（一）第二小节"],
            ["2.任务乙", "市财政局", "各区人民政府", "要求乙"],
        ),
    )
    assert (plan.title, plan.year) == ("某市2017年政务公开工作要点分工", 2017)
    assert [(s.numeral, s.title, [sub.title for sub in s.sections]) for s in plan.sections] == [
        ("一", "第一部分", ["第一小节"]),
        ("二", "第二部分", ["第二小节"]),
    ]
    assert [(t.number, t.title, t.requirement) for t in plan.all_tasks()] == [
        (1, "任务甲", "要求甲"),
        (2, "任务乙", "要求乙"),
    ]


def test_repeated_page_header_is_not_data(tmp_path: Path) -> None:
    plan = read(
        tmp_path,
        document(HEADER, ["一、部分"], ["1.甲", "市发改委", "", "要求"], HEADER, ["2.乙", "", "", "要求"]),
    )
    assert [t.number for t in plan.all_tasks()] == [1, 2]
    assert leads(plan, 2) == [("市发改委", True)]


@pytest.mark.parametrize("mark", [".", ". ", "．", "、"])
def test_task_number_forms(tmp_path: Path, mark: str) -> None:
    plan = read(tmp_path, document(["一、部分"], [f"7{mark}任务", "市发改委", "", ""]))
    assert [(t.number, t.title) for t in plan.all_tasks()] == [(7, "任务")]


def test_sections_with_the_same_title_are_told_apart_by_numeral(tmp_path: Path) -> None:
    plan = read(
        tmp_path,
        document(["四、同名部分"], ["1.甲", "市发改委", "", ""], ["五、同名部分"], ["2.乙", "市财政局", "", ""]),
    )
    assert [(s.numeral, s.title, len(s.tasks)) for s in plan.sections] == [("四", "同名部分", 1), ("五", "同名部分", 1)]


def test_merged_cells_continue_within_a_subsection_across_page_breaks(tmp_path: Path) -> None:
    plan = read(
        tmp_path,
        document(
            ["一、部分"],
            ["（一）小节"],
            ["1.甲", "市编办", "各区人民政府", "要求甲"],
            HEADER,
            ["2.乙", "", "", ""],
            ["3.丙", "", "市财政局", "要求丙"],
        ),
    )
    assert leads(plan, 2) == [("市编办", True)]
    assert responsibles(plan, 2) == [("各区人民政府", True)]
    assert leads(plan, 3) == [("市编办", True)]
    assert responsibles(plan, 3) == [("市财政局", False)]


@pytest.mark.parametrize("heading", ["（二）另一小节", "二、另一部分"])
def test_merged_cells_never_continue_across_a_heading(tmp_path: Path, heading: str) -> None:
    plan = read(
        tmp_path,
        document(
            ["一、部分"],
            ["（一）小节"],
            ["1.甲", "市编办", "各区人民政府", "要求"],
            [heading],
            ["2.乙", "", "", "要求"],
        ),
    )
    assert leads(plan, 2) == []
    assert responsibles(plan, 2) == []


def test_empty_requirement_stays_empty(tmp_path: Path) -> None:
    plan = read(tmp_path, document(["一、部分"], ["1.甲", "市编办", "", "要求"], ["2.乙", "", "", ""]))
    assert task(plan, 2).requirement == ""


def test_multi_line_cells_without_tabs(tmp_path: Path) -> None:
    text = document(["一、部分"], ["1.甲", "市市场"], "", "监督管理局", ["各区人民政府", "要求第一句"])
    text = text.replace("\t各区人民政府\n\t要求第一句\n", "\t各区人民政府\n\t要求第一句\n第二句\n")
    plan = read(tmp_path, text)
    assert leads(plan, 1) == [("市市场监督管理局", False)]
    assert task(plan, 1).requirement == "要求第一句\n第二句"


def test_alias_line_and_several_lead_units(tmp_path: Path) -> None:
    plan = read(tmp_path, document(["一、部分"], ["1.甲", "市编办\n（市审改办）\n市发改委", "", ""]))
    lead = task(plan, 1).lead
    assert [(a.unit.name, a.unit.aliases) for a in lead] == [("市编办", ("市审改办",)), ("市发改委", ())]


def test_notes_under_the_table_are_not_tasks(tmp_path: Path) -> None:
    plan = read(
        tmp_path,
        document(["一、部分"], ["1.甲", "市编办", "", ""], ["注：各单位每月25日前报送进展。"], ["制表：督查室"]),
    )
    assert [t.number for t in plan.all_tasks()] == [1]


def test_gb18030_with_crlf(tmp_path: Path) -> None:
    text = document(["一、部分"], ["1.甲", "市编办", "各区人民政府", "要求"]).replace("\n", "\r\n")
    plan = read(tmp_path, text, encoding="gb18030")
    assert plan.title == "某市2017年政务公开工作要点分工"
    assert leads(plan, 1) == [("市编办", False)]
    assert task(plan, 1).requirement == "要求"


def test_utf8_with_bom(tmp_path: Path) -> None:
    plan = read(tmp_path, document(["一、部分"], ["1.甲", "市编办", "", ""]), encoding="utf-8-sig")
    assert plan.title == "某市2017年政务公开工作要点分工"


def test_header_columns_in_another_order_with_deadline(tmp_path: Path) -> None:
    header = ["序号", "工作任务", "完成时限", "责任单位", "牵头单位", "工作要求"]
    plan = read(
        tmp_path, document(header, ["一、部分"], ["1", "任务甲", "2017年6月底", "各区人民政府", "市编办", "要求"])
    )
    first = task(plan, 1)
    assert (first.title, first.deadline, first.deadline_text) == ("任务甲", date(2017, 6, 30), "2017年6月底")
    assert leads(plan, 1) == [("市编办", False)]
    assert responsibles(plan, 1) == [("各区人民政府", False)]


def test_title_and_year_overrides(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(document(["一、部分"], ["1.甲", "市编办", "", ""], title="无年份的标题"), encoding="utf-8")
    plan = read_plan(path, title="新标题", year=2018)
    assert (plan.title, plan.year) == ("新标题", 2018)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "文件是空的"),
        (b"   \n\n", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文本文件"),
        (bytes(range(1, 256)) * 40, "不是文本文件"),
        ("一份通知\n\n请各单位认真落实。\n".encode(), "没有找到任何编号的工作任务"),
        (document(["一、部分"], ["1.甲", "市编办", "", ""], title="没有年份").encode(), "无法识别年份"),
        (document(["一、部分"], ["1.甲", "市编办", "", ""], ["1.乙", "市编办", "", ""]).encode(), "任务编号 1 重复"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "坏文件.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_plan(path)
    message = str(caught.value)
    assert "坏文件.txt" in message and problem in message
    assert "\n" not in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        read_plan(tmp_path / "没有.txt")
    with pytest.raises(InputError, match="文件夹"):
        read_plan(tmp_path)
