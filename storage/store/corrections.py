"""Corrections of a meeting's record, append-only (`record_corrections`, migration 6).

A mixin of `Store` (it uses the store's `_write`, `_insert`, `_rows`, `_now` and
`_refuse_if_closed`). A note, decision, action arising or declaration recorded at a meeting is
never changed: a correction is a new row for its kind and target (the original row's id) that
carries the whole record as it now stands (a note's or decision's text; an action arising's
text, owner and due; a declaration's member as `owner` and nature as `text`), and the latest
row for a kind and target is what the record says. `withdrawn` takes the record out of the
minutes, the summary and the action log; the original row and every correction stay.

The reads that show the record (`Store.notes`, `decisions`, actions arising, the minutes and
the action log) join each row's latest correction with `latest_sql`, in the same query: one
query per table, however many items a meeting has. A correction is made while its meeting is
open, so an old meeting's minutes, bounded at its close, read the same for ever; a later
meeting's change to an earlier action arising (a new due date on carrying it forward) is
bounded out of the earlier minutes by its time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from storage.store.opening import StoreError
from storage.store.records import ActionArising, Meeting, day, when

KINDS: tuple[str, ...] = ("note", "decision", "arising", "declaration")

# The table each kind corrects, and the columns of its original row that a correction replaces
# (as text, owner, due; None: the kind has no such field).
_TARGET = {
    "note": ("item_notes", "text", None, None),
    "decision": ("decisions", "text", None, None),
    "arising": ("actions_arising", "text", "owner", "due"),
    "declaration": ("declarations", "nature", "member", None),
}


class NotThisMeeting(StoreError):
    """A correction of a record that another meeting made: only its own meeting corrects it."""


def latest_sql(kind: str, target: str, until: str | None = None) -> str:
    """An SQL expression: the id of the latest correction of `kind` of the row whose id is the
    column `target` (e.g. 'n.id'), made at or before `until` (a parameter such as ':closed', a
    stored UTC time) when given. Join it as `LEFT JOIN record_corrections c ON c.id = ...`."""
    assert kind in KINDS
    bound = f" AND at <= {until}" if until else ""
    return f"(SELECT max(id) FROM record_corrections WHERE kind = '{kind}' AND target_id = {target}{bound})"


def corrected_arising(until: str | None = None) -> str:
    """SQL for a FROM clause: `current_arising_status` with each action arising's text, owner and
    due as its latest correction (made at or before `until`, when given) says, withdrawn ones left
    out; the view's columns."""
    return f"""(SELECT a.id, a.ref, a.meeting_id, a.plan_id, a.position,
        CASE WHEN c.id IS NULL THEN a.text ELSE c.text END AS text,
        CASE WHEN c.id IS NULL THEN a.owner ELSE c.owner END AS owner,
        CASE WHEN c.id IS NULL THEN a.due ELSE c.due END AS due,
        a.created_at, a.status, a.status_note, a.status_at, a.status_meeting_id
    FROM current_arising_status a
    LEFT JOIN record_corrections c ON c.id = {latest_sql("arising", "a.id", until)}
    WHERE c.withdrawn IS NOT 1)"""


def until_closed(meeting: Meeting) -> str:
    """The moment the meeting closed as the store writes times ('9' while open: later than any):
    the corrections its record takes, for `latest_sql`'s `until`."""
    return meeting.closed_at.astimezone(UTC).isoformat(timespec="microseconds") if meeting.closed_at else "9"


class Version(NamedTuple):
    """One version of a record: the original (`correction_id` None) or a correction."""

    text: str
    owner: str | None
    due: date | None
    withdrawn: bool
    author: str | None
    at: datetime | None
    correction_id: int | None = None


