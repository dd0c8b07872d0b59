"""Which ledger file the window opens, and where its ledger dialogs start:
remembered on this PC (QSettings), never in a ledger.

At the start: the file given with `--db`; else the last ledger opened or
created through 文件 → 打开台账 / 新建台账 (while it is still there); else the
user's default ledger. No database code here: the window needs the path
before SQLAlchemy is loaded (desktop/app.py).
"""

from __future__ import annotations

from pathlib import Path

from db.paths import default_db_path
from desktop.preferences import LAST_LEDGER, LEDGER_FOLDER, load, save


def start_path(given: Path | None) -> Path:
    """The ledger the window opens at its start (`given`: --db)."""
    if given is not None:
        return given
    last = load(LAST_LEDGER)
    if last and Path(last).is_file():
        return Path(last)
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def remember_ledger(path: Path) -> None:
    """The window has switched to the ledger at `path`: the next start opens it."""
    save(LAST_LEDGER, str(path))
    save(LEDGER_FOLDER, str(path.parent))


def ledger_folder() -> Path:
    """Where the dialogs to open or create a ledger start: the folder of the
    last ledger chosen, else the user's data folder (where the default ledger is)."""
    last = load(LEDGER_FOLDER)
    if last and Path(last).is_dir():
        return Path(last)
    folder = default_db_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    return folder
