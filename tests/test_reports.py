"""The printed reports: their data, read back from the PDFs (pypdf, pdftotext),
the fonts embedded in them, long text, cancelling, and the font search.

The tests never depend on the machine's fonts: DUBAN_FONT_DIRS points at
tests/data/fonts (WenQuanYi Micro Hei, with its licence beside it) and
DUBAN_SYSTEM_FONTS=0 keeps the system's folders out of the search. The
fallback fonts for CJK Extension B and emoji are tiny subsets in
tests/data/fonts/fallback, added to the search where a test needs them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from db.cancel import Cancelled, CancelToken
from db.operations.progress import Report, record_month
from db.queries.figures import month_figures
from db.queries.notices import notice_data
from db.queries.report_data import SheetData, sheet_data
from db.queries.status import figures, task_states
from db.resources import BUNDLED_PLAN
from db.schema.database import Database, open_database
from db.schema.models import Task, Unit
from db.settings import set_setting
from db.vocabulary import NO_LEAD_UNIT, STATUS_LABELS
from documents.pdf import fonts
from documents.pdf.coverage import UNUSABLE, CoverageCache, read_coverage
from documents.pdf.fonts import FALLBACK, FALLBACK_NOTE, FontFile, choose_fonts
from documents.pdf.layout import ReportInfo, Widths, wrap
from documents.pdf.notices import write_notices
from documents.pdf.sheet import write_sheet
from tests.conftest import counting

ROOT = Path(__file__).resolve().parents[1]
TEST_FONTS = ROOT / "tests" / "data" / "fonts"
FALLBACK_FONTS = TEST_FONTS / "fallback"
EXT_B = "𠀀𪚥𫝀𠮷"  # U+20000, U+2A6A5, U+2B740 (Extension D), U+20BB7: in duban-test-extb.ttf
EMOJI = "😀"  # U+1F600: in duban-test-emoji.ttf
NOWHERE = "𡈽"  # U+2123D: in no test font
MONTH = "2016-06"
TODAY = date(2016, 7, 5)  # after June: its reports are owed
OFFICE = "厦门市人民政府办公厅政务公开办"
UNREPORTED = {4, 5, 12, 33, 40}  # no June entry
COMPLETED = {1, 3, 10, 32, 35}
ONGOING = {2, 50}
EARLY_DEADLINES = {10: date(2016, 5, 31), 20: date(2016, 5, 31), 33: date(2016, 4, 30)}
TABLE_HEADER = "序号工作任务牵头单位责任单位完成时限本月进展状态预警"  # the 简表


@pytest.fixture(autouse=True)
def test_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv(fonts.ENV_DIRS, str(TEST_FONTS))
    monkeypatch.setenv(fonts.ENV_SYSTEM, "0")
    cache = tmp_path_factory.getbasetemp() / "font-cache"
    monkeypatch.setattr(fonts, "cache_dir", lambda: cache)


def _task_ids(database: Database) -> dict[int, int]:
    with database.session() as session:
        return {number: task_id for number, task_id in session.execute(select(Task.number, Task.id))}


def _record(database: Database) -> None:
    """May: every task in progress. June: reports from all but UNREPORTED,
    some completed, some standing duties; three tasks with an early deadline."""
    ids = _task_ids(database)
    with database.transaction() as session:
        set_setting(session, "office_name", OFFICE)
        for number, deadline in EARLY_DEADLINES.items():
            session.get(Task, ids[number]).deadline = deadline
        record_month(session, "2016-05", {i: Report("in_progress", done=f"第{n}项五月进展") for n, i in ids.items()})
        june = {}
        for number, task_id in ids.items():
            if number in UNREPORTED:
                continue
            status = "completed" if number in COMPLETED else "ongoing" if number in ONGOING else "in_progress"
            problems = f"第{number}项的困难" if number % 4 == 0 else ""
            june[task_id] = Report(status, done=f"第{number}项六月进展", problems=problems)
        record_month(session, MONTH, june)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "ledger.db"
    database = open_database(path, first_plan=BUNDLED_PLAN)
    _record(database)
    database.close()
    return path


@pytest.fixture
def ledger(template: Path, tmp_path: Path) -> Iterator[Database]:
    """The 2016 plan with May and June progress, a copy for each test."""
    shutil.copy(template, tmp_path / "ledger.db")
    database = open_database(tmp_path / "ledger.db")
    yield database
    database.close()


def _plan_id(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(Task.plan_id))


def _pages(path: Path) -> list[str]:
    """The text of each page, whitespace removed (lines of a cell are broken
    wherever the column wraps them)."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(path).pages]


