"""Errors the core raises for bad input; their text is shown to the user as is."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file the user named cannot be used; nothing was written.

    ``str()`` gives one line naming the file and the problem, in Chinese,
    because it is shown to office staff unchanged (stderr or a dialog).
    """

    def __init__(self, path: Path | str, problem: str, where: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"（{self.where}）" if self.where else ""
        return f"{self.path}{where}：{self.problem}"


class DatabaseError(Exception):
    """The database file cannot be opened or used as asked; its text is for the user."""
