"""Opening, creating and upgrading the database file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from db.errors import DatabaseError, InputError
from db.plans.registry import load_registry_file
from db.schema import migrate
from db.schema.database import open_database
from db.schema.engine import make_engine
from db.schema.models import Assignment, Base, Plan, Task, Unit
from tests.conftest import TABLES, dump


def test_head_revision_constant_matches_the_scripts() -> None:
    assert migrate.known_revisions()[-1] == migrate.HEAD_REVISION


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    database = open_database(tmp_path / "a.db")
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    database.close()
    assert diff == []


def test_new_database_has_an_empty_registry_and_the_pragmas(empty_db) -> None:
    with empty_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    with empty_db.session() as session:
        assert session.scalar(select(func.count(Unit.id))) == 0
        assert session.scalar(select(func.count(Plan.id))) == 0


def test_a_new_database_with_the_bundled_plan_takes_the_shipped_registry(plan_db) -> None:
    with plan_db.session() as session:
        names = set(session.scalars(select(Unit.name)))
    assert {entry.name for entry in load_registry_file()} <= names


def test_foreign_keys_are_enforced(empty_db) -> None:
    with pytest.raises(IntegrityError), empty_db.transaction() as session:
        session.add(Task(plan_id=999, section_id=999, number=1, title="x", position=0))


def test_a_failed_transaction_leaves_nothing(plan_db) -> None:
    before = dump(plan_db.path)
    with pytest.raises(RuntimeError), plan_db.transaction() as session:
        session.execute(text("DELETE FROM assignments"))
        session.execute(text("UPDATE tasks SET title = 'changed'"))
        raise RuntimeError("the user's action failed half-way")
    assert dump(plan_db.path) == before


def test_first_start_loads_the_bundled_plan(plan_db) -> None:
    with plan_db.session() as session:
        assert session.scalar(select(func.count(Task.id))) == 66


def test_a_bad_first_plan_leaves_no_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("没有任务的文件\n", encoding="utf-8")
    with pytest.raises(InputError):
        open_database(tmp_path / "ledger.db", first_plan=bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"]


def test_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="不存在"):
        open_database(tmp_path / "nowhere" / "ledger.db")
    assert not (tmp_path / "nowhere").exists()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="文件夹"):
        open_database(tmp_path)


def test_a_file_that_is_not_a_database_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(DatabaseError, match="不是本程序的数据库文件"):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "这不是数据库"


def test_a_newer_schema_is_refused(empty_db) -> None:
    with empty_db.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    empty_db.close()
    with pytest.raises(DatabaseError, match="更新版本"):
        open_database(empty_db.path)


def _rows_at_first_revision(path: Path) -> None:
    """Fill a database built by the first revision, with plain SQL of that schema."""
    now = datetime(2016, 5, 1).isoformat(" ")
    statements = [
        f"INSERT INTO plans VALUES (1, '旧计划2016年', 2016, 'old.txt', '{now}')",
        "INSERT INTO units VALUES (1, '市发改委', 'department'), (2, '各区人民政府', 'collective'),"
        " (3, '思明区人民政府', 'district')",
        "INSERT INTO unit_aliases VALUES (1, 1, '市发展改革委')",
        "INSERT INTO collective_members VALUES (2, 3)",
        "INSERT INTO sections VALUES (1, 1, NULL, 1, '一', '部分', 0), (2, 1, 1, 2, '一', '小节', 0)",
        "INSERT INTO tasks VALUES (1, 1, 2, 1, '任务', '要求', '2016-06-30', '2016年6月底', 0)",
        "INSERT INTO assignments VALUES (1, 1, 1, 'lead', '市发改委', 0, 0), (2, 1, 2, 'responsible', '各区人民政府', 1, 0)",
        f"INSERT INTO progress_entries VALUES (1, 1, '2016-05', 1, 'in_progress', '已做', '', '', '', '{now}', '张三')",
    ]
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
    engine.dispose()


def test_a_database_of_the_first_revision_is_upgraded_without_losing_a_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    first = migrate.known_revisions()[0]
    engine = make_engine(path)
    migrate.upgrade(engine, first)
    engine.dispose()
    _rows_at_first_revision(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        first_tables = [table for table in TABLES if inspect(connection).has_table(table)]
        before = {table: connection.exec_driver_sql(f"SELECT * FROM {table}").all() for table in first_tables}
    engine.dispose()

    database = open_database(path)
    with database.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.HEAD_REVISION
        after = {table: connection.exec_driver_sql(f"SELECT * FROM {table}").all() for table in first_tables}
    with database.session() as session:
        task = session.scalars(select(Task)).one()
        assert (task.title, task.deadline_text) == ("任务", "2016年6月底")
        assert [a.confirmed for a in session.scalars(select(Assignment))] == [False, False]
    database.close()
    for table, rows in before.items():
        assert rows, table
        # every old row is there, with the old values first (new columns are appended)
        assert [tuple(row)[: len(old)] for row, old in zip(after[table], rows, strict=False)] == [
            tuple(old) for old in rows
        ]
        assert len(after[table]) == len(rows)
