"""Meeting setup: date, chair, who is present and who sent apologies, and the agenda mode."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Select, SelectionList, Static

from storage.service import counted
from storage.service.agenda import MODE_LABELS
from storage.service.service import Service
from tui.widgets.tick_list import TickList


class MeetingSetupScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start meeting", tooltip="Build the agenda and start the meeting",
                id="setup-start", priority=True),
        Binding("escape", "app.pop_screen", "Cancel", tooltip="Back without starting", id="setup-cancel"),
    ]

    class MeetingStarted(Message):
        def __init__(self, meeting_id: int, plan_id: str) -> None:
            super().__init__()
            self.meeting_id, self.plan_id = meeting_id, plan_id

    def __init__(self, service: Service, plan_id: str) -> None:
        super().__init__(id="setup")
        self.service, self.plan_id = service, plan_id
        self.plan = service.plan(plan_id)

    def _default_chair(self) -> str | None:
        for group in self.plan.groups:
            for member in group.members:
                if member.person and (member.role or "").lower() == "chair":
                    return member.person
        return self.plan.delivery_lead_person

    def compose(self) -> ComposeResult:
        roster = self.service.roster(self.plan_id)
        chair = self._default_chair()
        yield Header()
        yield Static(f"New meeting of {self.plan.id} — tab moves, space ticks a name, ctrl+s starts",
                     classes="screen-title")
        with Horizontal(id="setup-top"):
            yield Input(self.service.today().isoformat(), placeholder="YYYY-MM-DD", id="held-on")
            yield Select([(label, key) for key, label in roster], prompt="Chair", value=chair if chair else Select.NULL,
                         id="chair")
            yield Select([(label, mode) for mode, label in MODE_LABELS.items()], value="all",
                         allow_blank=False, id="mode")
        with Horizontal(id="setup-people"):
            yield TickList[str](*[(label, key, key == chair) for key, label in roster], id="present")
            yield TickList[str](*[(label, key) for key, label in roster], id="apologies")
        yield Input(placeholder="Guests in attendance, comma separated (typed)", id="guests")
        yield Static(id="setup-agenda")
        yield Static(id="setup-problem", classes="problem")
        yield Footer()

    def on_mount(self) -> None:
        self._problem("")
        self._count_people()
        self._preview()

    def on_selection_list_selected_changed(self) -> None:
        self._count_people()

    def _count_people(self) -> None:
        for key, label in (("present", "Present"), ("apologies", "Apologies")):
            chosen = self.query_one(f"#{key}", SelectionList)
            chosen.border_title = f"{label}: {len(chosen.selected)} ticked"

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "mode":
            self._preview()

    def _mode(self) -> str:
        return str(self.query_one("#mode", Select).value)

    def _preview(self) -> None:
        agenda = self.service.build_agenda(self.plan_id, self._mode())
        kinds = [item.kind for item in agenda]
        minutes = sum(item.allotted_seconds for item in agenda) // 60
        self.query_one("#setup-agenda", Static).update(
            f"Agenda {counted(len(agenda), 'item')}, {minutes} min: {kinds.count('matters_arising')} arising · "
            f"{counted(kinds.count('action'), 'action')} · {counted(kinds.count('risk'), 'risk')} · "
            f"{counted(kinds.count('indicator'), 'indicator')} · AOB")

    def _problem(self, text: str) -> None:
        problem = self.query_one("#setup-problem", Static)
        problem.update(text)
        problem.display = bool(text)

    def action_start(self) -> None:
        try:
            held_on = date.fromisoformat(self.query_one("#held-on", Input).value.strip())
        except ValueError:
            self._problem("The date must be YYYY-MM-DD")
            return
        chair = self.query_one("#chair", Select).value
        if chair is Select.NULL:
            self._problem("Pick the chair")
            return
        order = [key for key, _ in self.service.roster(self.plan_id)]
        ticked = set(self.query_one("#present", SelectionList).selected)
        present = [key for key in order if key in ticked]
        excused = set(self.query_one("#apologies", SelectionList).selected) - ticked
        apologies = [key for key in order if key in excused]
        if str(chair) not in present:
            present.insert(0, str(chair))
        guests = [g.strip() for g in self.query_one("#guests", Input).value.split(",") if g.strip()]
        meeting = self.service.start_meeting(self.plan_id, held_on, str(chair), present, apologies, guests,
                                             self._mode())
        self.post_message(self.MeetingStarted(meeting.id, self.plan_id))
