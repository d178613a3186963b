"""The action log: every action arising across a plan's meetings, with where it stands.

`gather(store, plan_id, as_of=...)` reads the log; `document` builds it as blocks (one table
per plan, storage/minutes/document.py) that every format is written from, `render` as Markdown,
and `to_json` gives plain data. An action is overdue when its due date is before `as_of` and it
is still open or carried forward; it was closed at the moment its status last
changed to done or dropped. Owners given as roster ids are shown by name, from the
newest plan snapshot in the store, and times in that plan's `meeting.time_zone` (named:
"14:05 BST") unless a zone is given. Same store and `as_of`, same bytes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from storage.minutes.document import Builder, Document, Spans, Text, plain, spans, strong
from storage.minutes.markdown import plain_lines
from storage.minutes.render import clock_time, long_date, short_date
from storage.plan.index import plan_index
from storage.plan.model import Plan
from storage.plan.status import ARISING_OPEN, is_arising_late
from storage.plan.zones import DEFAULT_ZONE, time_zone
from storage.store.snapshot_slice import plan_slice
from storage.store.store import Store

OPEN = ARISING_OPEN
CLOSED = ("done", "dropped")

@dataclass(frozen=True)
class LoggedAction:
    plan: str
    ref: str
    text: str
    owner: str
    owner_id: str
    due: date | None
    status: str
    status_note: str
    overdue: bool
    meeting_id: int
    meeting_date: date
    closed_at: datetime | None
    closed_meeting_id: int | None


def latest_plan(store: Store, plan_id: str) -> Plan | None:
    """The newest stored snapshot of the plan, without its actions (the log needs its roster and titles)."""
    version_id = store.latest_plan_version(plan_id)
    return plan_slice(store, version_id) if version_id is not None else None


def gather(store: Store, plan_id: str | None = None, *, as_of: date, open_only: bool = False) -> list[LoggedAction]:
    """The log of one plan (or of every plan, when `plan_id` is None), oldest first."""
    plans: dict[str, Plan | None] = {}
    out = []
    for row in store.action_log(plan_id, open_only=open_only):
        if row.plan_id not in plans:
            plans[row.plan_id] = latest_plan(store, row.plan_id)
        snapshot = plans[row.plan_id]
        name = plan_index(snapshot).owner_names.get(row.owner, row.owner) if snapshot else row.owner
        out.append(LoggedAction(
            plan=row.plan_id, ref=row.ref, text=row.text, owner=name, owner_id=row.owner, due=row.due,
            status=row.status, status_note=row.status_note, overdue=is_arising_late(row.due, row.status, as_of),
            meeting_id=row.meeting_id, meeting_date=row.held_on, closed_at=row.closed_at,
            closed_meeting_id=row.closed_meeting_id,
        ))
    return out


def to_json(entries: list[LoggedAction], as_of: date) -> dict[str, Any]:
    def one(entry: LoggedAction) -> dict[str, Any]:
        data = asdict(entry)
        for key in ("due", "meeting_date"):
            data[key] = data[key].isoformat() if data[key] else None
        data["closed_at"] = entry.closed_at.isoformat() if entry.closed_at else None
        return data

    return {"as_of": as_of.isoformat(), "actions": [one(e) for e in entries]}


def _status(entry: LoggedAction) -> Spans:
    return spans(entry.status.capitalize(), [" — ", strong("overdue")] if entry.overdue else [],
                 [": ", Text(entry.status_note, "")] if entry.status_note else [])


def _closed(entry: LoggedAction, tz: tzinfo) -> str:
    if entry.closed_at is None:
        return "—"
    local = entry.closed_at.astimezone(tz)
    where = f" (M{entry.closed_meeting_id})" if entry.closed_meeting_id else ""
    return f"{short_date(local.date())} {clock_time(entry.closed_at, tz)}{where}"


def document(store: Store, entries: list[LoggedAction], *, as_of: date, open_only: bool = False,
             tz: tzinfo | None = None) -> Document:
    """The log as a document (storage/minutes/document.py): a heading and a table per plan; times in
    `tz`, or None: each plan's zone. Every format is written from this."""
    doc = Builder()
    title = f"Action log{' (open actions)' if open_only else ''}"
    doc.heading(1, title)
    doc.para(f"As at {long_date(as_of)}.")
    by_plan: dict[str, list[LoggedAction]] = {}
    for entry in entries:
        by_plan.setdefault(entry.plan, []).append(entry)
    if not by_plan:
        doc.para("No actions arising have been recorded." if not open_only else "No actions are open.")
    for plan_id, items in by_plan.items():
        plan = latest_plan(store, plan_id)
        zone = tz or time_zone(plan.meeting.time_zone if plan else DEFAULT_ZONE)
        name = (f"{plan.title} ({plan.partnership})" if plan.partnership else plan.title) if plan else plan_id
        open_count = sum(1 for e in items if e.status in OPEN)
        overdue = sum(1 for e in items if e.overdue)
        doc.heading(2, Text(name))
        doc.para(f"{len(items)} {'action' if len(items) == 1 else 'actions'}: {open_count} open, {overdue} overdue.")
        rows = [[spans(Text(e.ref)), spans(Text(e.text)), spans(Text(e.owner)), spans(short_date(e.due)), _status(e),
                 spans(f"M{e.meeting_id}, {short_date(e.meeting_date)}"), spans(_closed(e, zone))] for e in items]
        doc.table(f"Actions arising: {plain(spans(Text(name)), plain_lines)}",
                  ["Ref", "Action", "Owner", "Due", "Status", "Raised at", "Closed"], rows)
    stem = f"action-log-{'-'.join(by_plan) if len(by_plan) == 1 else 'all'}-{as_of.isoformat()}"
    return doc.document(f"{title}, as at {long_date(as_of)}", created=datetime.combine(as_of, time(), UTC),
                        name=stem)


def render(store: Store, entries: list[LoggedAction], *, as_of: date, open_only: bool = False,
           tz: tzinfo | None = None) -> str:
    """The log as Markdown: a heading and a table per plan; times in `tz`, or None: the plan's zone."""
    from storage.minutes.write_md import write

    return write(document(store, entries, as_of=as_of, open_only=open_only, tz=tz))
