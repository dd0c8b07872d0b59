"""The figures of a month (db.queries.figures) against a small ledger counted
by hand, and the monthly bulletin (.docx) read back with python-docx,
converted by LibreOffice and its text read; the command that writes it.

The small ledger is the plan of tests/three_levels.py (8 tasks, two level-1
sections, four lead units and one task without). Report day: the 25th.

    task          lead          June               July (recorded)          in July
    1 一·一·1·1   区政府办公室  in progress 6-20   in progress  7-20        overdue (deadline 6-30)
    2 一·一·1·2   区司法局      in progress 6-20   completed    7-20
    3 一·一·2·1   区发改局      in progress 6-20   in progress  7-28        late
    4 一·二·1     区政府办公室  completed   6-20   —                        owes no report
    5 一·二·2     (none)        in progress 6-20   —                        unreported
    6 二·1        区数据局      in progress 6-20   —                        unreported
    7 二·一·1·1   区数据局      in progress 6-20   completed    7-20
    8 二·一·1·2   区数据局      in progress 6-20   in progress  7-20

The tests never depend on the machine's fonts (DUBAN_FONT_DIRS is the test folder).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from sqlalchemy import select

from db.months import Month
from db.operations.progress import Report, record_month
from db.queries.figures import NO_LEAD_UNIT, Counts, MonthFigures, month_figures, rank
from db.queries.ledger import outline
from db.schema.database import Database
from db.schema.models import Task
from db.settings import set_setting
from documents.docx import write_bulletin
from documents.docx.bulletin import NEXT_STEPS
from documents.pdf import fonts
from tests.conftest import file_digest, refused, run_main
from tests.three_levels import LABELS, plan_id

ROOT = Path(__file__).resolve().parents[1]
TEST_FONTS = ROOT / "tests" / "data" / "fonts"
OFFICE = "某某区人民政府办公室"
MONTH = "2021-07"
TODAY = date(2021, 8, 10)
JUNE = {
    1: "in_progress",
    2: "in_progress",
    3: "in_progress",
    4: "completed",
    5: "in_progress",
    6: "in_progress",
    7: "in_progress",
    8: "in_progress",
}
JULY = {
    1: ("in_progress", 20),
    2: ("completed", 20),
    3: ("in_progress", 28),
    7: ("completed", 20),
    8: ("in_progress", 20),
}
# unit: total, completed, overdue, owed, reported, on time (by hand, from the table above)
UNITS = {
    "区政府办公室": (2, 1, 1, 1, 1, 1),
    "区司法局": (1, 1, 0, 1, 1, 1),
    "区发改局": (1, 0, 0, 1, 1, 0),
    "区数据局": (3, 1, 0, 3, 2, 2),
    NO_LEAD_UNIT: (1, 0, 0, 1, 0, 0),
}
RANKING = [("1", "区司法局"), ("2", "区政府办公室"), ("3", "区数据局"), ("4", "区发改局")]


@pytest.fixture(autouse=True)
def test_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv(fonts.ENV_DIRS, str(TEST_FONTS))
    monkeypatch.setenv(fonts.ENV_SYSTEM, "0")
    monkeypatch.setattr(fonts, "cache_dir", lambda: tmp_path_factory.getbasetemp() / "font-cache")


def record(database: Database) -> None:
    """The June and July reports of the module's table, recorded on the days it gives."""
    with database.transaction() as session:
        set_setting(session, "office_name", OFFICE)
        _sections, tasks = outline(session, plan_id(database))  # in plan order
        by_order = {index: task for index, task in enumerate(tasks, start=1)}
        june = record_month(session, "2021-06", {by_order[n].id: Report(status) for n, status in JUNE.items()})
        for entry in june.values():
            entry.recorded_at = datetime(2021, 6, 20, 9, 0)
        july = record_month(session, MONTH, {by_order[n].id: Report(status) for n, (status, _day) in JULY.items()})
        for number, (_status, day) in JULY.items():
            july[by_order[number].id].recorded_at = datetime(2021, 7, day, 16, 30)


@pytest.fixture
def small(levels_db: Database) -> Database:
    record(levels_db)
    return levels_db


def figures_of(database: Database, month: str = MONTH) -> MonthFigures:
    with database.session() as session:
        return month_figures(session, plan_id(database), month, TODAY)


def counted(counts: Counts) -> tuple[int, ...]:
    return (counts.total, counts.completed, counts.overdue, counts.owed, counts.reported, counts.on_time)


# -- the figures ------------------------------------------------------------------


def test_figures_per_unit_section_and_plan_are_those_counted_by_hand(small: Database) -> None:
    figures = figures_of(small)
    assert {unit.name: counted(unit) for unit in figures.by_unit} == UNITS
    assert figures.by_unit[-1].name == NO_LEAD_UNIT
    assert counted(figures.overall) == (8, 3, 1, 7, 5, 4)
    assert figures.overall.unreported == 2
    assert [counted(section) for section in figures.by_section] == [(5, 2, 1, 4, 3, 2), (3, 1, 0, 3, 2, 2)]
    assert [section.name for section in figures.by_section] == ["一、推进决策公开", "二、加强平台建设"]
    assert figures.status.total == 8 and figures.status.completed == 3 and figures.status.unreported == 2
    assert figures.report_day == date(2021, 7, 25) and figures.office_name == OFFICE
    data = {unit.name: unit for unit in figures.by_unit}["区数据局"]
    assert data.completion_rate == pytest.approx(1 / 3) and data.on_time_rate == pytest.approx(2 / 3)


