"""The program's translation: extract, build, check.

    python -m tools.translations update   # source strings → resources/translations/duban_zh_CN.ts
    python -m tools.translations build    # .ts → .qm (what desktop/i18n.py loads)
    python -m tools.translations check    # exit 1, listing them, if a string has no translation

The source strings are English, in `desktop/` (and `main.py` if it ever holds
any): `self.tr("…")`, `QCoreApplication.translate("Context", "…")`,
`QT_TRANSLATE_NOOP("Context", "…")`. `update` keeps the translations already
made and drops those whose source string is gone. Translate the new entries
in the .ts (Qt Linguist: `pyside6-linguist`, or any editor: fill in
<translation> and remove type="unfinished"), then `build`.

The Qt tools are the ones installed with PySide6 beside this Python (the
venv's bin/ or Scripts\\), so the commands work the same on Linux and Windows.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGE = "zh_CN"
TS = TRANSLATIONS / f"duban_{LANGUAGE}.ts"
QM = TS.with_suffix(".qm")
SOURCE_LANGUAGE = "en"

# A file holds translatable strings if it calls one of these.
_TRANSLATABLE = re.compile(r"\b(?:tr|translate|QT_TR_NOOP|QT_TRANSLATE_NOOP)\s*\(")


class ToolError(RuntimeError):
    """A Qt tool is missing or failed."""


@dataclass(frozen=True)
class Untranslated:
    context: str
    source: str
    location: str  # "desktop/main_window.py:123", or "" when lupdate gave none

    def __str__(self) -> str:
        where = f"  ({self.location})" if self.location else ""
        return f"[{self.context}] {self.source!r}{where}"


def tool(name: str) -> Path:
    """`pyside6-lupdate` or `pyside6-lrelease` beside the running Python."""
    folder = Path(sys.executable).parent
    found = shutil.which(name, path=str(folder))  # finds the .exe on Windows
    if found is None:
        raise ToolError(f"{name} not found in {folder} (is PySide6 installed in this environment?)")
    return Path(found)


def sources() -> list[Path]:
    """Every Python file of desktop/ (and main.py if it has translatable strings), relative to ROOT."""
    files = sorted(p for p in (ROOT / "desktop").rglob("*.py") if "__pycache__" not in p.parts)
    main = ROOT / "main.py"
    if main.exists() and _TRANSLATABLE.search(main.read_text(encoding="utf-8")):
        files.append(main)
    return [p.relative_to(ROOT) for p in files]


def _run(command: list[str | Path], quiet: bool = False) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    if result.returncode != 0:
        raise ToolError(f"{Path(command[0]).name} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    if not quiet:
        sys.stdout.write(result.stdout)
    # lupdate's warnings (a tr() it could not read, …) are worth seeing every time.
    sys.stderr.write(result.stderr)
    return result


def lupdate(ts: Path, quiet: bool = False) -> None:
    """Extract the source strings into `ts`, keeping its translations, dropping obsolete ones."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    command: list[str | Path] = [tool("pyside6-lupdate"), *sources(), "-ts", ts, "-no-obsolete"]
    command += ["-source-language", SOURCE_LANGUAGE, "-target-language", LANGUAGE, "-locations", "relative"]
    if quiet:
        command.append("-silent")
    _run(command, quiet)


def update() -> None:
    lupdate(TS)


def build(ts: Path = TS, qm: Path = QM, quiet: bool = False) -> Path:
    """Compile `ts` into `qm`; only finished translations go in."""
    if not ts.exists():
        raise ToolError(f"{ts} does not exist: run `update` first")
    qm.parent.mkdir(parents=True, exist_ok=True)
    command: list[str | Path] = [tool("pyside6-lrelease"), ts, "-qm", qm, "-nounfinished"]
    if quiet:
        command.append("-silent")
    _run(command, quiet)
    return qm


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str  # the first numerus form for plural messages
    finished: bool
    location: str  # "desktop/labels.py:12", relative to the project


def messages(ts: Path = TS) -> list[Message]:
    """The current (not obsolete or vanished) messages of a .ts file."""
    found = []
    lines: dict[str, int] = {}  # with relative locations, a file's line numbers count on from its last one
    filename = ""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            where = ""
            location = message.find("location")
            if location is not None:
                filename = location.get("filename", filename)
                line = location.get("line", "")
                if line.startswith(("+", "-")):
                    lines[filename] = lines.get(filename, 0) + int(line)
                elif line.isdigit():
                    lines[filename] = int(line)
                where = _relative_location(f"{filename}:{lines[filename]}" if filename in lines else filename, ts)
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            forms = [] if translation is None else [f.text or "" for f in translation.iter("numerusform")]
            text = (forms[0] if forms else translation.text or "") if translation is not None else ""
            complete = all(forms) if forms else bool(text)
            found.append(Message(name, message.findtext("source", ""), text, kind != "unfinished" and complete, where))
    return found


def current_messages() -> list[Message]:
    """The messages of the code as it is now, with the translations the .ts has for them.

    lupdate runs into a temporary copy of the .ts, so the real one is not touched."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / TS.name
        if TS.exists():
            shutil.copyfile(TS, copy)
        lupdate(copy, quiet=True)
        return messages(copy)


def untranslated(current: list[Message] | None = None) -> list[Untranslated]:
    """The source strings of the code that have no finished translation."""
    current = current_messages() if current is None else current
    return [Untranslated(m.context, m.source, m.location) for m in current if not m.finished]


def without_context(current: list[Message] | None = None) -> list[Message]:
    """Messages lupdate found outside any class (a module-level tr() helper):
    the code translates them under a context lupdate cannot see, so their
    translations are never found at run time."""
    current = current_messages() if current is None else current
    return [m for m in current if not m.context]


def _relative_location(location: str, ts: Path) -> str:
    """lupdate writes locations relative to the .ts; make them relative to the project."""
    if not location:
        return ""
    filename, _, line = location.rpartition(":")
    if not filename:
        filename, line = location, ""
    try:
        path = (ts.parent / filename).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        path = filename
    return f"{path}:{line}" if line else path


def check() -> int:
    name = TS.relative_to(ROOT).as_posix()
    current = current_messages()
    orphans = without_context(current)
    if orphans:
        print(
            f"warning: {len(orphans)} string(s) extracted without a context; they will not be translated:",
            file=sys.stderr,
        )
        for m in orphans:
            print(f"  {m.source!r}  ({m.location})", file=sys.stderr)
    missing = untranslated(current)
    if not missing:
        print(f"{name}: every source string is translated")
        return 0
    print(f"{len(missing)} source string(s) without a finished translation in {name}:")
    for item in missing:
        print(f"  {item}")
    print("Run `python -m tools.translations update`, translate them in the .ts, then `build`.")
    return 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in (["update"], ["build"], ["check"]):
        print("usage: python -m tools.translations {update|build|check}", file=sys.stderr)
        return 2
    try:
        if args == ["update"]:
            update()
        elif args == ["build"]:
            build()
        else:
            return check()
    except ToolError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
