"""What the minutes of a meeting say, gathered from the store into plain records.

Everything is read from the plan snapshot the meeting ran on and bounded by the meeting
(what was recorded before it opened, and what was recorded at it), so the minutes of an
old meeting say the same thing for ever, whatever happens to the plan file or to later
meetings. `storage.minutes` turns a `Minutes` record into Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from storage.model import UNRATED_CODE, Plan
from storage.records import Meeting
from storage.store import Store, StoreError

OPEN_STATUSES = ("open", "carried forward")
NOT_RATED = "Not rated"


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
    deadline: str | None
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
    note: str
    item: Item | None


@dataclass(frozen=True)
class IndicatorMinute:
    id: str
    title: str
    period: str
    value: str
    target: str
    against: str
    note: str
    item: Item | None


@dataclass(frozen=True)
class Minutes:
    meeting_id: int
    closed: bool
    group: str
    partnership: str
    plan_title: str
    plan_version: str
    title: str | None
    held_on: date
    opened: datetime
    closed_at: datetime | None
    chair: str
    present: list[tuple[str, str | None]]
    in_attendance: list[tuple[str, str | None]]
    apologies: list[tuple[str, str | None]]
    matters_arising: list[ArisingMinute]
    matters_item: Item | None
    status_order: list[str]
    themes: list[tuple[str, list[ActionMinute]]]
    not_discussed: list[str]
    risks: list[RiskMinute]
    indicators: list[IndicatorMinute]
    arising: list[ArisingMinute]
    aob_item: Item | None
    next_meeting: date | None


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = store.conn.execute(sql, params)
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row)) for row in cursor]


_SNAPSHOTS: dict[str, Plan] = {}


def snapshot(store: Store, version_id: int) -> Plan:
    """The stored plan version, parsed once per process (keyed by content hash; plans are frozen).

    Parsing the snapshot of a 10,000-action plan takes ~0.3 s, which the app's preview
    should pay once, not on every render.
    """
    row = store.conn.execute("SELECT content_hash FROM plan_versions WHERE id = ?", [version_id]).fetchone()
    if row is None:
        raise StoreError(f"no plan version {version_id}")
    plan = _SNAPSHOTS.get(row[0])
    if plan is None:
        if len(_SNAPSHOTS) >= 8:
            _SNAPSHOTS.pop(next(iter(_SNAPSHOTS)))
        plan = _SNAPSHOTS[row[0]] = store.plan_snapshot(version_id)
    return plan


def meeting_plan(store: Store, meeting: Meeting) -> Plan:
    """The plan as it stood at the meeting: its snapshot, or the newest stored before it."""
    if meeting.plan_version_id is not None:
        return snapshot(store, meeting.plan_version_id)
    found = store.conn.execute(
        "SELECT id FROM plan_versions WHERE plan_id = ? ORDER BY (first_seen <= ?) DESC, id DESC LIMIT 1",
        [meeting.plan_id, meeting.started_at.isoformat(timespec="microseconds")]).fetchone()
    if found is None:
        raise StoreError(f"meeting {meeting.id} has no stored plan to render its minutes from")
    return snapshot(store, int(found[0]))


class _Scale:
    """Status words and ranks from the plan's RAG scale."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.top = max((s.rank for s in plan.rag_scale), default=None)

    def word(self, code: str | None) -> str:
        if code is None or code == UNRATED_CODE:
            return NOT_RATED
        status = self.plan.rag(code)
        return status.name if status else code

    def rank(self, code: str | None) -> int | None:
        status = self.plan.rag(code) if code and code != UNRATED_CODE else None
        return status.rank if status else None

    def complete(self, code: str | None) -> bool:
        rank = self.rank(code)
        return rank is not None and rank == self.top

    def change(self, before: str | None, after: str) -> str:
        if before is None:
            return "not rated before"
        if before == after:
            return "unchanged"
        old, new = self.rank(before), self.rank(after)
        if old is None or new is None or old == new:
            return "changed"
        return "improved" if new > old else "worsened"


