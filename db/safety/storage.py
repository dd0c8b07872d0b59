"""Writing files safely: free space checked before, a full disk named as such,
new files made whole beside their place and moved in, with the user's umask.

Every file the program writes (exports, fill-in sheets, reports, backups)
goes through here, so that a full disk always reads "磁盘空间不足…" with the
space needed, never a traceback or a claim that the ledger is damaged.

`replacing` / `write_bytes` are the one way a file is written whole or not
at all (exports, reports, workbooks, the drafts, the lock file's details,
the caches of the view and the fonts): a hidden `.NAME.PID-XXXXXX.partial`
beside it, moved onto it in one step. Only SQLite files are made otherwise
(a new database, a backup, a restore: db.schema.database and
db.safety.backup), because SQLite writes them itself, with companion files.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db.errors import DiskFullError

# Room left over besides what a write is estimated to need: the file system's
# own blocks, SQLite's -shm (32 KB) and temporary files, a margin for the estimate.
RESERVE = 1024 * 1024
_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def free_space(folder: Path) -> int | None:
    """Bytes free for this user in `folder`'s file system; None when unknown."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def ensure_free_space(path: Path, needed: int, what: str) -> None:
    """Refuse (DiskFullError naming `path` and both amounts) unless the file
    system that will hold `path` has `needed` bytes free besides RESERVE.
    `what` says what was not done, e.g. "未备份"."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    free = free_space(folder)
    if free is not None and free < needed + RESERVE:
        raise DiskFullError(path, what, needed + RESERVE, free)


def is_disk_full(exc: OSError) -> bool:
    return exc.errno in _FULL


def file_size(*paths: Path) -> int:
    """The sizes of the files that exist among `paths`, summed."""
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass
    return total


def remove_with_companions(path: Path) -> None:
    """Remove an SQLite file that is not to be kept (a partial copy) with its
    -journal, -wal and -shm; what cannot be removed stays."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass


def create_new(path: Path) -> None:
    """Create the empty file `path` (not there before), its mode 0666 less the
    user's umask, as any program's new file; tempfile.mkstemp would give 0600,
    which other users of the PC and of a network share cannot open."""
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o666))


def sync_file(path: Path) -> None:
    """Make the file's content reach the disk (before it is renamed into place)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` reach the disk."""
    if sys.platform == "win32":
        return  # not possible on Windows; NTFS journals the rename
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def replacing(path: Path, what: str = "文件未写入", needed: int = 0, durable: bool = False) -> Iterator[Path]:
    """A new, empty file beside `path` for the caller to write; moved onto
    `path` in one step when the block ends, removed when it fails, so that
    `path` is never half written and an older file there stays until the new
    one is whole. First the disk must have `needed` bytes free (besides
    RESERVE); a full disk, then or while writing, gives DiskFullError (saying `what`).
    `durable`: the new file and its name are on the disk when the block ends,
    should the power fail right after (what a person typed; not needed for
    files that can be made again)."""
    path = Path(path)
    ensure_free_space(path, needed, what)
    partial = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(3)}.partial")
    try:
        create_new(partial)
        yield partial
        if durable:
            sync_file(partial)
        os.replace(partial, path)
        if durable:
            sync_folder(path.parent)
    except BaseException as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        if isinstance(exc, OSError) and is_disk_full(exc):
            raise DiskFullError(path, what) from None
        raise


def write_bytes(path: Path, data: bytes, what: str = "文件未写入", durable: bool = False) -> Path:
    """Write `data` as the file `path`, whole or not at all, after checking
    that there is room for it."""
    with replacing(path, what, len(data), durable) as partial:
        partial.write_bytes(data)
    return Path(path)


# Windows cannot create a file whose name, before its first dot, is one of
# these (CON, CON.txt, con.tar.gz …), nor one holding these characters.
WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
_RESERVED_CHARACTERS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
MAX_FILE_NAME = 100  # characters, the suffix included: well inside Windows' 260 for the whole path
# Bytes of UTF-8 (Linux and macOS allow 255 a name): room for `replacing`'s temporary name around it.
MAX_FILE_NAME_BYTES = 200


def safe_file_name(stem: str, suffix: str, fallback: str = "文件") -> str:
    """`stem` + `suffix` as a file name every Windows PC can create: reserved
    characters as "_", no trailing dot or space, never a device name (CON,
    LPT1.txt …: given a leading "_"), at most MAX_FILE_NAME characters (and
    MAX_FILE_NAME_BYTES in UTF-8, for the other systems)."""
    stem = _RESERVED_CHARACTERS.sub("_", stem).strip().rstrip(". ") or fallback
    if stem.split(".")[0].strip().upper() in WINDOWS_DEVICES:
        stem = "_" + stem
    stem = stem[: MAX_FILE_NAME - len(suffix)]
    while len((stem + suffix).encode("utf-8")) > MAX_FILE_NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip(". ") + suffix
