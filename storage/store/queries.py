"""Read-only questions the meeting screens ask that the store has no method for.

Each is one query on the store's connection; nothing here writes.
"""

from __future__ import annotations

from storage.store.records import Update, when
from storage.store.store import Store


def meeting_updates(store: Store, meeting_id: int) -> list[Update]:
    """Every progress update recorded in a meeting, oldest first."""
    cursor = store.conn.execute("SELECT * FROM updates WHERE meeting_id = ? ORDER BY id", [meeting_id])
    keys = [d[0] for d in cursor.description]
    rows = [dict(zip(keys, row)) for row in cursor]
    return [Update(**{**r, "recorded_at": when(r["recorded_at"])}) for r in rows]


def statuses_before(store: Store, plan_id: str, before_update_id: int) -> dict[str, str]:
    """The RAG code of each action of the plan as it stood before update `before_update_id`."""
    rows = store.conn.execute(
        "SELECT action_id, rag FROM updates WHERE id IN (SELECT max(id) FROM updates "
        "WHERE plan_id = ? AND id < ? GROUP BY action_id)", [plan_id, before_update_id])
    return {action_id: rag for action_id, rag in rows}


def entered_positions(store: Store, meeting_id: int) -> set[int]:
    """The agenda positions the chair has opened at least once."""
    rows = store.conn.execute(
        "SELECT DISTINCT position FROM item_events WHERE meeting_id = ? AND event = 'enter'", [meeting_id])
    return {int(r[0]) for r in rows}


def meeting_ratings_count(store: Store, meeting_id: int) -> tuple[int, int]:
    """How many risk ratings and indicator values a meeting recorded."""
    ratings = store.conn.execute("SELECT count(*) FROM risk_ratings WHERE meeting_id = ?", [meeting_id])
    values = store.conn.execute("SELECT count(*) FROM indicator_values WHERE meeting_id = ?", [meeting_id])
    return int(ratings.fetchone()[0]), int(values.fetchone()[0])
