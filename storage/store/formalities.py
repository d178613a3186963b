"""The standing items of a UK committee meeting in the store: declarations of interest, and the
approval of an earlier meeting's minutes as a true record; and the minute references' count.

A mixin of `Store` (it uses the store's `_write`, `_insert`, `_rows`, `_now` and the meetings
mixin's `_refuse_if_closed`). Both tables are append-only (migration 6). A declaration is read
as its latest correction says (storage/store/corrections.py), a withdrawn one not at all. An
approval is withdrawn by a later row of `minutes_approvals` with `withdrawn` set (migration 7):
the latest row for the approved meeting says whether its minutes are approved.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any, NamedTuple

from storage.store.corrections import latest_sql
from storage.store.opening import StoreError


class Declaration(NamedTuple):
    """A member's declaration of interest in an agenda item, recorded at a meeting."""

    id: int
    meeting_id: int
    position: int  # the agenda position it was recorded at (the declarations item)
    member: str
    item: str  # an agenda item ("7.3 Target night time economy") or free text
    nature: str
    author: str


class Approval(NamedTuple):
    """The minutes of meeting `approved_meeting_id` agreed as a true record at meeting `meeting_id`."""

    meeting_id: int
    held_on: date  # the approving meeting's date
    approved_meeting_id: int


# The latest row about the minutes of meeting ?: an approval, or its withdrawal.
_LATEST_APPROVAL = """
SELECT a.meeting_id, m.held_on, a.withdrawn, a.position FROM minutes_approvals a JOIN meetings m ON m.id = a.meeting_id
WHERE a.approved_meeting_id = ? ORDER BY a.id DESC LIMIT 1
"""

# A condition on a row `a` of minutes_approvals: it stands (its approved meeting's latest row, not a withdrawal).
STANDING_APPROVAL = ("a.withdrawn = 0 AND a.id = "
                     "(SELECT max(id) FROM minutes_approvals WHERE approved_meeting_id = a.approved_meeting_id)")

# A meeting's declarations as the record now says them: a correction (storage/store/corrections.py)
# carries the member as `owner` and the nature as `text`; a withdrawn one is left out.
_DECLARATIONS = f"""
SELECT d.id, d.meeting_id, d.position, d.item, d.author,
    CASE WHEN c.id IS NULL THEN d.member ELSE c.owner END AS member,
    CASE WHEN c.id IS NULL THEN d.nature ELSE c.text END AS nature
FROM declarations d LEFT JOIN record_corrections c ON c.id = {latest_sql("declaration", "d.id")}
WHERE d.meeting_id = ? AND c.withdrawn IS NOT 1
ORDER BY d.id
"""

# The agenda items taken (entered at least once) at the plan's closed, non-abandoned meetings
# held in the same calendar year as meeting ?1 and before it (earlier date, or same date and
# a lower id): the minute references of meeting ?1 continue from this count.
_TAKEN_BEFORE = """
SELECT count(*) FROM (
    SELECT DISTINCT e.meeting_id, e.position FROM meetings this
    JOIN meetings m ON m.plan_id = this.plan_id
    JOIN item_events e ON e.meeting_id = m.id
    WHERE this.id = ?1 AND e.event = 'enter'
      AND substr(m.held_on, 1, 4) = substr(this.held_on, 1, 4)
      AND (m.held_on < this.held_on OR (m.held_on = this.held_on AND m.id < this.id))
      AND EXISTS (SELECT 1 FROM meeting_closures c WHERE c.meeting_id = m.id)
      AND NOT EXISTS (SELECT 1 FROM meeting_abandonments a WHERE a.meeting_id = m.id))
"""


