"""Keys typed ahead: a priority binding waits for the keys already sent to the focused widget.

Textual runs a priority binding (ctrl+s in a dialog) as its key reaches the app, while the keys
typed before it may still wait in the focused field's own queue: over a slow link, a paste or a
fast typist, saving then would save the text cut short. An action that reads or moves away from
what was typed first awaits `settled`, so that what it sees is exactly what was typed.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual.actions import SkipAction
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

SETTLE_SECONDS = 5.0  # at most: a widget that never gets to its queue must not hang the app


async def settled(app: App[object]) -> None:
    """Once the focused widget has handled every key already sent to it."""
    focused = app.focused or app.screen  # the keys go to the screen when nothing has focus
    done = asyncio.Event()
    if focused.call_later(done.set):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), SETTLE_SECONDS)


FIELD_KEYS: list[BindingType] = [  # tab and shift+tab run as they arrive, so the keys behind them wait for them
    Binding("tab", "next_field(1)", "Next field", show=False, priority=True),
    Binding("shift+tab", "next_field(-1)", "Previous field", show=False, priority=True),
]


CLEAR_KEY = Binding("ctrl+u", "clear_field", "Clear to the start", show=False, priority=True)
"""ctrl+u in a dialog's field, waiting as tab does: the field's own ctrl+u ran only once its key had come back
up to the app, after the keys typed behind it ('ctrl+u 2010-07-20' left the field blank)."""


async def clear_field(screen: Screen[Any]) -> None:
    """ctrl+u once the keys before it are in: the focused field's text left of the cursor goes (as Input's own)."""
    await settled(screen.app)
    if not isinstance(screen.focused, Input):
        raise SkipAction()
    screen.focused.action_delete_left_all()


async def move_focus(screen: Screen[Any], direction: int) -> None:
    """tab (1) or shift+tab (-1) once the keys before it are in the field they were typed into:
    a dialog with several fields binds FIELD_KEYS and calls this from `action_next_field`."""
    await settled(screen.app)
    screen.focus_next() if direction > 0 else screen.focus_previous()


async def open_dialog(app: App[object], dialog: Screen[Any], callback: Any) -> None:
    """Push `dialog` with its first field (or the one its on_mount set) focused before the app reads another key: from a
    priority binding (every walk-through key), the keys typed right behind the one that opens it
    land in its field, not on the screen behind it (where they were lost)."""
    await settled(app)  # keys already handed to the focused widget are handled before the dialog opens
    await app.push_screen(dialog, callback)
    if dialog.focused is None and dialog.focus_chain:  # unless it focused a field of its own at mount
        dialog.set_focus(dialog.focus_chain[0])
