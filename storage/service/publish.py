"""`steerco publish`: a sanitised SQLite copy of one plan's agreed record, and the Datasette
metadata that serves it (docs/publish.md).

What goes in: the plan's actions with their agreed status (the latest the chair or a closed
meeting recorded) and that status history, the risk register with its ratings, the indicators
and their values, the closed meetings with who attended, the minutes the partnership has
approved (Markdown), and the actions arising from closed meetings. What never does: officers'
proposals (pending or not: the `proposals` table is not read), anything recorded at a meeting
still open or abandoned, an action, risk or indicator the plan marks `confidential: true` (nor
its history, nor minutes that take it as an item or quote it), any other plan's rows, and the
store's own tables (plan snapshots, imported files, steerco_meta).

Overdue is worked out here, by the one rule (storage.plan.status.is_late and the action's own
`overdue_words`), as of the day of publishing: Datasette's queries read the column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.plan.index import plan_index
from storage.plan.status import NOT_RATED, NOT_RATED_MARK, UNRATED_CODE, is_arising_late, is_late
from storage.store import publish as copy
from storage.store.files import FileWriteError, write_file

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.service.service import Service
    from storage.store.records import Meeting

__all__ = ["METADATA_NAME", "PublishError", "Published", "publish"]

METADATA_NAME = "metadata.json"
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

Column = tuple[str, str, str]  # name, SQLite type, what it means (Datasette's column description)


@dataclass(frozen=True)
class Spec:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()


TABLES: tuple[Spec, ...] = (
    Spec("about", "What this copy is: the plan, its version and the day it was published.", (
        ("plan_id", "TEXT", "The plan's short id"),
        ("title", "TEXT", "The plan's title"),
        ("version", "TEXT", "The plan's version, as written"),
        ("partnership", "TEXT", "The partnership the plan belongs to"),
        ("as_of", "TEXT", "The day statuses and overdue actions were worked out for (YYYY-MM-DD)"),
        ("published_at", "TEXT", "When the copy was made (UTC)"),
    ), ("plan_id",)),
    Spec("actions", "Every action of the plan with its agreed status (the latest a meeting or the chair recorded).", (
        ("id", "TEXT", "The action's id in the plan"),
        ("position", "INTEGER", "Its place in the plan, from 1"),
        ("theme_id", "TEXT", "The theme it stands under"),
        ("theme", "TEXT", "The theme's title"),
        ("title", "TEXT", "The action's short title"),
        ("text", "TEXT", "The action as agreed in the plan"),
        ("owner", "TEXT", "Who owns it"),
        ("deadline", "TEXT", "Its deadline as the plan writes it"),
        ("due", "TEXT", "The date the deadline resolves to (YYYY-MM-DD)"),
        ("status", "TEXT", f"The agreed status code on the plan's scale ('{UNRATED_CODE}': not yet rated)"),
        ("status_name", "TEXT", "The status in words"),
        ("symbol", "TEXT", "The status's symbol on the plan's scale"),
        ("last_updated", "TEXT", "When the agreed status was recorded (UTC), or empty"),
        ("overdue", "INTEGER", "1 when past its deadline (or an open milestone's) and not complete, as of as_of"),
        ("overdue_words", "TEXT", "Why it is overdue ('OVERDUE', or the milestone), else empty"),
        ("as_of", "TEXT", "The day overdue was worked out for"),
    ), ("id",)),
    Spec("status_history", "Every agreed status of every action, oldest first (no officers' proposals).", (
        ("id", "INTEGER", "The record's number"),
        ("action_id", "TEXT", "The action (actions.id)"),
        ("status", "TEXT", "The status code"),
        ("status_name", "TEXT", "The status in words"),
        ("symbol", "TEXT", "The status's symbol"),
        ("note", "TEXT", "The note recorded with it"),
        ("recorded_at", "TEXT", "When it was recorded (UTC)"),
        ("recorded_by", "TEXT", "Who recorded it (the chair)"),
        ("meeting_id", "INTEGER", "The meeting it was agreed at (meetings.id), or empty: recorded by the chair"),
    ), ("id",)),
    Spec("risks", "The risk register with each risk's current rating: the latest re-rating, else the register's.", (
        ("id", "TEXT", "The risk's id"),
        ("position", "INTEGER", "Its place in the register, from 1"),
        ("type", "TEXT", "The kind of risk"),
        ("description", "TEXT", "The risk"),
        ("owner", "TEXT", "Who owns it"),
        ("controls", "TEXT", "Controls in place"),
        ("further_actions", "TEXT", "Further actions planned"),
        ("impact", "INTEGER", "Impact, 1-5"),
        ("likelihood", "INTEGER", "Likelihood, 1-5"),
        ("rating", "INTEGER", "Impact × likelihood"),
        ("band", "TEXT", "The rating's band on the plan's scale"),
        ("residual", "INTEGER", "Residual rating after controls, or empty"),
        ("last_rated", "TEXT", "When it was last re-rated (UTC), or empty: as registered"),
        ("rating_note", "TEXT", "The note recorded with the latest re-rating"),
    ), ("id",)),
    Spec("risk_ratings", "Every agreed re-rating of a risk, oldest first.", (
        ("id", "INTEGER", "The record's number"),
        ("risk_id", "TEXT", "The risk (risks.id)"),
        ("impact", "INTEGER", "Impact, 1-5"),
        ("likelihood", "INTEGER", "Likelihood, 1-5"),
        ("rating", "INTEGER", "Impact × likelihood"),
        ("band", "TEXT", "The rating's band"),
        ("residual", "INTEGER", "Residual rating, or empty"),
        ("note", "TEXT", "The note recorded with it"),
        ("recorded_at", "TEXT", "When it was recorded (UTC)"),
        ("recorded_by", "TEXT", "Who recorded it"),
        ("meeting_id", "INTEGER", "The meeting it was agreed at, or empty"),
    ), ("id",)),
    Spec("indicators", "The plan's performance indicators.", (
        ("id", "TEXT", "The indicator's id"),
        ("position", "INTEGER", "Its place in the plan, from 1"),
        ("title", "TEXT", "What it measures"),
        ("category", "TEXT", "Its category"),
        ("unit", "TEXT", "Its unit"),
        ("lower_is_better", "INTEGER", "1 when a lower value is better"),
        ("baseline", "TEXT", "The baseline, as written"),
        ("targets", "TEXT", "The targets, as written, one a line"),
        ("notes", "TEXT", "Notes"),
    ), ("id",)),
    Spec("indicator_values", "Every value recorded for an indicator, oldest first.", (
        ("id", "INTEGER", "The record's number"),
        ("indicator_id", "TEXT", "The indicator (indicators.id)"),
        ("period", "TEXT", "The period the value is for, as written"),
        ("value", "REAL", "The value"),
        ("note", "TEXT", "The note recorded with it"),
        ("recorded_at", "TEXT", "When it was recorded (UTC)"),
        ("meeting_id", "INTEGER", "The meeting it was recorded at, or empty"),
    ), ("id",)),
    Spec("meetings", "The plan's closed meetings (open and abandoned ones are left out).", (
        ("id", "INTEGER", "The meeting's number"),
        ("held_on", "TEXT", "The date it was held"),
        ("title", "TEXT", "Its title, if any"),
        ("chair", "TEXT", "Who chaired"),
        ("closed_at", "TEXT", "When it was closed (UTC)"),
        ("next_meeting", "TEXT", "The date set for the next meeting"),
        ("minutes", "TEXT", "'approved' (in the minutes table) or 'draft' (not published until approved)"),
        ("approved_at_meeting", "INTEGER", "The meeting that approved its minutes, or empty"),
    ), ("id",)),
    Spec("attendance", "Who was at each closed meeting, as the minutes name them.", (
        ("meeting_id", "INTEGER", "The meeting (meetings.id)"),
        ("position", "INTEGER", "Order in the list, from 1"),
        ("name", "TEXT", "The name as the minutes show it"),
        ("organisation", "TEXT", "The organisation they represent"),
        ("status", "TEXT", "present, apologies or guest"),
    ), ("meeting_id", "position")),
    Spec("minutes", "The minutes a later meeting approved as a true record, as Markdown. Drafts are never here.", (
        ("meeting_id", "INTEGER", "The meeting minuted (meetings.id)"),
        ("held_on", "TEXT", "Its date"),
        ("approved_at_meeting", "INTEGER", "The meeting that approved them"),
        ("approved_on", "TEXT", "That meeting's date"),
        ("markdown", "TEXT", "The minutes (Markdown), or empty when withheld"),
        ("withheld", "TEXT", "Why the text is withheld (they take a confidential item), else empty"),
    ), ("meeting_id",)),
    Spec("actions_arising", "Actions arising from closed meetings with their latest status.", (
        ("ref", "TEXT", "Its reference: M3/1 is meeting 3's first"),
        ("meeting_id", "INTEGER", "The meeting it arose at (meetings.id)"),
        ("raised_on", "TEXT", "That meeting's date"),
        ("text", "TEXT", "The action"),
        ("owner", "TEXT", "Who owns it"),
        ("due", "TEXT", "Its due date, or empty"),
        ("status", "TEXT", "open, done, carried forward or dropped"),
        ("overdue", "INTEGER", "1 when past its due date and still open or carried forward, as of the day published"),
    ), ("ref",)),
)

class PublishError(Exception):
    """The copy cannot be made as asked; the message is one line."""


@dataclass(frozen=True)
class Published:
    plan_id: str
    database: Path
    metadata: Path
    rows: dict[str, int]
    left_out: dict[str, int] = field(default_factory=dict)  # confidential items and unsettled records not published
    withheld_minutes: tuple[int, ...] = ()  # approved minutes whose text is withheld (a confidential item)

    def as_json(self) -> dict[str, Any]:
        return {"plan": self.plan_id, "database": str(self.database), "metadata": str(self.metadata),
                "rows": self.rows, "left_out": self.left_out, "withheld_minutes": list(self.withheld_minutes)}


def publish(service: Service, plan_id: str, folder: Path) -> Published:
    """Write FOLDER/PLAN.db and merge this plan into FOLDER/metadata.json (PublishError, FileWriteError)."""
    if not _SAFE_NAME.fullmatch(plan_id):
        raise PublishError(f"plan id {plan_id!r} cannot name a file; give the plan an id of letters, digits, . _ -")
    target = folder / f"{plan_id}.db"
    _refuse_live_store(service.db_path, folder, target)
    plan = service.plan(plan_id)
    tables, left_out, withheld = _tables(service, plan)
    metadata_path = folder / METADATA_NAME
    metadata = _merged_metadata(metadata_path, plan, service.today())
    copy.write_copy(target, [copy.PublishedTable(spec.name, tuple((c[0], c[1]) for c in spec.columns),
                                                 tables[spec.name], spec.key) for spec in TABLES])
    write_file(metadata_path, json.dumps(metadata, ensure_ascii=False, indent=2) + "\n")
    return Published(plan_id, target, metadata_path, {name: len(rows) for name, rows in tables.items()},
                     left_out, tuple(withheld))


def _refuse_live_store(store: Path, folder: Path, target: Path) -> None:
    live = store.resolve()
    if target.resolve() == live or (folder.exists() and folder.resolve() == live.parent):
        raise FileWriteError(target, f"that folder holds the live store ({store}); publish to another folder")


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="seconds")


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _tables(service: Service, plan: Plan) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, int], list[int]]:
    store = service._store
    today = service.today()
    index = plan_index(plan)
    meetings = [m for m in store.meetings(plan.id) if m.closed]
    settled = {m.id for m in meetings}
    approved = copy.approvals(store, plan.id)
    hidden_actions = {a.id for _, a in plan.actions() if a.confidential}
    hidden_risks = {r.id for r in plan.risks if r.confidential}
    hidden_indicators = {i.id for i in plan.indicators if i.confidential}
    left_out = {"confidential_actions": len(hidden_actions), "confidential_risks": len(hidden_risks),
                "confidential_indicators": len(hidden_indicators), "unsettled_records": 0}

    def agreed(rows: list[tuple[Any, ...]], shown: set[str]) -> list[tuple[Any, ...]]:
        """The rows of items shown (item id second) not recorded at a meeting still open (meeting id last)."""
        kept = [row for row in rows if row[1] in shown]
        settled_rows = [row for row in kept if row[-1] is None or row[-1] in settled]
        left_out["unsettled_records"] += len(kept) - len(settled_rows)
        return settled_rows

    words = {s.code: (s.name, s.symbol) for s in plan.rag_scale} | {UNRATED_CODE: (NOT_RATED, NOT_RATED_MARK)}

    def status(code: str) -> tuple[str, str]:
        return words.get(code, (code, code))

    actions = [(theme, a) for theme, a in plan.actions() if a.id not in hidden_actions]
    every_update = copy.agreed_updates(store, plan.id)
    updates = agreed(every_update, {a.id for _, a in actions})
    current = {u[1]: u for u in updates}
    out: dict[str, list[tuple[Any, ...]]] = {}
    out["about"] = [(plan.id, plan.title, plan.version, plan.partnership, today.isoformat(),
                     _when(service.now()))]
    rows = []
    for position, (theme, action) in enumerate(actions, 1):
        latest = current.get(action.id)
        code = latest[2] if latest else UNRATED_CODE
        late = is_late(action.late_due, code, today, plan.complete_code)
        rows.append((action.id, position, theme.id, theme.title, action.display_title, action.text,
                     index.owner_label(action), action.deadline, _day(action.due), code, *status(code),
                     latest[4] if latest else None, int(late),
                     action.overdue_words(today) if late else "", today.isoformat()))
    out["actions"] = rows
    # Numbered afresh, 1..n: the store's ids would show by their gaps that hidden records exist.
    out["status_history"] = [(n, *u[1:3], *status(u[2]), *u[3:]) for n, u in enumerate(updates, 1)]

    def band(rating: int) -> str | None:
        found = plan.band(rating)
        return found.name if found else None

    risks = [r for r in plan.risks if r.id not in hidden_risks]
    every_rating = copy.agreed_ratings(store, plan.id)
    ratings = agreed(every_rating, {r.id for r in risks})
    rated = {r[1]: r for r in ratings}
    out["risks"] = []
    for position, risk in enumerate(risks, 1):
        last = rated.get(risk.id)
        impact, likelihood = (last[2], last[3]) if last else (risk.impact, risk.likelihood)
        out["risks"].append((risk.id, position, risk.type, risk.description, index.risk_owner_label(risk),
                             risk.controls, risk.further_actions, impact, likelihood, impact * likelihood,
                             band(impact * likelihood), last[5] if last else risk.residual_rating,
                             last[7] if last else None, last[6] if last else None))
    out["risk_ratings"] = [(n, *r[1:5], band(r[4]), *r[5:]) for n, r in enumerate(ratings, 1)]

    indicators = [i for i in plan.indicators if i.id not in hidden_indicators]
    out["indicators"] = [(i.id, position, i.title, i.category, i.unit, int(i.lower_is_better),
                          i.baseline.as_written if i.baseline else None,
                          "\n".join(t.as_written for t in i.targets) or None, i.notes)
                         for position, i in enumerate(indicators, 1)]
    shown_indicators = {i.id for i in indicators}
    every_value = store.indicator_values(plan.id)
    values = [v for v in every_value if v.indicator_id in shown_indicators]
    kept_values = [v for v in values if v.meeting_id is None or v.meeting_id in settled]
    left_out["unsettled_records"] += len(values) - len(kept_values)
    out["indicator_values"] = [(n, v.indicator_id, v.period, v.value, v.note, _when(v.recorded_at), v.meeting_id)
                               for n, v in enumerate(kept_values, 1)]

    out["meetings"] = [(m.id, m.held_on.isoformat(), m.title, m.chair, _when(m.closed_at), _day(m.next_meeting),
                        "approved" if m.id in approved else "draft", approved.get(m.id, (None,))[0])
                       for m in meetings]
    out["attendance"] = [(m.id, position, a.name, a.organisation, a.status)
                         for m in meetings for position, a in enumerate(m.attendance, 1)]
    secret = _confidential_words(plan, hidden_actions, hidden_risks, hidden_indicators, [
        *(u[3] for u in every_update if u[1] in hidden_actions),
        *(r[6] for r in every_rating if r[1] in hidden_risks),
        *(v.note for v in every_value if v.indicator_id in hidden_indicators)])
    hidden_refs = ({("action", a) for a in hidden_actions} | {("risk", r) for r in hidden_risks}
                   | {("indicator", i) for i in hidden_indicators})
    out["minutes"], withheld = [], []
    for m in meetings:
        if m.id not in approved:
            continue
        by, on = approved[m.id]
        text: str | None = service.minutes(m.id)
        reason = None
        if _takes(m, hidden_refs) or any(word in (text or "") for word in secret):
            text, reason = None, "the minutes take an item the plan marks confidential"
            withheld.append(m.id)
        out["minutes"].append((m.id, m.held_on.isoformat(), by, on, text, reason))

    by_id = {m.id: m for m in meetings}
    arising = [a for a in store.actions_arising(plan.id) if a.meeting_id in settled]
    shown_arising = [a for a in arising if not _raised_on(by_id[a.meeting_id], a.position, hidden_refs)]
    left_out["confidential_actions_arising"] = len(arising) - len(shown_arising)
    out["actions_arising"] = [
        (a.ref, a.meeting_id, by_id[a.meeting_id].held_on.isoformat(), a.text,
         index.owner_names.get(a.owner, a.owner), _day(a.due), a.status, int(is_arising_late(a.due, a.status, today)))
        for a in shown_arising]
    return out, left_out, withheld


def _takes(meeting: Meeting, hidden: set[tuple[str, str]]) -> bool:
    return any((item.kind, item.ref) in hidden for item in meeting.agenda)


def _raised_on(meeting: Meeting, position: int, hidden: set[tuple[str, str]]) -> bool:
    """True when the agenda item at `position` (1-based) takes a confidential action, risk or indicator."""
    if not 1 <= position <= len(meeting.agenda):
        return False
    item = meeting.agenda[position - 1]
    return (item.kind, item.ref) in hidden


def _confidential_words(plan: Plan, actions: set[str], risks: set[str], indicators: set[str],
                        notes: Iterable[str]) -> list[str]:
    """The texts of the confidential items: minutes that quote one are withheld."""
    words: list[str | None] = list(notes)
    for _, action in plan.actions():
        if action.id in actions:
            words += [action.text, action.title, action.measure, action.commentary]
    for risk in plan.risks:
        if risk.id in risks:
            words += [risk.description, risk.controls, risk.further_actions]
    for indicator in plan.indicators:
        if indicator.id in indicators:
            words += [indicator.title, indicator.notes]
    return [w.strip() for w in words if w and len(w.strip()) >= 8]


def _merged_metadata(path: Path, plan: Plan, today: date) -> dict[str, Any]:
    """The folder's Datasette metadata with this plan's database described (every other plan's kept)."""
    metadata: dict[str, Any] = {}
    if path.exists():
        try:
            metadata = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PublishError(f"{path}: not a metadata file steerco can merge into ({exc}); move it away") from None
        if not isinstance(metadata, dict) or not isinstance(metadata.get("databases", {}), dict):
            raise PublishError(f"{path}: not Datasette metadata (a JSON object with 'databases'); move it away")
    metadata.setdefault("title", "Partnership delivery plans")
    metadata.setdefault("description", "The agreed position of each plan, published by steerco: statuses, risks, "
                                       "indicators, meetings and approved minutes. Officers' proposals and items "
                                       "marked confidential are not published.")
    metadata.setdefault("source", "steerco publish")
    databases = metadata.setdefault("databases", {})
    who = f"{plan.partnership}: " if plan.partnership else ""
    databases[plan.id] = {
        "title": plan.title,
        "description": f"{who}the agreed position as of {today.isoformat()}"
                       + (f" (plan version {plan.version})" if plan.version else "") + ".",
        "tables": {spec.name: {"description": spec.description,
                               "columns": {name: meaning for name, _, meaning in spec.columns}} for spec in TABLES},
        "queries": copy.QUERIES,
    }
    return metadata
