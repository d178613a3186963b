"""Correcting the record in the room: the chair edits or withdraws a note, decision, action
arising or declaration of the open meeting, or records a status or rating again.

A mixin of `Service`. Each correction is one committed store transaction
(storage/store/corrections.py: a new row that supersedes the old; nothing is changed or
deleted). Only the meeting that recorded something corrects it, and only while it is open:
`MeetingClosed` for a closed (or abandoned) meeting, `NotThisMeeting` for another meeting's
record. A status or risk rating is corrected by recording it again in the same meeting: the
meeting gives the action one trend entry, its final status, and history marks the later
entry "corrected in the meeting" (`corrected_in_meeting`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, TypeVar

from storage.store.corrections import KINDS, NotThisMeeting, Recorded, Version
from storage.store.opening import MeetingClosed
from storage.store.records import ActionArising, Meeting, Rating, Update

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.store.formalities import Approval
    from storage.store.store import Store

__all__ = ["AMENDED", "CORRECTED_WORDS", "KINDS", "CorrectionsMixin", "ItemRecord", "MeetingClosed", "NotThisMeeting",
           "Recorded", "Version", "corrected_in_meeting",
           "meeting_finals"]

CORRECTED_WORDS = "corrected in the meeting"
AMENDED = "(amended)"  # how the walk-through marks a corrected note, decision or action arising


Entry = TypeVar("Entry", Update, Rating)


def corrected_in_meeting(history: Sequence[Entry]) -> dict[int, Entry]:
    """For a history newest first: each entry recorded in the same meeting as the entry before it,
    by id, with that earlier entry (what it corrected). A meeting's last entry is its status."""
    found: dict[int, Entry] = {}
    for newer, older in pairwise(history):
        if newer.meeting_id is not None and newer.meeting_id == older.meeting_id:
            found[newer.id] = older
    return found


def meeting_finals(history: Sequence[Update]) -> list[Update]:
    """For a history newest first: the entries a trend shows, newest first, each meeting's last
    (its final status; `trend_codes`' rule) and every entry made outside a meeting."""
    superseded = {older.id for older in corrected_in_meeting(history).values()}
    return [u for u in history if u.id not in superseded]


@dataclass(frozen=True)
class ItemRecord:
    """Everything the open meeting recorded on one agenda item: its note, decisions, actions
    arising and declarations as they now stand, and the status or risk rating recorded on it
    here (the latest), with how many times it was recorded in this meeting."""

    entries: tuple[Recorded, ...]
    status: Update | None = None
    rating: Rating | None = None
    times: int = 0  # how many statuses (or ratings) this meeting recorded on the item
    arising: ActionArising | None = None  # a matter arising whose status this meeting set (done, carried…)
    approval: Approval | None = None  # the previous minutes, agreed as a true record at this meeting


class CorrectionsMixin:
    _store: Store
    plan: Callable[[str], Plan]

    def meeting_record(self, meeting: Meeting, *, withdrawn: bool = False) -> list[Recorded]:
        """The meeting's notes, decisions, actions arising and declarations as the record now
        says them (withdrawn ones only with `withdrawn=True`), each with its versions."""
        return self._store.meeting_record(meeting.id, withdrawn=withdrawn)

    def amended(self, meeting: Meeting) -> frozenset[tuple[str, int]]:
        """What the meeting corrected and still records, for the walk-through's "(amended)": a
        note as ('note', its position), the others as (kind, id)."""
        return frozenset((r.kind, r.position if r.kind == "note" else r.target_id)
                         for r in self._store.meeting_record(meeting.id) if r.corrected)

    def item_record(self, meeting: Meeting, position: int) -> ItemRecord:
        """What the meeting recorded on the item at `position`: what the chair may correct."""
        entries = tuple(r for r in self._store.meeting_record(meeting.id) if r.position == position)
        item = meeting.item(position)
        if item.kind == "action" and item.ref:
            updates = [u for u in self._store.meeting_updates(meeting.id) if u.action_id == item.ref]
            return ItemRecord(entries, status=updates[-1] if updates else None, times=len(updates))
        if item.kind == "risk" and item.ref:
            ratings = [r for r in self._store.meeting_ratings(meeting.id) if r.risk_id == item.ref]
            return ItemRecord(entries, rating=ratings[-1] if ratings else None, times=len(ratings))
        if item.kind == "matters_arising" and item.ref:
            found = next((a for a in self._store.actions_arising(meeting.plan_id) if a.ref == item.ref), None)
            if found is not None and found.status_meeting_id == meeting.id and found.meeting_id != meeting.id:
                return ItemRecord(entries, arising=found)  # corrected by appending another status
        if item.kind == "previous_minutes" and item.ref and item.ref.isdigit():
            approval = self._store.approval_of(int(item.ref))
            if approval is not None and approval.meeting_id == meeting.id:
                return ItemRecord(entries, approval=approval)  # withdrawn by appending a withdrawal
        return ItemRecord(entries)

    def _open(self, meeting: Meeting) -> None:
        if meeting.closed:
            raise MeetingClosed(f"meeting {meeting.id} is closed; its record can no longer change")

    def correct_record(self, meeting: Meeting, kind: str, target_id: int, text: str, *, owner: str | None = None,
                       due: date | None = None) -> None:
        """Correct a note's or decision's text, an action arising's text, owner (a roster id or a
        name as written) and due date, or a declaration's nature and member (`owner`)."""
        self._open(meeting)
        store, author, text = self._store, meeting.chair, text.strip()
        if kind == "note":
            store.correct_note(meeting.id, target_id, text, author)
        elif kind == "decision":
            store.correct_decision(meeting.id, target_id, text, author)
        elif kind == "arising":
            plan = self.plan(meeting.plan_id)
            who = (owner or "").strip()
            store.correct_arising(meeting.id, target_id, text, plan.owner_name(who) if who in plan.roster_ids()
                                  else who, due, author)
        elif kind == "declaration":
            store.correct_declaration(meeting.id, target_id, (owner or "").strip(), text, author)
        else:
            raise ValueError(f"correction kind {kind!r}; one of {', '.join(KINDS)}")

    def withdraw_record(self, meeting: Meeting, kind: str, target_id: int) -> None:
        """Take a note, decision, action arising or declaration out of the record (it stays stored)."""
        self._open(meeting)
        withdraw = {"note": self._store.withdraw_note, "decision": self._store.withdraw_decision,
                    "arising": self._store.withdraw_arising, "declaration": self._store.withdraw_declaration}
        if kind not in withdraw:
            raise ValueError(f"correction kind {kind!r}; one of {', '.join(KINDS)}")
        withdraw[kind](meeting.id, target_id, meeting.chair)

    def status_corrected_from(self, meeting: Meeting, action_id: str) -> str | None:
        """The status code the meeting's latest status on the action corrected (recorded earlier
        in the same meeting), if it corrected one."""
        history = self._store.history(meeting.plan_id, action_id)
        if history and history[0].meeting_id == meeting.id:
            before = corrected_in_meeting(history).get(history[0].id)
            return before.rag if before is not None else None
        return None

    def rating_corrected_from(self, meeting: Meeting, risk_id: str) -> Rating | None:
        """The rating the meeting's latest rating of the risk corrected, if it corrected one."""
        history = self._store.risk_history(meeting.plan_id, risk_id)
        if history and history[0].meeting_id == meeting.id:
            return corrected_in_meeting(history).get(history[0].id)
        return None
