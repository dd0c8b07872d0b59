"""One writer at a time: an operating-system lock, and the holder's details beside the database.

The operating system's lock decides, for as long as the database is open,
and the system drops it when the process ends, however it ends:

- Linux: `flock` on the database file itself. It belongs to the open file
  description, so closing another descriptor of the file (SQLite's, a
  backup's) does not drop it, unlike `lockf`; and Linux keeps it apart from
  SQLite's own `fcntl` locks. Deleting, replacing or garbling the lock file
  therefore lets no second writer in. A database that does not exist yet is
  locked the moment it appears: `WriterLock.moving_in` locks the new file
  before it is moved into place.
- Windows: a byte far beyond the data of the lock file (`msvcrt.locking`),
  held open; Windows lets nobody delete or replace a file that is open, and
  the JSON details before that byte stay readable.
- Other POSIX systems (macOS, the BSDs, where `flock` and SQLite's `fcntl`
  locks on one file would collide): `flock` on the open lock file. There a
  lock file deleted while its holder runs is not covered.

`ledger.db.lock` holds, as JSON, the PID, host name and start time of the
holder and a random token: what the "in use" message says. It is created
atomically (O_CREAT | O_EXCL) and removed by `Database.close()` (and, should
the program forget, at interpreter exit). SQLite's own locks keep two writers
from corrupting the file, but not from overwriting each other's work (the
window of one instance would show data the other has changed behind its
back); the lock makes the second instance ask, and open read-only instead.

Within one process the lock is shared: a second `open_database` of the same
file in the process that holds it (the window's tests open the same file
from several Database objects) takes it again, counted, and the lock goes
when the last holder releases it.

A lock file left behind (the OS lock is free) was left by a program that
ended without closing: it is taken over with a note. A lock file from another
host (a database on a share, where the OS lock may not reach) is never judged
stale: only its holder, or `break_lock` (`main.py unlock`), removes it. Where
the file system has no OS lock (some network shares), the file alone decides,
as before: its holder is gone when its PID no longer runs on this host (or is
a newer process reusing the PID), or it started before the last boot.
"""

from __future__ import annotations

import atexit
import enum
import errno
import json
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.errors import DatabaseError
from db.safety.storage import write_bytes

WINDOWS = sys.platform == "win32"
LOCK_THE_DATABASE = sys.platform.startswith("linux")  # else the OS lock is on the lock file (see above)
UNREADABLE_GRACE_SECONDS = 10.0  # without an OS lock: a holder writes its details right after creating the file
WINDOWS_LOCK_OFFSET = 1 << 20  # the byte locked in the lock file: far beyond its JSON


@dataclass(frozen=True)
class LockInfo:
    """What a lock file says about its holder."""

    pid: int
    host: str
    started: float  # time.time() when the lock was taken
    token: str

    @property
    def started_text(self) -> str:
        return datetime.fromtimestamp(self.started).strftime("%Y-%m-%d %H:%M")

    def describe(self) -> str:
        return f"主机 {self.host} 上的进程 {self.pid}（自 {self.started_text} 起）"


class DatabaseLockedError(DatabaseError):
    """Another process writes the database; it may be opened read-only instead."""

    def __init__(self, path: Path, holder: LockInfo | None) -> None:
        self.path = path
        self.holder = holder
        if holder is None:
            who = f"数据库正在被另一个程序使用（锁文件 {lock_path(path)}）"
        else:
            who = f"数据库正在被 主机 {holder.host} 上的进程 {holder.pid} 使用（自 {holder.started_text} 起）"
        super().__init__(f"{path}：{who}。可以只读方式打开，或等对方关闭后再试")


def lock_path(db_path: Path) -> Path:
    """`ledger.db.lock` beside the database (beside the real file when the
    path given is a symbolic link, so that both names share one lock)."""
    return Path(f"{os.path.realpath(db_path)}.lock")


def host_name() -> str:
    return socket.gethostname() or "?"


# -- the operating system's lock ------------------------------------------------


class _OsLock(enum.Enum):
    HELD = "held"  # we have it
    BUSY = "busy"  # another process has it
    UNSUPPORTED = "unsupported"  # this file system has none (or the file cannot be opened)


