"""A plan snapshot stored a second time, cut per action, so that a reader can take a few actions
without parsing the rest (benchmark row 7: the minutes of a meeting).

A snapshot (`plan_versions.snapshot_json`) is 7.4 MB for a 10,000-action plan; the minutes of a
meeting of 500 actions need ~770 of them. Parsing the whole of it to keep those took ~70 ms of a
cold `render_minutes` (docs/performance.md, row 7). So each version is also stored as its *head*
(`plan_version_heads`: the plan's JSON with every theme's `actions` empty, ~120 KB) and its
actions, one row each in plan order (`plan_version_actions`: the theme's index, the action's id,
`Action.late_due` as ISO text (`late_from`: it may be late on any later day) and the action's
JSON), written with the snapshot (`Store.remember_plan`) and for older
stores by migration 8. Both tables are append-only, as `plan_versions` is.
`storage.store.snapshot_slice` reads them back.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from pydantic_core import from_json, to_json

from storage.plan.status import earliest_due

ActionRow = tuple[int, str, str | None, bytes]  # theme index, action id, late_from, the action's JSON

#: How an emptied theme's actions read in the head: the only `actions` field of the model is
#: `Theme.actions`, and a string's quotes are escaped in JSON, so these bytes are each theme's, in order.
EMPTY_ACTIONS = b'"actions":[]'


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def late_from(action: dict[str, Any]) -> str | None:
    """`Action.late_due` of the action's JSON, as ISO text: the first of its own due date and its
    open milestones' (`storage.plan.status.earliest_due`)."""
    open_dues = (_day(m.get("due")) for m in action.get("milestones") or () if not m.get("done"))
    found = earliest_due(_day(action.get("due")), open_dues)
    return found.isoformat() if found else None


def cut(snapshot_json: str | bytes) -> tuple[bytes, list[ActionRow]]:
    """The snapshot as its head and its actions' rows, in plan order (no validation: a snapshot
    stored by an older steerco is cut as it is)."""
    data = from_json(snapshot_json)
    rows: list[ActionRow] = []
    themes = data.get("themes", [])
    for index, theme in enumerate(themes):
        rows += [(index, str(a.get("id")), late_from(a), to_json(a)) for a in theme.get("actions", [])]
        theme["actions"] = []
    head = to_json(data)
    if head.count(EMPTY_ACTIONS) != len(themes):
        raise ValueError("a plan's head must hold each theme's empty actions once")
    return head, rows


def store_cut(conn: sqlite3.Connection, version_id: int, snapshot_json: str | bytes) -> None:
    """Write plan version `version_id`'s head and action rows (inside the caller's transaction)."""
    head, rows = cut(snapshot_json)
    conn.execute("INSERT INTO plan_version_heads (plan_version_id, head_json) VALUES (?, ?)", [version_id, head])
    conn.executemany("INSERT INTO plan_version_actions (plan_version_id, theme, action_id, late_from, action_json) "
                     "VALUES (?, ?, ?, ?, ?)", [(version_id, *row) for row in rows])
