"""报表 → 督办单: the month's notices, for all lead units or one, at the level
of their lights or one chosen, dated and with a date to reply by; built as a
draft (numbered and registered nowhere) or issued (numbered, registered, one
undoable step), then shown, printed and saved as the sheet is
(desktop/report_dialog.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.cancel import CancelToken
from db.operations.runner import ReadOnlyDatabaseError, refuse_read_only
from db.options import REPLY_DAYS
from db.queries.notices import AUTO, NoticeTask
from db.schema.database import Database
from db.settings import read_setting
from db.vocabulary import NOTICE_LEVEL_LIGHTS, NOTICE_LEVELS
from desktop.labels import light_icon, month_label, notice_level_label
from desktop.ledger import Ledger
from desktop.messages import show_error
from desktop.report_dialog import NOTICES, ReportDialog
from desktop.workers import run_busy


def draft_job(
    database: Database,
    plan_id: int,
    month: str,
    unit_id: int | None,
    level: str,
    on: date,
    reply_by: date,
    path: Path,
    *,
    cancel: CancelToken,
    progress: Any,
) -> tuple[None, Any, Any]:
    """The worker's job for a draft: the notices written, nothing registered (no Qt)."""
    from db.errors import EditError
    from db.queries.notices import notice_data
    from documents.pdf.notices import write_notices

    with database.session() as session:
        batch = notice_data(session, plan_id, month, unit_id=unit_id, level=level, on=on, reply_by=reply_by)
    if not batch.notices:
        raise EditError(batch.reason)
    cancel.check()
    return None, batch, write_notices(batch.notices, path, progress=progress, cancel=cancel)


def issue_job(
    database: Database,
    operator: str,
    action: str,
    plan_id: int,
    month: str,
    unit_id: int | None,
    level: str,
    on: date,
    reply_by: date,
    path: Path,
    *,
    again: bool,
    cancel: CancelToken,
    progress: Any,
) -> tuple[Any, Any, Any]:
    """The worker's job for an issue: the notices registered and written in
    one transaction (db.operations.notices), the Done for the undo stack."""
    from db.operations.notices import ISSUE_NOTICES
    from db.operations.runner import perform
    from db.safety.storage import replacing
    from documents.pdf.notices import write_notices

    infos: list[Any] = []
    with replacing(path, "督办单未写入，也未登记") as partial:
        done = perform(
            database,
            ISSUE_NOTICES(
                plan_id,
                month,
                unit_id=unit_id,
                level=level,
                on=on,
                reply_by=reply_by,
                again=again,
                by=operator,
                printed=lambda issued: infos.append(
                    write_notices(issued.notices, partial, progress=progress, cancel=cancel)
                ),
            ),
            action=action,
            operator=operator,
            cancel=cancel.check,
        )
    return done, done.value, infos[0]


def _enable(buttons: tuple[QPushButton, ...]) -> None:
    for button in buttons:
        button.setEnabled(True)


