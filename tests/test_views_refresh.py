"""The window's views follow each change by what it touched
(db/operations/touched.py, desktop/plan_model.py): a title edit repaints one
row, a month's report one task and the counts above it, units one lead
column and the unit view's counts, the registry the unit lists and
completion; a structural change keeps the expansion, the selection and the
scroll position. Real ledgers, real windows offscreen; Qt's model tester
watches the plan tree all along (a report of it fails the test)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from sqlalchemy import select

from db.operations import editing, registry
from db.operations.progress import RECORD_PROGRESS, Report
from db.queries.ledger import tasks_by_unit
from db.queries.task_filter import NO_LIGHT, Criteria, filter_tasks
from db.queries.unit_tasks import find_unit
from db.schema.database import Database, open_database
from db.schema.models import Task
from desktop.controller import Controller
from desktop.plan_model import PlanTreeModel
from desktop.plan_rows import Key
from desktop.tree_model import ID_ROLE, KIND_ROLE
from tests.test_main_window import open_window, shown_tasks, task_id

# Qt's model tester reports through warnings; the offscreen platform warns of its own.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def window(qtbot, qtmodeltester, plan_db: Database) -> Controller:
    controller = open_window(qtbot, plan_db)
    qtmodeltester.check(controller.model)
    return controller


class Signals:
    """What a model announced: the rows (and columns) of every dataChanged,
    and every signal that changes rows or the whole model."""

    def __init__(self, model: PlanTreeModel) -> None:
        self.repainted: list[tuple[Key, int, int]] = []
        self.structural: list[str] = []
        model.dataChanged.connect(self._data_changed)
        for name in ("modelReset", "layoutChanged", "rowsInserted", "rowsRemoved", "rowsMoved"):
            getattr(model, name).connect(lambda *_args, name=name: self.structural.append(name))

    def _data_changed(self, first: QModelIndex, last: QModelIndex, _roles: object = None) -> None:
        for row in range(first.row(), last.row() + 1):
            index = first.siblingAtRow(row)
            self.repainted.append(((index.data(KIND_ROLE), index.data(ID_ROLE)), first.column(), last.column()))

    def rows(self) -> set[Key]:
        return {key for key, _first, _last in self.repainted}


def headings_expanded(window: Controller) -> dict[Key, bool]:
    """Every heading the tree shows, and whether it is expanded."""
    found: dict[Key, bool] = {}

    def walk(parent: QModelIndex) -> None:
        for row in range(window.model.rowCount(parent)):
            index = window.model.index(row, 0, parent)
            if index.data(KIND_ROLE) != "task":
                found[index.data(KIND_ROLE), index.data(ID_ROLE)] = window.tree.isExpanded(index)
                walk(index)

    walk(QModelIndex())
    return found


def shown_ids(window: Controller) -> set[int]:
    ids: set[int] = set()

    def walk(parent: QModelIndex) -> None:
        for row in range(window.model.rowCount(parent)):
            index = window.model.index(row, 0, parent)
            if index.data(KIND_ROLE) == "task":
                ids.add(index.data(ID_ROLE))
            walk(index)

    walk(QModelIndex())
    return ids


def above(window: Controller, task: int) -> set[Key]:
    """The headings above a task in the tree, up to its plan."""
    keys = set()
    index = window.model.index_of_task(task).parent()
    while index.isValid():
        keys.add((index.data(KIND_ROLE), index.data(ID_ROLE)))
        index = index.parent()
    return keys


def completed(window: Controller, key: Key) -> tuple[int, int]:
    text = window.model.index_of(*key).siblingAtColumn(1).data()
    done, total = re.fullmatch(r"Completed (\d+)/(\d+)", text).groups()
    return int(done), int(total)


def test_a_title_edit_repaints_one_row_and_so_does_its_undo(window: Controller) -> None:
    first = task_id(window.ledger.database, 1)
    window.open_task(first)
    expanded = headings_expanded(window)
    signals = Signals(window.model)
    window.task_form.title.setText("全面公开权力清单（修订）")
    window.task_form.title.returnPressed.emit()  # Enter
    assert window.model.index_of_task(first).data() == "1. 全面公开权力清单（修订）"
    assert signals.structural == []
    assert signals.repainted == [(("task", first), 0, 0)]
    window.ledger.undo_stack.undo()
    assert window.model.index_of_task(first).data() == "1. 全面公开市级政府工作部门权力清单和责任清单"
    assert signals.structural == []
    assert signals.rows() == {("task", first)}
    assert headings_expanded(window) == expanded
    assert window.current() == ("task", first)


def test_a_report_repaints_its_task_and_the_counts_above_it(window: Controller) -> None:
    task = task_id(window.ledger.database, 32)
    window.open_task(task)
    headings = above(window, task)
    before = {key: completed(window, key) for key in headings}
    signals = Signals(window.model)
    form = window.progress_form
    form.status.setCurrentIndex(form.status.findData("completed"))
    form.done.setPlainText("已在门户网站开设空气质量专栏。")
    form.save_button.click()
    assert window.model.state(task).status == "completed"
    assert window.model.index_of_task(task).siblingAtColumn(1).data() == "Completed"
    assert {key: completed(window, key) for key in headings} == {
        key: (done + 1, total) for key, (done, total) in before.items()
    }
    assert signals.structural == []
    assert signals.rows() == {("task", task)} | headings
    assert {(first, last) for key, first, last in signals.repainted if key[0] != "task"} == {(1, 1)}
    assert "completed 1" in window.counts.text()

    signals.repainted.clear()
    window.ledger.undo_stack.undo()
    assert window.model.state(task).status == "not_started"
    assert {key: completed(window, key) for key in headings} == before
    assert signals.structural == []
    assert signals.rows() == {("task", task)} | headings


def test_units_repaint_one_lead_column_and_the_unit_views_counts(window: Controller) -> None:
    database = window.ledger.database
    task = task_id(database, 4)  # no lead unit: the cell is empty after a heading
    with database.session() as session:
        market = find_unit(session, "市政集团").id  # an enterprise, no collective's member: task 4 does not reach it
    window.tabs.setCurrentIndex(1)
    units = window.unit_view.units_model

    def tasks_of_market() -> int:
        return units.data(units.index_of_unit(market).siblingAtColumn(1))

    before = tasks_of_market()
    window.open_task(task)
    signals = Signals(window.model)
    editor = window.task_form.editors["lead"]
    editor.name.setText("市政集团")
    editor.add_button.click()
    assert window.model.index_of_task(task).siblingAtColumn(2).data() == "市政集团"
    assert signals.structural == []
    assert signals.repainted == [(("task", task), 2, 2)]
    window.tabs.setCurrentIndex(1)
    assert tasks_of_market() == before + 1
    window.ledger.undo_stack.undo()
    assert window.model.index_of_task(task).siblingAtColumn(2).data() == ""
    window.tabs.setCurrentIndex(1)
    assert tasks_of_market() == before


def test_a_unit_renamed_shows_in_the_lead_columns_the_unit_lists_and_completion(window: Controller) -> None:
    database = window.ledger.database
    with database.session() as session:
        environment = find_unit(session, "市环保局").id
    led = task_id(database, 32)
    window.open_task(task_id(database, 1))
    window.tabs.setCurrentIndex(1)
    signals = Signals(window.model)
    window.ledger.run("改名", registry.RENAME_UNIT(environment, "市生态环境局"))
    assert window.model.index_of_task(led).siblingAtColumn(2).data() == "市生态环境局"
    assert signals.structural == []
    assert {(first, last) for _key, first, last in signals.repainted} == {(2, 2)}
    assert window.filters.unit.findText("市生态环境局") >= 0 and window.filters.unit.findText("市环保局") < 0
    completion = window.task_form.editors["lead"].completer.model().stringList()
    assert "市生态环境局" in completion and "市环保局" in completion  # the old name stays as an alias
    window.unit_view.select_unit(environment)
    assert window.unit_view.units_view.currentIndex().data() == "市生态环境局"


def test_a_structural_change_keeps_expansion_selection_and_scroll(qtbot, window: Controller) -> None:
    database = window.ledger.database
    window.window.resize(700, 500)
    qtbot.wait(10)
    collapsed_task = window.model.index_of_task(task_id(database, 1))
    window.tree.collapse(collapsed_task.parent())  # the person closes the first heading
    collapsed = (collapsed_task.parent().data(KIND_ROLE), collapsed_task.parent().data(ID_ROLE))
    selected = task_id(database, 45)
    window.open_task(selected)
    expanded = headings_expanded(window)
    assert expanded[collapsed] is False and sum(expanded.values()) == len(expanded) - 1
    scroll = window.tree.verticalScrollBar().value()
    assert scroll > 0
    signals = Signals(window.model)

    window.ledger.run("删除任务 40", editing.DELETE_TASK(task_id(database, 40)))
    assert 40 not in [int(text.split(".")[0]) for text in shown_tasks(window)]
    assert window.current() == ("task", selected)
    assert headings_expanded(window) == expanded
    assert window.tree.verticalScrollBar().value() == scroll
    window.move_selected(1)  # the selected task itself moves
    assert window.current() == ("task", selected)
    assert window.task_form.detail.number == 45
    assert headings_expanded(window) == expanded
    window.ledger.undo_stack.undo()
    window.ledger.undo_stack.undo()
    assert len(shown_tasks(window)) == 66
    assert window.current() == ("task", selected)
    assert headings_expanded(window) == expanded
    assert "modelReset" not in signals.structural and "layoutChanged" not in signals.structural

    window.new_heading(level=1)  # a heading new to the tree is shown open, and selected
    key = window.current()
    assert key is not None and key[0] == "section"
    assert headings_expanded(window) == {**expanded, key: True}


def test_typing_in_the_search_box_filters_without_rebuilding_the_tree(qtbot, window: Controller) -> None:
    database = window.ledger.database
    collapsed_task = window.model.index_of_task(task_id(database, 1))
    window.tree.collapse(collapsed_task.parent())
    expanded = headings_expanded(window)
    signals = Signals(window.model)
    window.filters.search.setText("空")
    window.filters.search.setText("空气质量")
    qtbot.waitUntil(lambda: len(shown_tasks(window)) == 1)
    assert shown_tasks(window) == ["32. 加大空气质量预测预报信息公开力度"]
    assert all(headings_expanded(window).values())  # the headings above it shown open
    window.filters.clear()
    assert headings_expanded(window) == expanded  # what the person closed stays closed
    assert "modelReset" not in signals.structural


def criteria_of(database: Database) -> list[Criteria]:
    """Criteria that let through some tasks of each plan and not all."""
    with database.session() as session:
        names = ("市环保局", "思明区人民政府", "区数据局", "区财政局")
        units = [unit.id for unit in (find_unit(session, name) for name in names) if unit is not None]
    texts = [
        "公开",
        "市环保局",
        "市审改办",
        "空气质量",
        "专栏已上线",
        "HTTP://WWW",
        "网站",
        "区数据局",
        "要求1",
        "不存在的字",
    ]
    texts += ["32", "第3项"]  # a task's number
    return [
        *(Criteria(text=text) for text in texts),
        *(Criteria(unit_id=unit) for unit in units),
        Criteria(status="completed"),
        Criteria(status="not_started", text="信息"),
        *(Criteria(light=light) for light in ("red", "yellow", "blue", NO_LIGHT)),
        Criteria(unreported=True),
        Criteria(unreported=True, unit_id=units[0]),
        Criteria(text="建设", unit_id=units[-1]),
    ]


@pytest.mark.parametrize("ledger_fixture", ["plan_db", "levels_db"])
def test_the_tree_shows_the_tasks_the_core_filter_finds(
    request: pytest.FixtureRequest, qtbot, qtmodeltester, ledger_fixture: str
) -> None:
    database: Database = request.getfixturevalue(ledger_fixture)
    window = open_window(qtbot, database)
    qtmodeltester.check(window.model)
    some = sorted(window.model.plan_states(window.model.plan_ids()[0]))[:3]
    report = Report("completed", done="专栏已上线", evidence="http://www.xm.gov.cn/zwgk")
    for task in some:
        window.ledger.run(
            "进展", RECORD_PROGRESS(task, window.model.months[window.model.plan_of_task(task).id], report)
        )
    proper = 0
    for criteria in criteria_of(database):
        window.filters.set_criteria(criteria)
        window.filters.search.returnPressed.emit()  # applied at once
        assert window.criteria == criteria
        expected: set[int] = set()
        with database.session() as session:
            for plan in window.model.plan_ids():
                states = window.model.plan_states(plan)
                expected |= filter_tasks(session, plan, criteria, states, tasks_by_unit(session, plan))
        assert shown_ids(window) == expected, criteria
        proper += 0 < len(expected) < len(window.model.data_.states)
    assert proper >= 8  # the criteria tell tasks apart
    with database.session() as session:
        number_of = dict(session.execute(select(Task.id, Task.number)).all())
    last = max(number_of.values())
    for asked in (str(last), f"第{last}项"):  # a task asked for by its number is found
        window.filters.set_criteria(Criteria(text=asked))
        window.filters.search.returnPressed.emit()
        assert last in {number_of[i] for i in shown_ids(window)}, asked
    window.filters.clear()
    assert shown_ids(window) == set(window.model.data_.states)


def test_a_change_under_a_filter_updates_what_it_lets_through(window: Controller) -> None:
    database = window.ledger.database
    window.filters.search.setText("修订后的任务名称")
    window.filters.search.returnPressed.emit()
    assert shown_tasks(window) == []
    third = task_id(database, 3)
    window.ledger.run("改名", editing.UPDATE_TASK(third, title="修订后的任务名称"))
    assert shown_ids(window) == {third}
    window.ledger.undo_stack.undo()
    assert shown_tasks(window) == []
    window.filters.clear()
    window.filters.status.setCurrentIndex(window.filters.status.findData("in_progress"))
    assert shown_tasks(window) == []
    month = window.model.months[window.model.plan_of_task(third).id]
    window.ledger.run("进展", RECORD_PROGRESS(third, month, Report("in_progress")))
    assert shown_ids(window) == {third}
    assert "Showing 1 of them" in window.counts.text()


def test_the_views_read_a_fixed_number_of_queries(qtbot, plan_db: Database, tmp_path: Path) -> None:
    """The same change costs the plan tree and the filter as many queries on
    the 66 tasks of the 2016 plan as on the 8 of the three-level plan."""
    from db.operations.touched import touched
    from desktop.ledger import Ledger
    from desktop.plan_filter import TaskFilter
    from tests.conftest import counting
    from tests.three_levels import store, three_level_plan

    (tmp_path / "levels").mkdir()
    levels_db = open_database(tmp_path / "levels" / "ledger.db")
    store(levels_db, three_level_plan())

    def queries(database: Database) -> list[int]:
        ledger = Ledger(database)
        model = PlanTreeModel(ledger)
        search = TaskFilter(ledger, model)
        with counting(database.engine) as statements:
            search.prepare()
        counts = [len(statements)]
        task = sorted(model.data_.states)[1]
        with database.session() as session:
            unit = next(iter(tasks_by_unit(session, model.plan_ids()[0])))
        month = model.months[model.plan_of_task(task).id]
        for operation, args in (
            (editing.UPDATE_TASK, {"title": "新的名称"}),
            (RECORD_PROGRESS, (month, Report("in_progress", done="推进"))),
            (editing.SET_UNITS, ("lead", [unit])),
        ):
            positional = args if isinstance(args, tuple) else ()
            named = args if isinstance(args, dict) else {}
            ledger.run("测试", operation(task, *positional, **named))
            stack = ledger.undo_stack
            meaning = touched(stack.command(stack.index() - 1).changes)
            with counting(database.engine) as statements:
                model.refresh(meaning)
                search.refresh(meaning)
            counts.append(len(statements))
        return counts

    try:
        counts = queries(plan_db)
        assert counts == queries(levels_db)
        assert max(counts) <= 6  # the index: tasks, reports, units, the registry's names, aliases, members
    finally:
        levels_db.close()
