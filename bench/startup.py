"""The start-up target, timed from outside: `python -m bench.startup [DB]`
(and the end of `make bench`).

The program's window and LibreOffice Calc are started side by side on the
same ledger, under an Xvfb screen of their own, at the first start of a day:
the program on an existing ledger (a view cache from yesterday's run, no
start backup for today yet), Calc on that ledger exported by `main.py export
ledger.xlsx`. The whole screen is grabbed over and over (bench/screen.py)
from the moment the process is started; a program's time is when the
picture took its final look: for the program the plan tree (where the plan
is), and the whole window besides; for Calc the whole screen (its window is
the sheet). The runs alternate (program, Calc, program …); medians and the
best of each are reported, with the ratio of the medians against the target
of a third.

Needs Xvfb and a LibreOffice that can show a window (`soffice` on the PATH,
or the one `DUBAN_BENCH_SOFFICE` names); Debian's libreoffice-calc-nogui
cannot, and is skipped with a message. The last picture of every run is kept
as PNG in the work folder (`--keep DIR` keeps it) to look at.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bench.screen import Film, Rect, VirtualScreen, missing_tools

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1280, 800  # the window's size at its first start fills the screen; Calc fills it too
RUNS = 5
SETTLE = 3.0  # seconds without a change after which a start is over
LONGEST = 40.0
TARGET = 1 / 3
VCL_PLUGINS = ("gen", "gtk3", "gtk4", "kf5", "kf6", "qt5", "qt6")


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)


@dataclass
class StartupFigures:
    plan: Runs = field(default_factory=Runs)  # the program's plan tree settled
    window: Runs = field(default_factory=Runs)  # the program's whole window settled
    calc: Runs = field(default_factory=Runs)  # Calc's screen settled
    soffice: str = ""
    load: tuple[float, float] = (0.0, 0.0)  # the machine's load average (1 min) before and after

    @property
    def ratio(self) -> float:
        return self.plan.median / self.calc.median


def soffice_program() -> tuple[Path | None, str]:
    """The LibreOffice to compare with, or None and why not."""
    named = os.environ.get("DUBAN_BENCH_SOFFICE") or shutil.which("soffice")
    if not named:
        return None, "LibreOffice is not installed (soffice not found; Debian: apt-get install libreoffice-calc)"
    program = Path(os.path.realpath(named))
    plugins = [
        p for p in program.parent.glob("libvclplug_*lo.so") if p.name[len("libvclplug_") : -len("lo.so")] in VCL_PLUGINS
    ]
    if not plugins:  # Debian's -nogui packages: only the headless back end, built in
        return None, (
            f"{named} is LibreOffice without a window (no VCL plug-in beside it: the -nogui packages): install "
            "libreoffice-calc (it replaces them) or name another soffice in DUBAN_BENCH_SOFFICE"
        )
    return program, ""


def _today_start_backups(db_path: Path) -> list[Path]:
    from db.safety.backup import list_backups

    today = date.today()
    return [b.path for b in list_backups(db_path) if b.reason == "start" and b.made_at.date() == today]


class Scenario:
    """A copy of the ledger in a folder of its own, with the settings of a PC
    that has used the program before (the operator's name given, a last
    task), and what makes the next start the first of a day."""

    def __init__(self, source: Path, folder: Path) -> None:
        self.folder = folder
        self.db_path = folder / "ledger" / "ledger.db"
        self.db_path.parent.mkdir(parents=True)
        shutil.copyfile(source, self.db_path)
        self.home = folder / "home"
        self.config = self.home / ".config"
        (self.config / "DubanTaizhang").mkdir(parents=True)
        from PySide6.QtCore import QSettings

        from desktop.preferences import LAST_TASK, OPERATOR

        settings = QSettings(str(self.config / "DubanTaizhang" / "DubanTaizhang.conf"), QSettings.Format.IniFormat)
        settings.setValue(OPERATOR.key, "bench")
        settings.setValue(LAST_TASK.key, 12)  # the id of a task in the middle of the plan
        settings.sync()
        self.xlsx = folder / "sheet" / "ledger.xlsx"
        self.xlsx.parent.mkdir()
        subprocess.run(
            [sys.executable, "main.py", "--db", str(self.db_path), "export", str(self.xlsx)],
            cwd=ROOT, env=self.env(), check=True, capture_output=True,
        )  # fmt: skip

    def env(self, display: str = "") -> dict[str, str]:
        """The environment of a PC where the program is installed: its modules
        compiled once (an installed wheel or bundle has them compiled; a shell
        with PYTHONDONTWRITEBYTECODE would compile them at every start), here
        into a folder of the scenario's, so the checkout is left as it is."""
        env = {
            **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.config),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "PYTHONPYCACHEPREFIX": str(self.folder / "pycache"),
        }
        if display:
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        return env

    def make_first_start_of_day(self) -> None:
        """No start backup for today, and the view cache as yesterday's run left it."""
        from desktop.view_cache import set_back_a_day

        for backup in _today_start_backups(self.db_path):
            backup.unlink()
        if not set_back_a_day(self.db_path):
            raise RuntimeError(f"{self.db_path}: the window left no view cache")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End a process started in a session of its own, and everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # helpers it left (soffice.bin under oosplash)
        except ProcessLookupError:
            pass


