"""What the charts read: the plan's last meetings and each action's status as each one ended.

A mixin of `Store` (it uses the store's `_rows` and `clock`). A meeting ends when it is closed;
an open meeting is read as it stands now. An action's status at a meeting's end is its latest
update recorded by then: a meeting's last status is its entry in the trend (`trend_codes`' rule),
and a status set outside meetings shows from the next meeting that ends after it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from storage.store.kept import kept
from storage.store.records import when


class MeetingEnd(NamedTuple):
    """A meeting of the plan (not abandoned) and the moment it ended (None: still open)."""

    meeting_id: int
    held_on: date
    ended_at: datetime | None


class StatusAt(NamedTuple):
    """An action's status at a meeting's end, and the meeting of the update that set it (None: outside one)."""

    rag: str
    meeting_id: int | None


class ChartReadsMixin:
    conn: sqlite3.Connection  # rows read as plain tuples: the whole plan's updates may be read
    clock: Callable[[], datetime]
    _rows: Callable[..., list[dict[str, Any]]]

    def meeting_ends(self, plan_id: str, limit: int) -> list[MeetingEnd]:
        """The plan's last `limit` meetings that were not abandoned, oldest first, with when each ended."""
        rows = self._rows(
            "SELECT m.id, m.held_on, c.closed_at FROM meetings m "
            "LEFT JOIN meeting_closures c ON c.meeting_id = m.id "
            "LEFT JOIN meeting_abandonments ab ON ab.meeting_id = m.id "
            "WHERE m.plan_id = ? AND ab.id IS NULL ORDER BY m.id DESC LIMIT ?", [plan_id, int(limit)])
        return [MeetingEnd(r["id"], date.fromisoformat(r["held_on"]), when(r["closed_at"])) for r in reversed(rows)]

    def statuses_at(self, plan_id: str, ends: list[MeetingEnd],
                    action_ids: Iterable[str] | None = None) -> list[dict[str, StatusAt]]:
        """For each of `ends`, every action's (of these only, if given) status when it ended: one
        pass over the plan's updates that stand (storage/store/kept.py) in the order they were recorded."""
        sql = f"SELECT action_id, rag, meeting_id, recorded_at FROM updates WHERE plan_id = ? AND {kept()}"
        params = [plan_id]
        if action_ids is not None:
            wanted = list(action_ids)
            sql += f" AND action_id IN ({', '.join('?' for _ in wanted)})"
            params += wanted
        now = self.clock().astimezone(UTC).isoformat(timespec="microseconds")
        moments = [end.ended_at.astimezone(UTC).isoformat(timespec="microseconds") if end.ended_at else now
                   for end in ends]
        order = sorted(range(len(ends)), key=lambda n: moments[n])
        out: list[dict[str, StatusAt]] = [{} for _ in ends]
        current: dict[str, StatusAt] = {}
        at = 0
        for action_id, rag, meeting_id, recorded_at in self.conn.execute(sql + " ORDER BY recorded_at, id", params):
            while at < len(order) and moments[order[at]] < recorded_at:
                out[order[at]] = dict(current)
                at += 1
            current[action_id] = StatusAt(rag, meeting_id)
        for n in order[at:]:
            out[n] = dict(current)
        return out
