"""The steerco Textual app and its factory."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from storage.service import StoreError
from storage.service.service import Service
from tui.commands import Commands
from tui.screens import help
from tui.screens.home import HomeScreen
from tui.store_trouble import StoreTroubleApp, notifies

if TYPE_CHECKING:
    from steerco.settings import Loaded
    from storage.service.home_lines import PlanSummary
    from tui.screens.dashboard import DashboardScreen
    from tui.screens.setup import MeetingSetupScreen
    from tui.screens.store_problem import StoreProblemApp
    from tui.screens.walkthrough import WalkthroughScreen

# The screens past home are imported when first pushed, not before home paints: together
# they cost ~0.1 s of imports (the dashboard's tabs, the walk-through, the setup lists).


class SteercoApp(StoreTroubleApp):
    CSS_PATH = "app.tcss"
    TITLE = "steerco"
    COMMANDS = App.COMMANDS | {Commands}
    BINDINGS = [help.BINDING, Binding("ctrl+q", "quit", "Quit", id="app-quit", priority=True)]

    def __init__(self, service: Service, *, plan: str | None = None, start_meeting: bool = False,
                 listed: list[PlanSummary] | None = None, settings: Loaded | None = None) -> None:
        super().__init__()
        self.service = service
        self.start_plan = plan
        self.start_meeting = start_meeting
        self.listed = listed
        self.settings = settings

    def on_mount(self) -> None:
        if self.settings is not None and self.settings.exists:  # theme and keymap (tui/keymap.py)
            from tui.keymap import apply_settings

            apply_settings(self, self.settings)
        self.push_screen(HomeScreen(self.service, listed=self.listed))
        if self.start_plan is not None:
            self.open_plan(self.start_plan)
            if self.start_meeting:
                self.begin_meeting(self.start_plan)

    def on_unmount(self) -> None:
        self.service.close()

    def action_help(self) -> None:
        help.show_help(self)

    def on_home_screen_plans_loaded(self) -> None:
        """The plans are loaded and held for the rest of the session: move their objects
        (~300,000 for a 10,000-action plan) out of the collector's sight, or each full
        collection walks them again (80-150 ms at 10,000 actions), a pause landing on the
        dashboard's opening or a key (benchmark row 9)."""
        gc.freeze()

    # -- navigation (screens post facts; the app decides where to go) ---------------------

    def open_plan(self, plan_id: str) -> None:
        from tui.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen(self.service, plan_id))

    @notifies
    def begin_meeting(self, plan_id: str) -> None:
        """Resume the open meeting if the chair agrees, otherwise set up a new one."""
        from tui.screens.close import ResumeOffer, abandon_question
        from tui.screens.modals import Confirm
        from tui.screens.setup import MeetingSetupScreen
        from tui.screens.walkthrough import WalkthroughScreen

        current = self.service.open_meeting(plan_id)
        if current is None:
            self.push_screen(MeetingSetupScreen(self.service, plan_id))
            return
        position = self.service.current_position(current) or 1
        question = (f"A meeting of {current.held_on:%d %B %Y} (chair {current.chair}) is still open.\n"
                    f"Resume it at item {position} of {len(current.agenda)}, with everything recorded so far?")

        def answered(resume: bool | None) -> None:
            if resume:
                self.push_screen(WalkthroughScreen(self.service, current.id))

        def abandon() -> None:
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.service.abandon_meeting(current)
                    self.notify(f"The meeting of {current.held_on:%d %B %Y} is abandoned: kept in the store, "
                                "marked abandoned, with no minutes. m sets up a new one.", title="meeting: Abandon")
                    self._refresh_dashboards(plan_id)

            question = abandon_question(plan_id, current, self.service.abandon_takes_out(current))
            self.push_screen(Confirm(question, yes="Abandon", no="Keep open", id="abandon-confirm"), confirmed)

        self.push_screen(ResumeOffer(question, abandon, yes="Resume", no="Not now", id="resume"), answered)

    def on_home_screen_plan_chosen(self, message: HomeScreen.PlanChosen) -> None:
        self.open_plan(message.plan_id)

    def on_home_screen_meeting_requested(self, message: HomeScreen.MeetingRequested) -> None:
        self.open_plan(message.plan_id)
        self.begin_meeting(message.plan_id)

    def on_dashboard_screen_meeting_requested(self, message: DashboardScreen.MeetingRequested) -> None:
        self.begin_meeting(message.plan_id)

    def on_dashboard_screen_walkthrough_requested(self, message: DashboardScreen.WalkthroughRequested) -> None:
        from tui.screens.walkthrough import WalkthroughScreen

        self.push_screen(WalkthroughScreen(self.service, message.meeting_id))

    def on_meeting_setup_screen_meeting_started(self, message: MeetingSetupScreen.MeetingStarted) -> None:
        from tui.screens.walkthrough import WalkthroughScreen

        self.switch_screen(WalkthroughScreen(self.service, message.meeting_id))

    def on_walkthrough_screen_status_recorded(self, message: WalkthroughScreen.StatusRecorded) -> None:
        from tui.screens.dashboard import DashboardScreen

        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen) and screen.plan_id == message.plan_id:
                screen.mark_changed(message.action_id)

    def on_walkthrough_screen_meeting_closed(self, message: WalkthroughScreen.MeetingClosed) -> None:
        self._refresh_dashboards(message.plan_id)

    def _refresh_dashboards(self, plan_id: str) -> None:
        from tui.screens.dashboard import DashboardScreen

        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen) and screen.plan_id == plan_id:
                screen.mark_changed(None)


def make_app(*, db_path: Path, plans_dir: Path, clock: Callable[[], datetime] | None = None,
             today: date | None = None, plan: str | None = None,
             start_meeting: bool = False, settings: Loaded | None = None) -> SteercoApp | StoreProblemApp:
    """Build the app on a store and a plans folder; used by the CLI and the tests. A store that
    cannot be opened gets the store-problem app instead (tui/screens/store_problem.py), before any form.

    `clock` and `today` fix time for tests and screenshots; `plan` opens that plan's
    dashboard, and with `start_meeting` its meeting setup (or the offer to resume); `settings`:
    the settings file as read (steerco.settings.current(); None: no file, the defaults).
    """
    # Everything imported so far (Textual, Rich, steerco: ~250,000 objects) lives as long as the
    # process: out of the collector's sight, the full collections during start-up skip them
    # (row 1 of docs/performance.md: 1.07x of the floor with this, 1.25x without).
    gc.freeze()
    try:
        service = Service.open(db_path, plans_dir, clock=clock, today=today)
    except StoreError as exc:
        from tui.screens.store_problem import StoreProblemApp

        return StoreProblemApp(str(exc), db_path)
    try:
        listed = service.listing_if_cached()
    except Exception:  # home lists them again in its worker, which reports what went wrong
        listed = None
    return SteercoApp(service, plan=plan, start_meeting=start_meeting, listed=listed, settings=settings)
