"""A stored plan snapshot with only the actions a reader needs.

A snapshot (`plan_versions.snapshot_json`) is the plan's `model_dump_json()`: 7.4 MB for a
10,000-action plan, ~0.2 s to validate whole. The minutes of a meeting need the plan's
roster, registers and scale, and only the actions on its agenda. So `plan_slice(store,
version_id, action_ids)` reads the version's head and the asked-for actions from the
snapshot as cut per action (`storage.store.snapshot_actions`), puts each action's JSON back in
its theme, in plan order (duplicates too), and validates that: for the meeting of 500 actions it
never reads the other 9,000 (docs/performance.md, row 7). Ids not in the snapshot are simply
absent from the result. `late_before` also keeps every action that may be late on that day
(its stored due date, or an open milestone's, is before it: `late_from`), for the minutes'
overdue actions the meeting did not discuss; whether each is late is
`storage.plan.status.is_late`'s to say, on the model, with its status.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from storage.plan.model import Plan
from storage.store.snapshot_actions import EMPTY_ACTIONS
from storage.store.store import Store, StoreError

_SLICES: dict[tuple[str, frozenset[str], date | None], Plan] = {}
_KEEP_SLICES = 8  # the app's preview renders the same meeting again and again

# The rows of version ?1 whose action is one of ?2 (a JSON array), or (?3 not NULL) may be late before ?3.
_ACTIONS = """
SELECT theme, action_json FROM plan_version_actions WHERE id IN (
    SELECT id FROM plan_version_actions WHERE plan_version_id = ?1 AND action_id IN (SELECT value FROM json_each(?2))
    UNION ALL
    SELECT id FROM plan_version_actions WHERE plan_version_id = ?1 AND ?3 IS NOT NULL AND late_from < ?3)
ORDER BY id
"""


def slice_json(store: Store, version_id: int, action_ids: Iterable[str], late_before: date | None = None) -> bytes:
    """The JSON of plan version `version_id` with only `action_ids` in its themes (and, with
    `late_before`, the actions that may be late on that day). Row 7: the head (~120 KB) and
    ~770 actions' rows are read through two indexes, where parsing the whole snapshot took ~70 ms,
    and each action's JSON is put back into its theme's empty `actions` as it is (parsing the 770
    and writing the whole again took ~6 ms more)."""
    found = store.conn.execute("SELECT head_json FROM plan_version_heads WHERE plan_version_id = ?",
                               [version_id]).fetchone()
    if found is None:
        raise StoreError(f"no plan version {version_id}")
    by_theme: dict[int, list[bytes]] = {}
    wanted = json.dumps(sorted(set(action_ids)))
    day = late_before.isoformat() if late_before else None
    for theme, action in store.conn.execute(_ACTIONS, [version_id, wanted, day]):
        by_theme.setdefault(theme, []).append(action)
    first, *rest = bytes(found[0]).split(EMPTY_ACTIONS)
    out = [first]
    for index, after in enumerate(rest):
        out += [b'"actions":[', b",".join(by_theme.get(index, ())), b"]", after]
    return b"".join(out)


def plan_slice(store: Store, version_id: int, action_ids: Iterable[str] = (), late_before: date | None = None
               ) -> Plan:
    """Plan version `version_id` with only the actions `action_ids` (and those that may be late
    on `late_before`; see the module's docstring), kept per process by content hash, id set and day."""
    row = store.conn.execute("SELECT content_hash FROM plan_versions WHERE id = ?", [version_id]).fetchone()
    if row is None:
        raise StoreError(f"no plan version {version_id}")
    key = (str(row[0]), frozenset(action_ids), late_before)
    plan = _SLICES.get(key)
    if plan is None:
        plan = Plan.model_validate_json(slice_json(store, version_id, key[1], late_before))
        if len(_SLICES) >= _KEEP_SLICES:
            _SLICES.pop(next(iter(_SLICES)))
        _SLICES[key] = plan
    return plan


def forget() -> None:
    """Drop the slices kept in this process (tests)."""
    _SLICES.clear()
