"""The standing items as the chair takes them: apologies, declarations of interest, and the
minutes of the previous meeting agreed as a true record (and that approval withdrawn, when it
was a mistake).

A mixin of `Service` (it uses the service's store). The agenda items themselves are
`storage.service.agenda.standing_items`; the minutes' formal parts are
`storage.minutes.formal`. Each write is one committed store transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.store.formalities import Approval, Declaration
    from storage.store.records import Meeting
    from storage.store.store import Store

#: The agenda items a declaration can name, by kind (the standing items themselves are not offered).
DECLARABLE = ("matters_arising", "action", "risk", "indicator", "aob")


def resolved_line(text: str) -> str:
    """A decision as the minutes word it: 'RESOLVED: ' and its text, less any 'Agreed:' or
    'Resolved:' the chair typed (`storage.minutes.formal.resolved`, the one rule), so the close
    summary never reads 'RESOLVED: RESOLVED: …'."""
    from storage.minutes.formal import resolved

    return f"RESOLVED: {resolved(text)}"


def matter_arising_line(ref: str, text: str, agreed: str, note: str | None) -> str:
    """A matter arising the meeting gave a status, as its minutes word it ('M1/1 Report back on the
    forum — Done: Circulated 2 April', `storage.minutes.records.outcome_words`), for the close summary."""
    from storage.minutes.records import outcome_words

    return f"{ref} {text} — {outcome_words(agreed)}" + (f": {note}" if note else "")


class FormalitiesMixin:
    _store: Store

    # -- declarations of interest -----------------------------------------------------

    def declaration_members(self, meeting: Meeting) -> list[str]:
        """Who can declare an interest: those present, then those in attendance, as the setup named them."""
        return [a.name for a in meeting.attendance if a.status == "present"] + \
            [a.name for a in meeting.attendance if a.status == "guest"]

    def declaration_items(self, meeting: Meeting) -> list[str]:
        """The meeting's agenda items a declaration can name, as the walk-through titles them
        ('7.3 Target night time economy', 'Any other business')."""
        out = []
        for item in meeting.agenda:
            if item.kind not in DECLARABLE:
                continue
            text = item.title if item.kind in ("matters_arising", "aob") or not item.ref else \
                f"{item.ref} {item.title}"
            out.append(" ".join(text.split()))
        return list(dict.fromkeys(out))

    def record_declaration(self, meeting: Meeting, position: int, member: str, item: str,
                           nature: str) -> Declaration:
        """Record a member's declaration of interest in an item (member, item and nature all required)."""
        declaration_id = self._store.record_declaration(meeting.id, position, member, item, nature, meeting.chair)
        with self._store.reading_back(f"the declaration was recorded (declaration {declaration_id})"):
            return next(d for d in self._store.declarations(meeting.id) if d.id == declaration_id)

    def declarations(self, meeting: Meeting) -> list[Declaration]:
        """The meeting's declarations of interest, in the order made."""
        return self._store.declarations(meeting.id)

    # -- minutes of the previous meeting ----------------------------------------------

    def minutes_to_approve(self, meeting: Meeting) -> int | None:
        """The meeting whose minutes this one's 'minutes of the previous meeting' item agrees (its
        ref, set when the agenda was built), if the agenda has that item."""
        item = next((i for i in meeting.agenda if i.kind == "previous_minutes"), None)
        return int(item.ref) if item is not None and item.ref and item.ref.isdigit() else None

    def approve_minutes(self, meeting: Meeting, approved_meeting_id: int | None = None) -> Approval:
        """Agree the minutes of the previous meeting (or of `approved_meeting_id`) as a true record.
        Refused (StoreError) twice for the same minutes, and for a meeting not closed or abandoned."""
        target = approved_meeting_id if approved_meeting_id is not None else self.minutes_to_approve(meeting)
        if target is None:
            raise LookupError(f"meeting {meeting.id} has no minutes of a previous meeting on its agenda")
        position = next((n for n, i in enumerate(meeting.agenda, 1) if i.kind == "previous_minutes"), 0)
        self._store.approve_minutes(meeting.id, target, position, meeting.chair)
        with self._store.reading_back(f"the minutes of meeting {target} were approved"):
            found = self._store.approval_of(target)
        assert found is not None
        return found

    def withdraw_approval(self, meeting: Meeting) -> None:
        """Withdraw this open meeting's approval of the previous minutes (agreed by mistake): they
        are a draft again, and this meeting's minutes say they were not approved. The approval
        stays stored, with its withdrawal after it; `t` can agree them again."""
        target = self.minutes_to_approve(meeting)
        if target is None:
            raise LookupError(f"meeting {meeting.id} has no minutes of a previous meeting on its agenda")
        self._store.withdraw_approval(meeting.id, target, meeting.chair)

    def approval_of(self, meeting_id: int, *, as_of: Meeting | None = None) -> Approval | None:
        """Where the minutes of `meeting_id` were agreed as a true record: (approving meeting, its
        date), or None while they are a draft (`as_of` a closed meeting: a draft then if agreed at a later one)."""
        found = self._store.approval_of(meeting_id)
        if found is not None and as_of is not None and found.meeting_id > as_of.id:
            return None
        return found
