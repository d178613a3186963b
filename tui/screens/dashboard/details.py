"""One indicator in full, over the dashboard's Indicators tab (enter): its words, unit, baseline,
each target with its direction and arithmetic (storage.plan.targets), the latest values against
their target, and what delivers it (`contributes_to`)."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.plan.model import Indicator, Plan
from storage.service import IndicatorValue, against_target, contributions, direction_words, goals, number

SHOWN_VALUES = 8  # the latest values listed, newest last


def indicator_markup(plan: Plan, ind: Indicator, values: list[IndicatorValue]) -> str:
    """The indicator as Content markup, every line of it words (no colour alone)."""
    lines = [f"[b]Indicator {escape(ind.id)}[/b] — {escape(ind.title)}"]
    facts = [f"Category {escape(ind.category)}"] if ind.category else []
    facts.append(f"Unit {escape(ind.unit)}" if ind.unit else "No unit stated")
    facts.append("lower is better" if ind.lower_is_better else "higher is better")
    lines.append(" · ".join(facts))
    if ind.baseline:
        base = ind.baseline
        known = [f"value {number(base.value)}" if base.value is not None else "no value",
                 f"period {escape(base.period)}" if base.period else "no period"]
        if base.source:
            known.append(f"source {escape(base.source)}")
        lines.append(f"[b]Baseline[/b] {escape(base.as_written)} ({', '.join(known)})")
    else:
        lines.append("[b]Baseline[/b] none")
    lines.append("[b]Targets[/b]" if ind.targets else "[b]Targets[/b] none")
    lines += [f"  {escape(g.period)}: {escape(g.shown)} — {escape(direction_words(g))}" for g in goals(ind)]
    latest = values[-1] if values else None
    if latest is None:
        lines.append("[b]Latest[/b] no value yet")
    else:
        target, verdict = against_target(ind, latest.period, latest.value)
        goal = next((g for g in goals(ind) if g.shown == target), None)
        against = f", against the {escape(goal.period)} target" if goal else ""
        lines.append(f"[b]Latest[/b] {number(latest.value)} for {escape(latest.period)}{against}: {escape(verdict)}")
    if values:
        lines.append(f"[b]Values[/b] (the last {min(len(values), SHOWN_VALUES)} of {len(values)}, newest last)")
        lines += [f"  {escape(v.period)}: {number(v.value)} — {escape(v.author)}"
                  + (f": {escape(v.note)}" if v.note else "") for v in values[-SHOWN_VALUES:]]
    delivered = contributions(plan, ind)
    lines.append(f"[b]Contributes to[/b] {escape(delivered)}" if delivered else "[b]Contributes to[/b] nothing named")
    if ind.notes:
        lines.append(f"[b]Notes[/b] {escape(ind.notes)}")
    return "\n".join(lines)


class IndicatorDetail(ModalScreen[None]):
    """The indicator in full; escape (or enter) closes it, the arrows and page keys scroll it."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Close", id="indicator-close")]

    def __init__(self, plan: Plan, indicator: Indicator, values: list[IndicatorValue]) -> None:
        super().__init__(id="indicator-detail")
        self.plan, self.indicator, self.values = plan, indicator, values

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="indicator-dialog"):
            yield Static(indicator_markup(self.plan, self.indicator, self.values), id="indicator-text")
            yield Static("[dim]esc closes[/dim]")

    def on_mount(self) -> None:
        self.query_one("#indicator-dialog").focus()
