"""The cells of the dashboard's tables: actions, risks, indicators and meetings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from storage.plan.targets import against_target
from storage.service.service import ActionRow
from tui import rag

if TYPE_CHECKING:
    from tui.screens.dashboard import DashboardScreen


def action_cells(screen: DashboardScreen, row: ActionRow) -> list[object]:
    variables = screen.app.theme_variables
    due = Text(row.action.due.strftime("%b %Y") if row.action.due else "—")
    if row.overdue:
        due.append(" ⚠", style=f"bold {variables.get('error', '')}")
    wide = screen.app.size.width >= 100
    updated = "" if row.last_updated is None else row.last_updated.astimezone().strftime(
        "%Y-%m-%d" if wide else "%d %b")
    if row.stale:
        updated += "…"
    return [row.action.id, row.action.display_title, row.owner, due, rag.cell(screen.plan, row.rag, variables),
            rag.trend(row.trend, variables), updated]


def theme_heading(row: ActionRow) -> Text:
    return Text(f"{row.theme_id} {row.theme_title}", style="bold underline")


def fill_side_tables(screen: DashboardScreen) -> None:
    """Risks, indicators and meetings: small, read straight from the service."""
    plan, service = screen.plan, screen.service
    risks = screen.query_one("#risks-table", DataTable)
    width = screen.app.size.width
    risks.clear(columns=True)
    for label, size in (("Risk", 8), ("Description", max(20, width - 60)), ("I", 1), ("L", 1), ("Rating", 6),
                        ("Band", 9), ("Re-rated", 13)):
        risks.add_column(label, width=size)
    for r in service.risks(plan.id):
        when = r.rated.recorded_at.astimezone().strftime("%Y-%m-%d") if r.rated else "as registered"
        risks.add_row(r.risk.id, Text(r.risk.description, no_wrap=True, overflow="ellipsis"), r.impact, r.likelihood, r.rating,
                      r.band.name if r.band else "?", when, key=r.risk.id)
    indicators = screen.query_one("#indicators-table", DataTable)
    indicators.clear(columns=True)
    for label, size in (("Indicator", 10), ("Title", max(14, width - 80)), ("Baseline", 8), ("Latest", 12),
                        ("Target", 10), ("Against target", 16)):
        indicators.add_column(label, width=size)
    values = service.indicator_values(plan.id)
    for ind in plan.indicators:
        mine = [v for v in values if v.indicator_id == ind.id]
        latest = mine[-1] if mine else None
        target, verdict = against_target(ind, latest.period if latest else None, latest.value if latest else None)
        indicators.add_row(ind.id, Text(ind.title, no_wrap=True, overflow="ellipsis"),
                           ind.baseline.as_written if ind.baseline else "—",
                           f"{latest.value:g} ({latest.period})" if latest else "—",
                           Text(target, no_wrap=True, overflow="ellipsis"), verdict, key=ind.id)
    meetings = screen.query_one("#meetings-table", DataTable)
    meetings.clear(columns=True)
    meetings.add_columns("Held on", "Chair", "Agenda", "Items", "State")
    for m in service.meetings(plan.id):
        state = "closed" if m.closed else "open — m resumes"
        meetings.add_row(m.held_on.isoformat(), m.chair, m.agenda_mode, len(m.agenda), state, key=str(m.id))