def test_the_ranking_is_by_completion_then_on_time_reporting_without_the_unassigned(small: Database) -> None:
    ranking = figures_of(small).ranking
    assert [(str(place.place), place.counts.name) for place in ranking] == RANKING


def test_equal_units_share_a_place_and_keep_their_order() -> None:
    a, b, c, d = (
        Counts("甲", 2, 1, 0, 2, 2, 2),
        Counts("乙", 2, 1, 0, 2, 2, 2),
        Counts("丙", 1, 1, 0, 1, 1, 0),
        Counts("丁", 2, 0, 0, 0, 0, 0),
    )
    assert [(p.place, p.counts.name) for p in rank([a, b, c, d])] == [(1, "丙"), (2, "甲"), (2, "乙"), (4, "丁")]
    assert d.on_time_rate is None  # owed nothing: not behind on reporting


def test_problems_list_overdue_and_unreported_tasks_by_unit(small: Database) -> None:
    problems = {p.name: p for p in figures_of(small).problems}
    assert set(problems) == {"区政府办公室", "区数据局", NO_LEAD_UNIT}
    assert [ref.label for ref in problems["区政府办公室"].overdue] == [LABELS[0]]
    assert [ref.label for ref in problems["区数据局"].unreported] == [LABELS[5]]
    assert [ref.label for ref in figures_of(small).no_lead_tasks] == [LABELS[4]]


def test_the_trend_runs_from_january_and_june_was_reported_on_time(small: Database) -> None:
    trend = figures_of(small).trend
    assert [point.month for point in trend] == [Month(f"2021-{m:02d}") for m in range(1, 8)]
    june = trend[5].counts
    assert counted(june) == (8, 1, 0, 8, 8, 8)
    assert counted(trend[0].counts)[:2] == (8, 0) and trend[0].counts.reported == 0
    assert trend[-1].counts == figures_of(small).overall


# -- the bulletin --------------------------------------------------------------------


