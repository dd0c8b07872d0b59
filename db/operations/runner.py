"""The one door through which the program writes the ledger.

Every named write is an `Operation`, declared once beside its function (the
function takes the session first and does the work; the declaration says
what the runner must do around it). `perform` runs it, and owns the policy
that used to be written out by every caller, and written differently:

0. the day's chores the window's opening left to a worker (the full
   integrity check and the start backup, db.schema.database.DailyChores)
   are waited for, or run, and a file they found damaged is refused;
1. the read-only check: a database opened read-only refuses with a plain
   Chinese message (ReadOnlyDatabaseError), before anything else happens;
2. validation: the operation's `check` runs in a reading session, so that a
   write refused for its input costs no backup;
3. the free-space check (db.safety.storage) for the operation's estimate,
   and the check that the file was not made read-only behind the program's
   back: refused before a backup is made that could not be followed by the write;
4. the backup rule: the operations that declare a reason (`plan-import`,
   `returns-import`) are backed up first, whoever calls them — the window,
   its workers and the command line alike;
5. one transaction, whose row changes are tracked (db.operations.changes)
   and recorded in the history (db.operations.history) in the same
   transaction: nothing changes without its history;
6. the result: a `Done` holding the change set (for undo), its meaning for
   the views (db.operations.touched), the history's action text, the backup
   made and the function's own value.

The window wraps `perform` as an undoable command (desktop/ledger.py); the
command line calls it directly (commands/). Nothing else opens a write
transaction: `Database.transaction()` is called here and, while a new file is
built, in db.schema.database only (tests/test_one_door.py checks both the code
and the running window), and a reading session (`Database.session()`) refuses
to write at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from db.errors import DatabaseError
from db.operations.changes import ChangeSet
from db.operations.history import recorded
from db.operations.touched import Touched, touched
from db.safety.backup import backup_before
from db.safety.storage import ensure_free_space

if TYPE_CHECKING:
    from db.schema.database import Database

P = ParamSpec("P")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

NOT_SAVED = "本次修改未保存，数据库保持原样"
READ_ONLY = "数据库以只读方式打开（正被其他程序使用，或所在位置不可写），不能修改"

# Set while `perform` runs its transaction, in the thread that runs it: the
# window's tests refuse every write made while it is not set.
_PERFORMING: ContextVar[bool] = ContextVar("duban_performing", default=False)


class ReadOnlyDatabaseError(DatabaseError):
    """A write asked of a database opened read-only; nothing was done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(READ_ONLY)


@dataclass(frozen=True)
class Operation(Generic[P, T]):
    """One named write of the ledger, declared once: `body(session, *args)`
    does it; the rest says what `perform` does around it.

    `title`: the history's text when the caller gives none (Chinese).
    `backup`: the reason of the backup made before it (db.safety.backup.REASONS), or None.
    `space`: the disk space its transaction may take, from its arguments (bytes; 0 when None).
    `check`: validation run in a reading session before anything is backed up or written.
    `event`: recorded in the history even when it changes no row (a restore
    changes the whole file, not rows).

    Calling an operation with its arguments (after the session) gives the
    `Call` that `perform` runs: `perform(database, EDIT_TASK(task_id, title="…"))`.
    """

    body: Callable[Concatenate[Session, P], T]
    title: str
    backup: str | None = None
    space: Callable[P, int] | None = None
    check: Callable[Concatenate[Session, P], object] | None = None  # what it returns is not used
    event: bool = False

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Call[T]:
        return Call(self, args, kwargs)


@dataclass(frozen=True)
class Call(Generic[T_co]):
    """An operation with its arguments, ready to be performed (in this thread or a worker's)."""

    operation: Operation[Any, T_co]
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Done(Generic[T_co]):
    """What one performed operation did.

    `changes`: the rows it changed (undo applies their inverse).
    `touched`: what they mean to the views (structure, tasks, statuses, registry, settings…).
    `action`: the text its history entry and its undo command carry.
    `backup`: the backup made before it, if its rule asks for one.
    `value`: what the operation's function returned (a new task's id, an import's report…).
    """

    value: T_co
    changes: ChangeSet
    touched: Touched
    action: str
    backup: Path | None = None


def perform(
    database: Database,
    call: Call[T],
    *,
    action: str | None = None,
    operator: str | None = None,
    cancel: Callable[[], None] | None = None,
) -> Done[T]:
    """Run one operation through the policy of this module (see its docstring)
    and return what it did.

    `action` is the history's text (default: the operation's title),
    `operator` the person recorded with it (default: the user of the OS).
    `cancel()` is called after the backup and once more before the commit,
    the last moment at which stopping still writes nothing; it raises to stop.
    A refusal (ReadOnlyDatabaseError, InputError, EditError, ValueError,
    DiskFullError …) reaches the caller with the database as it was.
    """
    operation, args, kwargs = call.operation, call.args, call.kwargs
    database.finish_daily()  # the day's check and backup before anything (a damaged file: refused here)
    refuse_read_only(database)
    if operation.check is not None:
        with database.session() as session:
            operation.check(session, *args, **kwargs)
    _check_storage(database, operation.space(*args, **kwargs) if operation.space is not None else 0)
    made = None
    if operation.backup is not None:
        made = backup_before(database.path, operation.backup)
    if cancel is not None:
        cancel()
    text = operation.title if action is None else action
    with _performing(), database.transaction() as session:
        with recorded(session, text, operator, force=operation.event) as changes:
            value = operation.body(session, *args, **kwargs)
        if cancel is not None:
            cancel()
    return Done(value, changes, touched(changes), text, made)


def refuse_read_only(database: Database) -> None:
    """ReadOnlyDatabaseError when `database` was opened read-only (the window
    may ask before it shows a dialog whose end is a write)."""
    if database.read_only:
        raise ReadOnlyDatabaseError(database.path)


def performing() -> bool:
    """Whether this thread is inside `perform`'s transaction."""
    return _PERFORMING.get()


@contextmanager
def _performing() -> Iterator[None]:
    token = _PERFORMING.set(True)
    try:
        yield
    finally:
        _PERFORMING.reset(token)


def _check_storage(database: Database, needed: int) -> None:
    """The file and its companions writable, and `needed` bytes free besides
    db.safety.storage.RESERVE; a plain refusal otherwise."""
    database.refuse_read_only_file()
    ensure_free_space(database.path, needed, NOT_SAVED)
