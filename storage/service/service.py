"""The one object the app's screens and the chair's commands are given: plans and the store
behind plain methods.

No Textual here. Clients call these methods and never touch the store or SQL; every write
method is one committed store transaction, done by the time the method returns. What the
record says (minutes, action log, status report) is in storage/service/reports.py, records
made outside a meeting and imports in storage/service/updates.py, both mixed in here.

The plan model (pydantic) is imported when a plan is first needed, not with this module:
the home screen paints from outlines without it (storage/service/home_lines.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from storage.plan.index import plan_index
from storage.plan.status import UNRATED_CODE, is_late, is_stale
from storage.service.agenda import build_agenda, exception_actions, exception_rule, reasons_text
from storage.service.arising import ArisingMixin
from storage.service.charts import ChartsMixin
from storage.service.corrections import CorrectionsMixin
from storage.service.formalities import FormalitiesMixin
from storage.service.formats import FormatsMixin
from storage.service.home_lines import PlanSummary, count, list_plans
from storage.service.meeting_dates import MeetingDatesMixin
from storage.service.pack import PackMixin
from storage.service.reports import ReportsMixin
from storage.service.status_files import StatusFilesMixin
from storage.service.store_client import StoreClient
from storage.service.updates import UpdatesMixin
from storage.store.proposals import ProposalFate
from storage.store.records import (
    ActionArising,
    AgendaItem,
    Attendee,
    Decision,
    IndicatorValue,
    Meeting,
    Proposal,
    Rating,
    Update,
    trend_codes,
)
from storage.store.store import Store, utc_now

if TYPE_CHECKING:
    from storage.plan.load import LoadedPlan
    from storage.plan.model import Action, Plan, Theme
    from storage.service.rows import ActionRow as ActionRow
    from storage.service.rows import MeetingSummary as MeetingSummary
    from storage.service.rows import RiskRow as RiskRow
    from storage.store.history_context import UpdateContext

SOURCE = "meeting"

_ROWS = ("ActionRow", "MeetingSummary", "RiskRow")


def __getattr__(name: str) -> object:
    """The rows of storage/service/rows.py from here too, imported when first asked for (row 1)."""
    if name not in _ROWS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from storage.service import rows

    return getattr(rows, name)


class Service(StoreClient, ReportsMixin, UpdatesMixin, StatusFilesMixin, ArisingMixin, FormalitiesMixin,
              MeetingDatesMixin, CorrectionsMixin, FormatsMixin, ChartsMixin, PackMixin):
    """Plans from a folder and one store, for one user of the app (or one chair's command)."""

    def __init__(self, store: Store, plans_dir: Path, *, today: date | None = None) -> None:
        super().__init__(store)
        self.plans_dir = plans_dir
        self._today = today
        self._plans: dict[str, Plan] = {}

    @classmethod
    def open(cls, db_path: Path, plans_dir: Path, *, clock: Callable[[], datetime] | None = None,
             today: date | None = None, write: bool = True) -> Service:
        """The service on the store at `db_path` (`write=False`: an existing one, read only)."""
        return cls(Store.open(db_path, clock=clock or utc_now, write=write), plans_dir, today=today)

    def today(self) -> date:
        return self._today or self._store.clock().astimezone().date()

    def now(self) -> datetime:
        return self._store.clock()

    # -- plans ------------------------------------------------------------------------

    def plans(self) -> list[PlanSummary]:
        """Every plan file in the folder with its counts (broken ones too, with their problem count)."""
        return [count(self._store, line, self.today()) for line in self.listing()]

    def listing(self) -> list[PlanSummary]:
        """Every plan file's line, before any count: from cached outlines (no store access, no
        model), loading a plan the full way only when its outline is not cached yet."""
        return list_plans(self.plans_dir, self._plans)

    def listing_if_cached(self) -> list[PlanSummary] | None:
        """`listing` when every plan file's outline is cached (a few ms: the app lists them before
        Textual starts, so home's first paint has its rows, benchmark row 1); None when one must
        be loaded the full way, which home then does in a worker with a spinner."""
        return list_plans(self.plans_dir, cached_only=True)

    def summaries_apart(self, lines: list[PlanSummary]) -> list[PlanSummary]:
        """The lines counted from a worker thread: on its own connection to the store, closed on return.

        sqlite3 connections belong to the thread that opened them, so a worker may not use
        `self._store`; a second connection in the same process is safe (storage/store/opening.py).
        """
        with Store.open(self._store.path, clock=self._store.clock) as store:
            today = self._today or store.clock().astimezone().date()
            return [count(store, line, today) for line in lines]

    def load_plans(self) -> list[LoadedPlan]:
        """Read and check the plan files (no store access: safe in a worker thread)."""
        from storage.plan.load import load_plans

        loaded = load_plans(self.plans_dir)
        self._plans.update({item.plan.id: item.plan for item in loaded if item.plan is not None and not item.errors})
        return loaded

    def forget_plans(self) -> None:
        """Drop the loaded plans: the next use loads each from its file again (after an edit)."""
        self._plans = {}

    def warm(self, lines: list[PlanSummary]) -> None:
        """Load the listed plans not loaded yet, so the first screen that needs one opens at once
        (no store access: for a worker thread after the home screen has painted)."""
        from storage.plan.load import load_plan_cached

        for line in lines:
            if line.outline is not None and line.outline.id not in self._plans:
                loaded = load_plan_cached(line.path)
                if loaded.plan is not None and not loaded.errors:
                    self._plans[loaded.plan.id] = loaded.plan

    def plan(self, plan_id: str) -> Plan:
        if plan_id not in self._plans:
            self.load_plans()
        return self._plans[plan_id]

    def find_action(self, plan_id: str, action_id: str) -> tuple[Theme, Action] | None:
        """(theme, action) by id, from the plan's index (built once per plan object, not a scan per call)."""
        index = plan_index(self.plan(plan_id))
        action = index.actions.get(action_id)
        return None if action is None else (index.themes[action_id], action)

    # -- dashboard --------------------------------------------------------------------

    def dashboard(self, plan_id: str) -> list[ActionRow]:
        """Every action with its state, from one query of statuses and trends."""
        return self._rows(self._store, plan_id)

    def dashboard_apart(self, plan_id: str) -> list[ActionRow]:
        """`dashboard` from a worker thread, on its own connection to the store (as `summaries_apart`);
        the plan is loaded first, on the thread that asks for the screen."""
        with Store.open(self._store.path, clock=self._store.clock) as store:
            return self._rows(store, plan_id)

    def _rows(self, store: Store, plan_id: str) -> list[ActionRow]:
        plan = self.plan(plan_id)
        current, trends = store.statuses_and_trends(plan_id)
        return [self._row(plan, theme.id, theme.title, action, current.get(action.id), trends.get(action.id, []))
                for theme, action in plan.actions()]

    def dashboard_codes_apart(self, plan_id: str) -> dict[str, str]:
        """Every action of the plan with its current status code (UNRATED_CODE: none yet), from a
        worker thread on its own connection (as `summaries_apart`): what the dashboard's filters
        need of every action. The rest of a row is read for the lines on screen only
        (`action_rows`): building all 10,000 rows took ~0.5 s of CPU (benchmark row 9)."""
        in_order = plan_index(self.plan(plan_id)).actions
        with Store.open(self._store.path, clock=self._store.clock) as store:
            codes = store.current_codes(plan_id)
        found = dict.fromkeys(in_order, UNRATED_CODE)
        found.update((a, code) for a, code in codes.items() if a in in_order)
        return found

    def action_rows(self, plan_id: str, action_ids: Iterable[str]) -> dict[str, ActionRow]:
        """The dashboard rows of these actions (ids not in the plan are left out), in one query."""
        plan = self.plan(plan_id)
        index = plan_index(plan)
        wanted = [a for a in action_ids if a in index.actions]
        current, trends = self._store.statuses_and_trends(plan_id, action_ids=wanted)
        return {a: self._row(plan, index.themes[a].id, index.themes[a].title, index.actions[a], current.get(a),
                             trends.get(a, [])) for a in wanted}

    def owner_labels(self, plan_id: str) -> dict[str, str]:
        """Each action's owner as the dashboard names it (`ActionRow.owner`), by action id."""
        index = plan_index(self.plan(plan_id))
        return {action.id: index.owner_label(action) for _, action in self.plan(plan_id).actions()}

    def action_row(self, plan_id: str, action_id: str, history: list[Update] | None = None, *,
                   as_of: Meeting | None = None) -> ActionRow:
        """One dashboard row, refreshed after a change (no full reload); `history` if already read.
        `as_of` a closed meeting: as it knew the action (`history`'s as_of), overdue on its day."""
        plan = self.plan(plan_id)
        if history is None:
            history = self.history(plan_id, action_id, as_of=as_of)
        found = self.find_action(plan_id, action_id)
        if found is None:
            raise LookupError(f"no action {action_id} in plan {plan_id}")
        theme, action = found
        trend = trend_codes([(u.rag, u.meeting_id) for u in reversed(history)])
        return self._row(plan, theme.id, theme.title, action, history[0] if history else None, trend,
                         as_of.held_on if as_of is not None else None)

    def _row(self, plan: Plan, theme_id: str, theme_title: str, action: Action, current: Update | None,
             trend: list[str], on: date | None = None) -> ActionRow:
        today = on or self.today()
        last = current.recorded_at if current else None
        rag = current.rag if current else UNRATED_CODE
        late = is_late(action.late_due, rag, today, plan.complete_code)
        from storage.service.rows import ActionRow

        return ActionRow(theme_id, theme_title, action, plan_index(plan).owner_label(action), rag,
                         tuple(trend), last, late, is_stale(last, today, plan.meeting_cycle_days),
                         tuple(plan.milestone_lines(action, rag, today)) if action.milestones else (),
                         action.overdue_words(today) if late else "")

    def history(self, plan_id: str, action_id: str, *, as_of: Meeting | None = None,
                abandoned: bool = False) -> list[Update]:
        """The updates of one action that stand, newest first: none recorded at an abandoned
        meeting (storage/store/kept.py; `abandoned=True`: those too, for a view of the whole
        history, which marks them); `as_of` a closed meeting: those it knew (recorded at it or
        before it opened, the minutes' bound: storage/store/known_at.py)."""
        if as_of is not None:
            from storage.store.known_at import history_known

            return history_known(self._store, as_of, action_id)
        return self._store.history(plan_id, action_id, standing=not abandoned)

    def action_codes(self, plan_id: str, action_ids: Iterable[str], *, as_of: Meeting | None = None
                     ) -> dict[str, str]:
        """The current status code of each of these actions that has one (`as_of`: as the meeting knew it)."""
        if as_of is not None:
            from storage.store.known_at import codes_known

            return codes_known(self._store, as_of, action_ids)
        return {a: row.rag for a, row in self.action_rows(plan_id, action_ids).items()}

    def history_context(self, action_id: str, entries: list[Update]) -> dict[int, UpdateContext]:
        """Beside each status of `history`, by update id: the meeting's date, its discussion note
        on the action's item and the officer's note the status answered (storage/store/history_context.py)."""
        from storage.store.history_context import update_context

        return update_context(self._store, action_id, entries)

    def risk_history(self, plan_id: str, risk_id: str) -> list[Rating]:
        """Every rating of one risk, newest first (also for a risk since removed)."""
        return self._store.risk_history(plan_id, risk_id)

    def risks(self, plan_id: str, *, as_of: Meeting | None = None) -> list[RiskRow]:
        """Every risk with its current rating (`as_of` a closed meeting: the rating it knew)."""
        from storage.service.rows import RiskRow

        plan = self.plan(plan_id)
        if as_of is not None:
            from storage.store.known_at import ratings_known

            current = ratings_known(self._store, as_of)
        else:
            current = self._store.current_risk_ratings(plan_id)
        out = []
        for risk in plan.risks:
            rated = current.get(risk.id)
            impact, likelihood = (rated.impact, rated.likelihood) if rated else (risk.impact, risk.likelihood)
            out.append(RiskRow(risk, impact, likelihood, impact * likelihood, plan.band(impact * likelihood), rated))
        return out

    def indicator_values(self, plan_id: str, indicator_id: str | None = None, *,
                         as_of: Meeting | None = None) -> list[IndicatorValue]:
        """The values of the plan's indicators (or of one), oldest first; `as_of` a closed meeting:
        those it knew, as its minutes read them. The latest of them: `periods.latest_value`."""
        if as_of is not None:
            from storage.store.known_at import values_known

            return values_known(self._store, as_of, indicator_id)
        return self._store.indicator_values(plan_id, indicator_id)

    def meetings(self, plan_id: str) -> list[Meeting]:
        return self._store.meetings(plan_id)

    def proposals(self, plan_id: str, action_id: str, *, as_of: Meeting | None = None) -> list[Proposal]:
        """The action's pending proposals, newest first (the one the accept key takes first);
        `as_of` a closed meeting: those still waiting when it closed."""
        if as_of is not None:
            from storage.store.known_at import pending_at_close

            return pending_at_close(self._store, as_of, "action", action_id)
        return self._store.pending_proposals(plan_id, "action", action_id)

    def risk_proposals(self, plan_id: str, risk_id: str, *, as_of: Meeting | None = None) -> list[Proposal]:
        """The risk's pending proposals (officers' re-ratings), newest first (`as_of`: as `proposals`)."""
        if as_of is not None:
            from storage.store.known_at import pending_at_close

            return pending_at_close(self._store, as_of, "risk", risk_id)
        return self._store.pending_proposals(plan_id, "risk", risk_id)

    def proposal_fates(self, plan_id: str, *, pending_only: bool = False) -> list[ProposalFate]:
        """Every proposal for the plan, oldest first, with its fate: pending, accepted,
        overridden (the chair agreed something else) or superseded (settled with a newer one)."""
        return self._store.proposal_fates(plan_id, pending_only=pending_only)

    # -- starting a meeting -----------------------------------------------------------

    def build_agenda(self, plan_id: str, mode: str, *, unrated: bool = False) -> list[AgendaItem]:
        """The agenda a meeting would start with; `unrated`: by exception takes actions not yet rated."""
        plan = self.plan(plan_id)
        last = self._store.last_meeting(plan_id)
        proposed = {p.item_id for p in self._store.proposals(plan_id, pending_only=True) if p.kind == "action"}
        return build_agenda(plan, mode, statuses=self._store.current_statuses(plan_id), today=self.today(),
                            arising=self._store.actions_arising(plan_id, open_only=True),
                            last_closed_at=last.closed_at if last else None, proposed=proposed, unrated=unrated,
                            previous=self._store.previous_meeting(plan_id))

    def agenda_reasons(self, plan_id: str, *, unrated: bool = False) -> dict[str, str]:
        """Why each action is on the agenda by exception ('Red; overdue (due 31 Mar 2027)'), by id."""
        plan = self.plan(plan_id)
        last = self._store.last_meeting(plan_id)
        proposed = {p.item_id for p in self._store.proposals(plan_id, pending_only=True) if p.kind == "action"}
        chosen = exception_actions(plan, statuses=self._store.current_statuses(plan_id), today=self.today(),
                                   last_closed_at=last.closed_at if last else None, proposed=proposed,
                                   unrated=unrated)
        return {action_id: reasons_text(reasons) for action_id, reasons in chosen.items()}

    def exception_rule(self, plan_id: str) -> str:
        """The by-exception rule in a sentence, in the plan's status names (the setup states it)."""
        return exception_rule(self.plan(plan_id))

    def roster(self, plan_id: str) -> list[tuple[str, str]]:
        """(person id, label) for everyone in the plan's roster, in the plan's order."""
        plan = self.plan(plan_id)
        orgs = {o.id: o.name for o in plan.organisations}
        return [(p.id, f"{p.name}, {orgs[p.organisation]}" if p.organisation in orgs else p.name)
                for p in plan.people]

    def start_meeting(self, plan_id: str, held_on: date, chair: str, present: list[str], apologies: list[str],
                      guests: list[str], mode: str, *, unrated: bool = False) -> Meeting:
        """Build the agenda and start the meeting in one transaction. Names or person ids; ValueError
        (nothing written) when someone is both present and giving apologies."""
        self.check_attendance(plan_id, present, apologies)
        plan = self.plan(plan_id)
        people = {p.id: p for p in plan.people}

        def attendee(ref: str, status: str) -> Attendee:
            person = people.get(ref)
            if person is None:
                return Attendee(ref, status)
            return Attendee(person.name, status, person.id, person.organisation)

        attendance = ([attendee(r, "present") for r in present] + [attendee(r, "apologies") for r in apologies]
                      + [Attendee(g, "guest") for g in guests if g.strip()])
        chair_name = people[chair].name if chair in people else chair
        meeting_id = self._store.start_meeting(plan_id, held_on, chair_name, attendance,
                                              self.build_agenda(plan_id, mode, unrated=unrated), mode,
                                              self._store.remember_plan(plan))
        return self._store.meeting(meeting_id)

    def open_meeting(self, plan_id: str) -> Meeting | None:
        return self._store.open_meeting(plan_id)

    def meeting(self, meeting_id: int) -> Meeting:
        return self._store.meeting(meeting_id)

    # -- during the meeting -----------------------------------------------------------

    def set_status(self, meeting: Meeting, action_id: str, rag: str, *, note: str = "",
                   accept: Proposal | None = None) -> Update:
        """Record the chair's status; linked to the newest pending proposal, if any, which
        settles every older pending one on the action with it (superseded, never offered again).

        `rag` is a code of the plan's scale (or its name, any case): anything else raises
        `StatusNotOnScale`, naming the codes allowed, and nothing is written."""
        rag = self.plan(meeting.plan_id).require_status(rag)
        proposal = accept
        if proposal is None:
            pending = self._store.pending_proposals(meeting.plan_id, "action", action_id)
            proposal = pending[0] if pending else None
        update_id = self._store.record_update(meeting.plan_id, action_id, rag, note, meeting.chair, SOURCE,
                                             meeting_id=meeting.id, plan_version_id=meeting.plan_version_id,
                                             proposal_id=proposal.id if proposal else None)
        with self._store.reading_back(f"the status of {action_id} was recorded (update {update_id})"):
            return self._store.history(meeting.plan_id, action_id)[0]

    def accept_proposal(self, meeting: Meeting, proposal: Proposal) -> Update:
        assert proposal.rag is not None
        return self.set_status(meeting, proposal.item_id, proposal.rag, note=proposal.note, accept=proposal)

    def rate_risk(self, meeting: Meeting, risk_id: str, impact: int, likelihood: int, note: str = "", *,
                  accept: Proposal | None = None) -> Rating:
        """Record the chair's rating; linked to the newest pending proposal, if any, which
        settles the older ones with it (as `set_status`)."""
        proposal = accept
        if proposal is None:
            pending = self._store.pending_proposals(meeting.plan_id, "risk", risk_id)
            proposal = pending[0] if pending else None
        rating_id = self._store.rate_risk(meeting.plan_id, risk_id, impact, likelihood, note, meeting.chair, SOURCE,
                                          meeting_id=meeting.id, plan_version_id=meeting.plan_version_id,
                                          proposal_id=proposal.id if proposal else None)
        with self._store.reading_back(f"the rating of {risk_id} was recorded (rating {rating_id})"):
            return self._store.risk_history(meeting.plan_id, risk_id)[0]

    def accept_risk_proposal(self, meeting: Meeting, proposal: Proposal) -> Rating:
        """Agree the officer's re-rating as proposed, with their note."""
        if proposal.impact is None or proposal.likelihood is None:
            raise ValueError(f"proposal {proposal.uid} rates no risk")
        return self.rate_risk(meeting, proposal.item_id, proposal.impact, proposal.likelihood, proposal.note,
                              accept=proposal)

    def record_indicator(self, meeting: Meeting, indicator_id: str, period: str, value: float,
                         note: str = "") -> None:
        self._store.record_indicator(meeting.plan_id, indicator_id, period, value, note, meeting.chair, SOURCE,
                                    meeting_id=meeting.id)

    def enter_item(self, meeting: Meeting, position: int) -> None:
        self._store.enter_item(meeting.id, position)

    def record_note(self, meeting: Meeting, position: int, text: str) -> None:
        self._store.record_note(meeting.id, position, text, meeting.chair)

    def notes(self, meeting: Meeting) -> dict[int, str]:
        """The meeting's current note on each agenda position that has one."""
        return self._store.notes(meeting.id)

    def decisions(self, meeting: Meeting) -> list[Decision]:
        return self._store.decisions(meeting.id)

    def meeting_arising(self, meeting: Meeting) -> list[ActionArising]:
        """The actions arising this meeting added."""
        return self._store.actions_arising(meeting.plan_id, meeting_id=meeting.id)

    def record_decision(self, meeting: Meeting, position: int, text: str) -> None:
        self._store.record_decision(meeting.id, position, text)

    def add_action_arising(self, meeting: Meeting, position: int, text: str, owner: str,
                           due: date | None) -> ActionArising:
        plan = self.plan(meeting.plan_id)
        return self._store.add_action_arising(meeting.id, position, text, plan.owner_name(owner) if owner in
                                             plan.roster_ids() else owner, due)

    def arising(self, plan_id: str, ref: str, *, as_of: Meeting | None = None) -> ActionArising | None:
        """The action arising `ref`, as it stands (`as_of` a closed meeting: its status, text, owner
        and due as that meeting closed)."""
        found = self._store.arising_as_of(as_of) if as_of is not None else self._store.actions_arising(plan_id)
        return next((a for a in found if a.ref == ref), None)

    def set_arising_status(self, meeting: Meeting, ref: str, status: str) -> ActionArising:
        found = self.arising(meeting.plan_id, ref)
        if found is None:
            raise LookupError(f"no action arising {ref}")
        self._store.set_arising_status(found.id, status, meeting_id=meeting.id)
        return self.arising(meeting.plan_id, ref)  # type: ignore[return-value]

    def item_seconds(self, meeting: Meeting) -> dict[int, float]:
        """Seconds on each item while the app ran the meeting (storage/store/sessions.py)."""
        return self._store.item_seconds(meeting.id)

    def meeting_session(self, meeting: Meeting, event: str) -> None:
        """The walk-through opened ('resume') or left ('suspend') the meeting: its timers count
        only the time between; nothing is written for a closed meeting."""
        self._store.record_session(meeting.id, event)

    def current_position(self, meeting: Meeting) -> int:
        return self._store.current_position(meeting.id)

    # -- closing ----------------------------------------------------------------------

    def summary(self, meeting: Meeting) -> MeetingSummary:
        updates = self._store.meeting_updates(meeting.id)
        agenda = [item.ref for item in meeting.agenda if item.kind == "action" and item.ref]
        typed = self._store.updates_left_during(meeting, [*agenda, *(u.action_id for u in updates)])  # as its minutes
        latest = {u.action_id: u.rag for u in [*updates, *typed.values()]}
        first = min((u.id for u in [*updates, *typed.values()]), default=None)
        before = self._store.statuses_before(meeting.plan_id, first) if first is not None else {}
        changes = {a: (before.get(a, UNRATED_CODE), rag) for a, rag in latest.items()
                   if before.get(a, UNRATED_CODE) != rag}
        entered = self._store.entered_positions(meeting.id)
        skipped = [item for n, item in enumerate(meeting.agenda, 1) if n not in entered]
        ratings, values = self._store.meeting_ratings_count(meeting)
        from storage.service.rows import MeetingSummary

        return MeetingSummary(latest, changes, self._store.decisions(meeting.id),
                              self._store.actions_arising(meeting.plan_id, meeting_id=meeting.id),
                              skipped, ratings, values,
                              tuple(m for m in self._store.matters_arising(meeting) if m.agreed), tuple(typed))

    def close_meeting(self, meeting: Meeting, next_meeting: date | Literal["default"] | None = "default") -> Meeting:
        """Close the meeting with the date of the next one: `next_meeting_default` unless given (None: to be
        arranged)."""
        day = self.next_meeting_default(meeting).day if next_meeting == "default" else next_meeting
        self._store.close_meeting(meeting.id, day)
        return self._store.meeting(meeting.id)