def _film(
    screen: VirtualScreen, command: list[str], env: dict[str, str], cwd: Path, done: Callable[[], bool] = lambda: True
) -> Film:
    """The screen from the start of `command` until it shows something, has
    not changed for SETTLE seconds and `done()` (or LONGEST seconds)."""
    started: list[subprocess.Popen[bytes]] = []

    def start() -> None:
        started.append(
            subprocess.Popen(
                command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
            )
        )

    try:
        return Film.record(
            screen, start, settle=SETTLE, longest=LONGEST, done=lambda film: len(film.frames) > 1 and done()
        )
    finally:
        for process in started:
            _stop(process)


def tree_rect(screen: VirtualScreen, scenario: Scenario) -> Rect:
    """Where the plan tree is on the screen: asked of the window once, in an
    untimed run that also leaves the view cache and warms the disk cache."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.startup_probe", str(scenario.db_path)],
        cwd=ROOT, env=scenario.env(screen.display), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    for line in result.stdout.splitlines():
        if line.startswith("tree "):
            x, y, width, height = map(int, line.split()[1:])
            return Rect(x, y, width, height)
    raise RuntimeError(f"the window did not say where its tree is: {result.stdout}{result.stderr}")


def _calc_profile(soffice: Path, folder: Path, env: dict[str, str], screen: VirtualScreen, xlsx: Path) -> Path:
    """A LibreOffice user profile as a person's is after the first start (made
    by one untimed start), without the tip of the day; copied for every run."""
    template = folder / "calc-profile"
    subprocess.run(
        [str(soffice), "--headless", "--terminate_after_init", f"-env:UserInstallation={template.as_uri()}"],
        env=env, capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    warm = _fresh_copy(xlsx, folder / "calc-warm-up")
    _film(
        screen,
        _calc_command(soffice, template, warm),
        env,
        folder,
        done=lambda: calc_window_shown(screen.display, warm),
    )
    shutil.rmtree(template / "user" / "backup", ignore_errors=True)
    registry = template / "user" / "registrymodifications.xcu"
    text = registry.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if "/org.openoffice.Office.Recovery/RecoveryList" not in line)
    tip = (
        '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse">'
        "<value>false</value></prop></item>"
    )
    registry.write_text(text.replace("</oor:items>", tip + "\n</oor:items>"), encoding="utf-8")
    return template


def calc_window_shown(display: str, xlsx: Path) -> bool:
    """Whether Calc's window of the sheet is on the screen (xdotool asks the
    X server; its splash screen alone can stay unchanged for seconds)."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", xlsx.name],
        env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return bool(found.stdout.strip())


