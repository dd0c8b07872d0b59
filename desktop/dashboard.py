"""The dashboard pane: the figures of the plan and month the window shows, and
the charts of the bulletin (documents.charts.month) — the trend, completion
by section, the lead units ranked — each of which can be saved as PNG or PDF.

The figures are gathered and the charts drawn on a worker (db.queries.figures
reads one query per month of the trend); the window turns each chart's PDF
into a picture with QtPdf. The pane loads when it is shown, and again when
the ledger, the plan or the month changes while it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter, QPixmap, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from db.errors import Refusal
from db.queries.figures import MonthFigures, month_figures
from db.schema.database import Database
from desktop.ledger import Ledger
from desktop.messages import show_error
from desktop.saving import ask_save_path, tell_saved
from desktop.workers import Worker, show_failure

if TYPE_CHECKING:  # ReportLab is imported when the pane first loads, not with the window
    from desktop.controller import Controller
    from documents.charts.month import Chart

CHART_WIDTH = 520.0  # points: the drawing, shown at the screen's 96 dpi (693 pixels)
SCREEN_SCALE = 96 / 72
SHORTCUT = "Ctrl+6"

Where = Callable[[], tuple[int | None, str]]  # the plan and month the window shows


@dataclass(frozen=True)
class Drawn:
    """What the worker hands back: the figures and each chart with its PDF."""

    figures: MonthFigures
    charts: tuple[tuple[Chart, bytes], ...]


def draw_month(database: Database, plan_id: int, month: str, today: date) -> Drawn:
    """The job: the figures of the month and their charts (no Qt)."""
    from documents.charts import pdf_bytes
    from documents.charts.month import month_charts

    with database.session() as session:
        figures = month_figures(session, plan_id, month, today)
    charts = month_charts(figures, width=CHART_WIDTH)
    return Drawn(figures, tuple((chart, pdf_bytes(chart.drawing, chart.title)) for chart in charts))


def picture(pdf: bytes, scale: float) -> QImage:
    """The first page of `pdf` at `scale` pixels a point, on white (QPdfDocument
    renders onto a transparent image)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    size = document.pagePointSize(0)
    pixels = QSize(round(size.width() * scale), round(size.height() * scale))
    rendered = document.render(0, pixels)
    image = QImage(pixels, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    document.close()
    return image


class ChartPane(QWidget):
    """One chart as a picture, with a button that saves it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart-{key}")
        self.chart: Chart | None = None
        self.file_stem = key
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.save_button = QPushButton(self.tr("Save chart…"))
        self.save_button.setToolTip(self.tr("Save this chart as a PNG picture or a PDF file"))
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.picture)
        layout.addLayout(buttons)

    def show_chart(self, chart: Chart, pdf: bytes, file_stem: str) -> None:
        self.chart, self.file_stem = chart, file_stem
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap.fromImage(picture(pdf, SCREEN_SCALE * ratio))
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)
        self.picture.setAccessibleName(chart.title)
        self.setVisible(True)

    def save(self) -> None:
        if self.chart is None:
            return
        png, pdf = self.tr("PNG picture (*.png)"), self.tr("PDF (*.pdf)")
        path, chosen = ask_save_path(self, self.tr("Save chart"), self.file_stem, ".png", f"{png};;{pdf}")
        if path is None:
            return
        if path.suffix.lower() not in (".png", ".pdf"):
            path = path.with_suffix(".pdf" if chosen == pdf else ".png")
        if self.save_to(path) is not None:
            tell_saved(self, path)

    def save_to(self, path: Path) -> Path | None:
        """Write the chart to `path` (.png or .pdf); a refusal is shown."""
        from documents.charts import save_chart

        assert self.chart is not None
        try:
            return save_chart(self.chart.drawing, path, self.chart.title)
        except Refusal as exc:  # a full disk, a bad name: said in the core's words
            show_error(self, str(exc))
        except OSError as exc:
            text = self.tr("The chart could not be saved: %1")
            show_error(self, text.replace("%1", f"{path}: {exc.strerror or exc}"))
        return None


class Dashboard(QScrollArea):
    """The pane: a line of figures above the charts."""

    def __init__(self, ledger: Ledger, where: Where, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setWidgetResizable(True)
        self.ledger, self.where, self.today = ledger, where, today
        self.summary = QLabel()
        self.summary.setObjectName("dashboardSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panes = {key: ChartPane(key) for key in ("trend", "sections", "units")}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        for pane in self.panes.values():
            pane.setVisible(False)
            layout.addWidget(pane)
        layout.addStretch()
        self.setWidget(body)
        self.figures: MonthFigures | None = None
        self._stale = True
        self._shown: tuple[int | None, str] | None = None  # the plan and month loaded last
        self._worker: Worker | None = None

    def refresh(self) -> None:
        """The ledger changed: load again, now if shown."""
        self._stale = True
        if self.isVisible():
            self._load()

    def follow(self) -> None:
        """The window's plan or month may have changed: load again if it did."""
        if self.where() != self._shown:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._load()

    def _load(self) -> None:
        if self._worker is not None:  # one at a time; the stale mark brings the next
            return
        self._stale = False
        plan_id, month = self._shown = self.where()
        if plan_id is None or not month:
            self.summary.setText(self.tr("No plan in this ledger yet."))
            for pane in self.panes.values():
                pane.setVisible(False)
            return
        self.summary.setText(self.tr("Counting…"))
        worker = Worker(draw_month, self.ledger.database, plan_id, month, self.today)
        worker.finished.connect(self._show)
        worker.failed.connect(lambda exc: show_failure(self, exc, self.ledger.database.path))
        worker.ended.connect(self._ended)
        self._worker = worker
        worker.start()

    def _ended(self) -> None:
        self._worker = None
        if self._stale and self.isVisible():
            self._load()

    def loading(self) -> bool:
        return self._worker is not None

    def _show(self, drawn: Drawn) -> None:
        from documents.charts.style import percent

        figures = self.figures = drawn.figures
        overall = figures.overall
        self.summary.setText(
            self.tr("%1, %2: %3 tasks, %4 completed (%5), %6 overdue; reports this month %7 of %8, on time %9.")
            .replace("%1", figures.plan_title)
            .replace("%2", figures.month.label)
            .replace("%3", str(overall.total))
            .replace("%4", str(overall.completed))
            .replace("%5", percent(overall.completion_rate))
            .replace("%6", str(overall.overdue))
            .replace("%7", str(overall.reported))
            .replace("%8", str(overall.owed))
            .replace("%9", percent(overall.on_time_rate))
        )
        shown = set()
        for chart, pdf in drawn.charts:
            self.panes[chart.key].show_chart(chart, pdf, f"{chart.title}-{figures.month.label}-{figures.plan_title}")
            shown.add(chart.key)
        for key, pane in self.panes.items():
            pane.setVisible(key in shown)


def attach_dashboard(controller: Controller) -> Dashboard:
    """Put the dashboard into the main window as a view of its own, following
    the plan and month the window shows."""

    def where() -> tuple[int | None, str]:
        plan_id = controller.current_plan_id()
        return plan_id, controller.model.months.get(plan_id, "") if plan_id is not None else ""

    dashboard = Dashboard(controller.ledger, where, controller.today)
    controller.tabs.addTab(dashboard, QCoreApplication.translate("Dashboard", "&Dashboard"))
    show = QAction(controller.window)
    show.setShortcut(QKeySequence(SHORTCUT))  # beside Ctrl+1 and Ctrl+2, the other views
    show.triggered.connect(lambda: controller.tabs.setCurrentWidget(dashboard))
    controller.window.addAction(show)
    controller.ledger.touched.connect(lambda _touched: dashboard.refresh())

    def follow_later(*_: object) -> None:  # once the controller has taken the change in (its slots run after this)
        QTimer.singleShot(0, dashboard, dashboard.follow)

    controller.month.currentIndexChanged.connect(follow_later)
    controller.tree.selectionModel().currentChanged.connect(follow_later)
    return dashboard
