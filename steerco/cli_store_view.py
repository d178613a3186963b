"""How `steerco status` and `steerco history` show their data as rich tables (or JSON for history).

Status is never shown by colour alone: every cell carries the letter (and symbol).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from steerco.cli_common import echo_bytes
from storage.service import AT_RISK, COMPLETE, DEFAULT_RANKS, OFF_TRACK, ON_TRACK, deadline_text, tones
from storage.service.exchange_files import escape_unsafe
from storage.service.reports import local_time as local

#: The colour of each tone of a plan's scale (`storage.plan.status.tones`: R, A, G, B by default).
TONE_COLOURS = {OFF_TRACK: "bold white on red", AT_RISK: "bold black on dark_orange", ON_TRACK: "bold white on green4",
                COMPLETE: "bold white on blue"}
DEFAULT_TONES = tones(DEFAULT_RANKS)


def shown(stamp: str | None) -> str | None:
    """A stored UTC time in local time, to the minute."""
    return local(datetime.fromisoformat(stamp)) if stamp else None


def rag_cell(code: str | None, symbol: str | None = None, tone_of: Mapping[str, str] = DEFAULT_TONES) -> Text:
    """A status as its symbol and letter, coloured by its tone on the plan's scale (`tone_of`)."""
    if not code:
        return Text("- not rated", style="dim")
    label = f"{symbol} {code}" if symbol else code
    tone = tone_of.get(code)
    return Text(label, style=TONE_COLOURS[tone] if tone else "bold")


def show_status(data: dict[str, Any], ranks: Iterable[tuple[str, int]] | None = None) -> None:
    """The report of storage.store.status_report as tables; `ranks`: the plan's scale as
    (code, rank) pairs (the default scale's when None)."""
    tone_of = DEFAULT_TONES if ranks is None else tones(ranks)
    console = Console()
    plan = data["plan"]
    version = f", version {plan['version']}" if plan.get("version") else ""
    actions = Table(title=f"{plan['title']} (plan {plan['id']}{version})", show_lines=False)
    for column in ("Id", "Action", "Owner", "Deadline", "RAG", "Trend", "Last updated"):
        actions.add_column(column, overflow="fold", no_wrap=column in ("Id", "RAG", "Trend", "Last updated"))
    today = date.fromisoformat(data["today"])
    for a in data["actions"]:
        deadline = Text(deadline_text(a["deadline"], date.fromisoformat(a["due"]) if a["due"] else None, today).full)
        if a["overdue"]:
            deadline.append(" OVERDUE", style="bold red")
        actions.add_row(a["id"], a["title"], a["owner"], deadline, rag_cell(a["rag"], a["symbol"], tone_of),
                        " ".join(a["trend"]), shown(a["last_updated"]) or "never")
    console.print(actions)
    if data["risks"]:
        risks = Table(title="Risks")
        for column in ("Id", "Risk", "Owner", "Rating", "Residual", "Source"):  # 80 columns: the band under the rating
            risks.add_column(column, overflow="fold", max_width=10 if column == "Source" else None)
        for r in data["risks"]:
            rating = f"{r['impact']} × {r['likelihood']} = {r['rating']}" + (f"\n{r['band']}" if r["band"] else "")
            risks.add_row(r["id"], r["description"], r["owner"], rating, str(r["residual"] or ""), r["rated"])
        console.print(risks)
    if data["orphaned"]:
        orphans = Table(title="Orphaned updates: actions no longer in the plan")
        for column in ("Action", "RAG", "Note", "By", "Last updated"):
            orphans.add_column(column, overflow="fold")
        for o in data["orphaned"]:
            orphans.add_row(o["action_id"], rag_cell(o["rag"], None, tone_of), o["note"], o["by"],
                            shown(o["last_updated"]))
        console.print(orphans)


def show_history(plan: Any, action_id: str, entries: list[Any], as_json: bool) -> None:
    action = plan.action(action_id)
    orphaned = action is None
    rows = [{"id": u.id, "rag": u.rag, "rag_name": (plan.rag(u.rag).name if plan.rag(u.rag) else None),
             "note": u.note, "by": u.author, "recorded_at": u.recorded_at.isoformat(),
             "local_time": local(u.recorded_at), "source": u.source, "meeting_id": u.meeting_id}
            for u in entries]
    if as_json:  # as echo_json, with stored control characters as JSON escapes: the same data, inert on a terminal
        data = {"plan": plan.id, "action": action_id, "orphaned": orphaned,
                "title": action.display_title if action else None, "entries": rows}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
        echo_bytes(escape_unsafe(text, json=True).encode())
        return
    title = f"{plan.id} {action_id}: " + (action.display_title if action else "ORPHANED (no longer in the plan)")
    table = Table(title=title)
    for column in ("When", "RAG", "Note", "By", "Source", "Meeting"):
        table.add_column(column, overflow="fold")
    tone_of = plan.rag_tones
    for row in rows:
        status = plan.rag(row["rag"])
        table.add_row(row["local_time"], rag_cell(row["rag"], status.symbol if status else None, tone_of),
                      Text(escape_unsafe(row["note"])), Text(escape_unsafe(row["by"])), row["source"],
                      str(row["meeting_id"] or ""))
    console = Console()
    console.print(table)
    if not rows:
        console.print("No updates recorded yet.")
