"""Office-wide settings, kept in the `settings` table as key/value text.

They are shared by every PC that opens the database (a PC's own preferences
live in QSettings). A key without a row has its default value, so a new
database needs no rows and a later release can add keys without a migration.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import EditError
from db.schema.models import Setting

DEFAULTS: dict[str, str] = {
    "near_days": "30",
    "behind_fraction": "0.5",
    "report_day": "25",
    "office_name": "",
    "backups_kept": "30",
    "plan_layouts": "{}",  # db.plans.choices: the column roles chosen per layout of plan table
    # db.plans.registry: the office whose sample registry (resources/units.json) the
    # database holds, set when it is seeded; empty: the registry is the office's own.
    "sample_registry_office": "",
}


def _whole_number(what: str, low: int, high: int) -> Callable[[str], str]:
    """A check for a whole number between `low` and `high`, named `what` in its messages."""

    def check(value: str) -> str:
        try:
            number = int(value.strip())
        except ValueError:
            raise EditError(f"{what}应为 {low} 到 {high} 之间的整数，不是“{value}”") from None
        if not low <= number <= high:
            raise EditError(f"{what}应在 {low} 到 {high} 之间，不是 {number}")
        return str(number)

    return check


def _behind_fraction(value: str) -> str:
    try:
        fraction = float(value.strip())
    except ValueError:
        raise EditError(f"序时进度预警比例应为 0 到 1 之间的小数，不是“{value}”") from None
    if math.isnan(fraction) or not 0.0 <= fraction <= 1.0:
        raise EditError(f"序时进度预警比例应在 0 到 1 之间，不是 {value.strip()}")
    return str(fraction)


def _office_name(value: str) -> str:
    return value.strip()


def _json_object(value: str) -> str:
    try:
        parsed = json.loads(value)
    except ValueError:
        raise EditError("应为 JSON 对象") from None
    if not isinstance(parsed, dict):
        raise EditError("应为 JSON 对象")
    return value


# Each check returns the value as it is stored, or raises EditError (a ValueError) for the user.
_CHECKS: dict[str, Callable[[str], str]] = {
    "near_days": _whole_number("临近期限天数", 0, 365),
    "behind_fraction": _behind_fraction,
    "report_day": _whole_number("每月报送日", 1, 31),
    "office_name": _office_name,
    "backups_kept": _whole_number("保留的备份份数", 1, 1000),
    "plan_layouts": _json_object,
    "sample_registry_office": _office_name,
}
assert set(_CHECKS) == set(DEFAULTS)


def get_setting(session: Session, key: str) -> str:
    """The stored value of `key`, or its default; KeyError for an unknown key."""
    if key not in DEFAULTS:
        raise KeyError(key)
    row = session.get(Setting, key)
    return DEFAULTS[key] if row is None else row.value


def set_setting(session: Session, key: str, value: str) -> None:
    """Check and store one setting.

    Rows change through the ORM (never a bulk UPDATE) so that db.operations.changes can
    record the change for undo.
    """
    if key not in DEFAULTS:
        raise KeyError(key)
    stored = _CHECKS[key](str(value))
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=stored))
    elif row.value != stored:
        row.value = stored
    session.flush()


# The settings the warning lights depend on (a view repaints its lights when one changes).
WARNING_KEYS = ("near_days", "behind_fraction", "report_day")


@dataclass(frozen=True)
class WarningSettings:
    """The thresholds of the warning lights (see db.queries.status)."""

    near_days: int = 30
    behind_fraction: float = 0.5
    # A month's report is owed from this day of the month on; before it, a
    # missing report is not yet a warning (else every task turns yellow on the 1st).
    report_day: int = 25


def warning_settings(session: Session) -> WarningSettings:
    """The thresholds in force, in one query.

    A stored value that does not pass the checks (edited outside the program)
    falls back to the default instead of breaking every view.
    """
    stored = dict(session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(WARNING_KEYS))).all())
    values: dict[str, str] = {}
    for key in WARNING_KEYS:
        try:
            values[key] = _CHECKS[key](stored.get(key, DEFAULTS[key]))
        except ValueError:
            values[key] = DEFAULTS[key]
    return WarningSettings(
        near_days=int(values["near_days"]),
        behind_fraction=float(values["behind_fraction"]),
        report_day=int(values["report_day"]),
    )
