"""The apps' help key (`?` or F1, on every screen of both apps) and the screen's ctrl+q kept out
of a full footer; the help screen itself (help_screen.py) is imported when first opened, not at
the app's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.app import App

BINDING = Binding("question_mark,f1", "help", "Help", tooltip="Every key of this screen (F1 also while typing)",
                  id="app-help")
"""The apps' help key (in SteercoApp's and OfficerApp's BINDINGS, run by `show_help`)."""

QUIT_UNSHOWN = Binding("ctrl+q", "app.quit", "Quit", tooltip="Quit steerco; everything is already stored",
                       show=False, priority=True, id="app-quit")
"""The app's ctrl+q for a screen whose footer has no room for it (the walk-through, the dashboard):
a priority binding on the screen is found before the app's, and this one is not shown."""


def show_help(app: App) -> None:
    """Open the help over the screen the chair is on (under the palette, when run from it)."""
    from textual.command import CommandPalette

    from tui.screens.help_screen import HelpScreen

    screen = next((s for s in reversed(app.screen_stack) if not isinstance(s, CommandPalette | HelpScreen)),
                  app.screen)
    if not isinstance(app.screen, HelpScreen):
        app.push_screen(HelpScreen(screen))


def __getattr__(name: str) -> object:
    """`HelpScreen` from here too, imported only when asked for."""
    if name == "HelpScreen":
        from tui.screens.help_screen import HelpScreen

        return HelpScreen
    raise AttributeError(name)
