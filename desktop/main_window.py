"""The main window. For now it shows which plans the ledger holds; the plan tree,
unit view and forms come with the desktop issue."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMainWindow
from sqlalchemy import func, select

from db.database import Database
from db.models import Plan, Task


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.setWindowTitle(tr("督办台账") + f" — {database.path.name}")
        self.resize(1000, 700)
        summary = QLabel(self._summary())
        summary.setMargin(24)
        summary.setWordWrap(True)
        self.setCentralWidget(summary)
        self.statusBar().showMessage(str(database.path))

    def _summary(self) -> str:
        with self.database.session() as session:
            rows = session.execute(
                select(Plan.title, Plan.year, func.count(Task.id))
                .outerjoin(Task, Task.plan_id == Plan.id)
                .group_by(Plan.id)
                .order_by(Plan.year)
            ).all()
        if not rows:
            return tr("数据库中还没有工作计划。")
        return "\n".join(f"{title}（{year} 年）：{count} 项任务" for title, year, count in rows)