class Recorded(NamedTuple):
    """A note, decision, action arising or declaration of a meeting as the record now says it,
    with every version, oldest (the original) first. `target_id` is the original row's id."""

    kind: str
    target_id: int
    meeting_id: int
    position: int
    text: str
    owner: str | None
    due: date | None
    withdrawn: bool
    versions: tuple[Version, ...]
    ref: str | None = None  # an action arising's "M3/1"

    @property
    def corrected(self) -> bool:
        """Changed or withdrawn since it was first recorded."""
        return len(self.versions) > 1


# The originals of a meeting, by kind: (target id, position, text, owner, due, author, at, ref).
_ORIGINALS = {
    "note": "SELECT id, position, text, NULL, NULL, author, at, NULL FROM item_notes WHERE id IN "
            "(SELECT max(id) FROM item_notes WHERE meeting_id = ? GROUP BY position)",
    "decision": "SELECT id, position, text, NULL, NULL, NULL, at, NULL FROM decisions WHERE meeting_id = ?",
    "arising": "SELECT id, position, text, owner, due, NULL, created_at, ref FROM actions_arising "
               "WHERE meeting_id = ?",
    "declaration": "SELECT id, position, nature, member, NULL, author, at, NULL FROM declarations "
                   "WHERE meeting_id = ?",
}


