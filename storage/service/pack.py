"""The pre-meeting pack: the papers a secretariat circulates five working days before a meeting.

A mixin of `Service`. `pack(plan_id)` gathers, for the next meeting of the plan: the agenda the
setup would build (`Service.build_agenda`: standing items, by exception with its reasons), each
item's allotted time on a running clock (from `start` when given, else offsets from the start),
the exception report (`storage.service.agenda.exception_actions`, by the agenda's rule: actions
not yet rated only with `unrated`, as the setup's by-exception agenda takes them; without it they
are chased among the actions with no update),
the officers' proposals pending or received since the last meeting (`proposal_fates`), the
other actions with no update since the last meeting (by `steerco chase`'s rule; an action in the
exception report says "no update" among its reasons instead of being listed twice), the open
actions arising (the action log), the risk register with each risk's owner, the indicators with
their chart data, and the last meeting's minutes while they are not yet approved (as Draft).
No rule is worked out here a second time: each comes from the module that owns it. The date of
the next meeting is the last closed meeting's `next_meeting`, else `next_meeting_default`; the
pack is circulated five working days before it (weekends and the plan region's bank holidays
skipped: `meeting_dates.bank_holidays`).
The records are in storage/minutes/pack_records.py; pack_render.py builds the document from a `Pack`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.service.meeting_dates import bank_holidays, next_meeting_day

if TYPE_CHECKING:
    from storage.minutes.action_log import LoggedAction
    from storage.minutes.charts import IndicatorSeries, RagMix, StatusSeries
    from storage.minutes.document import Document
    from storage.minutes.pack_records import Pack
    from storage.plan.model import Plan
    from storage.service.service import RiskRow
    from storage.store.proposals import ProposalFate
    from storage.store.records import AgendaItem, Meeting, Update
    from storage.store.store import Store

#: How many working days before the meeting the pack goes out.
CIRCULATE_DAYS = 5


def working_days_before(day: date, count: int, region: str) -> date:
    """The day `count` working days before `day`: weekends and `region`'s bank holidays are skipped
    (the rule the next meeting's date moves by, storage/service/meeting_dates.py)."""
    holiday = bank_holidays(region)
    found = 0
    while found < count:
        day -= timedelta(days=1)
        if day.weekday() < 5 and holiday(day) is None:
            found += 1
    return day


def _proposed(plan: Plan, fate: ProposalFate) -> str:
    p = fate.proposal
    if p.kind == "risk":
        if p.impact is None or p.likelihood is None:
            return "—"
        return f"impact {p.impact} × likelihood {p.likelihood} = {p.impact * p.likelihood}"
    names = {s.code: s.name for s in plan.rag_scale}
    return names.get((p.rag or "").upper(), p.rag or "—")


class PackMixin:
    _store: Store
    plan: Callable[[str], Plan]
    today: Callable[[], date]
    build_agenda: Callable[..., list[AgendaItem]]
    exception_rule: Callable[[str], str]
    owner_labels: Callable[[str], dict[str, str]]
    proposal_fates: Callable[..., list[ProposalFate]]
    action_log: Callable[..., list[LoggedAction]]
    risks: Callable[[str], list[RiskRow]]
    indicator_series: Callable[..., IndicatorSeries]
    rag_mix: Callable[..., RagMix]
    status_series: Callable[..., StatusSeries]
    next_meeting_default: Callable[[Meeting], Any]
    minutes_document: Callable[..., Document]

    def pack_date(self, plan_id: str) -> tuple[date, str]:
        """The date of the next meeting and where it came from: the last closed meeting's
        `next_meeting`, else a plan cycle after it (`next_meeting_default`), else a cycle after today."""
        from storage.minutes.render import short_date

        plan = self.plan(plan_id)
        last = self._store.last_meeting(plan_id)
        if last is not None and last.next_meeting is not None:
            return last.next_meeting, f"as set at the meeting of {short_date(last.held_on)}"
        if last is not None:
            found = self.next_meeting_default(last)
            why = f"; {found.moved}" if found.moved else ""
            return found.day, f"a meeting cycle after the meeting of {short_date(last.held_on)}{why}"
        found = next_meeting_day(self.today(), plan.meeting_cycle_days, plan.meeting.holidays)
        why = f"; {found.moved}" if found.moved else ""
        return found.day, f"no meeting held yet: a meeting cycle after today{why}"

    def pack_day_check(self, plan_id: str, day: date) -> tuple[str | None, list[str]]:
        """A meeting date asked for a pack: (why it is refused, or None; warnings). Refused on or
        before the last closed meeting's day; a warning for a weekend or one of the plan's bank holidays."""
        from storage.minutes.render import short_date

        last = self._store.last_meeting(self.plan(plan_id).id)
        if last is not None and day <= last.held_on:
            return (f"--meeting {day.isoformat()}: the pack is for a meeting after the last one held "
                    f"({short_date(last.held_on)}); give a later date or 'next'"), []
        warnings = []
        if day.weekday() >= 5:
            warnings.append(f"{short_date(day)} is a {day.strftime('%A')}")
        holiday = bank_holidays(self.plan(plan_id).meeting.holidays)(day)
        if holiday is not None:
            warnings.append(f"{short_date(day)} is a bank holiday ({holiday})")
        return None, warnings

    def pack(self, plan_id: str, *, meeting: date | None = None, mode: str = "all", unrated: bool = False,
             start: time | None = None) -> Pack:
        """The pack for the plan's next meeting (`meeting`: on that date instead); the agenda in
        `mode` ('all' or 'exception', with `unrated` as the setup's switch), timed from `start`."""
        from storage.minutes.pack_records import ExceptionLine, Pack, PackItem, ProposalLine, QuietLine, RiskLine
        from storage.plan.index import plan_index
        from storage.plan.status import NOT_RATED, UNRATED_CODE, off_scale_words
        from storage.service.agenda import exception_actions, reasons_text

        plan = self.plan(plan_id)
        if meeting is None:
            meeting_on, date_from = self.pack_date(plan_id)
        else:
            meeting_on, date_from = meeting, "as given with --meeting"
        last = self._store.last_meeting(plan_id)
        closed_at = last.closed_at if last else None
        statuses: dict[str, Update] = self._store.current_statuses(plan_id)
        fates = self.proposal_fates(plan_id)
        pending_on = {f.proposal.item_id for f in fates if f.fate == "pending" and f.proposal.kind == "action"}
        report = exception_actions(plan, statuses=statuses, today=self.today(), last_closed_at=closed_at,
                                   proposed=pending_on, unrated=unrated)
        on_agenda = report if mode == "exception" else {}
        agenda: list[PackItem] = []
        offset = 0
        for n, item in enumerate(self.build_agenda(plan_id, mode, unrated=unrated), 1):
            reason = reasons_text(on_agenda[item.ref]) if item.kind == "action" and item.ref in on_agenda else ""
            agenda.append(PackItem(n, item.kind, item.ref, item.title, item.allotted_seconds, offset, reason))
            offset += item.allotted_seconds

        owners = self.owner_labels(plan_id)
        index = plan_index(plan)
        scale = {s.code: s for s in plan.rag_scale}
        titles = {a.id: a.display_title for _, a in plan.actions()}

        def status_words(code: str) -> tuple[str, str]:
            found = scale.get(code)
            if found is not None:
                return found.name, found.symbol
            return (NOT_RATED, "") if code in ("", UNRATED_CODE) else (off_scale_words(code), "")

        updated = self._store.items_updated_since(plan_id, closed_at or datetime.min.replace(tzinfo=UTC))
        newest_update: dict[str, str] = {}
        for f in sorted((f for f in fates if f.proposal.kind == "action"), key=lambda f: f.proposal.written_at):
            newest_update[f.proposal.item_id] = f.proposal.written_at

        def no_update(action_id: str) -> bool:
            """`steerco chase`'s rule (Store.items_updated_since): not complete, and no status recorded
            nor officer's update written since the last meeting closed; one waiting to be agreed counts."""
            current = statuses.get(action_id)
            if (current.rag if current else UNRATED_CODE) == plan.complete_code or action_id in pending_on:
                return False
            return ("action", action_id) not in updated

        since = f"since M{last.id}" if last is not None else "yet"
        exceptions = []
        for action_id, found in report.items():
            code = statuses[action_id].rag if action_id in statuses else UNRATED_CODE
            name, symbol = status_words(code)
            reasons = (*found, f"no update {since}") if no_update(action_id) else found
            exceptions.append(ExceptionLine(action_id, titles[action_id], owners.get(action_id, ""), code, name,
                                            symbol, reasons, reasons_text(reasons)))

        risk_titles = {r.id: r.description for r in plan.risks}
        proposals = [ProposalLine(f.proposal.uid, f.proposal.kind, f.proposal.item_id,
                                  (titles if f.proposal.kind == "action" else risk_titles).get(f.proposal.item_id, ""),
                                  _proposed(plan, f), f.proposal.note, f.proposal.author, f.proposal.written_at,
                                  f.fate, f.meeting_id)
                     for f in fates
                     if f.fate == "pending" or closed_at is None or f.proposal.imported_at > closed_at]

        quiet = []
        for _, action in plan.actions():
            if action.id in report or not no_update(action.id):
                continue
            current = statuses.get(action.id)
            quiet.append(QuietLine(action.id, action.display_title, owners.get(action.id, ""),
                                   status_words(current.rag if current else UNRATED_CODE)[0],
                                   current.recorded_at.date() if current else None,
                                   current.meeting_id if current else None, newest_update.get(action.id)))

        values = self._store.indicator_values(plan_id)
        indicators = tuple(self.indicator_series(plan_id, i.id, values) for i in plan.indicators)
        mix = self.rag_mix(plan_id) if last is not None else None
        history = tuple(self.status_series(plan_id, e.action_id) for e in exceptions) if last is not None else ()
        return Pack(
            plan_id=plan.id, plan_title=plan.title, partnership=plan.partnership, meeting_on=meeting_on,
            circulate_by=working_days_before(meeting_on, CIRCULATE_DAYS, plan.meeting.holidays), date_from=date_from,
            last_meeting=(last.id, last.held_on) if last else None, mode=mode,
            rule=self.exception_rule(plan_id) if mode == "exception" else "", start=start, agenda=tuple(agenda),
            exceptions=tuple(exceptions), proposals=tuple(proposals), quiet=tuple(quiet),
            arising=tuple(self.action_log(plan_id, as_of=self.today(), open_only=True)),
            risks=tuple(RiskLine(r.risk.id, r.risk.description, index.risk_owner_label(r.risk), r.impact,
                                 r.likelihood, r.rating, r.band.name if r.band else None,
                                 r.rated.recorded_at.date() if r.rated else None)
                        for r in self.risks(plan_id)),
            indicators=indicators, mix=mix, history=history, draft_minutes=self._draft_minutes(plan.id),
            as_of=self.today(), time_zone=plan.meeting.time_zone, unrated=unrated, attention=plan.attention_words)

    def _draft_minutes(self, plan_id: str) -> tuple[int, date, Document] | None:
        """The minutes the next meeting is to approve (the last closed, non-abandoned meeting's),
        while they are not yet approved: the secretariat circulates them with the pack, marked Draft."""
        previous = self._store.previous_meeting(plan_id)
        if previous is None or self._store.approval_of(previous[0]) is not None:
            return None
        return previous[0], previous[1], self.minutes_document(previous[0])

    def pack_document(self, pack: Pack) -> Document:
        """The pack as a document (storage/minutes/pack_render.py): every format is written from it."""
        from storage.minutes.pack_render import document

        return document(pack)

    def pack_as(self, pack: Pack, fmt: str, *, template: Path | None = None) -> str | bytes:
        """The pack in `fmt` (md|docx|html|pdf; storage.service.formats.write_document: FormatError)."""
        from storage.service.formats import write_document

        return write_document(self.pack_document(pack), fmt, template=template)

    def pack_json(self, pack: Pack) -> dict[str, Any]:
        from storage.minutes.pack_render import to_json

        return to_json(pack)
