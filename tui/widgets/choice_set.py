"""One choice out of a few, where what is marked is what will be saved.

Textual's RadioSet keeps two things apart: the pressed button and a cursor that enter presses,
both drawn by colour alone (every button is `▐●▌`). A form built on it could show one option
and save another. Here the arrows, a key letter and a click all choose at once; the chosen
button is drawn `(•)` and the others `( )`, its row is highlighted (officer.tcss), and the set's
subtitle names the choice in words. The mark is three characters, bracketed, where a plan's
status symbol is at most two (`RagStatus.symbol`): a scale of `●` and `○` (or `◉`) sits beside
it in the label and cannot be taken for it. Enter chooses nothing: it moves on to the next field.
A key that is no choice here is refused in words (`KeyRefused`, which the form words), never
silently. A set always opens with nothing chosen, so a form shows, and saves, only what was
chosen on it (the current position is the form's text).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import RadioButton, RadioSet

CHOSEN, NOT_CHOSEN = "(•)", "( )"


class MarkedRadioButton(RadioButton):
    """A radio button drawn (•) when chosen and ( ) when not, not by the dot's colour alone, nor by
    a symbol a status scale could use."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""

    def render(self) -> Content:
        self.BUTTON_INNER = CHOSEN if self.value else NOT_CHOSEN
        return super().render()

    async def _on_click(self, event: events.Click) -> None:
        """A click chooses this option through its set, as its key would (not a toggle)."""
        event.prevent_default()
        if isinstance(self.parent, ChoiceSet):
            self.parent.choose(self.parent.query(MarkedRadioButton).nodes.index(self))


class ChoiceSet(RadioSet):
    """Choices with a key each (a status letter, a score digit); `words` name each in the subtitle.

    Its keys are handled as they reach it, not as bindings: Textual runs a widget's bindings only
    once the key has bubbled up to the app, after keys typed behind it may already have gone on.
    """

    STEPS = {"down": 1, "right": 1, "up": -1, "left": -1}

    class KeyRefused(Message):
        """A letter or digit that is none of this set's keys was typed in it: nothing was chosen."""

        def __init__(self, choice_set: ChoiceSet, key: str) -> None:
            super().__init__()
            self.choice_set, self.key = choice_set, key

        @property
        def control(self) -> ChoiceSet:
            return self.choice_set

    def __init__(self, keys: list[str], labels: list[str], words: list[str], **kwargs: Any) -> None:
        super().__init__(*[MarkedRadioButton(label) for label in labels], **kwargs)
        self.keys, self.words = [k.upper() for k in keys], words
        self._chosen: int | None = None

    def on_mount(self) -> None:
        self.call_next(self._cursor_on_choice)
        self._name_choice()

    def _cursor_on_choice(self) -> None:
        """RadioSet puts its cursor on the first button when mounted; here the cursor is the choice (none yet)."""
        self._selected = self._chosen

    @property
    def chosen(self) -> int | None:
        """The index of the chosen option, or None while nothing is chosen.

        Kept here as each key chooses: RadioSet turns the button chosen before off only when the
        button's message reaches it, after any keys already queued behind this one."""
        return self._chosen

    def choose(self, index: int) -> None:
        self._chosen = self._selected = index
        self.query(MarkedRadioButton)[index].value = True
        self._name_choice()

    def step(self, delta: int) -> None:
        count = len(self.keys)
        now = self.chosen
        self.choose(min(count - 1, max(0, (now + delta) if now is not None else (0 if delta > 0 else count - 1))))

    def on_key(self, event: events.Key) -> None:
        key = (event.character or "").upper()
        if event.key in self.STEPS:
            self.step(self.STEPS[event.key])
        elif event.key == "enter":
            self.screen.focus_next()
        elif key and key in self.keys:
            self.choose(self.keys.index(key))
        elif key.isalnum() and len(key) == 1:  # not '?' (help) nor a space: those go on as they did
            self.post_message(self.KeyRefused(self, event.character or key))
        else:
            return
        event.stop()

    def _name_choice(self) -> None:
        chosen = self.chosen
        self.border_subtitle = f"chosen: {self.words[chosen]}" if chosen is not None else "nothing chosen"
