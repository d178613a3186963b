"""A stored plan snapshot with only the actions a reader needs, without parsing the rest.

A snapshot (`plan_versions.snapshot_json`) is the plan's `model_dump_json()`: 7.4 MB for a
10,000-action plan, ~0.2 s to validate and ~0.1 s just to `json.loads`. The minutes of a
meeting need the plan's roster, registers and scale, and only the actions on its agenda.
So `plan_slice(store, version_id, action_ids)` returns a `Plan` validated from a JSON text
that holds everything but the other actions: every theme is kept, in order, with only the
asked-for actions, in plan order (duplicates too). Ids not in the snapshot are simply
absent from the result.

The pieces (the plan without its actions, each theme without its actions, each action's
JSON text, verbatim) come from `storage.store.snapshot_parts`: from the process, else from a
file in the user cache keyed by the snapshot's content hash, else from SQLite's JSON
functions over the stored text (and then written to that file).
"""

from __future__ import annotations

from collections.abc import Iterable

from storage.plan.model import Plan
from storage.store.snapshot_parts import PartsUnreadable, SnapshotParts, snapshot_parts
from storage.store.snapshot_parts import forget as forget_parts
from storage.store.store import Store, StoreError

_SLICES: dict[tuple[str, frozenset[str]], Plan] = {}
_KEEP_SLICES = 8


def _put(obj: str, key: str, items: list[str]) -> str:
    """The JSON object text `obj` (as SQLite writes it: no spaces around it, `key` not in it)
    with `key` set to the array of the JSON texts `items`."""
    if not (obj.startswith("{") and obj.endswith("}")):
        raise ValueError("a plan snapshot part is not a JSON object")
    return "".join((obj[:-1], "," if len(obj) > 2 else "", '"', key, '":[', ",".join(items), "]}"))


def slice_text(parts: SnapshotParts, action_ids: Iterable[str]) -> str:
    """The JSON text of the plan with only `action_ids` in its themes."""
    spans = parts.spans(action_ids)
    chosen: list[list[str]] = [[] for _ in parts.themes]
    for (start, _), text in zip(spans, parts.texts(spans)):
        chosen[parts.theme_of(start)].append(text)
    themes = [_put(header, "actions", texts) for header, texts in zip(parts.themes, chosen)]
    return _put(parts.rest, "themes", themes)


def plan_slice(store: Store, version_id: int, action_ids: Iterable[str] = ()) -> Plan:
    """Plan version `version_id` with only the actions `action_ids` (see the module's docstring).

    Kept per process by content hash and id set: the app's preview renders the same
    meeting again and again. A cached file that turns out unreadable, or whose text does
    not validate, is cut again from the store once."""
    row = store.conn.execute("SELECT content_hash FROM plan_versions WHERE id = ?", [version_id]).fetchone()
    if row is None:
        raise StoreError(f"no plan version {version_id}")
    content_hash, wanted = str(row[0]), frozenset(action_ids)
    plan = _SLICES.get((content_hash, wanted))
    if plan is None:
        parts = snapshot_parts(store, version_id, content_hash)
        try:
            plan = Plan.model_validate_json(slice_text(parts, wanted))
        except (PartsUnreadable, ValueError):
            if parts.blob is not None:  # cut from the store just now: the snapshot itself is bad
                raise
            plan = Plan.model_validate_json(slice_text(snapshot_parts(store, version_id, content_hash, rebuild=True),
                                                       wanted))
        if len(_SLICES) >= _KEEP_SLICES:
            _SLICES.pop(next(iter(_SLICES)))
        _SLICES[(content_hash, wanted)] = plan
    return plan


def forget() -> None:
    """Drop the slices and parts kept in this process (tests)."""
    _SLICES.clear()
    forget_parts()
