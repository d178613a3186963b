"""Home: every plan with its RAG summary, what needs attention, and the last meeting."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from storage.service import PlanSummary, Service
from tui import rag


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("o", "open_plan", "Open plan", tooltip="Open the highlighted plan's dashboard", id="home-open"),
        Binding("m", "meeting", "Meeting", tooltip="Start or resume a meeting of the highlighted plan",
                id="home-meeting"),
        Binding("f5", "reload", "Reload", tooltip="Read the plans folder and the store again", id="home-reload"),
    ]

    class PlanChosen(Message):
        def __init__(self, plan_id: str) -> None:
            super().__init__()
            self.plan_id = plan_id

    class MeetingRequested(Message):
        def __init__(self, plan_id: str) -> None:
            super().__init__()
            self.plan_id = plan_id

    class PlansListed(Message):
        """The plan files are read: their lines, without counts yet."""

        def __init__(self, summaries: list[PlanSummary]) -> None:
            super().__init__()
            self.summaries = summaries

    class PlansCounted(Message):
        """The store is read: every line with its counts, late, stale and last meeting."""

        def __init__(self, summaries: list[PlanSummary]) -> None:
            super().__init__()
            self.summaries = summaries

    def __init__(self, service: Service) -> None:
        super().__init__(id="home")
        self.service = service
        self.summaries: dict[str, PlanSummary] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Plans — enter opens a plan's dashboard", classes="screen-title")
        yield DataTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield Static(id="plan-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key, width in (("Plan", "plan", 11), ("Statuses", "rag", 29), ("Late", "overdue", 4),
                                  ("Unowned", "unowned", 7), ("Stale", "stale", 5), ("Last met", "last", 10)):
            table.add_column(label, key=key, width=width)
        self.app.theme_changed_signal.subscribe(self, lambda _: self._fill())
        self.action_reload()

    def action_reload(self) -> None:
        self.query_one(DataTable).loading = True
        self._load()

    @work(thread=True, exclusive=True, group="home-load")
    def _load(self) -> None:
        """Parse the plan files, post their lines; then count on the worker's own store connection.

        The list paints as soon as the plans are parsed; the counts over every update (the slow
        part on a large store) follow in a second message.
        """
        worker = get_current_worker()
        loaded = self.service.load_plans()
        if worker.is_cancelled:
            return
        self.post_message(self.PlansListed(self.service.listing(loaded)))
        counted = self.service.summaries_apart(loaded)
        if not worker.is_cancelled:
            self.post_message(self.PlansCounted(counted))

    def on_home_screen_plans_listed(self, message: PlansListed) -> None:
        self.summaries = {s.plan_id: s for s in message.summaries}
        self._fill()
        self.query_one(DataTable).loading = False

    def on_home_screen_plans_counted(self, message: PlansCounted) -> None:
        self.summaries = {s.plan_id: s for s in message.summaries}
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        variables = self.app.theme_variables
        for s in self.summaries.values():
            if s.plan is None:
                table.add_row(s.plan_id, f"{s.problems} errors: steerco validate", "", "", "", "", key=s.plan_id)
                continue
            if not s.counted:
                table.add_row(s.plan_id, "counting…", "", "", "", "", key=s.plan_id)
                continue
            last = s.last_meeting.isoformat() if s.last_meeting else "never"
            table.add_row(s.plan_id, rag.counts_text(s.plan, s.counts, variables), s.overdue, s.unowned, s.stale,
                          last, key=s.plan_id)
        self._show_detail()

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _highlighted(self) -> PlanSummary | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.summaries.get(str(key))

    def _show_detail(self) -> None:
        s = self._highlighted()
        detail = self.query_one("#plan-detail", Static)
        if s is None or s.plan is None:
            detail.update("" if s is None else f"{s.path}: fix the errors listed by `steerco validate`")
            return
        from rich.text import Text

        text = Text()
        text.append(f"{s.plan.title}", style="bold")
        text.append(f" — {s.plan.partnership}, v{s.plan.version}\n")
        if not s.counted:
            text.append(f"counting statuses… · {len(s.plan.risks)} risks · {len(s.plan.indicators)} indicators",
                        style="dim")
            detail.update(text)
            return
        text.append_text(rag.bar(s.plan, s.counts, 60, self.app.theme_variables))
        text.append(f"\n{sum(s.counts.values())} actions · {len(s.plan.risks)} risks · "
                    f"{len(s.plan.indicators)} indicators")
        if s.open_meeting:
            text.append(" · a meeting is open (m resumes it)", style="bold")
        detail.update(text)

    def on_data_table_row_selected(self) -> None:
        self.action_open_plan()

    def action_open_plan(self) -> None:
        s = self._highlighted()
        if s is not None and s.plan is not None:
            self.post_message(self.PlanChosen(s.plan_id))

    def action_meeting(self) -> None:
        s = self._highlighted()
        if s is not None and s.plan is not None:
            self.post_message(self.MeetingRequested(s.plan_id))
