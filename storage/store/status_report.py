"""What `steerco status` reports: every action and risk of a plan with its current state.

The document is JSON. Its actions, the bulk of it, are made by SQLite in one query: the
outline's actions image (storage/store/outline_image.py, attached for the call), which holds
the start of each action's object as the plan gives it, joined to `action_state`, which holds
each action's latest status, note, author, time and trend, rendered by `json_object`.
`next_due` and `deadline_kind` are the deadline as every view words it
(storage/plan/deadline_text.py: a recurring deadline's next occurrence as of the report's day;
Python is called only for actions without a `due` date). Late is `storage.plan.status.is_late`
on the action's `late_due` (its own due date or an open milestone's), the rule every view uses,
in the SQL form that module gives it (`late_sql`): a Python call per action was a seventh of
row 4's instructions (docs/performance.md); `on_scale` is `storage.plan.status.is_off_scale`, negated,
in its SQL form (`off_scale_sql`) over the outline's scale. The actions come back as UTF-8 bytes, never decoded
in Python; risks and orphaned updates (a few rows) are built in Python and spliced in. Times are
UTC ISO-8601, as stored (`steerco status` without `--json` shows them in local time). Headless:
`steerco status` prints it, a script can call it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from storage.cache.outline import PlanOutline
from storage.plan.status import AS_REGISTERED, late_sql, off_scale_sql
from storage.store.outline_image import attached
from storage.store.records import when
from storage.store.store import Store

SCHEMA = "status_outline"  # attached to the store's connection for the call only (named in the SQL)

#: The actions, comma-separated (the brackets are added in Python: 4 MB not copied twice
#: more), and how many of them have a state (orphaned states are looked for only when the
#: plan has more states than that).
ACTIONS_SQL = f"""
SELECT CAST(group_concat(a.head || ',' || substr(json_object(
    'next_due', CASE WHEN a.due IS NOT NULL OR a.deadline IS NULL THEN a.due ELSE next_due(a.deadline, :today) END,
    'deadline_kind', CASE WHEN a.due IS NOT NULL THEN 'date' ELSE deadline_kind(a.deadline) END,
    'overdue', json(iif({late_sql("a.late_due", "s.rag", ":today", ":done")}, 'true', 'false')),
    'rag', s.rag, 'rag_name', c.name, 'symbol', c.symbol,
    'on_scale', json(iif({off_scale_sql("s.rag", "(SELECT code FROM status_outline.scale)")}, 'false', 'true')),
    'trend', json(coalesce(s.trend, '[]')),
    'note', s.note, 'by', s.author, 'last_updated', s.recorded_at), 2), ',') AS BLOB),
    count(s.action_id)
FROM status_outline.actions a
LEFT JOIN action_state s ON s.plan_id = :plan AND s.action_id = a.id
LEFT JOIN status_outline.scale c ON c.code = s.rag
"""

STATES_SQL = "SELECT count(*) FROM action_state WHERE plan_id = :plan"

ORPHANS_SQL = """
SELECT s.action_id, s.rag, s.note, s.author, s.recorded_at FROM action_state s
WHERE s.plan_id = :plan AND NOT EXISTS (SELECT 1 FROM status_outline.actions a WHERE a.id = s.action_id)
ORDER BY s.action_id
"""


LATEST_SQL = "SELECT action_id, rag, recorded_at FROM action_state WHERE plan_id = ?"


def latest_statuses(store: Store, plan_id: str) -> dict[str, tuple[str, datetime | None]]:
    """(RAG code, time recorded) of every action's latest update (orphans included): what the
    home screen counts, without building an Update each."""
    return {action_id: (rag, when(at)) for action_id, rag, at in store.conn.execute(LATEST_SQL, [plan_id])}


def _next_due(deadline: str, today: str) -> str | None:
    """`next_due` (storage/plan/deadline_text.py) of an action with no `due`, on the query's ISO dates."""
    from storage.plan.deadline_text import next_due  # not before home's first paint, which imports this module

    found = next_due(deadline, None, date.fromisoformat(today))
    return found.isoformat() if found else None


def _deadline_kind(deadline: str | None) -> str | None:
    """The kind of an action's deadline with no `due` (null when none is written)."""
    from storage.plan.deadline_text import NONE, deadline_text

    kind = deadline_text(deadline, None, date.min).kind
    return None if kind == NONE else kind


def local(moment: datetime | None) -> str | None:
    """'YYYY-MM-DD HH:MM' in local time (isoformat: a third of strftime's cost)."""
    return moment.astimezone().isoformat(" ", "minutes")[:16] if moment else None


def status_report(outline: PlanOutline, store: Store, today: date | None = None) -> str:
    """The status of every action and risk of the plan, as one JSON document (compact)."""
    return status_json(outline, store, today).decode()


def status_json(outline: PlanOutline, store: Store, today: date | None = None) -> bytes:
    """`status_report` as UTF-8 bytes, as SQLite makes them (no decoding of ~4 MB)."""
    return b"".join(status_parts(outline, store, today))


def status_parts(outline: PlanOutline, store: Store, today: date | None = None) -> list[bytes]:
    """`status_json` in the pieces it is made of, to be written one after another (the ~4 MB
    of actions not copied once more to join them)."""
    today = today or date.today()
    conn = store.conn
    conn.create_function("next_due", 2, _next_due, deterministic=True)
    conn.create_function("deadline_kind", 1, _deadline_kind, deterministic=True)
    params: dict[str, Any] = {"plan": outline.id, "today": today.isoformat(), "done": outline.done}
    with attached(conn, outline.actions_image(), SCHEMA):
        conn.execute("BEGIN")  # one snapshot of the store for actions and orphans; nothing is written
        try:
            actions, matched = conn.execute(ACTIONS_SQL, params).fetchone()
            orphaned = [] if conn.execute(STATES_SQL, params).fetchone()[0] == matched else [
                {"action_id": a, "rag": rag, "note": note, "by": by, "last_updated": at}
                for a, rag, note, by, at in conn.execute(ORPHANS_SQL, params)]
        finally:
            conn.execute("ROLLBACK")
    head = {"plan": {"id": outline.id, "title": outline.title, "version": outline.version},
            "today": today.isoformat()}
    return [_dumps(head)[:-1].encode() + b',"actions":[', actions or b"",
            (f'],"risks":{_dumps(risks(outline, store))},"orphaned":{_dumps(orphaned)}}}').encode()]


def risks(outline: PlanOutline, store: Store) -> list[dict[str, Any]]:
    """Every risk with its current rating: the latest re-rating, else the register's."""
    ratings = store.current_risk_ratings(outline.id)
    out = []
    for risk in outline.risks:
        rated = ratings.get(risk["id"])
        impact, likelihood, rating = (rated.impact, rated.likelihood, rated.rating) if rated else (
            risk["impact"], risk["likelihood"], risk["rating"])
        out.append({
            "id": risk["id"], "description": risk["description"], "impact": impact, "likelihood": likelihood,
            "rating": rating, "band": outline.band(rating), "owner": risk["owner"],
            "residual": rated.residual if rated and rated.residual is not None else risk["residual_rating"],
            "rated": "re-rated" if rated else AS_REGISTERED,
            "last_rated": rated.recorded_at.isoformat(timespec="microseconds") if rated else None,
        })
    return out


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
