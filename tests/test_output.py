"""Output that never crashes, and unexpected errors as one plain line and a log
(commands/output.py, db/safety/error_log.py): the command line's half of the Windows
build's promises."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from commands.output import make_output_safe, report_unexpected
from db.resources import BUNDLED_PLAN
from db.safety.error_log import MAX_BYTES, log_path, write_error_log
from tests.conftest import ROOT

# Outside code page 1252 (Latin) and 936 (GBK) both: an emoji and an
# Extension-B character common in names; and Chinese, outside 1252.
MESSAGE = "已导入“厦门𠮷😀计划”"


class Console(io.BytesIO):
    """The bytes behind a terminal: a stream whose isatty() is true."""

    def isatty(self) -> bool:
        return True


def stream(encoding: str, console: bool = False) -> io.TextIOWrapper:
    return io.TextIOWrapper(Console() if console else io.BytesIO(), encoding=encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "cp936", "ascii"])
def test_a_pipe_in_a_narrow_code_page_gets_utf8(encoding: str) -> None:
    out = stream(encoding)
    with pytest.raises(UnicodeEncodeError):  # what Python does by default: the crash of issue 14
        print(MESSAGE, file=stream(encoding), flush=True)
    make_output_safe(out)
    print(MESSAGE, file=out, flush=True)
    assert out.buffer.getvalue().decode("utf-8") == MESSAGE + "\n"


def test_a_console_in_a_narrow_code_page_keeps_its_encoding_and_does_not_raise() -> None:
    out = stream("cp1252", console=True)
    make_output_safe(out)
    print("Plan " + MESSAGE, file=out, flush=True)
    assert out.encoding == "cp1252"
    assert out.buffer.getvalue().decode("cp1252") == "Plan ???“??????”\n"  # 1252 has the quotes


def test_a_utf8_stream_escapes_what_utf8_cannot_encode() -> None:
    out = stream("utf-8")
    make_output_safe(out)
    print("文件 \udcff.txt", file=out, flush=True)  # a lone surrogate: a file name that was not UTF-8
    assert out.buffer.getvalue().decode("utf-8") == "文件 \\udcff.txt\n"


def test_no_stream_is_left_alone() -> None:
    make_output_safe(None)  # the windowed program has no sys.stdout
    text = io.StringIO()
    make_output_safe(text)  # type: ignore[arg-type]
    print(MESSAGE, file=text)
    assert text.getvalue() == MESSAGE + "\n"


def test_the_command_line_prints_any_character_under_code_page_1252(tmp_path: Path) -> None:
    """The real program, its output a pipe encoded as on an English Windows."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    title = "厦门𠮷😀计划"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(tmp_path / "x.db"),
            "import-plan",
            str(BUNDLED_PLAN),
            "--title",
            title,
            "--year",
            "2016",
        ],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    assert f"已导入“{title}”（2016 年）" in out
    assert "Traceback" not in err

    helped = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, env=env, timeout=60, check=False
    )
    assert helped.returncode == 0, helped.stderr.decode("utf-8")
    assert "督办台账" in helped.stdout.decode("utf-8")


def failure() -> ZeroDivisionError:
    """A real exception with its traceback."""
    try:
        1 / 0  # noqa: B018
    except ZeroDivisionError as exc:
        return exc
    raise AssertionError("unreachable")


def test_an_unexpected_error_is_one_line_and_a_log_entry(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    err = io.StringIO()
    assert report_unexpected(failure(), database, err) == 1
    [line] = err.getvalue().splitlines()
    assert line.startswith("错误：程序出现意外错误（ZeroDivisionError: division by zero）")
    assert str(log_path(database)) in line
    log = log_path(database).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "in failure" in log and log.rstrip().endswith("ZeroDivisionError: division by zero")


def test_an_unexpected_error_in_a_command_exits_1_with_one_line(tmp_path: Path) -> None:
    """main.py in a real process, with a command that fails in a way no
    command expects (replaced in this process only: nothing in the product
    lets a test do that)."""
    database = tmp_path / "ledger.db"
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        import main

        def broken(args):
            return {{}}["no such key"]

        main.COMMANDS["backup"] = broken
        sys.exit(main.main(["--db", {str(database)!r}, "backup"]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", timeout=60, check=False
    )
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "意外错误（KeyError: 'no such key'）" in line and "Traceback" not in line
    assert "in broken" in log_path(database).read_text(encoding="utf-8")


def test_a_log_that_cannot_be_written_beside_the_database_goes_beside_the_users_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "data"))
    written = write_error_log(tmp_path / "no such folder" / "ledger.db", "details")
    assert written == tmp_path / "data" / "DubanTaizhang" / "ledger.db.log"
    assert "details" in written.read_text(encoding="utf-8")


def test_the_log_is_capped(tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    log = log_path(database)
    log.write_text("x" * MAX_BYTES, encoding="utf-8")
    write_error_log(database, "the newest entry")
    assert log.stat().st_size < 1000 and "the newest entry" in log.read_text(encoding="utf-8")
    assert log.with_name(log.name + ".1").stat().st_size == MAX_BYTES
    write_error_log(database, "another")
    assert "the newest entry" in log.read_text(encoding="utf-8")


def into_a_closed_pipe(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """main.py with its standard output a real pipe whose reader has gone
    before the command writes a byte (as `| head` leaves it once it has its
    lines): every write gets EPIPE."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *map(str, args)],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.skipif(sys.platform == "win32", reason="a pipe without a reader gives EINVAL there, not EPIPE")
@pytest.mark.parametrize("preview", [False, True], ids=["import", "preview"])
def test_a_closed_standard_output_ends_the_command_quietly(ledger: Path, preview: bool) -> None:
    """`import-plan … | head` printed "错误：[Errno 32] Broken pipe" (exit 2)
    or a traceback at exit. Now nothing is printed, the status is 141 (128 +
    SIGPIPE, as a shell reports it), and the database is consistent: the
    import, committed before its report is printed, is there whole; a preview
    left it byte for byte as it was."""
    from db.queries.ledger import plans
    from db.schema.database import open_database
    from db.schema.models import Task
    from tests.conftest import ledger_state

    state = ledger_state(ledger)
    result = into_a_closed_pipe(
        "--db", ledger, "import-plan", BUNDLED_PLAN, "--title", "另一份计划", *(["--preview"] if preview else [])
    )
    assert (result.returncode, result.stderr) == (141, "")
    if preview:
        assert ledger_state(ledger) == state
        return
    database = open_database(ledger)  # the integrity check of every open
    try:
        with database.session() as session:
            [other] = [plan for plan in plans(session) if plan.title == "另一份计划"]
            assert session.query(Task).filter(Task.plan_id == other.id).count() == 66
    finally:
        database.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell pipeline")
def test_a_preview_piped_into_head(tmp_path: Path) -> None:
    """The shell's own `| head -n 3`, with more output than the pipe holds."""
    from bench.synthetic import write_text_plan

    plan = write_text_plan(tmp_path / "plan.txt", 2000, 100, year=2031, seed=3)
    script = f'"$0" {ROOT / "main.py"} --db {tmp_path / "ledger.db"} import-plan {plan} --preview 2>err | head -n 3'
    script += '; echo "status ${PIPESTATUS[0]}" >&2'
    result = subprocess.run(
        ["bash", "-c", script, sys.executable], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.startswith("预览（未写入数据库）") and len(result.stdout.splitlines()) == 3
    assert result.stderr.strip() == "status 141" and (tmp_path / "err").read_text(encoding="utf-8") == ""
    assert not (tmp_path / "ledger.db").exists()
