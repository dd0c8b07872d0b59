"""Bad --db paths: each gets a clear message and leaves the file as it was."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from db.errors import DatabaseError
from db.safety import lock
from db.schema import engine as engine_module
from db.schema.database import ReadOnlyLocationError, open_database
from db.schema.engine import NETWORK_SHARE_WARNING, mount_fstype
from db.schema.models import Task
from tests.conftest import ROOT, file_digest
from tests.conftest import run_main as run


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
def test_a_folder_that_does_not_exist_is_refused_not_created(tmp_path: Path, read_only: bool) -> None:
    with pytest.raises(DatabaseError, match=r"所在的文件夹 .*nowhere 不存在"):
        open_database(tmp_path / "nowhere" / "ledger.db", read_only=read_only)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
def test_a_directory_is_refused(tmp_path: Path, read_only: bool) -> None:
    (tmp_path / "ledger.db").mkdir()
    with pytest.raises(DatabaseError, match="是一个文件夹，不是数据库文件"):
        open_database(tmp_path / "ledger.db", read_only=read_only)
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.db"]


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
def test_a_file_that_is_not_a_database_is_kept(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "ledger.db"
    path.write_bytes("姓名,电话\n张三,123\n".encode("gb18030"))
    digest = file_digest(path)
    with pytest.raises(DatabaseError, match="不是本程序的数据库文件"):
        open_database(path, read_only=read_only)
    assert file_digest(path) == digest
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.db"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_special_file_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "ledger.db")
    with pytest.raises(DatabaseError, match="不是普通文件"):
        open_database(tmp_path / "ledger.db")


def test_a_missing_file_cannot_be_opened_read_only(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="数据库不存在"):
        open_database(tmp_path / "ledger.db", read_only=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
def test_a_newer_schema_is_refused_and_kept(ledger: Path, read_only: bool) -> None:
    database = open_database(ledger)
    with database.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.close()
    digest = file_digest(ledger)
    with pytest.raises(DatabaseError, match="由更新版本的程序创建"):
        open_database(ledger, read_only=read_only)
    assert file_digest(ledger) == digest
    assert not lock.lock_path(ledger).exists()


def _refuse(*_args) -> None:  # type: ignore[no-untyped-def]
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize("probe", ["_probe_file", "_probe_folder"])
def test_a_read_only_location_is_refused_for_writing_and_opens_read_only(ledger: Path, monkeypatch, probe: str) -> None:  # type: ignore[no-untyped-def]
    """As the real cases below, for any user (root may write read-only files)."""
    digest = file_digest(ledger)
    monkeypatch.setattr(engine_module, probe, _refuse)
    with pytest.raises(ReadOnlyLocationError, match="是只读的，无法以可写方式打开；可以只读方式打开查看") as caught:
        open_database(ledger)
    assert ("所在的文件夹" in str(caught.value)) == (probe == "_probe_folder")
    database = open_database(ledger, read_only=True)
    with database.session() as session:
        assert session.scalar(select(func.count(Task.id))) == 66
    database.close()
    assert file_digest(ledger) == digest
    assert not lock.lock_path(ledger).exists()


def _writable_anyway(path: Path) -> bool:
    """Whether this user writes where the mode says no (root, some file systems)."""
    try:
        if path.is_dir():
            (path / ".probe").touch()
            (path / ".probe").unlink()
        else:
            with path.open("r+b"):
                pass
    except OSError:
        return False
    return True


@pytest.fixture
def read_only_file(ledger: Path) -> Path:
    ledger.chmod(stat.S_IRUSR | stat.S_IRGRP)
    yield ledger
    ledger.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.fixture
def read_only_folder(ledger: Path) -> Path:
    folder = ledger.parent / "locked"
    folder.mkdir()
    path = ledger.rename(folder / "ledger.db")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    yield path
    folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("fixture", ["read_only_file", "read_only_folder"])
def test_a_really_read_only_place(request, fixture: str) -> None:  # type: ignore[no-untyped-def]
    path: Path = request.getfixturevalue(fixture)
    if _writable_anyway(path if fixture == "read_only_file" else path.parent):
        pytest.skip("this user can write there anyway (root)")
    digest = file_digest(path)
    with pytest.raises(ReadOnlyLocationError):
        open_database(path)
    database = open_database(path, read_only=True)
    with database.session() as session:
        assert session.scalar(select(func.count(Task.id))) == 66
    with pytest.raises(OperationalError, match="readonly"), database.transaction() as session:
        session.execute(text("DELETE FROM progress_entries"))
    database.close()
    assert file_digest(path) == digest
    result = run("--db", path, "import-plan", ROOT / "resources" / "plans" / "xiamen-2016-task-division.txt")
    assert result.returncode == 2 and "只读" in result.stderr
    assert file_digest(path) == digest


def test_a_network_share_is_warned_not_refused(ledger: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(engine_module, "_is_network_path", lambda path: True)
    database = open_database(ledger)
    assert NETWORK_SHARE_WARNING in database.warnings
    database.close()
    reader = open_database(ledger, read_only=True)
    assert NETWORK_SHARE_WARNING in reader.warnings
    reader.close()


def test_a_local_disk_gives_no_warning(ledger: Path) -> None:
    database = open_database(ledger)
    assert database.warnings == []
    database.close()


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/督办 /mnt/office cifs rw,vers=3.0 0 0
fileserver:/export /mnt/nfs nfs4 rw 0 0
/dev/sdb1 /mnt/office/local ext4 rw 0 0
/dev/sdc1 /media/u\\040盘 vfat rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/home/office/ledger.db", "ext4"),
        ("/mnt/office/台账/ledger.db", "cifs"),
        ("/mnt/office", "cifs"),
        ("/mnt/officer/ledger.db", "ext4"),  # not inside /mnt/office
        ("/mnt/nfs/ledger.db", "nfs4"),
        ("/mnt/office/local/ledger.db", "ext4"),  # a local disk mounted inside the share
        ("/media/u 盘/ledger.db", "vfat"),
    ],
)
def test_the_file_system_of_a_path(path: str, fstype: str) -> None:
    assert mount_fstype(path, MOUNTS) == fstype


@pytest.mark.parametrize(
    ("path", "remote"),
    [("\\\\fileserver\\督办\\ledger.db", True), ("\\\\?\\UNC\\fileserver\\share\\ledger.db", True)],
)
def test_unc_paths_are_network_shares(path: str, remote: bool) -> None:
    assert engine_module._windows_is_remote(path) is remote


def test_the_command_line_names_a_bad_db_path(tmp_path: Path) -> None:
    result = run("--db", tmp_path, "export", tmp_path / "out.json")
    assert result.returncode == 2 and "是一个文件夹" in result.stderr
    result = run("--db", tmp_path / "nowhere" / "ledger.db", "export", tmp_path / "out.json")
    assert result.returncode == 2 and "不存在" in result.stderr
    assert list(tmp_path.iterdir()) == []
