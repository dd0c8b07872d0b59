"""Run the built program (`make dist`) without a display and check what it holds.

    python -m tools.dist_smoke [DIST_FOLDER]      (`make dist-smoke`)

The frozen executable must answer `--version`, import the bundled plan into a
new database, export it (JSON, and the ledger as .xlsx once the program has
it), back it up and print the monthly supervision sheet (once the program
has the `backup` and `report` commands), each with exit code 0 and an output
that parses. The
bundle must hold the resources, the Alembic scripts and Qt's Chinese
translation, and none of the Qt modules the program does not use; the folder
must stay under 250 MB. Exit 1 with the reasons otherwise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "督办台账"  # as in pyinstaller.spec
DIST = ROOT / "dist" / NAME
PLAN = ROOT / "resources" / "plans" / "xiamen-2016-task-division.txt"
PLAN_TASKS = 66  # DESIGN.md: 66 numbered tasks
PLAN_COPIES = [ROOT / "tests" / "data" / "plans" / f"xiamen-2016.{suffix}" for suffix in ("docx", "pdf")]
MAX_MB = 250
TIMEOUT = 180  # seconds for one command of the frozen program

# Qt modules the program does not use: neither their Python module nor their
# Qt library may be in the folder (file names on Linux and Windows).
UNWANTED_QT = (
    "QtNetwork.", "QtQml", "QtQuick", "Qt6Qml", "Qt6Quick", "QtWebEngine", "Qt6WebEngine",
    "QtMultimedia", "Qt6Multimedia", "Qt3D", "Qt63D", "QtSql.", "Qt6Sql", "QtTest.", "Qt6Test",
    "QtDesigner", "Qt6Designer", "QtCharts", "Qt6Charts", "QtUiTools",
)


class SmokeFailure(Exception):
    pass


def executable(dist: Path) -> Path:
    return dist / (NAME + ".exe" if sys.platform == "win32" else NAME)


def headless_environment(scratch: Path) -> dict[str, str]:
    """No display, and a data directory of its own: the smoke run never
    touches a real ledger even if a command forgot --db."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["XDG_DATA_HOME"] = env["LOCALAPPDATA"] = str(scratch / "data")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run(exe: Path, args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [str(exe), *args], env=env, capture_output=True, text=True, encoding="utf-8",
            errors="replace", timeout=TIMEOUT, check=False,
        )
    except subprocess.TimeoutExpired:
        raise SmokeFailure(f"{what}: no answer within {TIMEOUT} s ({' '.join(args)})") from None
    seconds = time.perf_counter() - started
    print(f"  {what}: exit {result.returncode}, {seconds:.1f} s")
    if result.returncode != 0:
        raise SmokeFailure(
            f"{what} failed with exit code {result.returncode}: {NAME} {' '.join(args)}\n"
            f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
        )
    return result


def count_tasks(section: dict) -> int:  # type: ignore[type-arg]
    return len(section.get("tasks", [])) + sum(count_tasks(sub) for sub in section.get("sections", []))


