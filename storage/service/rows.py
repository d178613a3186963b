"""The rows the service hands the dashboard, the walk-through and the close summary.

Imported when first built, not with `storage.service.service` (which re-exports them): a frozen
dataclass costs ~1.4 ms to build at import, and home's first paint needs none of them (benchmark
row 1, docs/performance.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.plan.model import Action, Risk, RiskBand
    from storage.store.records import ActionArising, AgendaItem, ArisingAtMeeting, Decision, Rating


@dataclass(frozen=True)
class ActionRow:
    """One action on the dashboard with its current state."""

    theme_id: str
    theme_title: str
    action: Action
    owner: str  # who owns it, as every view names it (`PlanIndex.owner_label`)
    rag: str
    trend: tuple[str, ...]
    last_updated: datetime | None
    overdue: bool  # the action or an open milestone past its due date, and not complete
    stale: bool
    milestones: tuple[tuple[str, bool], ...] = ()  # (as listed, late) each (`Plan.milestone_lines`)
    overdue_words: str = ""  # when overdue, 'OVERDUE' and why (`Action.overdue_words`); else ''


@dataclass(frozen=True)
class RiskRow:
    """One risk on the dashboard with its current rating: the latest re-rating, else the register's."""

    risk: Risk
    impact: int
    likelihood: int
    rating: int
    band: RiskBand | None
    rated: Rating | None


@dataclass(frozen=True)
class MeetingSummary:
    """What a meeting did, for the chair to check before closing it."""

    statuses_set: dict[str, str]
    changes: dict[str, tuple[str, str]]
    decisions: list[Decision]
    arising: list[ActionArising]
    skipped: list[AgendaItem]
    ratings: int
    values: int
    matters: tuple[ArisingAtMeeting, ...] = ()  # the earlier meetings' actions arising given a status at it
    outside: tuple[str, ...] = ()  # of statuses_set, the actions whose status was recorded outside the walk-through
