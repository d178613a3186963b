"""What an attendee's live view shows of the chair's open meeting, read from a store it cannot write.

`FollowService` is not a `Service`: it has no method that records anything, and its store is
opened through a read-only connection (storage/store/follower.py), so a follower can never
write, by construction. `changed()` is the cheap poll (the store's data version: no table is read);
`view(plan_id)` reads the open meeting, its current item and that item's status only; once the
meeting it followed has closed (or been abandoned), the next read says so, with the agenda as taken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from storage.plan.status import NOT_RATED, NOT_RATED_MARK, UNRATED_CODE
from storage.service.marks import APPROVED, ARISING_SYMBOLS, DRAFT
from storage.service.store_client import StoreClient
from storage.store.follower import data_version, entered_positions, open_follower, running
from storage.store.store import Store, utc_now

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.store.records import AgendaItem, Meeting

KIND_WORDS = {"apologies": "Apologies", "declarations": "Declarations of interest",
              "previous_minutes": "Minutes of the previous meeting", "matters_arising": "Matter arising",
              "action": "Action", "risk": "Risk", "indicator": "Indicator", "aob": "Any other business"}


@dataclass(frozen=True)
class FollowItem:
    position: int
    kind: str
    ref: str
    title: str
    taken: bool  # entered at this meeting (the current one included)
    current: bool


@dataclass(frozen=True)
class FollowView:
    """The open meeting as a follower sees it; `meeting_id` None: no meeting is open."""

    plan_id: str
    plan_title: str
    meeting_id: int | None = None
    held_on: date | None = None
    chair: str = ""
    position: int = 0  # 0: the meeting has not reached its first item
    kind: str = ""  # the current item's kind word ('Action', 'Risk', ...)
    ref: str = ""
    title: str = ""
    status_word: str = ""  # the agreed status ('Amber', 'done', 'I4 × L3 (12 High)'); '' where none applies
    status_symbol: str = ""
    status_code: str = ""
    agreed_here: bool = False  # the status was recorded at this meeting
    proposal: str = ""  # the newest pending officer's proposal on the item, as a line ('' none)
    item_seconds: float = 0.0
    item_allotted: int = 0
    meeting_seconds: float = 0.0
    meeting_allotted: int = 0
    running: bool = False  # the chair's walk-through is on the meeting: the timers count
    read_at: datetime | None = None
    agenda: tuple[FollowItem, ...] = ()
    ended: str = ""  # 'closed' | 'abandoned': the meeting this view followed has ended ('' open, or none)
    ended_at: datetime | None = None


def check_store(db_path: Path, *, as_follower: bool) -> None:
    """StoreError (one line) unless the store at `db_path` can be served: opened read-only and
    closed again, not a byte changed (`steerco serve` checks before it listens). A follower needs
    an existing store of this schema; the chair's app may migrate an older one or make a missing one."""
    if as_follower:
        open_follower(db_path).close()
    elif db_path.exists():
        Store.open(db_path, write=False, as_is=True).close()


