"""The walk-through's keys that record: each is one service call (one committed write), then a refresh."""

from __future__ import annotations

from datetime import date

from textual import events
from textual.actions import parse
from textual.binding import BindingsMap
from textual.message import Message

from storage.service.periods import match_period
from storage.service.service import Service
from tui.screens.amend import AmendKeys
from tui.screens.arising import ArisingPrompt, CarryForwardPrompt
from tui.screens.close import CloseKeys
from tui.screens.modals import TextPrompt, ValuePrompt
from tui.screens.risk_modal import RiskGridModal
from tui.screens.walkthrough import jump, keys, render
from tui.screens.walkthrough.agenda_screen import AgendaScreen
from tui.screens.walkthrough.standing import StandingKeys
from tui.typed_ahead import open_dialog


class WalkthroughScreen(CloseKeys, StandingKeys, AmendKeys, AgendaScreen):
    """Every key is declared in keys.py with an id for `App.set_keymap`; the status keys come
    from the plan's scale, so they are bound on the instance (`keys.status_bindings`)."""

    BINDINGS = keys.BINDINGS
    WRITES = frozenset({"set_status", "accept_proposal", "rate_risk", "indicator_value", "arising", "note",
                        "decision", "arising_new", "close_meeting", "abandon_meeting", "declare", "approve_minutes",
                        "amend"})
    KIND_OF = {"set_status": "action", "not_status": "action", "rate_risk": "risk", "indicator_value": "indicator",
               "arising": "matters_arising", "declare": "declarations", "approve_minutes": "previous_minutes"}
    PROPOSED_ON = frozenset({"action", "risk"})  # the items an officer's proposal can wait on

    class StatusRecorded(Message):
        def __init__(self, plan_id: str, meeting_id: int, action_id: str, rag: str) -> None:
            super().__init__()
            self.plan_id, self.meeting_id, self.action_id, self.rag = plan_id, meeting_id, action_id, rag

    class RiskRated(Message):
        def __init__(self, plan_id: str, risk_id: str, impact: int, likelihood: int) -> None:
            super().__init__()
            self.plan_id, self.risk_id, self.impact, self.likelihood = plan_id, risk_id, impact, likelihood

    class MeetingClosed(Message):
        """The meeting was closed or abandoned (tui/screens/close.py)."""

        def __init__(self, plan_id: str, meeting_id: int) -> None:
            super().__init__()
            self.plan_id, self.meeting_id = plan_id, meeting_id

    def __init__(self, service: Service, meeting_id: int) -> None:
        super().__init__(service, meeting_id)
        status_keys = keys.status_bindings(self.plan.rag_scale)
        self._bindings = BindingsMap([*status_keys, *keys.not_status_bindings(status_keys),
                                      *(binding for _, binding in self._bindings)])
        self.status_key_bindings = status_keys
        self.command_titles = {binding.id or "": f"meeting: Set status {binding.description}"
                               for binding in status_keys}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """False hides a key that does not apply to this item (or a status not on the plan's
        scale); None shows it disabled (a closed meeting is read-only)."""
        kind = self.KIND_OF.get(action)
        if kind is not None and self.item.kind != kind:
            return False
        if action == "set_status" and not (parameters and self.plan.rag(str(parameters[0])) is not None):
            return False
        if action == "accept_proposal" and not (self.pending and self.item.kind in self.PROPOSED_ON):
            return False  # `pending` is read with the item's panels, not per check
        if action in self.WRITES and self.meeting.closed:
            return None
        return True

    def _note_here(self) -> str:
        return self.service.notes(self.meeting).get(self.position, "")

    def action_set_status(self, code: str) -> None:
        if not self.check_action("set_status", (code,)):
            return
        action_id = self.item.ref or ""
        update = self.service.set_status(self.meeting, action_id, code, note=self._note_here())
        self.show_status()
        self.tell_correction(action_id, update.rag)
        self.post_message(self.StatusRecorded(self.plan.id, self.meeting.id, action_id, update.rag))

    def action_not_status(self, key: str) -> None:
        """A key of the default scale on a plan whose scale has other keys."""
        self.notify(f"{key} is not a status here: {self.hints().status_list()}", title="meeting: Status",
                    severity="warning", markup=False)

    def on_key(self, event: events.Key) -> None:
        """A status key on an item that takes none (`1` on a risk) says why, rather than doing nothing:
        its binding is hidden there (`check_action`), so the key comes down to the screen."""
        if self.item.kind == "action":
            return
        for binding in self.own_bindings().key_to_bindings.get(event.key, ()):
            name = parse(binding.action)[1]
            if name in ("set_status", "not_status"):
                event.stop()
                event.prevent_default()
                self.notify(self._takes_no_status(event.key, name == "set_status"), title="meeting: Status",
                            severity="warning", markup=False)
                return

    def _takes_no_status(self, key: str, is_status: bool) -> str:
        """'1 sets an action's status (1 Delayed, …): Risk SSC15-1 takes none (e re-rates)'."""
        hints = self.hints()
        what = (f"{keys.shown(key)} sets an action's status" if is_status else
                f"{keys.shown(key)} is not a status on this plan's scale")
        own = {"risk": hints.say("meeting-rate-risk", "re-rates"),
               "indicator": hints.say("meeting-value", "enters its value"),
               "matters_arising": hints.join(hints.say("meeting-arising-done", "done"),
                                             hints.say("meeting-arising-carry", "carried forward")),
               "declarations": hints.say("meeting-declare", "records a declaration"),
               "previous_minutes": hints.say("meeting-approve-minutes", "agrees them as a true record"),
               }.get(self.item.kind, "")
        return (f"{what} ({hints.status_list()}): {render.item_label(self.item)} takes none"
                + (f" ({own})" if own else ""))

    def action_accept_proposal(self) -> None:
        if self.item.kind == "risk":
            self._accept_risk_proposal()
            return
        pending = self.service.proposals(self.plan.id, self.item.ref or "")
        if not pending:
            return
        try:
            update = self.service.accept_proposal(self.meeting, pending[0])
        except ValueError as exc:  # the officer proposed a status that is not on the plan's scale
            self.notify(str(exc), title="meeting: Accept officer update", severity="error")
            return
        self.show_status()
        self.post_message(self.StatusRecorded(self.plan.id, self.meeting.id, update.action_id, update.rag))

    def _accept_risk_proposal(self) -> None:
        pending = self.service.risk_proposals(self.plan.id, self.item.ref or "")
        if not pending:
            return
        rating = self.service.accept_risk_proposal(self.meeting, pending[0])
        self.show_item()
        self.post_message(self.RiskRated(self.plan.id, rating.risk_id, rating.impact, rating.likelihood))

    async def action_rate_risk(self) -> None:
        risk = self.plan.risk(self.item.ref or "")
        if risk is None:
            return
        row = next(r for r in self.service.risks(self.plan.id) if r.risk.id == risk.id)
        current = (row.impact, row.likelihood)
        pending = self.service.risk_proposals(self.plan.id, risk.id)
        proposed = (pending[0].impact or 0, pending[0].likelihood or 0) if pending else None

        def chosen(result: tuple[int, int] | None) -> None:
            if result is None:
                return
            self.service.rate_risk(self.meeting, risk.id, *result, note=self._note_here())
            self.show_item()
            self.tell_correction(risk.id)
            self.post_message(self.RiskRated(self.plan.id, risk.id, *result))

        await open_dialog(self.app, RiskGridModal(risk, list(self.plan.risk_bands), current, current, proposed), chosen)

    async def action_indicator_value(self) -> None:
        ind = self.plan.indicator(self.item.ref or "")
        if ind is None:
            return
        facts = render.indicator_panels(self.service, self.plan, self.item, hints=self.hints()).facts
        period = ind.targets[-1].period if ind.targets else f"{self.meeting.held_on:%Y-%m}"

        def chosen(result: tuple[str, float, str] | None) -> None:
            if result is not None:
                self.service.record_indicator(self.meeting, ind.id, *result)
                self.show_item()

        await open_dialog(self.app, ValuePrompt(f"{ind.id} {ind.title}", facts, period,
                                                check=lambda typed: match_period(ind, typed, flag="")), chosen)

    async def action_arising(self, status: str) -> None:
        ref = self.item.ref or ""
        if status != "carried forward":
            self.service.set_arising_status(self.meeting, ref, status)
            self.show_item()
            return
        found = self.service.arising(self.plan.id, ref)
        if found is None:
            return

        def chosen(due: date | None) -> None:
            if due is not None:
                self.service.carry_forward(self.meeting, ref, due)
                self.show_item()

        about = f"{found.text} — {found.owner}; due {found.due.isoformat() if found.due else 'none set'}"
        await open_dialog(self.app, CarryForwardPrompt(ref, about, self.service.carry_forward_due(self.meeting, ref),
                                                       held_on=self.meeting.held_on), chosen)

    async def action_jump(self) -> None:
        choices = jump.choices(self.service, self.plan, self.meeting, self.as_of)

        def chosen(position: str | None) -> None:
            if position is not None:
                self.go(int(position))

        await open_dialog(self.app, jump.dialog(choices), chosen)

    async def action_note(self) -> None:
        current = self._note_here()

        def written(text: str | None) -> None:
            if text is not None and text != current:
                self.service.record_note(self.meeting, self.position, text)
                self.show_meeting()

        await open_dialog(self.app, TextPrompt(f"Note on item {self.position}", current), written)

    async def action_decision(self) -> None:
        def written(text: str | None) -> None:
            if text:
                self.service.record_decision(self.meeting, self.position, text)
                self.show_meeting()

        await open_dialog(self.app, TextPrompt(f"Decision on item {self.position}"), written)

    async def action_arising_new(self) -> None:
        def written(result: tuple[str, str, date | None] | None) -> None:
            if result is not None:
                self.service.add_action_arising(self.meeting, self.position, *result)
                self.show_meeting()

        default_due = self.service.arising_due_default(self.meeting)
        await open_dialog(self.app, ArisingPrompt(self.service.arising_owners(self.plan.id), default_due,
                                                  held_on=self.meeting.held_on), written)

    def action_leave(self) -> None:
        self.app.pop_screen()
