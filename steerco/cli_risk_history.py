"""How `steerco history PLAN RISK` shows a risk's re-ratings: a rich table, or JSON.

The same shape as an action's history (steerco/cli_store_view.py `show_history`): newest
first, stored text escaped so a control character is never printed raw to the terminal.
"""

from __future__ import annotations

import json
from datetime import UTC, tzinfo
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from steerco.cli_common import echo_bytes
from storage.service import rating_text, zoned
from storage.service.exchange_files import escape_unsafe


def _row(plan: Any, r: Any, zone: tzinfo) -> dict[str, Any]:
    band = plan.band(r.rating)
    return {"id": r.id, "impact": r.impact, "likelihood": r.likelihood, "rating": r.rating,
            "band": band.name if band else None, "note": r.note, "by": r.author,
            "recorded_at": r.recorded_at.isoformat(), "local_time": zoned(r.recorded_at, zone)[:16],
            "when": zoned(r.recorded_at, zone), "source": r.source, "meeting_id": r.meeting_id}


def show_risk_history(plan: Any, risk_id: str, ratings: list[Any], as_json: bool, zone: tzinfo = UTC) -> None:
    """The risk's re-ratings, newest first; times in `zone` (the plan's meeting.time_zone, or --tz), named."""
    risk = plan.risk(risk_id)
    rows = [_row(plan, r, zone) for r in ratings]
    if as_json:  # as echo_json, with stored control characters as JSON escapes: the same data, inert on a terminal
        data = {"plan": plan.id, "risk": risk_id, "orphaned": risk is None,
                "description": risk.description if risk else None, "entries": rows}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
        echo_bytes(escape_unsafe(text, json=True).encode())
        return
    title = f"{plan.id} {risk_id}: " + (risk.description if risk else "ORPHANED (no longer in the register)")
    table = Table(title=Text(escape_unsafe(title)))
    for column in ("When", "Rating", "Note", "By", "Source", "Meeting"):
        table.add_column(column, overflow="fold")
    for row, r in zip(rows, ratings):
        table.add_row(row["when"], rating_text(plan, r.impact, r.likelihood), Text(escape_unsafe(row["note"])),
                      Text(escape_unsafe(row["by"])), Text(escape_unsafe(row["source"])), str(row["meeting_id"] or ""))
    console = Console()
    console.print(table)
    if not rows:
        start = f"I{risk.impact} × L{risk.likelihood}" if risk else "none"
        console.print(f"No re-ratings recorded yet (as registered: {start}).", markup=False, highlight=False)