class _Anchor:
    """The OS lock held on one open file, until `release()`."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def release(self) -> None:
        try:
            if WINDOWS:
                import msvcrt

                os.lseek(self.fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(self.fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]  # Windows only; mypy checks as on Linux
            else:
                import fcntl

                fcntl.flock(self.fd, fcntl.LOCK_UN)
        except OSError:
            pass  # closing drops it anyway
        finally:
            os.close(self.fd)


def _anchor_file(db_path: Path) -> Path | None:
    """The file the OS lock is taken on: the database (Linux; None while it
    does not exist) or the lock file."""
    if not LOCK_THE_DATABASE:
        return lock_path(db_path)
    real = Path(os.path.realpath(db_path))
    return real if real.exists() else None


def _os_lock(target: Path, create: bool = False) -> tuple[_OsLock, _Anchor | None]:
    """Try to take the OS lock on `target` without waiting."""
    if LOCK_THE_DATABASE:  # noqa: SIM108 (the comment below tells the else)
        flags = os.O_RDONLY
    else:  # the lock file, whose details are written through the same descriptor
        flags = os.O_RDWR | getattr(os, "O_BINARY", 0) | (os.O_CREAT if create else 0)
    try:
        fd = os.open(target, flags, 0o644)
    except OSError:
        return _OsLock.UNSUPPORTED, None
    try:
        if WINDOWS:
            import msvcrt

            os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # Windows only; mypy checks as on Linux
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if isinstance(exc, BlockingIOError) or (WINDOWS and exc.errno in (errno.EACCES, errno.EDEADLK)):
            return _OsLock.BUSY, None
        return _OsLock.UNSUPPORTED, None  # ENOLCK, EOPNOTSUPP: a network share without locks
    return _OsLock.HELD, _Anchor(fd)


# -- this process's holds -------------------------------------------------------


@dataclass
class _Held:
    db_path: Path
    info: LockInfo
    count: int
    anchor: _Anchor | None  # None where the file system has no OS lock (or, briefly, while a new database is made)


_held: dict[str, _Held] = {}
_registry_lock = threading.Lock()


def _key(db_path: Path) -> str:
    return os.path.normcase(lock_path(db_path))


class WriterLock:
    """This process's hold on the lock of one database; `release()` once."""

    def __init__(self, db_path: Path, info: LockInfo, note: str | None) -> None:
        self.db_path = db_path
        self.info = info
        self.note = note  # set when a lock left behind was taken over
        self._released = False

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        with _registry_lock:
            key = _key(self.db_path)
            held = _held.get(key)
            if held is None or held.info.token != self.info.token:
                return
            held.count -= 1
            if held.count > 0:
                return
            del _held[key]
            _let_go(held)

    @contextmanager
    def moving_in(self, new_file: Path) -> Iterator[None]:
        """`new_file` is about to replace the database file (os.replace inside
        the block): lock it first, so that the database is locked from the
        moment it appears under its name. Nothing to do where the lock file
        carries the lock."""
        if not LOCK_THE_DATABASE:
            yield
            return
        state, anchor = _os_lock(new_file)
        if state is _OsLock.BUSY:
            raise DatabaseLockedError(self.db_path, None)
        try:
            yield
        except BaseException:
            if anchor is not None:
                anchor.release()
            raise
        with _registry_lock:
            held = _held.get(_key(self.db_path))
            if held is None:  # released meanwhile
                old = anchor
            else:
                old, held.anchor = held.anchor, anchor
        if old is not None:
            old.release()


def held_here(db_path: Path) -> bool:
    """Whether this process holds the lock of `db_path` (an open Database)."""
    with _registry_lock:
        held = _held.get(_key(db_path))
        return held is not None and held.info.pid == os.getpid()


def acquire(db_path: Path) -> WriterLock:
    """Take the lock of the database at `db_path`, or raise DatabaseLockedError."""
    db_path = Path(db_path)
    with _registry_lock:
        key = _key(db_path)
        held = _held.get(key)
        if held is not None and held.info.pid == os.getpid():
            held.count += 1
            _write_details_again(db_path, held)
            return WriterLock(db_path, held.info, None)
        _held.pop(key, None)  # a fork's copy of its parent's holds
        state, anchor = (_OsLock.UNSUPPORTED, None)
        target = _anchor_file(db_path)
        if target is not None:
            state, anchor = _os_lock(target, create=True)
            if state is _OsLock.BUSY:
                raise DatabaseLockedError(db_path, live_holder(db_path))
        try:
            info, note = _take_file(db_path, anchor)
        except BaseException:
            if anchor is not None:
                anchor.release()
            raise
        _held[key] = _Held(db_path, info, 1, anchor)
        return WriterLock(db_path, info, note)


