"""The main window driven as a person would, offscreen, on a real database."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QInputDialog, QMessageBox, QPushButton, QToolButton, QWidget
from sqlalchemy import select

from db.queries.task_detail import task_detail
from db.queries.unit_tasks import find_unit
from db.schema.database import Database
from db.schema.models import ProgressEntry, Task
from desktop.app import open_ledger
from desktop.controller import Controller
from desktop.labels import status_label
from desktop.main_window import MainWindow
from desktop.plan_model import query_tree_data
from desktop.tree_model import ID_ROLE, KIND_ROLE
from desktop.view_cache import read_view_cache, write_view_cache

TODAY = date(2016, 6, 28)


def open_window(qtbot, database: Database) -> Controller:
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main.attach(database, TODAY)


@pytest.fixture
def window(qtbot, plan_db: Database) -> Controller:
    """The main window's controller (its widgets are reachable through it)."""
    return open_window(qtbot, plan_db)


def task_id(database: Database, number: int) -> int:
    with database.session() as session:
        return session.scalar(select(Task.id).where(Task.number == number))


def shown_tasks(window: Controller) -> list[str]:
    """The task rows the tree shows, in order."""
    rows = []

    def walk(parent: QModelIndex) -> None:
        for row in range(window.model.rowCount(parent)):
            index = window.model.index(row, 0, parent)
            if index.data(KIND_ROLE) == "task":
                rows.append(index.data())
            walk(index)

    walk(QModelIndex())
    return rows


def test_first_start_shows_the_bundled_plan(qtbot, tmp_path: Path) -> None:
    database = open_ledger(tmp_path / "ledger.db")
    main = open_window(qtbot, database)
    plan = main.model.index(0, 0)
    assert plan.data() == "厦门市2016年政务公开工作主要任务责任分工"
    assert main.model.rowCount(plan) == 6
    assert len(shown_tasks(main)) == 66
    assert main.model.index(0, 1, plan).data(Qt.ItemDataRole.DisplayRole)  # 已完成 0/10
    main.window.close()
    database.close()


def test_the_models_pass_the_model_tester(qtmodeltester, window: Controller) -> None:
    qtmodeltester.check(window.model)
    window.open_task(task_id(window.ledger.database, 32))
    qtmodeltester.check(window.progress_form.history)
    window.unit_view.select_unit(find_unit(window.ledger.session(), "市环保局").id)
    qtmodeltester.check(window.unit_view.units_model)
    qtmodeltester.check(window.unit_view.tasks_model)


def test_edit_a_task_in_the_form_then_undo_and_redo(window: Controller) -> None:
    database = window.ledger.database
    number_1 = task_id(database, 1)
    window.open_task(number_1)
    form = window.task_form
    form.title.setText("全面公开权力清单（修订）")
    form.title.returnPressed.emit()  # Enter

    def title() -> str:
        with database.session() as session:
            return session.get_one(Task, number_1).title

    assert title() == "全面公开权力清单（修订）"
    assert window.model.index_of_task(number_1).data() == "1. 全面公开权力清单（修订）"
    assert window.ledger.undo_stack.undoText().endswith("1")  # the menu names what will be undone
    window.ledger.undo_stack.undo()
    assert title() == "全面公开市级政府工作部门权力清单和责任清单"
    assert form.title.text() == "全面公开市级政府工作部门权力清单和责任清单"
    window.ledger.undo_stack.redo()
    assert title() == "全面公开权力清单（修订）"


def test_edit_units_and_confirm_carried_down_values(window: Controller) -> None:
    database = window.ledger.database
    window.open_task(task_id(database, 4))  # no lead unit: the cell is empty after a heading
    editor = window.task_form.editors["lead"]
    editor.name.setText("市市场监督管理局")
    editor.add_button.click()
    with database.session() as session:
        assert [u.name for u in task_detail(session, task_id(database, 4)).lead] == ["市市场监督管理局"]
    window.open_task(task_id(database, 2))
    responsible = window.task_form.editors["responsible"]
    assert responsible.confirm_button.isVisibleTo(window.task_form)
    responsible.confirm_button.click()
    assert all(unit.confirmed for unit in window.task_form.detail.responsible)
    assert not responsible.confirm_button.isVisibleTo(window.task_form)