def check_commands(exe: Path, scratch: Path) -> None:
    from db import __version__

    env = headless_environment(scratch)
    database, exported = scratch / "x.db", scratch / "x.json"

    version = run(exe, ["--version"], env, "--version").stdout.strip()
    if __version__ not in version:
        raise SmokeFailure(f"--version printed {version!r}, expected the version {__version__}")

    run(exe, ["--db", str(database), "import-plan", str(PLAN)], env, "import-plan")
    if not database.is_file() or database.read_bytes()[:16] != b"SQLite format 3\0":
        raise SmokeFailure(f"import-plan made no SQLite database at {database}")

    # The plan as Word and PDF: python-docx, PDFium and lxml must be in the bundle.
    for copy in PLAN_COPIES:
        shown = run(exe, ["--db", str(scratch / "preview.db"), "import-plan", str(copy), "--preview"], env,
                    f"import-plan --preview {copy.suffix}").stdout
        if f"任务 {PLAN_TASKS} 项" not in shown:
            raise SmokeFailure(f"import-plan --preview {copy.name} did not read {PLAN_TASKS} tasks:\n{shown[-500:]}")

    run(exe, ["--db", str(database), "export", str(exported)], env, "export .json")
    try:
        data = json.loads(exported.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SmokeFailure(f"export wrote no readable JSON at {exported}: {exc}") from None
    tasks = sum(count_tasks(section) for plan in data.get("plans", []) for section in plan.get("sections", []))
    if len(data.get("plans", [])) != 1 or tasks != PLAN_TASKS:
        raise SmokeFailure(f"the export holds {len(data.get('plans', []))} plans and {tasks} tasks, "
                           f"expected 1 plan of {PLAN_TASKS} tasks")

    if (ROOT / "commands" / "reports.py").exists():
        ledger = scratch / "ledger.xlsx"
        run(exe, ["--db", str(database), "export", str(ledger)], env, "export .xlsx")
        check_xlsx(ledger)
    else:
        print("  export .xlsx: SKIPPED, the program has no commands/reports.py yet")

    commands = run(exe, ["--help"], env, "--help").stdout.split()
    if "backup" in commands:
        before = set((scratch / "backups").glob("*")) if (scratch / "backups").is_dir() else set()
        run(exe, ["--db", str(database), "backup"], env, "backup")
        made = [p for p in (scratch / "backups").glob("*") if p not in before] if (scratch / "backups").is_dir() else []
        if not any(p.read_bytes()[:16] == b"SQLite format 3\0" for p in made if p.is_file()):
            raise SmokeFailure(f"backup made no SQLite copy in {scratch / 'backups'}")
    else:
        print("  backup: SKIPPED, this build has no `backup` command yet")

    if "report" in commands:
        sheet = scratch / "s.pdf"
        run(exe, ["--db", str(database), "report", "sheet", "--month", "2016-06", "-o", str(sheet)], env,
            "report sheet")
        check_pdf(sheet)
    else:
        print("  report sheet: SKIPPED, this build has no `report` command yet")


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


def check_contents(dist: Path) -> None:
    """What pyinstaller.spec promises to bundle, and what it promises to leave out."""
    internal = dist / "_internal"
    files = [path for path in internal.rglob("*") if path.is_file()]
    relative = {path.relative_to(internal).as_posix() for path in files}
    problems = []

    wanted = [
        "resources/plans/xiamen-2016-task-division.txt",
        "resources/units.json",
        "resources/translations/duban_zh_CN.qm",
        "resources/icons/app.ico",
        "resources/icons/app.png",
        "db/migrations/env.py",
        "db/migrations/script.py.mako",
    ]
    wanted += [f"db/migrations/versions/{p.name}" for p in (ROOT / "db" / "migrations" / "versions").glob("*.py")]
    problems += [f"missing from the bundle: {name}" for name in wanted if name not in relative]

    problems += [f"the translation source is bundled: {name}" for name in relative if name.endswith(".ts")]

    qt_translations = [name for name in relative if name.startswith("PySide6/") and "/translations/" in name]
    if not any(name.endswith("/qtbase_zh_CN.qm") for name in qt_translations):
        problems.append("Qt's qtbase_zh_CN.qm is missing (PySide6/…/translations): standard buttons stay English")
    others = [name for name in qt_translations if not name.endswith(("_zh_CN.qm", "_en.qm"))]
    if others:
        problems.append(f"Qt translations of other languages are bundled: {len(others)} files, e.g. {others[0]}")

    for path in files:
        if any(path.name.removeprefix("lib").startswith(unwanted) for unwanted in UNWANTED_QT):
            problems.append(f"an unused Qt module is bundled: {path.relative_to(internal).as_posix()}")
        if path.name.startswith(("_tkinter", "tcl8", "tk8", "libtk", "libtcl")):
            problems.append(f"tkinter is bundled: {path.relative_to(internal).as_posix()}")

    if problems:
        raise SmokeFailure("the bundle is not as pyinstaller.spec means it:\n  " + "\n  ".join(sorted(problems)))
    print(f"  contents: {len(files)} files; resources, migrations and Qt's zh_CN translation present, "
          f"unused Qt modules absent")


def folder_mb(folder: Path) -> float:
    """Like `du -sm`: a symbolic link (PyInstaller makes some on Linux) counts once."""
    total = 0
    for base, _dirs, names in os.walk(folder):
        total += sum(os.lstat(os.path.join(base, name)).st_size for name in names)
    return total / (1024 * 1024)


def main(argv: list[str]) -> int:
    dist = Path(argv[0]).resolve() if argv else DIST
    exe = executable(dist)
    started = time.perf_counter()
    print(f"dist-smoke: {exe}")
    try:
        if not exe.is_file():
            raise SmokeFailure(f"{exe} does not exist: run `make dist` first")
        check_contents(dist)
        with tempfile.TemporaryDirectory(prefix="dist-smoke-") as scratch:
            check_commands(exe, Path(scratch))
        size = folder_mb(dist)
        print(f"  size of {dist.name}/: {size:.0f} MB (limit {MAX_MB} MB)")
        if size >= MAX_MB:
            raise SmokeFailure(f"the built folder is {size:.0f} MB, at or above the limit of {MAX_MB} MB")
    except SmokeFailure as failure:
        print(f"dist-smoke FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"dist-smoke passed in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
