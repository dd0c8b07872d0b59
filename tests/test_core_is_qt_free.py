"""The rooms keep their walls: db/ (the core) loads neither Qt nor the
documents nor the window; documents/ (the paperwork) loads no Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def modules_of(package: str) -> list[str]:
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def loaded_after_importing(modules: list[str]) -> set[str]:
    """The top-level packages a fresh interpreter holds after importing `modules`."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(eval(result.stdout))


@pytest.mark.parametrize(
    ("package", "example", "forbidden"),
    [
        ("db", "db.schema.database", {"PySide6", "shiboken6", "documents", "desktop", "commands"}),
        ("documents", "documents.pdf.sheet", {"PySide6", "shiboken6", "desktop", "commands"}),
    ],
)
def test_a_room_does_not_load_what_it_must_not(package: str, example: str, forbidden: set[str]) -> None:
    modules = modules_of(package)
    assert example in modules
    assert loaded_after_importing(modules) & forbidden == set()