def test_record_a_month_of_progress(window: Controller) -> None:
    database = window.ledger.database
    number_32 = task_id(database, 32)
    window.open_task(number_32)
    form = window.progress_form
    assert form.current_month() == "2016-06"
    assert form.history.index(0, 1).data() == form.history.tr("Not reported")

    def shown() -> tuple[str, list[int]]:
        """Task 32's status in the tree, and the counts of its heading (completed, all)."""
        row = window.model.index_of_task(number_32)
        counts = row.parent().siblingAtColumn(1).data()
        return row.siblingAtColumn(1).data(), [int(n) for n in re.findall(r"\d+", counts)]

    status, (done, total) = shown()
    assert status == status_label("not_started") and done == 0 < total
    form.status.setCurrentIndex(form.status.findData("completed"))
    form.done.setPlainText("已在门户网站开设空气质量专栏。")
    form.evidence.setPlainText("http://www.xm.gov.cn/zwgk/kqzl.htm")
    url = "http://www.xm.gov.cn/zwgk/kqzl.htm"
    assert form.links.text() == f'<a href="{url}">{url}</a>'  # the evidence, as a link to open
    form.save_button.click()
    with database.session() as session:
        entry = session.scalars(select(ProgressEntry).where(ProgressEntry.task_id == number_32)).one()
        assert (entry.month, entry.status, entry.done, entry.evidence) == (
            "2016-06",
            "completed",
            "已在门户网站开设空气质量专栏。",
            url,
        )
        lead = find_unit(session, "市环保局")
        assert lead is not None and entry.reporting_unit_id == lead.id
    assert shown() == (status_label("completed"), [1, total])
    assert window.model.state(number_32).status == "completed"

    def history() -> list[str]:
        """The month's row of the task's progress history, as the form shows it."""
        return [form.history.index(0, column).data() for column in range(4)]

    assert history() == ["2016-06", status_label("completed"), lead.name, "已在门户网站开设空气质量专栏。"]
    window.ledger.undo_stack.undo()
    assert window.model.state(number_32).status == "not_started"
    assert shown() == (status_label("not_started"), [0, total])
    assert history() == ["2016-06", form.history.tr("Not reported"), "", ""]


def test_filter_the_tree_as_one_types(qtbot, window: Controller) -> None:
    window.filters.search.setText("空气质量")
    qtbot.waitUntil(lambda: len(shown_tasks(window)) == 1)
    assert shown_tasks(window) == ["32. 加大空气质量预测预报信息公开力度"]
    window.filters.search.setText("市环保局")  # a unit name
    qtbot.waitUntil(lambda: len(shown_tasks(window)) == 5)
    window.filters.clear()
    assert len(shown_tasks(window)) == 66
    window.filters.unit.setCurrentIndex(window.filters.unit.findText("思明区人民政府"))
    assert len(shown_tasks(window)) == 60
    window.filters.clear()
    window.filters.status.setCurrentIndex(window.filters.status.findData("completed"))
    assert shown_tasks(window) == []
    assert "0" in window.counts.text()


def unit_groups(window: Controller) -> dict[str, list[int]]:
    model = window.unit_view.tasks_model
    groups = {}
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        numbers = [int(model.index(r, 0, group).data().split(".")[0]) for r in range(model.rowCount(group))]
        groups[model.node(group).extra] = numbers
    return groups


def test_the_unit_view_lists_a_units_tasks_in_three_groups(window: Controller) -> None:
    window.tabs.setCurrentIndex(1)
    with window.ledger.session() as session:
        environment = find_unit(session, "市环保局").id
        siming = find_unit(session, "思明区人民政府").id
    window.unit_view.select_unit(environment)
    groups = unit_groups(window)
    assert groups["lead"] == [32, 33, 34, 35]
    assert groups["responsible"] == [41]
    assert 1 in groups["via"] and 32 not in groups["via"]
    window.unit_view.select_unit(siming)
    groups = unit_groups(window)
    assert groups["lead"] == [] and groups["responsible"] == []
    assert groups["via"] == sorted(set(range(1, 67)) - {10, 12, 15, 32, 33, 41})


def test_double_click_in_the_unit_view_opens_the_task(window: Controller) -> None:
    window.tabs.setCurrentIndex(1)
    with window.ledger.session() as session:
        window.unit_view.select_unit(find_unit(session, "市环保局").id)
    view = window.unit_view.tasks_view
    first_lead = window.unit_view.tasks_model.index(0, 0, window.unit_view.tasks_model.index(0, 0))
    view.doubleClicked.emit(first_lead)
    assert window.tabs.currentIndex() == 0
    assert window.task_form.detail.number == 32