def _person(plan: Plan, name: str, person_id: str | None, organisation: str | None) -> tuple[str, str | None]:
    person = next((p for p in plan.people if p.id == person_id), None) if person_id else None
    org_id = person.organisation if person and person.organisation else organisation
    org = plan.owner_name(org_id) if org_id and org_id in plan.roster_ids() else org_id
    return name, org


def _name(plan: Plan, who: str) -> str:
    """A roster id as its name; anything else as written."""
    return plan.owner_name(who) if who in plan.roster_ids() else who


def _group(plan: Plan, chair: str) -> str:
    """The group whose seat the chair holds as Chair, else the first group the chair sits on."""
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


def _actions(store: Store, meeting: Meeting, plan: Plan, start: str,
             items_for: dict[tuple[str, str], Item]) -> tuple[list[tuple[str, list[ActionMinute]]], list[str]]:
    scale = _Scale(plan)
    agreed: dict[str, dict[str, Any]] = {}
    proposal_of: dict[str, int] = {}
    for row in _rows(store, "SELECT * FROM updates WHERE meeting_id = ? ORDER BY id", [meeting.id]):
        agreed[row["action_id"]] = row
        if row["proposal_id"] is not None:
            proposal_of[row["action_id"]] = row["proposal_id"]
    proposals = {}
    if proposal_of:
        marks = ", ".join("?" for _ in proposal_of)
        proposals = {r["id"]: r for r in _rows(store, f"SELECT * FROM proposals WHERE id IN ({marks})",
                                                list(proposal_of.values()))}
    by_id = {action.id: action for theme in plan.themes for action in theme.actions}
    on_agenda = [i.ref for i in meeting.agenda if i.kind == "action" and i.ref]
    discussed = set(agreed) | {ref for ref in on_agenda if ("action", ref) in items_for}

    def before(action_id: str) -> str | None:
        row = store.conn.execute(
            "SELECT rag FROM updates WHERE plan_id = ? AND action_id = ? AND recorded_at < ? "
            "AND (meeting_id IS NULL OR meeting_id != ?) ORDER BY id DESC LIMIT 1",
            [meeting.plan_id, action_id, start, meeting.id]).fetchone()
        return row[0] if row else None

    def minute(action_id: str) -> ActionMinute:
        action = by_id.get(action_id)
        update = agreed.get(action_id)
        previous = before(action_id)
        code = update["rag"] if update else previous
        proposal = proposals.get(proposal_of.get(action_id, -1))
        overdue = bool(action and action.due and action.due < meeting.held_on and not scale.complete(code))
        return ActionMinute(
            id=action_id,
            title=action.display_title if action else "",
            owner=(plan.owner_name(action.owner) if action.owner else action.lead) if action else "—",
            deadline=action.deadline if action else None,
            overdue=overdue,
            status=scale.word(code),
            rated=update is not None,
            previous=scale.word(previous) if previous else None,
            change=scale.change(previous, update["rag"]) if update else "not rated at this meeting",
            proposed=(scale.word(proposal["rag"]), proposal["author"]) if proposal and proposal["rag"] else None,
            update_note=update["note"] if update else "",
            proposal_note=proposal["note"] if proposal else "",
            item=items_for.get(("action", action_id)),
            in_plan=action is not None,
        )

    themes: list[tuple[str, list[ActionMinute]]] = []
    for theme in plan.themes:
        minutes = [minute(a.id) for a in theme.actions if a.id in discussed]
        if minutes:
            themes.append((f"{theme.id}. {theme.title}" if theme.id else theme.title, minutes))
    others = [minute(a) for a in sorted(discussed - set(by_id))]
    if others:
        themes.append(("Actions no longer in the plan", others))
    not_discussed = [ref for ref in dict.fromkeys(on_agenda) if ref not in discussed]
    return themes, not_discussed


