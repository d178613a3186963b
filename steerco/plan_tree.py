"""A plan as a rich tree, for `steerco show`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rich.markup import escape
from rich.tree import Tree

from storage.plan.model import Plan
from storage.service import contributions, deadline_text, direction_words, goals, is_late


def plan_tree(plan: Plan, today: date | None = None, statuses: Mapping[str, str] | None = None) -> Tree:
    """The plan; an action late on `today` (default: the real today) by its deadline or a milestone's
    (`is_late`, `statuses`: each action's current status code, by id) is marked OVERDUE, saying which
    milestone when one made it late (`Action.overdue_words`), and a late milestone shows in red."""
    today = today or date.today()
    statuses = statuses or {}
    period = f" · {escape(plan.period.as_written)}" if plan.period else ""
    version = f" version {escape(plan.version)}" if plan.version else ""
    tree = Tree(f"[b]{escape(plan.title)}[/b] ({escape(plan.id)}){version}{period}"
                + (f"\n{escape(plan.partnership)}" if plan.partnership else ""))
    if plan.delivery_lead:
        tree.add(f"Delivery lead: {escape(plan.delivery_lead.splitlines()[0])}")
    themes = tree.add(f"[b]Themes[/b] ({len(plan.themes)})")
    for theme in plan.themes:
        branch = themes.add(f"[b]{escape(theme.id)}[/b] {escape(theme.title)}")
        for priority in theme.priorities:
            cited = ", ".join(priority.recommendations)
            cites = f" [dim](recommendations {cited})[/dim]" if cited else ""
            branch.add(f"Priority {escape(priority.id)}: {escape(priority.text)}{cites}")
        for action in theme.actions:
            deadline = escape(deadline_text(action.deadline, action.due, today).full)
            rag = statuses.get(action.id)
            late = is_late(action.late_due, rag, today, plan.complete_code)
            overdue = f" [bold red]{escape(action.overdue_words(today))}[/bold red]" if late else ""
            node = branch.add(f"[b]{escape(action.id)}[/b] {escape(action.display_title)}\n"
                              f"[dim]{escape(plan.owner_label(action))} · {deadline}[/dim]{overdue}")
            for line, late in plan.milestone_lines(action, rag, today):
                node.add(f"[red]{escape(line)}[/red]" if late else f"[dim]{escape(line)}[/dim]")
    if plan.risks:
        risks = tree.add(f"[b]Risks[/b] ({len(plan.risks)})")
        for risk in plan.risks:
            band = plan.band(risk.rating)
            residual = f", residual {risk.residual_rating}" if risk.residual_rating else ""
            owner = escape(plan.risk_owner_label(risk))
            risks.add(f"[b]{escape(risk.id)}[/b] {escape(risk.description)}\n"
                      f"[dim]impact {risk.impact} × likelihood {risk.likelihood} = {risk.rating}"
                      f" ({band.name if band else 'no band'}){residual} · {owner}[/dim]")
    if plan.indicators:
        indicators = tree.add(f"[b]Indicators[/b] ({len(plan.indicators)})")
        for indicator in plan.indicators:
            node = indicators.add(f"[b]{escape(indicator.id)}[/b] {escape(indicator.title)}")
            if indicator.baseline:
                source = f" ({escape(indicator.baseline.source)})" if indicator.baseline.source else ""
                node.add(f"Baseline {escape(indicator.baseline.as_written)}{source}")
            for goal in goals(indicator):
                node.add(f"{escape(goal.period)}: {escape(goal.shown)} [dim]· {direction_words(goal)}[/dim]")
            if indicator.contributes_to:
                node.add(f"Contributes to: {escape(contributions(plan, indicator))}")
    return tree
