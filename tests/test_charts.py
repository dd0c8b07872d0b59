"""The charts (documents/charts): vectors in a PDF laid out as the sheet is,
PNG and PDF files of their own, every label inside its drawing, long and
many names, and the trend across a year's end."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate
from sqlalchemy import select

from db.errors import InputError
from db.months import Month
from db.queries.figures import Counts, MonthFigures, MonthPoint, Ranked, month_figures
from db.schema.database import Database
from db.schema.models import Task
from documents.charts import png_bytes, save_chart, section_chart, trend_chart, unit_chart
from documents.charts.month import CHART_ROWS, chart_units, month_charts
from documents.charts.trend import month_labels
from documents.pdf import fonts
from documents.pdf.fonts import choose_fonts
from tests.test_bulletin import TEST_FONTS


@pytest.fixture(autouse=True)
def test_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv(fonts.ENV_DIRS, str(TEST_FONTS))
    monkeypatch.setenv(fonts.ENV_SYSTEM, "0")
    monkeypatch.setattr(fonts, "cache_dir", lambda: tmp_path_factory.getbasetemp() / "font-cache")


@pytest.fixture
def june(plan_db: Database) -> MonthFigures:
    with plan_db.session() as session:
        return month_figures(session, session.scalar(select(Task.plan_id)), "2016-06", date(2016, 7, 5))


def strings(node: Group | Drawing) -> list[String]:
    found = []
    for item in node.contents:
        if isinstance(item, String):
            found.append(item)
        elif isinstance(item, Group):
            found += strings(item)
    return found


def assert_inside(drawing: Drawing) -> None:
    """No label runs over the drawing's edges (clipped in a picture)."""
    for text in strings(drawing):
        width = stringWidth(text.text, text.fontName, text.fontSize)
        left = {"start": text.x, "middle": text.x - width / 2, "end": text.x - width}[text.textAnchor]
        assert left >= -0.01 and left + width <= drawing.width + 0.01, (text.text, left, width, drawing.width)
        assert text.y >= 0 and text.y + text.fontSize <= drawing.height + 0.01, (text.text, text.y)


def test_the_charts_are_vectors_in_a_pdf_laid_out_as_the_sheet(june: MonthFigures, tmp_path: Path) -> None:
    """What the sheet engineer calls: each chart a Flowable, drawn as vectors."""
    chosen = choose_fonts()
    path = tmp_path / "sheet-charts.pdf"
    document = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=36, rightMargin=36)
    frame_height = document.height - 12  # the frame's padding
    charts = month_charts(june, chosen, document.width - 12, max_height=frame_height)
    assert [chart.key for chart in charts] == ["trend", "sections", "units"]
    assert max(chart.drawing.height for chart in charts) == pytest.approx(frame_height)  # the units, scaled down
    document.build([chart.drawing for chart in charts])
    assert len(PdfReader(path).pages) == 3
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2  # the header only: no picture
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for part in ("各月任务完成率与进展报送率", "各部分任务完成情况", "市环保局", "一、围绕深化改革推进公开", "6月"):
        assert part in text, part
    font_list = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in font_list and " yes " in font_list  # embedded


def test_every_label_is_inside_its_drawing(june: MonthFigures) -> None:
    for width in (300.0, 370.0, 520.0, 770.0):
        for chart in month_charts(june, width=width):
            assert chart.drawing.width == width
            assert_inside(chart.drawing)


def test_long_names_are_cut_with_an_ellipsis_and_many_units_capped() -> None:
    long = "厦门市人民政府办公厅政务公开办公室信息公开科与政府网站管理中心"
    units = [Counts(f"{long}{i}" if i % 5 == 0 else f"市第{i}局", 4, i % 4, 0, 4, i % 3, i % 2) for i in range(40)]
    drawing = unit_chart(units[:10], choose_fonts(), 370.0)
    labels = [s.text for s in strings(drawing)]
    assert any(label.endswith("…") and label.startswith("厦门市人民政府") for label in labels)
    assert_inside(drawing)
    ranking = tuple(Ranked(i + 1, unit) for i, unit in enumerate(units))
    shown, note = chart_units(ranking)
    assert len(shown) == CHART_ROWS and shown[0] is units[0] and shown[-1] is units[-1]
    assert note == f"（排名前{CHART_ROWS // 2}位和后{CHART_ROWS // 2}位）"


def test_no_rows_and_no_rates_draw_without_error() -> None:
    empty = section_chart([], None, 300.0)
    assert "无数据" in [s.text for s in strings(empty)]
    nothing_owed = unit_chart([Counts("市甲局", 2, 2, 0, 0, 0, 0)], None, 300.0)
    assert "—" in [s.text for s in strings(nothing_owed)]  # no on-time rate when nothing was owed
    assert_inside(nothing_owed)


def test_the_trend_names_the_year_where_it_crosses_one() -> None:
    months = [Month("2016-11"), Month("2016-12"), Month("2017-01"), Month("2017-02")]
    points = [MonthPoint(m, Counts("", 10, i, 0, 10, 5, 4)) for i, m in enumerate(months)]
    assert month_labels(points) == ["2016年11月", "12月", "2017年1月", "2月"]
    drawing = trend_chart(points, None, 370.0, 170.0)
    assert_inside(drawing)
    assert month_labels(points[2:]) == ["1月", "2月"]


def test_png_has_the_size_and_resolution_asked_for(june: MonthFigures) -> None:
    drawing = month_charts(june, width=370.0)[1].drawing
    png = png_bytes(drawing, dpi=150)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png))
    assert image.size == (round(370 * 150 / 72), round(drawing.height * 150 / 72))
    assert image.info["dpi"] == pytest.approx((150, 150), abs=0.1)
    assert image.getpixel((0, 0)) == (255, 255, 255)


def test_save_chart_writes_png_or_pdf_and_refuses_another_suffix(june: MonthFigures, tmp_path: Path) -> None:
    drawing = month_charts(june)[0].drawing
    assert save_chart(drawing, tmp_path / "a.PNG").read_bytes()[:4] == b"\x89PNG"
    assert PdfReader(save_chart(drawing, tmp_path / "a.pdf", "趋势")).metadata.title == "趋势"
    with pytest.raises(InputError, match=r"a\.svg.*\.png"):
        save_chart(drawing, tmp_path / "a.svg")
    assert not (tmp_path / "a.svg").exists()