def _sheet(database: Database, path: Path, **kwargs: Any) -> tuple[SheetData, ReportInfo]:
    with database.session() as session:
        data = sheet_data(session, _plan_id(database), MONTH, TODAY)
    return data, write_sheet(data, path, **kwargs)


# -- the data -----------------------------------------------------------------


def test_sheet_data_has_the_states_and_figures_of_the_database(ledger: Database) -> None:
    plan_id = _plan_id(ledger)
    with ledger.session() as session, counting(ledger.engine) as statements:
        data = sheet_data(session, plan_id, MONTH, TODAY, charts=False)
    assert len(statements) <= 10 and data.charts is None
    with ledger.session() as session, counting(ledger.engine) as charted:
        with_charts = sheet_data(session, plan_id, MONTH, TODAY)
    with ledger.session() as session, counting(ledger.engine) as alone:
        figures_of_charts = month_figures(session, plan_id, MONTH, TODAY)
    assert with_charts.charts == figures_of_charts and len(charted) == len(statements) + len(alone)
    with ledger.session() as session:
        states = task_states(session, plan_id, MONTH, TODAY)
    assert data.figures == figures(states.values())
    assert data.office_name == OFFICE and data.year == 2016 and data.month == MONTH

    tasks = {task.number: task for task in data.tasks}
    assert sorted(tasks) == list(range(1, 67))
    assert {t.number for t in data.overdue} == {20, 33}  # 10 was completed in time
    assert [t.number for t in data.unreported] == sorted(UNREPORTED)
    assert tasks[1].done == "第1项六月进展" and tasks[1].status == "completed"
    assert tasks[4].done == "" and tasks[4].status == "in_progress" and tasks[4].unreported
    assert tasks[8].problems == "第8项的困难"
    assert tasks[32].lead == ("市环保局",)

    assert next(h.label for h in data.headings if h.level == 1) == "一、围绕深化改革推进公开"
    assert len(data.by_section) == 6
    assert sum(group.total for group in data.by_section) == 66
    assert sum(group.overdue for group in data.by_section) == 2
    assert sum(group.unreported for group in data.by_section) == len(UNREPORTED)
    by_unit = {group.name: group for group in data.by_lead_unit}
    assert by_unit["市环保局"].total == 4 and by_unit["市环保局"].completed == 2
    assert by_unit["市环保局"].overdue == 1 and by_unit["市环保局"].unreported == 1
    assert data.by_lead_unit[-1].name == NO_LEAD_UNIT  # the 18 tasks that name no lead unit
    assert by_unit[NO_LEAD_UNIT].total == 18


# -- the supervision sheet ----------------------------------------------------


