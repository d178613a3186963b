"""The agreed position: what the chair's meetings agreed, read for a status file, and, in an
officer's store, the status files taken in (`agreed_positions`, migration 4).

A mixin of `Store`. On the chair's side the position after a meeting is, for each action and
risk of the plan, the latest status or rating recorded at that meeting or an earlier one of the
same plan (meeting records only: an officer's proposal agrees nothing), and every action
arising raised by then with its status at the meeting's close. On the officer's side each
position is one append-only row known by a hash of what it says (`uid`), so a file taken twice
adds nothing; the current position of an item is the one agreed last (`agreed_at`, the moment
the chair's store recorded it), whatever order the files came in. No `from __future__ import
annotations`: `AgreedPosition` is a named tuple, as the store's records are (records.py).
"""

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, NamedTuple

from storage.store.corrections import latest_sql
from storage.store.kept import kept
from storage.store.records import ActionArising, Meeting, Rating, Update, day, when

AGREED_FIELDS = ("uid", "plan_id", "kind", "item_id", "rag", "impact", "likelihood", "note", "text", "owner",
                 "due", "agreed_on", "agreed_at")
_INSERT = (f"INSERT OR IGNORE INTO agreed_positions ({', '.join(AGREED_FIELDS)}, file_sha256, file_name, "
           f"imported_at) VALUES ({', '.join('?' for _ in AGREED_FIELDS)}, ?, ?, ?)")
_UIDS_PER_QUERY = 500

# The latest meeting record of each item, from this plan's meetings up to and including one (none
# abandoned: storage/store/kept.py).
_AGREED_UPDATES = (
    "SELECT * FROM updates WHERE id IN (SELECT max(u.id) FROM updates u JOIN meetings m ON m.id = u.meeting_id "
    "WHERE u.plan_id = :plan AND m.plan_id = :plan AND u.source = 'meeting' AND m.id <= :m "
    f"AND {kept('u.meeting_id')} GROUP BY u.action_id)"
)
_AGREED_RATINGS = (
    "SELECT * FROM risk_ratings WHERE id IN (SELECT max(r.id) FROM risk_ratings r JOIN meetings m "
    "ON m.id = r.meeting_id WHERE r.plan_id = :plan AND m.plan_id = :plan AND r.source = 'meeting' "
    f"AND m.id <= :m AND {kept('r.meeting_id')} GROUP BY r.risk_id)"
)
# Actions arising raised at this plan's meetings up to one, each with its status, text, owner and due
# as that meeting closed (a correction by then applied; one withdrawn by then left out).
_ARISING_AS_OF = (
    "SELECT a.id, a.ref, a.meeting_id, a.plan_id, a.position, CASE WHEN c.id IS NULL THEN a.text ELSE c.text END "
    "AS text, CASE WHEN c.id IS NULL THEN a.owner ELSE c.owner END AS owner, CASE WHEN c.id IS NULL THEN a.due "
    "ELSE c.due END AS due, a.created_at, "
    "s.status AS status, s.note AS status_note, s.at AS status_at, s.meeting_id AS status_meeting_id "
    "FROM actions_arising a JOIN arising_status s ON s.id = (SELECT max(id) FROM arising_status "
    f"WHERE arising_id = a.id AND at <= :closed) LEFT JOIN record_corrections c ON c.id = "
    f"{latest_sql('arising', 'a.id', ':closed')} "
    "WHERE a.plan_id = :plan AND a.meeting_id <= :m AND c.withdrawn IS NOT 1 ORDER BY a.id"
)


class AgreedPosition(NamedTuple):
    """One item's position as a chair's meeting agreed it, taken in from a status file.

    `kind` 'action' (with `rag`), 'risk' (`impact`, `likelihood`) or 'arising' (an action
    arising: `item_id` its ref, `rag` its status such as 'open', `text`, `owner`, `due`); an
    action's or risk's `text` is its discussion (`storage.updates.discussion`), or None."""

    uid: str
    plan_id: str
    kind: str
    item_id: str
    rag: str | None
    impact: int | None
    likelihood: int | None
    note: str
    text: str | None
    owner: str | None
    due: date | None
    agreed_on: date
    agreed_at: datetime
    file_name: str
    imported_at: datetime


