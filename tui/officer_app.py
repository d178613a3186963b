"""Officer mode as its own small app: `steerco update --as NAME`."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.binding import Binding

from storage.updates.ownership import OwnedItem
from tui.commands import Commands
from tui.screens.officer import OfficerScreen


class OfficerApp(App[None]):
    CSS_PATH = "officer.tcss"
    TITLE = "steerco: officer updates"
    COMMANDS = App.COMMANDS | {Commands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", tooltip="Leave; every save is already stored",
                        id="officer-quit", priority=True)]

    def __init__(self, *, store: Any, items: list[OwnedItem]) -> None:
        super().__init__()
        self.store = store
        self.items = items

    def on_mount(self) -> None:
        self.push_screen(OfficerScreen(self.store, self.items))


def make_officer_app(*, store: Any, items: list[OwnedItem]) -> OfficerApp:
    """Officer mode on an open store and the items one person owns; used by the CLI and the tests."""
    return OfficerApp(store=store, items=items)
