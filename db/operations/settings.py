"""The office settings as an operation: one key checked and stored
(db.settings.set_setting), undoable like any other change."""

from __future__ import annotations

from db.operations.runner import Operation
from db.settings import set_setting

SET_SETTING = Operation(set_setting, "修改设置")
