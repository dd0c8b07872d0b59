"""Editing the unit registry through its dialog: each change one undoable
operation, refused ones explained with nothing written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import func, select

from db.queries.unit_tasks import find_unit
from db.schema.database import Database
from db.schema.models import Assignment, CollectiveMember, Unit, UnitAlias
from desktop.ledger import Ledger
from desktop.registry_dialog import NewUnitDialog, RegistryDialog, UnitPickerDialog
from tests.conftest import dump


@pytest.fixture
def ledger(plan_db: Database) -> Ledger:
    return Ledger(plan_db)


@pytest.fixture
def dialog(qtbot, ledger: Ledger) -> RegistryDialog:
    dialog = RegistryDialog(ledger)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def unit_id(database: Database, name: str) -> int:
    with database.session() as session:
        return find_unit(session, name).id


def aliases(database: Database, name: str) -> set[str]:
    with database.session() as session:
        return set(session.scalars(select(UnitAlias.alias).join(Unit).where(Unit.name == name)))


def error_box(qtbot, parent) -> QMessageBox:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "errorBox") is not None)
    return parent.findChild(QMessageBox, "errorBox")


def test_rename_then_undo(qtbot, dialog: RegistryDialog, plan_db: Database, ledger: Ledger) -> None:
    dialog.select_unit(unit_id(plan_db, "市环保局"))
    assert dialog.name_edit.text() == "市环保局"
    dialog.name_edit.setText("市生态环境局")
    dialog.rename_button.click()

    assert unit_id(plan_db, "市生态环境局") == unit_id(plan_db, "市环保局")
    assert "市环保局" in aliases(plan_db, "市生态环境局")
    assert ledger.undo_stack.undoText() == "Rename unit 市环保局"
    assert dialog.tree.currentIndex().data() == "市生态环境局"

    ledger.undo_stack.undo()
    assert dialog.name_edit.text() == "市环保局"
    assert dialog.tree.currentIndex().data() == "市环保局"
    assert "市环保局" not in aliases(plan_db, "市环保局")


def test_add_and_remove_alias(dialog: RegistryDialog, plan_db: Database) -> None:
    dialog.select_unit(unit_id(plan_db, "市编办"))
    dialog.alias_edit.setText("市委编办")
    dialog.add_alias_button.click()
    assert "市委编办" in aliases(plan_db, "市编办")
    assert "市委编办" in [dialog.alias_list.item(row).text() for row in range(dialog.alias_list.count())]

    dialog.alias_list.findItems("市委编办", Qt.MatchFlag.MatchExactly)[0].setSelected(True)
    dialog.remove_alias_button.click()
    assert "市委编办" not in aliases(plan_db, "市编办")


def test_filter_finds_by_alias(dialog: RegistryDialog) -> None:
    dialog.filter_edit.setText("市环境保护局")
    visible = []
    for row in range(dialog.proxy.rowCount()):
        group = dialog.proxy.index(row, 0)
        visible += [dialog.proxy.index(child, 0, group).data() for child in range(dialog.proxy.rowCount(group))]
    assert visible == ["市环保局"]


def test_set_members(qtbot, dialog: RegistryDialog, plan_db: Database, ledger: Ledger) -> None:
    collective = unit_id(plan_db, "各行业主管部门")
    dialog.select_unit(collective)
    assert dialog.member_list.isVisibleTo(dialog)
    for name in ("市环保局", "市教育局"):
        dialog.member_list.findItems(name, Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)
    wanted = {unit_id(plan_db, "市环保局"), unit_id(plan_db, "市教育局")}

    def members() -> set[int]:
        with plan_db.session() as session:
            return set(
                session.scalars(select(CollectiveMember.member_id).where(CollectiveMember.collective_id == collective))
            )

    qtbot.waitUntil(lambda: members() == wanted)
    checked = {
        item.text()
        for item in map(dialog.member_list.item, range(dialog.member_list.count()))
        if item.checkState() == Qt.CheckState.Checked
    }
    assert checked == {"市环保局", "市教育局"}
    assert ledger.undo_stack.undoText() == "Change the members of 各行业主管部门"

    dialog.select_unit(unit_id(plan_db, "市环保局"))
    assert not dialog.member_list.isVisibleTo(dialog)


def test_merge(qtbot, dialog: RegistryDialog, plan_db: Database, ledger: Ledger) -> None:
    source, target = unit_id(plan_db, "市地税局"), unit_id(plan_db, "市财政局")

    def tasks_of(unit: int) -> set[tuple[int, str]]:
        with plan_db.session() as session:
            return set(session.execute(select(Assignment.task_id, Assignment.role).where(Assignment.unit_id == unit)))

    expected = tasks_of(source) | tasks_of(target)
    assert tasks_of(source)

    dialog.select_unit(source)
    dialog.merge_button.click()
    picker = dialog.findChild(UnitPickerDialog)
    picker.filter_edit.setText("财政")
    shown = [picker.list.item(row) for row in range(picker.list.count()) if not picker.list.item(row).isHidden()]
    assert [item.text() for item in shown] == ["市财政局"]
    picker.list.setCurrentItem(shown[0])
    picker.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    question = dialog.findChild(QMessageBox, "questionBox")
    assert "市地税局" in question.text() and "市财政局" in question.text()
    question.button(QMessageBox.StandardButton.Yes).click()

    assert tasks_of(target) == expected
    with plan_db.session() as session:
        assert session.get(Unit, source) is None
    assert {"市地税局", "市地方税务局"} <= aliases(plan_db, "市财政局")
    assert dialog.name_edit.text() == "市财政局"

    ledger.undo_stack.undo()
    assert tasks_of(source)
    assert dialog.tree.currentIndex().data() == "市财政局"


def test_merge_answered_no_changes_nothing(qtbot, dialog: RegistryDialog, plan_db: Database) -> None:
    before = dump(plan_db.path)
    dialog.select_unit(unit_id(plan_db, "市地税局"))
    dialog.merge_button.click()
    picker = dialog.findChild(UnitPickerDialog)
    picker.list.setCurrentItem(picker.list.findItems("市财政局", Qt.MatchFlag.MatchExactly)[0])
    picker.accept()
    dialog.findChild(QMessageBox, "questionBox").button(QMessageBox.StandardButton.No).click()
    assert dump(plan_db.path) == before


def test_refused_rename_changes_nothing(qtbot, dialog: RegistryDialog, plan_db: Database, ledger: Ledger) -> None:
    before = dump(plan_db.path)
    dialog.select_unit(unit_id(plan_db, "市环保局"))
    dialog.name_edit.setText("市财政局")
    dialog.name_edit.returnPressed.emit()
    box = error_box(qtbot, dialog)
    assert "市财政局" in box.text()
    assert dialog.name_edit.text() == "市环保局"
    assert dump(plan_db.path) == before
    assert ledger.undo_stack.count() == 0


def test_new_unit_and_kind(qtbot, dialog: RegistryDialog, plan_db: Database, ledger: Ledger) -> None:
    dialog.new_button.click()
    new = dialog.findChild(NewUnitDialog)
    new.name_edit.setText("市财政局")  # taken: refused, the dialog stays open
    new.accept()
    error_box(qtbot, new).close()
    assert new.isVisible()
    new.name_edit.setText("市大数据局")
    new.kind_combo.setCurrentIndex(new.kind_combo.findData("other"))
    new.accept()
    assert dialog.name_edit.text() == "市大数据局"
    with plan_db.session() as session:
        assert session.scalar(select(Unit.kind).where(Unit.name == "市大数据局")) == "other"

    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("department"))
    dialog.kind_combo.activated.emit(dialog.kind_combo.currentIndex())
    with plan_db.session() as session:
        assert session.scalar(select(Unit.kind).where(Unit.name == "市大数据局")) == "department"
        assert session.scalar(select(func.count()).select_from(Unit).where(Unit.name == "市大数据局")) == 1
    assert ledger.undo_stack.count() == 2


def test_contact_and_telephone_saved_on_leaving_the_field_then_undone(
    dialog: RegistryDialog, plan_db: Database, ledger: Ledger
) -> None:
    """Whom the office calls at a unit, printed in the 催报 list."""

    def contact() -> tuple[str | None, str | None]:
        with plan_db.session() as session:
            unit = session.get_one(Unit, unit_id(plan_db, "市环保局"))
            return unit.contact, unit.phone

    dialog.select_unit(unit_id(plan_db, "市环保局"))
    assert (dialog.contact_edit.text(), dialog.phone_edit.text()) == ("", "")
    dialog.contact_edit.setText("  王  芳 ")
    dialog.contact_edit.editingFinished.emit()
    dialog.phone_edit.setText("0592-2345678")
    dialog.phone_edit.editingFinished.emit()
    assert contact() == ("王 芳", "0592-2345678")
    assert ledger.undo_stack.undoText() == "Change the contact of 市环保局"
    before = ledger.undo_stack.count()
    dialog.phone_edit.editingFinished.emit()  # nothing changed: nothing written
    assert ledger.undo_stack.count() == before

    dialog.select_unit(unit_id(plan_db, "市编办"))
    assert dialog.contact_edit.text() == ""
    dialog.select_unit(unit_id(plan_db, "市环保局"))
    assert dialog.phone_edit.text() == "0592-2345678"
    ledger.undo_stack.undo()
    assert contact() == ("王 芳", "")
    assert dialog.phone_edit.text() == ""
