"""Is a file a ledger of this program? Its schema against the one the
migrations make for its revision.

Opening (`open_database`: `--db`, the window) and restoring (`validate_backup`)
refuse a file whose tables, columns, indexes or foreign keys differ from
those of its revision, or that holds a trigger or a view (the program makes
none): a trigger in a restored backup could delete rows behind every
operation, a missing table or column fails half-way through one. Another
program's SQLite file (a browser's places.sqlite, say) is refused before a
byte is written to it.

The schema of every revision is a committed snapshot (db/schema/snapshots.py,
written by `python -m tools.schema_snapshot`; a test builds each revision
with the real migrations and compares). Checking reads sqlite_master and three
pragma functions, four queries, about half a millisecond for the 2016
ledger: no Alembic import, no SQLAlchemy reflection at every open.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from db.schema.migrate import HEAD_REVISION
from db.schema.snapshots import SNAPSHOTS

# A file holding all of these is meant to be a ledger (then a difference is
# an alteration, not another program's database).
CORE_TABLES = frozenset({"plans", "tasks", "units"})
MAX_SHOWN = 3  # differences named in a message

Schema = dict[str, Any]


def describe(connection: sqlite3.Connection) -> Schema:
    """The schema of the database on `connection` as plain, comparable data:
    per table its columns (type, not null, default, primary key), foreign keys
    and indexes (those SQLite makes for UNIQUE and PRIMARY KEY by their
    columns, since their names depend on the order of constraints), and the
    names of any triggers and views."""
    objects = connection.execute(
        "SELECT type, name FROM sqlite_master "
        "WHERE type IN ('table', 'trigger', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    tables: dict[str, dict[str, Any]] = {
        name: {"columns": {}, "foreign_keys": [], "indexes": []} for kind, name in objects if kind == "table"
    }
    for table, column, kind, notnull, default, pk in connection.execute(
        'SELECT m.name, c.name, c.type, c."notnull", c.dflt_value, c.pk FROM sqlite_master AS m '
        "JOIN pragma_table_info(m.name) AS c WHERE m.type = 'table'"
    ):
        if table in tables:
            tables[table]["columns"][column] = [kind.upper(), notnull, default, pk]
    for table, parent, source, target, on_update, on_delete in connection.execute(
        'SELECT m.name, f."table", f."from", f."to", f.on_update, f.on_delete FROM sqlite_master AS m '
        "JOIN pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table'"
    ):
        if table in tables:
            tables[table]["foreign_keys"].append([source, parent, target, on_update, on_delete])
    indexes: dict[tuple[str, str], list[Any]] = {}
    for table, index, unique, origin, partial, seqno, column in connection.execute(
        'SELECT m.name, i.name, i."unique", i.origin, i.partial, c.seqno, c.name FROM sqlite_master AS m '
        "JOIN pragma_index_list(m.name) AS i JOIN pragma_index_info(i.name) AS c WHERE m.type = 'table'"
    ):
        entry = indexes.setdefault((table, index), [index if origin == "c" else "", unique, origin, partial, []])
        entry[4].append((seqno, str(column)))  # None: an index on an expression
    for (table, _index), (name, unique, origin, partial, columns) in indexes.items():
        if table in tables:
            tables[table]["indexes"].append([name, unique, origin, partial, ",".join(c for _n, c in sorted(columns))])
    for table in tables.values():
        table["foreign_keys"].sort(key=repr)
        table["indexes"].sort(key=repr)
    return {
        "tables": tables,
        "triggers": sorted(name for kind, name in objects if kind == "trigger"),
        "views": sorted(name for kind, name in objects if kind == "view"),
    }


@dataclass(frozen=True)
class Verdict:
    """What a file's schema says about it.

    `kind`: "ours" (the schema of a known revision, `revision`), "empty" (no
    tables at all), "foreign" (another program's), "newer" (a later version
    of this program), "altered" (a ledger whose schema was changed: `problems`).
    """

    kind: str
    revision: str | None = None
    problems: tuple[str, ...] = ()
    tables: tuple[str, ...] = field(default=(), repr=False)

    @property
    def ours(self) -> bool:
        return self.kind == "ours"

    @property
    def needs_upgrade(self) -> bool:
        return self.ours and self.revision != HEAD_REVISION

    def refusal(self, what: str = "数据库") -> str | None:
        """Why the file cannot be used, in the user's words (`what` names what
        it should have been); None when it can."""
        if self.kind == "ours":
            return None
        if self.kind == "empty":
            return f"是一个空的 SQLite 数据库文件，不是本程序的{what}"
        if self.kind == "foreign":
            shown = "、".join(self.tables[:MAX_SHOWN]) + ("等" if len(self.tables) > MAX_SHOWN else "")
            return f"不是本程序的{what}（是其他程序的 SQLite 数据库，其中有数据表 {shown}）"
        if self.kind == "newer":
            return f"由更新版本的程序创建（结构版本 {self.revision}），请升级本程序"
        shown = "；".join(self.problems[:MAX_SHOWN])
        more = f"等 {len(self.problems)} 处" if len(self.problems) > MAX_SHOWN else ""
        return f"{what}的结构与本程序（结构版本 {self.revision}）不符：{shown}{more}，可能被其他程序改动过"


def examine(connection: sqlite3.Connection) -> Verdict:
    """The verdict on the database on `connection` (a raw, read-only one)."""
    schema = describe(connection)
    names = tuple(sorted(schema["tables"]))
    if not names and not schema["triggers"] and not schema["views"]:
        return Verdict("empty")
    revision = None
    if "alembic_version" in schema["tables"]:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = None if row is None else str(row[0])
    if revision not in SNAPSHOTS:
        if not set(names) >= CORE_TABLES:
            return Verdict("foreign", revision, tables=tuple(n for n in names if n != "alembic_version"))
        if revision is not None:
            return Verdict("newer", revision)
        return Verdict("altered", HEAD_REVISION, ("没有结构版本（alembic_version）",))
    problems = differences(SNAPSHOTS[revision], schema)
    return Verdict("altered", revision, tuple(problems)) if problems else Verdict("ours", revision)


def differences(expected: Schema, actual: Schema) -> list[str]:
    """What `actual` has or lacks against `expected`, in the user's words."""
    problems = [f"有本程序没有创建的触发器 {name}" for name in actual["triggers"]]
    problems += [f"有本程序没有创建的视图 {name}" for name in actual["views"]]
    want, have = expected["tables"], actual["tables"]
    problems += [f"缺少数据表 {name}" for name in want if name not in have]
    problems += [f"多出本程序没有的数据表 {name}" for name in have if name not in want]
    for name in sorted(want.keys() & have.keys()):
        columns, found = want[name]["columns"], have[name]["columns"]
        problems += [f"数据表 {name} 缺少列 {column}" for column in columns if column not in found]
        problems += [f"数据表 {name} 多出列 {column}" for column in found if column not in columns]
        problems += [
            f"数据表 {name} 的列 {column} 与本程序的定义不同"
            for column in sorted(columns.keys() & found.keys())
            if columns[column] != found[column]
        ]
        if want[name]["indexes"] != have[name]["indexes"]:
            problems.append(f"数据表 {name} 的索引与本程序的不同")
        if want[name]["foreign_keys"] != have[name]["foreign_keys"]:
            problems.append(f"数据表 {name} 的外键与本程序的不同")
    return problems
