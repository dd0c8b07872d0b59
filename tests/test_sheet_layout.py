"""The supervision sheet as an office signs it, read back from the real PDF
with pdfplumber: headings kept with what follows them, never a page of only
the signature lines, lists grouped by lead unit, the columns chosen, the
sheet of one part, one unit or the warned tasks, and CJK line breaking."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from PySide6.QtPdf import QPdfDocument

from db.operations.progress import Report, record_month
from db.queries.report_data import SheetScope, sheet_data, sheet_headings
from db.schema.database import Database, open_database
from db.settings import set_setting
from db.vocabulary import NO_LEAD_UNIT
from desktop.ledger import Ledger
from desktop.report_dialog import SHEET, ReportDialog
from documents.charts.style import percent
from documents.pdf import fonts
from documents.pdf.layout import _CLOSING, _OPENING, BOTTOM_MARGIN, SPAN_SHADES, Widths, choose_fonts, wrap
from documents.pdf.sheet import DETAILED, OPTIONAL_COLUMNS, PRESETS, SHORT, write_sheet
from tests.conftest import ROOT, file_digest, run_main, task_id

MONTH = "2016-06"
TODAY = date(2016, 7, 5)
HEADINGS = ("一、总体情况", "二、各部分完成情况", "三、各牵头单位完成情况", "四、任务推进情况")


@pytest.fixture(autouse=True)
def test_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fonts.ENV_DIRS, str(ROOT / "tests" / "data" / "fonts"))
    monkeypatch.setenv(fonts.ENV_SYSTEM, "0")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2016 plan; June reported for the tasks 1–30, with problems, next
    steps and evidence; the others owe it (yellow); 20 is overdue (red)."""
    from db.resources import BUNDLED_PLAN

    path = tmp_path_factory.mktemp("sheet") / "ledger.db"
    database = open_database(path, first_plan=BUNDLED_PLAN)
    with database.transaction() as session:
        set_setting(session, "office_name", "厦门市政务公开办")
    reports = {
        task_id(database, n): Report(
            "in_progress",
            done=f"第{n}项六月进展。",
            problems=f"第{n}项的困难",
            next_steps=f"第{n}项的打算",
            evidence=f"厦府〔2016〕{n}号",
        )
        for n in range(1, 31)
    }
    with database.transaction() as session:
        record_month(session, MONTH, reports)
        from db.schema.models import Task

        session.get(Task, task_id(database, 20)).deadline = date(2016, 5, 31)
    database.close()
    return path


@pytest.fixture
def ledger(template: Path, tmp_path: Path) -> Iterator[Database]:
    shutil.copy(template, tmp_path / "ledger.db")
    database = open_database(tmp_path / "ledger.db")
    yield database
    database.close()


def _write(database: Database, path: Path, scope: SheetScope | None = None, columns: Any = PRESETS[SHORT]) -> Any:
    with database.session() as session:
        data = sheet_data(session, 1, MONTH, TODAY, scope)
    write_sheet(data, path, columns=columns)
    return data


def _segments(page: Any) -> list[tuple[float, float, str]]:
    """The runs of text of a page: characters on one baseline, cut where a
    gap wider than a few points (a cell's edge, the space between columns)
    parts them. (top, x0, text)"""
    rows: dict[float, list[dict[str, Any]]] = {}
    for char in page.chars:
        rows.setdefault(round(char["top"], 1), []).append(char)
    runs = []
    for top, chars in sorted(rows.items()):
        chars.sort(key=lambda c: c["x0"])
        start, text, end = chars[0]["x0"], chars[0]["text"], chars[0]["x1"]
        for char in chars[1:]:
            if char["x0"] - end > 5:
                runs.append((top, start, text))
                start, text = char["x0"], ""
            text += char["text"]
            end = char["x1"]
        runs.append((top, start, text))
    return runs


def _gray(colour: Any) -> float | None:
    """A gray fill's level (pdfplumber gives one number, or a tuple of one)."""
    if isinstance(colour, (int, float)):
        return round(colour, 3)
    return round(colour[0], 3) if colour and len(colour) == 1 else None


def _footer_top(page: Any) -> float:
    return page.height - BOTTOM_MARGIN


