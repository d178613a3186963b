"""The one screen shown when the store cannot be used: before any form, so nothing typed is lost.

The app opens its store first (`make_app`); when that fails (a read-only copy, a folder,
another program's file, a newer steerco's, a network drive...) this screen says why in
the store's own words, and leaving it ends steerco with exit 2.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

EXIT_STORE = 2

ADVICE = ("Nothing was changed. Give another store with --db (or STEERCO_DB); `steerco check --db FILE` "
          "says what is wrong with one, and docs/store.md how to restore a backup.")


class StoreProblemScreen(Screen[None]):
    BINDINGS = [Binding("q,escape,enter", "app.quit", "Quit", id="store-problem-quit")]

    def __init__(self, problem: str, db_path: Path) -> None:
        super().__init__()
        self.problem, self.db_path = problem, db_path

    def compose(self) -> ComposeResult:
        yield Static("steerco cannot use its store", classes="screen-title")
        yield Static(f"Store: {self.db_path}", classes="block", markup=False)
        yield Static(self.problem, id="store-problem", classes="problem block", markup=False)
        yield Static(ADVICE, classes="block", markup=False)
        yield Footer()


class StoreProblemApp(App[None]):
    """The app in place of the chair's when its store cannot be opened; leaving exits 2."""

    CSS_PATH = "../app.tcss"
    TITLE = "steerco"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="app-quit", priority=True, show=False)]

    def __init__(self, problem: str, db_path: Path) -> None:
        super().__init__()
        self.problem, self.db_path = problem, db_path

    def on_mount(self) -> None:
        self.push_screen(StoreProblemScreen(self.problem, self.db_path))

    async def action_quit(self) -> None:
        self.exit(return_code=EXIT_STORE)
