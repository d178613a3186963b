"""Home: every plan with its RAG summary, what needs attention, and the last meeting."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import ColumnKey
from textual.worker import get_current_worker

from storage.service import counted
from storage.service.home_lines import PlanSummary
from storage.service.service import Service
from tui import rag

SPINNER_AFTER_S = 0.25  # drawn at once, the spinner would cost a full-screen render before the first paint
SETTLE_S = 0.25  # from the first paint of home's rows to its counting, then from the counts to loading (row 1)
#: The table's columns (label, key, width); the Statuses column is at least STATUSES_WIDTH wide,
#: all of them fitting 80 columns, and takes what a wider screen has to spare when its counts need it.
COLUMNS = (("Plan", "plan", 11), ("Statuses", "rag", 0), ("Late", "overdue", 4), ("Unowned", "unowned", 7),
           ("Stale", "stale", 5), ("Last met", "last", 10))
STATUSES_WIDTH = 29
CELL_PADDING = 2  # a DataTable's cell padding, one each side
SCROLL_BAR = 2  # room kept for the table's vertical scroll bar


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

        def __init__(self, summaries: list[PlanSummary], *, then_warm: bool = True) -> None:
            super().__init__()
            self.summaries, self.then_warm = summaries, then_warm

    class PlansLoaded(Message):
        """The listed plans are loaded and validated: the screens past home open without a wait."""

    class LoadFailed(Message):
        """Listing, counting or loading the plans raised: said on screen, the app stays open."""

        def __init__(self, step: str, error: Exception) -> None:
            super().__init__()
            self.step, self.error = step, error

    def __init__(self, service: Service, *, listed: list[PlanSummary] | None = None) -> None:
        """`listed`: the plans' lines read already (`Service.listing_if_cached`), shown on mount."""
        super().__init__(id="home")
        self.service = service
        self._listed = listed
        self.summaries: dict[str, PlanSummary] = {}  # by plan file path: two files may claim one id
        self._spinner: Timer | None = None
        self.plans_loaded = False  # listed, counted and loaded: what tests wait for
        self._listings = 0  # how many times the plans were listed again (f5), for `_once_painted`

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Plans — enter opens a plan's dashboard", classes="screen-title")
        yield DataTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield Static(id="plan-detail")
        yield Footer()

    def on_mount(self) -> None:
        self._add_columns(STATUSES_WIDTH)
        self.app.theme_changed_signal.subscribe(self, lambda _: self._fill())
        if self._listed is None:
            self._list()
        else:
            self.post_message(self.PlansListed(self._listed))
            self._listed = None

    def action_reload(self) -> None:
        """Read the plans folder and the store again: an edited plan is loaded afresh."""
        self.service.forget_plans()
        self._list()

    def _list(self) -> None:
        """List the plans in a worker; a spinner only if listing is slow (a plan edited since its
        outline was cached is parsed again). Counting and loading follow, each once the step
        before it is on screen: started sooner, they held the GIL while the first rows were painted
        (row 1 of docs/performance.md)."""
        table = self.query_one(DataTable)
        self.plans_loaded = False
        self._listings += 1
        if self._spinner is not None:
            self._spinner.stop()
        self._spinner = self.set_timer(SPINNER_AFTER_S, lambda: setattr(table, "loading", True))
        self._listing()

    @work(thread=True, exclusive=True, group="home-load")
    def _listing(self) -> None:
        try:
            lines = self.service.listing()
        except Exception as exc:  # whatever the plans folder or a plan raises, the app stays open
            self.post_message(self.LoadFailed("read the plans folder", exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.PlansListed(lines))

    @work(thread=True, exclusive=True, group="home-load")
    def _count(self, lines: list[PlanSummary], *, then_warm: bool = True) -> None:
        """Count the plans on the worker's own store connection."""
        try:
            counted = self.service.summaries_apart(lines)
        except Exception as exc:  # whatever the store raises, the app stays open
            self.post_message(self.LoadFailed("read the store", exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.PlansCounted(counted, then_warm=then_warm))

    @work(thread=True, exclusive=True, group="home-load")
    def _warm(self, lines: list[PlanSummary]) -> None:
        """Load and validate the listed plans, so that the screens past home open at once."""
        try:
            self.service.warm(lines)
        except Exception as exc:  # a plan that cannot be loaded is reported when it is opened, too
            self.post_message(self.LoadFailed("load the plans", exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.PlansLoaded())

    def on_home_screen_load_failed(self, message: LoadFailed) -> None:
        if self._spinner is not None:
            self._spinner.stop()
        self.query_one(DataTable).loading = False
        self.notify(f"Could not {message.step}: {message.error}", title="plans", severity="error", timeout=10)

    def on_screen_resume(self) -> None:
        """Back from a dashboard or a meeting: count again, so the lines show what was just recorded."""
        if self.plans_loaded and self.summaries:
            self._count(list(self.summaries.values()), then_warm=False)

    def on_home_screen_plans_loaded(self) -> None:
        self.plans_loaded = True  # and on to the app, which holds the plans from now on

    def on_home_screen_plans_listed(self, message: PlansListed) -> None:
        self._show_lines(message.summaries)
        self._once_painted(self._count, message.summaries)

    def _once_painted(self, step: Callable[[list[PlanSummary]], object], lines: list[PlanSummary]) -> None:
        """Start `step` (a worker) `SETTLE_S` after the rows just put in the table are on screen.

        Benchmark row 1 (docs/performance.md). A DataTable lays out rows added to it when it is
        next idle, so the refresh after `add_row` paints the table without them and the one
        after that with them. A worker started then still shares the GIL with the app's start-up
        that follows the paint (Textual's first idle passes, the terminal's replies): counting is
        ~50 ms of CPU, loading the plans hundreds, and each return of the UI thread from a wait
        queues behind the worker for up to the interpreter's switch interval."""
        listing = self._listings

        def start() -> None:
            if listing == self._listings:  # not since overtaken by a reload's listing
                step(lines)

        self.call_after_refresh(self.call_after_refresh, self.set_timer, SETTLE_S, start)

    def _show_lines(self, lines: list[PlanSummary]) -> None:
        if self._spinner is not None:
            self._spinner.stop()
        self.summaries = {str(s.path): s for s in lines}
        self._fill()
        self.query_one(DataTable).loading = False

    def on_home_screen_plans_counted(self, message: PlansCounted) -> None:
        self.summaries = {str(s.path): s for s in message.summaries}
        self._fill()
        if message.then_warm:
            self._once_painted(self._warm, message.summaries)

    def _add_columns(self, statuses_width: int) -> None:
        table = self.query_one(DataTable)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width or statuses_width)

    def _statuses_width(self) -> int:
        """The Statuses column's width: STATUSES_WIDTH, or as much more as the longest line of
        counts needs and the screen has to spare (counts are never cut where there is room)."""
        spare = self.app.size.width - sum(w + CELL_PADDING for _, _, w in COLUMNS) - SCROLL_BAR
        longest = max((rag.counts_text(s.scale, s.counts, {}).cell_len for s in self.summaries.values()
                       if s.outline is not None and s.counted), default=0)
        return max(STATUSES_WIDTH, min(longest, spare))

    def on_resize(self) -> None:
        if self.summaries:
            self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        width = self._statuses_width()
        row = table.cursor_row
        table.clear(columns=table.columns[ColumnKey("rag")].width != width)
        if not table.columns:
            self._add_columns(width)
        variables = self.app.theme_variables
        for key, s in self.summaries.items():
            if s.outline is None:
                table.add_row(s.plan_id, f"{counted(s.problems, 'error')}: steerco validate", "", "", "", "", key=key)
                continue
            if not s.counted:
                table.add_row(s.plan_id, "counting…", "", "", "", "", key=key)
                continue
            last = s.last_meeting.isoformat() if s.last_meeting else "never"
            table.add_row(s.plan_id, rag.counts_in(width, s.scale, s.counts, variables)[0], s.overdue, s.unowned,
                          s.stale, last, key=key)
        if 0 < row < table.row_count:
            table.move_cursor(row=row, animate=False)
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
        if s is None or s.outline is None:
            detail.update("" if s is None else f"{s.path}: enter lists its errors (as steerco validate does)")
            return
        from rich.text import Text

        outline = s.outline
        text = Text()
        text.append(f"{outline.title}", style="bold")
        identity = ", ".join(part for part in (outline.partnership, outline.version and f"v{outline.version}") if part)
        text.append(f" — {identity}\n" if identity else "\n")
        if not s.counted:
            text.append(f"counting statuses… · {counted(len(outline.risks), 'risk')} · "
                        f"{counted(outline.indicators, 'indicator')}", style="dim")
            detail.update(text)
            return
        variables = self.app.theme_variables
        text.append_text(rag.bar(s.scale, s.counts, 60, variables))
        if not rag.counts_in(self._statuses_width(), s.scale, s.counts, variables)[1]:  # shorter in the table
            text.append("\n").append_text(rag.counts_text(s.scale, s.counts, variables))
        text.append(f"\n{counted(sum(s.counts.values()), 'action')} · {counted(len(outline.risks), 'risk')} · "
                    f"{counted(outline.indicators, 'indicator')}")
        if off := rag.off_scale_line(s.scale, s.counts):
            text.append(f"\n{off}", style="bold")
        if s.open_meeting:
            text.append(" · a meeting is open (m resumes it)", style="bold")
        elif s.abandoned_meeting:
            text.append(f" · the meeting of {s.abandoned_meeting.isoformat()} was abandoned (no minutes)")
        detail.update(text)

    def on_data_table_row_selected(self) -> None:
        self.action_open_plan()

    def action_open_plan(self) -> None:
        s = self._highlighted()
        if s is not None and s.outline is None:
            self._show_problems(s)
        elif s is not None:
            self.post_message(self.PlanChosen(s.plan_id))

    def action_meeting(self) -> None:
        s = self._highlighted()
        if s is not None and s.outline is None:
            self.notify(f"No meeting of {s.plan_id} can start: {s.path.name} has {counted(s.problems, 'error')} "
                        "(enter lists them; steerco validate too).", title="plans: Meeting", severity="warning",
                        markup=False)
        elif s is not None:
            self.post_message(self.MeetingRequested(s.plan_id))

    def _show_problems(self, s: PlanSummary) -> None:
        """The plan file's problems as `steerco validate` gives them, read only."""
        from storage.service.plans import check_files
        from tui.screens.plan_problems import PlanProblems

        self.app.push_screen(PlanProblems(s.plan_id, [str(p) for p in check_files([s.path])]))
