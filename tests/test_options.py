"""Every setting declared once with its type, default and label: the office's
(db.options, kept in the ledger) and this PC's (desktop/preferences.py, kept
in QSettings), read and written through their declarations only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QSettings

from db.options import BEHIND_FRACTION, NEAR_DAYS, OFFICE, OFFICE_NAME, PLAN_LAYOUTS, REPORT_DAY, Option
from db.schema.database import Database
from db.settings import DEFAULTS, get_setting, read_setting, read_settings, set_setting, write_setting
from desktop import preferences
from desktop.preferences import LAST_TASK, MAIN_WINDOW, OPERATOR, WHEN_LEAVING, load, save
from tests.conftest import ROOT


def declared(module: Any) -> list[Option[Any]]:
    """The options a module declares, alone or in a dict."""
    values = list(vars(module).values())
    values += [item for value in values if isinstance(value, dict) for item in value.values()]
    return [value for value in values if isinstance(value, Option)]


@pytest.mark.parametrize("option", OFFICE.values(), ids=lambda option: option.key)
def test_every_office_default_is_a_value_of_its_own_kind(option: Option[Any]) -> None:
    assert option.parse(option.text(option.default)) == option.default  # stored as text in the ledger


@pytest.mark.parametrize("option", declared(preferences), ids=lambda option: option.key)
def test_every_preference_default_is_a_value_of_its_own_kind(option: Option[Any]) -> None:
    assert option.parse(option.default) == option.default  # kept as itself by QSettings


def test_keys_are_declared_once() -> None:
    keys = [option.key for option in declared(preferences)]
    assert len(keys) == len(set(keys))
    assert DEFAULTS == {
        "near_days": "30",
        "behind_fraction": "0.5",
        "report_day": "25",
        "office_name": "",
        "backups_kept": "30",
        "plan_layouts": "{}",
        "sample_registry_office": "",  # the stored texts, as before the registry
        "notice_prefix": "督办",
        "office_contact": "",
        "office_phone": "",
        "notice_signer": "",
        "reply_days": "10",
    }  # the notices' (issue 11)


def test_a_refused_value_is_named_by_its_label() -> None:
    with pytest.raises(ValueError, match=r"^临近期限天数应在 0 到 365 之间，不是 366$"):
        NEAR_DAYS.parse("366")
    with pytest.raises(ValueError, match=r"^每月报送日应为 1 到 31 之间的整数，不是“月底”$"):
        REPORT_DAY.parse("月底")
    with pytest.raises(ValueError, match=r"^序时进度预警比例应在 0 到 1 之间，不是 nan$"):
        BEHIND_FRACTION.parse("nan")
    with pytest.raises(ValueError, match=r"^记住的计划表列设置应为 JSON 对象$"):
        PLAN_LAYOUTS.parse("[1, 2]")


def test_office_settings_read_and_written_by_their_declarations(empty_db: Database) -> None:
    with empty_db.transaction() as session:
        assert read_settings(session, (NEAR_DAYS, OFFICE_NAME)) == {"near_days": 30, "office_name": ""}
        write_setting(session, NEAR_DAYS, 45)
        write_setting(session, PLAN_LAYOUTS, {"abc": {"columns": {"0": "标题"}}})
        layouts = read_setting(session, PLAN_LAYOUTS)
        layouts.clear()  # a value read is the caller's: the default and the stored text stay as they were
        assert read_setting(session, PLAN_LAYOUTS) == {"abc": {"columns": {"0": "标题"}}}
        with pytest.raises(ValueError, match="临近期限天数"):
            write_setting(session, NEAR_DAYS, 400)
    with empty_db.session() as session:
        assert get_setting(session, "near_days") == "45" and read_setting(session, NEAR_DAYS) == 45
        assert get_setting(session, "plan_layouts") == '{"abc": {"columns": {"0": "标题"}}}'
    with empty_db.transaction() as session:
        set_setting(session, "plan_layouts", "{}")
        assert read_setting(session, PLAN_LAYOUTS) == {} and PLAN_LAYOUTS.default == {}


def test_preferences_fall_back_to_their_defaults(qapp: Any) -> None:
    assert (load(LAST_TASK), load(OPERATOR), load(WHEN_LEAVING)) == (0, "", "save") and load(MAIN_WINDOW).isEmpty()
    settings = QSettings()
    settings.setValue(LAST_TASK.key, "12")  # what an .ini file gives back
    settings.setValue(OPERATOR.key, " 张三 ")
    settings.setValue(WHEN_LEAVING.key, "sometimes")  # edited by hand
    assert (load(LAST_TASK), load(OPERATOR), load(WHEN_LEAVING)) == (12, "张三", "save")
    settings.setValue(LAST_TASK.key, "第十二项")
    assert load(LAST_TASK) == 0
    save(MAIN_WINDOW, QByteArray(b"\x01\xd9\xd0\xcb"))
    save(LAST_TASK, 7)
    assert (load(MAIN_WINDOW).data(), load(LAST_TASK)) == (b"\x01\xd9\xd0\xcb", 7)


def test_settings_are_read_only_through_their_declarations() -> None:
    """No QSettings key is written as a string anywhere else in the window."""
    for path in sorted((ROOT / "desktop").glob("*.py")):
        if path.name != "preferences.py":
            assert not re.search(r"QSettings\(\)", path.read_text(encoding="utf-8")), path.name


def test_the_dialog_takes_its_ranges_from_the_declarations(qtbot: Any, empty_db: Database) -> None:
    from desktop.ledger import Ledger
    from desktop.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Ledger(empty_db))
    qtbot.addWidget(dialog)
    assert (dialog.near_days.minimum(), dialog.near_days.maximum()) == (NEAR_DAYS.low, NEAR_DAYS.high)
    assert (dialog.report_day.minimum(), dialog.report_day.maximum()) == (REPORT_DAY.low, REPORT_DAY.high)
    assert (dialog.near_days.value(), dialog.behind.value(), dialog.report_day.value()) == (30, 50, 25)