def test_new_task_delete_and_move_are_undoable(window: Controller, qtbot) -> None:
    database = window.ledger.database
    window.open_task(task_id(database, 4))
    window.new_task()
    assert window.task_form.detail.number == 67
    window.move_selected(-1)
    section = window.model.index_of_task(task_id(database, 4)).parent()
    assert window.model.index(0, 0, section).data().startswith("67.")
    window.delete_selected()
    box = window.window.findChild(QMessageBox, "questionBox")
    box.button(QMessageBox.StandardButton.Yes).click()
    assert 67 not in [int(t.split(".")[0]) for t in shown_tasks(window)]
    for _ in range(3):
        window.ledger.undo_stack.undo()
    assert len(shown_tasks(window)) == 66


def test_layout_and_selection_come_back(qtbot, plan_db: Database) -> None:
    first = open_window(qtbot, plan_db)
    first.window.resize(701, 503)  # within the offscreen screen's 800 × 600
    first.open_task(task_id(plan_db, 45))
    first.tabs.setCurrentIndex(1)
    first.window.close()
    second = open_window(qtbot, plan_db)
    assert (second.window.width(), second.window.height()) == (701, 503)
    assert second.tabs.currentIndex() == 1
    assert second.task_form.detail.number == 45


def test_the_first_view_comes_from_the_cache_while_the_database_is_unchanged(qtbot, plan_db: Database) -> None:
    controller = open_window(qtbot, plan_db)
    controller.open_task(task_id(plan_db, 45))
    data = controller.model.data_
    controller.window.close()
    plan_db.close()
    write_view_cache(plan_db.path, TODAY, data)

    cached = read_view_cache(plan_db.path)
    assert cached is not None and cached.day == TODAY
    assert cached.data == query_tree_data(controller.ledger, {}, TODAY)
    main = MainWindow()
    qtbot.addWidget(main)
    main.show_first_view(cached.data, TODAY, cached.day)
    assert main.model.index(0, 0).data() == "厦门市2016年政务公开工作主要任务责任分工"
    assert main.tree.currentIndex().data() == main.model.index_of_task(task_id(plan_db, 45)).data()
    main.close()

    with plan_db.transaction() as session:
        session.get_one(Task, task_id(plan_db, 1)).title = "改过的标题"
    plan_db.close()
    assert read_view_cache(plan_db.path) is None  # the database changed since


def test_settings_are_saved_undoably_and_change_the_lights(window: Controller) -> None:
    from db.settings import get_setting
    from desktop.settings_dialog import SettingsDialog

    database = window.ledger.database
    assert window.model.state(task_id(database, 1)).light == "yellow"  # June's report owed since the 25th
    dialog = SettingsDialog(window.ledger, window.window)
    dialog.report_day.setValue(30)
    dialog.office.setText("厦门市政务公开办")
    dialog.accept()
    with database.session() as session:
        assert (get_setting(session, "report_day"), get_setting(session, "office_name")) == ("30", "厦门市政务公开办")
    assert window.model.state(task_id(database, 1)).light is None  # not owed before the 30th
    window.ledger.undo_stack.undo()
    window.ledger.undo_stack.undo()
    assert window.model.state(task_id(database, 1)).light == "yellow"


def test_changes_are_listed_for_the_task_and_in_the_history_dialog(window: Controller, qtbot) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desktop.history_view import HistoryDialog

    operator = window.window.findChild(QInputDialog, "operatorDialog")  # asked once on a new PC
    operator.setTextValue("张三")
    operator.accept()
    assert window.ledger.operator == "张三"
    database = window.ledger.database
    window.open_task(task_id(database, 3))
    window.task_form.title.setText("修改后的第三项任务")
    window.task_form.title.returnPressed.emit()  # Enter
    assert window.task_history.model.rowCount() == 1
    assert window.task_history.model.index(0, 1).data() == "张三"
    window.open_task(task_id(database, 4))
    assert window.task_history.model.rowCount() == 0
    dialog = HistoryDialog(window.ledger, window.window)
    qtbot.addWidget(dialog)
    assert dialog.view.model.rowCount() == 1
    dialog.view.table.selectRow(0)
    assert "修改后的第三项任务" in dialog.view.detail.toPlainText()
    dialog.view.text.setText("不存在的文字")
    assert dialog.view.model.rowCount() == 0


