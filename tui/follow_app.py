"""`steerco follow PLAN`: the attendee's app, one read-only view of the chair's open meeting."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from tui.screens import help
from tui.screens.follow import FollowScreen

if TYPE_CHECKING:
    from steerco.settings import Loaded
    from storage.service.follow import FollowService


class FollowApp(App[None]):
    CSS_PATH = "follow.tcss"
    TITLE = "steerco follow"
    BINDINGS = [help.BINDING, Binding("ctrl+q", "quit", "Quit", id="app-quit", priority=True, show=False)]
    ENABLE_COMMAND_PALETTE = False  # the palette would offer nothing a follower may do beyond these keys

    def __init__(self, service: FollowService, plan_id: str, *, settings: Loaded | None = None) -> None:
        super().__init__()
        self.service = service
        self.plan_id = plan_id
        self.settings = settings

    def on_mount(self) -> None:
        if self.settings is not None and self.settings.exists:  # the chair's theme and keymap (tui/keymap.py)
            from tui.keymap import apply_settings

            apply_settings(self, self.settings)
        self.push_screen(FollowScreen(self.service, self.plan_id))

    def action_help(self) -> None:
        help.show_help(self)

    def on_unmount(self) -> None:
        self.service.close()


def make_follow_app(db_path: Path, plans_dir: Path, plan_id: str, *, settings: Loaded | None = None) -> FollowApp:
    """The follower on the store at `db_path`; StoreError (one line) when it cannot be read.
    `settings`: the settings file as read (its theme and keymap apply here too; None: defaults)."""
    from storage.service.follow import FollowService

    return FollowApp(FollowService.open(db_path, plans_dir), plan_id, settings=settings)
