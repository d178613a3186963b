"""The pre-meeting pack's records (storage/service/pack.py gathers them; pack_render.py builds the document).

Plain data: the agenda with each item's time, the exception report with the reasons, officers'
proposals, actions with no update since the last meeting, and what the rest of the pack shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.minutes.action_log import LoggedAction
    from storage.minutes.charts import IndicatorSeries, RagMix, StatusSeries
    from storage.minutes.document import Document


@dataclass(frozen=True)
class PackItem:
    """One agenda item with its time: `offset` seconds after the meeting starts, for `seconds`."""

    position: int
    kind: str
    ref: str | None
    title: str
    seconds: int
    offset: int
    reason: str = ""  # by exception: why the action is on the agenda ('Red; overdue (due 31 May 2010)')


@dataclass(frozen=True)
class ExceptionLine:
    """An action for the exception report: its current status and why it is reported."""

    action_id: str
    title: str
    owner: str
    status: str  # code of the plan's scale, or UNRATED_CODE
    status_name: str
    symbol: str
    reasons: tuple[str, ...]
    reason: str  # the reasons as one line (`agenda.reasons_text`)


@dataclass(frozen=True)
class ProposalLine:
    """An officer's proposal, pending or received since the last meeting, with where it stands."""

    uid: str
    kind: str  # 'action' | 'risk'
    item_id: str
    item_title: str
    proposed: str  # 'Amber' / 'impact 4 × likelihood 3 = 12'
    note: str
    author: str
    written_at: str
    fate: str  # pending | accepted | overridden | superseded
    meeting_id: int | None


@dataclass(frozen=True)
class QuietLine:
    """An action not in the exception report with no status recorded and no officer's update
    received since the last meeting: the owners the secretariat chases."""

    action_id: str
    title: str
    owner: str
    status_name: str
    status_recorded: date | None  # when its current status was recorded; None: never rated
    recorded_at_meeting: int | None  # the meeting that recorded it (None: recorded outside a meeting)
    officer_update: str | None  # 'written at' of the officer's newest update on it; None: none received


@dataclass(frozen=True)
class RiskLine:
    """A risk of the register with its current rating (the latest re-rating, else the plan's)."""

    risk_id: str
    description: str
    owner: str
    impact: int
    likelihood: int
    rating: int
    band: str | None
    rated_on: date | None  # None: as registered (never re-rated)


@dataclass(frozen=True)
class Pack:
    """Everything the pack says, before any format."""

    plan_id: str
    plan_title: str
    partnership: str | None
    meeting_on: date
    circulate_by: date
    date_from: str  # where the date came from, in words
    last_meeting: tuple[int, date] | None
    mode: str
    rule: str  # the by-exception rule in a sentence ('' when the agenda takes every action)
    start: time | None
    agenda: tuple[PackItem, ...]
    exceptions: tuple[ExceptionLine, ...]
    proposals: tuple[ProposalLine, ...]
    quiet: tuple[QuietLine, ...]
    arising: tuple[LoggedAction, ...]
    risks: tuple[RiskLine, ...]
    indicators: tuple[IndicatorSeries, ...]
    mix: RagMix | None
    history: tuple[StatusSeries, ...]  # the reported actions' status at the end of the last meetings
    draft_minutes: tuple[int, date, Document] | None  # (meeting, day, minutes) not yet approved: circulated as Draft
    as_of: date
    time_zone: str
    #: Whether actions not yet rated are a reason by themselves (`--unrated`, the setup's switch): in
    #: the exception report as on the agenda; without it they are chased with the quiet actions.
    unrated: bool = False
    #: The statuses that raise an action by themselves, as a sentence names them (`Plan.attention_words`).
    attention: str = "Red or Amber"

    @property
    def total_seconds(self) -> int:
        return sum(i.seconds for i in self.agenda)


def clock(pack: Pack, seconds: int) -> str:
    """A moment of the meeting: '10:05' from its start time when known, else '0:05' after it opens."""
    minutes = seconds // 60
    if pack.start is None:
        return f"{minutes // 60}:{minutes % 60:02d}"
    total = pack.start.hour * 60 + pack.start.minute + minutes
    return f"{total // 60 % 24:02d}:{total % 60:02d}"
