"""Where the documents a clerk saves go, and what the window says of it.

Every file dialog of the documents (sheets, notices, the 催报 list, the
ledger workbook, the fill-in sheets, charts, JSON; plans and returned sheets
read) starts in the folder chosen last (this PC's preference LAST_FOLDER),
with a default name safe on Windows (db.safety.storage.safe_file_name); and
a document saved says where it went, with a button that opens its folder:
in the main window's status bar, or at the foot of the dialog it was saved
from. The ledger files themselves have their own folder (desktop/ledger_files.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

from db.safety.storage import safe_file_name
from desktop.preferences import LAST_FOLDER, load, save


def start_in(name: str = "") -> str:
    """`name` in the folder chosen last (or `name` alone: the dialog's own default folder)."""
    folder = load(LAST_FOLDER)
    if not folder or not Path(folder).is_dir():
        return name
    return str(Path(folder) / name)


def remember(path: Path) -> None:
    """The folder of `path` (or `path`, a folder) is where the next dialog starts."""
    save(LAST_FOLDER, str(path if path.is_dir() else path.parent))


def ask_save_path(
    parent: QWidget, caption: str, stem: str, suffix: str, filters: str, fallback: str = "文件"
) -> tuple[Path | None, str]:
    """Ask where to save `stem` + `suffix` (made safe on Windows); the path
    chosen (None: cancelled) and the filter chosen."""
    chosen, kind = QFileDialog.getSaveFileName(
        parent, caption, start_in(safe_file_name(stem, suffix, fallback)), filters
    )
    if not chosen:
        return None, kind
    path = Path(chosen)
    remember(path)
    return path, kind


def ask_open_paths(parent: QWidget, caption: str, filters: str) -> list[Path]:
    chosen, _ = QFileDialog.getOpenFileNames(parent, caption, start_in(), filters)
    paths = [Path(p) for p in chosen]
    if paths:
        remember(paths[0])
    return paths


def ask_open_path(parent: QWidget, caption: str, filters: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, caption, start_in(), filters)
    if not chosen:
        return None
    remember(Path(chosen))
    return Path(chosen)


def ask_folder(parent: QWidget, caption: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, caption, start_in())
    if not chosen:
        return None
    remember(Path(chosen))
    return Path(chosen)


class SavedNotice(QWidget):
    """“Saved to …” and a button that opens the folder it went to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedNotice")
        self.folder = Path()
        self.text = QLabel(wordWrap=True)
        self.text.setObjectName("savedWhere")
        self.open_button = QPushButton(QCoreApplication.translate("Saving", "Open folder"))
        self.open_button.setObjectName("openFolder")
        self.open_button.clicked.connect(self.open_folder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)

    def show_saved(self, path: Path, text: str) -> None:
        self.folder = path if path.is_dir() else path.parent
        self.text.setText(text)
        self.text.setToolTip(str(path))
        self.show()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))


def tell_saved(widget: QWidget, path: Path, text: str | None = None) -> SavedNotice:
    """Say that `path` (a file, or a folder of files) was written: `text`, or
    “Saved to <path>”, with the button to open the folder; in the status bar
    of the main window `widget` is in, or at the foot of its dialog. One notice
    a window, replaced by the next."""
    window = widget.window()
    text = text or QCoreApplication.translate("Saving", "Saved to %1").replace("%1", str(path))
    if isinstance(window, QMainWindow):
        bar = window.statusBar()
        notice = bar.findChild(SavedNotice)
        if notice is None:
            notice = SavedNotice()
            bar.addWidget(notice, 1)
        bar.clearMessage()
    else:
        notice = window.findChild(SavedNotice)
        if notice is None:
            notice = SavedNotice(window)
            layout = window.layout()
            if layout is not None:
                layout.addWidget(notice)
    notice.show_saved(path, text)
    return notice
