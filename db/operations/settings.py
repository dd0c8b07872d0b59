"""The office settings as an operation: one setting checked and stored
(db.settings.write_setting, typed by its db.options.Option), undoable like
any other change."""

from __future__ import annotations

from db.operations.runner import Operation
from db.settings import write_setting

WRITE_SETTING = Operation(write_setting, "修改设置")
