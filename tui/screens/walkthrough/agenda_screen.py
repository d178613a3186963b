"""A meeting's agenda shown one item at a time: the item's panels, the clock, moving between items.

The base of the walk-through (screen.py), which adds the keys that record.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from storage.service import AgendaItem
from storage.service.service import Service
from tui.screens.walkthrough import render
from tui.screens.walkthrough.panels import ItemPanels
from tui.store_trouble import notifies


class AgendaScreen(Screen[None]):
    position: var[int] = var(1, init=False)
    """The agenda item shown, 1-based; setting it records entering the item (while the meeting
    is open) and shows it."""

    def __init__(self, service: Service, meeting_id: int) -> None:
        super().__init__(id="walkthrough")
        self.service = service
        self.meeting = service.meeting(meeting_id)
        self.plan = service.plan(self.meeting.plan_id)
        self.allotted = sum(i.allotted_seconds for i in self.meeting.agenda)  # the agenda never changes
        self.pending = False  # an officer's proposal waits on this item (read with its panels)
        self.status_keys = ""  # the status keys, for the hint on an action not yet rated ('r a g b')
        self._keys_for: tuple[object, ...] | None = None  # what the footer was last built for

    @property
    def item(self) -> AgendaItem:
        return self.meeting.item(self.position)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="wt-top"):
            yield Static(id="wt-bar")
            yield ProgressBar(total=len(self.meeting.agenda), show_eta=False, id="wt-progress")
        yield ItemPanels(id="wt-body")
        yield Footer()

    @notifies
    def on_mount(self) -> None:
        self._session("resume")
        self.sub_title = f"{self.plan.id} meeting {self.meeting.held_on:%d %b %Y} · chair {self.meeting.chair}"
        self.set_reactive(AgendaScreen.position, self.validate_position(self.service.current_position(self.meeting)))
        self.watch_position()
        self.set_interval(1.0, self.show_time)

    def on_unmount(self) -> None:
        self._session("suspend")  # left cleanly, or the app exits: the timers stop until the next resume

    @notifies
    def _session(self, event: str) -> None:
        if not self.meeting.closed:
            self.service.meeting_session(self.meeting, event)

    def validate_position(self, position: int) -> int:
        return min(len(self.meeting.agenda), max(1, position))

    def watch_position(self) -> None:
        if not self.meeting.closed:
            self._enter()
        self.show_item()

    @notifies
    def _enter(self) -> None:
        """Record entering the item; a store that cannot take it is told, and the item still shown."""
        self.service.enter_item(self.meeting, self.position)

    def go(self, position: int) -> None:
        self.position = position

    def action_move(self, step: int) -> None:
        self.position += step

    def action_scroll(self, pages: int) -> None:
        self.query_one(ItemPanels).page(pages)

    # -- showing ----------------------------------------------------------------------

    def show_item(self) -> None:
        """Everything for the current item (on moving to it)."""
        panels = self.panels()
        self.query_one(ItemPanels).show_item(panels)
        self._status_shown(panels)
        self.show_meeting()
        self.query_one("#wt-progress", ProgressBar).update(progress=self.position)
        self.show_time()

    def show_status(self) -> None:
        """The status line, history and officers' updates only (after a status key)."""
        panels = self.panels()
        self.query_one(ItemPanels).show_status(panels)
        self._status_shown(panels)

    def _status_shown(self, panels: render.Panels) -> None:
        self.pending = panels.pending
        self.sync_bindings()

    def panels(self) -> render.Panels:
        item, plan, service = self.item, self.plan, self.service
        if item.kind == "action":
            return render.action_panels(service, plan, self.meeting, item, self.status_keys)
        if item.kind == "matters_arising":
            return render.arising_panels(service.arising(plan.id, item.ref or ""), item, service.today())
        if item.kind == "risk":
            row = next((r for r in service.risks(plan.id) if r.risk.id == item.ref), None)
            return render.risk_panels(plan, row, item, service.risk_proposals(plan.id, item.ref or ""))
        if item.kind == "indicator":
            return render.indicator_panels(service, plan, item)
        return render.Panels(render.KIND_LABEL["aob"], "", "", "", "Anything else the group raises: n note · "
                             "d decision · x action arising · c closes the meeting", "", "")

    def sync_bindings(self) -> None:
        """Refresh the footer only when which keys apply has changed: each refresh rebuilds it.

        What `check_action` decides on is the item's kind, whether a proposal waits and
        whether the meeting is closed; moving between two actions changes none of them.
        """
        keys_for = (self.item.kind, self.pending, self.meeting.closed)
        if keys_for != self._keys_for:
            self._keys_for = keys_for
            self.refresh_bindings()

    def show_meeting(self) -> None:
        """This meeting's note, decisions and actions arising on the item."""
        self.query_one(ItemPanels).show_meeting(render.meeting_markup(
            self.service.notes(self.meeting), self.service.decisions(self.meeting),
            self.service.meeting_arising(self.meeting), self.position))

    def show_time(self) -> None:
        spent = self.service.item_seconds(self.meeting)
        item = self.item
        here = spent.get(self.position, 0.0)
        state = "  [b $error]CLOSED · read-only[/]" if self.meeting.closed else ""
        bar = self.query_one("#wt-bar", Static)
        kind = "AOB" if item.kind == "aob" else render.KIND_LABEL[item.kind].split()[-1].title()
        bar.update(f"Item [b]{self.position}/{len(self.meeting.agenda)}[/b] {kind} {item.ref or ''} · "
                   f"⏱ {render.clock(here)}/{render.clock(item.allotted_seconds)} · "
                   f"Σ {render.clock(sum(spent.values()))}/{render.clock(self.allotted)}{state}",
                   layout=False)  # one line of fixed size: a repaint, no layout (this runs every second)
        bar.set_class(here > item.allotted_seconds, "-over")