def test_a_plan_of_three_levels_with_restarting_numbers(qtbot, qtmodeltester, levels_db: Database) -> None:
    """The tree nests three levels of headings and shows each task's number
    under them; out of the tree (undo texts, the unit view, the 催报 list) a
    task is named by its label, since the numbers restart."""
    from desktop.returns_dialog import RemindersDialog
    from tests.three_levels import plan_id

    window = open_window(qtbot, levels_db)
    qtmodeltester.check(window.model)
    plan = next(
        window.model.index(row, 0)
        for row in range(window.model.rowCount())
        if window.model.index(row, 0).data(ID_ROLE) == plan_id(levels_db)
    )
    first = window.model.index(0, 0, plan)
    subsection = window.model.index(0, 0, first)
    level3 = window.model.index(0, 0, subsection)
    assert [index.data() for index in (first, subsection, level3)] == [
        "一、推进决策公开",
        "（一）深化重大决策预公开",
        "1. 完善公众参与机制",
    ]
    task = window.model.index(0, 0, level3)
    assert task.data() == "1. 建立健全公众参与重大决策制度"
    assert task.data(Qt.ItemDataRole.ToolTipRole).startswith("一·一·1·1. 建立健全公众参与重大决策制度")
    assert window.model.index(1, 1, subsection).data() == "Completed 0/1"  # 2. 做好决策解读

    subsection_id, first_id = subsection.data(ID_ROLE), first.data(ID_ROLE)  # the indexes go with the next reload
    window.tree.setCurrentIndex(task)
    assert window.task_form.headings.text() == "一、推进决策公开\n（一）深化重大决策预公开\n1. 完善公众参与机制"
    window.task_form.title.setText("建立健全公众参与制度")
    window.task_form.title.returnPressed.emit()
    assert window.ledger.undo_stack.undoText() == "Edit title of task 一·一·1·1"

    window.new_task()  # after the selected task, numbered in its section
    assert window.task_form.detail.label == "一·一·1·3"

    def last_heading(section_id: int) -> QModelIndex:
        parent = window.model.index_of("section", section_id)
        return window.model.index(window.model.rowCount(parent) - 1, 0, parent)

    window.tree.setCurrentIndex(window.model.index_of("section", subsection_id))
    window.new_heading(level=3)  # under the selected subsection
    assert last_heading(subsection_id).data() == "3. Untitled heading"
    assert window.heading_form.title.text() == "Untitled heading"
    window.new_heading(level=3)  # the new heading is selected: under the subsection it is in
    assert last_heading(subsection_id).data() == "4. Untitled heading"
    window.tree.setCurrentIndex(window.model.index_of("section", first_id))
    window.new_heading(level=3)
    box = window.window.findChild(QMessageBox, "errorBox")
    assert "subsection" in box.text()
    box.close()

    window.filters.search.setText("网站")
    qtbot.waitUntil(lambda: len(shown_tasks(window)) == 2)
    assert shown_tasks(window) == ["1. 整合区级部门网站栏目", "2. 推进网站集约化建设"]
    window.filters.clear()

    window.tabs.setCurrentIndex(1)
    with levels_db.session() as session:
        window.unit_view.select_unit(find_unit(session, "区政府办公室").id)
    model = window.unit_view.tasks_model
    leads = model.index(0, 0)
    assert [model.index(row, 0, leads).data() for row in range(model.rowCount(leads))] == [
        "一·一·1·1. 建立健全公众参与制度",
        "一·二·1. 主要负责人带头解读政策",
    ]
    reminders = RemindersDialog(window.ledger, plan_id(levels_db), "2021-06", window.window)
    assert "区政府办公室（2项）　联系人：—　电话：—\n  第一·一·1·1项 建立健全公众参与制度" in reminders.plain_text()
    reminders.close()


