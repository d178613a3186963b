"""What `steerco status` and `steerco history` print: one dict of data, shown as JSON or rich tables.

Status is never shown by colour alone: every cell carries the letter (and symbol).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from steerco.cli_common import echo_json
from storage.plan_index import plan_index

COLOURS = {"R": "bold white on red", "A": "bold black on dark_orange", "G": "bold white on green4",
           "B": "bold white on blue"}


def local(moment: datetime | None) -> str | None:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else None


def complete_code(plan: Any) -> str:
    """The code of the plan's 'done' status: the highest rank on its scale."""
    return str(max(plan.rag_scale, key=lambda s: s.rank).code)


def status_data(plan: Any, store: Any, today: date | None = None) -> dict[str, Any]:
    """Every action and risk of the plan with its current state, as plain data."""
    today = today or date.today()
    current, trends = store.statuses_and_trends(plan.id, 6)
    done = complete_code(plan)
    index = plan_index(plan)  # owners' names and the scale by dict, not a list walk per action
    actions = []
    for _, action in plan.actions():
        update = current.get(action.id)
        rag = update.rag if update else None
        status = index.rag_status(rag) if rag else None
        actions.append({
            "id": action.id, "title": action.display_title, "owner": index.owner_name(action.owner),
            "deadline": action.deadline, "due": action.due.isoformat() if action.due else None,
            "overdue": bool(action.due and action.due < today and rag != done),
            "rag": rag, "rag_name": status.name if status else None,
            "symbol": status.symbol if status else None,
            "trend": trends.get(action.id, []), "note": update.note if update else None,
            "by": update.author if update else None,
            "last_updated": local(update.recorded_at) if update else None,
        })
    ratings = store.current_risk_ratings(plan.id)
    risks = []
    for risk in plan.risks:
        rated = ratings.get(risk.id)
        impact, likelihood, rating = (rated.impact, rated.likelihood, rated.rating) if rated else (
            risk.impact, risk.likelihood, risk.rating)
        band = plan.band(rating)
        risks.append({
            "id": risk.id, "description": risk.description, "impact": impact, "likelihood": likelihood,
            "rating": rating, "band": band.name if band else None,
            "residual": rated.residual if rated and rated.residual is not None else risk.residual_rating,
            "rated": "re-rated" if rated else "as registered",
            "last_rated": local(rated.recorded_at) if rated else None,
        })
    orphaned = [{"action_id": u.action_id, "rag": u.rag, "note": u.note, "by": u.author,
                 "last_updated": local(u.recorded_at)} for a, u in sorted(current.items()) if a not in index.actions]
    return {"plan": {"id": plan.id, "title": plan.title, "version": plan.version},
            "today": today.isoformat(), "actions": actions, "risks": risks, "orphaned": orphaned}


def rag_cell(code: str | None, symbol: str | None = None) -> Text:
    if not code:
        return Text("- not rated", style="dim")
    label = f"{symbol} {code}" if symbol else code
    return Text(label, style=COLOURS.get(code, "bold"))


def show_status(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        echo_json(data)
        return
    console = Console()
    plan = data["plan"]
    actions = Table(title=f"{plan['title']} (plan {plan['id']}, version {plan['version']})", show_lines=False)
    for column in ("Id", "Action", "Owner", "Deadline", "RAG", "Trend", "Last updated"):
        actions.add_column(column, overflow="fold", no_wrap=column in ("Id", "RAG", "Trend", "Last updated"))
    for a in data["actions"]:
        deadline = Text(a["deadline"] or (a["due"] or ""))
        if a["overdue"]:
            deadline.append(" OVERDUE", style="bold red")
        actions.add_row(a["id"], a["title"], a["owner"], deadline, rag_cell(a["rag"], a["symbol"]),
                        " ".join(a["trend"]), a["last_updated"] or "never")
    console.print(actions)
    if data["risks"]:
        risks = Table(title="Risks")
        for column in ("Id", "Risk", "I × L", "Rating", "Band", "Residual", "Source"):
            risks.add_column(column, overflow="fold")
        for r in data["risks"]:
            risks.add_row(r["id"], r["description"], f"{r['impact']} × {r['likelihood']}", str(r["rating"]),
                          r["band"] or "", str(r["residual"] or ""), r["rated"])
        console.print(risks)
    if data["orphaned"]:
        orphans = Table(title="Orphaned updates: actions no longer in the plan")
        for column in ("Action", "RAG", "Note", "By", "Last updated"):
            orphans.add_column(column, overflow="fold")
        for o in data["orphaned"]:
            orphans.add_row(o["action_id"], rag_cell(o["rag"]), o["note"], o["by"], o["last_updated"])
        console.print(orphans)


def show_history(plan: Any, action_id: str, entries: list[Any], as_json: bool) -> None:
    action = plan.action(action_id)
    orphaned = action is None
    rows = [{"id": u.id, "rag": u.rag, "rag_name": (plan.rag(u.rag).name if plan.rag(u.rag) else None),
             "note": u.note, "by": u.author, "recorded_at": u.recorded_at.isoformat(),
             "local_time": local(u.recorded_at), "source": u.source, "meeting_id": u.meeting_id}
            for u in entries]
    if as_json:
        echo_json({"plan": plan.id, "action": action_id, "orphaned": orphaned,
                   "title": action.display_title if action else None, "entries": rows})
        return
    title = f"{plan.id} {action_id}: " + (action.display_title if action else "ORPHANED (no longer in the plan)")
    table = Table(title=title)
    for column in ("When", "RAG", "Note", "By", "Source", "Meeting"):
        table.add_column(column, overflow="fold")
    for row in rows:
        status = plan.rag(row["rag"])
        table.add_row(row["local_time"], rag_cell(row["rag"], status.symbol if status else None), row["note"],
                      row["by"], row["source"], str(row["meeting_id"] or ""))
    console = Console()
    console.print(table)
    if not rows:
        console.print("No updates recorded yet.")
