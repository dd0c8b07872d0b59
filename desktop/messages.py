"""Messages to the user in plain words: errors and questions, as window-modal
boxes that do not block the event loop (so tests can find and answer them)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget, text: str, details: str = "") -> QMessageBox:
    """An error box on `parent`; `text` says what went wrong and what was kept."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Messages", "Ledger"), text, parent=parent)
    box.setObjectName("errorBox")
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(parent: QWidget, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """A yes/no question; `on_yes` runs when the user agrees."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("Messages", "Ledger"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("questionBox")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(_result: int) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            on_yes()

    box.finished.connect(answered)
    box.open()
    return box
