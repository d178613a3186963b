"""The one rule for what an abandoned meeting recorded: it stays in the store, and none of it stands.

A meeting opened by mistake is abandoned (storage/store/abandon.py), never deleted: its status
updates, risk ratings, indicator values and answers to officers' proposals stay in the store for
ever, and `steerco history` shows them marked abandoned. But the current position (each action's
status, trend and last update, each risk's rating, each indicator's values, which proposals are
still pending) and every later meeting's view of the position before it are as if the meeting
had not happened.

`kept(column)` is that rule as SQL over a row's meeting column: a row recorded at no meeting,
or at one not abandoned. Every read of the position uses it. `action_state`, the trigger-kept
current status of each action (storage/store/schema.py, migration 3), cannot skip a row it has
already folded in, so the abandon's own transaction refolds the actions it touched
(`refold_action_state`), as migration 9 did for every store abandoned before this rule.
"""

from __future__ import annotations

import json
import sqlite3

from storage.store.records import trend_codes


def kept(column: str = "meeting_id") -> str:
    """SQL: the row whose meeting is `column` stands (recorded at no meeting, or at one not
    abandoned). The list of abandoned meetings is read once per statement, not per row."""
    return f"({column} IS NULL OR {column} NOT IN (SELECT meeting_id FROM meeting_abandonments))"


def refold_action_state(conn: sqlite3.Connection, meeting_id: int | None = None) -> int:
    """Rebuild `action_state` for every action with an update at meeting `meeting_id` (None: at any
    abandoned meeting) from its updates that stand (`kept`), by the trigger's rule for the trend
    (`trend_codes`); an action left with none has no state. Inside the caller's transaction.
    Returns how many actions were refolded."""
    touched = conn.execute(
        "SELECT DISTINCT plan_id, action_id FROM updates WHERE meeting_id IS NOT NULL AND "
        + ("meeting_id = ?" if meeting_id is not None else "NOT " + kept()),
        [meeting_id] if meeting_id is not None else []).fetchall()
    for plan_id, action_id in touched:
        rows = conn.execute(
            f"SELECT id, rag, meeting_id FROM updates WHERE plan_id = ? AND action_id = ? AND {kept()} ORDER BY id",
            [plan_id, action_id]).fetchall()
        conn.execute("DELETE FROM action_state WHERE plan_id = ? AND action_id = ?", [plan_id, action_id])
        if rows:
            trend = trend_codes([(rag, meeting) for _, rag, meeting in rows])
            conn.execute(
                "INSERT INTO action_state (plan_id, action_id, update_id, rag, note, author, recorded_at, trend) "
                "SELECT plan_id, action_id, id, rag, note, author, recorded_at, ? FROM updates WHERE id = ?",
                [json.dumps(trend), rows[-1][0]])
    return len(touched)
