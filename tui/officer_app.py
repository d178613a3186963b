"""Officer mode as its own small app: `steerco update --as NAME`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from storage.service.officer import OfficerService, OwnedItem
from tui.commands import Commands
from tui.screens import help
from tui.screens.officer import OfficerScreen
from tui.store_trouble import StoreTroubleApp

if TYPE_CHECKING:
    from steerco.settings import Loaded


class OfficerApp(StoreTroubleApp):
    CSS_PATH = "officer.tcss"
    TITLE = "steerco: officer updates"
    COMMANDS = App.COMMANDS | {Commands}
    BINDINGS = [help.BINDING, Binding("ctrl+q", "quit", "Quit", tooltip="Leave; every save is already stored",
                                      id="officer-quit", priority=True)]

    def __init__(self, *, service: OfficerService, items: list[OwnedItem], settings: Loaded | None = None) -> None:
        super().__init__()
        self.service = service
        self.items = items
        self.settings = settings

    def on_mount(self) -> None:
        if self.settings is not None and self.settings.exists:  # theme and keymap (tui/keymap.py)
            from tui.keymap import apply_settings

            apply_settings(self, self.settings)
        self.push_screen(OfficerScreen(self.service, self.items))

    def action_help(self) -> None:
        help.show_help(self)


def make_officer_app(*, service: OfficerService, items: list[OwnedItem], settings: Loaded | None = None) -> OfficerApp:
    """Officer mode on an officer's open store and the items one person owns; used by the CLI and the
    tests. `settings`: the settings file as read (None: the defaults)."""
    return OfficerApp(service=service, items=items, settings=settings)
