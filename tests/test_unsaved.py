"""Typed text is never lost: the real window on a real ledger, left every way
a person leaves a form, with each choice the settings and the question offer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from sqlalchemy import select

from db.operations.import_plan import import_plan
from db.plans import read_plan
from db.queries.labels import section_paths
from db.queries.ledger import headings
from db.safety.backup import backup_now
from db.schema.database import Database, open_database
from db.schema.models import Plan, ProgressEntry, Section, Task
from desktop.controller import Controller
from desktop.drafts import DraftStore, database_key, drafts_path
from desktop.preferences import ASK, SAVE, WHEN_LEAVING, load, save
from tests.conftest import ROOT
from tests.test_main_window import open_window, shown_tasks, task_id

TYPED = "本月已在门户网站开设空气质量专栏，每日发布预报。"
TITLE = "加大空气质量预报信息公开力度（改）"
ROLES = {
    "save": QMessageBox.ButtonRole.AcceptRole,
    "discard": QMessageBox.ButtonRole.DestructiveRole,
    "cancel": QMessageBox.ButtonRole.RejectRole,
}


@pytest.fixture
def window(qtbot, plan_db: Database) -> Controller:
    return open_window(qtbot, plan_db)


def stored_done(database: Database, number: int = 32, month: str = "2016-06") -> str | None:
    with database.session() as session:
        return session.scalar(
            select(ProgressEntry.done).join(Task).where(Task.number == number, ProgressEntry.month == month)
        )


def stored_title(database: Database, number: int) -> str:
    with database.session() as session:
        return session.scalar(select(Task.title).where(Task.number == number))


def shown_number(window: Controller) -> int | None:
    detail = window.progress_form.detail
    return detail.number if detail is not None else None


def current_number(window: Controller) -> int | None:
    current = window.current()
    if current is None or current[0] != "task":
        return None
    with window.ledger.session() as session:
        return session.get_one(Task, current[1]).number


def question(qtbot, window: Controller, name: str = "unsavedBox") -> QMessageBox:
    qtbot.waitUntil(lambda: window.window.findChild(QMessageBox, name) is not None, timeout=5000)
    return window.window.findChild(QMessageBox, name)


def answer(qtbot, window: Controller, choice: str, named: str = "32") -> None:
    box = question(qtbot, window)
    assert named in box.text()
    button = next(b for b in box.buttons() if box.buttonRole(b) == ROLES[choice])
    button.click()


def action(window: Controller, shortcut: str) -> QAction:
    return next(a for a in window.window.findChildren(QAction) if a.shortcut() == QKeySequence(shortcut))


def type_progress(window: Controller) -> None:
    window.open_task(task_id(window.ledger.database, 32))
    window.progress_form.done.setPlainText(TYPED)
    assert window.progress_form.form_state.dirty


@dataclass
class Way:
    """One way of leaving task 32's report of 2016-06: what the person does,
    how the window looks once they got there, and once they are back."""

    go: Callable[[Controller], object]
    arrived: Callable[[Controller], bool]
    back: Callable[[Controller], bool]
    needs: str = ""


def at_32(window: Controller) -> bool:
    return current_number(window) == 32 and shown_number(window) == 32 and window.month.currentData() == "2016-06"


def month_is(month: str) -> Callable[[Controller], bool]:
    return lambda w: w.progress_form.shown_month() == month and w.month.currentData() == month and shown_number(w) == 32


WAYS = {
    "another task": Way(
        lambda w: w.tree.setCurrentIndex(w.model.index_of_task(task_id(w.ledger.database, 33))),
        lambda w: shown_number(w) == 33 and current_number(w) == 33,
        at_32,
    ),
    "a task opened from the unit view": Way(
        lambda w: w.open_task(task_id(w.ledger.database, 35)),
        lambda w: shown_number(w) == 35,
        at_32,
    ),
    "Ctrl+PgDown": Way(lambda w: action(w, "Ctrl+PgDown").trigger(), month_is("2016-07"), at_32),
    "Ctrl+PgUp": Way(lambda w: action(w, "Ctrl+PgUp").trigger(), month_is("2016-05"), at_32),
    "the month box": Way(lambda w: w.month.setCurrentIndex(w.month.findData("2016-03")), month_is("2016-03"), at_32),
    "the form's month box": Way(
        lambda w: w.progress_form.month.setCurrentIndex(w.progress_form.month.findData("2016-04")),
        month_is("2016-04"),
        at_32,
    ),
    "a month in the history": Way(lambda w: w.progress_form.set_month("2016-02"), month_is("2016-02"), at_32),
    "a search that hides the task": Way(
        lambda w: w.filters.search.setText("权力清单"),
        lambda w: shown_tasks(w) and not any(t.startswith("32.") for t in shown_tasks(w)) and shown_number(w) is None,
        lambda w: at_32(w) and w.filters.search.text() == "" and len(shown_tasks(w)) == 66,
    ),
    "a status filter that hides the task": Way(
        lambda w: w.filters.status.setCurrentIndex(w.filters.status.findData("completed")),
        lambda w: shown_tasks(w) == [] and shown_number(w) is None,
        lambda w: at_32(w) and w.filters.status.currentIndex() == 0,
    ),
    "another plan": Way(
        lambda w: w.tree.setCurrentIndex(w.model.index(1, 0)),
        lambda w: w.current() == ("plan", w.model.plan_ids()[1]) and shown_number(w) is None,
        at_32,
        needs="two plans",
    ),
    "closing the window": Way(
        lambda w: w.window.close(), lambda w: not w.window.isVisible(), lambda w: at_32(w) and w.window.isVisible()
    ),
}


def add_2017_plan(database: Database, folder: Path) -> None:
    text = folder / "2017.txt"
    text.write_text(
        "厦门市2017年政务公开工作要点\n\t一、推进决策公开\n\t1.公开重大决策预案\n\t市环保局\n\t市财政局\n\t按时公开。\n",
        encoding="utf-8",
    )
    with database.transaction() as session:
        import_plan(session, read_plan(text))


@pytest.mark.parametrize("choice", ["save", "ask-save", "ask-discard", "ask-cancel"])
@pytest.mark.parametrize("way", list(WAYS))
def test_leaving_the_progress_form(qtbot, plan_db: Database, tmp_path: Path, way: str, choice: str) -> None:
    leaving = WAYS[way]
    if leaving.needs == "two plans":
        add_2017_plan(plan_db, tmp_path)
    save(WHEN_LEAVING, SAVE if choice == "save" else ASK)
    window = open_window(qtbot, plan_db)
    type_progress(window)
    assert at_32(window)
    leaving.go(window)
    if choice != "save":
        answer(qtbot, window, choice.removeprefix("ask-"))
    if choice == "ask-cancel":
        qtbot.waitUntil(lambda: leaving.back(window), timeout=5000)
        assert window.progress_form.done.toPlainText() == TYPED
        assert window.progress_form.form_state.dirty
        assert stored_done(plan_db) is None
        return
    qtbot.waitUntil(lambda: leaving.arrived(window), timeout=5000)
    assert stored_done(plan_db) == (TYPED if choice.endswith("save") else None)
    assert window.window.findChild(QMessageBox, "unsavedBox") is None or choice != "save"
    assert not window.progress_form.form_state.dirty
    if choice.endswith("save"):
        assert window.ledger.undo_stack.undoText().endswith("32")  # the save is the form's undoable operation


@pytest.mark.parametrize("choice", ["save", "ask-save", "ask-discard", "ask-cancel"])
def test_leaving_the_task_form(qtbot, plan_db: Database, choice: str) -> None:
    """The title typed and left without Enter: the focus went to the tree (or a
    shortcut moved the selection before the field could say it was finished)."""
    save(WHEN_LEAVING, SAVE if choice == "save" else ASK)
    window = open_window(qtbot, plan_db)
    window.open_task(task_id(plan_db, 32))
    original = stored_title(plan_db, 32)
    window.task_form.title.setText(TITLE)
    window.task_form.title.editingFinished.emit()  # as the focus leaves for the tree: not a move within the form
    assert window.task_form.form_state.dirty and stored_title(plan_db, 32) == original
    window.tree.setCurrentIndex(window.model.index_of_task(task_id(plan_db, 33)))
    if choice != "save":
        answer(qtbot, window, choice.removeprefix("ask-"))
    if choice == "ask-cancel":
        qtbot.waitUntil(lambda: current_number(window) == 32, timeout=5000)
        assert window.task_form.title.text() == TITLE and window.task_form.form_state.dirty
        assert stored_title(plan_db, 32) == original
        return
    qtbot.waitUntil(lambda: window.task_form.detail.number == 33, timeout=5000)
    assert stored_title(plan_db, 32) == (TITLE if choice.endswith("save") else original)
    assert not window.task_form.form_state.dirty
    window.tree.setCurrentIndex(window.model.index_of_task(task_id(plan_db, 32)))
    assert window.task_form.title.text() == stored_title(plan_db, 32)


def test_both_forms_are_saved_in_one_go_and_a_unit_name_typed_is_added(qtbot, window: Controller) -> None:
    database = window.ledger.database
    type_progress(window)
    window.task_form.requirement.setPlainText("每日发布空气质量预报。")
    window.task_form.editors["responsible"].name.setText("市审计局")
    window.tree.setCurrentIndex(window.model.index_of_task(task_id(database, 1)))
    qtbot.waitUntil(lambda: shown_number(window) == 1, timeout=5000)
    assert stored_done(database) == TYPED
    with database.session() as session:
        task = session.get_one(Task, task_id(database, 32))
        assert task.requirement == "每日发布空气质量预报。"
    window.open_task(task_id(database, 32))
    assert "市审计局" in [u.name for u in window.task_form.detail.responsible]
    assert window.task_form.editors["responsible"].name.text() == ""


def test_a_refused_save_keeps_the_person_where_they_were(qtbot, window: Controller) -> None:
    database = window.ledger.database
    window.open_task(task_id(database, 32))
    window.task_form.editors["lead"].name.setText("没有这个单位")
    window.tree.setCurrentIndex(window.model.index_of_task(task_id(database, 33)))
    qtbot.waitUntil(lambda: window.window.findChild(QMessageBox, "errorBox") is not None, timeout=5000)
    assert "没有这个单位" in window.window.findChild(QMessageBox, "errorBox").text()
    qtbot.waitUntil(lambda: current_number(window) == 32)
    assert window.task_form.editors["lead"].name.text() == "没有这个单位"


def test_moving_to_the_next_field_or_pressing_enter_saves_the_field(qtbot, window: Controller) -> None:
    database = window.ledger.database
    save(WHEN_LEAVING, ASK)
    window.open_task(task_id(database, 32))
    form = window.task_form
    form.title.setText(TITLE)
    form.title.returnPressed.emit()
    assert stored_title(database, 32) == TITLE and not form.form_state.dirty
    window.window.activateWindow()
    qtbot.waitUntil(window.window.isActiveWindow)
    form.deadline.setFocus()
    form.deadline.setText("2016年9月底")
    form.requirement.setFocus()  # Tab to the next field
    with database.session() as session:
        assert session.get_one(Task, task_id(database, 32)).deadline_text == "2016年9月底"
    assert not form.form_state.dirty
    form.requirement.setPlainText("新的要求")
    window.tree.setFocus()  # the focus leaves the form: nothing saved without asking
    assert form.form_state.dirty
    window.tree.setCurrentIndex(window.model.index_of_task(task_id(database, 33)))
    answer(qtbot, window, "save")
    qtbot.waitUntil(lambda: form.detail.number == 33)
    with database.session() as session:
        assert session.get_one(Task, task_id(database, 32)).requirement == "新的要求"


def test_the_question_is_answered_with_the_keyboard(qtbot, window: Controller) -> None:
    save(WHEN_LEAVING, ASK)
    type_progress(window)
    for key, arrived in ((Qt.Key.Key_Escape, 32), (Qt.Key.Key_N, 33)):  # Esc: cancel; N: 不保存(&N)
        window.tree.setCurrentIndex(window.model.index_of_task(task_id(window.ledger.database, 33)))
        box = question(qtbot, window)
        qtbot.keyClick(box, key)
        qtbot.waitUntil(
            lambda arrived=arrived: (
                window.window.findChild(QMessageBox, "unsavedBox") is None and current_number(window) == arrived
            )
        )
    assert stored_done(window.ledger.database) is None
    type_progress(window)
    window.tree.setCurrentIndex(window.model.index_of_task(task_id(window.ledger.database, 33)))
    qtbot.keyClick(question(qtbot, window), Qt.Key.Key_Return)  # Enter: save, the default
    qtbot.waitUntil(lambda: shown_number(window) == 33)
    assert stored_done(window.ledger.database) == TYPED


def test_no_question_when_nothing_changed(qtbot, plan_db: Database, tmp_path: Path) -> None:
    add_2017_plan(plan_db, tmp_path)
    save(WHEN_LEAVING, ASK)
    window = open_window(qtbot, plan_db)
    window.open_task(task_id(plan_db, 32))
    window.progress_form.done.setPlainText("暂存")
    window.progress_form.done.setPlainText("")  # typed and taken back: nothing to save
    for name, way in WAYS.items():
        if name != "closing the window":
            way.go(window)
            qtbot.waitUntil(lambda way=way: way.arrived(window), timeout=5000)
            window.filters.clear()
            window.open_task(task_id(plan_db, 32))
            window.month.setCurrentIndex(window.month.findData("2016-06"))
    WAYS["closing the window"].go(window)
    assert not window.window.isVisible()
    assert window.window.findChild(QMessageBox, "unsavedBox") is None
    assert stored_done(plan_db) is None


@pytest.mark.parametrize("choice", ["save", "ask-cancel"])
@pytest.mark.parametrize("reload", ["import plan", "restore"])
def test_an_import_or_restore_saves_or_asks_first(
    qtbot, plan_db: Database, monkeypatch, reload: str, choice: str
) -> None:
    """The file or backup is chosen only once the forms' edits are saved (the
    ledger is about to be reloaded under them), or not at all when cancelled."""
    save(WHEN_LEAVING, SAVE if choice == "save" else ASK)
    backup_now(plan_db.path)
    window = open_window(qtbot, plan_db)
    seen: list[str | None] = []

    def chooser(*_args: object, **_kwargs: object) -> tuple[str, object]:
        seen.append(stored_done(plan_db))  # what the ledger holds when the person is asked for a file
        return "", False

    monkeypatch.setattr(QFileDialog, "getOpenFileName", chooser)
    monkeypatch.setattr(QInputDialog, "getItem", chooser)
    type_progress(window)
    window.import_plan() if reload == "import plan" else window.choose_backup()
    if choice == "save":
        assert seen == [TYPED]
    else:
        answer(qtbot, window, "cancel")
        qtbot.waitUntil(lambda: window.window.findChild(QMessageBox, "unsavedBox") is None)
        assert seen == [] and window.progress_form.form_state.dirty


def test_the_marker_and_the_task_name(qtbot, plan_db: Database, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from tools import translations

    translator = QTranslator()
    assert translator.load(str(translations.build(qm=tmp_path / "duban_zh_CN.qm", quiet=True)))
    QCoreApplication.installTranslator(translator)
    try:
        window = open_window(qtbot, plan_db)
        window.open_task(task_id(plan_db, 32))
        progress, task = window.progress_form, window.task_form
        assert progress.heading.text() == "任务 32：加大空气质量预测预报信息公开力度 · 2016年6月"
        assert not progress.marker.isVisibleTo(progress)
        assert window.details.tabText(1) == "月度进展"
        progress.done.setPlainText(TYPED)
        assert progress.marker.isVisibleTo(progress) and progress.marker.text() == "未保存"
        assert window.details.tabText(1) == "月度进展 *"
        task.title.setText(TITLE)
        assert task.marker.isVisibleTo(task) and window.details.tabText(0) == "任务 *"
        task.title.setText(stored_title(plan_db, 32))  # back as it was
        assert not task.marker.isVisibleTo(task) and window.details.tabText(0) == "任务"
        progress.save_button.click()
        assert not progress.marker.isVisibleTo(progress) and window.details.tabText(1) == "月度进展"
        action(window, "Ctrl+PgUp").trigger()
        assert progress.heading.text().endswith("· 2016年5月")
    finally:
        QCoreApplication.removeTranslator(translator)


def test_edits_survive_a_change_of_the_ledger_under_them(qtbot, window: Controller) -> None:
    """An undo, a save of the other form, an import: the typed fields stay, the others follow."""
    database = window.ledger.database
    window.open_task(task_id(database, 32))
    window.task_form.title.setText(TITLE)
    window.task_form.title.returnPressed.emit()
    window.progress_form.done.setPlainText(TYPED)
    window.task_form.requirement.setPlainText("新的要求")
    window.ledger.undo_stack.undo()  # the title, from the menu
    assert window.task_form.title.text() == stored_title(database, 32) != TITLE
    assert window.task_form.requirement.toPlainText() == "新的要求"
    assert window.progress_form.done.toPlainText() == TYPED and window.progress_form.form_state.dirty
    window.progress_form.save_button.click()
    assert window.task_form.requirement.toPlainText() == "新的要求" and window.task_form.form_state.dirty


def test_the_choice_is_this_pcs_and_is_made_in_the_settings_dialog(window: Controller) -> None:
    from PySide6.QtCore import QSettings

    from desktop.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.ledger, window.window)
    assert dialog.when_leaving.currentData() == SAVE  # the default
    dialog.when_leaving.setCurrentIndex(dialog.when_leaving.findData(ASK))
    dialog.accept()
    assert QSettings().value("forms/whenLeaving") == ASK and load(WHEN_LEAVING) == ASK
    assert window.ledger.undo_stack.count() == 0  # not a change of the ledger
    assert SettingsDialog(window.ledger, window.window).when_leaving.currentData() == ASK


def drafts(database: Database) -> list:
    return DraftStore(drafts_path()).for_database(database_key(database.path))


def test_a_draft_is_written_a_moment_after_typing_and_removed_once_saved(
    qtbot, window: Controller, data_folder_in_tmp: Path
) -> None:
    database = window.ledger.database
    type_progress(window)
    assert drafts(database) == []  # not at every key
    qtbot.waitUntil(lambda: drafts(database) != [], timeout=3000)
    (draft,) = drafts(database)
    with database.session() as session:
        uuid = session.get_one(Task, task_id(database, 32)).uuid
    assert (draft.key.task, draft.key.form, draft.key.month, draft.fields["done"]) == (
        uuid,
        "progress",
        "2016-06",
        TYPED,
    )
    assert drafts_path().parent == data_folder_in_tmp / "DubanTaizhang"
    assert [p.name for p in drafts_path().parent.iterdir()] == ["drafts.json"]  # no temporary file left
    window.progress_form.save_button.click()
    window.task_form.title.setText(TITLE)
    window.tree.setCurrentIndex(window.model.index_of_task(task_id(database, 1)))  # saved on leaving
    qtbot.waitUntil(lambda: shown_number(window) == 1)
    window.guard.flush()
    assert drafts(database) == [] and not drafts_path().exists()


def test_a_discarded_draft_is_removed(qtbot, window: Controller) -> None:
    save(WHEN_LEAVING, ASK)
    type_progress(window)
    window.guard.flush()
    assert len(drafts(window.ledger.database)) == 1
    window.tree.setCurrentIndex(window.model.index_of_task(task_id(window.ledger.database, 1)))
    answer(qtbot, window, "discard")
    qtbot.waitUntil(lambda: shown_number(window) == 1)
    assert drafts(window.ledger.database) == []


def test_a_read_only_window_keeps_drafts_and_says_it_cannot_save(qtbot, plan_db: Database) -> None:
    path = plan_db.path
    plan_db.close()
    database = open_database(path, read_only=True)
    try:
        window = open_window(qtbot, database)
        window.window.findChild(QMessageBox, "errorBox").done(0)  # 以只读方式打开：不能修改
        qtbot.waitUntil(lambda: window.window.findChild(QMessageBox, "errorBox") is None)
        type_progress(window)
        assert "只读" in window.progress_form.marker.text() or "read-only" in window.progress_form.marker.text()
        window.task_form.title.setText(TITLE)
        window.task_form.title.returnPressed.emit()  # no error box, no write: the text stays, a draft
        window.tree.setCurrentIndex(window.model.index_of_task(task_id(database, 33)))  # no question
        qtbot.waitUntil(lambda: shown_number(window) == 33)
        assert (
            window.window.findChild(QMessageBox, "unsavedBox") is None
            and window.window.findChild(QMessageBox, "errorBox") is None
        )
        assert "read-only" in window.window.statusBar().currentMessage()
        kept = {(d.key.form, d.key.month): d.fields for d in drafts(database)}
        assert kept[("progress", "2016-06")]["done"] == TYPED and kept[("task", "")]["title"] == TITLE
        window.open_task(task_id(database, 32))  # back: the text is there again, unsaved
        assert window.progress_form.done.toPlainText() == TYPED and window.progress_form.form_state.dirty
        assert window.task_form.title.text() == TITLE
        window.window.close()
        assert not window.window.isVisible()
        assert stored_done(database) is None and stored_title(database, 32) != TITLE
    finally:
        database.close()
    assert len(DraftStore(drafts_path()).for_database(database_key(path))) == 2


def test_a_garbled_drafts_file_is_set_aside(qtbot, plan_db: Database) -> None:
    drafts_path().parent.mkdir(parents=True)
    drafts_path().write_text("{not json", encoding="utf-8")
    window = open_window(qtbot, plan_db)
    assert window.window.findChild(QMessageBox, "draftsBox") is None
    assert drafts_path().with_name("drafts.json.damaged").read_text(encoding="utf-8") == "{not json"
    type_progress(window)
    window.guard.flush()
    assert json.loads(drafts_path().read_text(encoding="utf-8"))["drafts"][0]["fields"]["done"] == TYPED


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("choice", ["restore", "discard"])
def test_a_draft_outlives_a_kill_and_is_offered_at_the_next_start(
    qtbot, plan_db: Database, tmp_path: Path, choice: str
) -> None:
    path = plan_db.path
    original = stored_title(plan_db, 32)
    plan_db.close()
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "drafts_child.py"), str(path), str(tmp_path / "settings"), TYPED, TITLE],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "typed"
        deadline = time.monotonic() + 30
        while not (
            drafts_path().exists() and TYPED in (text := drafts_path().read_text(encoding="utf-8")) and TITLE in text
        ):
            assert child.poll() is None and time.monotonic() < deadline, "the window wrote no draft"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()

    database = open_database(path)
    try:
        window = open_window(qtbot, database)
        box = question(qtbot, window, "draftsBox")
        assert "32" in box.text() and TYPED not in box.text()  # names the task and the form, not the whole text
        wanted = QMessageBox.ButtonRole.AcceptRole if choice == "restore" else QMessageBox.ButtonRole.DestructiveRole
        next(b for b in box.buttons() if box.buttonRole(b) == wanted).click()
        qtbot.waitUntil(lambda: window.window.findChild(QMessageBox, "draftsBox") is None)
        if choice == "restore":
            qtbot.waitUntil(lambda: window.progress_form.done.toPlainText() == TYPED)
            assert shown_number(window) == 32 and window.details.currentIndex() == 1
            assert window.progress_form.form_state.dirty and window.progress_form.marker.isVisibleTo(
                window.progress_form
            )
            assert window.task_form.title.text() == TITLE and window.task_form.form_state.dirty
            assert len(drafts(database)) == 2  # still drafts until saved
        else:
            assert not window.progress_form.form_state.dirty and not window.task_form.form_state.dirty
            assert drafts(database) == []
        assert stored_done(database) is None and stored_title(database, 32) == original  # nothing saved unasked
    finally:
        database.close()


def test_a_title_typed_survives_shortcuts_that_change_the_ledger_and_is_saved_by_ctrl_n(
    qtbot, window: Controller
) -> None:
    """Keys and menus act while the focus stays in the field, so it never says
    it was finished: a move (Ctrl+↓) reloaded the form over the typed title,
    and a new task (Ctrl+N) took the selection away from it."""
    database = window.ledger.database
    window.open_task(task_id(database, 32))
    window.window.activateWindow()
    qtbot.waitUntil(window.window.isActiveWindow)
    window.task_form.title.setFocus()
    window.task_form.title.setText(TITLE)
    action(window, "Ctrl+Down").trigger()
    assert window.task_form.title.text() == TITLE and window.task_form.form_state.dirty
    assert stored_title(database, 32) != TITLE
    action(window, "Ctrl+N").trigger()
    qtbot.waitUntil(lambda: window.task_form.detail.number == 67)
    assert stored_title(database, 32) == TITLE


# --- the heading form ---------------------------------------------------------

HEADING = "进一步推进权力清单和责任清单公开"  # （一） under 一、 in the 2016 plan
NEW_HEADING = "全面推进权力清单和责任清单公开"


def heading_id(database: Database, *numerals: str) -> int:
    with database.session() as session:
        paths = section_paths(headings(session, session.scalars(select(Plan.id)).one()).values())
    return next(section_id for section_id, path in paths.items() if path == numerals)


def stored_heading(database: Database, section_id: int) -> tuple[str, str]:
    with database.session() as session:
        section = session.get_one(Section, section_id)
        return section.numeral, section.title


def type_heading(window: Controller, title: str = NEW_HEADING) -> int:
    """The title of （一） typed, and the focus gone to the tree without Enter."""
    section_id = heading_id(window.ledger.database, "一", "一")
    window.tree.setCurrentIndex(window.model.index_of("section", section_id))
    assert window.heading_form.title.text() == HEADING
    window.heading_form.title.setText(title)
    window.heading_form.title.editingFinished.emit()  # as the focus leaves for the tree: not a move within the form
    return section_id


@pytest.mark.parametrize("choice", ["save", "ask-save", "ask-discard", "ask-cancel"])
def test_leaving_the_heading_form(qtbot, plan_db: Database, choice: str) -> None:
    """The heading form saved on editingFinished, wherever the focus went: a
    title half typed when the tree was clicked was saved, and one typed while
    a shortcut moved the selection was lost. Now it is marked and guarded as
    the task form is."""
    save(WHEN_LEAVING, SAVE if choice == "save" else ASK)
    window = open_window(qtbot, plan_db)
    section_id = type_heading(window)
    form = window.heading_form
    assert form.form_state.dirty and form.marker.isVisibleTo(form) and window.details.tabText(0).endswith(" *")
    assert stored_heading(plan_db, section_id) == ("一", HEADING)
    window.tree.setCurrentIndex(window.model.index_of_task(task_id(plan_db, 33)))
    if choice != "save":
        answer(qtbot, window, choice.removeprefix("ask-"), named=f"（一）{HEADING}")
    if choice == "ask-cancel":
        qtbot.waitUntil(lambda: window.current() == ("section", section_id), timeout=5000)
        assert form.title.text() == NEW_HEADING and form.form_state.dirty
        assert stored_heading(plan_db, section_id) == ("一", HEADING)
        return
    qtbot.waitUntil(lambda: window.task_form.detail is not None and window.task_form.detail.number == 33, timeout=5000)
    assert stored_heading(plan_db, section_id) == ("一", NEW_HEADING if choice.endswith("save") else HEADING)
    assert not form.form_state.dirty and not window.details.tabText(0).endswith(" *")
    if choice.endswith("save"):
        assert window.ledger.undo_stack.undoText() == f"Edit heading {NEW_HEADING}"
    window.tree.setCurrentIndex(window.model.index_of("section", section_id))
    assert form.title.text() == stored_heading(plan_db, section_id)[1]


def test_the_heading_form_saves_on_enter_or_the_next_field_and_keeps_what_it_cannot_save(
    qtbot, window: Controller
) -> None:
    database = window.ledger.database
    save(WHEN_LEAVING, ASK)
    section_id = heading_id(database, "一", "一")
    window.tree.setCurrentIndex(window.model.index_of("section", section_id))
    form = window.heading_form
    form.numeral.setText("十")
    form.numeral.returnPressed.emit()
    assert stored_heading(database, section_id) == ("十", HEADING) and not form.form_state.dirty
    window.ledger.undo_stack.undo()  # the form follows the ledger
    assert form.numeral.text() == "一" and not form.form_state.dirty
    window.window.activateWindow()
    qtbot.waitUntil(window.window.isActiveWindow)
    form.title.setFocus()
    form.title.setText(NEW_HEADING)
    form.numeral.setFocus()  # Tab to the other field
    assert stored_heading(database, section_id) == ("一", NEW_HEADING) and not form.form_state.dirty
    form.title.setText("  ")
    form.title.returnPressed.emit()
    qtbot.waitUntil(lambda: window.window.findChild(QMessageBox, "errorBox") is not None)
    assert "标题不能为空" in window.window.findChild(QMessageBox, "errorBox").text()
    window.window.findChild(QMessageBox, "errorBox").done(0)
    assert form.title.text() == "  " and form.form_state.dirty  # what was typed stays
    assert stored_heading(database, section_id) == ("一", NEW_HEADING)


def test_a_heading_draft_is_kept_by_plan_and_numerals_and_offered_at_the_next_start(qtbot, plan_db: Database) -> None:
    """Headings have no UUID: the draft names the plan's UUID and the numerals
    from the top. A read-only window keeps it; the next start offers it."""
    path = plan_db.path
    plan_db.close()
    database = open_database(path, read_only=True)
    try:
        window = open_window(qtbot, database)
        window.window.findChild(QMessageBox, "errorBox").done(0)  # 以只读方式打开：不能修改
        section_id = type_heading(window)
        window.heading_form.title.returnPressed.emit()  # no error box, no write: the text stays, a draft
        window.tree.setCurrentIndex(window.model.index_of_task(task_id(database, 33)))  # no question
        qtbot.waitUntil(lambda: window.task_form.detail is not None)
        assert window.window.findChild(QMessageBox, "unsavedBox") is None
        with database.session() as session:
            plan_uuid = session.scalars(select(Plan.uuid)).one()
        (draft,) = drafts(database)
        assert (draft.key.form, draft.key.plan, draft.key.heading, draft.key.task) == (
            "heading",
            plan_uuid,
            ("一", "一"),
            "",
        )
        assert draft.fields["title"] == NEW_HEADING and draft.title == f"（一）{HEADING}"
        window.window.close()
    finally:
        database.close()

    database = open_database(path)
    try:
        window = open_window(qtbot, database)
        box = question(qtbot, window, "draftsBox")
        assert f"（一）{HEADING}" in box.text() and NEW_HEADING not in box.text()
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
        qtbot.waitUntil(lambda: window.heading_form.title.text() == NEW_HEADING)
        assert window.current() == ("section", section_id) and window.details.currentIndex() == 0
        assert window.heading_form.form_state.dirty and window.details.tabText(0).endswith(" *")
        assert stored_heading(database, section_id) == ("一", HEADING)  # nothing saved unasked
        window.window.close()  # saving is the default
        assert stored_heading(database, section_id) == ("一", NEW_HEADING) and drafts(database) == []
    finally:
        database.close()
