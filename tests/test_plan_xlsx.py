"""Reading plans from Excel workbooks: merged cells, headers in any order, and
files that are damaged or built to hurt."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from db.errors import InputError
from db.plans import archive, read_plan, read_reading
from db.plans.loaders import xlsx as plan_xlsx
from db.plans.model import ParsedPlan, ParsedTask

TITLE = "厦门市2016年政务公开工作主要任务责任分工"
# Header in an order of its own, with 序号 and 完成时限; cells may hold spaces.
HEADER = ["序号", "任务内容", "完成时限", "责任单位", "牵 头 单 位", "具体要求"]
#          A       B          C          D          E              F


def merged_row(ws: Worksheet, row: int, text: str, last: str = "F") -> None:
    ws.cell(row, 1, text)
    ws.merge_cells(f"A{row}:{last}{row}")


def task_row(
    ws: Worksheet,
    row: int,
    number: object,
    title: str,
    *,
    deadline: object = None,
    responsible: str | None = None,
    lead: str | None = None,
    requirement: str | None = None,
) -> None:
    for column, value in zip("ABCDEF", (number, title, deadline, responsible, lead, requirement), strict=True):
        if value is not None:
            ws[f"{column}{row}"] = value


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def main_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分工"
    merged_row(ws, 1, TITLE)
    for column, text in enumerate(HEADER, start=1):
        ws.cell(2, column, text)
    merged_row(ws, 3, "一、推进行政权力运行公开")
    merged_row(ws, 4, "（一）推进权力清单公开")
    task_row(
        ws,
        5,
        1,
        "全面公开权力清单",
        deadline=datetime(2016, 6, 30),
        responsible="市卫计委、建设局、水利局",
        lead="市编办\n（市审改办）",
        requirement="按要求公开",
    )
    task_row(
        ws, 6, 2.0, "动态调整权力清单", deadline="2016年6月底", responsible="各区人民政府", requirement="年底前完成"
    )
    task_row(ws, 7, "3", "规范编制责任清单")  # responsible really empty
    ws.merge_cells("E5:E7")  # one lead for tasks 1–3
    ws.merge_cells("F6:F7")  # a requirement shared by 2 and 3
    for column, text in enumerate(HEADER, start=1):  # the header again, as after a page break
        ws.cell(8, column, text)
    task_row(ws, 9, 4, "推进权力运行流程公开", responsible="市政府\n新闻办", lead="市发改委")
    ws["A10"] = "（二）推进财政资金公开"  # the heading sits in column A only …
    ws.merge_cells("E9:E11")  # … and the lead merge runs across it
    task_row(ws, 11, 5, "推进预算决算公开", responsible="市财政局")
    merged_row(ws, 13, "二、推进政务服务公开")  # row 12 is empty
    task_row(ws, 14, 6, "公开办事指南", responsible="市直各委、办、局，各区人民政府，各开发区管委会", lead="市审改办")
    task_row(ws, 15, 7, "公开服务事项目录")  # lead really empty, responsible merged from above
    ws.merge_cells("D14:D15")
    return save(wb, path)


def names(assignments: list) -> list[str]:
    return [a.unit.name for a in assignments]


def continued(assignments: list) -> list[bool]:
    return [a.continued for a in assignments]


def tasks_by_number(plan: ParsedPlan) -> dict[int, ParsedTask]:
    return {task.number: task for task in plan.all_tasks()}


@pytest.fixture
def plan(tmp_path: Path) -> ParsedPlan:
    return read_plan(main_workbook(tmp_path / "plan.xlsx"), collectives={"各开发区管委会"})


def test_title_year_and_sections(plan: ParsedPlan) -> None:
    assert plan.title == TITLE
    assert plan.year == 2016
    assert [(s.numeral, s.title, s.level) for s in plan.all_sections()] == [
        ("一", "推进行政权力运行公开", 1),
        ("一", "推进权力清单公开", 2),
        ("二", "推进财政资金公开", 2),
        ("二", "推进政务服务公开", 1),
    ]
    first = plan.sections[0]
    assert [t.number for t in first.sections[0].tasks] == [1, 2, 3, 4]
    assert [t.number for t in first.sections[1].tasks] == [5]
    assert [t.number for t in plan.sections[1].tasks] == [6, 7]


def test_task_numbers_from_int_float_and_text(plan: ParsedPlan) -> None:
    tasks = tasks_by_number(plan)
    assert sorted(tasks) == [1, 2, 3, 4, 5, 6, 7]
    assert tasks[2].title == "动态调整权力清单"
    assert tasks[3].title == "规范编制责任清单"
    assert tasks[1].where == "工作表 分工 第 5 行"
    assert tasks[7].where == "工作表 分工 第 15 行"


def test_vertically_merged_lead_is_continued(plan: ParsedPlan) -> None:
    tasks = tasks_by_number(plan)
    assert names(tasks[1].lead) == ["市编办"]
    assert tasks[1].lead[0].unit.aliases == ("市审改办",)
    assert continued(tasks[1].lead) == [False]
    for number in (2, 3):
        assert names(tasks[number].lead) == ["市编办"]
        assert tasks[number].lead[0].unit.aliases == ("市审改办",)
        assert continued(tasks[number].lead) == [True]


def test_merge_broken_by_subsection_gives_no_lead(plan: ParsedPlan) -> None:
    tasks = tasks_by_number(plan)
    assert names(tasks[4].lead) == ["市发改委"]
    assert tasks[5].lead == []
    assert names(tasks[5].responsible) == ["市财政局"]


def test_empty_cell_that_is_not_merged_is_really_empty(plan: ParsedPlan) -> None:
    tasks = tasks_by_number(plan)
    assert tasks[3].responsible == []  # not carried down from task 2
    assert tasks[7].lead == []  # not carried down from task 6
    assert names(tasks[7].responsible) == names(tasks[6].responsible)
    assert all(continued(tasks[7].responsible))


def test_unit_cells(plan: ParsedPlan) -> None:
    tasks = tasks_by_number(plan)
    assert names(tasks[1].responsible) == ["市卫计委", "市建设局", "市水利局"]
    assert names(tasks[2].responsible) == ["各区人民政府"]
    assert names(tasks[4].responsible) == ["市政府新闻办"]
    assert names(tasks[6].responsible) == ["市直各委、办、局", "各区人民政府", "各开发区管委会"]


def test_requirements_and_deadlines(plan: ParsedPlan) -> None:
    tasks = tasks_by_number(plan)
    assert tasks[1].requirement == "按要求公开"
    assert tasks[2].requirement == tasks[3].requirement == "年底前完成"  # merged F6:F7
    assert tasks[4].requirement == ""
    assert tasks[1].deadline == date(2016, 6, 30)  # a date cell
    assert tasks[2].deadline == date(2016, 6, 30)  # 2016年6月底
    assert tasks[2].deadline_text == "2016年6月底"
    assert tasks[3].deadline is None


def test_title_and_year_given(tmp_path: Path) -> None:
    plan = read_plan(main_workbook(tmp_path / "plan.xlsx"), title="另一个标题", year=2017)
    assert (plan.title, plan.year) == ("另一个标题", 2017)


def test_numbers_in_title_cells_and_plan_on_a_later_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "填表说明：请勿改动表头"
    ws = wb.create_sheet("2017年计划")
    ws["A1"] = "附件1"
    ws["A2"] = "2017年政务公开工作要点分工"
    ws.merge_cells("A2:D2")
    ws.append(["工作任务", "牵头单位", "配合单位", "工作要求"])
    ws.append(["一、深化决策公开"])
    ws.merge_cells("A4:D4")
    ws.append(["1. 推进决策预公开", "市政府办公厅", "市直各相关部门", "重大决策预公开"])
    ws.append(["2．扩大公众参与", None, "市法制局、发改委等部门", None])
    ws.append(["3、做好解读回应", "市政府新闻办", None, None])
    ws.merge_cells("B5:B6")
    plan = read_plan(save(wb, tmp_path / "plan.xlsx"))
    assert (plan.title, plan.year) == ("2017年政务公开工作要点分工", 2017)
    tasks = tasks_by_number(plan)
    assert [(t.number, t.title) for t in tasks.values()] == [
        (1, "推进决策预公开"),
        (2, "扩大公众参与"),
        (3, "做好解读回应"),
    ]
    assert names(tasks[2].lead) == ["市政府办公厅"] and continued(tasks[2].lead) == [True]
    assert names(tasks[2].responsible) == ["市法制局", "市发改委"]
    assert tasks[3].responsible == []
    assert tasks[1].where == "工作表 2017年计划 第 5 行"


def test_numeral_and_title_in_separate_cells_and_sideways_merge(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2016年计划"])
    ws.append(["序号", "工作任务", "牵头单位", "责任单位"])
    ws.append(["一", "推进决策公开"])
    ws.append(["（一）", "扩大公众参与"])
    ws.append([1, "开展听证", "市发改委"])  # one cell for lead and responsible …
    ws.merge_cells("C5:D5")
    ws.append([2, "公开结果", "市司法局牵头，市发改委配合"])  # … read as one cell naming both roles
    ws.merge_cells("C6:D6")
    plan = read_plan(save(wb, tmp_path / "plan.xlsx"))
    assert [(s.numeral, s.title) for s in plan.all_sections()] == [("一", "推进决策公开"), ("一", "扩大公众参与")]
    first, second = plan.all_tasks()
    assert (names(first.lead), names(first.responsible)) == (["市发改委"], [])
    assert (names(second.lead), names(second.responsible)) == (["市司法局"], ["市发改委"])
    assert continued(second.responsible) == [False]


def test_rows_under_the_tasks_are_notes_named_by_sheet_and_row(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["2016年计划"])
    ws.append(["工作任务", "牵头单位"])
    ws.append(["1. 一项任务", "市编办"])
    ws.append(["注：本表由市政务公开办制作"])
    ws.append(["本行既不是标题也不是任务"])
    reading = read_reading(save(wb, tmp_path / "plan.xlsx"))
    assert [t.number for t in reading.plan.all_tasks()] == [1]
    assert reading.rows[3:] == ["note", "note"]
    assert any("2 行" in note and "工作表 表1 第 4 行" in note for note in reading.notes)


def test_task_over_several_rows_is_one_task(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2016年计划"])
    ws.append(["序号", "工作任务", "牵头单位", "工作要求"])
    ws.append([1, "一项任务", "市编办", "要求一"])
    ws.append([None, None, "市财政局", "要求二"])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    (task,) = read_plan(save(wb, tmp_path / "plan.xlsx")).all_tasks()
    assert names(task.lead) == ["市编办", "市财政局"]
    assert task.requirement == "要求一\n要求二"


# --- bad input: every refusal is an InputError naming the file ---------------


def valid_bytes(tmp_path: Path) -> bytes:
    return main_workbook(tmp_path / "valid.xlsx").read_bytes()


def refused(path: Path, match: str = "") -> InputError:
    with pytest.raises(InputError) as error:
        read_plan(path)
    assert path.name in str(error.value)
    assert match in str(error.value)
    return error.value


def rewrite(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The workbook with some members' contents replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member.filename, replace.get(member.filename, source.read(member)))
    return out.getvalue()


def test_missing_empty_and_random_files(tmp_path: Path) -> None:
    refused(tmp_path / "missing.xlsx", "不存在")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    refused(tmp_path / "empty.xlsx", "空的")
    (tmp_path / "random.xlsx").write_bytes(random.Random(7).randbytes(4096))
    refused(tmp_path / "random.xlsx", "不是 Excel 工作簿")
    (tmp_path / "random.bin").write_bytes(random.Random(7).randbytes(4096))
    refused(tmp_path / "random.bin", "不是文本文件")
    (tmp_path / "old.xls").write_bytes(plan_xlsx.OLE_MAGIC + bytes(600))
    refused(tmp_path / "old.xls", ".xls")


def test_other_zip_is_not_a_workbook(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photos/1.txt", b"not a document")
    (tmp_path / "photos.xlsx").write_bytes(out.getvalue())
    refused(tmp_path / "photos.xlsx", "zip 压缩包")


def test_word_document_named_xlsx_is_refused_as_the_wrong_file(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            b'<Types><Override ContentType="application/'
            b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", b"<document/>")
    (tmp_path / "letter.xlsx").write_bytes(out.getvalue())
    refused(tmp_path / "letter.xlsx", "内容却是 Word 文档")


def test_truncated_workbook(tmp_path: Path) -> None:
    data = valid_bytes(tmp_path)
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) * 2 // 3])
    refused(tmp_path / "cut.xlsx", "不完整")


def test_damaged_workbooks_never_escape_as_tracebacks(tmp_path: Path) -> None:
    data = valid_bytes(tmp_path)
    rng = random.Random(2016)
    path = tmp_path / "damaged.xlsx"
    for _ in range(40):
        damaged = bytearray(data)
        for _ in range(3):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        try:
            read_plan(path)
        except InputError as error:
            assert path.name in str(error)


def test_zip_bomb(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(20):
                member.write(chunk)
    (tmp_path / "bomb.xlsx").write_bytes(out.getvalue())
    refused(tmp_path / "bomb.xlsx", "压缩炸弹")


def test_too_large_when_unpacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_UNCOMPRESSED_BYTES", 10_000)
    (tmp_path / "big.xlsx").write_bytes(valid_bytes(tmp_path))
    refused(tmp_path / "big.xlsx", "解压后过大")


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    (tmp_path / "many.xlsx").write_bytes(valid_bytes(tmp_path))
    refused(tmp_path / "many.xlsx", "个部件")


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xml_entity_declaration(tmp_path: Path, member: str) -> None:
    data = valid_bytes(tmp_path)
    xml = zipfile.ZipFile(io.BytesIO(data)).read(member)
    assert not xml.startswith(b"<?xml")  # openpyxl writes none; the DOCTYPE can go first
    declaration = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    evil = declaration + xml.replace(b"</t>", b"&b;</t>", 1)
    (tmp_path / "entity.xlsx").write_bytes(rewrite(data, {member: evil}))
    refused(tmp_path / "entity.xlsx", "无法读取的工作簿：含有不允许的 XML 实体声明")


def test_merged_range_over_the_whole_sheet(tmp_path: Path) -> None:
    data = valid_bytes(tmp_path)
    member = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(data)).read(member)
    assert b'ref="E5:E7"' in xml
    evil = xml.replace(b'ref="E5:E7"', b'ref="A100:XFD1048576"')
    (tmp_path / "merge.xlsx").write_bytes(rewrite(data, {member: evil}))
    refused(tmp_path / "merge.xlsx", "合并单元格")


def test_columns_without_known_names_are_read_by_their_content(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["2016年计划"])
    wb.active.append(["任务", "单位"])
    wb.active.append(["1. 一项任务", "市编办"])
    wb.active.append(["2. 另一项任务", "市财政局"])
    reading = read_reading(save(wb, tmp_path / "noheader.xlsx"))
    assert reading.columns == ["title", "lead"]
    assert reading.column_guessed == [False, True]
    assert [names(t.lead) for t in reading.plan.all_tasks()] == [["市编办"], ["市财政局"]]
    assert any("第 2 列为“牵头单位”" in note for note in reading.notes)


def test_header_without_tasks(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["2016年计划"])
    wb.active.append(["工作任务", "牵头单位", "责任单位"])
    wb.active.append(["一、推进决策公开"])
    refused(save(wb, tmp_path / "notasks.xlsx"), "没有找到任何工作任务")