def _styled(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def _east_asian_font(paragraph) -> str:  # type: ignore[no-untyped-def]
    return paragraph.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


@pytest.fixture
def bulletin(small: Database, tmp_path: Path) -> Path:
    path = tmp_path / "通报.docx"
    info = write_bulletin(figures_of(small), path)
    assert info.units == 4 and info.charts == 3
    return path


def test_the_bulletin_has_its_title_sections_fonts_issuer_and_date(bulletin: Path) -> None:
    document = Document(str(bulletin))
    title = document.paragraphs[0]
    assert re.sub(r"\s", "", title.text) == "关于《某某区2021年政务公开工作要点任务分工》截至2021年7月底落实情况的通报"
    assert _east_asian_font(title) in ("方正小标宋简体", "黑体")
    assert _styled(document, "公文一级标题") == ["一、总体情况", "二、各单位推进情况", "三、存在问题", "四、下一步工作"]
    body = [p for p in document.paragraphs if p.style.name == "公文正文" and p.text]
    assert {_east_asian_font(p) for p in body} <= {"仿宋_GB2312", "仿宋"}
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == "各牵头单位："
    assert OFFICE in texts and "2021年8月10日" in texts
    assert NEXT_STEPS in texts  # left for the clerk, highlighted
    assert document.sections[0].page_width.mm == pytest.approx(210, abs=0.1)
    assert document.core_properties.author == OFFICE


def test_the_bulletin_states_the_figures_counted_by_hand(bulletin: Path) -> None:
    text = "\n".join(p.text for p in Document(str(bulletin)).paragraphs)
    assert "共列工作任务8项" in text and "已完成3项，完成率37.5%" in text and "逾期未完成1项" in text
    assert "应报送进展的任务7项，已报送5项，报送率71.4%" in text
    assert "按时报送（7月25日前）4项，按时报送率57.1%；未报送2项" in text
    assert f"区政府办公室（1项）：第{LABELS[0]}项" in text  # overdue, by unit
    assert f"区数据局（1项）：第{LABELS[5]}项" in text and f"{NO_LEAD_UNIT}（1项）：第{LABELS[4]}项" in text
    assert "另有1项任务未明确牵头单位" in text


def test_the_ranking_table_rows_are_the_figures_counted_by_hand(bulletin: Path) -> None:
    sections, ranking = Document(str(bulletin)).tables
    rows = [[cell.text for cell in row.cells] for row in ranking.rows]
    assert rows[0][:2] == ["排名", "牵头单位"] and len(rows) == 1 + len(RANKING)
    expected = {
        "区司法局": ["1", "1", "100%", "1", "1", "100%", "0"],
        "区政府办公室": ["2", "1", "50.0%", "1", "1", "100%", "1"],
        "区数据局": ["3", "1", "33.3%", "3", "2", "66.7%", "0"],
        "区发改局": ["1", "0", "0%", "1", "0", "0%", "0"],
    }
    assert [tuple(row[:2]) for row in rows[1:]] == RANKING
    assert {row[1]: row[2:] for row in rows[1:]} == expected
    assert [[cell.text for cell in row.cells] for row in sections.rows][1:] == [
        ["一、推进决策公开", "5", "2", "40.0%", "1", "1"],
        ["二、加强平台建设", "3", "1", "33.3%", "0", "1"],
    ]


def test_the_charts_are_pictures_in_the_bulletin(bulletin: Path) -> None:
    document = Document(str(bulletin))
    assert len(document.inline_shapes) == 3
    images = [part for part in document.part.package.parts if part.partname.startswith("/word/media/")]
    assert len(images) == 3 and all(part.blob[:8] == b"\x89PNG\r\n\x1a\n" for part in images)
    captions = [text for text in _styled(document, "公文图表题") if text.startswith("图")]
    assert [c.split("\u3000")[0] for c in captions] == ["图1", "图2", "图3"]
    widths = [shape.width.mm for shape in document.inline_shapes]
    assert all(0 < width <= 156 for width in widths)


def _to_pdf(source: Path, tmp_path: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("soffice (LibreOffice, libreoffice-writer-nogui) is not installed")
    out = tmp_path / "pdf"
    subprocess.run(  # a profile of its own: other conversions may run at the same time
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{source.stem}.pdf"


def test_libreoffice_opens_the_bulletin_and_prints_its_text(bulletin: Path, tmp_path: Path) -> None:
    pdf = _to_pdf(bulletin, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s", "", text)
    headings = ("一、总体情况", "二、各单位推进情况", "三、存在问题", "四、下一步工作")
    for part in (
        "截至2021年7月底落实情况的通报",
        *headings,
        "区司法局",
        "图1",
        "表2",
        OFFICE,
        "2021年8月10日印发",
        "—1—",
    ):
        assert part in flat, part
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) - 2 == 3  # the charts, as pictures
    # the date under the issuer on one line, in the stand-in font's wider digits too
    assert re.search(r"^\s+2021 ?年 ?8 ?月 ?10 ?日\s*$", text, re.MULTILINE), text[-600:]


def test_cancelled_writes_nothing(small: Database, tmp_path: Path) -> None:
    from db.cancel import Cancelled, CancelToken

    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        write_bulletin(figures_of(small), tmp_path / "x.docx", cancel=token)
    assert list(tmp_path.glob("*.docx")) == [] and not list(tmp_path.glob(".*partial"))


def test_without_an_office_name_the_issuer_is_marked_for_the_clerk(levels_db: Database, tmp_path: Path) -> None:
    write_bulletin(figures_of(levels_db), tmp_path / "b.docx")
    texts = [p.text for p in Document(str(tmp_path / "b.docx")).paragraphs]
    assert "【发文机关】" in texts


# -- the command -----------------------------------------------------------------------


@pytest.fixture
def small_file(small: Database) -> Iterator[Path]:
    small.close()
    shutil.rmtree(small.path.parent / "backups", ignore_errors=True)
    yield small.path


def test_report_bulletin_writes_the_docx(small_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "bulletin.docx"
    before = file_digest(small_file)
    result = run_main("--db", small_file, "report", "bulletin", "--month", MONTH, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "通报" in result.stdout and "4 个牵头单位排名" in result.stdout
    document = Document(str(out))
    assert "截至2021年7月底" in document.paragraphs[0].text and len(document.tables) == 2
    assert file_digest(small_file) == before


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("-o", "{tmp}/b.pdf"), ("b.pdf", ".docx")),
        (("--month", "2021-13", "-o", "{tmp}/b.docx"), ("--month", "2021-13")),
        (("--unit", "区数据局", "-o", "{tmp}/b.docx"), ("--unit",)),
        (("-o", "{tmp}/no/such/folder/b.docx"), ("b.docx",)),
    ],
)
def test_report_bulletin_refuses_bad_input_in_one_line(
    small_file: Path, tmp_path: Path, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    before = file_digest(small_file)
    result = run_main("--db", small_file, "report", "bulletin", *(a.format(tmp=tmp_path) for a in args))
    refused(result, *fragments)
    assert file_digest(small_file) == before and not list(tmp_path.rglob("b.*"))


def test_the_bundled_plan_bulletin(plan_db: Database, tmp_path: Path) -> None:
    """66 tasks, 23 lead units: the ranking table has a row for each, the charts all three."""
    with plan_db.session() as session:
        plan = session.scalar(select(Task.plan_id))
        figures = month_figures(session, plan, "2016-06", date(2016, 7, 5))
    info = write_bulletin(figures, tmp_path / "b.docx")
    ranking = Document(str(tmp_path / "b.docx")).tables[1]
    assert len(ranking.rows) == 1 + info.units == 1 + len([u for u in figures.by_unit if u.name != NO_LEAD_UNIT])
    assert info.charts == 3
