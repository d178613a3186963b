"""Small dialogs that return a typed result: confirm, text, choice, value (an action arising's are in arising.py)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui.typed_ahead import CLEAR_KEY, FIELD_KEYS, clear_field, move_focus, settled
from tui.widgets.marked_option_list import MarkedOptionList


class Confirm(ModalScreen[bool]):
    """A yes/no question; y / n / escape answer it. They run as they reach the app (priority) and the
    question is gone before the next key is read, so keys typed behind the answer reach the screen
    below, in order (`t y →` on the walk-through: agreed, then the next item)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes", priority=True),
        Binding("n,escape", "answer(False)", "No", id="confirm-no", priority=True),
        Binding("enter", "press", "Answer", show=False, priority=True),  # the focused button's answer, as y or n
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

    async def action_answer(self, value: bool) -> None:
        await settled(self.app)
        await self.dismiss(value)

    async def action_press(self) -> None:
        await settled(self.app)
        button = self.focused
        if isinstance(button, Button) and button.id in ("yes", "no"):
            await self.dismiss(button.id == "yes")
        elif isinstance(button, Button):
            button.press()  # a subclass's own button (the resume offer's Abandon)


class TextPrompt(ModalScreen[str | None]):
    """Write or edit a piece of text; ctrl+s saves (what was typed before it: `settled`), escape cancels."""

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
        self.set_focus(area)  # now: focus() would come round after keys typed ahead
        area.move_cursor(area.document.end)

    async def action_save(self) -> None:
        await settled(self.app)
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choice(ModalScreen[str | None]):
    """Pick one of a list (type to narrow it); enter picks, escape cancels. Typed text that matches
    nothing says so, naming the choices (`what`: 'status'; `listing`: how to name them, else their texts).

    enter and the arrows wait, as tab does in the other dialogs (tui/typed_ahead.py): they act on the
    list narrowed by every key typed before them, and enter picks before the keys typed behind it are
    read, so those go to the screen the pick leads to (not into this filter). The filter has focus from
    the start (the keys typed right behind the key that opens the list land in it), and ctrl+u waits too."""

    BINDINGS = [
        Binding("enter", "pick", "Pick", id="choice-pick", show=False, priority=True),
        Binding("down", "move(1)", "Next", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", show=False, priority=True),
        Binding("escape", "cancel", "Cancel", id="choice-cancel"),
        CLEAR_KEY,
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str | None = None, *,
                 what: str = "choice", listing: str | None = None) -> None:
        super().__init__()
        self.title_text, self.choices, self.current = title, choices, current  # current: highlighted first
        self.what, self.listing = what, listing or ", ".join(" ".join(text.split()) for _, text in choices)
        self._narrowed_by = ""  # the filter text the list shows the matches of

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder="type to narrow", id="narrow")
            yield MarkedOptionList(*[Option(text, id=key) for key, text in self.choices], id="choices")
            yield Static("", id="choice-problem", classes="problem", markup=False)

    def on_input_changed(self) -> None:
        self._narrow()

    def _narrow(self) -> None:
        """The list narrowed to the filter's text as it is now, if it is not already (an enter or
        arrow typed fast may get here before the Changed messages of the keys before it)."""
        typed = self.query_one(Input).value
        if typed == self._narrowed_by:
            return
        self._narrowed_by, wanted = typed, typed.lower()
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(t, id=k) for k, t in self.choices if wanted in t.lower()])
        options.highlighted = 0 if options.option_count else None
        self._say(self._nothing_matches() if not options.option_count and typed.strip() else "")

    def _nothing_matches(self) -> str:
        typed = " ".join(self.query_one(Input).value.split())
        return f"No {self.what} matches {typed!r}: choose one of {self.listing} (ctrl+u clears the text)"

    def _say(self, text: str) -> None:
        problem = self.query_one("#choice-problem", Static)
        problem.update(text)
        problem.display = bool(text)

    async def action_pick(self) -> None:
        await settled(self.app)
        self._narrow()
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            await self.dismiss(options.get_option_at_index(options.highlighted).id)
        else:
            self._say(self._nothing_matches() if self.query_one(Input).value.strip() else f"No {self.what} to pick")

    async def action_move(self, step: int) -> None:
        """The arrows move the list's highlight, while typing in the filter too."""
        await settled(self.app)
        self._narrow()
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_mount(self) -> None:
        keys = [key for key, _ in self.choices]
        self.query_one(OptionList).highlighted = (keys.index(self.current) if self.current in keys
                                                  else 0 if self.choices else None)
        self._say("")
        self.set_focus(self.query_one(Input))  # now: focus() would come round after keys typed ahead

    async def action_clear_field(self) -> None:
        await clear_field(self)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ValuePrompt(ModalScreen[tuple[str, float, str] | None]):
    """An indicator's value for a period, shown against its targets."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="value-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="value-cancel"),
        *FIELD_KEYS,
        CLEAR_KEY,
    ]

    def __init__(self, title: str, against: str, period: str,
                 check: Callable[[str], tuple[str | None, str | None]] | None = None) -> None:
        """`check`: the typed period -> (the plan's name for it, None) or (None, why not)."""
        super().__init__()
        self.title_text, self.against, self.period, self.check = title, against, period, check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.title_text}  (enter/ctrl+s save · esc cancel)", classes="dialog-title")
            yield Static(self.against, classes="against")
            yield Input(self.period, placeholder="Period", id="period")
            yield Input(placeholder="Value", id="value", type="number")
            yield Input(placeholder="Note (optional)", id="note")
            yield Static("", id="problem", classes="problem")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#value", Input))  # now: focus() would come round after keys typed ahead

    async def on_input_submitted(self) -> None:
        await self.action_save()

    async def action_next_field(self, direction: int) -> None:
        await move_focus(self, direction)

    async def action_clear_field(self) -> None:
        await clear_field(self)

    async def action_save(self) -> None:
        await settled(self.app)
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
        if self.check is not None:
            named, problem = self.check(period)
            if named is None:
                self.query_one("#problem", Static).update(problem or f"{period!r} is not a period of this indicator")
                self.query_one("#period", Input).focus()
                return
            period = named
        self.dismiss((period, value, self.query_one("#note", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