def test_ctrl_u_opens_the_registry_from_the_search_box(qtbot, window: Controller) -> None:
    from desktop.registry_dialog import RegistryDialog

    window.window.findChild(QInputDialog, "operatorDialog").reject()  # asked once on a new PC
    window.window.activateWindow()
    qtbot.waitUntil(window.window.isActiveWindow)
    window.filters.search.setFocus()
    qtbot.waitUntil(window.filters.search.hasFocus)
    window.filters.search.setText("公开")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialogs = window.window.findChildren(RegistryDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    assert window.filters.search.text() == "公开"  # the box kept its text
    dialogs[0].reject()
    # Offscreen, a QLineEdit does not bind Ctrl+U (under X11 it deletes the line): a key every
    # platform's line edit takes for its own, Ctrl+A, shows the same passage to the window.
    from PySide6.QtGui import QAction

    from desktop.widgets import LetShortcutsThrough

    everything = QAction(window.window)
    everything.setShortcut("Ctrl+A")
    window.window.addAction(everything)
    with qtbot.waitSignal(everything.triggered, timeout=1000):
        LetShortcutsThrough(window.filters.search, everything.shortcuts())
        window.filters.search.setFocus()
        qtbot.keyClick(window.filters.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def test_the_tree_keeps_its_row_and_scroll_after_a_save(qtbot, window: Controller) -> None:
    database = window.ledger.database
    bar = window.tree.verticalScrollBar()

    def kept(place: tuple[int, object]) -> bool:
        qtbot.wait(20)
        return (bar.value(), window.current()) == place

    for text in ("", "公开"):  # unfiltered, and with a search that keeps the task
        window.filters.search.setText(text)
        window.filters.search.returnPressed.emit()
        window.open_task(task_id(database, 50))
        bar.setValue(bar.value() + 2)  # the person scrolled a little
        place = bar.value(), window.current()
        assert place[0] > 0 and place[1] == ("task", task_id(database, 50))
        window.progress_form.done.setPlainText(f"公开了{text}一些事")
        window.progress_form.save_button.click()
        assert kept(place)
        window.task_form.title.setText(f"公开的新标题{text}")
        window.task_form.title.returnPressed.emit()
        assert kept(place)
        window.ledger.undo_stack.undo()
        assert kept(place)


def cut_off_buttons(top: QWidget) -> list[str]:
    """The visible buttons of `top` that stand out of their parent's visible
    part at its left or right, or are narrower than their words."""
    found = []
    for button in top.findChildren(QAbstractButton):
        if not isinstance(button, (QPushButton, QToolButton)) or not button.isVisible():
            continue
        shown, place = button.parentWidget().visibleRegion().boundingRect(), button.geometry()
        if place.bottom() < shown.top() or place.top() > shown.bottom():
            continue  # scrolled out of view, up or down: not cut off
        if place.left() < shown.left() or place.right() > shown.right() or button.sizeHint().width() > button.width():
            found.append(f"{button.text() or button.toolTip()} {button.geometry()} in {shown}")
    return found


def test_no_button_is_cut_off_at_the_default_size(qtbot, plan_db: Database, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from tools import translations

    translator = QTranslator()  # in Chinese, as the office sees it
    assert translator.load(str(translations.build(qm=tmp_path / "duban_zh_CN.qm", quiet=True)))
    QCoreApplication.installTranslator(translator)
    try:
        window = open_window(qtbot, plan_db)
        window.window.findChild(QInputDialog, "operatorDialog").reject()
        window.window.resize(1280, 800)
        for task in (32, 1):
            window.open_task(task_id(plan_db, task))
            for view in range(window.tabs.count()):
                window.tabs.setCurrentIndex(view)
                for pane in range(window.details.count()):
                    window.details.setCurrentIndex(pane)
                    qtbot.wait(20)
                    assert cut_off_buttons(window.window) == [], (task, view, pane)
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_history_s_details_are_written_in_words(qtbot, plan_db: Database, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from desktop.history_view import HistoryDialog
    from tools import translations

    translator = QTranslator()  # in Chinese, as the office reads it
    assert translator.load(str(translations.build(qm=tmp_path / "duban_zh_CN.qm", quiet=True)))
    QCoreApplication.installTranslator(translator)
    try:
        window = open_window(qtbot, plan_db)
        window.window.findChild(QInputDialog, "operatorDialog").reject()
        window.open_task(task_id(plan_db, 35))
        window.progress_form.done.setPlainText("已完成专栏建设")
        window.progress_form.save_button.click()
        window.task_form.title.setText("修改后的第三十五项任务")
        window.task_form.title.returnPressed.emit()
        dialog = HistoryDialog(window.ledger, window.window)
        qtbot.addWidget(dialog)
        dialog.view.table.selectRow(0)  # newest first: the title
        assert dialog.view.detail.toPlainText().startswith("任务 35 · 修改：标题：“")
        assert "→ “修改后的第三十五项任务”" in dialog.view.detail.toPlainText()
        dialog.view.table.selectRow(1)  # the month's report
        report = dialog.view.detail.toPlainText()
        assert report.startswith("月度进展 · 任务 35 · ") and " · 新增：月份：2016年6月；状态：" in report
        assert "进展情况：“已完成专栏建设”" in report and "状态：" in report
        with plan_db.session() as session:
            recorded = session.scalars(select(ProgressEntry).where(ProgressEntry.task_id == task_id(plan_db, 35))).one()
        assert f"状态：{status_label(recorded.status)}" in report
        assert f"{recorded.recorded_at:%Y-%m-%d %H:%M}" in report
        for raw in ("progress_entries", "task_id", "status=", "in_progress", "#"):
            assert raw not in report
    finally:
        QCoreApplication.removeTranslator(translator)