class AgreedMixin:
    conn: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    _rows: Callable[..., list[dict[str, Any]]]
    _now: Callable[[], str]

    # -- the chair's side: what the meetings agreed -----------------------------------

    def agreed_as_of(self, meeting: Meeting) -> tuple[dict[str, Update], dict[str, Rating]]:
        """Each action's and each risk's latest meeting record, at `meeting` or an earlier
        meeting of its plan: the position after it."""
        params = {"plan": meeting.plan_id, "m": meeting.id}
        updates = {r["action_id"]: Update(**{**r, "recorded_at": when(r["recorded_at"])})
                   for r in self._rows(_AGREED_UPDATES, params)}
        ratings = {r["risk_id"]: Rating(**{**r, "recorded_at": when(r["recorded_at"])})
                   for r in self._rows(_AGREED_RATINGS, params)}
        return updates, ratings

    def arising_as_of(self, meeting: Meeting) -> list[ActionArising]:
        """The actions arising raised at `meeting` (a closed one) or before, each with its
        status as it closed."""
        assert meeting.closed_at is not None, "the position after a meeting is read once it is closed"
        params = {"plan": meeting.plan_id, "m": meeting.id,
                  "closed": meeting.closed_at.isoformat(timespec="microseconds")}
        return [ActionArising(**{**r, "due": day(r["due"]), "created_at": when(r["created_at"]),
                                 "status_at": when(r["status_at"])}) for r in self._rows(_ARISING_AS_OF, params)]

    def meeting_dates(self, meeting_ids: Sequence[int]) -> dict[int, date]:
        """The day each of these meetings was held, by id."""
        ids = sorted(set(meeting_ids))
        if not ids:
            return {}
        rows = self.conn.execute(f"SELECT id, held_on FROM meetings WHERE id IN ({', '.join('?' for _ in ids)})",
                                 ids)
        return {int(i): date.fromisoformat(held) for i, held in rows}

    def items_updated_since(self, plan_id: str, since: datetime) -> set[tuple[str, str]]:
        """(kind, item id) of every action and risk with an update or rating that stands (none at
        an abandoned meeting: storage/store/kept.py) or a proposal (by the time its officer wrote
        it) at or after `since`: what `chase` leaves out."""
        at = since.isoformat(timespec="microseconds")
        rows = self.conn.execute(
            f"SELECT 'action', action_id FROM updates WHERE plan_id = :p AND recorded_at >= :at AND {kept()} "
            f"UNION SELECT 'risk', risk_id FROM risk_ratings WHERE plan_id = :p AND recorded_at >= :at AND {kept()} "
            "UNION SELECT kind, item_id FROM proposals WHERE plan_id = :p AND written_at >= :at",
            {"p": plan_id, "at": at})
        return {(kind, item) for kind, item in rows}

    # -- the officer's side: status files taken in ------------------------------------

    def agreed_file_seen(self, file_sha256: str) -> datetime | None:
        """When a status file with these bytes was first taken in, if it was."""
        row = self.conn.execute("SELECT min(imported_at) FROM agreed_positions WHERE file_sha256 = ?",
                                [file_sha256]).fetchone()
        return when(row[0]) if row and row[0] else None

    def add_agreed_rows(self, file_sha256: str, name: str, rows: Sequence[tuple[Any, ...]]) -> int:
        """One status file's positions (values of AGREED_FIELDS, in order, as stored) in one
        transaction; returns how many were new (a uid already stored adds nothing)."""
        with self._write():
            tail = (file_sha256, name, self._now())
            cursor = self.conn.executemany(_INSERT, [tuple(row) + tail for row in rows])
            return max(cursor.rowcount, 0)

    def agreed_uids(self, uids: Sequence[str]) -> set[str]:
        """The uids among these already stored."""
        found: set[str] = set()
        for start in range(0, len(uids), _UIDS_PER_QUERY):
            chunk = list(uids[start:start + _UIDS_PER_QUERY])
            found.update(r[0] for r in self.conn.execute(
                f"SELECT uid FROM agreed_positions WHERE uid IN ({', '.join('?' for _ in chunk)})", chunk))
        return found

    @staticmethod
    def _agreed(row: dict[str, Any]) -> AgreedPosition:
        return AgreedPosition(**{k: row[k] for k in AgreedPosition._fields if k in row} | {
            "due": day(row["due"]), "agreed_on": date.fromisoformat(row["agreed_on"]),
            "agreed_at": when(row["agreed_at"]), "imported_at": when(row["imported_at"])})

    def current_agreed(self, plan_id: str) -> dict[tuple[str, str], AgreedPosition]:
        """The latest agreed position of every item of the plan taken in, by (kind, item id):
        the one the chair's store recorded last, not the one imported last."""
        rows = self._rows("SELECT * FROM agreed_positions WHERE plan_id = ? ORDER BY agreed_at, id", [plan_id])
        return {(r["kind"], r["item_id"]): self._agreed(r) for r in rows}

    def agreed_positions(self, plan_id: str | None = None) -> list[AgreedPosition]:
        """Every agreed position taken in (of one plan, or all), in the order taken."""
        sql, params = "SELECT * FROM agreed_positions", []
        if plan_id is not None:
            sql, params = sql + " WHERE plan_id = ?", [plan_id]
        return [self._agreed(r) for r in self._rows(sql + " ORDER BY id", params)]
