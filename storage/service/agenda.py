"""Building a meeting's agenda from a plan and the store: headless, plain data in and out.

The agenda runs: the standing items of a UK committee (apologies for absence, declarations
of interest, the minutes of the previous meeting; each switched by the plan's
`meeting.formalities`, the last only when there is a previous meeting), matters arising
(actions arising from earlier meetings still open), then the actions (all of them, or by
exception), the risks, the indicators and any other business. By exception an action is on
the agenda when it is red or amber (on a plan's own scale: ranked below the status just under
complete), overdue, changed since the last meeting, or an officer's update waits on it; an
action not yet rated joins only when the setup asks (`unrated`: a plan mostly unrated would
otherwise bring all of it). The rules and their words are those of `storage.plan.status`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from storage.plan.status import (
    COMPLETE_CODE,
    EXCEPTION_CHANGED,
    EXCEPTION_OVERDUE,
    EXCEPTION_PROPOSED,
    NOT_RATED,
    attention_codes,
    changed_since,
    is_late,
)
from storage.store.records import ActionArising, AgendaItem, Update

if TYPE_CHECKING:
    from storage.plan.model import Action, Plan

MODES: tuple[str, ...] = ("all", "exception")
MODE_LABELS: dict[str, str] = {"all": "All actions", "exception": "By exception"}

# Time allotted to each kind of item, in seconds: the chair sees time spent against these.
ALLOTTED: dict[str, int] = {
    "apologies": 60, "declarations": 60, "previous_minutes": 120,
    "matters_arising": 120, "action": 180, "risk": 180, "indicator": 120, "aob": 300,
}


def standing_items(plan: Plan, previous: tuple[int, date] | None) -> list[AgendaItem]:
    """The formal items at the top of the agenda, as the plan switches them (`meeting.formalities`):
    apologies, declarations of interest, and the minutes of `previous` (its meeting id and date,
    the item's ref; left out when there is none)."""
    on = plan.meeting.formalities
    items = []
    if on.apologies:
        items.append(AgendaItem("apologies", None, "Apologies for absence", ALLOTTED["apologies"]))
    if on.declarations:
        items.append(AgendaItem("declarations", None, "Declarations of interest", ALLOTTED["declarations"]))
    if on.previous_minutes and previous is not None:
        from storage.minutes.render import long_date

        meeting_id, held_on = previous
        items.append(AgendaItem("previous_minutes", str(meeting_id),
                                f"Minutes of the meeting held on {long_date(held_on)}", ALLOTTED["previous_minutes"]))
    return items


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
                      raised: Mapping[str, str] = DEFAULT_ATTENTION, unrated: bool = False) -> tuple[str, ...]:
    """Why the action is on the agenda by exception, in this order (none: it is left out):
    `raised`: the statuses that are a reason by themselves (`attention(plan)`); `complete` the
    plan's `complete_code`; `unrated`: whether not yet rated is a reason (the setup's switch)."""
    reasons: list[str] = []
    if current is None:
        if unrated:
            reasons.append(NOT_RATED.casefold())
    elif current.rag in raised:
        reasons.append(raised[current.rag])
    if is_overdue(action, current, today, complete):
        from storage.minutes.render import short_date

        first = action.late_due
        what = "due" if first == action.due else "milestone due"
        reasons.append(f"{EXCEPTION_OVERDUE} ({what} {short_date(first)})")
    if current is not None and changed_since(current.recorded_at, last_closed_at):
        reasons.append(EXCEPTION_CHANGED)
    if has_proposal:
        reasons.append(EXCEPTION_PROPOSED)
    return tuple(reasons)


def reasons_text(reasons: tuple[str, ...]) -> str:
    """'Red; overdue (due 31 Mar 2027)': the reasons as the agenda preview shows them."""
    text = "; ".join(reasons)
    return text[:1].upper() + text[1:]


def exception_actions(plan: Plan, *, statuses: Mapping[str, Update], today: date,
                      last_closed_at: datetime | None = None, proposed: Collection[str] = (),
                      unrated: bool = False) -> dict[str, tuple[str, ...]]:
    """The actions by exception, in the plan's order, each with its reasons (`exception_reasons`)."""
    complete, raised = plan.complete_code, attention(plan)
    out = {}
    for _, action in plan.actions():
        reasons = exception_reasons(action, statuses.get(action.id), today, last_closed_at, action.id in proposed,
                                    complete, raised, unrated)
        if reasons:
            out[action.id] = reasons
    return out


def exception_rule(plan: Plan) -> str:
    """The rule in a sentence, with the plan's own status names, as the setup screen states it."""
    return (f"By exception: an action is on the agenda when {plan.attention_words}, {EXCEPTION_OVERDUE}, "
            f"{EXCEPTION_CHANGED}, or {EXCEPTION_PROPOSED} on it; {NOT_RATED.casefold()}, only if ticked.")


def build_agenda(plan: Plan, mode: str, *, statuses: Mapping[str, Update], today: date,
                 arising: list[ActionArising], last_closed_at: datetime | None = None,
                 proposed: Collection[str] = (), previous: tuple[int, date] | None = None,
                 unrated: bool = False) -> list[AgendaItem]:
    """The agenda for a meeting of `plan`; `mode` is 'all' or 'exception'.

    `statuses` are the current updates by action id, `arising` the open actions arising,
    `last_closed_at` when the previous meeting closed, `proposed` the action ids with a
    pending officer proposal, `previous` the meeting whose minutes this one agrees (id, date),
    `unrated` whether by exception takes actions not yet rated.
    """
    if mode not in MODES:
        raise ValueError(f"agenda mode {mode!r}; one of {', '.join(MODES)}")
    items = standing_items(plan, previous)
    items += [AgendaItem("matters_arising", a.ref, f"{a.ref} {a.text}", ALLOTTED["matters_arising"])
              for a in arising if a.status in ("open", "carried forward")]
    chosen = exception_actions(plan, statuses=statuses, today=today, last_closed_at=last_closed_at,
                               proposed=proposed, unrated=unrated) if mode == "exception" else None
    for _, action in plan.actions():
        if chosen is not None and action.id not in chosen:
            continue
        items.append(AgendaItem("action", action.id, action.display_title, ALLOTTED["action"]))
    items += [AgendaItem("risk", r.id, r.description, ALLOTTED["risk"]) for r in plan.risks]
    items += [AgendaItem("indicator", i.id, i.title, ALLOTTED["indicator"]) for i in plan.indicators]
    items.append(AgendaItem("aob", None, "Any other business", ALLOTTED["aob"]))
    return items
