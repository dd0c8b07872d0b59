"""This PC's preferences, kept in QSettings for the user of the computer: each
declared here once, with its type, default and label (db.options has the
kinds, and the office's settings, kept in the ledger).

`load(option)` gives the value, or the default when there is none or what
QSettings holds is not one (the registry or an .ini edited by hand); `save`
stores it. The labels are English source strings, translated where the
settings dialog shows them; what a window leaves behind (its size and place,
its splitters, the tab and the task last shown) is remembered, not set by a
person, and has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings

from db.options import Option, Text, Whole

T = TypeVar("T")


@dataclass(frozen=True)
class Layout(Option[QByteArray]):
    """The state a window or splitter saves of itself (saveGeometry, saveState);
    restoring the default, empty one does nothing."""

    default: QByteArray = field(default_factory=QByteArray)
    label: str = ""

    def parse(self, value: object) -> QByteArray:
        if not isinstance(value, QByteArray):
            raise ValueError(f"not a saved layout: {value!r}")
        return value


@dataclass(frozen=True)
class Choice(Option[str]):
    """One of a few codes."""

    choices: tuple[str, ...]

    def parse(self, value: object) -> str:
        if value not in self.choices:
            raise ValueError(f"{value!r} is none of {self.choices}")
        return str(value)


def load(option: Option[T]) -> T:
    value: Any = QSettings().value(option.key)
    if value is None:
        return option.default
    try:
        return option.parse(value)
    except ValueError:
        return option.default


def save(option: Option[T], value: T) -> None:
    QSettings().setValue(option.key, value)


# What happens to unsaved edits on leaving a form (desktop/unsaved.py).
SAVE, ASK = "save", "ask"
WHEN_LEAVING = Choice(
    "forms/whenLeaving", SAVE, str(QT_TRANSLATE_NOOP("Preferences", "&Unsaved edits, on leaving a form")), (SAVE, ASK)
)
# The name the history records for this PC's user; asked once (desktop/controller.py).
OPERATOR = Text(
    "operator", "", str(QT_TRANSLATE_NOOP("Preferences", "Your name, recorded with every change you make:"))
)

MAIN_WINDOW = Layout("mainWindow/geometry")
MAIN_WINDOW_STATE = Layout("mainWindow/state")
PLAN_SPLITTER = Layout("mainWindow/planSplitter")
MAIN_VIEW = Whole("mainWindow/view", 0, "", 0, 99)  # the tab: plan or units
DETAILS_TAB = Whole("mainWindow/details", 0, "", 0, 99)  # the task, progress or history pane
LAST_TASK = Whole("mainWindow/lastTask", 0, "", 0, 2**63 - 1)  # its id; 0: none
UNIT_SPLITTER = Layout("unitView/splitter")
REPORT_DIALOG = Layout("reportDialog/geometry")
HISTORY_DIALOG = Layout("historyDialog/geometry")
NOTICE_REGISTER_DIALOG = Layout("noticeRegister/geometry")
REGISTRY_DIALOG = Layout("RegistryDialog/geometry")
IMPORT_DIALOG = Layout("ImportPlanDialog/geometry")
IMPORT_SPLITTERS = {name: Layout(f"ImportPlanDialog/{name}") for name in ("previewSplitter", "sideSplitter")}
# The ledger file last opened or created through 文件 → 打开台账 / 新建台账, and
# its folder, where those dialogs start (desktop/ledger_files.py); "": none.
LAST_LEDGER = Text("ledgers/last", "", "")
LEDGER_FOLDER = Text("ledgers/folder", "", "")
# The folder a document was last saved to or read from, where the next file dialog starts (desktop/saving.py); "": none.
LAST_FOLDER = Text("files/lastFolder", "", "")
