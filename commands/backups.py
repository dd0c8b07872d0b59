"""backup and restore FILE: copies of the ledger and going back to one."""

from __future__ import annotations

import argparse

from commands.common import db_path


def backup_command(args: argparse.Namespace) -> int:
    from db.safety.backup import backup_now

    path = backup_now(db_path(args))
    print(f"已备份到 {path}")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    """The database must not be open while it is replaced, so this does not
    go through existing_database; the restore is recorded in the history of
    the restored database (db.operations.restore, as the window does)."""
    from db.operations.restore import restore_ledger

    path = db_path(args)
    restored = restore_ledger(path, args.file, action=f"从备份恢复 {args.file.name}（命令行）")
    restored.database.close()
    saved = restored.saved
    print(f"已从 {args.file} 恢复数据库 {path}")
    if saved is not None:
        print(f"恢复前的数据库已备份到 {saved}")
    return 0


def unlock_command(args: argparse.Namespace) -> int:
    """For a lock left by another PC that crashed: a lock from another host is
    never judged stale by itself, so a person who has checked says so here.
    Refused while a program on this PC holds the database."""
    from db.errors import DatabaseError
    from db.safety.lock import DatabaseLockedError, break_lock

    path = db_path(args)
    try:
        holder = break_lock(path)
    except DatabaseLockedError as exc:
        who = exc.holder.describe() if exc.holder is not None else "本机上的另一个程序"
        raise DatabaseError(f"{path}：数据库正由{who}使用，不能解除锁定；请先关闭该程序") from None
    if holder is None:
        print(f"{path} 没有被锁定")
        return 0
    print(f"已解除 {path} 的锁定（原由主机 {holder.host} 上的进程 {holder.pid} 持有）")
    return 0
