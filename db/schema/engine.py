"""Engine set-up, and everything that is SQLite's own, kept in this one place.

SQLite is the embedded default; an office that shares one server would pass a
PostgreSQL URL to `make_engine` and skip the file checks. What else is
SQLite's own lives in three modules beside this one, used only through
`db.schema.database.open_database` and the command line: `db.safety.lock` (the lock file of
the one writer), `db.safety.integrity` (`PRAGMA integrity_check` and
`foreign_key_check`) and `db.safety.backup` (copies through SQLite's online backup API).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from db.errors import DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
# File systems on which SQLite's locks (and so WAL) cannot be trusted.
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "coda", "ceph",
     "glusterfs", "lustre", "gpfs", "davfs", "fuse.sshfs", "sshfs", "fuse.glusterfs", "fuse.cephfs"}
)  # fmt: skip
NETWORK_SHARE_WARNING = "数据库位于网络共享上，SQLite 的文件锁在网络文件系统上不可靠，请把数据库放在本机硬盘上"


class ReadOnlyLocationError(DatabaseError):
    """The database file or its folder cannot be written: it can only be opened
    with ``open_database(path, read_only=True)``."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        super().__init__(f"{path}：{what}是只读的，无法以可写方式打开；可以只读方式打开查看")


def check_sqlite_path(path: Path) -> bool:
    """Refuse a path that cannot hold the database; say whether the file exists.

    A folder that does not exist is refused rather than created, so that a
    mistyped --db does not silently start an empty ledger somewhere else.
    """
    if path.is_dir():
        raise DatabaseError(f"{path}：是一个文件夹，不是数据库文件")
    if not path.parent.is_dir():
        raise DatabaseError(f"{path}：所在的文件夹 {path.parent} 不存在")
    if not path.exists():
        return False
    if not path.is_file():
        raise DatabaseError(f"{path}：不是普通文件，不能用作数据库")
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"{path}：无法读取（{exc.strerror or exc}）") from None
    if header and header != SQLITE_HEADER:
        raise DatabaseError(f"{path}：不是本程序的数据库文件（不是 SQLite 数据库）")
    return bool(header)


def check_writable(path: Path) -> None:
    """Raise ReadOnlyLocationError unless the file (when it exists) and its
    folder can be written: SQLite writes the -wal and -shm files, the lock file
    and the backups beside the database.

    Tried for real (opening the file for writing, creating and removing a file
    in the folder) rather than asked of os.access, which says yes to root and
    knows nothing of Windows ACLs. Neither try changes the database file.
    """
    if path.exists():
        try:
            _probe_file(path)
        except OSError as exc:
            if _is_read_only_error(exc):
                raise ReadOnlyLocationError(path, "文件") from None
            raise DatabaseError(f"{path}：无法打开（{exc.strerror or exc}）") from None
        if (companion := read_only_file_of(path)) is not None:  # a -wal or -shm made read-only
            raise ReadOnlyLocationError(companion, "文件")
    try:
        _probe_folder(path.parent)
    except OSError as exc:
        if _is_read_only_error(exc):
            raise ReadOnlyLocationError(path, f"所在的文件夹 {path.parent} ") from None
        raise DatabaseError(f"{path}：无法在文件夹 {path.parent} 中写入（{exc.strerror or exc}）") from None


def _probe_file(path: Path) -> None:
    os.close(os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0)))


def _probe_folder(folder: Path) -> None:
    handle, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
    os.close(handle)
    os.unlink(probe)


def _is_read_only_error(exc: OSError) -> bool:
    import errno

    return exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


def network_share_warning(path: Path) -> str | None:
    """The warning to show when `path` lies on a network share, else None.

    Not refused: some offices have nothing else. Linux: the file system type of
    the mount holding the path (/proc/mounts). Windows: a UNC path or a mapped
    network drive (GetDriveTypeW). Other systems are not checked.
    """
    try:
        remote = _is_network_path(Path(os.path.abspath(path)))
    except OSError:
        remote = False
    return NETWORK_SHARE_WARNING if remote else None


def _is_network_path(path: Path) -> bool:
    if sys.platform == "win32":
        return _windows_is_remote(str(path))
    if sys.platform.startswith("linux"):
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        return mount_fstype(os.path.realpath(path.parent), mounts) in NETWORK_FILESYSTEMS
    return False


def mount_fstype(path: str, mounts: str) -> str | None:
    """The file system type of the mount that holds `path`, given the text of
    /proc/mounts (the longest mount point that is a prefix of the path)."""
    best, fstype = -1, None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= best:  # the later of two mounts on one point is the visible one
            best, fstype = len(point), fields[2].lower()
    return fstype


def _windows_is_remote(path: str) -> bool:
    if path.startswith("\\\\?\\UNC\\") or (path.startswith("\\\\") and not path.startswith("\\\\?\\")):
        return True
    import ctypes

    drive = os.path.splitdrive(path)[0]
    if not drive:
        return False
    DRIVE_REMOTE = 4  # noqa: N806 (the Win32 name)
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)  # type: ignore[attr-defined]