class FormalitiesMixin:
    conn: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    _insert: Callable[[str, dict[str, Any]], int]
    _rows: Callable[..., list[dict[str, Any]]]
    _now: Callable[[], str]
    _refuse_if_closed: Callable[[int | None], None]

    # -- declarations of interest -----------------------------------------------------

    def record_declaration(self, meeting_id: int, position: int, member: str, item: str, nature: str,
                           author: str) -> int:
        """Append a declaration of interest at an open meeting; member, item and nature are required."""
        for label, text in (("member", member), ("item", item), ("nature", nature)):
            if not text.strip():
                raise StoreError(f"a declaration of interest needs its {label}")
        with self._write():
            self._refuse_if_closed(meeting_id)
            return self._insert("declarations", {
                "meeting_id": meeting_id, "position": position, "member": member.strip(), "item": item.strip(),
                "nature": nature.strip(), "author": author, "at": self._now()})

    def declarations(self, meeting_id: int) -> list[Declaration]:
        """The meeting's declarations of interest, in the order made (withdrawn ones left out)."""
        return [Declaration(r["id"], r["meeting_id"], r["position"], r["member"], r["item"], r["nature"],
                            r["author"]) for r in self._rows(_DECLARATIONS, [meeting_id])]

    # -- minutes of the previous meeting ----------------------------------------------

    def _abandoned(self, meeting_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM meeting_abandonments WHERE meeting_id = ?",
                                 [meeting_id]).fetchone() is not None

    def previous_meeting(self, plan_id: str, before: int | None = None) -> tuple[int, date] | None:
        """The plan's newest closed, non-abandoned meeting (before meeting `before`, when given),
        as (id, date): the meeting whose minutes the next one agrees."""
        row = self.conn.execute(
            "SELECT m.id, m.held_on FROM meetings m JOIN meeting_closures c ON c.meeting_id = m.id "
            "WHERE m.plan_id = ? AND m.id < ? "
            "AND NOT EXISTS (SELECT 1 FROM meeting_abandonments a WHERE a.meeting_id = m.id) "
            "ORDER BY m.id DESC LIMIT 1", [plan_id, before if before is not None else 2**62]).fetchone()
        return (int(row[0]), date.fromisoformat(row[1])) if row else None

    def approve_minutes(self, meeting_id: int, approved_meeting_id: int, position: int, author: str,
                        note: str = "") -> int:
        """Record that open meeting `meeting_id` agreed the minutes of `approved_meeting_id` as a
        true record. Refused for minutes already approved (and not withdrawn since), for a meeting
        not closed or abandoned, for a meeting of another plan, and for the meeting itself."""
        with self._write():
            self._refuse_if_closed(meeting_id)
            row = self.conn.execute(
                "SELECT m.plan_id, m.held_on, c.id, this.plan_id FROM meetings m "
                "LEFT JOIN meeting_closures c ON c.meeting_id = m.id JOIN meetings this ON this.id = ? "
                "WHERE m.id = ?", [meeting_id, approved_meeting_id]).fetchone()
            if row is None or approved_meeting_id == meeting_id or row[0] != row[3]:
                raise StoreError(f"meeting {meeting_id} cannot approve the minutes of meeting {approved_meeting_id}")
            if self._abandoned(approved_meeting_id):
                raise StoreError(f"meeting {approved_meeting_id} was abandoned: it has no minutes to approve")
            if row[2] is None:
                raise StoreError(f"meeting {approved_meeting_id} is not closed: its minutes cannot be approved yet")
            found = self.approval_of(approved_meeting_id)
            if found is not None:
                raise StoreError(f"the minutes of meeting {approved_meeting_id} were already approved at the "
                                 f"meeting of {found.held_on.isoformat()}")
            return self._insert("minutes_approvals", {
                "meeting_id": meeting_id, "approved_meeting_id": approved_meeting_id, "position": position,
                "note": note, "author": author, "at": self._now()})

    def withdraw_approval(self, meeting_id: int, approved_meeting_id: int, author: str) -> int:
        """Withdraw the approval open meeting `meeting_id` made of the minutes of
        `approved_meeting_id`: a row marked withdrawn is appended (the approval stays stored) and
        those minutes are a draft again. Refused when they are not approved, or were approved at
        another meeting (only that meeting withdraws it, while it is open)."""
        with self._write():
            self._refuse_if_closed(meeting_id)
            row = self.conn.execute(_LATEST_APPROVAL, [approved_meeting_id]).fetchone()
            if row is None or row[2]:
                raise StoreError(f"the minutes of meeting {approved_meeting_id} are not approved: nothing to withdraw")
            if row[0] != meeting_id:
                raise StoreError(f"the minutes of meeting {approved_meeting_id} were approved at the meeting of "
                                 f"{row[1]}: only that meeting withdraws it")
            return self._insert("minutes_approvals", {
                "meeting_id": meeting_id, "approved_meeting_id": approved_meeting_id, "position": row[3],
                "note": "", "author": author, "at": self._now(), "withdrawn": 1})

    def approval_of(self, meeting_id: int) -> Approval | None:
        """Where the minutes of `meeting_id` were agreed as a true record, if they are (an
        approval withdrawn since is none)."""
        row = self.conn.execute(_LATEST_APPROVAL, [meeting_id]).fetchone()
        return Approval(int(row[0]), date.fromisoformat(row[1]), meeting_id) if row and not row[2] else None

    def meeting_date(self, meeting_id: int) -> date | None:
        """The day meeting `meeting_id` was held (None: no such meeting)."""
        row = self.conn.execute("SELECT held_on FROM meetings WHERE id = ?", [meeting_id]).fetchone()
        return date.fromisoformat(row[0]) if row else None

    def approved_at(self, meeting_id: int) -> int | None:
        """The meeting whose minutes `meeting_id` approved, if it approved any (and has not withdrawn it)."""
        row = self.conn.execute("SELECT a.approved_meeting_id FROM minutes_approvals a "
                                f"WHERE a.meeting_id = ? AND {STANDING_APPROVAL}", [meeting_id]).fetchone()
        return int(row[0]) if row else None

    # -- minute references ------------------------------------------------------------

    def minutes_taken_before(self, meeting_id: int) -> int:
        """How many minute numbers the plan's earlier meetings of the same calendar year used: one
        per agenda item taken at each closed, non-abandoned meeting (one query, whatever the number
        of meetings)."""
        return int(self.conn.execute(_TAKEN_BEFORE, [meeting_id]).fetchone()[0])
