"""The dialog for a declaration of interest: who declares (from the attendance), in which item
(an agenda item, or any text), and the nature of the interest.

Keyboard first, as the arising dialog: tab goes Member → Item → Nature → Save and round again,
never selecting a field's text; the focused field's label carries ▶. Typing in the member or
the item field narrows its list and highlights the first match (▶); ↑ ↓ move the highlight,
enter picks it (a second enter moves on). An item not on the agenda is recorded as typed;
enter in the nature field saves. enter, ↑ ↓, tab and ctrl+u wait for the keys typed before them
(tui/typed_ahead.py), and the member field has focus before the first key is read: 'i adams enter
enter any other enter enter …' typed in one burst lands as typed.
"""

from __future__ import annotations

from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.screens.arising import UNFOCUSED, FieldsDialog
from tui.typed_ahead import settled
from tui.widgets.marked_option_list import MarkedOptionList

LISTS = {"member": "members", "item": "items"}  # each filtered field and its list


def _field(label: str, field: Input) -> Horizontal:
    return Horizontal(Label(UNFOCUSED + label, classes="field-label", id=f"{field.id}-label", name=label), field,
                      classes="field")


class DeclarationPrompt(FieldsDialog[tuple[str, str, str] | None]):
    """Dismisses with (member, item, nature), each as shown in its field, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="declaration-save", priority=True),
        Binding("enter", "enter", "Pick / next field", show=False, priority=True),
        Binding("down", "move(1)", "Next", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", show=False, priority=True),
        Binding("escape", "cancel", "Cancel", id="declaration-cancel"),
    ]

    def __init__(self, members: list[str], items: list[str]) -> None:
        super().__init__()
        self.choices = {"member": members, "item": items}
        self._filtered_by: dict[str, str] = {}  # each filtered field's text its list shows the matches of

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="declaration-dialog"):
            yield Label("Declaration of interest  (tab next · ctrl+s save · esc cancel)", classes="dialog-title")
            for field, label, hint in (("member", "Member", "Type part of a name, then enter"),
                                       ("item", "Item", "Type part of an item (or any text), then enter")):
                yield _field(label, Input(placeholder=hint, id=field, select_on_focus=False))
                yield Static("", id=f"{field}-note", classes="field-note")
                options = MarkedOptionList(id=LISTS[field])
                options.can_focus = False
                options.display = False
                yield options
            yield _field("Nature", Input(placeholder="e.g. a family member works for the provider", id="nature",
                                         select_on_focus=False))
            yield Static("", id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", name="Save (ctrl+s)")

    def on_mount(self) -> None:
        for field in LISTS:
            self._filter(field, "")
        self.set_focus(self.query_one("#member", Input))  # now: focus() would come round after keys typed ahead

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        super().on_descendant_focus(event)
        for field, list_id in LISTS.items():
            self.query_one(f"#{list_id}", OptionList).display = event.widget.id == field and not self._exact(field)

    def _exact(self, field: str) -> bool:
        text = self.query_one(f"#{field}", Input).value.strip().casefold()
        return any(text == choice.casefold() for choice in self.choices[field])

    def _filter(self, field: str, text: str) -> None:
        self._filtered_by[field] = text
        wanted = text.strip().casefold()
        matches = [c for c in self.choices[field] if wanted in c.casefold()]
        options = self.query_one(f"#{LISTS[field]}", OptionList)
        options.clear_options()
        options.add_options([Option(c, id=str(n)) for n, c in enumerate(matches)])
        options.highlighted = 0 if wanted and matches else None
        exact = self._exact(field)
        options.display = self.focused is not None and self.focused.id == field and not exact
        where = "in the attendance" if field == "member" else "on the agenda"
        if exact:
            words = f"✓ {where.capitalize()} (enter or tab: next field)"
        elif not wanted:
            words = "Type to narrow the list: ↑ ↓ move, enter picks ▶"
        elif matches:
            words = f"{len(matches)} {where} match: enter picks ▶ (↑ ↓ move)"
        else:
            words = f"? Not {where}: recorded as typed"
        self.query_one(f"#{field}-note", Static).update(words)

    def _narrow(self, field: str) -> None:
        """The field's list narrowed to its text as it is now, if it is not already (a key typed fast
        may get here before the Changed messages of the keys before it)."""
        text = self.query_one(f"#{field}", Input).value
        if text != self._filtered_by.get(field):
            self._filter(field, text)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in LISTS:
            self._filter(event.input.id, event.value)

    async def action_move(self, step: int) -> None:
        """↑ ↓ in a filtered field move its list's highlight, once the keys typed before them are in."""
        field = self.focused.id if self.focused is not None else None
        if field not in LISTS:
            raise SkipAction()
        await settled(self.app)
        self._narrow(field)
        options = self.query_one(f"#{LISTS[field]}", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def _pick(self, field: str, text: str) -> None:
        box = self.query_one(f"#{field}", Input)
        box.value = text
        box.cursor_position = len(text)
        self._filter(field, text)

    async def action_enter(self) -> None:
        """Enter, once the keys typed before it are in: picks the highlighted entry of a filtered field
        (a second enter moves on); in the nature field it saves. On the Save button it presses it."""
        await settled(self.app)
        focused = self.focused
        if not isinstance(focused, Input):
            raise SkipAction()
        field = focused.id or ""
        if field in LISTS:
            self._narrow(field)
            if not self._exact(field):
                options = self.query_one(f"#{LISTS[field]}", OptionList)
                if options.highlighted is not None:
                    self._pick(field, str(options.get_option_at_index(options.highlighted).prompt))
                    return
        if field == "nature":
            await self.action_save()
        else:
            self.focus_next()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        field = next(f for f, list_id in LISTS.items() if list_id == event.option_list.id)
        self._pick(field, str(event.option.prompt))
        self.query_one(f"#{field}", Input).focus()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            await self.action_save()

    async def action_save(self) -> None:
        await settled(self.app)
        values = {f: self.query_one(f"#{f}", Input).value.strip() for f in ("member", "item", "nature")}
        for field, words in (("member", "who declares"), ("item", "the item"), ("nature", "the nature of the "
                                                                                          "interest")):
            if not values[field]:
                self._problem(f"Not saved: a declaration needs {words}.", field)
                return
        self.dismiss((values["member"], values["item"], values["nature"]))

    def action_cancel(self) -> None:
        self.dismiss(None)
