"""A plan outline's actions and scale as an SQLite database image, for the status report.

`steerco status --json` at 10,000 actions must take at most 100 ms (docs/performance.md,
row 4). Built in Python from the outline and `action_state`, the report took 126-142 ms
(4 MB of JSON through `json.dumps`); rendered by SQLite's `json_object` in one query joining
the outline's actions to `action_state`, 47 ms. Filling a table from Python for each report
would cost ~40 ms, so the outline keeps this image (storage/cache/outline.py) and the report
hands it to SQLite as it is (`Connection.deserialize`, ~0.2 ms).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

#: `actions` in plan order (`pos`); `owner_name` is the name the report shows, `owner_id` the first
#: roster owner's id, `owners` (only for an action with several) its owners as a JSON array of
#: {id, name, lead}: one owner's array is made in SQL from the two columns, ~5 ms less for
#: 10,000 actions than parsing each one's JSON. `late_due` is the date late is judged by (the
#: outline's `early_due`, else `due`).
TABLES = ("CREATE TABLE actions (pos INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, "
          "owner_id TEXT, owner_name TEXT, deadline TEXT, due TEXT, late_due TEXT, owners TEXT)",
          "CREATE TABLE scale (code TEXT PRIMARY KEY, name TEXT NOT NULL, symbol TEXT NOT NULL)")


def image_of(action_rows: Iterable[Sequence[Any]], scale: Iterable[Sequence[Any]]) -> bytes:
    """The image of the outline's action rows (ActionLine's order) and scale ([code, name, symbol, rank])."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for table in TABLES:
            conn.execute(table)
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO actions (id, title, owner_id, owner_name, deadline, due, late_due, owners) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         ((r[0], r[1], r[2], r[3], r[4], r[5], r[6] or r[5], _several(r[7])) for r in action_rows))
        conn.executemany("INSERT OR IGNORE INTO scale VALUES (?, ?, ?)", ((s[0], s[1], s[2]) for s in scale))
        conn.execute("COMMIT")
        return conn.serialize()
    finally:
        conn.close()


def _several(owners: Sequence[Sequence[Any]] | None) -> str | None:
    if not owners:
        return None
    return json.dumps([{"id": i, "name": name, "lead": lead} for i, name, lead in owners], ensure_ascii=False)


@contextmanager
def attached(conn: sqlite3.Connection, image: bytes, schema: str) -> Iterator[None]:
    """The image attached to `conn` as `schema` for the block, then detached."""
    conn.execute(f"ATTACH ':memory:' AS {schema}")
    try:
        conn.deserialize(image, name=schema)
        yield
    finally:
        conn.execute(f"DETACH {schema}")
