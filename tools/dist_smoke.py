"""Run the built programs (`make dist`) and check what the folder holds.

    python -m tools.dist_smoke [--window] [DIST_FOLDER]             (`make dist-smoke`)
    python -m tools.dist_smoke --wine WINE [--window] [--screenshot F.png] DIST_FOLDER
                                        (the Windows folder under Wine: tools/wine_build.py)

Both programs must answer `--version`. The console program (督办台账-命令行)
must import the bundled plan into a new database, print a plan title with
characters outside every narrow code page (an emoji, an Extension-B
character), export the ledger (JSON and .xlsx), back it up and print the
monthly supervision sheet (once the program has the `backup` and `report`
commands), each with exit code 0 and an output that parses, and leave no error
log. With --window the windowed program (督办台账) starts with no database,
must create its ledger in the user's data folder with the 66 tasks, and keep
running with no error logged; under a display with xdotool its window must
show. The bundle must hold the resources, the Alembic scripts and Qt's Chinese
translation, and none of the Qt modules the program does not use nor the
libraries it drops or must never ship; the folder must stay under 250 MB.
Exit 1 with the reasons otherwise.

Under Wine, paths given to the program are Windows paths (Z:\\ is /), its
standard input is /dev/null and its output pipes (Wine's Python needs both);
DISPLAY is kept, since a windowed program hangs Wine without one.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NAME = "督办台账"  # as in pyinstaller.spec: the windowed program and the folder
CONSOLE_NAME = NAME + "-命令行"  # the console program
DIST = ROOT / "dist" / NAME
PLAN = ROOT / "resources" / "plans" / "xiamen-2016-task-division.txt"
PLAN_TASKS = 66  # DESIGN.md: 66 numbered tasks
PLAN_COPIES = [ROOT / "tests" / "data" / "plans" / f"xiamen-2016.{suffix}" for suffix in ("docx", "pdf")]
MAX_MB = 250
TIMEOUT = 180  # seconds for one command of the frozen program
WINDOW_TIMEOUT = 120  # seconds for the window to create its ledger
# Outside code page 1252 and 936 alike: what crashed the program's output (issue 14).
WIDE_TITLE = "厦门市2016年工作分工 𠮷😀"

# Never in the folder: what pyinstaller.spec drops (opengl32sw.dll, Mesa's
# software OpenGL) and the Wine stand-ins CI builds (packaging/wine/).
NEVER_SHIPPED = ("opengl32sw.dll", "icuuc.dll", "mscms.dll")

# Qt modules the program does not use: neither their Python module nor their
# Qt library may be in the folder (file names on Linux and Windows).
UNWANTED_QT = (
    "QtNetwork.",
    "QtQml",
    "QtQuick",
    "Qt6Qml",
    "Qt6Quick",
    "QtWebEngine",
    "Qt6WebEngine",
    "QtMultimedia",
    "Qt6Multimedia",
    "Qt3D",
    "Qt63D",
    "QtSql.",
    "Qt6Sql",
    "QtTest.",
    "Qt6Test",
    "QtDesigner",
    "Qt6Designer",
    "QtCharts",
    "Qt6Charts",
    "QtUiTools",
)


class SmokeFailure(Exception):
    pass


@dataclass(frozen=True)
class Target:
    """How to start the built programs: directly, or under Wine."""

    dist: Path
    wine: str | None = None

    @property
    def windows(self) -> bool:
        return self.wine is not None or sys.platform == "win32"

    def program(self, name: str) -> Path:
        return self.dist / (name + ".exe" if self.windows else name)

    def path(self, path: Path) -> str:
        """A path as the program must be given it (Wine's drive Z: is /)."""
        if self.wine is None:
            return str(path)
        return "Z:" + str(PurePosixPath(path.resolve())).replace("/", "\\")

    def command(self, program: Path, args: list[str]) -> list[str]:
        return [self.wine, str(program), *args] if self.wine else [str(program), *args]

    def data_dir(self, scratch: Path) -> Path:
        """Where the program keeps the user's ledger (db/paths.py). Wine sets
        %LOCALAPPDATA% itself, in its prefix; elsewhere the scratch folder."""
        if self.wine is None:
            return scratch / "data" / "DubanTaizhang"
        prefix = Path(os.environ.get("WINEPREFIX") or Path.home() / ".wine")
        return prefix / "drive_c" / "users" / getpass.getuser() / "AppData" / "Local" / "DubanTaizhang"

    def environment(self, scratch: Path) -> dict[str, str]:
        """A data directory of its own, so the smoke run never touches a real
        ledger even if a command forgot --db; no display, except under Wine,
        where the window shows on the display (Xvfb in CI)."""
        hidden = ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM") if self.wine else ("DISPLAY", "WAYLAND_DISPLAY")
        env = {k: v for k, v in os.environ.items() if k not in hidden and not k.startswith(("PYTHON", "PIP_"))}
        if not self.wine:
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["XDG_DATA_HOME"] = env["LOCALAPPDATA"] = str(scratch / "data")
        return env


def run(target: Target, program: Path, args: list[str], env: dict[str, str], what: str) -> str:
    """Run one command; its standard output (UTF-8: pyinstaller.spec's `-X utf8`
    makes it so on any code page; PYTHONIOENCODING does not reach a frozen
    program)."""
    started = time.perf_counter()
    try:
        result = subprocess.run(
            target.command(program, args),
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SmokeFailure(f"{what}: no answer within {TIMEOUT} s ({' '.join(args)})") from None
    seconds = time.perf_counter() - started
    print(f"  {what}: exit {result.returncode}, {seconds:.1f} s")
    stdout, stderr = result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")
    if result.returncode != 0:
        raise SmokeFailure(
            f"{what} failed with exit code {result.returncode}: {program.name} {' '.join(args)}\n"
            f"--- stdout\n{stdout}--- stderr\n{stderr}"
        )
    try:
        result.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SmokeFailure(f"{what} printed something that is not UTF-8 ({exc}): {stdout[:300]!r}") from None
    return stdout


def count_tasks(section: dict[str, Any]) -> int:
    return len(section.get("tasks", [])) + sum(count_tasks(sub) for sub in section.get("sections", []))


def check_commands(target: Target, scratch: Path) -> None:
    from db import __version__

    env = target.environment(scratch)
    exe = target.program(CONSOLE_NAME)
    database, exported = scratch / "x.db", scratch / "x.json"
    db = ["--db", target.path(database)]

    for program in (target.program(NAME), exe):
        version = run(target, program, ["--version"], env, f"{program.name} --version").strip()
        if __version__ not in version:
            raise SmokeFailure(f"{program.name} --version printed {version!r}, expected the version {__version__}")

    run(target, exe, [*db, "import-plan", target.path(PLAN)], env, "import-plan")
    if not database.is_file() or database.read_bytes()[:16] != b"SQLite format 3\0":
        raise SmokeFailure(f"import-plan made no SQLite database at {database}")

    wide = scratch / "wide.db"
    out = run(
        target,
        exe,
        ["--db", target.path(wide), "import-plan", target.path(PLAN), "--title", WIDE_TITLE, "--year", "2016"],
        env,
        "import-plan, a title outside the code page",
    )
    if WIDE_TITLE not in out:
        raise SmokeFailure(f"import-plan did not print the title {WIDE_TITLE!r} whole:\n{out}")

    # The plan as Word and PDF: lxml and PDFium must be in the bundle.
    for copy in PLAN_COPIES:
        shown = run(
            target,
            exe,
            ["--db", target.path(scratch / "preview.db"), "import-plan", target.path(copy), "--preview"],
            env,
            f"import-plan --preview {copy.suffix}",
        )
        if f"任务 {PLAN_TASKS} 项" not in shown:
            raise SmokeFailure(f"import-plan --preview {copy.name} did not read {PLAN_TASKS} tasks:\n{shown[-500:]}")

    run(target, exe, [*db, "export", target.path(exported)], env, "export .json")
    try:
        data = json.loads(exported.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SmokeFailure(f"export wrote no readable JSON at {exported}: {exc}") from None
    tasks = sum(count_tasks(section) for plan in data.get("plans", []) for section in plan.get("sections", []))
    if len(data.get("plans", [])) != 1 or tasks != PLAN_TASKS:
        raise SmokeFailure(
            f"the export holds {len(data.get('plans', []))} plans and {tasks} tasks, "
            f"expected 1 plan of {PLAN_TASKS} tasks"
        )

    if (ROOT / "commands" / "reports.py").exists():
        ledger = scratch / "ledger.xlsx"
        run(target, exe, [*db, "export", target.path(ledger)], env, "export .xlsx")
        check_xlsx(ledger)
    else:
        print("  export .xlsx: SKIPPED, the program has no commands/reports.py yet")

    commands = run(target, exe, ["--help"], env, "--help").split()
    if "backup" in commands:
        before = set((scratch / "backups").glob("*")) if (scratch / "backups").is_dir() else set()
        run(target, exe, [*db, "backup"], env, "backup")
        made = [p for p in (scratch / "backups").glob("*") if p not in before] if (scratch / "backups").is_dir() else []
        if not any(p.read_bytes()[:16] == b"SQLite format 3\0" for p in made if p.is_file()):
            raise SmokeFailure(f"backup made no SQLite copy in {scratch / 'backups'}")
    else:
        print("  backup: SKIPPED, this build has no `backup` command yet")

    if "report" in commands:
        sheet = scratch / "s.pdf"
        run(target, exe, [*db, "report", "sheet", "--month", "2016-06", "-o", target.path(sheet)], env, "report sheet")
        check_pdf(sheet)
    else:
        print("  report sheet: SKIPPED, this build has no `report` command yet")
    check_no_error_log(scratch)


def check_no_error_log(folder: Path) -> None:
    """An unexpected error is logged beside the database (db/safety/error_log.py), even
    when the program goes on: there must be none."""
    for log in sorted(folder.glob("*.log")):
        raise SmokeFailure(f"the program logged an unexpected error in {log}:\n{log.read_text(errors='replace')}")


def check_window(target: Target, scratch: Path, screenshot: Path | None) -> None:
    """The windowed program with no database: it must create the user's ledger
    with the bundled plan, show its window, log no error and keep running."""
    env = target.environment(scratch)
    data = target.data_dir(scratch)
    ledger = data / "ledger.db"
    shutil.rmtree(data, ignore_errors=True)
    program = target.program(NAME)
    started = time.perf_counter()
    process = subprocess.Popen(
        target.command(program, []), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        title = None
        while time.perf_counter() - started < WINDOW_TIMEOUT and process.poll() is None:
            if ledger.is_file() and (title := window_title(env)) is not False:
                break
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        if process.poll() is not None:
            output = process.communicate()[0].decode("utf-8", "replace")
            raise SmokeFailure(f"{program.name} ended with exit code {process.returncode}:\n{output}")
        if not ledger.is_file():
            raise SmokeFailure(f"{program.name} made no ledger at {ledger} within {WINDOW_TIMEOUT} s")
        if title is False:
            raise SmokeFailure(f"{program.name} made its ledger but showed no window within {WINDOW_TIMEOUT} s")
        time.sleep(2)  # the rest of the start: the view cache, the start backup, the operator's question
        if process.poll() is not None:
            raise SmokeFailure(f"{program.name} ended with exit code {process.returncode} after it started")
        if screenshot is not None:
            take_screenshot(env, screenshot)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    shown = f", window “{title}”" if title else ""
    print(f"  {program.name}: ledger created in {seconds:.1f} s{shown}")
    tasks = count_ledger_tasks(ledger)
    if tasks != PLAN_TASKS:
        raise SmokeFailure(f"the ledger {ledger} the window created holds {tasks} tasks, expected {PLAN_TASKS}")
    check_no_error_log(data)
    print(f"  the window's ledger holds the bundled plan ({tasks} tasks); no error logged")


def window_title(env: dict[str, str]) -> str | bool | None:
    """The title of the program's main window; None when it cannot be known
    (no display, no xdotool), False while it is not shown."""
    xdotool = shutil.which("xdotool")
    if not env.get("DISPLAY") or xdotool is None or env.get("QT_QPA_PLATFORM") == "offscreen":
        return None
    found = subprocess.run(
        [xdotool, "search", "--onlyvisible", "--name", f"^{NAME} — "],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    windows = found.stdout.split()
    if not windows:
        return False
    name = subprocess.run([xdotool, "getwindowname", windows[0]], env=env, capture_output=True, text=True, check=False)
    return name.stdout.strip()


def take_screenshot(env: dict[str, str], path: Path) -> None:
    try:
        from PIL import ImageGrab

        ImageGrab.grab(xdisplay=env.get("DISPLAY")).save(path)
    except Exception as exc:  # noqa: BLE001 - a picture for people; the checks do not depend on it
        print(f"  screenshot: none ({exc})")
    else:
        print(f"  screenshot: {path}")


def count_ledger_tasks(ledger: Path) -> int:
    """Read after the program has ended (Wine's file locks are not those of
    Linux's SQLite): a WAL left behind is part of the database."""
    try:
        with sqlite3.connect(ledger) as connection:
            return int(connection.execute("SELECT count(*) FROM tasks").fetchone()[0])
    except sqlite3.Error as exc:
        raise SmokeFailure(f"the ledger {ledger} the window created cannot be read: {exc}") from None


def check_xlsx(path: Path) -> None:
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(path)
    except Exception as exc:  # noqa: BLE001 - any failure to read it is the finding
        raise SmokeFailure(f"export wrote no readable workbook at {path}: {exc}") from None
    rows = sum(sheet.max_row for sheet in workbook.worksheets)
    if rows < PLAN_TASKS:
        raise SmokeFailure(f"the exported ledger {path} has {rows} rows, fewer than the {PLAN_TASKS} tasks")


def check_pdf(path: Path) -> None:
    if not path.is_file() or not path.read_bytes().startswith(b"%PDF-"):
        raise SmokeFailure(f"report sheet wrote no PDF at {path}")
    try:
        from pypdf import PdfReader
    except ImportError:  # the test extras are not installed: the header check must do
        return
    try:
        pages = len(PdfReader(path).pages)
    except Exception as exc:  # noqa: BLE001
        raise SmokeFailure(f"the supervision sheet {path} does not parse: {exc}") from None
    if pages < 1:
        raise SmokeFailure(f"the supervision sheet {path} has no page")


def check_contents(target: Target) -> None:
    """What pyinstaller.spec promises to bundle, and what it promises to leave out."""
    internal = target.dist / "_internal"
    files = [path for path in internal.rglob("*") if path.is_file()]
    relative = {path.relative_to(internal).as_posix() for path in files}
    problems = [
        f"missing: {target.program(name)}" for name in (NAME, CONSOLE_NAME) if not target.program(name).is_file()
    ]

    wanted = [
        "resources/plans/xiamen-2016-task-division.txt",
        "resources/units.json",
        "resources/translations/duban_zh_CN.qm",
        "resources/icons/app.ico",
        "resources/icons/app.png",
        "db/schema/migrations/env.py",
        "db/schema/migrations/script.py.mako",
    ]
    wanted += [
        f"db/schema/migrations/versions/{p.name}"
        for p in (ROOT / "db" / "schema" / "migrations" / "versions").glob("*.py")
    ]
    problems += [f"missing from the bundle: {name}" for name in wanted if name not in relative]

    problems += [f"the translation source is bundled: {name}" for name in relative if name.endswith(".ts")]

    qt_translations = [name for name in relative if name.startswith("PySide6/") and "/translations/" in name]
    if not any(name.endswith("/qtbase_zh_CN.qm") for name in qt_translations):
        problems.append("Qt's qtbase_zh_CN.qm is missing (PySide6/…/translations): standard buttons stay English")
    others = [name for name in qt_translations if not name.endswith(("_zh_CN.qm", "_en.qm"))]
    if others:
        problems.append(f"Qt translations of other languages are bundled: {len(others)} files, e.g. {others[0]}")

    for path in target.dist.rglob("*"):
        if path.name.lower() in NEVER_SHIPPED:
            problems.append(f"bundled, but never to be shipped: {path.relative_to(target.dist).as_posix()}")
    for path in files:
        if any(path.name.removeprefix("lib").startswith(unwanted) for unwanted in UNWANTED_QT):
            problems.append(f"an unused Qt module is bundled: {path.relative_to(internal).as_posix()}")
        if path.name.startswith(("_tkinter", "tcl8", "tk8", "libtk", "libtcl")):
            problems.append(f"tkinter is bundled: {path.relative_to(internal).as_posix()}")

    if problems:
        raise SmokeFailure("the bundle is not as pyinstaller.spec means it:\n  " + "\n  ".join(sorted(problems)))
    print(
        f"  contents: {NAME} and {CONSOLE_NAME}, {len(files)} files; resources, migrations and Qt's zh_CN "
        f"translation present, unused Qt modules and dropped libraries absent"
    )


def folder_mb(folder: Path) -> float:
    """Like `du -sm`: a symbolic link (PyInstaller makes some on Linux) counts once."""
    total = 0
    for base, _dirs, names in os.walk(folder):
        total += sum(os.lstat(os.path.join(base, name)).st_size for name in names)
    return total / (1024 * 1024)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.dist_smoke", description=__doc__.split("\n")[0])
    parser.add_argument("dist", nargs="?", type=Path, default=DIST, help=f"the built folder (default {DIST})")
    parser.add_argument("--wine", metavar="WINE", help="run the Windows programs with this Wine loader")
    parser.add_argument("--window", action="store_true", help="also start the window and check its ledger")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png", help="a picture of the screen (--window)")
    options = parser.parse_args(argv)
    target = Target(options.dist.resolve(), options.wine)
    started = time.perf_counter()
    print(f"dist-smoke: {target.dist}" + (f" under {options.wine}" if options.wine else ""))
    try:
        if not target.program(CONSOLE_NAME).is_file():
            raise SmokeFailure(f"{target.program(CONSOLE_NAME)} does not exist: run `make dist` first")
        check_contents(target)
        with tempfile.TemporaryDirectory(prefix="dist-smoke-") as scratch:
            check_commands(target, Path(scratch))
            if options.window:
                check_window(target, Path(scratch), options.screenshot)
        size = folder_mb(target.dist)
        print(f"  size of {target.dist.name}/: {size:.0f} MB (limit {MAX_MB} MB)")
        if size >= MAX_MB:
            raise SmokeFailure(f"the built folder is {size:.0f} MB, at or above the limit of {MAX_MB} MB")
    except SmokeFailure as failure:
        print(f"dist-smoke FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"dist-smoke passed in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
