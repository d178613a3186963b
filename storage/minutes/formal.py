"""The formal parts of UK committee minutes: minute references, declarations of interest, the
minutes of the previous meeting, whether these minutes are approved, and decisions as RESOLVED.

Minute references: each agenda item taken at a meeting (entered at least once in the
walk-through) gets one number, in agenda order; the numbers run through the calendar year of
the meeting across the plan's closed, non-abandoned meetings (earlier date first, then the
order they were started) and start again at 1 in January. A reference is the plan's
`meeting.minute_prefix`, the year's last two digits and the number: 'SSG 27/03'; a plan that
gives none reads 'Minute 27/03' (a bare '27/03' reads as a date: 27 March), one that gives ''
reads '27/03'. The earlier meetings' numbers are counted with one query
(`Store.minutes_taken_before`).

Whether minutes are approved is the one part of a meeting's minutes that changes after it
closes: a later meeting agrees them as a true record, and from then on they say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from storage.minutes.document import Spans, Text, spans, strong
from storage.plan.model import Plan
from storage.store.records import Meeting
from storage.store.store import Store

if TYPE_CHECKING:
    from storage.minutes.records import Item

STANDING = ("apologies", "declarations", "previous_minutes")  # the standing items' agenda kinds
DEFAULT_PREFIX = "Minute"  # a plan with no `meeting.minute_prefix`: 'Minute 27/03', never a bare '27/03'

# A leading "Agreed:" or "Resolved:" the chair typed, however written ("RESOLVED - ...", "Agreed, ...",
# "Resolved that ..."): the minutes say RESOLVED once. "that ..." is kept: "RESOLVED: that the PCC be asked ...".
_SAID = re.compile(r"^\s*(?:agreed|resolved)\b\s*(?:[:\-–—,.]\s*|(?=that\b))", re.IGNORECASE)


def resolved(text: str) -> str:
    """A decision's text without the 'Agreed:' / 'Resolved:' the chair may have typed before it."""
    while (found := _SAID.match(text)) is not None and text[found.end():].strip().lower() not in ("", "that"):
        text = text[found.end():]
    return text


@dataclass(frozen=True)
class Formal:
    """What the minutes' formal parts say (all empty for a meeting before the standing items)."""

    refs: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, ref or '') → 'SSG 27/03'
    approved_on: date | None = None  # the date of the meeting that agreed these minutes
    approvable: bool = False  # closed, and the plan agrees minutes: 'Draft' until approved
    declarations: tuple[tuple[str, str, str], ...] | None = None  # (member, item, nature); None: no such item
    previous: tuple[date, bool] | None = None  # the previous meeting's date, and whether approved here
    items: dict[str, Item] = field(default_factory=dict)  # the note and decisions on each standing item, by kind

    def ref(self, kind: str, ref: str | None = None) -> str:
        return self.refs.get((kind, ref or ""), "")


def minute_ref(prefix: str | None, held_on: date, number: int) -> str:
    """'SSG 27/03': the prefix, the year's last two digits, the number (two digits at least). Raw: each
    format escapes the reference as it writes it."""
    return _ref(_prefix(prefix), held_on.year, number)


def _prefix(prefix: str | None) -> str:
    """The plan's prefix as written; 'Minute' when it gives none, nothing when it gives ''."""
    return DEFAULT_PREFIX if prefix is None else prefix.strip()


def _ref(prefix: str, year: int, number: int) -> str:
    core = f"{year % 100:02d}/{number:02d}"
    return f"{prefix} {core}" if prefix else core


def references(store: Store, meeting: Meeting, prefix: str | None) -> dict[tuple[str, str], str]:
    """Each agenda item taken at the meeting (by kind and ref, a standing item by its kind alone;
    the first time an item is on the agenda counts) with its minute reference."""
    taken = sorted(store.entered_positions(meeting.id))
    if not taken:
        return {}
    start = store.minutes_taken_before(meeting.id)
    raw = _prefix(prefix)
    refs: dict[tuple[str, str], str] = {}
    for number, position in enumerate(taken, start + 1):
        if 0 < position <= len(meeting.agenda):
            item = meeting.agenda[position - 1]
            key = (item.kind, "" if item.kind in STANDING else item.ref or "")
            if key not in refs:
                refs[key] = _ref(raw, meeting.held_on.year, number)
    return refs


def gather_formal(store: Store, meeting: Meeting, plan: Plan, items: dict[str, Item] | None = None) -> Formal:
    """The formal parts of the minutes of `meeting` (`plan`: the plan as it stood at it; `items`:
    what was noted and decided on each standing item, by kind)."""
    kinds = {item.kind: item for item in meeting.agenda}
    made = store.declarations(meeting.id)
    declarations = tuple((d.member, d.item, d.nature) for d in made) if made or "declarations" in kinds else None
    previous = None
    item = kinds.get("previous_minutes")
    if item is not None and item.ref and item.ref.isdigit():
        approval = store.approval_of(int(item.ref))
        before = store.meeting_date(int(item.ref))
        if before is not None:
            previous = (before, approval is not None and approval.meeting_id == meeting.id)
    approval = store.approval_of(meeting.id)
    return Formal(refs=references(store, meeting, plan.meeting.minute_prefix),
                  approved_on=approval.held_on if approval else None,
                  approvable=meeting.closed and (plan.meeting.formalities.previous_minutes or approval is not None),
                  declarations=declarations, previous=previous, items=items or {})


# -- what the minutes say -----------------------------------------------------------------


def day_words(day: date) -> str:
    """'12 January 2027'."""
    from storage.minutes.render import long_date

    return long_date(day).split(" ", 1)[1]


def approval_line(formal: Formal) -> Spans:
    """The line under the title: approved at which meeting, or Draft until then (none when neither applies)."""
    if formal.approved_on is not None:
        return spans(strong("Approved"), f" at the meeting of {day_words(formal.approved_on)}.")
    return spans(strong("Draft"), ": not yet approved as a true record.") if formal.approvable else ()


def declaration_lines(formal: Formal) -> list[Spans]:
    """The declarations of interest as bullets (none when none: the caller says none were declared)."""
    return [spans(Text(member), ": ", Text(item), " — ", Text(nature))
            for member, item, nature in formal.declarations or ()]


def previous_minutes_line(formal: Formal) -> Spans:
    """What the meeting did with the previous meeting's minutes."""
    if formal.previous is None:
        return ()
    held_on, approved = formal.previous
    if approved:
        return spans(strong("RESOLVED:"), f" that the minutes of the meeting held on {day_words(held_on)} be approved "
                     "as a true record.")
    return spans(f"The minutes of the meeting held on {day_words(held_on)} were not approved at this meeting.")
