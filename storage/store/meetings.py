"""Meetings in the store: attendance, agenda, time per item, notes, decisions, actions arising.

A mixin of `Store` (it uses the store's `_write`, `_insert`, `_rows`, `_now` and `clock`).
A meeting is closed once it has a row in meeting_closures, abandoned once it has one in
meeting_abandonments (storage/store/abandon.py); after either it is read-only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any

from storage.plan.status import ARISING_OPEN
from storage.store.corrections import corrected_arising, latest_sql
from storage.store.opening import MeetingClosed, StoreError
from storage.store.records import (
    ARISING_STATUSES,
    ATTENDANCE,
    ITEM_KINDS,
    ActionArising,
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    day,
    sql_list,
    when,
)
from storage.store.sessions import Span, running_seconds

_MEETING_SQL = (
    "SELECT m.*, c.closed_at, c.next_meeting, ab.at AS abandoned_at FROM meetings m "
    "LEFT JOIN meeting_closures c ON c.meeting_id = m.id "
    "LEFT JOIN meeting_abandonments ab ON ab.meeting_id = m.id"
)
_KEPT = "ab.id IS NULL"  # not abandoned: what lists of meetings, the open one and the latest hold


class MeetingsMixin:
    conn: sqlite3.Connection
    clock: Callable[[], datetime]
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    _insert: Callable[[str, dict[str, Any]], int]
    _rows: Callable[..., list[dict[str, Any]]]
    _now: Callable[[], str]
    stopped_spans: Callable[[int], list[Span]]

    # -- guards -----------------------------------------------------------------------

    def _refuse_if_closed(self, meeting_id: int | None) -> None:
        """Call inside a write: StoreError if the meeting is unknown, MeetingClosed if closed."""
        if meeting_id is None:
            return
        row = self.conn.execute(
            "SELECT m.id, c.id, ab.id FROM meetings m LEFT JOIN meeting_closures c ON c.meeting_id = m.id "
            "LEFT JOIN meeting_abandonments ab ON ab.meeting_id = m.id WHERE m.id = ?", [meeting_id]).fetchone()
        if row is None:
            raise StoreError(f"no meeting {meeting_id}")
        if row[2] is not None:
            raise MeetingClosed(f"meeting {meeting_id} was abandoned; its record can no longer change")
        if row[1] is not None:
            raise MeetingClosed(f"meeting {meeting_id} is closed; its record can no longer change")

    # -- starting and reading meetings ------------------------------------------------

    def start_meeting(self, plan_id: str, held_on: date, chair: str, attendance: list[Attendee],
                      agenda: list[AgendaItem], agenda_mode: str, plan_version_id: int | None,
                      title: str | None = None) -> int:
        """Create a meeting with its attendance and agenda in one transaction; returns its id."""
        for person in attendance:
            if person.status not in ATTENDANCE:
                raise StoreError(f"attendance status {person.status!r}; one of {', '.join(ATTENDANCE)}")
        for item in agenda:
            if item.kind not in ITEM_KINDS:
                raise StoreError(f"agenda item kind {item.kind!r}; one of {', '.join(ITEM_KINDS)}")
        with self._write():
            meeting_id = self._insert("meetings", {
                "plan_id": plan_id, "held_on": held_on.isoformat(), "chair": chair,
                "agenda_mode": agenda_mode, "started_at": self._now(),
                "plan_version_id": plan_version_id, "title": title,
            })
            for position, person in enumerate(attendance, 1):
                self._insert("attendance", {
                    "meeting_id": meeting_id, "name": person.name, "person_id": person.person_id,
                    "organisation": person.organisation, "status": person.status, "position": position,
                })
            for position, item in enumerate(agenda, 1):
                self._insert("agenda_items", {
                    "meeting_id": meeting_id, "position": position, "kind": item.kind, "ref": item.ref,
                    "title": item.title, "allotted_seconds": item.allotted_seconds,
                })
            return meeting_id

    def _meetings(self, where: str, params: list[Any], limit: int | None = None) -> list[Meeting]:
        sql = f"{_MEETING_SQL} WHERE {where} ORDER BY m.id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        rows = self._rows(sql, params)
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        marks = ", ".join("?" for _ in ids)
        people: dict[int, list[Attendee]] = {}
        for r in self._rows(f"SELECT * FROM attendance WHERE meeting_id IN ({marks}) ORDER BY meeting_id, position",
                            ids):
            people.setdefault(r["meeting_id"], []).append(
                Attendee(r["name"], r["status"], r["person_id"], r["organisation"]))
        items: dict[int, list[AgendaItem]] = {}
        for r in self._rows(f"SELECT * FROM agenda_items WHERE meeting_id IN ({marks}) ORDER BY meeting_id, position",
                            ids):
            items.setdefault(r["meeting_id"], []).append(
                AgendaItem(r["kind"], r["ref"], r["title"], r["allotted_seconds"]))
        return [
            Meeting(
                id=r["id"], plan_id=r["plan_id"], held_on=date.fromisoformat(r["held_on"]), chair=r["chair"],
                agenda_mode=r["agenda_mode"], started_at=when(r["started_at"]),  # type: ignore[arg-type]
                plan_version_id=r["plan_version_id"], title=r["title"],
                attendance=tuple(people.get(r["id"], ())), agenda=tuple(items.get(r["id"], ())),
                closed=r["closed_at"] is not None, closed_at=when(r["closed_at"]),
                next_meeting=day(r["next_meeting"]), abandoned_at=when(r["abandoned_at"]),
            )
            for r in rows
        ]

    def meeting(self, meeting_id: int) -> Meeting:
        found = self._meetings("m.id = ?", [meeting_id])
        if not found:
            raise StoreError(f"no meeting {meeting_id}")
        return found[0]

    def meetings(self, plan_id: str, *, include_abandoned: bool = False) -> list[Meeting]:
        """Every meeting of the plan, newest first; abandoned ones only with `include_abandoned`."""
        return self._meetings("m.plan_id = ?" + ("" if include_abandoned else f" AND {_KEPT}"), [plan_id])

    def open_meeting(self, plan_id: str) -> Meeting | None:
        """The newest meeting of the plan neither closed nor abandoned, if any."""
        found = self._meetings(f"m.plan_id = ? AND c.id IS NULL AND {_KEPT}", [plan_id], limit=1)
        return found[0] if found else None

    def last_meeting(self, plan_id: str, *, closed_only: bool = True) -> Meeting | None:
        """The newest closed meeting of the plan (whose actions arising are matters arising);
        an abandoned meeting is never the last one."""
        where = f"m.plan_id = ? AND {_KEPT}" + (" AND c.id IS NOT NULL" if closed_only else "")
        found = self._meetings(where, [plan_id], limit=1)  # not every meeting's agenda: 1,000 took 0.5 s
        return found[0] if found else None

    # -- moving through the agenda ----------------------------------------------------

    def _events(self, meeting_id: int, after: int = 0) -> list[tuple[int, int, str, str]]:
        return list(self.conn.execute(
            "SELECT id, position, event, at FROM item_events WHERE meeting_id = ? AND id > ? ORDER BY id",
            [meeting_id, after]))

    def _open_item(self, meeting_id: int) -> int | None:
        row = self.conn.execute(
            "SELECT position, event FROM item_events WHERE meeting_id = ? ORDER BY id DESC LIMIT 1",
            [meeting_id]).fetchone()
        return row[0] if row and row[1] == "enter" else None

    def enter_item(self, meeting_id: int, position: int) -> None:
        """Leave the current agenda item and enter the one at `position`, in one transaction."""
        with self._write():
            self._refuse_if_closed(meeting_id)
            known = self.conn.execute(
                "SELECT 1 FROM agenda_items WHERE meeting_id = ? AND position = ?", [meeting_id, position]).fetchone()
            if known is None:
                raise StoreError(f"meeting {meeting_id} has no agenda item {position}")
            current = self._open_item(meeting_id)
            if current == position:
                return
            at = self._now()
            if current is not None:
                self._insert("item_events", {"meeting_id": meeting_id, "position": current, "event": "leave", "at": at})
            self._insert("item_events", {"meeting_id": meeting_id, "position": position, "event": "enter", "at": at})

    def current_position(self, meeting_id: int) -> int:
        """The agenda position last entered; 0 before the first item."""
        row = self.conn.execute(
            "SELECT position FROM item_events WHERE meeting_id = ? AND event = 'enter' ORDER BY id DESC LIMIT 1",
            [meeting_id]).fetchone()
        return int(row[0]) if row else 0

    def item_seconds(self, meeting_id: int, now: datetime | None = None) -> dict[int, float]:
        """Seconds spent on each agenda item while the app ran the meeting (storage/store/sessions.py);
        an item still open counts up to `now`.

        The items left are summed once: kept per meeting with the last event read, and only the
        events since are read at the next call, until a session row changes the stopped spans
        (the walk-through's clock asks every second and at every move, and a meeting's events
        grow with each move: benchmark row 2's p95, late in a 500-move meeting)."""
        stopped = self.stopped_spans(meeting_id)
        kept: dict[int, _Spent] = self.__dict__.setdefault("_item_seconds", {})
        spent = kept.get(meeting_id)
        if spent is None or spent.stopped is not stopped:
            spent = kept[meeting_id] = _Spent(stopped)
        for event_id, position, event, at in self._events(meeting_id, spent.last_event):
            moment = datetime.fromisoformat(at)
            if spent.entered is not None:
                item, since = spent.entered
                spent.left[item] = spent.left.get(item, 0.0) + running_seconds(since, moment, stopped)
                spent.entered = None
            if event == "enter":
                spent.entered = (position, moment)
            spent.last_event = event_id
        seconds = dict(spent.left)
        if spent.entered is not None:
            item, since = spent.entered
            seconds[item] = seconds.get(item, 0.0) + running_seconds(since, now or self.clock(), stopped)
        return seconds

    # -- notes and decisions ----------------------------------------------------------

    def record_note(self, meeting_id: int, position: int, text: str, author: str) -> int:
        """Append the note for an agenda item; the latest note of an item is its note."""
        with self._write():
            self._refuse_if_closed(meeting_id)
            return self._insert("item_notes", {"meeting_id": meeting_id, "position": position,
                                               "text": text, "author": author, "at": self._now()})

    def notes(self, meeting_id: int) -> dict[int, str]:
        """Each position's latest note, as its latest correction says (a withdrawn one left out)."""
        rows = self.conn.execute(
            "SELECT n.position, coalesce(c.text, n.text) FROM item_notes n "
            f"LEFT JOIN record_corrections c ON c.id = {latest_sql('note', 'n.id')} WHERE n.id IN "
            "(SELECT max(id) FROM item_notes WHERE meeting_id = ? GROUP BY position) AND c.withdrawn IS NOT 1 "
            "ORDER BY n.position", [meeting_id])
        return {position: text for position, text in rows}

    def record_decision(self, meeting_id: int, position: int, text: str) -> int:
        with self._write():
            self._refuse_if_closed(meeting_id)
            return self._insert("decisions", {"meeting_id": meeting_id, "position": position,
                                              "text": text, "at": self._now()})

    def decisions(self, meeting_id: int) -> list[Decision]:
        """The meeting's decisions, oldest first, as corrected (withdrawn ones left out)."""
        rows = self._rows("SELECT d.id, d.meeting_id, d.position, coalesce(c.text, d.text) AS text, d.at "
                          f"FROM decisions d LEFT JOIN record_corrections c ON c.id = {latest_sql('decision', 'd.id')} "
                          "WHERE d.meeting_id = ? AND c.withdrawn IS NOT 1 ORDER BY d.id", [meeting_id])
        return [Decision(**{**r, "at": when(r["at"])}) for r in rows]

    # -- actions arising --------------------------------------------------------------

    def add_action_arising(self, meeting_id: int, position: int, text: str, owner: str,
                           due: date | None) -> ActionArising:
        """A new action agreed at the meeting, ref "M<meeting>/<n>", status 'open'."""
        with self._write():
            self._refuse_if_closed(meeting_id)
            plan_id, count = self.conn.execute(
                "SELECT m.plan_id, (SELECT count(*) FROM actions_arising a WHERE a.meeting_id = m.id) "
                "FROM meetings m WHERE m.id = ?", [meeting_id]).fetchone()
            at = self._now()
            arising_id = self._insert("actions_arising", {
                "ref": f"M{meeting_id}/{count + 1}", "meeting_id": meeting_id, "plan_id": plan_id,
                "position": position, "text": text, "owner": owner,
                "due": due.isoformat() if due else None, "created_at": at,
            })
            self._insert("arising_status", {"arising_id": arising_id, "status": "open",
                                            "meeting_id": meeting_id, "note": "", "at": at})
        return self._arising("a.id = ?", [arising_id])[0]

    def set_arising_status(self, arising_id: int, status: str, *, meeting_id: int | None = None,
                           note: str = "") -> int:
        """Append a new status for an action arising (open, done, carried forward, dropped)."""
        if status not in ARISING_STATUSES:
            raise StoreError(f"status {status!r}; one of {', '.join(ARISING_STATUSES)}")
        with self._write():
            self._refuse_if_closed(meeting_id)
            if self.conn.execute("SELECT 1 FROM actions_arising WHERE id = ?", [arising_id]).fetchone() is None:
                raise StoreError(f"no action arising {arising_id}")
            return self._insert("arising_status", {"arising_id": arising_id, "status": status,
                                                   "meeting_id": meeting_id, "note": note, "at": self._now()})

    def _arising(self, where: str, params: list[Any]) -> list[ActionArising]:
        """Actions arising as corrected (`corrected_arising`: withdrawn ones left out)."""
        rows = self._rows(f"SELECT a.* FROM {corrected_arising()} a WHERE {where} ORDER BY a.id", params)
        return [
            ActionArising(**{**r, "due": day(r["due"]), "created_at": when(r["created_at"]),
                             "status_at": when(r["status_at"])})
            for r in rows
        ]

    def actions_arising(self, plan_id: str, open_only: bool = False, *,
                        meeting_id: int | None = None) -> list[ActionArising]:
        """Actions arising of the plan (or of one meeting) with their latest status, oldest first."""
        where = "a.plan_id = ?"
        params: list[Any] = [plan_id]
        if open_only:
            where += f" AND a.status IN ({sql_list(ARISING_OPEN)})"
        if meeting_id is not None:
            where, params = where + " AND a.meeting_id = ?", params + [meeting_id]
        return self._arising(where, params)

    # -- closing ----------------------------------------------------------------------

    def close_meeting(self, meeting_id: int, next_meeting: date | None = None) -> None:
        """Close the meeting (leaving the open item); refuses a meeting already closed."""
        with self._write():
            self._refuse_if_closed(meeting_id)
            at = self._now()
            current = self._open_item(meeting_id)
            if current is not None:
                self._insert("item_events", {"meeting_id": meeting_id, "position": current, "event": "leave", "at": at})
            self._insert("meeting_closures", {"meeting_id": meeting_id, "closed_at": at,
                                              "next_meeting": next_meeting.isoformat() if next_meeting else None})


class _Spent:
    """`item_seconds` so far for one meeting: the seconds of the items left, the item entered and
    not yet left (position, since when), the last event read, and the stopped spans they were
    counted with."""

    def __init__(self, stopped: list[Span]) -> None:
        self.stopped = stopped
        self.left: dict[int, float] = {}
        self.entered: tuple[int, datetime] | None = None
        self.last_event = 0
