"""A plan as a rich tree, for `steerco show`."""

from __future__ import annotations

from datetime import date

from rich.markup import escape
from rich.tree import Tree

from storage.plan.model import Plan
from storage.service import contributions, deadline_text, direction_words, goals


def plan_tree(plan: Plan, today: date | None = None) -> Tree:
    """The plan; a milestone past its due date on `today` (default: the real today) shows in red."""
    today = today or date.today()
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
            node = branch.add(f"[b]{escape(action.id)}[/b] {escape(action.display_title)}\n"
                              f"[dim]{escape(plan.owner_label(action))} · {deadline}[/dim]")
            for line, late in plan.milestone_lines(action, None, today):
                node.add(f"[red]{escape(line)}[/red]" if late else f"[dim]{escape(line)}[/dim]")
    if plan.risks:
        risks = tree.add(f"[b]Risks[/b] ({len(plan.risks)})")
        for risk in plan.risks:
            band = plan.band(risk.rating)
            residual = f", residual {risk.residual_rating}" if risk.residual_rating else ""
            owner = escape(risk.lead or plan.owner_name(risk.owner))
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