def _matters_arising(store: Store, meeting: Meeting, plan: Plan, start: str) -> list[ArisingMinute]:
    rows = _rows(store, """
        SELECT a.*,
          (SELECT status FROM arising_status s WHERE s.arising_id = a.id AND s.at < :start
             ORDER BY s.id DESC LIMIT 1) AS before,
          (SELECT status FROM arising_status s WHERE s.arising_id = a.id AND s.meeting_id = :m
             ORDER BY s.id DESC LIMIT 1) AS agreed,
          (SELECT note FROM arising_status s WHERE s.arising_id = a.id AND s.meeting_id = :m
             ORDER BY s.id DESC LIMIT 1) AS agreed_note
        FROM actions_arising a
        WHERE a.plan_id = :plan AND a.meeting_id != :m AND a.created_at < :start
        ORDER BY a.id""", {"start": start, "m": meeting.id, "plan": meeting.plan_id})  # type: ignore[arg-type]
    out = []
    for r in rows:
        if r["before"] not in OPEN_STATUSES and r["agreed"] is None:
            continue
        due = date.fromisoformat(r["due"]) if r["due"] else None
        status = r["agreed"] or r["before"]
        out.append(ArisingMinute(
            ref=r["ref"], text=r["text"], owner=_name(plan, r["owner"]), due=due,
            overdue=bool(due and due < meeting.held_on and status in OPEN_STATUSES),
            outcome=r["agreed"] or "no update", outcome_note=r["agreed_note"] or "",
        ))
    return out


def _risks(store: Store, meeting: Meeting, plan: Plan, start: str,
           items_for: dict[tuple[str, str], Item]) -> list[RiskMinute]:
    at_meeting: dict[str, dict[str, Any]] = {}
    for row in _rows(store, "SELECT * FROM risk_ratings WHERE meeting_id = ? ORDER BY id", [meeting.id]):
        at_meeting[row["risk_id"]] = row

    def band(rating: int) -> str:
        found = plan.band(rating)
        return found.name if found else "—"

    ids = [r.id for r in plan.risks] + sorted(set(at_meeting) - {r.id for r in plan.risks})
    out = []
    for risk_id in ids:
        risk = plan.risk(risk_id)
        row = store.conn.execute(
            "SELECT impact, likelihood, rating FROM risk_ratings WHERE plan_id = ? AND risk_id = ? "
            "AND recorded_at < ? AND (meeting_id IS NULL OR meeting_id != ?) ORDER BY id DESC LIMIT 1",
            [meeting.plan_id, risk_id, start, meeting.id]).fetchone()
        prior = tuple(row) if row else ((risk.impact, risk.likelihood, risk.rating) if risk else None)
        now = at_meeting.get(risk_id)
        impact, likelihood, rating = (now["impact"], now["likelihood"], now["rating"]) if now else prior or (0, 0, 0)
        if now is None:
            change = "Not re-rated"
        elif prior is None:
            change = "First rated"
        elif rating == prior[2]:
            change = "Re-rated, no change"
        else:
            change = f"{'Up' if rating > prior[2] else 'Down'} from {prior[2]} ({band(prior[2])})"
        out.append(RiskMinute(
            id=risk_id, description=risk.description if risk else "(no longer in the register)",
            impact=impact, likelihood=likelihood, rating=rating, band=band(rating), change=change,
            note=now["note"] if now else "", item=items_for.get(("risk", risk_id)),
        ))
    return out


def _number(value: float) -> str:
    return f"{value:.4g}"


def _target(plan: Plan, indicator_id: str, period: str) -> tuple[str, float | None]:
    indicator = plan.indicator(indicator_id)
    if indicator is None:
        return "—", None

    def key(text: str) -> str:
        return text.split(" - ")[0].strip().lower()

    target = next((t for t in indicator.targets if t.period == period), None) or next(
        (t for t in indicator.targets if key(t.period) == key(period)), None)
    if target is None:
        return "—", None
    if target.value is not None:
        return target.as_written, target.value
    base = next((t for t in indicator.targets if t.period == target.relative_to), None)
    if target.change_percent is not None and base is not None and base.value is not None:
        value = base.value * (1 + target.change_percent / 100)
        return f"{target.as_written} (= {_number(value)})", value
    return target.as_written, None


