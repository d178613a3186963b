"""What the walk-through shows for each kind of agenda item, as Content markup (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage.plan.model import Plan
from storage.service import (
    AS_REGISTERED,
    UNRATED_CODE,
    ActionArising,
    AgendaItem,
    Meeting,
    Proposal,
    Update,
    against_target,
    contributions,
    deadline_text,
    goals,
    is_arising_late,
    number,
    rating_text,
)
from storage.service.corrections import AMENDED, CORRECTED_WORDS, corrected_in_meeting, meeting_finals
from storage.service.marks import arising_mark
from storage.service.periods import latest_value
from storage.service.service import RiskRow, Service
from tui import rag
from tui.safe_text import escape

if TYPE_CHECKING:
    from storage.service import IndicatorSeries
    from tui.screens.walkthrough.keys import Hints

KIND_LABEL = {"apologies": "Apologies", "declarations": "Declarations", "previous_minutes": "Previous minutes",
              "matters_arising": "Matter arising", "action": "Action", "risk": "Risk",
              "indicator": "Indicator", "aob": "Any other business"}


@dataclass
class Panels:
    title: str
    status: str
    status_class: str
    facts: str
    body: str
    history: str
    proposals: str
    pending: bool = False  # an officer's proposal waits (the accept key applies)
    chart: IndicatorSeries | None = None  # an indicator item's values against its baseline and targets


def item_label(item: AgendaItem) -> str:
    """How the walk-through names an item, as its top line does: 'Action 7.5', 'Risk SSC15-1', 'AOB'."""
    kind = "AOB" if item.kind == "aob" else KIND_LABEL.get(item.kind, item.title).split()[-1].title()
    return f"{kind} {item.ref or ''}".strip()


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in … when cut."""
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def top_line(position: int, count: int, label: str, here: str, total: str, width: int) -> str:
    """'Item 4/16 Action 7.3 · ⏱ 00:10/03:00 · Σ 05:00/47:00' in `width` cells (0: unknown): the
    item's label is cut (…) so the item's and the meeting's time always show."""
    head, tail = f"Item {position}/{count} ", f" · ⏱ {here} · Σ {total}"
    if width > 0:
        label = cut(label, max(width - len(head) - len(tail), 1))
    return f"Item [b]{position}/{count}[/b] {_e(label)}{tail}"


def _e(text: str | None) -> str:
    return escape(text or "")


def action_status(plan: Plan, meeting: Meeting, history: list[Update], hints: Hints) -> tuple[str, str]:
    """(markup, state class) for the big status line of an action: the status keys as they run
    (`hints`: 'r a g b'), and when they are not the codes, each key with its status on a line of its own."""
    markup, state = _action_status(plan, meeting, history, hints.status_keys())
    names = hints.status_names()
    return (f"{markup}\n[not bold]Keys: {_e(names)}[/]" if names else markup), state


def _action_status(plan: Plan, meeting: Meeting, history: list[Update], keys: str) -> tuple[str, str]:
    if not history:
        press = f"press {_e(keys)}" if keys else "no status key: ctrl+p, Set status"
        return f"Status {rag.markup(plan, UNRATED_CODE)} — {press}", rag.state_class(UNRATED_CODE, plan)
    latest = history[0]
    here = latest.meeting_id == meeting.id
    when = latest.recorded_at.astimezone().strftime("%Y-%m-%d")
    suffix = "agreed at this meeting" if here else f"standing since {when} — not yet set at this meeting"
    corrected = corrected_in_meeting(history[:2]).get(latest.id)
    if here and corrected is not None:
        suffix += f" (corrected from {rag.label(plan, corrected.rag)})"
    return f"Status {rag.markup(plan, latest.rag)}  {suffix}", rag.state_class(latest.rag, plan)


def history_markup(plan: Plan, history: list[Update]) -> str:
    if not history:
        return "[b]History[/b] none yet"
    finals = meeting_finals(history)  # a meeting gives one trend entry, its final status
    trend = " ".join(f"[${rag.theme_variable(u.rag, plan)}]{u.rag}[/]" for u in finals[:8][::-1])
    lines = [f"[b]Trend[/b] (oldest → newest) {trend}"]
    corrected = corrected_in_meeting(history[:4])
    for u in history[:3]:
        note = f" — {_e(u.note)}" if u.note else ""
        earlier = corrected.get(u.id)
        again = f" ({rag.label(plan, earlier.rag)} → {rag.label(plan, u.rag)}, {CORRECTED_WORDS})" \
            if earlier is not None else ""
        lines.append(f"  {u.recorded_at.astimezone():%Y-%m-%d} {rag.label(plan, u.rag)} {_e(u.author)} "
                     f"({u.source}){again}{note}")
    return "\n".join(lines)


