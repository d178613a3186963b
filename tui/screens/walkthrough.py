"""The walk-through: the chair takes the agenda one item at a time; every key is stored at once."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from storage.service.service import Service
from tui.screens import walk_actions
from tui.screens import walk_render as render
from tui.widgets.panel import Panel

STATUS_NAMES = {"R": "Red", "A": "Amber", "G": "Green", "B": "Blue (complete)"}


class Body(VerticalScroll, can_focus=False):
    """The item's panels; scrolled with page up/down so arrows stay free for the agenda."""


class WalkthroughScreen(Screen[None]):
    BINDINGS = [
        *[Binding(code.lower(), f"set_status('{code}')", name.split()[0], tooltip=f"Record {name} for this action now",
                  id=f"meeting-status-{name.split()[0].lower()}") for code, name in STATUS_NAMES.items()],
        Binding("p,enter", "accept_proposal", "Accept update", tooltip="Agree the officer's proposed status",
                id="meeting-accept"),
        Binding("e,enter", "rate_risk", "Re-rate", tooltip="Re-rate this risk on the 5×5 grid",
                id="meeting-rate-risk"),
        Binding("v,enter", "indicator_value", "Value", tooltip="Enter this period's value", id="meeting-value"),
        Binding("o", "arising('done')", "Done", tooltip="Mark this action arising done", id="meeting-arising-done"),
        Binding("k", "arising('carried forward')", "Carry fwd", tooltip="Carry this action arising forward",
                id="meeting-arising-carry"),
        Binding("left", "move(-1)", "Prev", tooltip="Previous agenda item", id="meeting-prev"),
        Binding("right", "move(1)", "Next", tooltip="Next agenda item", id="meeting-next"),
        Binding("j", "jump", "Jump", tooltip="Jump to an agenda item by id", id="meeting-jump"),
        Binding("n", "note", "Note", tooltip="Write or edit the note for this item", id="meeting-note"),
        Binding("d", "decision", "Decision", tooltip="Record a decision on this item", id="meeting-decision"),
        Binding("x", "arising_new", "Arising", tooltip="Add an action arising (text, owner, due)",
                id="meeting-arising-new"),
        Binding("c", "close_meeting", "Close", tooltip="Review the summary and close the meeting",
                id="meeting-close"),
        Binding("pageup", "scroll(-1)", "Page up", show=False, id="meeting-page-up"),
        Binding("pagedown", "scroll(1)", "Page down", show=False, id="meeting-page-down"),
        Binding("escape", "leave", "Leave", tooltip="Back to the dashboard; the meeting stays open",
                id="meeting-leave"),
    ]

    class StatusRecorded(Message):
        def __init__(self, plan_id: str, meeting_id: int, action_id: str, rag: str) -> None:
            super().__init__()
            self.plan_id, self.meeting_id, self.action_id, self.rag = plan_id, meeting_id, action_id, rag

    class RiskRated(Message):
        def __init__(self, plan_id: str, risk_id: str, impact: int, likelihood: int) -> None:
            super().__init__()
            self.plan_id, self.risk_id, self.impact, self.likelihood = plan_id, risk_id, impact, likelihood

    class MeetingClosed(Message):
        def __init__(self, plan_id: str, meeting_id: int) -> None:
            super().__init__()
            self.plan_id, self.meeting_id = plan_id, meeting_id

    def __init__(self, service: Service, meeting_id: int) -> None:
        super().__init__(id="walkthrough")
        self.service = service
        self.meeting = service.meeting(meeting_id)
        self.plan = service.plan(self.meeting.plan_id)
        self.position = 1
        self.allotted = sum(i.allotted_seconds for i in self.meeting.agenda)  # the agenda never changes
        self.pending = False  # an officer's proposal waits on this item (read with its panels)
        self._keys_for: tuple[object, ...] | None = None  # what the footer was last built for

    @property
    def item(self):
        return self.meeting.item(self.position)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="wt-top"):
            yield Static(id="wt-bar")
            yield ProgressBar(total=len(self.meeting.agenda), show_eta=False, id="wt-progress")
        with Body(id="wt-body"):
            yield Panel(id="wt-title", classes="screen-title")
            yield Panel(id="wt-status")
            yield Panel(id="wt-facts")
            yield Panel(id="wt-proposals")
            yield Panel(id="wt-history", classes="block")
            yield Panel(id="wt-text", classes="block")
            yield Panel(id="wt-meeting", classes="block")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.plan.id} meeting {self.meeting.held_on:%d %b %Y} · chair {self.meeting.chair}"
        self.position = self.service.current_position(self.meeting) or 1
        if not self.meeting.closed:
            self.service.enter_item(self.meeting, self.position)
        self.show_item()
        self.set_interval(1.0, self.show_time)

    # -- showing ----------------------------------------------------------------------

    def show_item(self) -> None:
        """Everything for the current item (on moving to it)."""
        panels = walk_actions.panels(self)
        self.query_one("#wt-title", Static).update(panels.title)
        for name in ("facts", "text"):  # the proposals come with the status (show_status)
            widget = self.query_one(f"#wt-{name}", Static)
            value = getattr(panels, "body" if name == "text" else name)
            widget.update(value)
            widget.display = bool(value)
        self.show_status(panels)
        self.show_meeting()
        self.query_one("#wt-progress", ProgressBar).update(progress=self.position)
        self.query_one(Body).scroll_home(animate=False)
        self.show_time()

    def show_status(self, panels: render.Panels | None = None) -> None:
        """The status line and history only (after a status key)."""
        panels = panels or walk_actions.panels(self)
        self.pending = panels.pending
        status = self.query_one("#wt-status", Static)
        status.update(panels.status)
        status.display = bool(panels.status)
        status.set_classes(f"-status {panels.status_class}".strip())
        history = self.query_one("#wt-history", Static)
        history.update(panels.history)
        history.display = bool(panels.history)
        proposals = self.query_one("#wt-proposals", Static)
        proposals.update(panels.proposals)
        proposals.display = bool(panels.proposals)
        self.sync_bindings()

    def sync_bindings(self) -> None:
        """Refresh the footer only when which keys apply has changed: each refresh rebuilds it.

        What `walk_actions.check` decides on is the item's kind, whether a proposal waits and
        whether the meeting is closed; moving between two actions changes none of them.
        """
        keys_for = (self.item.kind, self.pending, self.meeting.closed)
        if keys_for != self._keys_for:
            self._keys_for = keys_for
            self.refresh_bindings()

    def show_meeting(self) -> None:
        """This meeting's note, decisions and actions arising on the item."""
        self.query_one("#wt-meeting", Static).update(walk_actions.meeting_markup(self))

    def show_time(self) -> None:
        spent = self.service.item_seconds(self.meeting)
        item = self.item
        total = sum(spent.values())
        allotted = self.allotted
        here = spent.get(self.position, 0.0)
        over = " -over" if here > item.allotted_seconds else ""
        state = "  [b $error]CLOSED · read-only[/]" if self.meeting.closed else ""
        bar = self.query_one("#wt-bar", Static)
        kind = "AOB" if item.kind == "aob" else render.KIND_LABEL[item.kind].split()[-1].title()
        bar.update(f"Item [b]{self.position}/{len(self.meeting.agenda)}[/b] {kind} {item.ref or ''} · "
                   f"⏱ {render.clock(here)}/{render.clock(item.allotted_seconds)} · "
                   f"Σ {render.clock(total)}/{render.clock(allotted)}{state}",
                   layout=False)  # one line of fixed size: a repaint, no layout (this runs every second)
        bar.set_class(bool(over), "-over")

    # -- keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return walk_actions.check(self, action)

    def action_move(self, step: int) -> None:
        self.go(self.position + step)

    def go(self, position: int) -> None:
        position = min(len(self.meeting.agenda), max(1, position))
        if position == self.position:
            return
        if not self.meeting.closed:
            self.service.enter_item(self.meeting, position)
        self.position = position
        self.show_item()

    def action_scroll(self, pages: int) -> None:
        body = self.query_one(Body)
        body.scroll_page_down() if pages > 0 else body.scroll_page_up()

    def action_set_status(self, code: str) -> None:
        walk_actions.set_status(self, code)

    def action_accept_proposal(self) -> None:
        walk_actions.accept_proposal(self)

    def action_rate_risk(self) -> None:
        walk_actions.rate_risk(self)

    def action_indicator_value(self) -> None:
        walk_actions.indicator_value(self)

    def action_arising(self, status: str) -> None:
        walk_actions.arising_status(self, status)

    def action_jump(self) -> None:
        walk_actions.jump(self)

    def action_note(self) -> None:
        walk_actions.note(self)

    def action_decision(self) -> None:
        walk_actions.decision(self)

    def action_arising_new(self) -> None:
        walk_actions.arising_new(self, self.meeting.held_on + timedelta(days=self.plan.meeting_cycle_days))

    def action_close_meeting(self) -> None:
        walk_actions.close(self)

    def action_leave(self) -> None:
        self.app.pop_screen()
