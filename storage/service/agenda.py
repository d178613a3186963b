"""Building a meeting's agenda from a plan and the store: headless, plain data in and out.

The agenda runs: matters arising (actions arising from earlier meetings still open),
then the actions (all of them, or by exception), the risks, the indicators and any
other business. By exception an action is on the agenda when it is red or amber (on a
plan's own scale: ranked below the status just under complete), overdue, changed since the
last meeting, never rated, or an officer has sent an update. The rules are those of
`storage.plan.status`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from storage.plan.status import COMPLETE_CODE, attention_codes, changed_since, is_late
from storage.store.records import ActionArising, AgendaItem, Update

if TYPE_CHECKING:
    from storage.plan.model import Action, Plan

MODES: tuple[str, ...] = ("all", "exception")
MODE_LABELS: dict[str, str] = {"all": "All actions", "exception": "By exception"}

# Time allotted to each kind of item, in seconds: the chair sees time spent against these.
ALLOTTED: dict[str, int] = {
    "matters_arising": 120, "action": 180, "risk": 180, "indicator": 120, "aob": 300,
}


def is_overdue(action: Action, current: Update | None, today: date, complete: str = COMPLETE_CODE) -> bool:
    """Past its resolved deadline and not complete (`complete`: the plan's `complete_code`)."""
    return is_late(action.late_due, current.rag if current else None, today, complete)


#: The statuses the default scale raises by exception, each with its reason.
DEFAULT_ATTENTION: Mapping[str, str] = {"R": "red", "A": "amber"}


def attention(plan: Plan) -> dict[str, str]:
    """The statuses of the plan's scale that put an action on the agenda by exception
    (`storage.plan.status.attention_codes`), each with its reason: the status's name."""
    names = {s.code: s.name.casefold() for s in plan.rag_scale}
    return {code: names[code] for code in attention_codes((s.code, s.rank) for s in plan.rag_scale)}


def exception_reasons(action: Action, current: Update | None, today: date,
                      last_closed_at: datetime | None, has_proposal: bool = False,
                      complete: str = COMPLETE_CODE,
                      raised: Mapping[str, str] = DEFAULT_ATTENTION) -> tuple[str, ...]:
    """The by-exception rules, in the order the minutes name them; `raised`: the statuses that
    are a reason by themselves (`attention(plan)`), `complete` the plan's `complete_code`."""
    reasons: list[str] = []
    if current is None:
        reasons.append("never rated")
    elif current.rag in raised:
        reasons.append(raised[current.rag])
    if is_overdue(action, current, today, complete):
        reasons.append("overdue")
    if current is not None and changed_since(current.recorded_at, last_closed_at):
        reasons.append("changed since last meeting")
    if has_proposal:
        reasons.append("officer update")
    return tuple(reasons)


def build_agenda(plan: Plan, mode: str, *, statuses: Mapping[str, Update], today: date,
                 arising: list[ActionArising], last_closed_at: datetime | None = None,
                 proposed: Collection[str] = ()) -> list[AgendaItem]:
    """The agenda for a meeting of `plan`; `mode` is 'all' or 'exception'.

    `statuses` are the current updates by action id, `arising` the open actions arising,
    `last_closed_at` when the previous meeting closed, `proposed` the action ids with a
    pending officer proposal.
    """
    if mode not in MODES:
        raise ValueError(f"agenda mode {mode!r}; one of {', '.join(MODES)}")
    items = [AgendaItem("matters_arising", a.ref, f"{a.ref} {a.text}", ALLOTTED["matters_arising"])
             for a in arising if a.status in ("open", "carried forward")]
    complete, raised = plan.complete_code, attention(plan)
    for _, action in plan.actions():
        if mode == "exception" and not exception_reasons(
                action, statuses.get(action.id), today, last_closed_at, action.id in proposed, complete, raised):
            continue
        items.append(AgendaItem("action", action.id, action.display_title, ALLOTTED["action"]))
    items += [AgendaItem("risk", r.id, r.description, ALLOTTED["risk"]) for r in plan.risks]
    items += [AgendaItem("indicator", i.id, i.title, ALLOTTED["indicator"]) for i in plan.indicators]
    items.append(AgendaItem("aob", None, "Any other business", ALLOTTED["aob"]))
    return items