def _indicators(store: Store, meeting: Meeting, plan: Plan, start: str,
                items_for: dict[tuple[str, str], Item]) -> list[IndicatorMinute]:
    rows = _rows(store, "SELECT * FROM indicator_values WHERE plan_id = ? AND (meeting_id = ? OR "
                 "(recorded_at < ? AND (meeting_id IS NULL OR meeting_id != ?))) ORDER BY id",
                 [meeting.plan_id, meeting.id, start, meeting.id])
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        mine = row["meeting_id"] == meeting.id
        if mine or latest.get(row["indicator_id"], {}).get("meeting_id") != meeting.id:
            latest[row["indicator_id"]] = row
    ids = [i.id for i in plan.indicators] + sorted(set(latest) - {i.id for i in plan.indicators})
    out = []
    for indicator_id in ids:
        indicator = plan.indicator(indicator_id)
        found = latest.get(indicator_id)
        item = items_for.get(("indicator", indicator_id))
        title = indicator.title if indicator else "(no longer in the plan)"
        if found is None:
            out.append(IndicatorMinute(indicator_id, title, "—", "not yet reported", "—", "—", "", item))
            continue
        row = found
        target, value = _target(plan, indicator_id, row["period"])
        against = "—"
        if value is not None and indicator is not None:
            met = row["value"] <= value if indicator.lower_is_better else row["value"] >= value
            against = "Met" if met else "Not met"
        shown = _number(row["value"])
        if row["meeting_id"] != meeting.id:
            shown += " (reported before this meeting)"
        out.append(IndicatorMinute(indicator_id, title, row["period"], shown, target, against, row["note"], item))
    return out


def gather(store: Store, meeting_id: int) -> Minutes:
    """Everything the minutes of `meeting_id` say, read from the store."""
    meeting = store.meeting(meeting_id)
    plan = meeting_plan(store, meeting)
    start = meeting.started_at.astimezone(timezone.utc).isoformat(timespec="microseconds")
    items = _items(store, meeting)
    items_for: dict[tuple[str, str], Item] = {}
    by_kind: dict[str, list[Item]] = {}
    for position, item in items.items():
        agenda = meeting.agenda[position - 1] if 0 < position <= len(meeting.agenda) else None
        kind = agenda.kind if agenda else "aob"
        if agenda and agenda.ref and kind in ("action", "risk", "indicator"):
            merged = _merge([items_for.get((kind, agenda.ref), Item()), item])
            if merged:
                items_for[(kind, agenda.ref)] = merged
        else:
            by_kind.setdefault("aob" if kind not in ("matters_arising",) else kind, []).append(item)
    themes, not_discussed = _actions(store, meeting, plan, start, items_for)
    people = [a for a in meeting.attendance]
    arising = [
        ArisingMinute(a.ref, a.text, _name(plan, a.owner), a.due, False)
        for a in store.actions_arising(meeting.plan_id, meeting_id=meeting.id)
    ]
    return Minutes(
        meeting_id=meeting.id, closed=meeting.closed, group=_group(plan, meeting.chair),
        partnership=plan.partnership, plan_title=plan.title, plan_version=plan.version,
        title=meeting.title, held_on=meeting.held_on, opened=meeting.started_at,
        closed_at=meeting.closed_at, chair=_name(plan, meeting.chair),
        present=[_person(plan, a.name, a.person_id, a.organisation) for a in people if a.status == "present"],
        in_attendance=[_person(plan, a.name, a.person_id, a.organisation) for a in people if a.status == "guest"],
        apologies=[_person(plan, a.name, a.person_id, a.organisation) for a in people if a.status == "apologies"],
        matters_arising=_matters_arising(store, meeting, plan, start),
        matters_item=_merge(by_kind.get("matters_arising", [])),
        status_order=[s.name for s in plan.rag_scale] + [NOT_RATED],
        themes=themes, not_discussed=not_discussed,
        risks=_risks(store, meeting, plan, start, items_for),
        indicators=_indicators(store, meeting, plan, start, items_for),
        arising=arising, aob_item=_merge(by_kind.get("aob", [])), next_meeting=meeting.next_meeting,
    )
