"""An action's or a milestone's deadline as every view words it: one rule, from the words,
the `due` date and the day asked about.

`show`, `status` (text and JSON), the dashboard, the walk-through, the action detail, the
milestone lines and the minutes all call `deadline_text`, so a recurring deadline shows its
next due date and a standing commitment says it is one wherever a deadline is shown:

- a date: `By April 11 (2011-04-30)`;
- recurring: `quarterly (next due 2026-06-30)`: the next occurrence on or after the day asked
  (the minutes ask for the meeting's day, so they read the same whenever they are made);
- standing: `ongoing (standing commitment)`: never due, never overdue;
- invalid or unresolved: `Across the year (no date)`;
- none written and no `due`: `none set`.

Light (no plan model): the status report calls it from SQL over the plan outline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.plan import deadlines

NONE = "none"  # the kind of a deadline neither written nor given as `due`
STANDING_WORDS = "standing commitment"
NO_DEADLINE = "none set"


@dataclass(frozen=True)
class DeadlineText:
    """What `deadline_text` found: the words, their kind and the date due on the day asked."""

    written: str | None
    kind: str  # deadlines.DATE (also whenever `due` is given), RECURRING, STANDING, INVALID, UNRESOLVED or NONE
    due: date | None  # `due`; for a recurring deadline its next occurrence; else None

    @property
    def note(self) -> str | None:
        """What the words alone do not say: the date, 'next due …', 'standing commitment', 'no date'."""
        if self.kind == deadlines.DATE and self.due is not None:
            return self.due.isoformat()
        if self.kind == deadlines.RECURRING and self.due is not None:
            return f"next due {self.due.isoformat()}"
        if self.kind == deadlines.STANDING:
            return STANDING_WORDS
        return None if self.kind == NONE else "no date"

    @property
    def full(self) -> str:
        """The words with their note: 'quarterly (next due 2026-06-30)'; 'none set' when there are none."""
        note = self.note
        if not self.written:
            return note or NO_DEADLINE
        return f"{self.written} ({note})" if note else self.written

    @property
    def brief(self) -> str | None:
        """The words as written, with the note only where the words give no date of their own
        (recurring, standing). None when no deadline is written or due. (The minutes, like every
        other view, use `full`.)"""
        if self.kind in (deadlines.RECURRING, deadlines.STANDING):
            return self.full
        return self.written or (self.due.isoformat() if self.due else None)

    @property
    def short(self) -> str:
        """For a narrow column: 'Apr 2011', '↻ Jun 2026' (recurring: its next due), 'standing', '—'."""
        if self.kind == deadlines.STANDING:
            return "standing"
        if self.due is None:
            return "—"
        month = self.due.strftime("%b %Y")
        return f"↻ {month}" if self.kind == deadlines.RECURRING else month


def deadline_text(written: str | None, due: date | None, today: date) -> DeadlineText:
    """The deadline as every view words it, as of `today` (the meeting's day for the minutes).
    A `due` given is the date, whatever the words (as `Action.due`)."""
    words = written.strip() if written and written.strip() else None
    if due is not None:
        return DeadlineText(words, deadlines.DATE, due)
    if words is None:
        return DeadlineText(None, NONE, None)
    read = deadlines.read_deadline(words)
    return DeadlineText(words, read.kind, read.next_due(today))


def next_due(written: str | None, due: date | None, today: date) -> date | None:
    """The date due as of `today`: `due`, a recurring deadline's next occurrence, else None."""
    return deadline_text(written, due, today).due