def sqlite_uri(path: Path, **parameters: str) -> str:
    """A `file:` URI for sqlite3.connect(..., uri=True): any file name, with
    `mode=ro` and the like as parameters."""
    absolute = Path(os.path.abspath(path)).as_posix()
    if not absolute.startswith("/"):
        absolute = "/" + absolute  # C:/… → /C:/…; //server/share stays a UNC path
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    return f"file://{quote(absolute, safe='/:')}" + (f"?{query}" if query else "")


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A raw connection that cannot write (`mode=ro`).

    A WAL database needs its -shm file to be read; in a folder that cannot be
    written, where SQLite cannot create it, the file is opened `immutable`
    instead, which is only safe when no committed data waits in a -wal file
    (and no one can be writing, since no one can write there). Otherwise
    DatabaseError.
    """
    connection = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, check_same_thread=False)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError as exc:
        connection.close()
        if "readonly" not in str(exc) and "unable to open" not in str(exc):
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise DatabaseError(
            f"{path}：数据库上次未正常关闭，且所在位置只读，无法读取其中最近的修改；请在可写的位置打开一次"
        )
    return sqlite3.connect(sqlite_uri(path, mode="ro", immutable="1"), uri=True, check_same_thread=False)


def wal_present(path: Path) -> bool:
    """Whether a -wal or -shm lies beside the database: a program has it open
    (our writers run in WAL mode), or one ended without closing it."""
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))


def tidy_companions(path: Path) -> None:
    """Remove the -wal and -shm that a read-only connection (`mode=ro`) left
    beside a database that had none: SQLite creates them to read a WAL file,
    and only a connection that may write removes them, as the last one to
    close. So one is opened, reads the schema and closes; SQLite then removes
    both, unless another program has the database open (they are in use).
    Only when the -wal is empty: closing then writes nothing into the
    database (committed changes left in a -wal are the next writer's)."""
    wal = Path(f"{path}-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return
        if not wal_present(path):
            return
        connection = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except (sqlite3.Error, OSError):
        pass  # a file that cannot be written here: what SQLite made stays


def connect_for_check(path: Path) -> sqlite3.Connection:
    """A raw read-only connection for checking a file before it is used.

    When no -wal or -journal lies beside the file, the file alone holds the
    database and nobody is writing it (our writers run in WAL mode, and a
    WAL-mode connection keeps its -wal while open): it is read `immutable`,
    which creates no -wal and -shm. So refusing a damaged or foreign file
    leaves nothing beside it, and checking needs no free space. Otherwise
    `connect_read_only`.
    """
    if any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal")):
        return connect_read_only(path)
    return sqlite3.connect(sqlite_uri(path, mode="ro", immutable="1"), uri=True, check_same_thread=False)


# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 8, 10, 13, 14


def storage_error(path: Path, exc: BaseException, what: str) -> DatabaseError | None:
    """The plain message for an SQLite error caused by where the database
    lies rather than by what it holds, or None: a full disk (DiskFullError),
    the file, its -wal or -shm made read-only or immutable (ReadOnlyFileError),
    another disk I/O error. `exc` is an sqlite3.Error or SQLAlchemy's wrapper
    of one; `what` says what became of the work ("未导入", "数据库保持原样")."""
    from db.errors import DiskFullError, ReadOnlyFileError
    from db.safety.storage import RESERVE, free_space

    error = getattr(exc, "orig", exc)
    if not isinstance(error, sqlite3.Error):
        return None
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code not in (SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN):
        return None
    path = Path(path)
    free = free_space(path.parent)
    if code == SQLITE_FULL or (free is not None and free < RESERVE):
        return DiskFullError(path, what, free=free)
    if (read_only := read_only_file_of(path)) is not None:
        return ReadOnlyFileError(read_only, what)
    if code == SQLITE_READONLY:
        return ReadOnlyFileError(path, what)
    return DatabaseError(f"{path}：读写数据库文件时发生磁盘错误（{error}），{what}")


def read_only_file_of(path: Path) -> Path | None:
    """The first of the database file, its -wal and its -shm that exists and
    cannot be written (made read-only or immutable while the program runs), or None.

    Asked before every write: SQLite maps the -shm into memory, and an
    immutable -shm then kills the process with SIGBUS at the first write,
    before any error could be reported."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            _probe_file(candidate)
        except FileNotFoundError:
            continue
        except OSError as exc:
            if _is_read_only_error(exc):
                return candidate
    return None


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the SQLite file with foreign keys on, WAL and real transactions.

    With `read_only` every connection is opened `mode=ro`: any write fails
    ("attempt to write a readonly database"), and the journal mode is left as
    the file has it.
    """
    url = URL.create("sqlite", database=str(path))
    if read_only:
        engine = create_engine(url, creator=lambda: connect_read_only(path), poolclass=QueuePool)
    else:
        engine = create_engine(url, connect_args={"isolation_level": None})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        if read_only:
            dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    # pysqlite's own transaction handling does not begin before SELECT or DDL;
    # with isolation_level None we emit BEGIN ourselves so a transaction is whole.
    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine


@contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Migrations copy tables, which foreign keys forbid; they can only be
    switched outside a transaction, so this wraps the migration's one."""
    raw = connection.connection.dbapi_connection
    assert raw is not None  # the connection is open: it was just checked out
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


def foreign_key_violations(connection: Connection) -> list[tuple[object, ...]]:
    return [tuple(row) for row in connection.exec_driver_sql("PRAGMA foreign_key_check")]