def _take_file(db_path: Path, anchor: _Anchor | None) -> tuple[LockInfo, str | None]:
    """Write our details into the lock file, taking over one left behind.
    With `anchor`, no one on this host holds the database: a file naming this
    host (or garbled) was left behind. Without, the file's own rules apply."""
    path = lock_path(db_path)
    note = None
    content: bytes | None  # from the anchor, or read from the file (None: gone)
    for _attempt in range(5):
        info = LockInfo(os.getpid(), host_name(), time.time(), secrets.token_hex(8))
        if anchor is not None and not LOCK_THE_DATABASE:  # the anchor is the lock file
            content = _read_fd(anchor.fd)
            holder = _parse(content)
            if holder is not None and holder.host != host_name():
                raise DatabaseLockedError(db_path, holder)
            if content.strip():
                note = _left_behind(holder)
            _write_fd(anchor.fd, info)
            return info, note
        if _create(path, info):
            return info, note
        content, holder = _read(path)
        if content is None:
            continue  # gone in the meantime: try again
        if holder is not None and holder.host != host_name():
            raise DatabaseLockedError(db_path, holder)  # another PC: the OS lock may not reach it
        if anchor is None and not _is_stale(path, holder):
            raise DatabaseLockedError(db_path, holder)
        if _set_aside(path, content) and content.strip():
            note = _left_behind(holder)
    raise DatabaseLockedError(db_path, read_lock(path))


def _left_behind(holder: LockInfo | None) -> str:
    who = holder.describe() if holder else "未知进程"
    return f"上次未正常关闭：{who}留下的锁文件已失效，本程序已接管"


def _write_details_again(db_path: Path, held: _Held) -> None:
    """Another Database of this process takes the lock: should someone have
    removed or changed our lock file, write our details again."""
    if read_lock(lock_path(db_path)) == held.info:
        return
    if held.anchor is not None and not LOCK_THE_DATABASE:
        _write_fd(held.anchor.fd, held.info)
        return
    try:
        write_bytes(lock_path(db_path), _details(held.info), "锁文件未更新")
    except (OSError, DatabaseError):  # DiskFullError: the OS lock holds all the same
        pass


def _let_go(held: _Held) -> None:
    """Remove our lock file, then drop the OS lock (in that order: a program
    that gets the OS lock next must not find our details and call them left
    behind). Where the lock file carries the lock (Windows cannot remove an
    open file) it is emptied, closed, then removed."""
    path = lock_path(held.db_path)
    if held.anchor is not None and not LOCK_THE_DATABASE:
        if _parse(_read_fd(held.anchor.fd)) in (held.info, None):
            os.ftruncate(held.anchor.fd, 0)
        held.anchor.release()
        if path.exists() and not path.read_bytes().strip():
            try:
                path.unlink()
            except OSError:
                pass  # another program has just opened it: it is theirs now
        return
    _remove_if_ours(path, held.info)
    if held.anchor is not None:
        held.anchor.release()


def live_holder(db_path: Path) -> LockInfo | None:
    """Who holds the database's OS lock, as far as can be told: the lock
    file's details, or (Linux, when the file is gone or garbled) the process
    the system names as the holder of the lock."""
    details = holder_of(db_path)
    target = _anchor_file(db_path)
    pid = _flock_holder_pid(target) if target is not None else None
    if pid is None or (details is not None and details.pid == pid):
        return details
    return LockInfo(pid, host_name(), process_start_time(pid) or time.time(), "")


