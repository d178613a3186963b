"""The walk-through's keys: those every meeting shares, and the status keys drawn from the plan's scale."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from textual.binding import Binding, BindingsMap, BindingType
from textual.keys import key_to_character

from storage.plan.model import RagStatus
from tui.screens.help import QUIT_UNSHOWN

# What the footer shows, at 80 columns, on every kind of item: Textual's footer is one row that
# scrolls, so a key past its width is cut ("c Cl") or lost. It shows, in this order, the item's
# own keys (the status keys as one group, or re-rate, value, done / carry), the moves as one group,
# note, decision, arising, close, leave and help (the app's). Every other key is show=False: it
# still works and is in the help screen (`?`) and the palette. With the compact footer (no
# palette key; help names ctrl+p) an action's row is 77 columns on the default scale.
STATUS = Binding.Group("Status")
MOVE = Binding.Group("Move", compact=True)

BINDINGS: list[BindingType] = [
    Binding("p,enter", "accept_proposal", "Accept update", tooltip="Agree the officer's proposed status or risk rating",
            show=False, id="meeting-accept"),  # the update's panel says "(p accepts)"
    Binding("e", "rate_risk", "Re-rate", tooltip="Re-rate this risk on the 5×5 grid", id="meeting-rate-risk"),
    Binding("enter", "rate_risk", "Re-rate", tooltip="Re-rate this risk on the 5×5 grid", show=False,
            id="meeting-rate-risk"),
    Binding("v", "indicator_value", "Value", tooltip="Enter this period's value", id="meeting-value"),
    Binding("enter", "indicator_value", "Value", tooltip="Enter this period's value", show=False, id="meeting-value"),
    Binding("o", "arising('done')", "Done", tooltip="Mark this action arising done", id="meeting-arising-done"),
    Binding("k", "arising('carried forward')", "Carry fwd", tooltip="Carry this action arising forward",
            id="meeting-arising-carry"),
    Binding("i", "declare", "Declare", tooltip="Record a declaration of interest (member, item, nature)",
            id="meeting-declare"),
    Binding("t", "approve_minutes", "True record", tooltip="Agree the previous meeting's minutes as a true record",
            id="meeting-approve-minutes"),
    Binding("left", "move(-1)", "Prev", tooltip="Previous agenda item", id="meeting-prev", group=MOVE),
    Binding("right", "move(1)", "Next", tooltip="Next agenda item", id="meeting-next", group=MOVE),
    Binding("j", "jump", "Jump", tooltip="Jump to an agenda item by id", show=False, id="meeting-jump"),
    Binding("n", "note", "Note", tooltip="Write or edit the note for this item", id="meeting-note"),
    Binding("d", "decision", "Decision", tooltip="Record a decision on this item", id="meeting-decision"),
    Binding("x", "arising_new", "Arising", tooltip="Add an action arising (text, owner, due)",
            id="meeting-arising-new"),
    Binding("u", "amend", "Amend", tooltip="Edit or withdraw what this meeting recorded on the item", show=False,
            id="meeting-amend"),
    Binding("c", "close_meeting", "Close", tooltip="Review the summary and close the meeting", id="meeting-close"),
    Binding("ctrl+d", "abandon_meeting", "Abandon meeting", tooltip="Abandon this meeting (opened by mistake): "
            "marked, never deleted; it has no minutes", show=False, id="meeting-abandon"),
    Binding("pageup", "scroll(-1)", "Page up", show=False, id="meeting-page-up"),
    Binding("pagedown", "scroll(1)", "Page down", show=False, id="meeting-page-down"),
    Binding("escape", "leave", "Leave", tooltip="Back to the dashboard; the meeting stays open", id="meeting-leave"),
    QUIT_UNSHOWN,
]
# Every key of the walk-through runs as it reaches the app (priority), in the order typed: a
# key typed right before n (→ then n, a status then d) takes effect first, and the text typed
# right behind a key that opens a dialog lands in that dialog (tui/typed_ahead.open_dialog).
# The screen has no text field of its own, and a dialog on top has its own bindings.
BINDINGS = [replace(b, priority=True) if isinstance(b, Binding) and b is not QUIT_UNSHOWN else b for b in BINDINGS]

# The default scale's codes keep the ids their keys had before scales were the plan's.
NAMED_IDS = {"R": "red", "A": "amber", "G": "green", "B": "blue"}


def status_id(code: str) -> str:
    """The binding id of a status key, for `App.set_keymap`: meeting-status-red … -blue, else -<code>."""
    return f"meeting-status-{NAMED_IDS.get(code, code.lower())}"


def _key(text: str) -> str:
    """A key as Textual names it once bound ('/' is 'slash')."""
    return next(iter(Binding.make_bindings([Binding(text, "")]))).key


def status_bindings(scale: Sequence[RagStatus], taken: Sequence[BindingType] = BINDINGS) -> list[Binding]:
    """One key per status of the scale, worst first: its code lowercased when no key in `taken`
    (the screen's other bindings) uses it, else its position on the scale (1-9) while one is free.

    The default scale gets r a g b; a scale N/P/D/C (n note, p accept, d decision, c close)
    gets 1 2 3 4. A status left with no key is still a command in the palette.
    """
    used = {binding.key for binding in Binding.make_bindings(taken)}
    statuses = sorted(scale, key=lambda s: s.rank)
    keys: dict[str, str] = {}
    for status in statuses:
        letter = _key(status.code.lower())
        if letter not in used:
            keys[status.code] = letter
            used.add(letter)
    digits = [str(n) for n in range(1, 10) if str(n) not in used]
    for position, status in enumerate(statuses, 1):
        if status.code not in keys and digits:
            digit = str(position) if str(position) in digits else digits[0]
            keys[status.code] = digit
            digits.remove(digit)
    return [Binding(keys[s.code], f"set_status({s.code!r})", s.name, tooltip=f"Record {s.name} for this action now",
                    id=status_id(s.code), group=STATUS, priority=True) for s in statuses if s.code in keys]


DEFAULT_STATUS_KEYS = ("r", "a", "g", "b")  # the default scale's keys: on a plan with its own scale, told apart

#: How a hint writes a key Textual names otherwise ('right' is →); a printable key is its character.
SHOWN = {"left": "←", "right": "→", "up": "↑", "down": "↓", "escape": "esc", "pageup": "pgup", "pagedown": "pgdn",
         "space": "space"}


def shown(key: str) -> str:
    """A key as a hint names it: 'k', '4', '?' (question_mark), '→' (right), 'ctrl+s'."""
    if key in SHOWN:
        return SHOWN[key]
    character = key_to_character(key)
    return character if character is not None and character.isprintable() and len(character) == 1 else key


def _code(binding: Binding) -> str:
    """The status code a status key records: set_status('D') -> 'D'."""
    return binding.action.split("'")[1]


@dataclass(frozen=True)
class Hints:
    """The keys each binding id of the walk-through runs now, the keymap applied: the one source of
    every key its panels and notices name ('press 1 2 3 4', 'o done · k carried forward', 'p accepts'),
    so a hint names the key that works, and leaves out one the keymap took away."""

    keys: Mapping[str, tuple[str, ...]]
    statuses: tuple[tuple[str, str, str], ...] = field(default=())  # (binding id, code, name), worst first

    @classmethod
    def of(cls, bindings: BindingsMap, status_keys: Sequence[Binding], declared: Sequence[BindingType] = BINDINGS
           ) -> Hints:
        """From the screen's bindings as they run (`Screen._binding_chain`: the keymap applied); an id's
        keys in the order `declared` gives them (e before enter for re-rate), a keymap's after, as it lists them."""
        order = {(b.id, b.key): n for n, b in enumerate(Binding.make_bindings(declared))}
        keys: dict[str, list[str]] = {}
        for key, bound in bindings.key_to_bindings.items():
            for binding in bound:
                if binding.id and key not in keys.setdefault(binding.id, []):
                    keys[binding.id].append(key)

        def declared_first(binding_id: str, found: list[str]) -> tuple[str, ...]:
            return tuple(sorted(found, key=lambda key: order.get((binding_id, key), len(order))))  # stable

        return cls({i: declared_first(i, k) for i, k in keys.items()},
                   tuple((b.id or "", _code(b), b.description) for b in status_keys))

    def key(self, binding_id: str) -> str:
        """The first key that runs `binding_id`, as a hint writes it; '' when none does."""
        found = self.keys.get(binding_id, ())
        return shown(found[0]) if found else ""

    def say(self, binding_id: str, words: str) -> str:
        """'k carried forward'; '' when no key runs it."""
        key = self.key(binding_id)
        return f"{key} {words}" if key else ""

    def join(self, *parts: str) -> str:
        """The hints that have a key, ' · ' between them."""
        return " · ".join(part for part in parts if part)

    def status_keys(self) -> str:
        """'r a g b', '1 2 3 4': the keys of the statuses that have one, worst first."""
        return " ".join(key for binding_id, _, _ in self.statuses if (key := self.key(binding_id)))

    def status_list(self, between: str = ", ") -> str:
        """'1 Delayed, 2 Not started, …': each status that has a key, with its name."""
        return between.join(f"{key} {name}" for binding_id, _, name in self.statuses if (key := self.key(binding_id)))

    def status_names(self) -> str:
        """'1 Not started · 2 In progress · …' when a key is not its status's letter (a plan's own scale
        whose letters other keys take, or a keymap), else '' (r a g b say Red Amber Green Blue themselves)."""
        if all(self.key(binding_id) == shown(_key(code.lower())) for binding_id, code, _ in self.statuses):
            return ""
        return self.status_list(" · ")


def not_status_bindings(status_keys: Sequence[Binding], taken: Sequence[BindingType] = BINDINGS) -> list[Binding]:
    """The default scale's keys that are neither a status key here nor another key: each says it is
    not a status on this plan (`not_status`), rather than doing nothing."""
    used = {binding.key for binding in Binding.make_bindings(taken)} | {b.key for b in status_keys}
    return [Binding(key, f"not_status({key!r})", "Not a status here", show=False) for key in DEFAULT_STATUS_KEYS
            if key not in used]
