"""Abandoned meetings: a meeting opened by mistake is marked, never deleted.

A mixin of `Store` (it uses the store's `_write`, `_insert`, `_now` and `_refuse_if_closed`).
An abandoned meeting has a row in meeting_abandonments (append-only, one per meeting): it is
read-only from then on, has no minutes, and is never the open, the last or the latest meeting
(storage/store/meetings.py leaves it out of those). What was recorded at it stays in the store
(a status set at it stays in the action's history, marked abandoned) but none of it stands:
storage/store/kept.py, the one rule, and the abandon's own transaction refolds the current status
of each action a status was set for at it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, NamedTuple

from storage.store.kept import refold_action_state
from storage.store.records import when

# Every table a meeting records into, with the column that names the meeting: a meeting with a
# row in none of them recorded nothing (moving through the agenda records nothing).
_RECORDS = ("updates", "risk_ratings", "indicator_values", "item_notes", "decisions", "actions_arising",
            "arising_status", "declarations", "minutes_approvals", "record_corrections")


class Abandonment(NamedTuple):
    meeting_id: int
    held_on: date
    reason: str
    author: str
    at: datetime | None


class RecordedCounts(NamedTuple):
    """What a meeting recorded that stands until it is abandoned: actions given a status, risks
    rated, indicator values (one a period) and officers' proposals answered at it."""

    statuses: int
    ratings: int
    values: int
    proposals: int


class AbandonMixin:
    conn: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    _insert: Callable[[str, dict[str, Any]], int]
    _now: Callable[[], str]
    _refuse_if_closed: Callable[[int | None], None]

    def abandon_meeting(self, meeting_id: int, reason: str, author: str) -> int:
        """Mark an open meeting abandoned, in one transaction with the refold of the current status
        of every action given a status at it (nothing recorded at it stands: storage/store/kept.py);
        MeetingClosed if it is closed or abandoned already, StoreError if there is no such meeting."""
        with self._write():
            self._refuse_if_closed(meeting_id)
            row = self._insert("meeting_abandonments", {"meeting_id": meeting_id, "reason": reason.strip(),
                                                        "author": author, "at": self._now()})
            refold_action_state(self.conn, meeting_id)
            return row

    def recorded_counts(self, meeting_id: int) -> RecordedCounts:
        """What abandoning the meeting takes out of the position (storage/store/kept.py)."""
        row = self.conn.execute(
            "SELECT (SELECT count(DISTINCT action_id) FROM updates WHERE meeting_id = :m), "
            "(SELECT count(DISTINCT risk_id) FROM risk_ratings WHERE meeting_id = :m), "
            "(SELECT count(*) FROM (SELECT DISTINCT indicator_id, period FROM indicator_values "
            "WHERE meeting_id = :m)), "
            "(SELECT count(DISTINCT proposal_id) FROM (SELECT proposal_id FROM updates WHERE meeting_id = :m "
            "UNION ALL SELECT proposal_id FROM risk_ratings WHERE meeting_id = :m))",
            {"m": meeting_id}).fetchone()
        return RecordedCounts(*(int(n) for n in row))

    def abandonment(self, meeting_id: int) -> Abandonment | None:
        row = self.conn.execute(
            "SELECT ab.meeting_id, m.held_on, ab.reason, ab.author, ab.at FROM meeting_abandonments ab "
            "JOIN meetings m ON m.id = ab.meeting_id WHERE ab.meeting_id = ?", [meeting_id]).fetchone()
        return None if row is None else Abandonment(row[0], date.fromisoformat(row[1]), row[2], row[3], when(row[4]))

    def latest_abandoned(self, plan_id: str) -> Abandonment | None:
        """The plan's newest meeting when it was abandoned (newer than any meeting kept), else None."""
        row = self.conn.execute(
            "SELECT ab.meeting_id, m.held_on, ab.reason, ab.author, ab.at FROM meetings m "
            "LEFT JOIN meeting_abandonments ab ON ab.meeting_id = m.id WHERE m.plan_id = ? "
            "ORDER BY m.id DESC LIMIT 1", [plan_id]).fetchone()
        if row is None or row[0] is None:
            return None
        return Abandonment(row[0], date.fromisoformat(row[1]), row[2], row[3], when(row[4]))

    def recorded_anything(self, meeting_id: int) -> bool:
        """Whether the meeting recorded a status, rating, value, note, decision, action arising
        (or a status of one), declaration, approval of minutes or correction."""
        found = " OR ".join(f"EXISTS (SELECT 1 FROM {table} WHERE meeting_id = :m)" for table in _RECORDS)
        return bool(self.conn.execute(f"SELECT {found}", {"m": meeting_id}).fetchone()[0])
