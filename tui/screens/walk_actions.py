"""What each walk-through key does: one service call (one committed write), then a panel refresh."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tui.screens import walk_render as render
from tui.screens.close import CloseMeeting
from tui.screens.modals import ArisingPrompt, Choice, TextPrompt, ValuePrompt
from tui.screens.risk_modal import RiskGridModal

if TYPE_CHECKING:
    from tui.screens.walkthrough import WalkthroughScreen

WRITES = {"set_status", "accept_proposal", "rate_risk", "indicator_value", "arising", "note", "decision",
          "arising_new", "close_meeting"}
KIND_OF = {"set_status": "action", "accept_proposal": "action", "rate_risk": "risk",
           "indicator_value": "indicator", "arising": "matters_arising"}


def check(screen: WalkthroughScreen, action: str) -> bool | None:
    """False hides a key that does not apply to this item; None shows it disabled (closed meeting)."""
    kind = KIND_OF.get(action)
    if kind is not None and screen.item.kind != kind:
        return False
    if action == "accept_proposal" and not screen.pending:  # read with the item's panels, not per check
        return False
    if action in WRITES and screen.meeting.closed:
        return None
    return True


def panels(screen: WalkthroughScreen) -> render.Panels:
    item, plan, service = screen.item, screen.plan, screen.service
    if item.kind == "action":
        return render.action_panels(service, plan, screen.meeting, item)
    if item.kind == "matters_arising":
        return render.arising_panels(service.arising(plan.id, item.ref or ""), item, service.today())
    if item.kind == "risk":
        row = next((r for r in service.risks(plan.id) if r.risk.id == item.ref), None)
        return render.risk_panels(plan, row, item)
    if item.kind == "indicator":
        return render.indicator_panels(service, plan, item)
    return render.Panels(render.KIND_LABEL["aob"], "", "", "", "Anything else the group raises: n note · "
                         "d decision · x action arising · c closes the meeting", "", "")


def meeting_markup(screen: WalkthroughScreen) -> str:
    store = screen.service.store
    return render.meeting_markup(store.notes(screen.meeting.id), store.decisions(screen.meeting.id),
                                 store.actions_arising(screen.plan.id, meeting_id=screen.meeting.id), screen.position)


def set_status(screen: WalkthroughScreen, code: str) -> None:
    if not screen.check_action("set_status", ()):
        return
    action_id = screen.item.ref or ""
    note = screen.service.store.notes(screen.meeting.id).get(screen.position, "")
    update = screen.service.set_status(screen.meeting, action_id, code, note=note)
    screen.show_status()
    screen.post_message(screen.StatusRecorded(screen.plan.id, screen.meeting.id, action_id, update.rag))


def accept_proposal(screen: WalkthroughScreen) -> None:
    pending = screen.service.proposals(screen.plan.id, screen.item.ref or "")
    if not pending:
        return
    update = screen.service.accept_proposal(screen.meeting, pending[0])
    screen.show_status()
    screen.post_message(screen.StatusRecorded(screen.plan.id, screen.meeting.id, update.action_id, update.rag))


def rate_risk(screen: WalkthroughScreen) -> None:
    risk = screen.plan.risk(screen.item.ref or "")
    if risk is None:
        return
    row = next(r for r in screen.service.risks(screen.plan.id) if r.risk.id == risk.id)
    current = (row.impact, row.likelihood)

    def chosen(result: tuple[int, int] | None) -> None:
        if result is None:
            return
        screen.service.rate_risk(screen.meeting, risk.id, *result,
                                 note=screen.service.store.notes(screen.meeting.id).get(screen.position, ""))
        screen.show_item()
        screen.post_message(screen.RiskRated(screen.plan.id, risk.id, *result))

    screen.app.push_screen(RiskGridModal(risk, list(screen.plan.risk_bands), current, current), chosen)


def indicator_value(screen: WalkthroughScreen) -> None:
    ind = screen.plan.indicator(screen.item.ref or "")
    if ind is None:
        return
    panels_now = render.indicator_panels(screen.service, screen.plan, screen.item)
    period = ind.targets[-1].period if ind.targets else f"{screen.meeting.held_on:%Y-%m}"

    def chosen(result: tuple[str, float, str] | None) -> None:
        if result is not None:
            screen.service.record_indicator(screen.meeting, ind.id, *result)
            screen.show_item()

    screen.app.push_screen(ValuePrompt(f"{ind.id} {ind.title}", panels_now.facts, period), chosen)


def arising_status(screen: WalkthroughScreen, status: str) -> None:
    screen.service.set_arising_status(screen.meeting, screen.item.ref or "", status)
    screen.show_item()


def jump(screen: WalkthroughScreen) -> None:
    choices = [(str(n), f"{n:>3}  {render.KIND_LABEL[i.kind]} {i.ref or ''} — {i.title[:50]}")
               for n, i in enumerate(screen.meeting.agenda, 1)]

    def chosen(position: str | None) -> None:
        if position is not None:
            screen.go(int(position))

    screen.app.push_screen(Choice("Jump to item (type an id)", choices), chosen)


def note(screen: WalkthroughScreen) -> None:
    current = screen.service.store.notes(screen.meeting.id).get(screen.position, "")

    def written(text: str | None) -> None:
        if text is not None and text != current:
            screen.service.record_note(screen.meeting, screen.position, text)
            screen.show_meeting()

    screen.app.push_screen(TextPrompt(f"Note on item {screen.position}", current), written)


def decision(screen: WalkthroughScreen) -> None:
    def written(text: str | None) -> None:
        if text:
            screen.service.record_decision(screen.meeting, screen.position, text)
            screen.show_meeting()

    screen.app.push_screen(TextPrompt(f"Decision on item {screen.position}"), written)


def arising_new(screen: WalkthroughScreen, default_due: date) -> None:
    def written(result: tuple[str, str, date | None] | None) -> None:
        if result is not None:
            screen.service.add_action_arising(screen.meeting, screen.position, *result)
            screen.show_meeting()

    screen.app.push_screen(ArisingPrompt(screen.service.roster(screen.plan.id), default_due), written)


def close(screen: WalkthroughScreen) -> None:
    summary = screen.service.summary(screen.meeting)

    def confirmed(yes: bool | None) -> None:
        if yes:
            screen.meeting = screen.service.close_meeting(screen.meeting)
            screen.show_item()
            screen.post_message(screen.MeetingClosed(screen.plan.id, screen.meeting.id))
            screen.notify("Meeting closed; its record is now read-only. Minutes: dashboard → Meetings → p.",
                          title="meeting: Close")

    screen.app.push_screen(CloseMeeting(screen.plan, summary), confirmed)
