"""The plain records the minutes are rendered from (`storage.minutes.gather` gathers them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from storage.minutes.formal import Formal
from storage.plan.status import ARISING_OPEN

OPEN_STATUSES = ARISING_OPEN  # an action arising still open


@dataclass(frozen=True)
class Item:
    """The discussion note and decisions recorded against one agenda item."""

    note: str = ""
    decisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionMinute:
    id: str
    title: str
    owner: str
    deadline: str | None  # as every view words it (`deadline_text(...).full`, as of the meeting's day)
    overdue: bool
    status: str  # the status word agreed (or standing, when none was agreed)
    rated: bool  # a status was agreed at this meeting
    previous: str | None  # the status word when the meeting opened; None if never rated
    change: str  # improved | worsened | unchanged | changed | not rated before
    proposed: tuple[str, str] | None  # the officer's proposal: (status word, author)
    update_note: str
    proposal_note: str
    item: Item | None
    in_plan: bool = True
    milestones: tuple[str, ...] = ()  # each as listed (`PlanIndex.milestone_line`), late ones marked OVERDUE
    superseded: tuple[tuple[str, str], ...] = ()  # older proposals settled with it: (status word, author)
    overdue_words: str = ""  # when overdue, 'OVERDUE' and why (`Action.overdue_words`, on the meeting's day)
    #: 'during' when the status the meeting left it at was recorded outside any meeting while it was open
    #: (`steerco record` typed during it: not agreed, so `rated` is False), as `IndicatorMinute.reported`; else ''.
    reported: str = ""
    by: tuple[datetime, str, str] | None = None  # for 'during': (when, by whom, source)


@dataclass(frozen=True)
class OverdueMinute:
    """An action late on the meeting's day that the meeting did not take (enter), rate nor discuss."""

    id: str
    title: str
    owner: str  # `PlanIndex.owner_label`
    deadline: str | None  # as `ActionMinute.deadline`
    status: str  # the status word it stood at when the meeting opened
    milestones: tuple[str, ...]  # its late milestones, each as listed (`PlanIndex.milestone_line`)
    overdue_words: str = ""  # as `ActionMinute.overdue_words`


def outcome_words(outcome: str) -> str:
    """What a meeting agreed of an action arising, as the minutes word it: 'Done', 'Carried forward',
    'Dropped', 'Open', 'No update' (the minutes add ': ' and the note; so does the close summary)."""
    return outcome.capitalize()


@dataclass(frozen=True)
class ArisingMinute:
    ref: str
    text: str
    owner: str
    due: date | None
    overdue: bool
    outcome: str = "open"  # the status agreed at this meeting, or 'no update'
    outcome_note: str = ""


@dataclass(frozen=True)
class RiskMinute:
    id: str
    description: str
    impact: int
    likelihood: int
    rating: int
    band: str
    change: str
    note: str  # the note of the rating agreed at the meeting, else of the re-rating since the last one (`rerated`)
    item: Item | None
    owner: str = "—"  # `PlanIndex.risk_owner_label`; '—' for a risk no longer in the register
    proposed: tuple[str, str] | None = None  # the officer's re-rating answered: (rating words, author)
    proposal_note: str = ""  # that re-rating's note: minuted as the officer's update when the chair's differs
    agreed: str = ""  # the rating agreed, in the same words ('I4 × L3 (12 High)')
    superseded: tuple[tuple[str, str], ...] = ()  # older re-ratings settled with it: (rating words, author)
    rerated: tuple[datetime, str, str] | None = None  # re-rated outside a meeting (`reported`): (when, by, source)
    #: How the rating came when not at the meeting, as `IndicatorMinute.reported`: 'during' (outside any meeting while
    #: it was open: `change` as for a rating at it), 'between' or 'before' (`change` says so); '' otherwise.
    reported: str = ""


@dataclass(frozen=True)
class IndicatorMinute:
    id: str
    title: str
    period: str
    value: str  # the number, as `storage.plan.targets.number` writes it; 'not yet reported' when none
    target: str
    against: str
    note: str
    item: Item | None
    #: How the value came, when not through this meeting's walk-through (`storage.minutes.registers`):
    #: 'during' (outside any meeting while this one was open), 'between' (since the previous meeting closed),
    #: 'before' (at a first meeting: before it opened), 'earlier' (known when the previous meeting closed); '' at it.
    reported: str = ""
    by: tuple[datetime, str, str] | None = None  # for 'during', 'between' and 'before': (when, by whom, source)


@dataclass(frozen=True)
class Minutes:
    meeting_id: int
    closed: bool
    group: str
    partnership: str | None  # None (and not shown) when the plan names none
    plan_title: str
    plan_version: str | None
    title: str | None
    held_on: date
    opened: datetime
    closed_at: datetime | None
    chair: str
    present: list[tuple[str, str | None]]
    in_attendance: list[tuple[str, str | None]]
    apologies: list[tuple[str, str | None]]
    matters_arising: list[ArisingMinute]
    matters_item: Item | None  # what was said on matters arising not about one action arising
    status_order: list[str]
    themes: list[tuple[str, list[ActionMinute]]]
    not_discussed: list[str]
    overdue_not_discussed: list[OverdueMinute]
    risks: list[RiskMinute]
    indicators: list[IndicatorMinute]
    arising: list[ArisingMinute]
    aob_item: Item | None
    next_meeting: date | None
    formal: Formal = field(default_factory=Formal)  # minute references, declarations, approval (minutes/formal.py)
    time_zone: str = "UTC"  # the plan's meeting.time_zone: the minutes' times are shown in it, named
    quorum: str = ""  # 'The meeting was quorate.' or why not (storage/plan/quorum.py); '' when the plan sets none
    status_symbols: dict[str, str] = field(default_factory=dict)  # each status word's symbol (the plan's scale)
    # members of the plan's meeting body neither present, in attendance nor sending apologies; None: no body named
    absent: list[tuple[str, str | None]] | None = None
    matters_items: tuple[tuple[str, Item], ...] = ()  # (ref, what was said on it) per action arising, agenda order
    first: bool = False  # the plan's first meeting (no closed, kept one before it): every status it agrees is new
    #: Actions of `not_discussed` the meeting took (entered, nothing recorded) that were late on its day:
    #: marked overdue there, since "Overdue, not discussed" keeps only those it did not take.
    overdue_taken: frozenset[str] = frozenset()
