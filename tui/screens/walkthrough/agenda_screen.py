"""A meeting's agenda shown one item at a time: the item's panels, the clock, moving between items.

The base of the walk-through (screen.py), which adds the keys that record.
"""

from __future__ import annotations

from textual import events
from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from storage.service import AgendaItem, Meeting
from storage.service.service import Service
from tui.durations import clocks
from tui.safe_text import escape
from tui.screens.walkthrough import render
from tui.screens.walkthrough.keys import Hints
from tui.screens.walkthrough.panels import ItemPanels
from tui.screens.walkthrough.standing import STANDING, standing_panels
from tui.store_trouble import notifies


class AgendaScreen(Screen[None]):
    WRITES: frozenset[str] = frozenset()  # the actions that record (the walk-through's, screen.py)
    READ_ONLY = "closed — read-only"

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
        self.status_key_bindings: list[Binding] = []  # one per status of the plan's scale (the walk-through's)
        self._hints: tuple[object, Hints] | None = None  # (the app's keymap, the hints read with it)
        self._keys_for: tuple[object, ...] | None = None  # what the footer was last built for
        self._meeting_shown: tuple[int, str] | None = None  # (position, markup) of the record last shown

    @property
    def item(self) -> AgendaItem:
        return self.meeting.item(self.position)

    @property
    def as_of(self) -> Meeting | None:
        """The meeting whose knowledge the view shows once it is closed (every read of `panels`
        and the jump list takes it: nothing recorded since, or outside it while it ran, shows as
        the meeting's); None while it is open: everything as it stands."""
        return self.meeting if self.meeting.closed and self.meeting.closed_at is not None else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="wt-top"):
            yield Static(id="wt-bar")
            yield ProgressBar(total=len(self.meeting.agenda), show_eta=False, id="wt-progress")
        yield ItemPanels(id="wt-body")
        yield Footer(compact=True, show_command_palette=False)  # keys.py: what fits at 80 columns

    @notifies
    def on_mount(self) -> None:
        self._session("resume")
        self.set_reactive(AgendaScreen.position, self.validate_position(self.service.current_position(self.meeting)))
        self.watch_position()
        self.set_interval(1.0, self.show_time)

    def on_unmount(self) -> None:
        self._session("suspend")  # left cleanly, or the app exits: the timers stop until the next resume

    @notifies
    def _session(self, event: str) -> None:
        if not (self.meeting.closed or self.meeting.abandoned):
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

    def show_header(self) -> None:
        """The meeting in the header; a closed one says so first of all (its chair left out, for room)."""
        held = f"{self.plan.id} meeting {self.meeting.held_on:%d %b %Y}"
        self.sub_title = f"{held} · {self.READ_ONLY}" if self.meeting.closed else f"{held} · chair {self.meeting.chair}"

    def own_bindings(self) -> BindingsMap:
        """The screen's own bindings as they run: the settings file's keymap applied (Textual's rule)."""
        return next((bindings for node, bindings in self._binding_chain if node is self), self._bindings)

    def hints(self) -> Hints:
        """The keys the panels name: those that run now (a keymap may have moved or taken some). Read
        again when the app's keymap is another (set_keymap and update_keymap replace it, never change it)."""
        keymap = self.app._keymap
        if self._hints is None or self._hints[0] is not keymap:
            self._hints = (keymap, Hints.of(self.own_bindings(), self.status_key_bindings))
        return self._hints[1]

    def on_key(self, event: events.Key) -> None:
        """On a closed meeting the keys that would write are disabled (dim in the footer, out of the
        palette); pressing one says why instead of doing nothing."""
        if not self.meeting.closed:
            return
        for binding in self.own_bindings().key_to_bindings.get(event.key, ()):
            _, name, parameters = parse(binding.action)
            if name in self.WRITES and self.check_action(name, parameters) is None:
                event.stop()
                event.prevent_default()
                self.notify(f"{binding.description}: not recorded. This meeting is {self.READ_ONLY}; its record "
                            "can no longer change.", title="meeting: closed", severity="warning")
                return

    def show_item(self) -> None:
        """Everything for the current item (on moving to it)."""
        self.show_header()
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
        """The item's panels: the one place the view reads the store, each read `as_of`."""
        item, plan, service, as_of, hints = self.item, self.plan, self.service, self.as_of, self.hints()
        if item.kind in STANDING:
            return standing_panels(service, self.meeting, item, as_of, hints=hints)
        if item.kind == "action":
            return render.action_panels(service, plan, self.meeting, item, hints, as_of)
        if item.kind == "matters_arising":
            arising = service.arising(plan.id, item.ref or "", as_of=as_of)
            return render.arising_panels(plan, arising, item, as_of.held_on if as_of else service.today(),
                                         service.arising_raised_on(arising) if arising else "", hints=hints)
        if item.kind == "risk":
            row = next((r for r in service.risks(plan.id, as_of=as_of) if r.risk.id == item.ref), None)
            return render.risk_panels(plan, row, item, service.risk_proposals(plan.id, item.ref or "", as_of=as_of),
                                      hints=hints)
        if item.kind == "indicator":
            return render.indicator_panels(service, plan, item, as_of, hints=hints)
        keys = hints.join(render.record_hints(hints), hints.say("meeting-close", "closes the meeting"))
        return render.Panels(render.KIND_LABEL["aob"], "", "", "", "Anything else the group raises"
                             + (f": {escape(keys)}" if keys else ""), "", "")

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
        """This meeting's note, decisions and actions arising on the item, scrolled into view when
        they changed while on the item (something was just saved)."""
        markup = render.meeting_markup(self.service.notes(self.meeting), self.service.decisions(self.meeting),
                                       self.service.meeting_arising(self.meeting), self.position,
                                       self.service.amended(self.meeting), hints=self.hints())
        changed = self._meeting_shown is not None and self._meeting_shown != (self.position, markup) \
            and self._meeting_shown[0] == self.position
        self._meeting_shown = (self.position, markup)
        self.query_one(ItemPanels).show_meeting(markup, reveal=changed)

    def show_time(self) -> None:
        spent = self.service.item_seconds(self.meeting)
        item = self.item
        here = spent.get(self.position, 0.0)
        bar = self.query_one("#wt-bar", Static)
        now, allotted, total, allotted_total = clocks(here, item.allotted_seconds, sum(spent.values()), self.allotted)
        bar.update(render.top_line(self.position, len(self.meeting.agenda), render.item_label(item),
                                   f"{now}/{allotted}", f"{total}/{allotted_total}", bar.content_size.width),
                   layout=False)  # one line of fixed size: a repaint, no layout (this runs every second)
        bar.set_class(here > item.allotted_seconds, "-over")
