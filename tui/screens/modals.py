"""Small dialogs that return a typed result: confirm, text, choice, action arising, value."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui.widgets.marked_option_list import MarkedOptionList


class Confirm(ModalScreen[bool]):
    """A yes/no question; y / n / escape answer it."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No", id: str | None = None) -> None:
        super().__init__(id=id)
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class TextPrompt(ModalScreen[str | None]):
    """Write or edit a piece of text; ctrl+s saves, escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="text-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="text-cancel"),
    ]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.title_text}  (ctrl+s save · esc cancel)", classes="dialog-title")
            yield TextArea(self.text, id="text", soft_wrap=True)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choice(ModalScreen[str | None]):
    """Pick one of a list (type to narrow it); enter picks, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice-cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder="type to narrow", id="narrow")
            yield MarkedOptionList(*[Option(text, id=key) for key, text in self.choices], id="choices")

    def on_input_changed(self, event: Input.Changed) -> None:
        wanted = event.value.lower()
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(t, id=k) for k, t in self.choices if wanted in t.lower()])
        options.highlighted = 0 if options.option_count else None

    def on_input_submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_key(self, event) -> None:  # arrows move the list while typing
        options = self.query_one(OptionList)
        if event.key in ("down", "up") and self.focused is self.query_one(Input):
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0 if self.choices else None
        self.query_one(Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ArisingPrompt(ModalScreen[tuple[str, str, date | None] | None]):
    """A new action arising: what, who (from the roster or typed), by when."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="arising-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="arising-cancel"),
    ]

    def __init__(self, roster: list[tuple[str, str]], default_due: date) -> None:
        super().__init__()
        self.roster, self.default_due = roster, default_due

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Action arising  (tab next field · ctrl+s save · esc cancel)", classes="dialog-title")
            yield Input(placeholder="What is to be done", id="text")
            yield Input(placeholder="Owner: type a name or pick below", id="owner")
            yield MarkedOptionList(*[Option(label, id=key) for key, label in self.roster], id="owners")
            yield Input(self.default_due.isoformat(), placeholder="Due YYYY-MM-DD (blank: none)", id="due")
            yield Static("", id="problem", classes="problem")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "owner":
            return
        wanted = event.value.lower()
        options = self.query_one("#owners", OptionList)
        options.clear_options()
        options.add_options([Option(t, id=k) for k, t in self.roster if wanted in t.lower()])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#owner", Input).value = str(event.option.prompt).split(",")[0]
        self.picked = event.option.id
        self.query_one("#due", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "due":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        owner = self.query_one("#owner", Input).value.strip()
        due_text = self.query_one("#due", Input).value.strip()
        try:
            due = date.fromisoformat(due_text) if due_text else None
        except ValueError:
            self.query_one("#problem", Static).update(f"Due date {due_text!r} is not YYYY-MM-DD")
            return
        if not text or not owner:
            self.query_one("#problem", Static).update("An action arising needs what and who")
            return
        picked = getattr(self, "picked", None)
        names = {key: label.split(",")[0] for key, label in self.roster}
        self.dismiss((text, picked if picked and names.get(picked) == owner else owner, due))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ValuePrompt(ModalScreen[tuple[str, float, str] | None]):
    """An indicator's value for a period, shown against its targets."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="value-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="value-cancel"),
    ]

    def __init__(self, title: str, against: str, period: str) -> None:
        super().__init__()
        self.title_text, self.against, self.period = title, against, period

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.title_text}  (enter/ctrl+s save · esc cancel)", classes="dialog-title")
            yield Static(self.against, classes="against")
            yield Input(self.period, placeholder="Period", id="period")
            yield Input(placeholder="Value", id="value", type="number")
            yield Input(placeholder="Note (optional)", id="note")
            yield Static("", id="problem", classes="problem")

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        period = self.query_one("#period", Input).value.strip()
        raw = self.query_one("#value", Input).value.strip()
        try:
            value = float(raw)
        except ValueError:
            self.query_one("#problem", Static).update(f"{raw!r} is not a number")
            return
        if not period:
            self.query_one("#problem", Static).update("Which period is this for?")
            return
        self.dismiss((period, value, self.query_one("#note", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
