"""Unit lists in the window are in pinyin order (desktop/collation.py), kind
by kind: the unit view, the registry, the unit filter and the lead units the
reports offer; not in character-code order, which the core keeps."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCollator, QLocale, QModelIndex

from db.queries.ledger import units
from db.schema.database import Database
from desktop.controller import Controller
from desktop.labels import kind_label
from desktop.ledger import Ledger
from desktop.registry_dialog import RegistryDialog
from tests.test_main_window import window  # noqa: F401  (the fixture)

CITY = kind_label("department")


def pinyin(names: list[str]) -> list[str]:
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return sorted(names, key=collator.sortKey)


def groups(model: QAbstractItemModel) -> dict[str, list[str]]:
    """The first-level rows (kinds, without a count) → the names of the rows under them."""
    found = {}
    for row in range(model.rowCount()):
        group = model.index(row, 0, QModelIndex())
        found[str(group.data()).split(" (")[0]] = [
            str(model.index(r, 0, group).data()) for r in range(model.rowCount(group))
        ]
    return found


def test_units_are_in_pinyin_order(qtbot, plan_db: Database, window: Controller) -> None:  # noqa: F811
    with plan_db.session() as session:
        registry = units(session)
    city = [info.name for info in registry if info.kind == "department"]
    assert pinyin(city) != city  # the core's code-point order differs: the test tells them apart
    window.tabs.setCurrentIndex(1)  # the unit view
    qtbot.waitUntil(lambda: window.unit_view.units_view.model().rowCount() > 0)
    shown = groups(window.unit_view.units_view.model())
    assert shown[CITY] == pinyin(city)

    dialog = RegistryDialog(Ledger(plan_db))
    qtbot.addWidget(dialog)
    dialog.open()
    listed = groups(dialog.proxy)
    assert listed[CITY] == pinyin(city)

    combo = [window.filters.unit.itemText(i) for i in range(1, window.filters.unit.count())]
    assert combo == pinyin(combo) and set(combo) == {info.name for info in registry}

    leads = [name for _id, name in window._report_choices()[3]]
    assert leads == [name for name in pinyin(city) if name in leads] + [n for n in leads if n not in city]
