"""No desktop module builds a query: widgets read through the core's query
functions (db/queries) or their models, and write through its operations.

Read off the source (every import statement, at the top, in a function or
under TYPE_CHECKING): a desktop module imports nothing of SQLAlchemy and no
mapped class of db.schema.models, so it has nothing to build a statement
with, nor a class to hand a session. The exceptions, with their reasons:
"""

from __future__ import annotations

import ast
from pathlib import Path

from db.schema import models
from tests.conftest import ROOT

# The type of what Ledger.session() and Database.transaction() return, named
# in signatures that hand a session on to the core; it builds nothing.
ALLOWED_SQLALCHEMY = {"sqlalchemy.orm": {"Session"}}
# The schema's own codes: the kinds of unit, which the registry's combo boxes
# list (the statuses and lights are db.vocabulary's). Not a mapped class.
ALLOWED_MODELS = {"UNIT_KINDS"}


def imports(path: Path) -> list[tuple[str, str | None, int]]:
    """(module, name imported from it or None, line) for every import of a file."""
    found: list[tuple[str, str | None, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, None, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            found.extend((node.module, alias.name, node.lineno) for alias in node.names)
    return found


def offences(path: Path, root: Path = ROOT) -> list[str]:
    where = path.relative_to(root)
    found = []
    for module, name, line in imports(path):
        if module == "sqlalchemy" or module.startswith("sqlalchemy."):
            if name is None or name not in ALLOWED_SQLALCHEMY.get(module, set()):
                found.append(f"{where}:{line}: {module} {name or ''}")
        elif (module == "db.schema.models" or (module == "db.schema" and name == "models")) and (
            name is None or name not in ALLOWED_MODELS
        ):
            found.append(f"{where}:{line}: {module} {name or ''}")
    return found


def test_no_desktop_module_builds_a_query() -> None:
    files = sorted((ROOT / "desktop").rglob("*.py"))
    assert len(files) > 30
    assert [offence for path in files for offence in offences(path)] == []


def test_the_vocabulary_allowed_is_no_mapped_class() -> None:
    for name in ALLOWED_MODELS:
        value = getattr(models, name)
        assert isinstance(value, tuple) and all(isinstance(code, str) for code in value)


def test_the_scan_sees_a_query_built_in_a_function(tmp_path: Path) -> None:
    """The scan reads imports wherever they stand: a widget importing a mapped
    class inside a method is caught as surely as at the top."""
    module = tmp_path / "desktop" / "probe.py"
    module.parent.mkdir()
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from sqlalchemy.orm import Session\n"
        "def read(session):\n    from sqlalchemy import select\n    from db.schema.models import Task, UNIT_KINDS\n"
        "    return session.scalars(select(Task))\n",
        encoding="utf-8",
    )
    assert offences(module, tmp_path) == [
        "desktop/probe.py:5: sqlalchemy select",
        "desktop/probe.py:6: db.schema.models Task",
    ]
