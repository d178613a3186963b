"""Meeting setup: date, chair, who is present and who sent apologies, guests and the agenda mode.

Present and apologies exclude each other: a name ticked in one is unticked in the other and
greyed there (marked `–`). The field with the focus says so by a `▶` before its label (and only
the focused name list marks its cursor `▶`), not by its border's colour alone. What the chair
should know before starting (a date in the future, a meeting of the plan that day already, a
quorum not met) is shown as it changes and asked about once more at ctrl+s; none of it refuses
the start. The chair offered: the plan's, else the last closed meeting's (`default_chair`).
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Header, Input, Select, SelectionList, Static

from storage.service import counted
from storage.service.agenda import MODE_LABELS
from storage.service.service import Service
from tui.safe_text import escape
from tui.typed_ahead import FIELD_KEYS, move_focus, settled
from tui.widgets.marked_checkbox import MarkedCheckbox
from tui.widgets.tick_list import TickList

FOCUS_MARK = "▶ "  # before the label of the field with the focus
LABELS = {"held-on": "Date", "chair": "Chair", "mode": "Agenda", "guests": "Guests"}


class MeetingSetupScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start meeting", tooltip="Build the agenda and start the meeting",
                id="setup-start", priority=True),
        Binding("escape", "app.pop_screen", "Cancel", tooltip="Back without starting", id="setup-cancel"),
        Binding("ctrl+o", "preview", "Agenda", tooltip="The agenda it would start, and why each action is on it",
                id="setup-preview"),
        *FIELD_KEYS,  # tab waits for the keys typed before it: 'tab tab tab space' ticks, not blanks the date
    ]
    DEFAULT_CSS = """
    #setup #setup-top > Input, #setup #setup-top > Select, #setup #guests { border-title-color: $text; }
    #setup #setup-warning { padding: 0 1; color: $warning; }
    #setup-exception { height: auto; padding: 0 1; }
    #setup-rule { color: $text-muted; }
    """

    class MeetingStarted(Message):
        def __init__(self, meeting_id: int, plan_id: str) -> None:
            super().__init__()
            self.meeting_id, self.plan_id = meeting_id, plan_id

    def __init__(self, service: Service, plan_id: str) -> None:
        super().__init__(id="setup")
        self.service, self.plan_id = service, plan_id
        self.plan = service.plan(plan_id)
        self._roster = service.roster(plan_id)

    def compose(self) -> ComposeResult:
        roster = self._roster
        chair = self.service.default_chair(self.plan_id)
        yield Header()
        yield Static(f"New meeting of {self.plan.id} — tab moves, space ticks a name, ctrl+s starts",
                     classes="screen-title")
        with Horizontal(id="setup-top"):
            held_on = Input(self.service.today().isoformat(), placeholder="YYYY-MM-DD", id="held-on")
            held_on.border_title = "Date"
            yield held_on
            chosen = Select([(label, key) for key, label in roster],
                            prompt="Chair: pick one" if chair is None else "Chair",
                            value=chair if chair else Select.NULL, id="chair")
            chosen.border_title = "Chair"
            yield chosen
            mode = Select([(label, mode) for mode, label in MODE_LABELS.items()], value="all",
                          allow_blank=False, id="mode")
            mode.border_title = "Agenda"
            yield mode
        with Horizontal(id="setup-people"):
            yield TickList[str](*[(label, key, key == chair) for key, label in roster], id="present")
            yield TickList[str](*[(label, key) for key, label in roster], id="apologies")
        guests = Input(placeholder="Guests in attendance, comma separated (typed)", id="guests")
        guests.border_title = "Guests"
        yield guests
        with Vertical(id="setup-exception"):  # shown by exception only (`_preview`)
            yield Static(escape(self.service.exception_rule(self.plan_id)), id="setup-rule")
            yield MarkedCheckbox("Include actions not yet rated", compact=True, id="unrated")
        yield Static(id="setup-agenda")
        yield Static(id="setup-warning")
        yield Static(id="setup-problem", classes="problem")
        yield Footer()

    def on_mount(self) -> None:
        for select in self.query(Select):  # the part of a Select with a border is its SelectCurrent
            select.query_one("SelectCurrent").border_title = select.border_title
        self._problem("")
        self._exclusive(self.query_one("#present", SelectionList))
        self._count_people()
        self._preview()
        self._warn()
        self._mark_focus()

    def on_descendant_focus(self) -> None:
        self._mark_focus()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._mark_focus)

    def _label(self, field_id: str, label: str) -> str:
        field = self.query_one(f"#{field_id}")
        return f"{FOCUS_MARK}{label}" if field.has_focus_within else label

    def _mark_focus(self) -> None:
        """`▶` before the focused field's label (a Select's border is its SelectCurrent's)."""
        for field_id, label in LABELS.items():
            field = self.query_one(f"#{field_id}")
            target = field.query_one("SelectCurrent") if isinstance(field, Select) else field
            target.border_title = self._label(field_id, label)
        self._count_people()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self._exclusive(event.selection_list)
        self._count_people()
        self._warn()

    def _exclusive(self, ticked_in: SelectionList[str]) -> None:
        """Untick and grey in the other list everyone ticked in `ticked_in`; free the rest there."""
        other = self.query_one("#apologies" if ticked_in.id == "present" else "#present", SelectionList)
        chosen = set(ticked_in.selected)
        for value in chosen & set(other.selected):
            other.deselect(value)
        for index in range(other.option_count):  # only those that change: each moves the highlight off it
            barred = other.get_option_at_index(index).value in chosen
            if other.get_option_at_index(index).disabled != barred:
                other.disable_option_at_index(index) if barred else other.enable_option_at_index(index)

    def _count_people(self) -> None:
        for key, label, other in (("present", "Present", "apologies"), ("apologies", "Apologies", "present")):
            chosen = self.query_one(f"#{key}", SelectionList)
            chosen.border_title = self._label(key, f"{label}: {len(chosen.selected)} ticked")
            chosen.border_subtitle = f"– ticked in {other}"

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "mode":
            self._preview()
        if event.select.id == "chair":
            self._warn()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "held-on":
            self._warn()

    def _mode(self) -> str:
        return str(self.query_one("#mode", Select).value)

    def _unrated(self) -> bool:
        return self._mode() == "exception" and self.query_one("#unrated", Checkbox).value

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "unrated":
            self._preview()

    async def action_next_field(self, direction: int) -> None:
        await move_focus(self, direction)

    def action_preview(self) -> None:
        from tui.screens.agenda_preview import AgendaPreview, preview_lines

        mode, unrated = self._mode(), self._unrated()
        agenda = self.service.build_agenda(self.plan_id, mode, unrated=unrated)
        reasons = self.service.agenda_reasons(self.plan_id, unrated=unrated) if mode == "exception" else None
        heading = f"Agenda: {MODE_LABELS[mode]}" + (", with actions not yet rated" if unrated else "")
        self.app.push_screen(AgendaPreview(f"{heading} ({counted(len(agenda), 'item')})",
                                           preview_lines(agenda, reasons)))

    def _preview(self) -> None:
        self.query_one("#setup-exception").display = self._mode() == "exception"
        agenda = self.service.build_agenda(self.plan_id, self._mode(), unrated=self._unrated())
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

    def _held_on(self) -> date | None:
        try:
            return date.fromisoformat(self.query_one("#held-on", Input).value.strip())
        except ValueError:
            return None

    def _people(self) -> tuple[str | None, list[str], list[str]]:
        """(chair, present, apologies) as ticked, in roster order; the chair counts as present
        unless ticked as giving apologies."""
        value = self.query_one("#chair", Select).value
        chair = None if value is Select.NULL else str(value)
        order = [key for key, _ in self._roster]
        ticked = set(self.query_one("#present", SelectionList).selected)
        excused = set(self.query_one("#apologies", SelectionList).selected)
        present = [key for key in order if key in ticked]
        if chair is not None and chair not in ticked and chair not in excused:
            present.insert(0, chair)
        return chair, present, [key for key in order if key in excused]

    def _warnings(self) -> list[str]:
        held_on, present = self._held_on(), self._people()[1]
        if held_on is not None:
            return self.service.setup_warnings(self.plan_id, held_on, present)
        found = self.service.quorum(self.plan_id, present)
        return ["The date must be YYYY-MM-DD"] + ([found.setup_words()] if found and not found.met else [])

    def _warn(self) -> None:
        lines = [f"⚠ {escape(text)}" for text in self._warnings()]
        found = self.service.quorum(self.plan_id, self._people()[1])
        if found is not None and found.met:
            lines.append(f"✓ {escape(found.setup_words())}")
        shown = self.query_one("#setup-warning", Static)
        shown.update("\n".join(lines))
        shown.display = bool(lines)

    async def action_start(self) -> None:
        await settled(self.app)
        held_on = self._held_on()
        if held_on is None:
            self._problem("The date must be YYYY-MM-DD")
            return
        chair, present, apologies = self._people()
        if chair is None:
            self._problem("Pick the chair: the plan names none (meeting.chair in the plan sets one)")
            self.query_one("#chair", Select).focus()  # the label says so: ▶ Chair
            return
        if chair in apologies:
            self._problem("The chair is ticked as giving apologies: pick another chair or untick them")
            return
        warnings = self._warnings()
        if not warnings:
            self._start(held_on, chair, present, apologies)
            return
        from tui.screens.modals import Confirm

        def answered(start: bool | None) -> None:
            if start:
                self._start(held_on, chair, present, apologies)

        question = "\n".join(f"⚠ {escape(text)}" for text in warnings) + "\n\nStart the meeting anyway?"
        self.app.push_screen(Confirm(question, yes="Start", no="Go back", id="setup-confirm"), answered)

    def _start(self, held_on: date, chair: str, present: list[str], apologies: list[str]) -> None:
        guests = [g.strip() for g in self.query_one("#guests", Input).value.split(",") if g.strip()]
        try:
            meeting = self.service.start_meeting(self.plan_id, held_on, chair, present, apologies, guests,
                                                 self._mode(), unrated=self._unrated())
        except ValueError as exc:
            self._problem(str(exc))
            return
        self.post_message(self.MeetingStarted(meeting.id, self.plan_id))
