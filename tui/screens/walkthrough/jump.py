"""The jump list (`j`): every agenda item with its status and whether the meeting has taken it yet."""

from __future__ import annotations

from collections.abc import Sequence

from storage.plan.model import Plan
from storage.service import UNRATED_CODE, AgendaItem, Meeting, against_target
from storage.service.marks import APPROVED, ARISING_SYMBOLS, DRAFT
from storage.service.periods import latest_value
from storage.service.service import Service
from tui import rag
from tui.screens.modals import Choice
from tui.screens.walkthrough.render import KIND_LABEL, cut

TAKEN, NOT_YET = "✓ taken", "· not yet"
ARISING_MARKS = {status: f"{symbol} {'carried' if status == 'carried forward' else status}"
                 for status, symbol in ARISING_SYMBOLS.items()}  # '→ carried': the list is narrow
#: The longest line kept: the jump list's widest (app.tcss `.jump-list`); the list itself cuts each
#: line with … at the width it has on the screen.
WIDTH = 116


def statuses(service: Service, plan: Plan, agenda: Sequence[AgendaItem], as_of: Meeting | None = None
             ) -> dict[int, str]:
    """Each item's status as a mark and a letter or word: an action's '● R' ('–' not yet rated),
    an action arising's '✓ done' / '→ carried' / '○ open', a risk's rating and band ('12 High'),
    an indicator's verdict ('✓ met', '✗ not met') on its latest value (`latest_value`), the previous
    minutes' '✓ Approved' or '✎ Draft'; '' for any other business. `as_of` a closed meeting: each as
    it knew it (the walk-through's `as_of`)."""
    codes = service.action_codes(plan.id, [i.ref or "" for i in agenda if i.kind == "action"], as_of=as_of)
    risks = ({row.risk.id: row for row in service.risks(plan.id, as_of=as_of)}
             if any(i.kind == "risk" for i in agenda) else {})
    found: dict[int, str] = {}
    for n, item in enumerate(agenda, 1):
        ref = item.ref or ""
        if item.kind == "action":
            found[n] = rag.label(plan, codes.get(ref, UNRATED_CODE))
        elif item.kind == "matters_arising":
            arising = service.arising(plan.id, ref, as_of=as_of)
            found[n] = ARISING_MARKS.get(arising.status, arising.status) if arising else ""
        elif item.kind == "risk" and ref in risks:
            risk = risks[ref]
            found[n] = f"{risk.rating} {risk.band.name}" if risk.band else str(risk.rating)
        elif item.kind == "indicator" and (indicator := plan.indicator(ref)) is not None:
            values = service.indicator_values(plan.id, ref, as_of=as_of)
            latest = latest_value(indicator, values)
            verdict = against_target(indicator, latest.period if latest else None, latest.value if latest else None,
                                     {v.period: v.value for v in values})[1]
            found[n] = verdict.split(":", 1)[0].split(" (")[0]  # the word: the list is narrow
        elif item.kind == "previous_minutes" and ref.isdigit():
            found[n] = " ".join(APPROVED if service.approval_of(int(ref), as_of=as_of) else DRAFT)
        else:
            found[n] = ""
    return found


def choices(service: Service, plan: Plan, meeting: Meeting, as_of: Meeting | None = None) -> list[tuple[str, str]]:
    """(position, line) for the jump list: '  4 ✓ taken   ● R        Action 7.3 — Focus on young…'."""
    taken = service.item_seconds(meeting)
    marks = statuses(service, plan, meeting.agenda, as_of)
    lines = []
    for n, item in enumerate(meeting.agenda, 1):
        kind = KIND_LABEL.get(item.kind, "")
        if item.ref or not item.title.startswith(kind):
            what = f"{kind} {item.ref or ''}".strip() + f" — {item.title}"
        else:  # a standing item says what it is: 'Apologies for absence'
            what = item.title
        mark = TAKEN if n in taken else NOT_YET
        lines.append((str(n), cut(f"{n:>3} {mark:<9} {marks[n]:<10} {what}", WIDTH)))
    return lines


def dialog(choices: list[tuple[str, str]]) -> Choice:
    """The jump list: a Choice as wide as the screen allows (app.tcss `.jump-list`)."""
    found = Choice("Jump to item (type an id)", choices)
    found.add_class("jump-list")
    return found
