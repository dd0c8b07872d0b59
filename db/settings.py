"""Office-wide settings, kept in the `settings` table as key/value text.

They are declared in db.options (OFFICE: key, type, default, label) and
shared by every PC that opens the database (a PC's own preferences live in
QSettings: desktop/preferences.py). A key without a row has its default
value, so a new database needs no rows and a later release can add keys
without a migration.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.options import BEHIND_FRACTION, NEAR_DAYS, OFFICE, REPORT_DAY, Option
from db.schema.models import Setting

T = TypeVar("T")

# The stored text of every office setting's default.
DEFAULTS: dict[str, str] = {key: option.text(option.default) for key, option in OFFICE.items()}


def get_setting(session: Session, key: str) -> str:
    """The stored value of `key`, or its default; KeyError for an unknown key."""
    if key not in OFFICE:
        raise KeyError(key)
    row = session.get(Setting, key)
    return DEFAULTS[key] if row is None else row.value


def set_setting(session: Session, key: str, value: str) -> None:
    """Check and store one setting.

    Rows change through the ORM (never a bulk UPDATE) so that db.operations.changes can
    record the change for undo.
    """
    option = OFFICE[key]
    stored = option.text(option.parse(str(value)))
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=stored))
    elif row.value != stored:
        row.value = stored
    session.flush()


def read_settings(session: Session, options: Iterable[Option[Any]]) -> dict[str, Any]:
    """The values of `options` (key -> value), in one query. A stored value
    that does not pass its option's check (edited outside the program) counts
    as the default instead of breaking every view."""
    options = list(options)
    keys = [option.key for option in options]
    stored = dict(session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys))).all())
    values: dict[str, Any] = {}
    for option in options:
        try:
            values[option.key] = option.parse(stored.get(option.key, DEFAULTS[option.key]))
        except ValueError:
            values[option.key] = option.parse(DEFAULTS[option.key])
    return values


def read_setting(session: Session, option: Option[T]) -> T:
    """The value of one office setting (see read_settings)."""
    value: T = read_settings(session, [option])[option.key]
    return value


def write_setting(session: Session, option: Option[T], value: T) -> None:
    """Store one office setting's value (set_setting: checked, through the ORM)."""
    set_setting(session, option.key, option.text(value))


# The settings the warning lights depend on (a view repaints its lights when one changes).
WARNING_OPTIONS = (NEAR_DAYS, BEHIND_FRACTION, REPORT_DAY)
WARNING_KEYS = frozenset(option.key for option in WARNING_OPTIONS)


@dataclass(frozen=True)
class WarningSettings:
    """The thresholds of the warning lights (see db.queries.status and db.options)."""

    near_days: int = NEAR_DAYS.default
    behind_fraction: float = BEHIND_FRACTION.default
    report_day: int = REPORT_DAY.default


def warning_settings(session: Session) -> WarningSettings:
    """The thresholds in force, in one query."""
    values = read_settings(session, WARNING_OPTIONS)
    return WarningSettings(values[NEAR_DAYS.key], values[BEHIND_FRACTION.key], values[REPORT_DAY.key])