class FollowService(StoreClient):
    """Reads for `steerco follow`: one read-only connection per follower."""

    def __init__(self, store: Store, plans_dir: Path, plans: dict[str, Plan] | None = None) -> None:
        super().__init__(store)
        self.plans_dir = plans_dir
        self._plans: dict[str, Plan] = {} if plans is None else plans  # shared by followers in one process
        self._version: int | None = None
        self._following: dict[str, int] = {}  # plan id -> the meeting last seen open

    @classmethod
    def open(cls, db_path: Path, plans_dir: Path, *, clock: Callable[[], datetime] | None = None,
             plans: dict[str, Plan] | None = None) -> FollowService:
        """The follower on the existing store at `db_path`; StoreError (one line) if it cannot be read.
        `plans`: loaded plans by id, shared (the benchmark's 50 followers in one process load it once)."""
        return cls(open_follower(db_path, clock or utc_now), plans_dir, plans)

    def plan(self, plan_id: str) -> Plan:
        if plan_id not in self._plans:
            from storage.plan.load import load_plans

            for item in load_plans(self.plans_dir):
                if item.plan is not None and not item.errors:
                    self._plans[item.plan.id] = item.plan
        return self._plans[plan_id]

    def now(self) -> datetime:
        return self._store.clock()

    def changed(self) -> bool:
        """Whether another connection has committed since the last call (True the first time)."""
        version = data_version(self._store)
        seen, self._version = self._version, version
        return seen != version

    def view(self, plan_id: str) -> FollowView:
        plan = self.plan(plan_id)
        store = self._store
        meeting = store.open_meeting(plan_id)
        if meeting is None:
            return self._ended(plan_id, plan.title)
        self._following[plan_id] = meeting.id
        position = store.current_position(meeting.id)
        now = store.clock()
        spent = store.item_seconds(meeting.id, now)
        taken = entered_positions(store, meeting.id)
        agenda = tuple(FollowItem(n, i.kind, i.ref or "", i.title, n in taken, n == position)
                       for n, i in enumerate(meeting.agenda, 1))
        base = FollowView(plan_id, plan.title, meeting.id, meeting.held_on, meeting.chair, position,
                          meeting_seconds=sum(spent.values()),
                          meeting_allotted=sum(i.allotted_seconds for i in meeting.agenda),
                          running=running(store, meeting.id), read_at=now, agenda=agenda)
        if not 1 <= position <= len(meeting.agenda):
            return base
        item = meeting.item(position)
        word, symbol, code, here = self._status(plan, meeting, item)
        return FollowView(**{**base.__dict__, "kind": KIND_WORDS.get(item.kind, item.kind), "ref": item.ref or "",
                             "title": item.title, "status_word": word, "status_symbol": symbol,
                             "status_code": code, "agreed_here": here, "proposal": self._proposal(plan, item),
                             "item_seconds": spent.get(position, 0.0), "item_allotted": item.allotted_seconds})

    def _ended(self, plan_id: str, plan_title: str) -> FollowView:
        """No meeting is open: the one followed until now, closed or abandoned, with its agenda as
        taken (nothing current); a plain waiting view when none was followed."""
        store, followed = self._store, self._following.get(plan_id)
        if followed is None:
            return FollowView(plan_id, plan_title)
        meeting = store.meeting(followed)
        if meeting.closed_at is None and not meeting.abandoned:
            return FollowView(plan_id, plan_title)
        taken = entered_positions(store, meeting.id)
        spent = store.item_seconds(meeting.id, meeting.closed_at or meeting.abandoned_at)
        return FollowView(plan_id, plan_title, meeting.id, meeting.held_on, meeting.chair,
                          meeting_seconds=sum(spent.values()),
                          meeting_allotted=sum(i.allotted_seconds for i in meeting.agenda),
                          read_at=store.clock(), ended="abandoned" if meeting.abandoned else "closed",
                          ended_at=meeting.abandoned_at or meeting.closed_at,
                          agenda=tuple(FollowItem(n, i.kind, i.ref or "", i.title, n in taken, False)
                                       for n, i in enumerate(meeting.agenda, 1)))

    def _status(self, plan: Plan, meeting: Meeting, item: AgendaItem) -> tuple[str, str, str, bool]:
        store, ref = self._store, item.ref or ""
        if item.kind == "action":
            latest = store.statuses_and_trends(plan.id, 1, [ref])[0].get(ref)  # one row of action_state
            if latest is None:
                return NOT_RATED, NOT_RATED_MARK, UNRATED_CODE, False
            status = plan.rag(latest.rag)
            return (status.name if status else latest.rag, status.symbol if status else "", latest.rag,
                    latest.meeting_id == meeting.id)
        if item.kind == "risk":
            from storage.plan.rating_text import rating_text

            rated = store.current_risk_ratings(plan.id).get(ref)
            risk = next((r for r in plan.risks if r.id == ref), None)
            if rated is None and risk is None:
                return "", "", "", False
            impact, likelihood = (rated.impact, rated.likelihood) if rated else (risk.impact, risk.likelihood)  # type: ignore[union-attr]
            return (rating_text(plan, impact, likelihood), "", "",
                    rated is not None and rated.meeting_id == meeting.id)
        if item.kind == "matters_arising":
            found = next((a for a in store.actions_arising(plan.id) if a.ref == ref), None)
            if found is None:
                return "", "", "", False
            return found.status, ARISING_SYMBOLS.get(found.status, ""), "", found.status_meeting_id == meeting.id
        if item.kind == "previous_minutes" and ref.isdigit():
            approval = store.approval_of(int(ref))
            symbol, word = APPROVED if approval is not None else DRAFT
            return word, symbol, "", approval is not None and approval.meeting_id == meeting.id
        return "", "", "", False

    def _proposal(self, plan: Plan, item: AgendaItem) -> str:
        if item.kind not in ("action", "risk"):
            return ""
        pending = self._store.pending_proposals(plan.id, item.kind, item.ref or "")
        if not pending:
            return ""
        p = pending[0]
        if item.kind == "action":
            status = plan.rag(p.rag or "")
            proposed = f"{status.symbol} {status.name}" if status else (p.rag or NOT_RATED)
        else:
            from storage.plan.rating_text import rating_text

            proposed = rating_text(plan, p.impact or 0, p.likelihood or 0)
        return f"{p.author} proposes {proposed}: {p.note}" if p.note else f"{p.author} proposes {proposed}"
