"""A plan snapshot stored a second time, cut per action, so that a reader can take a few actions
without parsing the rest (benchmark row 7: the minutes of a meeting).

A snapshot (`plan_versions.snapshot_json`) is 7.4 MB for a 10,000-action plan; the minutes of a
meeting of 500 actions need ~770 of them. Parsing the whole of it to keep those took ~70 ms of a
cold `render_minutes` (docs/performance.md, row 7). So each version is also stored as its *head*
(`plan_version_heads`: the plan with every theme's `actions` emptied, ~120 KB) and its actions,
one row each in plan order (`plan_version_actions`: the theme's index, the action's id, the
earliest of its due date and its open milestones' (`late_from`, ISO text) and its JSON), written
with the snapshot (`Store.remember_plan`) and for older stores by migration 8. Both tables are
append-only, as `plan_versions` is. `storage.store.snapshot_slice` reads them back.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from pydantic_core import from_json, to_json

ActionRow = tuple[int, str, str | None, bytes]  # theme index, action id, late_from, the action's JSON


def late_from(action: dict[str, Any]) -> str | None:
    """The earliest of the action's stored due date and its open milestones' (ISO text), or None:
    the action may be late on a day after it (whether it is: `storage.plan.status.is_late`)."""
    dues = [action.get("due"), *(m.get("due") for m in action.get("milestones") or () if not m.get("done"))]
    found = [due for due in dues if due is not None]
    return min(found) if found else None


def cut(snapshot_json: str | bytes) -> tuple[bytes, list[ActionRow]]:
    """The snapshot as its head and its actions' rows, in plan order."""
    data = from_json(snapshot_json)
    rows: list[ActionRow] = []
    for index, theme in enumerate(data.get("themes", [])):
        rows += [(index, str(a.get("id")), late_from(a), to_json(a)) for a in theme.get("actions", [])]
        theme["actions"] = []
    return to_json(data), rows


def store_cut(conn: sqlite3.Connection, version_id: int, snapshot_json: str | bytes) -> None:
    """Write plan version `version_id`'s head and action rows (inside the caller's transaction)."""
    head, rows = cut(snapshot_json)
    conn.execute("INSERT INTO plan_version_heads (plan_version_id, head_json) VALUES (?, ?)", [version_id, head])
    conn.executemany("INSERT INTO plan_version_actions (plan_version_id, theme, action_id, late_from, action_json) "
                     "VALUES (?, ?, ?, ?, ?)", [(version_id, *row) for row in rows])
