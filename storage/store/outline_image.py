"""A plan outline's actions and scale as an SQLite database image, for the status report.

`steerco status --json` at 10,000 actions must take at most 100 ms (docs/performance.md,
row 4). Built in Python from the outline and `action_state`, the report took 126-156 ms
(4 MB of JSON through `json.dumps`); rendered by SQLite's `json_object` in one query joining
the outline's actions to `action_state`, ~50 ms. Filling a table from Python for each report
would cost ~40 ms, so the outline keeps this image (storage/cache/outline.py) and the report
hands it to SQLite as it is (`Connection.deserialize`, ~0.2 ms).

Each action's fields that come from the plan alone (id, title, owner, owners, deadline, due)
are kept as the start of its JSON object (`head`), written here once by `json.dumps`: the
report adds only what the store knows. Escaping those texts in `json_object` for every report
was a tenth of row 4's instructions (callgrind, three reports: 2,351 → 2,248 million).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

#: `actions` in plan order (`pos`); `head` is the action's JSON object up to its `due`, without
#: the closing brace; `late_due` is the date late is judged by (the outline's `early_due`, else `due`).
TABLES = ("CREATE TABLE actions (pos INTEGER PRIMARY KEY, id TEXT NOT NULL, head TEXT NOT NULL, "
          "deadline TEXT, due TEXT, late_due TEXT)",
          "CREATE TABLE scale (code TEXT PRIMARY KEY, name TEXT NOT NULL, symbol TEXT NOT NULL)")


def image_of(action_rows: Iterable[Sequence[Any]], scale: Iterable[Sequence[Any]]) -> bytes:
    """The image of the outline's action rows (ActionLine's order) and scale ([code, name, symbol, rank])."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for table in TABLES:
            conn.execute(table)
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO actions (id, head, deadline, due, late_due) VALUES (?, ?, ?, ?, ?)",
                         ((r[0], head(r), r[4], r[5], r[6] or r[5]) for r in action_rows))
        conn.executemany("INSERT OR IGNORE INTO scale VALUES (?, ?, ?)", ((s[0], s[1], s[2]) for s in scale))
        conn.execute("COMMIT")
        return conn.serialize()
    finally:
        conn.close()


def head(row: Sequence[Any]) -> str:
    """The start of an action's object in the report: '{"id":…,"title":…,"owner":…,"owners":[…],
    "deadline":…,"due":…' (an ActionLine's values: id, title, owner id, owner's name, deadline,
    due, early due, owners)."""
    action_id, title, owner_id, owner_name, deadline, due, _, several = row[:8]
    if several:
        owners = [{"id": i, "name": name, "lead": lead} for i, name, lead in several]
    else:
        owners = [] if owner_id is None else [{"id": owner_id, "name": owner_name, "lead": True}]
    fields = {"id": action_id, "title": title, "owner": owner_name, "owners": owners, "deadline": deadline, "due": due}
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[:-1]


@contextmanager
def attached(conn: sqlite3.Connection, image: bytes, schema: str) -> Iterator[None]:
    """The image attached to `conn` as `schema` for the block, then detached."""
    conn.execute(f"ATTACH ':memory:' AS {schema}")
    try:
        conn.deserialize(image, name=schema)
        yield
    finally:
        conn.execute(f"DETACH {schema}")
