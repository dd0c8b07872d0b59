"""Where the bundled files are: beside the source, or inside the PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

RESOURCES = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent)) / "resources"
BUNDLED_PLAN = RESOURCES / "plans" / "xiamen-2016-task-division.txt"
UNIT_REGISTRY = RESOURCES / "units.json"
