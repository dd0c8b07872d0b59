"""The drafts file: text typed into the window's forms and not yet saved, kept
on disk so that a crash, a kill or a power cut does not lose it.

One file for the user (`drafts.json` in the data folder, beside the default
ledger), shared by every ledger this user opens: each draft is keyed by the
ledger file, the task's UUID (ids are reused after a restore; UUIDs never
are), the form and, for the monthly progress, the month; a heading's draft
by its plan's UUID and the heading's path of numerals (headings have no UUID:
db/queries/heading_detail.py). Writes are atomic
and reach the disk (db.safety.storage.write_bytes, durable) and merge with what
is on disk, so that two windows on two ledgers keep each other's drafts.

No Qt here: the window's side is desktop/unsaved.py.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from db.paths import default_db_path
from db.safety.storage import write_bytes

DRAFTS_FILE = "drafts.json"
VERSION = 1
FORMS = ("task", "progress", "heading")


def drafts_path() -> Path:
    """drafts.json in the user's data folder (where the default ledger lives)."""
    return default_db_path().parent / DRAFTS_FILE


def database_key(path: Path) -> str:
    """How a ledger file is named in the drafts file: its absolute path."""
    return str(path.resolve())


@dataclass(frozen=True)
class DraftKey:
    database: str  # database_key() of the ledger
    task: str  # the task's UUID; "" for a heading
    form: str  # "task", "progress" or "heading"
    month: str = ""  # the progress form's month, "2016-06"
    plan: str = ""  # a heading's plan's UUID,
    heading: tuple[str, ...] = ()  # and the heading's numerals from the top, ("二", "一")


@dataclass(frozen=True)
class Draft:
    key: DraftKey
    fields: dict[str, str | None]
    number: int = 0  # the task's number and title (a heading as written) when the draft was written, to name it
    title: str = ""
    saved_at: str = ""  # ISO time

    def to_json(self) -> dict[str, object]:
        return {
            "database": self.key.database,
            "task": self.key.task,
            "form": self.key.form,
            "month": self.key.month,
            **({"plan": self.key.plan, "heading": list(self.key.heading)} if self.key.form == "heading" else {}),
            "number": self.number,
            "title": self.title,
            "saved_at": self.saved_at,
            "fields": self.fields,
        }

    @staticmethod
    def from_json(item: dict[str, object]) -> Draft:
        fields, heading = item["fields"], item.get("heading") or []
        if item["form"] not in FORMS or not isinstance(fields, dict) or not isinstance(heading, list):
            raise ValueError(f"not a draft: {item!r}")
        key = DraftKey(
            str(item["database"]),
            str(item["task"]),
            str(item["form"]),
            str(item.get("month") or ""),
            str(item.get("plan") or ""),
            tuple(map(str, heading)),
        )
        values = {str(name): None if value is None else str(value) for name, value in fields.items()}
        number = item.get("number") or 0
        return Draft(
            key,
            values,
            int(number) if isinstance(number, int | str) else 0,
            str(item.get("title") or ""),
            str(item.get("saved_at") or ""),
        )


class DraftStore:
    """The drafts file at `path`. A file that cannot be read (damaged, from a
    newer program) is moved aside to `drafts.json.damaged` and counts as empty:
    the window must start all the same."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> list[Draft]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        try:
            content = json.loads(raw)
            if content.get("version") != VERSION:
                raise ValueError(f"version {content.get('version')!r}")
            return [Draft.from_json(item) for item in content["drafts"]]
        except (ValueError, KeyError, TypeError, AttributeError):
            os.replace(self.path, self.path.with_name(self.path.name + ".damaged"))
            return []

    def for_database(self, database: str) -> list[Draft]:
        return [draft for draft in self.read() if draft.key.database == database]

    def update(self, put: Iterable[Draft] = (), remove: Iterable[DraftKey] = ()) -> None:
        """Write `put` (replacing drafts of the same key) and drop `remove`,
        keeping every other draft the file holds. No drafts left: no file."""
        drafts = {draft.key: draft for draft in self.read()}
        for key in remove:
            drafts.pop(key, None)
        for draft in put:
            drafts[draft.key] = draft
        if not drafts:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        content = {"version": VERSION, "drafts": [draft.to_json() for draft in drafts.values()]}
        data = json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8")
        write_bytes(self.path, data, "草稿未保存", durable=True)
