"""What was said beside each status of an action: "what did we say about 7.3 last time?".

For each update of one action: the date of the meeting it was recorded at (and whether it was
abandoned), the meeting's
discussion note on the action's agenda item (the note as it stands, corrections applied:
`Store.notes`), and the officer's note (the proposal the chair answered, with its author).
A few queries for the whole history: one per table, and one notes read per meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from storage.store.records import Update

if TYPE_CHECKING:
    from storage.store.store import Store


@dataclass(frozen=True)
class UpdateContext:
    meeting_date: date | None  # the day of the meeting the status was recorded at; None: outside a meeting
    discussion: str  # the meeting's note on the action's item ('' when none)
    officer_note: str  # the officer's proposal the status answered ('' when none)
    officer: str  # who sent that proposal
    abandoned: bool = False  # the meeting it was recorded at was abandoned


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def update_context(store: Store, action_id: str, updates: Sequence[Update]) -> dict[int, UpdateContext]:
    """The context of each update in `updates` (of action `action_id`), by update id."""
    meeting_ids = sorted({u.meeting_id for u in updates if u.meeting_id is not None})
    dates: dict[int, date] = {}
    abandoned: set[int] = set()
    discussed: dict[int, str] = {}
    if meeting_ids:
        marks = _marks(meeting_ids)
        dates = {mid: date.fromisoformat(day) for mid, day in store.conn.execute(
            f"SELECT id, held_on FROM meetings WHERE id IN ({marks})", meeting_ids)}
        abandoned = {mid for (mid,) in store.conn.execute(
            f"SELECT meeting_id FROM meeting_abandonments WHERE meeting_id IN ({marks})", meeting_ids)}
        positions: dict[int, list[int]] = {}
        for mid, position in store.conn.execute(
                f"SELECT meeting_id, position FROM agenda_items WHERE kind = 'action' AND ref = ? "
                f"AND meeting_id IN ({marks}) ORDER BY meeting_id, position", [action_id, *meeting_ids]):
            positions.setdefault(mid, []).append(position)
        for mid, found in positions.items():
            notes = store.notes(mid)
            discussed[mid] = "\n".join(notes[p] for p in found if notes.get(p))
    proposal_ids = sorted({u.proposal_id for u in updates if u.proposal_id is not None})
    proposals: dict[int, tuple[str, str]] = {}
    if proposal_ids:
        proposals = {pid: (note or "", author or "") for pid, note, author in store.conn.execute(
            f"SELECT id, note, author FROM proposals WHERE id IN ({_marks(proposal_ids)})", proposal_ids)}
    out = {}
    for u in updates:
        note, officer = proposals.get(u.proposal_id, ("", "")) if u.proposal_id is not None else ("", "")
        out[u.id] = UpdateContext(dates.get(u.meeting_id) if u.meeting_id is not None else None,
                                  discussed.get(u.meeting_id, "") if u.meeting_id is not None else "",
                                  note, officer, u.meeting_id in abandoned)
    return out
