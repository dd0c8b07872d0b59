"""Where the ledger lives by default. No database code here: the window needs
the path before SQLAlchemy is loaded (see desktop/app.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "DubanTaizhang"


def default_db_path() -> Path:
    """ledger.db in the user's data directory (created on first use)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME / "ledger.db"
