"""Going back to a backup: the file replaced (db.safety.backup.restore_backup,
which first backs up the database it replaces, byte for byte if SQLite
cannot read it), then the restore recorded in the history of the restored
ledger (RECORD_RESTORE). The window and `main.py restore` call the same
`restore_ledger`; the window asks `check_restorable` first, while its
database is still open, so that a refused restore leaves everything as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from db.operations.runner import Done, Operation, perform

if TYPE_CHECKING:
    from db.schema.database import Database


def _note_restore(_session: Session) -> None:
    """The restore changed the whole file, not rows: its transaction holds
    nothing but its history entry."""


RECORD_RESTORE = Operation(_note_restore, "从备份恢复", event=True)


@dataclass(frozen=True)
class Restored:
    database: Database  # the restored ledger, open for writing: the caller closes it
    saved: Path | None  # the backup made of the database it replaced (None: there was none)
    done: Done[None]  # its history entry


def restore_ledger(db_path: Path, backup: Path, *, action: str | None = None, operator: str | None = None) -> Restored:
    """Restore the database at `db_path` (closed) from `backup` and record it.

    A refusal (InputError for an unusable backup, DatabaseError for the
    database, DatabaseLockedError while another program has it open) comes
    before the file is touched, and records nothing."""
    from db.safety.backup import restore
    from db.schema.database import open_database

    backup = Path(backup)
    saved = restore(Path(db_path), backup)
    database = open_database(Path(db_path))
    try:
        done = perform(database, RECORD_RESTORE(), action=action or f"从备份恢复 {backup.name}", operator=operator)
    except BaseException:
        database.close()
        raise
    return Restored(database, saved, done)
