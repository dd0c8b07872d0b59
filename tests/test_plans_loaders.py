"""The loaders: every format into one grid, chosen by content; refusals by content too.

Word files are built here with python-docx (real gridSpan / vMerge XML), PDFs
with ReportLab (a ruled table, the embedded test font), CSV in the encodings
offices use. The corpus (tests/data/plans) covers whole published plans.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from db.cancel import Cancelled, CancelToken
from db.errors import InputError
from db.plans import archive, read_plan
from db.plans.grid import Grid
from db.plans.loaders import load_grid

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "plans"
FONT = ROOT / "tests" / "data" / "fonts" / "wqy-microhei.ttc"


def texts(grid: Grid) -> list[list[str]]:
    return [[cell.text for cell in row] for row in grid.rows]


def _merge_down(cell: object, restart: bool) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    merge = OxmlElement("w:vMerge")
    if restart:
        merge.set(qn("w:val"), "restart")
    properties.append(merge)


def word_plan(path: Path, *, nested: bool = False) -> Path:
    document = Document()
    document.add_paragraph("附件1")
    document.add_paragraph("某市2021年政务公开工作要点任务分工")
    table = document.add_table(rows=5, cols=4)
    for column, text in enumerate(["序号", "工作任务", "牵头单位", "责任单位"]):
        table.cell(0, column).text = text
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:tblHeader"))
    heading = table.cell(1, 0).merge(table.cell(1, 3))  # gridSpan 4
    heading.text = "一、推进决策公开"
    for row, (number, title) in enumerate([("1", "公开决策草案"), ("2", "做好解读")], start=2):
        table.cell(row, 0).text = number
        table.cell(row, 1).text = title
    table.cell(2, 2).text = "市政府办公室"
    _merge_down(table.cell(2, 2), restart=True)
    _merge_down(table.cell(3, 2), restart=False)  # 2's lead: the cell above, merged down
    table.cell(2, 3).text = "市发改委\n市财政局"
    table.cell(3, 3).text = "市司法局"
    table.cell(4, 0).text = "3"
    table.cell(4, 1).text = "加强监督"
    if nested:
        inner = table.cell(4, 3).add_table(rows=2, cols=2)
        inner.cell(0, 0).text = "市审计局"
        inner.cell(0, 1).text = "市统计局"
        inner.cell(1, 0).text = "各县（市、区）"
    second = document.add_table(rows=2, cols=4)  # the table goes on after a page break
    for column, text in enumerate(["序号", "工作任务", "牵头单位", "责任单位"]):
        second.cell(0, column).text = text
    for column, text in enumerate(["4", "办好开放日", "", "市教育局"]):
        second.cell(1, column).text = text
    document.core_properties.created = datetime(2021, 4, 12, 9, 0)
    document.save(str(path))
    return path


def test_docx_spans_merges_header_and_title(tmp_path: Path) -> None:
    grid = load_grid(word_plan(tmp_path / "plan.docx"))
    assert grid.title_lines == ["附件1", "某市2021年政务公开工作要点任务分工"]
    assert grid.document_date == date(2021, 4, 12)
    assert grid.width == 4
    assert grid.marked_headers == {0}
    heading = grid.rows[1]
    assert (heading[0].text, heading[0].column_span) == ("一、推进决策公开", 4)
    assert all(cell.covered and cell.origin == (1, 0) for cell in heading[1:])
    lead = grid.rows[2][2]
    assert (lead.text, lead.row_span) == ("市政府办公室", 2)
    assert grid.merged_from_above(3, 2) and grid.text(3, 2) == "市政府办公室"
    assert grid.rows[2][3].text == "市发改委\n市财政局"
    assert grid.row_origins[2] == "表格 1 第 3 行"
    # The second table repeats the header: the same table split at a page break.
    assert texts(grid)[5] == texts(grid)[0]
    assert grid.row_origins[6] == "表格 2 第 2 行"


def test_docx_empty_cell_after_a_split_table_continues_the_cell_above(tmp_path: Path) -> None:
    plan = read_plan(word_plan(tmp_path / "plan.docx"))
    tasks = {task.number: task for task in plan.all_tasks()}
    assert [a.unit.name for a in tasks[2].lead] == ["市政府办公室"] and tasks[2].lead[0].continued
    assert tasks[3].lead == []  # really empty: no merge reaches it
    assert [(a.unit.name, a.continued) for a in tasks[4].lead] == []  # task 3's cell above is empty


def test_docx_nested_table_is_flattened_into_its_cell(tmp_path: Path) -> None:
    grid = load_grid(word_plan(tmp_path / "plan.docx", nested=True))
    assert grid.rows[4][3].text == "市审计局 市统计局\n各县（市、区）"


def test_docx_without_a_table_is_refused(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("关于印发2021年工作要点的通知")
    document.save(str(tmp_path / "letter.docx"))
    with pytest.raises(InputError, match=r"letter.docx.*没有表格"):
        load_grid(tmp_path / "letter.docx")


def _rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for member in old.infolist():
            new.writestr(member.filename, replace.get(member.filename, old.read(member)))
    return target


def test_docx_entity_declaration_is_refused(tmp_path: Path) -> None:
    plan = word_plan(tmp_path / "plan.docx")
    xml = zipfile.ZipFile(plan).read("word/document.xml")
    declaration = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    head, _, body = xml.partition(b"?>")
    evil = _rezip(plan, tmp_path / "evil.docx", {"word/document.xml": head + b"?>" + declaration + body})
    with pytest.raises(InputError, match=r"evil.docx.*实体声明"):
        load_grid(evil)


def test_docx_zip_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = word_plan(tmp_path / "plan.docx")
    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    with pytest.raises(InputError, match="个部件"):
        load_grid(plan)


def reportlab_pdf(path: Path, rows: list[list[str]], spans: list[tuple[int, int, int, int]] = ()) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("TestCJK", str(FONT), subfontIndex=0))
    style = ParagraphStyle("cell", fontName="TestCJK", fontSize=10, leading=13, wordWrap="CJK")
    data = [[Paragraph(text, style) for text in row] for row in rows]
    table = Table(data, colWidths=[40, 220, 110, 150])
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    commands += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in spans]
    table.setStyle(TableStyle(commands))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(
        [Paragraph("某市2022年重点工作任务分解表", style), table]
    )
    return path


def test_pdf_table_from_ruling_lines_and_characters(tmp_path: Path) -> None:
    rows = [
        ["序号", "工作任务", "牵头单位", "责任单位"],
        ["一、优化营商环境", "", "", ""],
        [
            "1",
            "持续压减行政审批事项，全面清理规范行政许可事项和中介服务事项，凡是没有法律法规依据的一律取消",
            "市行政审批局",
            "市发改委、财政局",
        ],
        ["2", "深化“一网通办”", "", "市大数据局"],
    ]
    pdf = reportlab_pdf(tmp_path / "plan.pdf", rows, spans=[(1, 0, 1, 3), (2, 2, 3, 2)])
    grid = load_grid(pdf)
    assert grid.title_lines == ["某市2022年重点工作任务分解表"]
    assert texts(grid)[0] == ["序号", "工作任务", "牵头单位", "责任单位"]
    assert grid.rows[1][0].column_span == 4 and grid.rows[1][0].text == "一、优化营商环境"
    assert grid.rows[2][1].text.replace("\n", "") == rows[2][1]  # wrapped lines of one paragraph
    assert grid.rows[2][2].row_span == 2 and grid.merged_from_above(3, 2)
    plan = read_plan(pdf)
    first, second = plan.all_tasks()
    assert first.title == rows[2][1]  # the wraps joined without a break
    assert [a.unit.name for a in first.responsible] == ["市发改委", "市财政局"]
    assert [(a.unit.name, a.continued) for a in second.lead] == [("市行政审批局", True)]


def test_scanned_pdf_is_refused() -> None:
    with pytest.raises(InputError, match=r"bad-scanned.pdf.*扫描.*带文字的 PDF"):
        load_grid(CORPUS / "bad-scanned.pdf")


def test_pdf_of_the_bundled_plan_reads_66_tasks() -> None:
    plan = read_plan(CORPUS / "xiamen-2016.pdf")
    assert sum(1 for _ in plan.all_tasks()) == 66
    assert plan.year == 2016


def test_xls_with_merges() -> None:
    grid = load_grid(CORPUS / "hefeng-2022-yingshang.xls")
    assert any(cell.row_span > 1 for row in grid.rows for cell in row)
    assert any(cell.column_span > 1 for row in grid.rows for cell in row)
    assert grid.row_origins[0].startswith("工作表 ")


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", "\t"), ("gb18030", ";"), ("gb18030", ",")],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    lines = [
        ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"],
        ["1", "公开权力清单", "市编办", "各县（市、区）", "2022年6月底前"],
        ["2", "公开责任清单", "", "市直有关部门", "长期坚持"],
    ]
    text = "\r\n".join(delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in row) for row in lines)
    path = tmp_path / "某县2022年任务.csv"
    path.write_bytes(("某县2022年任务分解\r\n" + text + "\r\n").encode(encoding))
    grid = load_grid(path)
    assert not grid.merges_known
    plan = read_plan(path)
    assert plan.year == 2022
    first, second = plan.all_tasks()
    assert first.deadline_text == "2022年6月底前"
    assert [(a.unit.name, a.continued) for a in second.lead] == [("市编办", True)]  # CSV lost the merge


def test_loader_is_chosen_by_content_not_suffix(tmp_path: Path) -> None:
    data = word_plan(tmp_path / "plan.docx").read_bytes()
    (tmp_path / "plan.bin").write_bytes(data)
    assert load_grid(tmp_path / "plan.bin").rows[1][0].text == "一、推进决策公开"
    (tmp_path / "plan.xlsx").write_bytes(data)
    with pytest.raises(InputError, match="内容却是 Word 文档"):
        load_grid(tmp_path / "plan.xlsx")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bad-old-word.doc", ["旧版 Word", "另存为 .docx"]),
        ("bad-old-wps.wps", ["WPS", "另存为"]),
        ("bad-old-wps-sheet.et", ["WPS 表格", ".xlsx"]),
        ("bad-password.docx", ["密码"]),
        ("bad-truncated.docx", ["损坏"]),
        ("bad-zip-bomb.docx", ["压缩炸弹"]),
    ],
)
def test_refusals_name_the_file_and_what_to_do(name: str, words: list[str]) -> None:
    with pytest.raises(InputError) as error:
        load_grid(CORPUS / name)
    message = str(error.value)
    assert name in message and all(word in message for word in words), message


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件夹"):
        load_grid(tmp_path)
    fifo = tmp_path / "plan.docx"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="不是普通文件"):
        load_grid(fifo)  # refused before opening: reading a FIFO would block


def test_too_big_a_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import db.plans.loaders as loaders

    monkeypatch.setattr(loaders, "MAX_FILE_BYTES", 1000)
    path = word_plan(tmp_path / "plan.docx")
    with pytest.raises(InputError, match="文件过大"):
        load_grid(path)


def test_cancel_stops_a_long_file(tmp_path: Path) -> None:
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        load_grid(CORPUS / "xiamen-2016.pdf", cancel=cancel)
    text = io.StringIO()
    text.write("某市2020年计划\n\n\t工作任务\n\t牵头单位\n\n")
    text.writelines(f"\t{n}.任务\n\t市编办\n\n" for n in range(1, 1200))
    (tmp_path / "long.txt").write_text(text.getvalue(), encoding="utf-8")
    with pytest.raises(Cancelled):
        load_grid(tmp_path / "long.txt", cancel=cancel)
