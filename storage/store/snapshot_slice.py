"""A stored plan snapshot with only the actions a reader needs.

A snapshot (`plan_versions.snapshot_json`) is the plan's `model_dump_json()`: 7.4 MB for a
10,000-action plan, ~0.2 s to validate whole. The minutes of a meeting need the plan's
roster, registers and scale, and only the actions on its agenda. So `plan_slice(store,
version_id, action_ids)` parses the JSON, keeps every theme, in order, with only the
asked-for actions, in plan order (duplicates too), and validates that: ~0.1 s for the
meeting of 500 actions (docs/performance.md, row 7). The JSON is read as bytes and parsed
by pydantic-core's `from_json` (Rust), ~1.7x the speed of `json.loads` on the text, which
SQLite would first decode to a 7 MB str (row 7). Ids not in the snapshot are simply
absent from the result. `late_before` also keeps every action that may be late on that day
(its stored due date, or an open milestone's, is before it), for the minutes' overdue
actions the meeting did not discuss; whether each is late is `storage.plan.status.is_late`'s
to say, on the model, with its status.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic_core import from_json, to_json

from storage.plan.model import Plan
from storage.store.store import Store, StoreError

_SLICES: dict[tuple[str, frozenset[str], date | None], Plan] = {}
_KEEP_SLICES = 8  # the app's preview renders the same meeting again and again


def slice_text(snapshot_json: str | bytes, action_ids: Iterable[str], late_before: date | None = None) -> bytes:
    """The JSON of the plan, as UTF-8, with only `action_ids` in its themes (and, with
    `late_before`, the actions that may be late on that day).

    The collector is paused from the parse until the parsed snapshot is freed: its ~500,000
    objects are garbage a moment later, but the first collection after the parse would walk
    all of them (~30 ms of CPU when the collector came back right after the parse; row 7)."""
    wanted = set(action_ids)
    day = late_before.isoformat() if late_before else None
    enabled = gc.isenabled()
    gc.disable()
    try:
        data = from_json(snapshot_json, cache_strings="keys")  # values rarely repeat: ~20% faster than caching all
        for theme in data.get("themes", []):
            theme["actions"] = [action for action in theme.get("actions", [])
                                if action.get("id") in wanted or (day is not None and _due_before(action, day))]
        text = to_json(data)
        del data
        return text
    finally:
        if enabled:
            gc.enable()


def _due_before(action: dict[str, Any], day: str) -> bool:
    """The action's stored due date, or an open milestone's, is before `day` (ISO dates compare as text)."""
    due = action.get("due")
    if due is not None and due < day:
        return True
    milestones = action.get("milestones") or ()  # most actions have none: no generator made for them
    return bool(milestones) and any(m.get("due") is not None and m["due"] < day and not m.get("done")
                                    for m in milestones)


def plan_slice(store: Store, version_id: int, action_ids: Iterable[str] = (), late_before: date | None = None
               ) -> Plan:
    """Plan version `version_id` with only the actions `action_ids` (and those that may be late
    on `late_before`; see the module's docstring), kept per process by content hash, id set and day."""
    row = store.conn.execute("SELECT content_hash FROM plan_versions WHERE id = ?", [version_id]).fetchone()
    if row is None:
        raise StoreError(f"no plan version {version_id}")
    key = (str(row[0]), frozenset(action_ids), late_before)
    plan = _SLICES.get(key)
    if plan is None:  # the 7 MB snapshot is read only now, as bytes (not decoded to a str)
        [snapshot] = store.conn.execute("SELECT CAST(snapshot_json AS BLOB) FROM plan_versions WHERE id = ?",
                                        [version_id]).fetchone()
        plan = Plan.model_validate_json(slice_text(snapshot, key[1], late_before))
        if len(_SLICES) >= _KEEP_SLICES:
            _SLICES.pop(next(iter(_SLICES)))
        _SLICES[key] = plan
    return plan


def forget() -> None:
    """Drop the slices kept in this process (tests)."""
    _SLICES.clear()
