"""A risk or an indicator in full, over the dashboard's Risks or Indicators tab (enter), whose
cells are cut to fit: a risk's description, owner, ratings, controls and further actions; an
indicator's words, unit, baseline, each target with its direction and arithmetic
(storage.plan.targets), the latest values against their target, and what delivers it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.plan.model import Indicator, Plan
from storage.service import (
    AS_REGISTERED,
    IndicatorValue,
    against_target,
    contributions,
    direction_words,
    goals,
    number,
)
from storage.service.periods import latest_value
from storage.service.service import RiskRow
from tui.safe_text import escape

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
    results = {v.period: v.value for v in values}  # a relative target's base: its period's result
    lines += [f"  {escape(g.period)}: {escape(g.shown)} — {escape(direction_words(g))}" for g in goals(ind, results)]
    latest = latest_value(ind, values)
    if latest is None:
        lines.append("[b]Latest[/b] no value yet")
    else:
        target, verdict = against_target(ind, latest.period, latest.value, results)
        goal = next((g for g in goals(ind, results) if g.shown == target), None)
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


def risk_markup(plan: Plan, row: RiskRow) -> str:
    """The risk as Content markup: the owner by `Plan.risk_owner_label`, the current rating and the
    register's, in words."""
    risk = row.risk
    owner = plan.risk_owner_label(risk)
    lines = [f"[b]Risk {escape(risk.id)}[/b]" + (f" — {escape(risk.type)}" if risk.type else ""),
             escape(risk.description),
             f"[b]Owner[/b] {escape(owner)}" + (f" (lead as written: {escape(risk.lead)})"
                                                 if risk.lead and risk.lead != owner else "")]
    band = row.band.name if row.band else "no band"
    now = f"[b]Rating[/b] impact {row.impact} × likelihood {row.likelihood} = {row.rating} ({escape(band)})"
    if row.rated:
        when = row.rated.recorded_at.astimezone().strftime("%Y-%m-%d")
        note = f": {escape(row.rated.note)}" if row.rated.note else ""
        now += f", re-rated {when} by {escape(row.rated.author)}{note}"
    else:
        now += f", {AS_REGISTERED}"
    lines.append(now)
    if row.rated:
        lines.append(f"[b]In the register[/b] impact {risk.impact} × likelihood {risk.likelihood} = {risk.rating}")
    if risk.residual_rating is not None:
        lines.append(f"[b]Residual rating[/b] {risk.residual_rating}")
    for label, text in (("Controls", risk.controls), ("Further actions", risk.further_actions)):
        if text:
            lines.append(f"[b]{label}[/b] {escape(text)}")
    return "\n".join(lines)


class Detail(ModalScreen[None]):
    """One item in full; escape (or enter) closes it, the arrows and page keys scroll it."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Close", id="detail-close")]

    def __init__(self, markup: str, *, id: str) -> None:
        super().__init__(id=id)
        self.markup = markup

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="detail-dialog"):
            yield Static(self.markup, id="detail-text")
            yield Static("[dim]esc closes[/dim]")

    def on_mount(self) -> None:
        self.query_one("#detail-dialog").focus()
