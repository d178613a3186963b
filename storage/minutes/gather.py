"""What the minutes of a meeting say, gathered from the store into plain records.

Everything is read from the plan snapshot the meeting ran on and bounded by the meeting
(what was recorded before it opened, and what was recorded at it), so the minutes of an
old meeting say the same thing for ever, whatever happens to the plan file or to later
meetings. Only the actions the meeting touched are read from the snapshot
(`storage.store.snapshot_slice`); the records are in `storage.minutes.records`, the risk
register and indicators in `storage.minutes.registers`. `storage.minutes.render` turns a
`Minutes` record into Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from storage.minutes.formal import STANDING, gather_formal
from storage.minutes.records import (
    OPEN_STATUSES,
    ActionMinute,
    ArisingMinute,
    IndicatorMinute,
    Item,
    Minutes,
    OverdueMinute,
    RiskMinute,
)
from storage.minutes.registers import indicators, risks
from storage.plan.deadline_text import deadline_text
from storage.plan.index import plan_index
from storage.plan.model import Plan
from storage.plan.quorum import quorum
from storage.plan.rating_text import rating_text
from storage.plan.status import NOT_RATED, UNRATED_CODE, change, is_arising_late, is_late, off_scale_words
from storage.store.records import Meeting, Proposal, Update
from storage.store.snapshot_slice import plan_slice
from storage.store.store import Store, StoreError

__all__ = ["NOT_RATED", "OPEN_STATUSES", "ActionMinute", "ArisingMinute", "IndicatorMinute", "Item", "Minutes",
           "OverdueMinute", "RiskMinute", "gather", "meeting_plan"]


def meeting_plan(store: Store, meeting: Meeting, action_ids: Iterable[str] = (), *, with_late: bool = False) -> Plan:
    """The plan as it stood at the meeting (its snapshot, or the newest stored before it),
    with only the actions `action_ids` (`with_late`: and those that may be late on its day)."""
    late_before = meeting.held_on if with_late else None
    if meeting.plan_version_id is not None:
        return plan_slice(store, meeting.plan_version_id, action_ids, late_before)
    found = store.plan_version_at(meeting)
    if found is None:
        raise StoreError(f"meeting {meeting.id} has no stored plan to render its minutes from")
    return plan_slice(store, found, action_ids, late_before)


class _Scale:
    """Status words from the plan's RAG scale; complete and the change by rank as
    `storage.plan.status` has them."""

    def __init__(self, plan: Plan) -> None:
        self.index = plan_index(plan)
        self.ranks = plan.rag_ranks
        self.done = plan.complete_code

    def word(self, code: str | None) -> str:
        if code is None or code == UNRATED_CODE:
            return NOT_RATED
        status = self.index.rag_status(code)
        return status.name if status else off_scale_words(code)

    def late(self, due: date | None, code: str | None, held_on: date) -> bool:
        return is_late(due, code, held_on, self.done)

    def change(self, before: str | None, after: str) -> str:
        return change(before, after, self.ranks)


def _person(plan: Plan, name: str, person_id: str | None, organisation: str | None) -> tuple[str, str | None]:
    person = next((p for p in plan.people if p.id == person_id), None) if person_id else None
    org_id = person.organisation if person and person.organisation else organisation
    return name, _name(plan, org_id) if org_id else org_id


def _name(plan: Plan, who: str) -> str:
    """A roster id as its name; anything else as written."""
    return plan_index(plan).owner_names.get(who, who)


def _group(plan: Plan, chair: str) -> str:
    """The plan's meeting body when it names one; else the group whose seat the chair holds as
    Chair, else the first group the chair sits on."""
    if plan.meeting_group is not None:
        return plan.meeting_group.name
    ids = {p.id for p in plan.people if chair in (p.id, p.name)}
    seats = [(g, m) for g in plan.groups for m in g.members if m.person in ids or m.as_written == chair]
    for group, member in seats:
        if (member.role or "").lower() == "chair":
            return group.name
    if seats:
        return seats[0][0].name
    return plan.groups[0].name if plan.groups else "Steering group"


def _items(store: Store, meeting: Meeting) -> dict[int, Item]:
    notes = store.notes(meeting.id)
    decisions: dict[int, list[str]] = {}
    for decision in store.decisions(meeting.id):
        decisions.setdefault(decision.position, []).append(decision.text)
    positions = sorted(set(notes) | set(decisions))
    return {p: Item(notes.get(p, ""), tuple(decisions.get(p, ()))) for p in positions}


def _merge(items: list[Item]) -> Item | None:
    items = [i for i in items if i.note or i.decisions]
    if not items:
        return None
    note = "\n".join(i.note for i in items if i.note)
    return Item(note, tuple(d for i in items for d in i.decisions))


def _actions(store: Store, meeting: Meeting, items_for: dict[tuple[str, str], Item]
             ) -> tuple[Plan, list[tuple[str, list[ActionMinute]]], list[str], list[OverdueMinute], frozenset[str]]:
    """The plan (with the actions the meeting touched, and those that may be late), the minutes
    of those discussed, those on the agenda with nothing recorded, the late ones not taken, and
    the late ones taken with nothing recorded."""
    agreed: dict[str, Update] = {}
    proposal_of: dict[str, int] = {}
    for update in store.meeting_updates(meeting.id):
        agreed[update.action_id] = update
        if update.proposal_id is not None:
            proposal_of[update.action_id] = update.proposal_id
    proposals = store.proposals_by_id(proposal_of.values())
    on_agenda = [i.ref for i in meeting.agenda if i.kind == "action" and i.ref]
    # A status typed outside the walk-through while the meeting was open (`steerco record`) that the action was
    # left at: the meeting's last word on it, minuted with who and the route (`ActionMinute.reported`).
    typed = store.updates_left_during(meeting, [*on_agenda, *agreed])
    for action_id, update in typed.items():
        agreed[action_id] = update
        proposal_of.pop(action_id, None)
    plan = meeting_plan(store, meeting, [*on_agenda, *agreed], with_late=True)
    index = plan_index(plan)
    by_id = {action.id: action for theme in plan.themes for action in theme.actions}
    discussed = set(agreed) | {ref for ref in on_agenda if ("action", ref) in items_for}
    before = store.statuses_when_opened(meeting, discussed)

    scale = _Scale(plan)

    def minute(action_id: str) -> ActionMinute:
        action = by_id.get(action_id)
        update = agreed.get(action_id)
        previous = before.get(action_id)
        code = update.rag if update else previous
        proposal = proposals.get(proposal_of.get(action_id, -1))
        overdue = action is not None and scale.late(action.late_due, code, meeting.held_on)
        typed_during = action_id in typed
        return ActionMinute(
            id=action_id,
            title=action.display_title if action else "",
            owner=index.owner_label(action) if action else "—",
            deadline=deadline_text(action.deadline, action.due, meeting.held_on).full if action else None,
            overdue=overdue,
            status=scale.word(code),
            rated=update is not None and not typed_during,
            previous=scale.word(previous) if previous else None,
            change=scale.change(previous, update.rag) if update else "not rated at this meeting",
            reported="during" if typed_during else "",
            by=(update.recorded_at, update.author, update.source) if update and typed_during else None,
            proposed=(scale.word(proposal.rag), proposal.author) if proposal and proposal.rag else None,
            update_note=update.note if update else "",
            proposal_note=proposal.note if proposal else "",
            item=items_for.get(("action", action_id)),
            in_plan=action is not None,
            milestones=tuple(line for line, _ in plan.milestone_lines(action, code, meeting.held_on)) if action else (),
            overdue_words=action.overdue_words(meeting.held_on) if action is not None and overdue else "",
        )

    themes: list[tuple[str, list[ActionMinute]]] = []
    for theme in plan.themes:
        minutes = [minute(a.id) for a in theme.actions if a.id in discussed]
        if minutes:
            themes.append((f"Theme {theme.id}: {theme.title}" if theme.id else theme.title, minutes))
    others = [minute(a) for a in sorted(discussed - set(by_id))]
    if others:
        themes.append(("Actions no longer in the plan", others))
    not_discussed = [ref for ref in dict.fromkeys(on_agenda) if ref not in discussed]
    overdue, taken = _overdue(store, meeting, plan, discussed, scale), _taken(store, meeting)
    return plan, themes, not_discussed, [o for o in overdue if o.id not in taken], \
        frozenset(o.id for o in overdue if o.id in taken)


def _taken(store: Store, meeting: Meeting) -> set[str]:
    """The actions whose agenda item the meeting took (entered in the walk-through), as
    `storage.minutes.formal.references` gives a minute number: taken with nothing recorded, an
    action is listed with its number among those with no update recorded (marked overdue when it
    is), never as not discussed."""
    agenda = meeting.agenda
    return {item.ref for p in store.entered_positions(meeting.id) if 0 < p <= len(agenda)
            and (item := agenda[p - 1]).kind == "action" and item.ref}


def _overdue(store: Store, meeting: Meeting, plan: Plan, discussed: set[str], scale: _Scale) -> list[OverdueMinute]:
    """The actions late on the meeting's day (`is_late` over their deadline and milestones, at the
    status the meeting found them at) that it neither took, rated nor discussed (not in `discussed`),
    in plan order."""
    index = plan_index(plan)
    quiet = [a for a in index.actions.values() if a.id not in discussed]
    found = store.statuses_when_opened(meeting, [a.id for a in quiet])
    held_on = meeting.held_on
    out = []
    for action in quiet:
        code = found.get(action.id)
        if not scale.late(action.late_due, code, held_on):
            continue
        out.append(OverdueMinute(
            id=action.id, title=action.display_title, owner=index.owner_label(action),
            deadline=deadline_text(action.deadline, action.due, held_on).full, status=scale.word(code),
            milestones=tuple(line for line, late in plan.milestone_lines(action, code, held_on) if late),
            overdue_words=action.overdue_words(held_on),
        ))
    return out


def _with_proposals(store: Store, meeting: Meeting, plan: Plan, themes: list[tuple[str, list[ActionMinute]]],
                    register: list[RiskMinute]) -> tuple[list[tuple[str, list[ActionMinute]]], list[RiskMinute]]:
    """The officers' re-ratings the meeting answered (each risk's proposal and the rating agreed),
    and on every action and risk the older proposals that answer superseded."""
    superseded: dict[tuple[str, str], list[Proposal]] = {}
    for proposal in store.superseded_at_meeting(meeting.id):
        superseded.setdefault((proposal.kind, proposal.item_id), []).append(proposal)
    answered = {r.risk_id: r.proposal_id for r in store.meeting_ratings(meeting.id) if r.proposal_id is not None}
    proposals = store.proposals_by_id(answered.values())
    scale = _Scale(plan)

    def rated(p: Proposal) -> str:
        return rating_text(plan, p.impact or 0, p.likelihood or 0)

    def action(minute: ActionMinute) -> ActionMinute:
        older = superseded.get(("action", minute.id), [])
        return replace(minute, superseded=tuple((scale.word(p.rag), p.author) for p in older)) if older else minute

    def risk(minute: RiskMinute) -> RiskMinute:
        proposal = None if minute.reported == "during" else proposals.get(answered.get(minute.id, -1))
        older = tuple((rated(p), p.author) for p in superseded.get(("risk", minute.id), []))
        if proposal is None and not older:
            return minute
        return replace(minute, proposed=(rated(proposal), proposal.author) if proposal else None,
                       proposal_note=proposal.note if proposal else "",
                       agreed=rating_text(plan, minute.impact, minute.likelihood), superseded=older)

    return [(title, [action(m) for m in minutes]) for title, minutes in themes], [risk(m) for m in register]


def _matters_arising(store: Store, meeting: Meeting, plan: Plan) -> list[ArisingMinute]:
    out = []
    for r in store.matters_arising(meeting):
        due = r.due
        status = r.agreed or r.before or ""
        out.append(ArisingMinute(
            ref=r.ref, text=r.text, owner=_name(plan, r.owner), due=due,
            overdue=is_arising_late(due, status, meeting.held_on),
            outcome=r.agreed or "no update", outcome_note=r.agreed_note or "",
        ))
    return out


def _absent(plan: Plan, meeting: Meeting) -> list[tuple[str, str | None]] | None:
    """The members of the plan's meeting body (filled seats, in the group's order) the meeting has
    neither present, in attendance nor sending apologies; None when the plan names no meeting body
    with members (as the quorum counts them: storage/plan/quorum.py)."""
    body = plan.meeting_group
    if body is None or not any(m.person for m in body.members):
        return None
    there = {a.person_id for a in meeting.attendance if a.person_id}
    there |= {a.name for a in meeting.attendance}
    ids = dict.fromkeys(m.person for m in body.members if m.person and m.person not in there)
    return [_person(plan, _name(plan, person), person, None) for person in ids]


def _quorum(plan: Plan, meeting: Meeting) -> str:
    found = quorum(plan, [a.person_id or a.name for a in meeting.present])
    return found.minutes_words() if found else ""


def gather(store: Store, meeting_id: int) -> Minutes:
    """Everything the minutes of `meeting_id` say, read from the store (StoreError: it was abandoned)."""
    meeting = store.meeting(meeting_id)
    if meeting.abandoned:
        raise StoreError(f"meeting {meeting.id} of {meeting.held_on.isoformat()} was abandoned: it has no minutes")
    items = _items(store, meeting)
    items_for: dict[tuple[str, str], Item] = {}
    by_kind: dict[str, list[Item]] = {}
    for position, item in items.items():
        agenda = meeting.agenda[position - 1] if 0 < position <= len(meeting.agenda) else None
        kind = agenda.kind if agenda else "aob"
        if agenda and agenda.ref and kind in ("action", "risk", "indicator", "matters_arising"):
            merged = _merge([items_for.get((kind, agenda.ref), Item()), item])
            if merged:
                items_for[(kind, agenda.ref)] = merged
        else:
            by_kind.setdefault(kind if kind in ("matters_arising", *STANDING) else "aob", []).append(item)
    plan, themes, not_discussed, overdue, overdue_taken = _actions(store, meeting, items_for)
    themes, register = _with_proposals(store, meeting, plan, themes, risks(store, meeting, plan, items_for))
    people = [a for a in meeting.attendance]
    chair = _name(plan, meeting.chair)
    arising = [
        ArisingMinute(a.ref, a.text, _name(plan, a.owner), a.due, False)
        for a in store.arising_as_closed(meeting)
    ]
    return Minutes(
        meeting_id=meeting.id, closed=meeting.closed, group=_group(plan, meeting.chair),
        partnership=plan.partnership, plan_title=plan.title, plan_version=plan.version,
        title=meeting.title, held_on=meeting.held_on, opened=meeting.started_at,
        closed_at=meeting.closed_at, chair=chair,
        present=sorted((_person(plan, a.name, a.person_id, a.organisation) for a in people if a.status == "present"),
                       key=lambda person: person[0] != chair),  # the chair first, the rest as ticked
        in_attendance=[_person(plan, a.name, a.person_id, a.organisation) for a in people if a.status == "guest"],
        apologies=[_person(plan, a.name, a.person_id, a.organisation) for a in people if a.status == "apologies"],
        matters_arising=_matters_arising(store, meeting, plan),
        matters_item=_merge(by_kind.get("matters_arising", [])),
        status_order=[s.name for s in plan.rag_scale] + [NOT_RATED],
        themes=themes, not_discussed=not_discussed, overdue_not_discussed=overdue, overdue_taken=overdue_taken,
        risks=register,
        indicators=indicators(store, meeting, plan, items_for),
        arising=arising, aob_item=_merge(by_kind.get("aob", [])), next_meeting=meeting.next_meeting,
        formal=gather_formal(store, meeting, plan, {k: i for k in STANDING if (i := _merge(by_kind.get(k, [])))}),
        time_zone=plan.meeting.time_zone,
        quorum=_quorum(plan, meeting),
        status_symbols={s.name: s.symbol for s in plan.rag_scale},
        absent=_absent(plan, meeting),
        matters_items=tuple((ref, i) for ref in dict.fromkeys(a.ref for a in meeting.agenda
                                                             if a.kind == "matters_arising" and a.ref)
                            if (i := items_for.get(("matters_arising", ref)))),
        first=store.previous_meeting(plan.id, before=meeting.id) is None,
    )