class CorrectionsMixin:
    conn: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    _insert: Callable[[str, dict[str, Any]], int]
    _rows: Callable[..., list[dict[str, Any]]]
    _now: Callable[[], str]
    _refuse_if_closed: Callable[[int | None], None]

    # -- writing ----------------------------------------------------------------------

    def _append_correction(self, meeting_id: int, kind: str, target_id: int, *, author: str,
                           text: str | None = None, owner: str | None = None, due: date | None = None,
                           withdrawn: bool = False) -> int:
        """Append one correction inside the caller's write (no transaction of its own, no check
        of whose record it is: carrying an action arising forward is a later meeting's change)."""
        if kind not in KINDS:
            raise StoreError(f"correction kind {kind!r}; one of {', '.join(KINDS)}")
        return self._insert("record_corrections", {
            "meeting_id": meeting_id, "kind": kind, "target_id": target_id, "withdrawn": int(withdrawn),
            "text": None if withdrawn else text, "owner": None if withdrawn else owner,
            "due": due.isoformat() if due and not withdrawn else None, "author": author, "at": self._now(),
        })

    def _correct(self, meeting_id: int, kind: str, target_id: int, author: str, *, text: str | None = None,
                 owner: str | None = None, due: date | None = None, withdrawn: bool = False) -> int:
        table = _TARGET[kind][0]
        if not withdrawn and not (text or "").strip():
            raise StoreError(f"a corrected {kind} needs its text; withdraw it to take it out")
        with self._write():
            self._refuse_if_closed(meeting_id)
            found = self.conn.execute(f"SELECT meeting_id FROM {table} WHERE id = ?", [target_id]).fetchone()
            if found is None:
                raise StoreError(f"no {kind} {target_id}")
            if found[0] != meeting_id:
                raise NotThisMeeting(f"that {kind} was recorded at meeting {found[0]}: only that meeting corrects it")
            latest = self.conn.execute(f"SELECT withdrawn FROM record_corrections WHERE id = "
                                       f"{latest_sql(kind, '?')}", [target_id]).fetchone()
            if latest is not None and latest[0]:
                raise StoreError(f"that {kind} has been withdrawn")
            return self._append_correction(meeting_id, kind, target_id, author=author, text=text, owner=owner,
                                           due=due, withdrawn=withdrawn)

    def correct_note(self, meeting_id: int, note_id: int, text: str, author: str) -> int:
        """The note `note_id` (an item_notes id) now says `text`; returns the correction's id."""
        return self._correct(meeting_id, "note", note_id, author, text=text)

    def withdraw_note(self, meeting_id: int, note_id: int, author: str) -> int:
        return self._correct(meeting_id, "note", note_id, author, withdrawn=True)

    def correct_decision(self, meeting_id: int, decision_id: int, text: str, author: str) -> int:
        return self._correct(meeting_id, "decision", decision_id, author, text=text)

    def withdraw_decision(self, meeting_id: int, decision_id: int, author: str) -> int:
        return self._correct(meeting_id, "decision", decision_id, author, withdrawn=True)

    def correct_arising(self, meeting_id: int, arising_id: int, text: str, owner: str, due: date | None,
                        author: str) -> int:
        """The action arising now reads `text`, owned by `owner`, due `due` (None: no due date)."""
        if not owner.strip():
            raise StoreError("an action arising needs an owner")
        return self._correct(meeting_id, "arising", arising_id, author, text=text, owner=owner, due=due)

    def withdraw_arising(self, meeting_id: int, arising_id: int, author: str) -> int:
        return self._correct(meeting_id, "arising", arising_id, author, withdrawn=True)

    def correct_declaration(self, meeting_id: int, declaration_id: int, member: str, nature: str,
                            author: str) -> int:
        """The declaration of interest now names `member` and `nature` (its item stays as declared)."""
        if not member.strip():
            raise StoreError("a declaration names a member")
        return self._correct(meeting_id, "declaration", declaration_id, author, text=nature, owner=member)

    def withdraw_declaration(self, meeting_id: int, declaration_id: int, author: str) -> int:
        return self._correct(meeting_id, "declaration", declaration_id, author, withdrawn=True)

    # -- reading ----------------------------------------------------------------------

    def meeting_record(self, meeting_id: int, *, withdrawn: bool = False) -> list[Recorded]:
        """Every note (each item's latest), decision, action arising and declaration the meeting
        recorded, as the record now says it, with its versions; by kind (notes, decisions, actions
        arising, declarations), then position, then as recorded. Withdrawn ones only with
        `withdrawn=True`. One query per table and one of corrections, however long the meeting."""
        out: list[Recorded] = []
        for kind in KINDS:
            originals = list(self.conn.execute(_ORIGINALS[kind], [meeting_id]))
            if not originals:
                continue
            table = _TARGET[kind][0]
            versions: dict[int, list[Version]] = {}
            for cid, target, gone, text, owner, due, author, at in self.conn.execute(
                    "SELECT c.id, c.target_id, c.withdrawn, c.text, c.owner, c.due, c.author, c.at "
                    f"FROM record_corrections c JOIN {table} t ON t.id = c.target_id "
                    "WHERE c.kind = ? AND t.meeting_id = ? ORDER BY c.id", [kind, meeting_id]):
                versions.setdefault(target, []).append(Version(text or "", owner, day(due), bool(gone), author,
                                                               when(at), cid))
            for target, position, text, owner, due, author, at, ref in originals:
                every = (Version(text, owner, day(due), False, author, when(at)), *versions.get(target, ()))
                last = every[-1]
                if last.withdrawn and not withdrawn:
                    continue
                current = next(v for v in reversed(every) if not v.withdrawn) if last.withdrawn else last
                out.append(Recorded(kind, target, meeting_id, position, current.text, current.owner, current.due,
                                    last.withdrawn, every, ref))
        order = {kind: n for n, kind in enumerate(KINDS)}
        return sorted(out, key=lambda r: (order[r.kind], r.position, r.target_id))

    def arising_as_closed(self, meeting: Meeting) -> list[ActionArising]:
        """The actions arising the meeting raised, oldest first, as corrected by its close (all
        corrections while it is open): what its minutes say, whatever later meetings change."""
        rows = self._rows(f"SELECT a.* FROM {corrected_arising(':until')} a WHERE a.meeting_id = :m ORDER BY a.id",
                          {"until": until_closed(meeting), "m": meeting.id})
        return [ActionArising(**{**r, "due": day(r["due"]), "created_at": when(r["created_at"]),
                                 "status_at": when(r["status_at"])}) for r in rows]

    def corrections(self, meeting_id: int) -> list[dict[str, Any]]:
        """Every correction made at the meeting, as stored, oldest first."""
        return self._rows("SELECT * FROM record_corrections WHERE meeting_id = ? ORDER BY id", [meeting_id])
