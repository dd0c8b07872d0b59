"""The main window's frame: the menus, the plan tree beside the task's panes,
the unit view, the month and filter bar, the status line, and the layout a
person left them in. It loads no database code, so that it can show the
cached first view of the plan at once, laid out as it stays (the menu bar is
there from the first paint: the tree does not move when the rest arrives);
`attach` brings in the controller that does the work."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.plan_model import PlanTreeModel, TreeData
from desktop.preferences import (
    DETAILS_TAB,
    LAST_TASK,
    MAIN_VIEW,
    MAIN_WINDOW,
    MAIN_WINDOW_STATE,
    PLAN_SPLITTER,
    load,
    save,
)

if TYPE_CHECKING:
    from db.schema.database import Database
    from desktop.controller import Controller


def _page() -> QScrollArea:
    page = QScrollArea()
    page.setWidgetResizable(True)
    return page


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Supervision ledger"))
        self.model: PlanTreeModel | None = None
        self.controller: Controller | None = None
        self._first_view_day: date | None = None  # the day of the cached first view's lights and months
        bar = self.menuBar()  # the menus the controller fills
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.report_menu = bar.addMenu(self.tr("&Reports"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.help_menu = bar.addMenu(self.tr("&Help"))

        self.tree = QTreeView()
        self.tree.setObjectName("planTree")
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # the forms edit, not the tree
        self.tree.setMinimumWidth(360)
        self.task_page = _page()
        self.progress_page = _page()
        self.details = QTabWidget()
        self.details.setObjectName("details")
        self.details.addTab(self.task_page, self.tr("Task"))
        self.details.addTab(self.progress_page, self.tr("Monthly progress"))
        self.history_page = QWidget()
        self.history_layout = QVBoxLayout(self.history_page)  # the controller puts the task's history in it
        self.history_layout.setContentsMargins(4, 4, 4, 4)
        self.details.addTab(self.history_page, self.tr("Changes"))
        self.plan_splitter = QSplitter()
        self.plan_splitter.setObjectName("planSplitter")
        self.plan_splitter.addWidget(self.tree)
        self.plan_splitter.addWidget(self.details)
        self.plan_splitter.setStretchFactor(0, 3)
        self.plan_splitter.setStretchFactor(1, 2)
        self.unit_page = QWidget()
        self.unit_layout = QVBoxLayout(self.unit_page)  # the controller puts the unit view in it
        self.unit_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("views")
        self.tabs.addTab(self.plan_splitter, self.tr("&Plan"))
        self.tabs.addTab(self.unit_page, self.tr("U&nits"))
        self.setCentralWidget(self.tabs)

        self.month = QComboBox()
        self.month.setObjectName("month")
        self.month.setToolTip(self.tr("The month the statuses, lights and reports are shown for"))
        self.filter_slot = QWidget()
        QHBoxLayout(self.filter_slot).setContentsMargins(0, 0, 0, 0)
        toolbar = QToolBar(self.tr("Filters"))
        toolbar.setObjectName("filters")
        toolbar.setMovable(False)
        month_label = QLabel(self.tr("Month"))
        month_label.setContentsMargins(4, 0, 4, 0)
        toolbar.addWidget(month_label)
        toolbar.addWidget(self.month)
        toolbar.addSeparator()
        toolbar.addWidget(self.filter_slot)
        self.addToolBar(toolbar)
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self._restore_layout()

    def set_model(self, model: PlanTreeModel) -> None:
        self.model = model
        self.tree.setModel(model)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(1, 110)
        header.resizeSection(2, 150)

    def show_first_view(self, data: TreeData, today: date, day: date | None = None) -> None:
        """The cached tree (of `day`, default today), expanded, with the last
        task selected, as the controller will show it: what the person sees
        while the rest loads."""
        self._first_view_day = day or today
        model = PlanTreeModel(None, today, self, data=data)
        self.set_model(model)
        self.tree.expandAll()
        index = model.index_of_task(load(LAST_TASK))
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index, QTreeView.ScrollHint.PositionAtCenter)
            self.tree.setFocus()

    def attach(self, database: Database, today: date | None = None) -> Controller:
        """Bring in the controller: forms, views, menus, over the open database.
        A first view of an earlier day gives way to the tree read for today."""
        from desktop.controller import Controller

        today = today or date.today()
        if self.model is not None and self._first_view_day not in (None, today):
            self.model.deleteLater()
            self.model = None  # the controller reads the tree from the database
        self.controller = Controller(self, database, today)
        return self.controller

    def _restore_layout(self) -> None:
        if not self.restoreGeometry(load(MAIN_WINDOW)):
            self.resize(1280, 800)
        self.restoreState(load(MAIN_WINDOW_STATE))
        self.plan_splitter.restoreState(load(PLAN_SPLITTER))
        self.tabs.setCurrentIndex(load(MAIN_VIEW))
        self.details.setCurrentIndex(load(DETAILS_TAB))

    def save_layout(self) -> None:
        save(MAIN_WINDOW, self.saveGeometry())
        save(MAIN_WINDOW_STATE, self.saveState())
        save(PLAN_SPLITTER, self.plan_splitter.saveState())
        save(MAIN_VIEW, self.tabs.currentIndex())
        save(DETAILS_TAB, self.details.currentIndex())
        if self.controller is not None:
            self.controller.save_layout()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self.controller is not None and not self.controller.may_close():  # unsaved edits: saved or asked first
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)
