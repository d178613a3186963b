"""When the app was running a meeting: the sessions of its walk-through, for the timers.

A mixin of `Store`. The walk-through appends 'resume' to meeting_sessions when it opens a
meeting and 'suspend' when it leaves it cleanly (or the app exits). The meeting's start
counts as a resume. Time between a suspend and the next resume is not meeting time. A
resume that finds the previous session still running (no suspend: the app crashed or was
killed) ends that session at its last recorded activity in the meeting (any row with a time:
an item entered or left, a note, decision, status, rating, value, action arising,
correction, declaration or approval; at the latest the resume that began it), so the time
the app was not running is not counted. A meeting with no session rows (recorded before
sessions were kept, or by a script) counts all the time between its item events.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

Span = tuple[datetime, datetime | None]  # (from, to); to None: still stopped

# Every table a meeting's record writes a time to: its latest row is the meeting's last activity.
ACTIVITY: tuple[tuple[str, str], ...] = (
    ("item_events", "at"), ("item_notes", "at"), ("decisions", "at"), ("actions_arising", "created_at"),
    ("arising_status", "at"), ("updates", "recorded_at"), ("risk_ratings", "recorded_at"),
    ("indicator_values", "recorded_at"), ("superseded_proposals", "at"), ("record_corrections", "at"),
    ("declarations", "at"), ("minutes_approvals", "at"),
)
_LAST_ACTIVITY = "SELECT max(at) FROM (" + " UNION ALL ".join(
    f"SELECT max({column}) AS at FROM {table} WHERE meeting_id = :m AND {column} >= :since AND {column} < :until"
    for table, column in ACTIVITY) + ")"


class SessionsMixin:
    conn: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    _insert: Callable[[str, dict[str, Any]], int]
    _now: Callable[[], str]
    _refuse_if_closed: Callable[[int | None], None]

    def record_session(self, meeting_id: int, event: str) -> None:
        """Append 'resume' or 'suspend' for an open meeting (a closed or abandoned one's timers have
        stopped: nothing is written for it)."""
        if event not in ("resume", "suspend"):
            raise ValueError(f"session event {event!r}; resume or suspend")
        with self._write():
            ended = self.conn.execute(
                "SELECT 1 FROM meeting_closures WHERE meeting_id = :m UNION ALL "
                "SELECT 1 FROM meeting_abandonments WHERE meeting_id = :m", {"m": meeting_id}).fetchone()
            if ended is None:
                self._refuse_if_closed(meeting_id)  # an unknown meeting: StoreError
                self._insert("meeting_sessions", {"meeting_id": meeting_id, "event": event, "at": self._now()})

    def stopped_spans(self, meeting_id: int) -> list[Span]:
        """The spans the app was not running the meeting, oldest first (module docstring).

        Kept per meeting until its next session row: the timers ask every second, and the spans
        change only with a session row (what ends a lost session was recorded before the resume)."""
        rows = list(self.conn.execute(
            "SELECT id, event, at FROM meeting_sessions WHERE meeting_id = ? ORDER BY id", [meeting_id]))
        if not rows:
            return []
        kept: dict[int, tuple[int, list[Span]]] = self.__dict__.setdefault("_stopped_spans", {})
        last_id = rows[-1][0]
        if meeting_id in kept and kept[meeting_id][0] == last_id:
            return kept[meeting_id][1]
        spans = self._spans(meeting_id, [(event, at) for _, event, at in rows])
        kept[meeting_id] = (last_id, spans)
        return spans

    def _spans(self, meeting_id: int, rows: list[tuple[str, str]]) -> list[Span]:
        started = self.conn.execute("SELECT started_at FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
        spans: list[Span] = []
        running_since: str | None = started
        stopped_at: str | None = None
        for event, at in rows:
            if event == "suspend":
                if running_since is not None:
                    running_since, stopped_at = None, at
                continue
            if running_since is not None:  # resumed with no suspend: the last session ended unrecorded
                last = self.conn.execute(_LAST_ACTIVITY, {"m": meeting_id, "since": running_since,
                                                          "until": at}).fetchone()[0]
                stopped_at = max(last or running_since, running_since)
            if stopped_at is not None and stopped_at < at:
                spans.append((datetime.fromisoformat(stopped_at), datetime.fromisoformat(at)))
            running_since, stopped_at = at, None
        if stopped_at is not None:
            spans.append((datetime.fromisoformat(stopped_at), None))
        return spans


def running_seconds(start: datetime, end: datetime, stopped: list[Span]) -> float:
    """Seconds from `start` to `end` less those in the `stopped` spans."""
    total = max(0.0, (end - start).total_seconds())
    for since, until in stopped:
        low, high = max(start, since), min(end, until or end)
        if high > low:
            total -= (high - low).total_seconds()
    return max(0.0, total)