class NoticeDialog(ReportDialog):
    """The supervision notices: a draft to look at, or the notices issued."""

    def __init__(
        self,
        ledger: Ledger,
        plan_id: int,
        months: list[str],
        month: str,
        lead_units: list[tuple[int, str]],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ledger, NOTICES, plan_id, months, month, lead_units, parent)
        self.setObjectName("noticeDialog")
        self.today = today
        with ledger.session() as session:
            self.reply_days = read_setting(session, REPLY_DAYS)
        self.level = QComboBox()
        self.level.addItem(self.tr("By warning light"), AUTO)
        for level in NOTICE_LEVELS:
            self.level.addItem(light_icon(NOTICE_LEVEL_LIGHTS[level]), notice_level_label(level), level)
        self.level.setToolTip(
            self.tr(
                "By warning light: each unit at the level of its worst light (blue: reminder, yellow: notice, "
                "red: red notice); units without a light get none. A level chosen: the notices of that level, "
                "or, for the unit chosen, its notice at that level."
            )
        )
        self.issued_on = self._date_edit(today)
        self.reply_by = self._date_edit(today + timedelta(days=self.reply_days))
        self._reply_chosen = False
        self.again = QCheckBox(self.tr("&Again to units that have one this month"))
        self.issue_button = QPushButton(self.tr("&Issue and register"))
        self.register_button = QPushButton(self.tr("Re&gister…"))
        self.build_button.setText(self.tr("&Draft"))
        self.build_button.setToolTip(self.tr("A draft: not numbered, not registered"))
        self.outcome = QLabel()
        self.outcome.setObjectName("noticeOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()

        row = QHBoxLayout()
        for widget in (
            QLabel(self.tr("Level")),
            self.level,
            QLabel(self.tr("Dated")),
            self.issued_on,
            QLabel(self.tr("Reply by")),
            self.reply_by,
            self.again,
        ):
            row.addWidget(widget)
        row.addStretch()
        row.addWidget(self.issue_button)
        row.addWidget(self.register_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)
        layout.insertWidget(2, self.outcome)

        self.issued_on.dateChanged.connect(self._dated)
        self.reply_by.dateChanged.connect(self._reply_changed)
        self.issue_button.clicked.connect(self.issue)
        self.register_button.clicked.connect(self.open_register)

    @staticmethod
    def _date_edit(day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _dated(self, day: QDate) -> None:
        """The reply date follows the date of issue, until it is chosen."""
        if not self._reply_chosen:
            self.reply_by.blockSignals(True)
            self.reply_by.setDate(day.addDays(self.reply_days))
            self.reply_by.blockSignals(False)

    def _reply_changed(self) -> None:
        self._reply_chosen = True

    def _choice(self) -> tuple[Any, ...]:
        return (
            self.plan_id,
            self.month.currentData(),
            self.unit.currentData(),
            self.level.currentData(),
            self.issued_on.date().toPython(),
            self.reply_by.date().toPython(),
        )

    def build(self) -> None:
        """A draft of the notices, in a worker."""
        self._start(self.tr("Building the draft…"), draft_job, self.ledger.database, *self._choice(), self.path)

    def issue(self) -> None:
        """The notices numbered, registered and written, in a worker; one undoable step."""
        try:
            refuse_read_only(self.ledger.database)
        except ReadOnlyDatabaseError as exc:
            show_error(self, str(exc))
            return
        action = self.tr("Issue the notices of %1").replace("%1", month_label(self.month.currentData()))
        self._start(
            self.tr("Issuing the notices…"),
            issue_job,
            self.ledger.database,
            self.ledger.operator,
            action,
            *self._choice(),
            self.path,
            again=self.again.isChecked(),
        )

    def _start(self, text: str, job: Any, *args: Any, **kwargs: Any) -> None:
        self.document.close()
        self.warning.hide()
        self.outcome.hide()
        buttons = (self.build_button, self.issue_button)
        for button in buttons:
            button.setEnabled(False)
        self.worker = run_busy(self, text, job, *args, cancellable=True, with_progress=True, **kwargs)
        self.worker.finished.connect(self._made)
        self.worker.failed.connect(self._failed)
        self.worker.ended.connect(lambda: _enable(buttons))

    def _made(self, result: tuple[Any, Any, Any]) -> None:
        done, outcome, info = result
        if done is not None:
            self.ledger.push(done)
            lines = [
                self.tr("Issued and registered %1 notices: %2.")
                .replace("%1", str(len(outcome.notices)))
                .replace("%2", outcome.numbers)
            ]
            if outcome.skipped:
                names = "、".join(f"{item.unit_name}（{item.number}）" for item in outcome.skipped)
                lines.append(
                    self.tr(
                        "Not issued again (they have a notice of this month at this level or higher; tick “Again” to send another): %1"
                    ).replace("%1", names)
                )
        else:
            lines = [
                self.tr("Draft of %1 notices: not numbered, not registered.").replace("%1", str(len(outcome.notices)))
            ]
        lines += self._unaddressed(outcome.unaddressed)
        self.outcome.setText("\n".join(lines))
        self.outcome.show()
        self._built(info)

    def _unaddressed(self, tasks: tuple[NoticeTask, ...]) -> list[str]:
        if not tasks:
            return []
        text = self.tr("%1 tasks name no lead unit and cannot be sent a notice; give them a lead unit first: No. %2")
        return [text.replace("%1", str(len(tasks))).replace("%2", "、".join(task.label for task in tasks))]

    def open_register(self) -> None:
        from desktop.notice_register import NoticeRegisterDialog

        NoticeRegisterDialog(self.ledger, self.today, self).open()
