"""Opening the ledger: one object holding the engine, handing out transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.engine import check_sqlite_path, make_engine
from db.errors import DatabaseError
from db.registry import load_registry_file, seed_registry


class Database:
    """An open database. Every user action is one `transaction()`."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose changes are committed together at the end, or not at all."""
        with self._sessions() as session, session.begin():
            yield session

    def session(self) -> Session:
        """A session for reading; whatever it is asked to write is rolled back on close."""
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, first_plan: Path | None = None) -> Database:
    """Open the ledger at `path`, creating it when there is none.

    A new database gets the schema and the unit registry, and, with
    `first_plan`, that plan (the GUI's first start). It is built under a
    temporary name and moved into place only when complete, so an interrupted
    first start leaves nothing half-made. An older schema is upgraded.
    """
    path = Path(path)
    if not check_sqlite_path(path):
        _create(path, first_plan)
    engine = make_engine(path)
    try:
        if migrate.needs_upgrade(engine):
            migrate.upgrade(engine)
    except SQLAlchemyDatabaseError as exc:
        engine.dispose()
        raise DatabaseError(f"{path}：数据库文件已损坏或无法打开（{exc.orig}）") from None
    except BaseException:
        engine.dispose()
        raise
    return Database(path, engine)


def _create(path: Path, first_plan: Path | None) -> None:
    building = path.with_name(path.name + ".creating")
    for leftover in (building, *(Path(f"{building}{suffix}") for suffix in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    engine = make_engine(building)
    try:
        migrate.upgrade(engine)
        database = Database(building, engine)
        with database.transaction() as session:
            seed_registry(session, load_registry_file())
            if first_plan is not None:
                from db.plan_import import import_plan
                from db.plan_readers import read_plan
                from db.registry import collective_names

                import_plan(session, read_plan(first_plan, collective_names(session)))
    except BaseException:
        engine.dispose()
        building.unlink(missing_ok=True)
        raise
    engine.dispose()  # the last connection closing checkpoints and removes the WAL
    os.replace(building, path)
