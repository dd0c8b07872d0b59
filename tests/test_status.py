"""Status rules, warning lights, figures and the office settings they read."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from db.operations.changes import tracking
from db.operations.progress import Report, record_progress
from db.queries.status import (
    TaskState,
    as_of,
    default_month,
    figures,
    task_states,
)
from db.schema.database import Database
from db.schema.models import STATUSES, Plan, ProgressEntry, Section, Task
from db.settings import (
    DEFAULTS,
    WarningSettings,
    get_setting,
    set_setting,
    warning_settings,
)
from db.vocabulary import LIGHTS
from tests.conftest import counting, plan_id, task_id

YEAR = 2016
FAR = WarningSettings(near_days=0, behind_fraction=1.0)  # neither blue nor behind unless at the deadline


def report(database: Database, number: int, month: str, status: str) -> None:
    with database.transaction() as session:
        record_progress(session, task_id(database, number), month, Report(status))


def set_deadline(database: Database, number: int, deadline: date | None) -> None:
    with database.transaction() as session:
        session.scalars(select(Task).where(Task.number == number)).one().deadline = deadline


def states(
    database: Database, month: str, today: date, settings: WarningSettings | None = None
) -> dict[int, TaskState]:
    with database.session() as session:
        by_id = task_states(session, plan_id(database), month, today, settings)
        numbers = dict(session.execute(select(Task.id, Task.number)).all())
    return {numbers[tid]: state for tid, state in by_id.items()}


# --- months ---------------------------------------------------------------------------


def test_as_of() -> None:
    assert as_of("2016-03", date(2016, 3, 10)) == date(2016, 3, 10)
    assert as_of("2016-03", date(2016, 8, 1)) == date(2016, 3, 31)
    assert as_of("2016-02", date(2016, 8, 1)) == date(2016, 2, 29)
    with pytest.raises(ValueError, match="YYYY-MM"):
        as_of("2016-13", date(2016, 8, 1))


def test_default_month_for_past_present_and_future_plans() -> None:
    assert default_month(2016, date(2016, 7, 15)) == "2016-07"
    assert default_month(2016, date(2019, 3, 1)) == "2016-12"
    assert default_month(2016, date(2015, 11, 30)) == "2016-01"


# --- settings --------------------------------------------------------------------------


def test_settings_default_validate_and_persist(empty_db: Database) -> None:
    with empty_db.session() as session:
        assert {key: get_setting(session, key) for key in DEFAULTS} == DEFAULTS
        assert warning_settings(session) == WarningSettings(30, 0.5)
        with pytest.raises(KeyError):
            get_setting(session, "colour")
    with empty_db.transaction() as session:
        for key, bad in [("near_days", "-1"), ("near_days", "366"), ("near_days", "3.5"), ("near_days", "abc"),
                         ("behind_fraction", "1.5"), ("behind_fraction", "-0.1"), ("behind_fraction", "nan"),
                         ("behind_fraction", "一半")]:  # fmt: skip
            with pytest.raises(ValueError, match=r"[\u4e00-\u9fff]"):
                set_setting(session, key, bad)
        with pytest.raises(KeyError):
            set_setting(session, "colour", "red")
        set_setting(session, "near_days", " 45 ")
        set_setting(session, "behind_fraction", "0.25")
        set_setting(session, "office_name", " 厦门市政务公开办 ")
    with empty_db.session() as session:
        assert get_setting(session, "near_days") == "45"
        assert get_setting(session, "office_name") == "厦门市政务公开办"
        assert warning_settings(session) == WarningSettings(45, 0.25)


def test_set_setting_goes_through_the_unit_of_work(empty_db: Database) -> None:
    """Undo records the changes the ORM flushes; a bulk UPDATE would be invisible."""
    with empty_db.transaction() as session, tracking(session) as inserted:
        set_setting(session, "near_days", "10")
    with empty_db.transaction() as session, tracking(session) as updated:
        set_setting(session, "near_days", "20")
    assert [(c.table, c.old, c.new) for c in inserted.changes] == [
        ("settings", None, {"key": "near_days", "value": "10"})
    ]
    assert [(c.old["value"], c.new["value"]) for c in updated.changes] == [("10", "20")]  # type: ignore[index]


def test_warning_settings_ignore_a_broken_stored_value(empty_db: Database) -> None:
    from db.schema.models import Setting

    with empty_db.transaction() as session:
        session.add(Setting(key="near_days", value="soon"))
    with empty_db.session() as session:
        assert warning_settings(session) == WarningSettings(30, 0.5)


# --- status ----------------------------------------------------------------------------


def test_never_reported_is_not_started_with_the_plan_year_end_as_deadline(plan_db: Database) -> None:
    state = states(plan_db, "2016-03", date(2016, 3, 25), FAR)[1]
    assert state.status == "not_started"
    assert not state.reported
    assert state.deadline == date(YEAR, 12, 31)  # the 2016 plan names no deadlines
    assert not state.overdue and not state.behind
    assert state.light == "yellow"  # unreported on the report day (the 25th)


def test_a_missing_report_is_not_a_warning_before_the_report_day(plan_db: Database) -> None:
    assert states(plan_db, "2016-03", date(2016, 3, 24), FAR)[1].light is None
    with plan_db.transaction() as session:
        set_setting(session, "report_day", "10")
    assert states(plan_db, "2016-03", date(2016, 3, 10))[1].light == "yellow"
    assert states(plan_db, "2016-02", date(2016, 3, 1))[1].light == "yellow"  # a past month is due


def test_a_standing_duty_is_never_blue(plan_db: Database) -> None:
    report(plan_db, 1, "2016-12", "ongoing")
    report(plan_db, 2, "2016-12", "in_progress")
    december = states(plan_db, "2016-12", date(2016, 12, 10))
    assert december[1].light is None
    assert december[2].light == "blue"


def test_latest_entry_up_to_the_month_wins(plan_db: Database) -> None:
    report(plan_db, 1, "2016-02", "in_progress")
    report(plan_db, 1, "2016-04", "completed")
    today = date(2016, 12, 1)
    expected = {
        "2016-01": ("not_started", False),
        "2016-02": ("in_progress", True),
        "2016-03": ("in_progress", False),  # a later month's entry is not looked at
        "2016-04": ("completed", True),
        "2016-09": ("completed", False),
    }
    for month, (status, reported) in expected.items():
        state = states(plan_db, month, today, FAR)[1]
        assert (state.status, state.reported) == (status, reported), month
        assert state.unreported == (not reported and status != "completed")


def test_task_deadline_overrides_the_year_end(plan_db: Database) -> None:
    set_deadline(plan_db, 2, date(2016, 6, 30))
    result = states(plan_db, "2016-03", date(2016, 3, 15), FAR)
    assert result[2].deadline == date(2016, 6, 30)
    assert result[3].deadline == date(2016, 12, 31)


def test_overdue_unless_completed_or_ongoing(plan_db: Database) -> None:
    for number in (1, 2, 3, 4, 5):
        set_deadline(plan_db, number, date(2016, 6, 30))
    report(plan_db, 2, "2016-07", "in_progress")
    report(plan_db, 3, "2016-05", "completed")
    report(plan_db, 4, "2016-07", "ongoing")
    result = states(plan_db, "2016-07", date(2016, 8, 15), FAR)
    assert [result[n].overdue for n in (1, 2, 3, 4)] == [True, True, False, False]
    assert [result[n].light for n in (1, 2, 3)] == ["red", "red", None]
    # Judged at the end of June the deadline is today, not passed.
    assert not states(plan_db, "2016-06", date(2016, 8, 15), FAR)[5].overdue
    # Judged in July while July runs, as of today.
    assert not states(plan_db, "2016-07", date(2016, 6, 30), FAR)[5].overdue
    assert states(plan_db, "2016-07", date(2016, 7, 1), FAR)[5].overdue


def test_behind_schedule_at_the_threshold(plan_db: Database) -> None:
    # 100 days from Jan 1 to the deadline: half the time is gone on day 50, Feb 20.
    deadline = date(2016, 1, 1) + timedelta(days=100)
    half = WarningSettings(near_days=0, behind_fraction=0.5)
    for number in (1, 2):
        set_deadline(plan_db, number, deadline)
    report(plan_db, 1, "2016-02", "not_started")
    report(plan_db, 2, "2016-02", "in_progress")

    before = states(plan_db, "2016-02", date(2016, 2, 19), half)
    at = states(plan_db, "2016-02", date(2016, 2, 20), half)
    assert not before[1].behind and before[1].light is None  # reported, on schedule, far from the deadline
    assert at[1].behind and at[1].light == "yellow"
    assert not at[2].behind  # started
    # The threshold comes from the settings when none are passed.
    with plan_db.transaction() as session:
        set_setting(session, "behind_fraction", "0.1")
        set_setting(session, "near_days", "0")
    assert states(plan_db, "2016-02", date(2016, 1, 11))[1].behind  # day 10 of 100
    assert not states(plan_db, "2016-02", date(2016, 1, 10))[1].behind


def test_completed_and_ongoing_are_never_behind(plan_db: Database) -> None:
    report(plan_db, 1, "2016-11", "completed")
    report(plan_db, 2, "2016-11", "ongoing")
    result = states(plan_db, "2016-11", date(2016, 11, 30), WarningSettings(0, 0.0))
    assert not result[1].behind and not result[2].behind
    assert result[3].behind


def test_lights(plan_db: Database) -> None:
    deadline = date(2016, 4, 10)
    for number in (1, 2, 3, 4, 5):
        set_deadline(plan_db, number, deadline)
    for number in (1, 3, 4):
        report(plan_db, number, "2016-03", "in_progress")
    report(plan_db, 5, "2016-03", "completed")
    today = date(2016, 3, 5)  # 36 days before the deadline
    with plan_db.transaction() as session:
        set_setting(session, "behind_fraction", "1")
        set_setting(session, "report_day", "1")  # March's report is owed already

    result = states(plan_db, "2016-03", today)
    assert result[1].light is None  # reported, 36 days > 30
    assert result[2].light == "yellow"  # not reported in March
    assert result[5].light is None  # completed

    with plan_db.transaction() as session:
        set_setting(session, "near_days", "36")
    result = states(plan_db, "2016-03", today)
    assert result[1].light == "blue"  # the boundary counts as near
    assert result[2].light == "yellow"  # unreported outranks near
    with plan_db.transaction() as session:
        set_setting(session, "near_days", "35")
    assert states(plan_db, "2016-03", today)[1].light is None

    late = states(plan_db, "2016-03", date(2016, 4, 20))  # as of March 31, before the deadline
    assert late[1].light == "blue"
    april = states(plan_db, "2016-04", date(2016, 4, 20))
    assert april[3].light == "red"  # overdue outranks unreported
    assert april[5].light is None
    assert {s.light for s in april.values()} <= {None, *LIGHTS}


def test_figures(plan_db: Database) -> None:
    set_deadline(plan_db, 1, date(2016, 2, 1))
    report(plan_db, 1, "2016-03", "in_progress")
    report(plan_db, 2, "2016-03", "completed")
    report(plan_db, 3, "2016-01", "completed")
    report(plan_db, 4, "2016-03", "ongoing")
    result = figures(states(plan_db, "2016-03", date(2016, 4, 1), FAR).values())
    assert result.total == 66
    assert result.by_status == {"not_started": 62, "in_progress": 1, "completed": 2, "ongoing": 1}
    assert result.completed == 2
    assert result.overdue == 1
    assert result.unreported == 62  # task 3 completed in January owes no March report
    assert result.completion_rate == pytest.approx(2 / 66)

    empty = figures([])
    assert empty.total == 0 and empty.completion_rate == 0.0
    assert empty.by_status == dict.fromkeys(STATUSES, 0)


def test_unknown_plan_and_bad_month(plan_db: Database) -> None:
    with plan_db.session() as session:
        assert task_states(session, 999, "2016-03", date(2016, 3, 1)) == {}
        with pytest.raises(ValueError):
            task_states(session, plan_id(plan_db), "2016-3", date(2016, 3, 1))


# --- cost ------------------------------------------------------------------------------


def test_task_states_uses_a_fixed_number_of_queries(plan_db: Database) -> None:
    for number in range(1, 30):
        report(plan_db, number, "2016-02", "in_progress")
        report(plan_db, number, "2016-03", "completed" if number % 2 else "in_progress")
    pid = plan_id(plan_db)
    with plan_db.session() as session, counting(plan_db.engine) as statements:
        result = task_states(session, pid, "2016-03", date(2016, 5, 1))
    assert len(result) == 66
    assert len(statements) <= 5, statements
    with plan_db.session() as session, counting(plan_db.engine) as statements:
        task_states(session, pid, "2016-03", date(2016, 5, 1), WarningSettings())
    assert len(statements) <= 3


def test_a_large_plan(empty_db: Database) -> None:
    """5,000 tasks with entries in two months: same query count, rules hold."""
    tasks = 5000
    with empty_db.transaction() as session:
        plan = Plan(title="大计划", year=2030, imported_at=datetime(2030, 1, 1))
        session.add(plan)
        session.flush()
        section = Section(plan_id=plan.id, parent_id=None, level=1, numeral="一", title="全部", position=0)
        session.add(section)
        session.flush()
        pid = plan.id
        rows = [
            {"plan_id": pid, "section_id": section.id, "number": n, "title": f"任务{n}", "requirement": "",
             "deadline": date(2030, 1 + n % 12, 1) if n % 3 == 0 else None, "deadline_text": "", "position": n}
            for n in range(1, tasks + 1)
        ]  # fmt: skip
        session.execute(insert(Task.__table__), rows)
        ids = {n: tid for n, tid in session.execute(select(Task.number, Task.id).where(Task.plan_id == pid))}
        statuses = ("in_progress", "completed", "ongoing", "not_started")
        now = datetime.now()
        entries = [
            {"task_id": ids[n], "month": f"2030-0{m}", "status": statuses[(n + m) % 4], "recorded_at": now,
             "done": "", "problems": "", "next_steps": "", "evidence": "", "recorded_by": ""}
            for n in range(1, tasks + 1)
            if n % 5
            for m in (1, 3)
        ]  # fmt: skip
        session.execute(insert(ProgressEntry.__table__), entries)

    with empty_db.session() as session, counting(empty_db.engine) as statements:
        result = task_states(session, pid, "2030-03", date(2030, 6, 1))
    assert len(result) == tasks
    assert len(statements) <= 5
    for n in (1, 5, 6, 7, 3000):
        state = result[ids[n]]
        if n % 5 == 0:
            assert state.status == "not_started" and not state.reported
        else:
            assert state.status == statuses[(n + 3) % 4] and state.reported
    assert result[ids[6]].deadline == date(2030, 7, 1) and result[ids[7]].deadline == date(2030, 12, 31)
    assert figures(result.values()).total == tasks