def _fresh_copy(xlsx: Path, folder: Path) -> Path:
    """The sheet in a new folder: Calc's lock file of a run stopped by a signal stays behind."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Path(shutil.copy(xlsx, folder))


def _calc_command(soffice: Path, profile: Path, xlsx: Path) -> list[str]:
    return [str(soffice), "--calc", f"-env:UserInstallation={profile.as_uri()}", str(xlsx)]


def measure(db_path: Path, workdir: Path, runs: int = RUNS, say: Callable[[str], None] = print) -> StartupFigures | str:
    """The figures, or why they could not be taken."""
    if (why := missing_tools()) is not None:
        return why
    if shutil.which("xdotool") is None:
        return "xdotool is not installed (Debian: apt-get install xdotool)"
    soffice, why = soffice_program()
    if soffice is None:
        return why
    figures = StartupFigures(soffice=str(soffice), load=(os.getloadavg()[0], 0.0))
    scenario = Scenario(db_path, workdir / "startup")
    program = [sys.executable, "main.py", "--db", str(scenario.db_path)]
    with VirtualScreen(WIDTH, HEIGHT) as screen:
        say("[start-up] a first, untimed start of the window and of Calc …")
        rect = tree_rect(screen, scenario)
        env = scenario.env(screen.display)
        template = _calc_profile(soffice, scenario.folder, env, screen, scenario.xlsx)
        for run in range(1, runs + 1):
            scenario.make_first_start_of_day()
            film = _film(screen, program, env, ROOT, done=lambda: bool(_today_start_backups(scenario.db_path)))
            if not _today_start_backups(scenario.db_path):
                raise RuntimeError("the window made no start backup: it was not the first start of the day")
            figures.plan.seconds.append(film.settled(rect))
            figures.window.seconds.append(film.settled())
            film.save_png(len(film.frames) - 1, scenario.folder / f"program-{run}.png")

            profile = scenario.folder / "calc-run"
            shutil.rmtree(profile, ignore_errors=True)
            shutil.copytree(template, profile, symlinks=True)
            xlsx = _fresh_copy(scenario.xlsx, scenario.folder / "calc-sheet")

            def shown() -> bool:  # the copy has the same name
                return calc_window_shown(screen.display, scenario.xlsx)

            film = _film(screen, _calc_command(soffice, profile, xlsx), env, scenario.folder, done=shown)
            figures.calc.seconds.append(film.settled())
            film.save_png(len(film.frames) - 1, scenario.folder / f"calc-{run}.png")
            say(
                f"[start-up] run {run}: plan {figures.plan.seconds[-1]:.3f} s, window {figures.window.seconds[-1]:.3f} s, "
                f"Calc {figures.calc.seconds[-1]:.3f} s"
            )
    figures.load = (figures.load[0], os.getloadavg()[0])
    return figures


def table(figures: StartupFigures) -> list[str]:
    def row(name: str, runs: Runs) -> str:
        each = " ".join(f"{s:.2f}" for s in runs.seconds)
        return f"| {name} | {runs.median:.2f} s | {runs.best:.2f} s | {each} |"

    verdict = "✓" if figures.ratio <= TARGET else "✗"
    return [
        "| first start of the day, 66-task ledger | median | best | runs (s) |",
        "| --- | ---: | ---: | --- |",
        row("the program: the plan visually complete", figures.plan),
        row("the program: the whole window settled", figures.window),
        row("LibreOffice Calc: the exported ledger.xlsx settled", figures.calc),
        "",
        (
            f"Plan / Calc (medians): {figures.ratio:.2f} (target ≤ {TARGET:.2f} {verdict}). "
            f"Load average {figures.load[0]:.1f} before, {figures.load[1]:.1f} after; {figures.soffice}."
        ),
    ]


def bundled_ledger(folder: Path) -> Path:
    """The 66-task ledger of the benchmark: the bundled plan with 3 months of reports."""
    from sqlalchemy import select

    from bench.synthetic import add_progress
    from db.resources import BUNDLED_PLAN
    from db.schema.database import open_database
    from db.schema.models import Plan

    path = folder / "bundled.db"
    database = open_database(path, first_plan=BUNDLED_PLAN)  # as the window's first start makes it
    try:
        with database.session() as session:
            plan_id = session.scalar(select(Plan.id))
        assert plan_id is not None, "the bundled plan was not imported"
        add_progress(database, plan_id, 3)
    finally:
        database.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "db", nargs="?", type=Path, help="the ledger (default: the bundled plan with 3 months of reports)"
    )
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the work folder (the last pictures) here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="duban-startup-") as temporary:
        workdir = args.keep or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        db_path = args.db or bundled_ledger(workdir)
        result = measure(db_path, workdir, args.runs, say=lambda text: print(text, file=sys.stderr, flush=True))
        if isinstance(result, str):
            print(f"start-up not measured: {result}")
            return 0
        print(f"- date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
        print("\n".join(table(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
