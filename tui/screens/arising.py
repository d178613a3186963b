"""The dialogs for actions arising: a new one (what, owner from the roster, due) and carrying one forward.

Keyboard first: tab goes What → Owner → Due → Save and round again, never selecting a field's
text (typing after a tab adds to it, never replaces it); the focused field's label carries ▶.
Typing in the owner field narrows the roster (people, organisations, groups, each labelled:
those whose name matches first, then people whose organisation does) and highlights the first
match; ↑ ↓ move the highlight, enter picks it. An owner not on the roster is recorded only
after the chair says so. A due date is read as the plan reads deadlines and
shown in words under the field as it is typed; a date that is not one is refused.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from storage.service.arising import DueReading, read_due
from tui.screens.modals import Confirm
from tui.typed_ahead import CLEAR_KEY, FIELD_KEYS, clear_field, move_focus, settled
from tui.widgets.marked_option_list import MarkedOptionList

FOCUSED, UNFOCUSED = "▶ ", "  "
NO_DUE = "No due date"
BAD_DUE = "Due is no day (✗ above); ctrl+u clears the field."
ResultT = TypeVar("ResultT")


def _field(label: str, field: Input) -> Horizontal:
    return Horizontal(Label(UNFOCUSED + label, classes="field-label", id=f"{field.id}-label", name=label), field,
                      classes="field")


def due_words(reading: DueReading, held_on: date | None = None) -> str:
    """The line under a due field: the day in words (and a word when it is before the meeting),
    'No due date' for blank, or '✗ ' and why it is no date."""
    if reading.problem:
        return f"✗ {reading.problem}"
    if reading.day is None:
        return NO_DUE
    late = " — before this meeting's date" if held_on is not None and reading.day < held_on else ""
    return f"{reading.words}{late}"


def roster_name(label: str) -> str:
    """The name in a roster label: 'Adrian Hall, Staffordshire Police' → 'Adrian Hall'."""
    for tail in (" (organisation)", " (group)"):
        if label.endswith(tail):
            return label.removesuffix(tail)
    return label.split(", ")[0]


class FieldsDialog(ModalScreen[ResultT]):
    """What the arising dialogs share: ▶ on the focused field's label, the due line kept up to date,
    and tab / shift+tab and ctrl+u that wait for the keys typed before them (tui/typed_ahead.py)."""

    BINDINGS = [*FIELD_KEYS, CLEAR_KEY]
    held_on: date | None = None

    async def action_next_field(self, direction: int) -> None:
        await move_focus(self, direction)

    async def action_clear_field(self) -> None:
        await clear_field(self)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._mark_focus(event.widget)

    def _mark_focus(self, focused: Widget | None) -> None:
        for label in self.query(".field-label").results(Label):
            field_id = (label.id or "").removesuffix("-label")
            mark = FOCUSED if focused is not None and focused.id == field_id else UNFOCUSED
            label.update(mark + (label.name or ""))
        for button in self.query(Button).results(Button):
            button.label = (FOCUSED if button is focused else "") + (button.name or "")

    def _show_due(self, text: str) -> DueReading:
        reading = read_due(text)
        note = self.query_one("#due-note", Static)
        note.update(due_words(reading, self.held_on))
        note.set_class(bool(reading.problem), "problem")
        return reading

    def _problem(self, text: str, field: str | None = None) -> None:
        self.query_one("#problem", Static).update(text)
        if field is not None:
            self.query_one(f"#{field}", Input).focus()


class ArisingPrompt(FieldsDialog[tuple[str, str, date | None] | None]):
    """A new action arising; dismisses with (what, owner, due): the owner a roster id when picked
    from the roster (or typed exactly as a roster entry), else the name as typed and confirmed."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="arising-save", priority=True),
        Binding("enter", "enter", "Pick / next field", show=False, priority=True),
        Binding("escape", "cancel", "Cancel", id="arising-cancel"),
    ]

    def __init__(self, owners: list[tuple[str, str]], default_due: date | None, *,
                 held_on: date | None = None, text: str = "", owner: str = "", title: str = "Action arising") -> None:
        """`text` and `owner` (a roster id or a name) fill the fields, to edit an action arising."""
        super().__init__()
        self.owners, self.default_due, self.held_on, self.title_text = owners, default_due, held_on, title
        self.initial_text, self.initial_owner = text, dict(owners).get(owner, owner)
        self.picked: str | None = None  # the roster id the owner field names
        self._filtered_by: str | None = None  # the owner text the roster list shows the matches of
        self._names = {key: (label.lower(), roster_name(label).lower()) for key, label in owners}

    def compose(self) -> ComposeResult:
        due = self.default_due.isoformat() if self.default_due else ""
        with Vertical(classes="dialog", id="arising-dialog"):
            yield Label(f"{self.title_text}  (tab next · ctrl+s save · esc cancel)", classes="dialog-title")
            yield _field("What", Input(self.initial_text, placeholder="What is to be done", id="text",
                                       select_on_focus=False))
            yield _field("Owner", Input(self.initial_owner, placeholder="Type part of a name, then enter", id="owner",
                                        select_on_focus=False))
            yield Static("", id="owner-note", classes="field-note")
            owners = MarkedOptionList(id="owners")
            owners.can_focus = False
            yield owners
            yield _field("Due", Input(due, placeholder="e.g. 2027-01-12 or 12 January 2027; blank: none",
                                      id="due", select_on_focus=False))
            yield Static("", id="due-note", classes="field-note")
            yield Static("", id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", name="Save (ctrl+s)")

    def on_mount(self) -> None:
        self._filter(self.initial_owner)
        self._show_due(self.query_one("#due", Input).value)
        self.query_one("#owners", OptionList).display = False
        self.set_focus(self.query_one("#text", Input))  # now: focus() would come round after keys typed ahead

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        super().on_descendant_focus(event)
        self._show_list()

    # -- the owner field --------------------------------------------------------------

    def _resolve(self, text: str) -> str | None:
        """The roster id the text names exactly (its label or its name, any case), else None."""
        wanted = text.strip().lower()
        return next((key for key, names in self._names.items() if wanted and wanted in names), None)

    def _filter(self, text: str) -> None:
        self._filtered_by = text
        wanted = text.strip().lower()
        options = self.query_one("#owners", OptionList)
        options.clear_options()
        by_name = [(key, label) for key, label in self.owners if wanted in self._names[key][1]]
        matches = by_name + [(key, label) for key, label in self.owners
                             if wanted in label.lower() and wanted not in self._names[key][1]]
        options.add_options([Option(label, id=key) for key, label in matches])
        self.picked = self._resolve(text)
        keys = [key for key, _ in matches]
        options.highlighted = keys.index(self.picked) if self.picked in keys else 0 if wanted and matches else None
        self._show_list()
        self._show_owner(text, len(matches))

    def _show_list(self) -> None:
        """The roster list shows while the owner field has focus, unless it holds only the owner picked."""
        options = self.query_one("#owners", OptionList)
        focused = self.focused is not None and self.focused.id == "owner"
        options.display = focused and (self.picked is None or options.option_count > 1)

    def _show_owner(self, text: str, matching: int) -> None:
        if self.picked is not None:
            words = "✓ On the roster (enter: on to Due)"
        elif not text.strip():
            words = "Type part of a name: ↑ ↓ move, enter picks ▶"
        elif matching:
            words = f"{matching} {'match' if matching == 1 else 'matches'} on the roster: enter picks ▶ (↑ ↓ move)"
        else:
            words = "? Not on the roster: Save will ask to record it as typed"
        self.query_one("#owner-note", Static).update(words)

    def _pick(self, key: str) -> None:
        owner = self.query_one("#owner", Input)
        owner.value = dict(self.owners)[key]
        owner.cursor_position = len(owner.value)
        self._filter(owner.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#problem", Static).update("")
        if event.input.id == "owner":
            self._filter(event.value)
        elif event.input.id == "due":
            self._show_due(event.value)

    def on_key(self, event: events.Key) -> None:
        """↑ ↓ in the owner field move the roster's highlight."""
        options = self.query_one("#owners", OptionList)
        if event.key in ("down", "up") and options.display and self.focused is not None and self.focused.id == "owner":
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()
            event.stop()

    def _narrow(self) -> None:
        """The roster list narrowed to the owner field as it is now, if it is not already (an enter
        typed fast may get here before the Changed messages of the keys before it)."""
        owner = self.query_one("#owner", Input).value
        if owner != self._filtered_by:
            self._filter(owner)

    async def action_enter(self) -> None:
        """Enter, once the keys typed before it are in (tui/typed_ahead.py): in the owner field, picks
        the highlighted entry of the text as typed (a second enter moves on); in the due field, saves;
        in the text field, moves on. On the Save button it presses it."""
        await settled(self.app)
        field = self.focused
        if not isinstance(field, Input):
            raise SkipAction()
        if field.id == "owner":
            self._narrow()
            options = self.query_one("#owners", OptionList)
            if options.display and options.highlighted is not None:
                key = options.get_option_at_index(options.highlighted).id
                if key is not None and key != self.picked:
                    self._pick(key)
                    return
        if field.id == "due":
            await self.action_save()
        else:
            self.focus_next()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._pick(event.option.id)
            self.query_one("#owner", Input).focus()

    # -- saving -----------------------------------------------------------------------

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            await self.action_save()

    async def action_save(self) -> None:
        await settled(self.app)
        text = self.query_one("#text", Input).value.strip()
        owner = self.query_one("#owner", Input).value.strip()
        reading = self._show_due(self.query_one("#due", Input).value)
        self._narrow()
        if not text:
            self._problem("An action arising needs what is to be done.", "text")
            return
        if not owner:
            self._problem("An action arising needs an owner.", "owner")
            return
        if reading.problem:
            self._problem(f"Not saved: {BAD_DUE}", "due")
            return
        picked = self._resolve(owner)
        if picked is not None:
            self.dismiss((text, picked, reading.day))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss((text, owner, reading.day))
            else:
                self._problem("Not saved: pick the owner from the roster, or save again to record it as typed.",
                              "owner")

        self.app.push_screen(Confirm(f"{owner} is not in the plan's roster. Record as typed?",
                                     id="arising-unknown-owner"), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CarryForwardPrompt(FieldsDialog[date | None]):
    """Carry an action arising forward: its new due date (offered: `default_due`); dismisses with it.
    enter saves as ctrl+s does, once the keys typed before it are in (the field's own enter came round
    after the keys typed behind it)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="carry-save", priority=True),
        Binding("enter", "save", "Save", show=False, priority=True),
        Binding("escape", "cancel", "Cancel", id="carry-cancel"),
    ]

    def __init__(self, ref: str, about: str, default_due: date, *, held_on: date | None = None) -> None:
        super().__init__()
        self.ref, self.about, self.default_due, self.held_on = ref, about, default_due, held_on

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="carry-dialog"):
            yield Label(f"Carry {self.ref} forward  (enter/ctrl+s save · esc cancel)", classes="dialog-title")
            yield Static(self.about, classes="against")
            yield _field("New due", Input(self.default_due.isoformat(), id="due", select_on_focus=False,
                                          placeholder="e.g. 2027-01-12 or 12 January 2027"))
            yield Static("", id="due-note", classes="field-note")
            yield Static("", id="problem", classes="problem")

    def on_mount(self) -> None:
        self._show_due(self.query_one("#due", Input).value)
        self.set_focus(self.query_one("#due", Input))  # now: focus() would come round after keys typed ahead

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#problem", Static).update("")
        self._show_due(event.value)

    async def action_save(self) -> None:
        """From a priority binding (ctrl+s, enter): the dialog is gone before the next key is read."""
        await settled(self.app)
        reading = self._show_due(self.query_one("#due", Input).value)
        if reading.problem:
            self._problem(f"Not carried forward: {BAD_DUE}")
        elif reading.day is None:
            self._problem("Not carried forward: give the new due date.")
        else:
            await self.dismiss(reading.day)

    def action_cancel(self) -> None:
        self.dismiss(None)
