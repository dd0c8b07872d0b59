"""One writer at a time: a lock file beside the database.

`ledger.db.lock` holds, as JSON, the PID, host name and start time of the
process that writes the database, and a random token. It is created
atomically (O_CREAT | O_EXCL) by `open_database` and removed by
`Database.close()` (and, should the program forget, at interpreter exit).

SQLite's own locks keep two writers from corrupting the file, but not from
overwriting each other's work (the window of one instance would show data the
other has changed behind its back); the lock file makes the second instance
ask, and open read-only instead.

Within one process the lock is shared: a second `open_database` of the same
file in the process that holds the lock (the window's tests open the same file
from several Database objects) takes it again, counted, and the file goes
when the last holder releases it. The token tells this process's own lock
from a file left by an earlier process that happened to have the same PID.

A lock is stale, and taken over with a note, when its holder is known not to
run: same host and the PID is gone (or is a newer process that reuses the
PID), or the holder started before this machine last booted. A lock from
another host (a database on a share) is never judged stale: only its holder,
or `break_lock`, removes it.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import socket
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.errors import DatabaseError

UNREADABLE_GRACE_SECONDS = 10.0  # a holder writes its details right after creating the file


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


@dataclass
class _Held:
    info: LockInfo
    count: int


_held: dict[str, _Held] = {}
_registry_lock = threading.Lock()


def _key(db_path: Path) -> str:
    return os.path.normcase(lock_path(db_path))


class WriterLock:
    """This process's hold on the lock of one database; `release()` once."""

    def __init__(self, db_path: Path, info: LockInfo, note: str | None) -> None:
        self.db_path = db_path
        self.info = info
        self.note = note  # set when a stale lock was taken over
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
            _remove_if_ours(lock_path(self.db_path), self.info)


def held_here(db_path: Path) -> bool:
    """Whether this process holds the lock of `db_path` (an open Database)."""
    with _registry_lock:
        held = _held.get(_key(db_path))
        return held is not None and held.info.pid == os.getpid()


def acquire(db_path: Path) -> WriterLock:
    """Take the lock of the database at `db_path`, or raise DatabaseLockedError."""
    db_path = Path(db_path)
    path = lock_path(db_path)
    with _registry_lock:
        key = _key(db_path)
        held = _held.get(key)
        if held is not None and held.info.pid == os.getpid():
            if read_lock(path) == held.info:
                held.count += 1
                return WriterLock(db_path, held.info, None)
            del _held[key]  # someone removed our file (break_lock): take it anew
        note = None
        for _attempt in range(5):
            info = LockInfo(os.getpid(), host_name(), time.time(), secrets.token_hex(8))
            if _create(path, info):
                _held[key] = _Held(info, 1)
                return WriterLock(db_path, info, note)
            content, holder = _read(path)
            if content is None:
                continue  # gone in the meantime: try again
            if not _is_stale(path, holder):
                raise DatabaseLockedError(db_path, holder)
            if _set_aside(path, content):
                who = holder.describe() if holder else "未知进程"
                note = f"上次未正常关闭：{who}留下的锁文件已失效，本程序已接管"
        raise DatabaseLockedError(db_path, read_lock(path))


def read_lock(path: Path) -> LockInfo | None:
    """The holder named in the lock file at `path` (None when there is none
    or it cannot be read)."""
    return _read(path)[1]


def holder_of(db_path: Path) -> LockInfo | None:
    """Who holds the lock of the database at `db_path`, if anyone."""
    return read_lock(lock_path(db_path))


def break_lock(db_path: Path) -> None:
    """Remove the lock file whoever holds it: for a lock left by a crashed
    program on another PC, after the user confirms that no one uses it."""
    lock_path(db_path).unlink(missing_ok=True)


def _create(path: Path, info: LockInfo) -> bool:
    data = json.dumps(
        {"pid": info.pid, "host": info.host, "started": info.started, "token": info.token,
         "started_text": datetime.fromtimestamp(info.started).isoformat(timespec="seconds")},
        ensure_ascii=False,
    ).encode("utf-8")  # fmt: skip
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
        os.write(fd, data)  # no fsync: a lock lost to a power cut is a stale lock anyway
    finally:
        os.close(fd)
    return True


def _read(path: Path) -> tuple[bytes | None, LockInfo | None]:
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError:
        return b"", None
    try:
        data = json.loads(content.decode("utf-8"))
        return content, LockInfo(int(data["pid"]), str(data["host"]), float(data["started"]), str(data["token"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return content, None


def _is_stale(path: Path, holder: LockInfo | None) -> bool:
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
    except FileNotFoundError:
        return False
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
    if read_lock(path) == info:
        try:
            path.unlink()
        except OSError:
            pass


@atexit.register
def _release_all() -> None:
    """A program that exits without closing its database leaves no lock behind."""
    with _registry_lock:
        for key, held in list(_held.items()):
            if held.info.pid == os.getpid():
                _remove_if_ours(Path(key), held.info)
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

    PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
    STILL_ACTIVE = 259
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        ERROR_ACCESS_DENIED = 5
        return ctypes.GetLastError() == ERROR_ACCESS_DENIED  # type: ignore[attr-defined]
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
