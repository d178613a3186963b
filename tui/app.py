"""The steerco Textual app and its factory."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from tui.screens.home import HomeScreen


class SteercoApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "steerco"
    BINDINGS = [Binding("q", "quit", "Quit", id="app-quit")]

    def __init__(self, *, db_path: Path, plans_dir: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.plans_dir = plans_dir

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.plans_dir))


def make_app(*, db_path: Path, plans_dir: Path) -> SteercoApp:
    """Build the app on a store and a plans folder; used by the CLI and the tests."""
    return SteercoApp(db_path=db_path, plans_dir=plans_dir)