def _check_the_pages(path: Path) -> None:
    """What every sheet keeps to, whatever falls where."""
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        for page in pages:
            runs = [run for run in _segments(page) if run[0] < _footer_top(page)]
            # a heading row of the table (shaded one of SPAN_SHADES) has a data row under it on its page
            shades = {round(gray, 3) for gray in SPAN_SHADES.values()}
            spans = [rect for rect in page.rects if rect["fill"] and _gray(rect["non_stroking_color"]) in shades]
            if spans:
                lowest = max(spans, key=lambda rect: rect["bottom"])
                assert any(top > lowest["bottom"] + 1 for top, _, _ in runs), (
                    f"page {page.page_number} ends on a heading row"
                )
            # a section heading has text under it on its page
            for top, _, text in runs:
                if text in HEADINGS:
                    assert any(other > top + 1 for other, _, _ in runs), f"{text} stranded on page {page.page_number}"
            # CJK line breaking: in every run of text (a line of a cell or of a paragraph)
            for _, _, text in runs:
                assert text[0] not in _CLOSING, f"page {page.page_number}: line starts with {text!r}"
                assert text[-1] not in _OPENING, f"page {page.page_number}: line ends with {text!r}"
        last = pages[-1].extract_text()
        assert "制表单位：" in last and "序号" in last  # the signatures never stand alone: rows of the table above
        signature = next(top for top, _, text in _segments(pages[-1]) if text.startswith("制表单位"))
        assert any(top < signature - 20 and text.isdigit() for top, _, text in _segments(pages[-1]))