def test_sheet_pdf_shows_every_task_and_the_figures(ledger: Database, tmp_path: Path) -> None:
    path = tmp_path / "督查表.pdf"
    data, info = _sheet(ledger, path)
    pages = _pages(path)
    assert info.pages == len(pages) == len(PdfReader(path).pages) > 3
    text = "".join(pages)

    assert "厦门市2016年政务公开工作主要任务责任分工" in pages[0]
    assert "督查表（截至2016年6月底）" in pages[0]
    for task in data.tasks:
        assert task.title in text, task.number
    assert "6月，" not in text  # the test's progress texts, not the synthetic ones
    assert "第8项六月进展存在问题：第8项的困难" in text

    figures = data.figures
    assert f"全部工作任务{figures.total}项" in pages[0]
    for code, count in figures.by_status.items():
        assert f"{STATUS_LABELS[code]}{count}项" in pages[0]
    assert f"完成率{figures.completion_rate:.1%}" in pages[0]
    assert f"逾期未完成{figures.overdue}项" in pages[0]
    assert f"6月进展未报送{figures.unreported}项" in pages[0]
    assert "逾期任务（2项），按牵头单位：" in pages[0]
    for group in (*data.overdue_by_unit, *data.unreported_by_unit):  # 市编办：第1、2、3项
        assert f"{group.unit}：第{'、'.join(group.labels)}项" in pages[0]
    assert "市环保局：第33项" in pages[0]
    assert f"{NO_LEAD_UNIT}：第4、5、40项。" in pages[0]  # no lead unit named, last
    first = data.by_section[0]
    rate = f"{first.completed / first.total:.1%}"
    assert f"{first.name}{first.total}{first.completed}{rate}{first.overdue}{first.unreported}" in pages[0]

    start = next(i for i, page in enumerate(pages) if "四、任务推进情况" in page)
    for page in pages[start:]:
        assert page.count(TABLE_HEADER) == 1  # the header row on every page of the table
    for number, page in enumerate(pages, 1):
        assert f"第{number}页共{len(pages)}页" in page
    assert f"制表单位：{OFFICE}" in pages[-1] and "制表日期：2016年7月5日" in pages[-1]
    assert "制表人：" in pages[-1] and "审核人：" in pages[-1]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_finds_every_task_title(ledger: Database, tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    data, _ = _sheet(ledger, path)
    output = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    text = re.sub(r"\s+", "", output.stdout.decode("utf-8"))
    assert all(task.title in text for task in data.tasks)


def _fonts_of(path: Path) -> list[Any]:
    found = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            found.append(font.get_object())
    return found


def test_a_cjk_font_is_embedded_as_subsets(ledger: Database, tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    _data, info = _sheet(ledger, path)
    assert info.fonts.embedded and "wqy-microhei.ttc" in info.fonts.note
    found = _fonts_of(path)
    assert found
    for font in found:
        assert re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei.*", font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_without_a_font_the_builtin_cid_font_is_used_and_said(
    ledger: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "font_candidates", list)
    choice = choose_fonts()
    assert (choice.body, choice.heading, choice.embedded) == (FALLBACK, FALLBACK, False)
    assert choice.note == FALLBACK_NOTE == "未找到可嵌入的中文字体，使用内置 STSong-Light，打印效果可能因电脑而异"
    path = tmp_path / "sheet.pdf"
    _data, info = _sheet(ledger, path, fonts=choice)
    assert info.fonts == choice
    for font in _fonts_of(path):
        assert font["/BaseFont"].startswith("/STSong-Light")
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" not in descendant["/FontDescriptor"].get_object()


def test_a_row_longer_than_a_page_is_split_across_pages(ledger: Database, tmp_path: Path) -> None:
    # Numbered marks, never broken over two lines: between pages the text of
    # a split row is interrupted by the footer and the repeated header.
    done_marks = [f"[D{i:03d}]" for i in range(200)]
    problem_marks = [f"[P{i:03d}]" for i in range(100)]
    long_done = "".join(f"{mark}本月继续推进政务公开工作，逐项梳理公开目录并向社会发布。" for mark in done_marks)
    long_problems = "".join(f"{mark}基层人员力量不足。" for mark in problem_marks)
    with ledger.transaction() as session:
        task_id = _task_ids(ledger)[34]
        record_month(session, MONTH, {task_id: Report("in_progress", done=long_done, problems=long_problems)})
    path = tmp_path / "sheet.pdf"
    _sheet(ledger, path)
    pages = _pages(path)
    text = "".join(pages)
    positions = [text.index(mark) for mark in [*done_marks, *problem_marks]]
    assert positions == sorted(positions)
    assert "存在问题：" in text[positions[199] : positions[200]]
    start = next(i for i, page in enumerate(pages) if "四、任务推进情况" in page)
    assert all(TABLE_HEADER in page for page in pages[start:])
    spanned = [page for page in pages if "本月继续推进政务公开工作" in page]
    assert len(spanned) >= 3

    with ledger.session() as session:
        unit_id = session.scalar(select(Unit.id).where(Unit.name == "市环保局"))
        notices = notice_data(session, _plan_id(ledger), MONTH, unit_id=unit_id, level="notice", on=TODAY).notices
    notice_info = write_notices(notices, tmp_path / "notice.pdf")
    assert notice_info.pages >= 3
    assert done_marks[-1] in "".join(_pages(tmp_path / "notice.pdf"))


def test_progress_is_reported_and_cancel_leaves_no_file(ledger: Database, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    out = tmp_path / "out"
    out.mkdir()
    _sheet(ledger, out / "sheet.pdf", progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (66, 66) and calls == sorted(calls)

    path = out / "cancelled.pdf"
    path.write_bytes(b"an earlier sheet")
    token = CancelToken()
    stopped_at: list[int] = []

    def cancel_at_the_first_progress(done: int, total: int) -> None:
        stopped_at.append(done)
        token.cancel()

    with pytest.raises(Cancelled):
        _sheet(ledger, path, progress=cancel_at_the_first_progress, cancel=token)
    assert stopped_at == [25]  # the rows after it were not laid out
    assert path.read_bytes() == b"an earlier sheet"
    assert sorted(p.name for p in out.iterdir()) == ["cancelled.pdf", "sheet.pdf"]

    with ledger.session() as session:
        notices = notice_data(session, _plan_id(ledger), MONTH, on=TODAY).notices
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        write_notices(notices, out / "notices.pdf", cancel=token)
    assert sorted(p.name for p in out.iterdir()) == ["cancelled.pdf", "sheet.pdf"]


def test_three_levels_and_restarting_numbers_in_the_sheet_and_notices(levels_db: Database, tmp_path: Path) -> None:
    """Heading rows of each level in their own gray; tasks named by their
    labels (二·3) in lists outside the tree, as the numbers restart."""
    from tests.three_levels import plan_id

    day = date(2021, 8, 5)
    with levels_db.session() as session:
        data = sheet_data(session, plan_id(levels_db), "2021-07", day)
        unit_id = session.scalar(select(Unit.id).where(Unit.name == "区数据局"))
        notices = notice_data(session, plan_id(levels_db), "2021-07", unit_id=unit_id, level="notice", on=day).notices
    assert [(h.level, h.label) for h in data.headings][:3] == [
        (1, "一、推进决策公开"),
        (2, "（一）深化重大决策预公开"),
        (3, "1. 完善公众参与机制"),
    ]
    assert [group.name for group in data.by_section] == ["一、推进决策公开", "二、加强平台建设"]
    assert [group.total for group in data.by_section] == [5, 3]
    assert [ref.label for ref in data.overdue] == ["一·一·1·1"]  # due 2021年6月底前

    path = tmp_path / "督查表.pdf"
    write_sheet(data, path)
    text = "".join(_pages(path))
    assert "逾期任务（1项），按牵头单位：区政府办公室：第一·一·1·1项。" in text  # outside the tree: labels
    assert "一·二·2" in text.split("需明确牵头单位：")[1].split("项")[0]
    # under its headings, a task is numbered by its own number
    assert "1.完善公众参与机制1建立健全公众参与重大决策制度区政府办公室区司法局" in text
    assert "2.做好决策解读1同步发布政策解读材料" in text
    assert "二、加强平台建设1加强政务新媒体管理" in text
    streams = b"".join(page.get_contents().get_data() for page in PdfReader(path).pages)
    for gray in ("0.880", "0.940", "0.975"):  # SPAN_SHADES: one gray per level
        assert f"{gray} g".encode() in streams

    notice_path = tmp_path / "督办单.pdf"
    write_notices(notices, notice_path)
    (page,) = _pages(notice_path)
    assert "二·1加强政务新媒体管理" in page and "二·一·1·1整合区级部门网站栏目" in page


# -- fonts and text -----------------------------------------------------------


def test_the_font_of_the_test_folder_serves_body_and_headings() -> None:
    choice = choose_fonts()
    assert choice.embedded and choice.body == choice.heading
    assert (
        choice.note
        == "已嵌入字体：正文 WenQuanYi Micro Hei（wqy-microhei.ttc），标题 WenQuanYi Micro Hei（wqy-microhei.ttc）"
    )


def test_font_ranking_prefers_the_earlier_folder_then_the_style() -> None:
    def font(path: str, folder: int, explicit: bool = False) -> FontFile:
        return FontFile(Path(path), folder, explicit)

    office = font("fonts/方正小标宋简体.ttf", 0, True)
    unknown = font("fonts/公文.ttf", 1, True)
    windows = [
        font(f"C:/Windows/Fonts/{name}", 2)
        for name in ("arial.ttf", "msyh.ttc", "simfang.ttf", "simhei.ttf", "simsun.ttc")
    ]
    linux = [font("/usr/share/fonts/wqy-zenhei.ttc", 3), font("/usr/share/fonts/uming.ttc", 3)]

    def best(candidates: list[FontFile], role: int) -> list[str]:
        return [c.path.name for c in fonts._ranked(candidates, role)]

    assert best(windows, 0) == ["simfang.ttf", "simsun.ttc", "msyh.ttc"]  # never arial
    assert best(windows, 1) == ["simhei.ttf", "msyh.ttc"]
    assert best([office, *windows], 0)[0] == "simfang.ttf"  # 小标宋 is for titles only
    assert best([office, *windows], 1)[0] == "方正小标宋简体.ttf"
    assert best([unknown, *windows], 0)[0] == best([unknown, *windows], 1)[0] == "公文.ttf"
    assert best(linux, 0) == ["uming.ttc"] and best(linux, 1) == ["wqy-zenhei.ttc"]


def test_a_parsed_font_is_kept_and_used_while_the_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "font.ttc"
    shutil.copy(TEST_FONTS / "wqy-microhei.ttc", path)
    parsed = fonts._parse_font("parsed", path)
    cached = fonts._cached_font("cached", path)
    assert cached is not None
    assert cached.face.name == parsed.face.name
    assert cached.face.charWidths == parsed.face.charWidths and cached.face.glyphPos == parsed.face.glyphPos
    assert cached.stringWidth("督办台账 2016", 10) == parsed.stringWidth("督办台账 2016", 10)
    path.touch()
    path.write_bytes(path.read_bytes())  # a new modification time: the kept copy no longer applies
    assert fonts._cached_font("cached", path) is None


def test_wrapping_keeps_punctuation_and_words_in_place() -> None:
    widths = Widths(choose_fonts().body)
    size = 10.0
    text = "各区人民政府，市直各委、办、局，各开发区管委会（含保税区）网址http://www.xm.gov.cn/zwgk/"
    width = 16 * size
    lines = wrap(text, width, widths, size)
    assert "".join(lines) == text
    assert all(widths.measure(line, size) <= width + 0.01 for line in lines)
    assert not any(line[0] in "，、。）" for line in lines)
    assert not any(line[-1] == "（" for line in lines)
    assert "http://www.xm.gov.cn/zwgk/" in lines  # a URL that fits a line is not broken
    assert wrap("第一行\n\n第三行", width, widths, size) == ["第一行", "", "第三行"]


def test_the_reports_do_not_load_qt() -> None:
    code = (
        "import sys, documents.pdf, documents.pdf.sheet, documents.pdf.notices\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- characters the main font lacks -------------------------------------------


@pytest.fixture
def with_fallback_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fonts.ENV_DIRS, os.pathsep.join([str(TEST_FONTS), str(FALLBACK_FONTS)]))


def _names_in_the_text(database: Database, progress: str, title_suffix: str = "") -> None:
    """Task 12's June progress names people; task 3's title (optionally) a place."""
    ids = _task_ids(database)
    with database.transaction() as session:
        record_month(session, MONTH, {ids[12]: Report("in_progress", done=progress)})
        if title_suffix:
            task = session.get(Task, ids[3])
            task.title += title_suffix


def _runs_by_font(path: Path) -> list[tuple[str, str]]:
    """(text, base font) of every piece of text drawn, in page order."""
    runs: list[tuple[str, str]] = []

    def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
        if text.strip() and font is not None:
            runs.append((text, font["/BaseFont"]))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return runs


def test_ext_b_and_emoji_print_in_fallback_fonts(ledger: Database, tmp_path: Path, with_fallback_fonts: None) -> None:
    progress = f"联系人：张{EXT_B}，{EMOJI}已办结"
    _names_in_the_text(ledger, progress, title_suffix=f"（{EXT_B[3]}野家）")
    path = tmp_path / "sheet.pdf"
    _data, info = _sheet(ledger, path)
    assert info.blanks == {} and info.warning == ""
    assert info.fallback_fonts == ("Duban Test Emoji（duban-test-emoji.ttf）", "Duban Test ExtB（duban-test-extb.ttf）")
    assert info.note.endswith(f"；补充字体 {'、'.join(info.fallback_fonts)}")

    text = "".join(_pages(path))
    assert progress in text and f"（{EXT_B[3]}野家）" in text
    embedded = {font["/BaseFont"]: font for font in _fonts_of(path)}
    for name in ("DubanTestExtB", "DubanTestEmoji"):
        [font] = [font for base, font in embedded.items() if re.fullmatch(rf"/[A-Z]{{6}}\+{name}", base)]
        assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded, not just named
    drawn: dict[str, set[str]] = {}
    for run, font in _runs_by_font(path):
        for char in run:
            drawn.setdefault(char, set()).add(font.split("+")[1])
    assert all(drawn[char] == {"DubanTestExtB"} for char in EXT_B)
    assert drawn[EMOJI] == {"DubanTestEmoji"}
    assert drawn["张"] == {"WenQuanYiMicroHei-0"}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_gives_the_fallback_characters_back(
    ledger: Database, tmp_path: Path, with_fallback_fonts: None
) -> None:
    _names_in_the_text(ledger, f"联系人：张{EXT_B}{EMOJI}")
    path = tmp_path / "sheet.pdf"
    _sheet(ledger, path)
    output = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    assert f"联系人：张{EXT_B}{EMOJI}" in re.sub(r"\s+", "", output.stdout.decode("utf-8"))


def test_without_a_font_the_warning_names_exactly_the_missing_characters(ledger: Database, tmp_path: Path) -> None:
    _names_in_the_text(ledger, f"联系人：张{EXT_B[0]}{EMOJI}。", title_suffix=f"（{EXT_B[3]}野家）")
    path = tmp_path / "sheet.pdf"
    _data, info = _sheet(ledger, path)
    progress = ("第12项的本月进展",)
    assert info.blanks == {EXT_B[0]: progress, EMOJI: progress, EXT_B[3]: ("第3项的工作任务",)}
    assert info.warning == (
        "以下字符没有可用字体，打印为空白：𠮷（U+20BB7，第3项的工作任务）；"  # in the order of the sheet
        "𠀀（U+20000，第12项的本月进展）；😀（U+1F600，第12项的本月进展）。"
        "把含有这些字符的 TrueType 字体（.ttf）放入程序的 resources/fonts 文件夹后重新生成即可打印。"
    )
    assert info.fallback_fonts == ()
    text = "".join(_pages(path))  # the sheet is whole; the blanks hold no character
    assert "联系人：张。" in text and "（野家）" in text
    assert not any(char in text for char in (EXT_B[0], EXT_B[3], EMOJI))


def test_with_fallback_fonts_only_what_none_has_is_named(
    ledger: Database, tmp_path: Path, with_fallback_fonts: None
) -> None:
    _names_in_the_text(ledger, f"联系人：张{EXT_B}{NOWHERE}{EMOJI}\ufe0f")  # the variation selector is no character
    with ledger.transaction() as session:
        set_setting(session, "office_name", f"{NOWHERE}办")
    path = tmp_path / "sheet.pdf"
    _data, info = _sheet(ledger, path)
    assert info.blanks == {NOWHERE: ("第12项的本月进展", f"“制表单位：{NOWHERE}办”")}
    assert info.warning.startswith(f"以下字符没有可用字体，打印为空白：{NOWHERE}（U+2123D，第12项的本月进展、“制表")
    assert f"联系人：张{EXT_B}{EMOJI}" in "".join(_pages(path))


def test_notices_name_the_missing_characters_too(ledger: Database, tmp_path: Path) -> None:
    _names_in_the_text(ledger, f"联系人：张{EXT_B[0]}")
    with ledger.session() as session:
        unit_id = session.scalar(select(Unit.id).where(Unit.name == "市发改委"))  # leads task 12
        notices = notice_data(session, _plan_id(ledger), MONTH, unit_id=unit_id, level="notice", on=TODAY).notices
    info = write_notices(notices, tmp_path / "notice.pdf")
    assert info.blanks == {EXT_B[0]: ("第12项的最近一次报送",)}


def test_a_justified_line_with_fallback_characters_fills_the_width(with_fallback_fonts: None) -> None:
    choice = choose_fonts()
    widths = Widths(choice.body, choice.fallbacks)
    extb, emoji = (choice.fallbacks.font_for(char) for char in (EXT_B[0], EMOJI))
    assert extb is not None and emoji is not None and extb != emoji
    assert widths.measure(EXT_B[0], 10) == 10.0  # 1000 units of the Ext-B font, not the body font's .notdef
    assert widths.measure(EMOJI + "\ufe0f" + "\u200d", 10) == pytest.approx(9.16, abs=0.01)
    assert widths.measure(NOWHERE, 10) == 10.0 and widths.blank == {NOWHERE}
    line = f"张{EXT_B[:2]}😀\ufe0f{NOWHERE}a"
    assert list(widths.runs(line)) == [
        (choice.body, "张"),
        (extb, EXT_B[:2]),
        (emoji, EMOJI),
        (None, "\ufe0f" + NOWHERE),
        (choice.body, "a"),
    ]


def test_the_fallback_order_tries_the_chinese_fonts_then_the_special_ones_then_the_rest() -> None:
    def font(path: str, folder: int, explicit: bool = False) -> FontFile:
        return FontFile(Path(path), folder, explicit)

    office = font("fonts/HanaMinB.ttf", 0, True)
    windows = [
        font(f"C:/Windows/Fonts/{name}", 2)
        for name in ("arial.ttf", "seguiemj.ttf", "simfang.ttf", "simhei.ttf", "simsun.ttc", "SimsunB.ttf")
    ]
    order = [path.name for path in fonts.fallback_order([office, *windows])]
    assert order == [
        "HanaMinB.ttf",  # the office's font (its name tells no style: a candidate for body and headings)
        "simfang.ttf",  # the body's fonts, in their order
        "simsun.ttc",
        "SimsunB.ttf",  # SimSun-ExtB: a 宋 face too
        "simhei.ttf",  # then the headings'
        "seguiemj.ttf",  # Segoe UI Emoji, before the other Windows fonts
        "arial.ttf",
    ]


def test_system_fonts_can_be_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    assert {candidate.path.parent for candidate in fonts.font_candidates()} <= {fonts.FONT_DIR, TEST_FONTS}
    monkeypatch.setenv(fonts.ENV_SYSTEM, "1")
    monkeypatch.setattr(fonts, "_fontconfig_files", lambda: (Path("/usr/share/fonts/x/wqy-zenhei.ttc"),))
    assert Path("/usr/share/fonts/x/wqy-zenhei.ttc") in [candidate.path for candidate in fonts.font_candidates()]


# -- what a font file covers ----------------------------------------------------


def test_the_coverage_of_a_font_is_read_from_its_cmap() -> None:
    extb = read_coverage(FALLBACK_FONTS / "duban-test-extb.ttf")
    assert extb.usable
    assert extb.ranges == (0x20, 0x20, 0x20000, 0x20000, 0x20BB7, 0x20BB7, 0x2A6A5, 0x2A6A5, 0x2B740, 0x2B740)
    assert all(ord(char) in extb for char in EXT_B) and ord(NOWHERE) not in extb and ord("中") not in extb
    emoji = read_coverage(FALLBACK_FONTS / "duban-test-emoji.ttf")
    assert emoji.usable and ord(EMOJI) in emoji and ord(EXT_B[0]) not in emoji
    wqy = read_coverage(TEST_FONTS / "wqy-microhei.ttc")  # a collection: its first face
    assert wqy.usable and wqy.count(0x4E00, 0x9FFF) > 20000 and ord("中") in wqy and ord(EXT_B[0]) not in wqy


def _changed_os2(path: Path, at: int, value: int) -> bytes:
    """The font file with the 16-bit field of its OS/2 table at `at` set to `value`."""
    source = path.read_bytes()
    record = source.index(b"OS/2")  # its table record: tag, checksum, offset, length
    offset = int.from_bytes(source[record + 8 : record + 12], "big") + at
    return source[:offset] + value.to_bytes(2, "big") + source[offset + 2 :]


FS_TYPE, FS_SELECTION = 8, 62  # offsets in OS/2


def test_fonts_reportlab_cannot_embed_cover_nothing(tmp_path: Path) -> None:
    # fsType 2: the licence forbids embedding (ReportLab would still embed a
    # font this small whole, against the licence)
    restricted = tmp_path / "restricted.ttf"
    restricted.write_bytes(_changed_os2(FALLBACK_FONTS / "duban-test-extb.ttf", FS_TYPE, 0x0002))
    cff = tmp_path / "cff.ttf"
    cff.write_bytes(b"OTTO" + (FALLBACK_FONTS / "duban-test-extb.ttf").read_bytes()[4:])  # PostScript outlines
    text = tmp_path / "notes.ttf"
    text.write_text("not a font", encoding="utf-8")
    for path in (restricted, cff, text, tmp_path / "missing.ttf"):
        assert read_coverage(path) == UNUSABLE, path.name


def test_a_font_whose_licence_forbids_embedding_is_no_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "restricted.ttf").write_bytes(_changed_os2(FALLBACK_FONTS / "duban-test-extb.ttf", FS_TYPE, 0x0002))
    shutil.copy(FALLBACK_FONTS / "duban-test-emoji.ttf", tmp_path)
    monkeypatch.setenv(fonts.ENV_DIRS, os.pathsep.join([str(TEST_FONTS), str(tmp_path)]))
    fallbacks = choose_fonts().fallbacks
    assert fallbacks.font_for(EXT_B[0]) is None
    assert fallbacks.font_for(EMOJI) is not None
    assert [path.name for path in fallbacks.files.values()] == ["duban-test-emoji.ttf"]


def test_a_regular_face_is_taken_before_a_bold_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = FALLBACK_FONTS / "duban-test-extb.ttf"
    (tmp_path / "a-bold.ttf").write_bytes(_changed_os2(source, FS_SELECTION, 0b100000))  # first by name
    shutil.copy(source, tmp_path / "b-regular.ttf")
    assert [read_coverage(tmp_path / name).face_rank for name in ("a-bold.ttf", "b-regular.ttf")] == [2, 0]
    assert read_coverage(FALLBACK_FONTS / "duban-test-emoji.ttf").face_rank == 1  # Symbola is semi-condensed
    monkeypatch.setenv(fonts.ENV_DIRS, os.pathsep.join([str(TEST_FONTS), str(tmp_path)]))
    fallbacks = choose_fonts().fallbacks
    assert fallbacks.files[fallbacks.font_for(EXT_B[0])].name == "b-regular.ttf"


def test_without_fontconfig_the_font_folders_are_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nested = tmp_path / "truetype" / "hanazono"
    nested.mkdir(parents=True)
    shutil.copy(FALLBACK_FONTS / "duban-test-extb.ttf", nested)
    (nested / "README").write_text("not a font", encoding="utf-8")
    monkeypatch.setattr(fonts.shutil, "which", lambda _program: None)
    monkeypatch.setattr(fonts.sys, "platform", "linux")
    monkeypatch.setitem(fonts._FONT_FOLDERS, "linux", (str(tmp_path), str(tmp_path / "missing")))
    fonts._other_system_files.cache_clear()
    try:
        assert fonts._other_system_files() == (nested / "duban-test-extb.ttf",)
        monkeypatch.setenv(fonts.ENV_SYSTEM, "1")
        assert choose_fonts().fallbacks.font_for(EXT_B[0]) is not None
    finally:
        fonts._other_system_files.cache_clear()


def test_coverage_is_read_once_and_kept_while_the_file_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = tmp_path / "extb.ttf"
    shutil.copy(FALLBACK_FONTS / "duban-test-extb.ttf", font)
    first = CoverageCache(tmp_path / "cache")
    read = first.get(font)
    first.save()

    def unread(path: Path) -> Any:
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr("documents.pdf.coverage.read_coverage", unread)
    assert CoverageCache(tmp_path / "cache").get(font) == read  # a new process: from the cache file
    font.write_bytes(font.read_bytes() + b"\0")  # changed: read again
    with pytest.raises(AssertionError, match="read again"):
        CoverageCache(tmp_path / "cache").get(font)
