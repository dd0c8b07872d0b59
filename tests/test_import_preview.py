"""The import preview corrected by a person, through the real dialog on real
files: a column's role and a row's kind changed, the preview read again, the
import storing what the preview shows (after a backup), the column roles
remembered for the next file of the same layout, and a file with no year."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSpinBox,
    QStyleOptionViewItem,
    QWidget,
)
from sqlalchemy import select

from db.plans import COLUMN_ROLES, ROW_KINDS
from db.safety.backup import list_backups
from db.schema.database import Database
from db.schema.models import Assignment, Plan, Section, Task, Unit
from desktop.grid_model import CODE_ROLE, GUESSED_ROLE, KIND_COLOURS, KIND_COLUMN
from desktop.import_dialog import ImportPlanDialog
from desktop.labels import column_role_label, row_kind_label
from desktop.ledger import Ledger
from tests.conftest import ROOT, file_digest

PLANS = ROOT / "tests" / "data" / "plans"
HEADER = ["序号", "工作任务", "牵头单位", "承办单位"]  # 承办单位 is no name the reader knows
ROWS = [
    ["一、推进决策公开", "", "", ""],
    [1, "完善重大行政决策程序", "县司法局", "县直有关部门"],
    [2, "开展决策预公开", "县政府办", "各乡镇人民政府"],
    ["二、加强政策解读", "", "", ""],
    [3, "做好政策解读", "县政府办", "县发改局、县财政局"],
    [4, "回应社会关切", "县融媒体中心", "县直有关部门"],
]


def workbook(path: Path, title: str, header: list[str] = HEADER, rows: list[list[object]] = ROWS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=4)  # headings merged across
    sheet.merge_cells(start_row=6, start_column=1, end_row=6, end_column=4)
    book.save(path)
    return path


def open_preview(qtbot, database: Database, path: Path) -> ImportPlanDialog:
    dialog = ImportPlanDialog(Ledger(database), path)
    dialog.open()
    with qtbot.waitSignal(dialog.shown, timeout=10_000):
        pass
    return dialog


def choose(qtbot, dialog: ImportPlanDialog, menu: QMenu, code: str | None) -> None:
    """Pick an entry of a role or kind menu, and wait for the reading that follows."""
    action = next(action for action in menu.actions() if not action.isSeparator() and action.data() == code)
    with qtbot.waitSignal(dialog.shown, timeout=10_000):
        action.trigger()
    menu.close()


def header(dialog: ImportPlanDialog, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return dialog.grid_model.headerData(column + 1, Qt.Orientation.Horizontal, role)


def tree_rows(dialog: ImportPlanDialog, parent: QModelIndex = QModelIndex()) -> list[tuple[str, ...]]:
    """(text of each column) of every row of the plan preview, depth first."""
    model, rows = dialog.model, []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        rows.append(tuple(model.index(row, column, parent).data() for column in range(3)))
        rows.extend(tree_rows(dialog, index))
    return rows


def figure(dialog: ImportPlanDialog, name: str) -> str:
    return dialog.findChild(QLabel, name).text()


@pytest.fixture
def misread(tmp_path: Path) -> Path:
    return workbook(tmp_path / "某某县2022年政务公开重点任务分工.xlsx", "某某县2022年政务公开重点任务分工")


def test_a_misread_column_is_corrected_and_imported_as_shown(qtbot, empty_db: Database, misread: Path) -> None:
    dialog = open_preview(qtbot, empty_db, misread)
    assert [header(dialog, c, CODE_ROLE) for c in range(4)] == ["number", "title", "lead", "ignore"]
    assert header(dialog, 3, GUESSED_ROLE) is True
    assert header(dialog, 3) == "Not read (guessed)"
    assert ("1. 完善重大行政决策程序", "县司法局", "") in tree_rows(dialog)

    dialog.grid_view.setCurrentIndex(dialog.grid_model.index(3, 4))
    menu = dialog.role_menu(3)
    assert next(a for a in menu.actions() if a.isChecked()).data() == "ignore"
    choose(qtbot, dialog, menu, "responsible")
    assert header(dialog, 3) == "Responsible units" and header(dialog, 3, GUESSED_ROLE) is False
    assert ("1. 完善重大行政决策程序", "县司法局", "县直有关部门") in tree_rows(dialog)
    assert ("3. 做好政策解读", "县政府办", "县发改局、县财政局") in tree_rows(dialog)
    assert figure(dialog, "taskCount") == "4"
    assert dialog.import_button.isEnabled()

    before = len(list_backups(empty_db.path))
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert len(list_backups(empty_db.path)) == before + 1  # backed up first, as the command line does
    with empty_db.session() as session:
        responsible = session.scalars(
            select(Unit.name)
            .join(Assignment, Assignment.unit_id == Unit.id)
            .join(Task, Task.id == Assignment.task_id)
            .where(Task.number == 3, Assignment.role == "responsible")
            .order_by(Assignment.position)
        ).all()
    assert responsible == ["县发改局", "县财政局"]
    assert dialog.ledger.undo_stack.count() == 1
    dialog.ledger.undo_stack.undo()
    with empty_db.session() as session:
        assert session.scalar(select(Plan.id)) is None


def test_changing_a_rows_kind_reads_the_rows_below_anew(qtbot, empty_db: Database, misread: Path) -> None:
    dialog = open_preview(qtbot, empty_db, misread)
    kinds = [dialog.grid_model.index(row, KIND_COLUMN).data(CODE_ROLE) for row in range(8)]
    assert kinds == ["ignore", "header", "heading1", "task", "task", "heading1", "task", "task"]
    assert dialog.grid_model.index(2, 1).data(Qt.ItemDataRole.BackgroundRole).color().name() == KIND_COLOURS["heading1"]

    # 二、 as a subheading of 一、, through the Row column's combo box
    delegate = dialog.grid_view.itemDelegateForColumn(KIND_COLUMN)
    index = dialog.grid_model.index(5, KIND_COLUMN)
    editor = delegate.createEditor(dialog.grid_view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox) and editor.count() == len(ROW_KINDS)
    delegate.setEditorData(editor, index)
    assert editor.currentData() == "heading1"
    editor.setCurrentIndex(editor.findData("heading2"))
    with qtbot.waitSignal(dialog.shown, timeout=10_000):
        delegate.setModelData(editor, dialog.grid_model, index)
    assert dialog.grid_model.index(5, KIND_COLUMN).data() == "Heading, level 2"
    assert [row[0] for row in tree_rows(dialog)][:4] == [
        "一、推进决策公开",
        "1. 完善重大行政决策程序",
        "2. 开展决策预公开",
        "（二）加强政策解读",
    ]
    assert (figure(dialog, "sectionCount"), figure(dialog, "subsectionCount")) == ("1", "1")

    # the last task as a note, from the menu of the selected row
    dialog.grid_view.selectRow(7)
    choose(qtbot, dialog, dialog.kind_menu([7]), "note")
    assert figure(dialog, "taskCount") == "3"
    choose(qtbot, dialog, dialog.kind_menu([7]), None)  # back to the reader's own view of it
    assert figure(dialog, "taskCount") == "4"
    choose(qtbot, dialog, dialog.kind_menu([7]), "ignore")

    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    with empty_db.session() as session:
        assert session.execute(select(Section.level, Section.title).order_by(Section.level)).all() == [
            (1, "推进决策公开"),
            (2, "加强政策解读"),
        ]
        assert session.scalars(select(Task.title).order_by(Task.number)).all() == [
            "完善重大行政决策程序",
            "开展决策预公开",
            "做好政策解读",
        ]


def test_the_roles_chosen_open_the_next_file_of_the_same_layout(qtbot, empty_db: Database, tmp_path: Path) -> None:
    first = workbook(tmp_path / "2022.xlsx", "某某县2022年政务公开重点任务分工")
    dialog = open_preview(qtbot, empty_db, first)
    choose(qtbot, dialog, dialog.role_menu(3), "responsible")
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()

    rows = [[cell.replace("2022", "2023") if isinstance(cell, str) else cell for cell in row] for row in ROWS]
    second = workbook(tmp_path / "2023.xlsx", "某某县2023年政务公开重点任务分工", rows=rows)
    dialog = open_preview(qtbot, empty_db, second)
    assert header(dialog, 3, CODE_ROLE) == "responsible"
    assert "before" in dialog.status.text()
    assert ("4. 回应社会关切", "县融媒体中心", "县直有关部门") in tree_rows(dialog)
    dialog.reject()

    header_2 = ["序号", "工作任务", "牵头单位", "经办单位"]
    other = workbook(tmp_path / "other.xlsx", "某某县2023年政务公开重点任务分工", header=header_2)
    dialog = open_preview(qtbot, empty_db, other)
    assert header(dialog, 3, CODE_ROLE) == "ignore"  # another header: nothing remembered
    dialog.reject()


def test_a_file_with_no_year_asks_for_it(qtbot, empty_db: Database) -> None:
    path = PLANS / "晴川县市场监督管理局政务公开重点任务分解.csv"
    dialog = open_preview(qtbot, empty_db, path)
    assert dialog.year_spin.text() == "—" and dialog.year() is None
    assert dialog.findChild(QLabel, "yearHint").isVisible()
    assert dialog.focusWidget() is dialog.year_spin
    assert not dialog.import_button.isEnabled()
    assert int(figure(dialog, "taskCount")) > 0  # the preview is there all the same
    dialog.year_spin.setValue(2023)
    assert dialog.import_button.isEnabled() and not dialog.findChild(QLabel, "yearHint").isVisible()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    with empty_db.session() as session:
        assert session.execute(select(Plan.title, Plan.year)).one() == (path.stem, 2023)


def test_a_file_that_cannot_be_read_is_named_without_a_traceback(qtbot, empty_db: Database, tmp_path: Path) -> None:
    path = PLANS / "bad-old-word.doc"
    before = file_digest(empty_db.path)
    dialog = ImportPlanDialog(Ledger(empty_db), path)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
    box = dialog.findChild(QMessageBox, "errorBox")
    assert str(path) in box.text() and "Traceback" not in box.text() and not box.detailedText()
    with qtbot.waitSignal(dialog.finished):
        box.button(QMessageBox.StandardButton.Ok).click()
    assert file_digest(empty_db.path) == before


def test_keys_menus_and_layout(qtbot, empty_db: Database, misread: Path) -> None:
    dialog = open_preview(qtbot, empty_db, misread)
    shortcuts = {action.shortcut().toString() for action in dialog.actions()}
    assert {"Ctrl+R", "Ctrl+K"} <= shortcuts
    dialog.grid_view.setFocus()
    dialog.grid_view.setCurrentIndex(dialog.grid_model.index(4, 2))
    qtbot.keyClick(dialog.grid_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    menu = dialog.findChild(QMenu, "roleMenu")
    assert menu is not None and menu.isVisible()
    assert next(a for a in menu.actions() if a.isChecked()).data() == "title"  # the current column's role
    menu.close()
    qtbot.keyClick(dialog.grid_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    menu = dialog.findChild(QMenu, "kindMenu")
    assert menu is not None and menu.isVisible()
    menu.close()
    order = [
        dialog.title_edit,
        dialog.year_spin,
        dialog.grid_view,
        dialog.role_button,
        dialog.kind_button,
        dialog.tree,
        dialog.figures_area,
        dialog.import_button,
    ]
    assert [next_by_tab(widget) for widget in order[:-1]] == order[1:]

    dialog.resize(760, 540)  # within the offscreen screen, which a restored geometry is fitted into
    dialog.splitter.setSizes([500, 240])
    sizes, size = dialog.splitter.sizes(), dialog.size()
    dialog.reject()
    assert QSettings().value("ImportPlanDialog/previewSplitter") is not None
    again = open_preview(qtbot, empty_db, misread)
    assert again.size() == size and again.splitter.sizes() == sizes
    again.reject()


def next_by_tab(widget: QWidget) -> QWidget:
    """The widget Tab moves to from `widget`: the next in the focus chain that
    takes focus by Tab and is not part of `widget` (a spin box's line edit)."""
    candidate = widget.nextInFocusChain()
    while (
        not candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
        or widget.isAncestorOf(candidate)
        or not candidate.isVisible()
        or (isinstance(candidate, QLineEdit) and isinstance(candidate.parent(), QSpinBox))
    ):
        candidate = candidate.nextInFocusChain()
    return candidate


def test_every_role_and_kind_has_a_label() -> None:
    assert all(column_role_label(role) for role in COLUMN_ROLES)
    assert all(row_kind_label(kind) for kind in ROW_KINDS)