def action_panels(service: Service, plan: Plan, meeting: Meeting, item: AgendaItem, hints: Hints,
                  as_of: Meeting | None = None) -> Panels:
    """`as_of` a closed meeting: the action as it knew it (its statuses, the officers' updates
    waiting at its close, overdue on its day)."""
    found = service.find_action(plan.id, item.ref or "")
    history = service.history(plan.id, item.ref or "", as_of=as_of)
    proposals = service.proposals(plan.id, item.ref or "", as_of=as_of)
    status, state = action_status(plan, meeting, history, hints)
    if found is None:
        return Panels(f"Action {_e(item.ref)} — no longer in the plan", status, state, "", _e(item.title),
                      history_markup(plan, history), "", bool(proposals))
    action = found[1]
    row = service.action_row(plan.id, action.id, history, as_of=as_of)
    overdue = f"  [b $error]⚠ {_e(row.overdue_words)}[/]" if row.overdue else ""
    deadline = deadline_text(action.deadline, action.due, as_of.held_on if as_of else service.today()).full
    facts = f"Owner [b]{_e(row.owner)}[/b] · Deadline {_e(deadline)}{overdue}"
    if action.measure:
        facts += f"\n[b]Measure[/b] {_e(action.measure)}"
    facts += milestones_markup(row.milestones)
    lines = []
    for n, p in enumerate(proposals):
        lead = _officer_update(hints) if n == 0 else "Earlier update"
        lines.append(f"{lead} {_e(p.author)}, {_e(p.written_at[:16].replace('T', ' '))}: proposes "
                     f"{rag.markup(plan, p.rag or UNRATED_CODE)} — {_e(p.note)}")
    return Panels(f"Action {_e(action.id)} — {_e(action.display_title)}", status, state, facts, _e(action.text),
                  history_markup(plan, history), "\n".join(lines), bool(proposals))


def _officer_update(hints: Hints) -> str:
    """'Officer update (p accepts)': the newest proposal, with the key that accepts it."""
    accepts = hints.say("meeting-accept", "accepts")
    return f"[b]Officer update[/b] ({_e(accepts)})" if accepts else "[b]Officer update[/b]"


def milestones_markup(milestones: tuple[tuple[str, bool], ...]) -> str:
    """The action's milestones, one a line, a late one marked in the error colour ('' when none)."""
    if not milestones:
        return ""
    lines = [f"  [b $error]⚠ {_e(line)}[/]" if late else f"  {_e(line)}" for line, late in milestones]
    return "\n[b]Milestones[/b]\n" + "\n".join(lines)


def arising_panels(plan: Plan, arising: ActionArising | None, item: AgendaItem, today, raised: str = "", *,
                   hints: Hints) -> Panels:
    """The matter arising's panels; its owner named as every view names one (`Plan.owner_name`: a
    roster id, as a store may hold one, by its name); under them `raised`, where and when it was
    agreed (`Service.arising_raised_on`)."""
    if arising is None:
        return Panels(f"Matter arising {_e(item.ref)}", "", "", "", _e(item.title), "", "")
    overdue = "  [b $error]⚠ OVERDUE[/]" if is_arising_late(arising.due, arising.status, today) else ""
    state = {"done": "-green", "carried forward": "-amber"}.get(arising.status, "-unrated")
    keys = hints.join(hints.say("meeting-arising-done", "done"), hints.say("meeting-arising-carry", "carried forward"))
    return Panels(f"Matter arising {_e(arising.ref)}",
                  f"Status [b]{_e(arising_mark(arising.status))}[/b]{_keys_line(keys)}", state,
                  f"Owner [b]{_e(plan.owner_name(arising.owner))}[/b] · Due {arising.due or '—'}{overdue}"
                  + (f"\n{_e(raised)}" if raised else ""),
                  _e(arising.text), "", "")


def _keys_line(hints: str) -> str:
    """' — o done · k carried forward' after a status; '' when no key is left for it."""
    return f" — {_e(hints)}" if hints else ""


def risk_proposals_markup(plan: Plan, proposals: Sequence[Proposal], hints: Hints) -> str:
    """The officers' pending re-ratings, newest (the one `p` accepts) first."""
    lines = []
    for n, p in enumerate(proposals):
        lead = _officer_update(hints) if n == 0 else "Earlier update"
        proposed = rating_text(plan, p.impact or 0, p.likelihood or 0)
        lines.append(f"{lead} {_e(p.author)}, {_e(p.written_at[:16].replace('T', ' '))}: proposes "
                     f"[b]{_e(proposed)}[/b] — {_e(p.note)}")
    return "\n".join(lines)


