"""Actions arising as the chair records them: who can own one, when it is due, carrying it forward,
and where one was raised.

A mixin of `Service` (it uses the service's store and plans). The owner list is the plan's
roster, people first, then organisations and groups, each labelled with what it is; a due date
is read as the plan reads deadlines (`storage.plan.deadlines.read_deadline`), one day only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.service.meeting_dates import NextMeeting
    from storage.store.records import ActionArising, Meeting
    from storage.store.store import Store


@dataclass(frozen=True)
class DueReading:
    """What a typed due date says: the day and its words ('Tuesday 12 January 2027'), or why it is no date.

    Blank text is no due date (`day` None, no `problem`)."""

    day: date | None
    words: str = ""
    problem: str = ""


#: How long an item's title may be where an action arising says where it was raised, and how each
#: kind of item with a ref is named there (an action by its id alone, as the walk-through titles it).
RAISED_TITLE = 48
RAISED_KINDS = {"action": "", "risk": "risk ", "indicator": "indicator "}

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(text: str) -> tuple[int | None, str]:
    """A leading weekday name ('Monday', 'Mon,') as 0-6, and the rest of the text."""
    first, _, rest = text.strip().partition(" ")
    name = first.rstrip(",").lower()
    for number, day in enumerate(_DAYS):
        if len(name) >= 3 and day.startswith(name):
            return number, rest
    return None, text


def read_due(text: str) -> DueReading:
    """A due date as typed: any one-day form a plan's deadline may take ('2027-01-12', '12/01/2027',
    '12 January 2027', 'January 2027' = its last day), perhaps after its weekday, as dates are
    shown ('Friday 15 January 2027'); a weekday that is not the date's is a problem ('15 January
    2027 is a Friday'); recurring or vague words are refused. The one reader of a typed day: the
    next meeting's date (`read_next_meeting`) reads through it too."""
    from storage.minutes.render import long_date
    from storage.plan.deadlines import DATE, read_deadline  # not before home's first paint (row 1)

    if not text.strip():
        return DueReading(None)
    weekday, rest = _weekday(text)
    found = read_deadline(rest if rest.strip() or weekday is None else text)
    if found.kind == DATE and found.due is not None:
        words = long_date(found.due)
        if weekday is not None and found.due.weekday() != weekday:
            return DueReading(None, problem=f"{text.strip()!r}: {words[words.index(' ') + 1:]} is a "
                                            f"{words.split()[0]}")
        return DueReading(found.due, words)
    why = found.problem or "not a date"
    return DueReading(None, problem=f"{text.strip()!r}: {why}; write a day, e.g. 2027-01-12 or 12 January 2027")


class ArisingMixin:
    _store: Store
    plan: Callable[[str], Plan]
    arising: Callable[[str, str], ActionArising | None]
    next_meeting_default: Callable[[Meeting], NextMeeting]

    def arising_owners(self, plan_id: str) -> list[tuple[str, str]]:
        """(roster id, label) for everyone and everything that can own an action arising, in the
        plan's order: people ('Adrian Hall, Staffordshire Police'), then organisations
        ('Staffordshire Police (organisation)'), then groups ('Steering group (group)')."""
        plan = self.plan(plan_id)
        orgs = {o.id: o.name for o in plan.organisations}
        people = [(p.id, f"{p.name}, {orgs[p.organisation]}" if p.organisation in orgs else p.name)
                  for p in plan.people]
        return [*people, *((o.id, f"{o.name} (organisation)") for o in plan.organisations),
                *((g.id, f"{g.name} (group)") for g in plan.groups)]

    def read_due(self, text: str) -> DueReading:
        return read_due(text)

    def arising_due_default(self, meeting: Meeting) -> date:
        """The due date a new action arising is offered: the next meeting's date, as set, else as
        the close will offer it (a plan cycle on, off weekends and bank holidays)."""
        return meeting.next_meeting or self.next_meeting_default(meeting).day

    def carry_forward_due(self, meeting: Meeting, ref: str) -> date:
        """The due date a carried-forward action arising is offered: the next meeting's date
        (`arising_due_default`), or a plan cycle after its old due date when that is later."""
        next_meeting = self.arising_due_default(meeting)
        found = self.arising(meeting.plan_id, ref)
        if found is not None and found.due is not None and found.due >= next_meeting:
            return found.due + timedelta(days=self.plan(meeting.plan_id).meeting_cycle_days)
        return next_meeting

    def carry_forward(self, meeting: Meeting, ref: str, due: date) -> ActionArising:
        """Carry the action arising forward to `due`, in one transaction: its status 'carried
        forward' and its new due date, both appended (the old ones stay in its history)."""
        found = self.arising(meeting.plan_id, ref)
        if found is None:
            raise LookupError(f"no action arising {ref}")
        self._store.carry_arising_forward(found.id, due, meeting_id=meeting.id, author=meeting.chair)
        return self.arising(meeting.plan_id, ref)  # type: ignore[return-value]

    def arising_raised_on(self, arising: ActionArising) -> str:
        """Where and when the action arising was agreed, for its matter-arising panel: 'Raised on 7.3
        Target night time economy at the meeting of 3 Nov 2026 (M1)' (the agenda item it was added
        on, as the walk-through titles it; a long title cut at a word, with …; 'under Any other business' for
        an item with no ref of its own)."""
        from storage.minutes.render import short_date

        meeting = self._store.meeting(arising.meeting_id)
        when = f"at the meeting of {short_date(meeting.held_on)} (M{meeting.id})"
        if not 0 < arising.position <= len(meeting.agenda):
            return f"Raised {when}"
        item = meeting.agenda[arising.position - 1]
        title = " ".join(item.title.split())
        if len(title) > RAISED_TITLE:  # cut at a word
            title = (title[:RAISED_TITLE].rsplit(" ", 1)[0] or title[:RAISED_TITLE]) + " …"
        if item.kind == "matters_arising" and item.ref:
            return f"Raised on matter arising {title} {when}"  # its title starts with its ref: 'M1/1 …'
        if not item.ref or item.kind not in RAISED_KINDS:
            return f"Raised under {title} {when}"
        return f"Raised on {RAISED_KINDS[item.kind]}{item.ref} {title} {when}"