def _flock_holder_pid(target: Path) -> int | None:
    """Linux: the PID /proc/locks gives for the flock held on `target`."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        stat = target.stat()
        wanted = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
        for line in Path("/proc/locks").read_text().splitlines():
            parts = line.split()  # 1: FLOCK  ADVISORY  WRITE 4242 08:02:1234567 0 EOF
            if len(parts) >= 6 and parts[1] == "FLOCK" and parts[3] == "WRITE" and parts[5] == wanted:
                return int(parts[4]) if int(parts[4]) > 0 else None
    except (OSError, ValueError):
        pass
    return None


def read_lock(path: Path) -> LockInfo | None:
    """The holder named in the lock file at `path` (None when there is none
    or it cannot be read)."""
    return _read(path)[1]


def holder_of(db_path: Path) -> LockInfo | None:
    """Who the lock file of the database at `db_path` names, if anyone."""
    return read_lock(lock_path(db_path))


def break_lock(db_path: Path) -> LockInfo | None:
    """Remove the lock file of a program that no longer holds the database:
    one left on a share by another PC that crashed, after the user has checked
    that PC (a lock from another host is never judged stale by itself).
    Returns what the file said (None when there was no lock file).

    DatabaseLockedError while a program on this PC holds the database: its
    OS lock is taken (or, where there is none, its process runs)."""
    db_path = Path(db_path)
    path = lock_path(db_path)
    with _registry_lock:
        held = _held.get(_key(db_path))
        if held is not None and held.info.pid == os.getpid():
            raise DatabaseLockedError(db_path, held.info)
        holder = read_lock(path)
        target = _anchor_file(db_path)
        state, anchor = _os_lock(target) if target is not None and target.exists() else (_OsLock.UNSUPPORTED, None)
        if state is _OsLock.BUSY:
            raise DatabaseLockedError(db_path, live_holder(db_path))
        if anchor is not None:
            anchor.release()  # before removing: Windows does not remove an open file
        elif holder is not None and holder.host == host_name() and not _is_stale(path, holder):
            raise DatabaseLockedError(db_path, holder)
        path.unlink(missing_ok=True)
        return holder


# -- the lock file ----------------------------------------------------------------


def _details(info: LockInfo) -> bytes:
    return json.dumps(
        {"pid": info.pid, "host": info.host, "started": info.started, "token": info.token,
         "started_text": datetime.fromtimestamp(info.started).isoformat(timespec="seconds")},
        ensure_ascii=False,
    ).encode("utf-8")  # fmt: skip


def _create(path: Path, info: LockInfo) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except FileExistsError:
        return False
    except PermissionError:
        if path.exists():  # Windows: a lock file being deleted cannot be opened
            return False
        raise DatabaseError(f"{path}：无法创建锁文件（文件夹不可写）") from None
    except OSError as exc:
        raise DatabaseError(f"{path}：无法创建锁文件（{exc.strerror or exc}）") from None
    try:
        os.write(fd, _details(info))  # no fsync: a lock lost to a power cut is a lock left behind anyway
    finally:
        os.close(fd)
    return True


def _read_fd(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 64 * 1024)


def _write_fd(fd: int, info: LockInfo) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, _details(info))


def _parse(content: bytes) -> LockInfo | None:
    try:
        data = json.loads(content.decode("utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), float(data["started"]), str(data["token"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _read(path: Path) -> tuple[bytes | None, LockInfo | None]:
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError:
        return b"", None
    return content, _parse(content)


def _is_stale(path: Path, holder: LockInfo | None) -> bool:
    """Without an OS lock: whether the holder the file names is known not to run."""
    boot = boot_time()
    if holder is None:  # a file without details: its holder died before writing them
        try:
            made = path.stat().st_mtime
        except OSError:
            return False
        return time.time() - made > UNREADABLE_GRACE_SECONDS or (boot is not None and made < boot)
    if holder.host != host_name():
        return False
    if boot is not None and holder.started < boot - 1:
        return True
    if holder.pid == os.getpid():
        return True  # our PID, but not our token: an earlier process's file
    if not pid_running(holder.pid):
        return True
    started = process_start_time(holder.pid)
    return started is not None and started > holder.started + 2  # the PID was reused since


def _set_aside(path: Path, judged: bytes) -> bool:
    """Remove the stale lock file we read as `judged`, and only that one: two
    processes may find the same stale lock at once, and the slower must not
    remove the lock the faster has just made."""
    aside = path.with_name(f"{path.name}.stale-{secrets.token_hex(4)}")
    try:
        os.replace(path, aside)
    except OSError:
        return False
    try:
        if aside.read_bytes() != judged:  # not the file we judged: put it back
            try:
                os.link(aside, path)
            except OSError:
                pass
            return False
        return True
    finally:
        aside.unlink(missing_ok=True)


def _remove_if_ours(path: Path, info: LockInfo) -> None:
    """Remove our lock file, or a garbled one in its place (never another holder's details)."""
    content, holder = _read(path)
    if content is not None and (holder == info or holder is None):
        try:
            path.unlink()
        except OSError:
            pass


@atexit.register
def _release_all() -> None:
    """A program that exits without closing its database leaves no lock behind."""
    with _registry_lock:
        for held in list(_held.values()):
            if held.info.pid == os.getpid():
                _let_go(held)
        _held.clear()


def pid_running(pid: int) -> bool:
    """Whether a process with this PID runs on this machine (a zombie does not)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    try:  # Linux: a killed child not yet waited for is a zombie
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.rindex(")") + 2] not in "ZX"
    except (OSError, ValueError, IndexError):
        return True


def _windows_pid_running(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    PROCESS_QUERY_LIMITED_INFORMATION = 0x1000  # noqa: N806 (the Win32 names)
    STILL_ACTIVE = 259  # noqa: N806
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        ERROR_ACCESS_DENIED = 5  # noqa: N806 (the Win32 name)
        return bool(ctypes.GetLastError() == ERROR_ACCESS_DENIED)  # type: ignore[attr-defined]
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def boot_time() -> float | None:
    """When this machine last booted (time.time() scale), None when unknown."""
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.GetTickCount64.restype = ctypes.c_ulonglong
        return time.time() - kernel32.GetTickCount64() / 1000.0
    try:
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def process_start_time(pid: int) -> float | None:
    """When the process with this PID started (Linux only; None elsewhere)."""
    boot = boot_time()
    if boot is None or not sys.platform.startswith("linux"):
        return None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        ticks = int(stat[stat.rindex(")") + 2 :].split()[19])
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