def risk_panels(plan: Plan, row: RiskRow | None, item: AgendaItem, proposals: Sequence[Proposal] = (), *,
                hints: Hints) -> Panels:
    if row is None:
        return Panels(f"Risk {_e(item.ref)} — no longer in the plan", "", "", "", _e(item.title), "",
                      risk_proposals_markup(plan, proposals, hints), bool(proposals))
    risk = row.risk
    band = row.band.name if row.band else "?"
    state = {0: "-green", 1: "-amber"}.get(plan.risk_bands.index(row.band) if row.band else 3, "-red")
    rated = (f"re-rated {row.rated.recorded_at.astimezone():%Y-%m-%d} by {_e(row.rated.author)}"
             if row.rated else AS_REGISTERED)
    facts = f"Type {_e(risk.type or '—')} · Owner [b]{_e(plan.risk_owner_label(risk))}[/b]"
    if row.rated and row.rated.note:  # why it was re-rated, as the dashboard's risk detail says it
        facts += f"\n[b]Re-rating note[/b] {_e(row.rated.note)}"
    body = _e(risk.description)
    for label, text in (("Controls", risk.controls), ("Further actions", risk.further_actions)):
        if text:
            body += f"\n[b]{label}[/b] {_e(text)}"
    return Panels(f"Risk {_e(risk.id)}",
                  f"Rating [b]I{row.impact} × L{row.likelihood} = {row.rating} {band}[/b] ({rated})"
                  f"{_keys_line(hints.say('meeting-rate-risk', 're-rates'))}",
                  state, facts, body, "", risk_proposals_markup(plan, proposals, hints), bool(proposals))


ENTERS_VALUE = "enters this period's value"


def indicator_panels(service: Service, plan: Plan, item: AgendaItem, as_of: Meeting | None = None, *,
                     hints: Hints) -> Panels:
    """`as_of` a closed meeting: the values it knew; the latest by `latest_value`'s rule."""
    ind = plan.indicator(item.ref or "")
    if ind is None:
        return Panels(f"Indicator {_e(item.ref)} — no longer in the plan", "", "", "", _e(item.title), "", "")
    values = service.indicator_values(plan.id, ind.id, as_of=as_of)
    latest = latest_value(ind, values)
    results = {v.period: v.value for v in values}  # a relative target's base: its period's result
    target, verdict = against_target(ind, latest.period if latest else None, latest.value if latest else None,
                                     results)
    state = "-green" if verdict.startswith("✓") else "-red" if verdict.startswith("✗") else "-unrated"
    status = (f"Latest [b]{number(latest.value)}[/b] for {_e(latest.period)} against target {_e(target)}: {verdict}"
              if latest else f"No value yet{_keys_line(hints.say('meeting-value', ENTERS_VALUE))}")
    baseline = f"Baseline {_e(ind.baseline.as_written)}" if ind.baseline else "No baseline"
    targets = " · ".join(f"{_e(g.period)}: {_e(g.shown)}" for g in goals(ind, results)) or "no targets"
    delivered = f"\nContributes to {_e(contributions(plan, ind))}" if ind.contributes_to else ""
    body = "\n".join(f"  {v.period}: {number(v.value)} ({_e(v.author)})" for v in values[-5:])
    return Panels(f"Indicator {_e(ind.id)} — {_e(ind.title)}", status, state,
                  f"{baseline} · {'lower' if ind.lower_is_better else 'higher'} is better\nTargets {targets}"
                  f"{delivered}",
                  body or "No values recorded.", "", "", chart=service.indicator_series(plan.id, ind.id, values))


def meeting_markup(notes: dict[int, str], decisions: list, arising: list[ActionArising], position: int,
                   amended: frozenset[tuple[str, int]] = frozenset(), *, hints: Hints) -> str:
    """This meeting's record of the item as it now stands; `amended`: ('note', position),
    ('decision', id), ('arising', id) of those corrected (`Service.amended`), marked so."""
    def mark(kind: str, key: int) -> str:
        return f" [i]{AMENDED}[/i]" if (kind, key) in amended else ""

    lines = []
    if position in notes:
        lines.append(f"[b]Note[/b]{mark('note', position)} {_e(notes[position])}")
    lines += [f"[b]Decision[/b]{mark('decision', d.id)} {_e(d.text)}" for d in decisions if d.position == position]
    lines += [f"[b]Action arising {_e(a.ref)}[/b]{mark('arising', a.id)} {_e(a.text)} — {_e(a.owner)}, "
              f"due {a.due or '—'}" for a in arising if a.position == position]
    return "\n".join(lines) or (f"[dim]{_e(hint)}[/dim]" if (hint := record_hints(hints)) else "")


def record_hints(hints: Hints) -> str:
    """'n note · d decision · x action arising': what any item can record, by the keys that record it."""
    return hints.join(hints.say("meeting-note", "note"), hints.say("meeting-decision", "decision"),
                      hints.say("meeting-arising-new", "action arising"))
