"""`steerco proposals`: the officers' proposals for a plan and what became of each.

The secretariat's view before a meeting: who proposed what for which item and when, and
whether it is still pending, was accepted, overridden, or superseded (settled with a newer
proposal on the same item), by whom and when. Read only.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from steerco.cli_common import db_option, echo_json, json_option, open_service, plans_option, require_plan
from storage.service import FATES, ProposalFate, is_off_scale, off_scale_words, rating_text
from storage.service.reports import local_time


def _status(plan: Any, code: str | None) -> str:
    """'D Delayed', or '? P (not on the scale)' for a code the plan's scale has since dropped."""
    if is_off_scale(code, {s.code for s in plan.rag_scale}):
        return off_scale_words(str(code))
    status = plan.rag(code) if code else None
    return f"{code} {status.name}" if status else (code or "—")


def _value(plan: Any, kind: str, rag: str | None, rating: tuple[int | None, int | None]) -> str:
    """What was proposed or agreed, in words: 'A Amber', or 'I4 × L3 (12 High)'."""
    if kind == "risk":
        impact, likelihood = rating
        return rating_text(plan, impact, likelihood) if impact and likelihood else "—"
    return _status(plan, rag)


def _row(plan: Any, fate: ProposalFate) -> dict[str, Any]:
    p = fate.proposal
    agreed = fate.agreed
    if isinstance(agreed, tuple):
        agreed_text: str | None = rating_text(plan, *agreed)
    else:
        agreed_text = _status(plan, agreed) if agreed else None
    return {
        "id": p.id, "uid": p.uid, "kind": p.kind, "item": p.item_id,
        "proposed": _value(plan, p.kind, p.rag, (p.impact, p.likelihood)),
        "rag": p.rag, "impact": p.impact, "likelihood": p.likelihood, "note": p.note,
        "author": p.author, "written_at": p.written_at, "imported_at": p.imported_at.isoformat(),
        "plan_version": p.plan_version, "fate": fate.fate, "settled_by": fate.settled_by,
        "settled_at": fate.settled_at.isoformat() if fate.settled_at else None,
        "settled_local_time": local_time(fate.settled_at) if fate.settled_at else None,
        "meeting_id": fate.meeting_id, "agreed": agreed_text, "superseded_by": fate.by_proposal_id,
        "on_arrival": fate.on_arrival,
    }


def _fate_text(row: dict[str, Any]) -> str:
    if row["fate"] == "pending":
        return "pending"
    if row["on_arrival"]:
        return (f"superseded on arrival: written before proposal {row['superseded_by']}, already settled;"
                f" the chair was not asked\nimported {row['settled_local_time']}")
    text = row["fate"]
    if row["fate"] == "overridden":
        text += f": agreed {row['agreed']}"
    elif row["fate"] == "superseded" and row["superseded_by"] is not None:
        text += f" with proposal {row['superseded_by']}"
    meeting = f", meeting {row['meeting_id']}" if row["meeting_id"] is not None else ""
    return f"{text}\nby {row['settled_by']}, {row['settled_local_time']}{meeting}"


def _show(plan: Any, rows: list[dict[str, Any]], pending_only: bool) -> None:
    console = Console()
    counts = Counter(row["fate"] for row in rows)
    noun = "pending proposal" if pending_only else "proposal"
    summary = f"{plan.id}: {len(rows)} {noun}{'' if len(rows) == 1 else 's'}"
    if rows and not pending_only:
        arrived = sum(1 for row in rows if row["on_arrival"])
        summary += " (" + ", ".join(f"{counts[fate]} {fate}" for fate in FATES)
        summary += f", {arrived} of them on arrival)" if arrived else ")"
    if not rows:
        console.print(summary + ("; none waits for the chair." if pending_only else "; none imported yet."),
                      markup=False, highlight=False)
        return
    console.print(summary, markup=False, highlight=False)
    table = Table(show_lines=True)
    for column in ("#", "Item", "Proposed", "From", "Fate"):
        table.add_column(column, overflow="fold", no_wrap=column == "#")
    for row in rows:
        proposed = row["proposed"] + (f"\n{row['note']}" if row["note"] else "")
        written = str(row["written_at"])[:16].replace("T", " ")
        cells = (str(row["id"]), f"{row['kind']} {row['item']}", proposed, f"{row['author']}\n{written}",
                 _fate_text(row))
        table.add_row(*(Text(cell) for cell in cells))  # officers' text as written, never read as markup
    console.print(table)


@click.command()
@click.argument("plan")
@click.option("--pending", "pending_only", is_flag=True, help="Only the proposals still waiting for the chair.")
@json_option
@db_option
@plans_option
def proposals(plan: str, pending_only: bool, as_json: bool, db_path: Path | None, plans_dir: Path | None) -> None:
    """List the officers' proposals for PLAN, oldest first, and the fate of each.

    Each proposal (imported with `steerco import-updates`) shows its item, what it proposed,
    from whom and when, and its fate: pending; accepted or overridden (the chair agreed
    something else) at a meeting; or superseded, settled with a newer proposal on the same
    item when that one was answered. Settled ones say by whom and when. A proposal
    superseded on arrival (imported after a newer one on its item was settled, so the chair
    was never asked) says so, with no one as having settled it.
    """
    the_plan = require_plan(plans_dir, plan)
    with open_service(db_path, plans_dir, write=False) as service:
        fates = service.proposal_fates(the_plan.id, pending_only=pending_only)
    rows = [_row(the_plan, fate) for fate in fates]
    if as_json:
        echo_json({"plan": the_plan.id, "pending_only": pending_only,
                   "counts": {fate: sum(1 for row in rows if row["fate"] == fate) for fate in FATES},
                   "proposals": rows})
        return
    _show(the_plan, rows, pending_only)


def register(group: click.Group) -> None:
    group.add_command(proposals)