@pytest.mark.parametrize("length", [0, 180, 450, 630])
def test_wherever_the_rows_fall_headings_and_signatures_keep_company(
    ledger: Database, tmp_path: Path, length: int
) -> None:
    """Longer and longer progress on tasks 9 and 66 moves every page break
    and the last row; the layout rules hold each time."""
    items = [f"（{i}）按要求推进，已完成阶段任务；" for i in range(length // 15)]
    text, half = "".join(items), "".join(items[: len(items) // 2])
    with ledger.transaction() as session:
        record_month(
            session,
            MONTH,
            {
                task_id(ledger, 9): Report("in_progress", done=text),
                task_id(ledger, 66): Report("in_progress", done=half),
            },
        )
    for columns in (PRESETS[SHORT], PRESETS[DETAILED]):
        path = tmp_path / f"sheet-{len(columns)}.pdf"
        _write(ledger, path, columns=columns)
        _check_the_pages(path)


def test_unreported_and_overdue_tasks_are_listed_by_lead_unit(ledger: Database, tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    data = _write(ledger, path)
    with pdfplumber.open(path) as pdf:
        lines = [text for _, _, text in _segments(pdf.pages[0])]
    assert "逾期任务（1项），按牵头单位：" in "".join(lines)
    assert "市国资委：第20项；" in lines and "市财政局：第20项。" in lines  # two lead units: under each
    assert "市教育局：第36项；" in lines
    assert "市环保局：第32、33、34、35项；" in lines  # one line per unit
    assert "市人社局：第65、66项；" in lines  # 26 and 27 reported
    [needs] = [index for index, line in enumerate(lines) if line.startswith(f"{NO_LEAD_UNIT}：")]
    assert lines[needs].startswith(f"{NO_LEAD_UNIT}：第39、40、41、")  # last, wrapped within its column
    assert lines[needs + 2] == "62、63项。" and lines[needs + 3] == "二、各部分完成情况"
    unreported = {label for group in data.unreported_by_unit for label in group.labels}
    assert unreported == {str(n) for n in range(31, 67)}


def _header(page: Any) -> list[str]:
    """The header row's titles, left to right."""
    top = next(top for top, _, text in _segments(page) if text == "序号")
    return [text for t, _, text in _segments(page) if t == top]


def test_the_columns_short_and_detailed(ledger: Database, tmp_path: Path) -> None:
    short, detailed = tmp_path / "简表.pdf", tmp_path / "详表.pdf"
    _write(ledger, short)
    _write(ledger, detailed, columns=PRESETS[DETAILED])
    with pdfplumber.open(short) as pdf:
        page = next(p for p in pdf.pages if "序号" in p.extract_text())
        assert _header(page) == ["序号", "工作任务", "牵头单位", "责任单位", "完成时限", "本月进展", "状态", "预警"]
        text = page.extract_text()
        assert "存在问题：第1项的困难" in text  # in the progress when it has no column
        assert "2016年12月底" in text and "黄灯" not in text.split("\n")[3]
    with pdfplumber.open(detailed) as pdf:
        page = next(p for p in pdf.pages if "序号" in p.extract_text())
        header = _header(page)
        assert header == [
            "序号",
            "工作任务",
            "牵头单位",
            "责任单位",
            "完成时限",
            "本月进展",
            "存在问题",
            "下一步打算",
            "佐证材料",
            "状态",
            "预警",
        ]
        runs = _segments(page)
        x = {text: x0 for _, x0, text in runs if text in header}
        [(_, problems_x, _)] = [run for run in runs if run[2] == "第1项的困难"]
        assert x["存在问题"] - 30 < problems_x < x["下一步打算"]
        assert any(text == "第1项的打算" and x["下一步打算"] - 30 < x0 < x["佐证材料"] for _, x0, text in runs)
        assert any(text == "〔2016〕1号" and x["佐证材料"] - 30 < x0 < x["状态"] for _, x0, text in runs)
        assert "存在问题：" not in page.extract_text()
    assert set(PRESETS[DETAILED]) == set(OPTIONAL_COLUMNS)


def _numbers(path: Path) -> list[int]:
    """The task numbers in the 序号 column of the task table."""
    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            runs = _segments(page)
            header = [x0 for _, x0, text in runs if text == "序号"]
            if not header:
                continue
            found += [int(text) for _, x0, text in runs if text.isdigit() and abs(x0 - header[0]) < 12]
    return found


def test_one_part_one_unit_or_the_warned_tasks(ledger: Database, tmp_path: Path) -> None:
    with ledger.session() as session:
        second = next(section_id for section_id, level, label in sheet_headings(session, 1) if label.startswith("二、"))
        from db.queries.unit_tasks import find_unit

        unit = find_unit(session, "市人社局").id
    path = tmp_path / "part.pdf"
    data = _write(ledger, path, SheetScope(section_id=second))
    assert _numbers(path) == list(range(11, 21)) and data.figures.total == 10
    with pdfplumber.open(path) as pdf:
        first = pdf.pages[0].extract_text()
    assert "（二、围绕促进经济发展推进公开）" in first and "全部工作任务10项" in first
    assert "一、围绕深化改革推进公开" not in "".join(page for page in first.split("\n")[4:])

    path = tmp_path / "unit.pdf"
    data = _write(ledger, path, SheetScope(unit_id=unit))
    assert _numbers(path) == [26, 27, 65, 66]
    assert [h.label[:2] for h in data.headings if h.level == 1] == ["三、", "六、"]

    path = tmp_path / "warned.pdf"
    data = _write(ledger, path, SheetScope(warned=True))
    assert _numbers(path) == [20, *range(31, 67)]  # 20 red (overdue), 31–66 yellow (unreported)
    _check_the_pages(path)


def test_the_command_line_takes_the_part_unit_lights_and_columns(ledger: Database, tmp_path: Path) -> None:
    ledger.close()
    before = file_digest(ledger.path)
    output = tmp_path / "二.pdf"
    result = run_main(
        "--db",
        ledger.path,
        "report",
        "sheet",
        "--month",
        MONTH,
        "--section",
        "二",
        "--warned",
        "--columns",
        "详表",
        "-o",
        output,
    )
    assert result.returncode == 0, result.stderr
    assert _numbers(output) == [20, *range(31, 67)][:1] + [n for n in range(31, 67) if 11 <= n <= 20]
    with pdfplumber.open(output) as pdf:
        assert "佐证材料" in pdf.pages[-1].extract_text()
    result = run_main(
        "--db",
        ledger.path,
        "report",
        "sheet",
        "--month",
        MONTH,
        "--unit",
        "市人社局",
        "--columns",
        "完成时限，佐证材料",
        "-o",
        output,
    )
    assert result.returncode == 0, result.stderr
    assert _numbers(output) == [26, 27, 65, 66]
    for bad, message in (
        ("--section", "--section：计划中没有第“九”部分（有：一、二、三、四、五、六）"),
        ("--columns", "--columns：没有这一栏：备注"),
    ):
        result = run_main(
            "--db",
            ledger.path,
            "report",
            "sheet",
            "--month",
            MONTH,
            bad,
            "九" if bad == "--section" else "备注",
            "-o",
            tmp_path / "x.pdf",
        )
        assert result.returncode == 2 and message in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()
    assert file_digest(ledger.path) == before


def test_the_dialog_chooses_columns_by_preset_and_a_part(qtbot, ledger: Database) -> None:
    dialog = ReportDialog(Ledger(ledger), SHEET, 1, [MONTH], MONTH, [])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.preset.currentData() == SHORT and dialog.chosen_columns() == list(PRESETS[SHORT])
    dialog.preset.setCurrentIndex(dialog.preset.findData(DETAILED))
    dialog.preset.activated.emit(dialog.preset.currentIndex())
    assert dialog.chosen_columns() == list(PRESETS[DETAILED])
    dialog.columns["evidence"].setChecked(False)
    assert dialog.preset.currentData() is None  # Custom
    dialog.section.setCurrentIndex(
        next(i for i in range(dialog.section.count()) if dialog.section.itemText(i).startswith("二、"))
    )
    dialog.warned.setChecked(True)
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=20000)
    assert _numbers(dialog.path) == [20]
    with pdfplumber.open(dialog.path) as pdf:
        page = next(p for p in pdf.pages if "序号" in p.extract_text())
        assert "下一步打算" in _header(page) and "佐证材料" not in _header(page)


def test_closing_punctuation_never_starts_a_line_nor_opening_ends_one() -> None:
    widths = Widths(choose_fonts().body)
    size = 10.0
    text = "；".join(f"第{n}项（市市场监督管理局）" for n in range(1, 30)) + "。“公开”《条例》【目录】"
    for columns in range(6, 40):
        lines = wrap(text, columns * size, widths, size)
        assert "".join(lines) == text
        assert all(widths.measure(line, size) <= columns * size + 0.01 or len(line) <= 3 for line in lines)
        assert not any(line[0] in _CLOSING for line in lines), columns
        assert not any(line[-1] in _OPENING for line in lines), columns


CHART_TITLES = ("各部分任务完成情况", "各月任务完成率与进展报送率", "各牵头单位任务完成率与进展按时报送率")


def _chart_pages(path: Path) -> dict[str, int]:
    """chart title -> the index of the page it stands on."""
    found = {}
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            for _, _, text in _segments(page):
                if text in CHART_TITLES:
                    found[text] = index
    return found


def test_the_charts_stand_under_the_figures_as_vectors(ledger: Database, tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    data = _write(ledger, path)
    assert data.charts is not None
    pages = _chart_pages(path)
    assert set(pages) == set(CHART_TITLES)
    with pdfplumber.open(path) as pdf:
        assert not any(page.images for page in pdf.pages)  # drawn, not pictures
        table_start = next(i for i, page in enumerate(pdf.pages) if "四、任务推进情况" in page.extract_text())
        units_table = next(i for i, page in enumerate(pdf.pages) if "三、各牵头单位完成情况" in page.extract_text())
        assert (
            units_table <= min(pages.values()) and max(pages.values()) < table_start
        )  # between the figures and the tasks

        page = pdf.pages[pages["各部分任务完成情况"]]
        title = next(top for top, _, text in _segments(page) if text == "各部分任务完成情况")
        area = [rect for rect in page.rects if rect["top"] > title]
        bars = [rect for rect in area if rect["fill"] and rect["width"] > 2]
        assert len(bars) >= 2 * len(data.charts.by_section) - 1  # a track for each, a bar for each completed
        trend = [curve for curve in page.curves if curve["top"] > title]
        assert len(trend) >= len(data.charts.trend)  # the markers (circles) and the lines of the months
        text = page.extract_text()
        first = data.charts.by_section[0]
        assert f"{percent(first.completion_rate)}（{first.completed}/{first.total}）" in text
        assert first.name in text and "6月" in text and "完成率" in text and "报送率" in text

        text = pdf.pages[pages["各牵头单位任务完成率与进展按时报送率"]].extract_text()
        assert "按时报送率" in text and "市人社局" in text and "100%" in text
        for chart_page in set(pages.values()):
            assert all(
                char["fontname"].split("+")[-1].startswith("WenQuanYiMicroHei") for char in pdf.pages[chart_page].chars
            )
    _check_the_pages(path)


def test_the_charts_can_be_left_out(ledger: Database, tmp_path: Path) -> None:
    with ledger.session() as session:
        assert sheet_data(session, 1, MONTH, TODAY, charts=False).charts is None
        part = next(section_id for section_id, level, _ in sheet_headings(session, 1) if level == 1)
        assert (
            sheet_data(session, 1, MONTH, TODAY, SheetScope(section_id=part)).charts is None
        )  # the whole plan's: none
    ledger.close()
    before = file_digest(ledger.path)
    with_charts, without = tmp_path / "图表.pdf", tmp_path / "无图表.pdf"
    for output, extra in ((with_charts, ()), (without, ("--no-charts",))):
        result = run_main("--db", ledger.path, "report", "sheet", "--month", MONTH, *extra, "-o", output)
        assert result.returncode == 0, result.stderr
    assert set(_chart_pages(with_charts)) == set(CHART_TITLES) and not _chart_pages(without)
    with pdfplumber.open(with_charts) as charted, pdfplumber.open(without) as plain:
        assert len(plain.pages) < len(charted.pages)
        assert not any(page.curves for page in plain.pages)
    _check_the_pages(without)
    assert file_digest(ledger.path) == before


def test_the_dialog_leaves_the_charts_out_when_unticked(qtbot, ledger: Database) -> None:
    dialog = ReportDialog(Ledger(ledger), SHEET, 1, [MONTH], MONTH, [])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.charts.isChecked() and dialog.charts.isVisible()
    for ticked in (True, False):
        dialog.charts.setChecked(ticked)
        dialog.document.close()
        dialog.build_button.click()
        qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=20000)
        assert bool(_chart_pages(dialog.path)) is ticked
