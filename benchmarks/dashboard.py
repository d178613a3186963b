"""Row 9: the plan dashboard on the large plan, driven with Pilot in this process.

9a, open: from the key on home (`o`) until the dashboard's actions table has rows and a
refresh has run. 9b, filter: from the RAG filter key (`f`) until the table shows the
filtered rows. Each next to a floor: the same keys on `EmptyDashboard`, a screen of the
dashboard's widgets with no data behind them (what Textual alone costs), pushed the same way.

Keys are sent as the terminal would send them and the figure is polled every 2 ms:
`pilot.press` waits until the whole process is idle (up to 1 s), so a thread worker still
loading in the background would count as part of the keypress, or cut it short. While the
figures are taken, a task in the app's event loop records the longest gap between its 5 ms
ticks: what a key pressed meanwhile would wait (the loading runs on a thread, so the loop
should never stall for long).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from benchmarks.app_child import home_ready
from benchmarks.report import Row, median_ms

if TYPE_CHECKING:
    from benchmarks.run import Context

TIMEOUT_S = 120.0
FILTER_STEPS = 6  # the RAG filter cycles all, R, A, G, B, unrated: one full turn


def empty_dashboard_app() -> Any:
    """The floor: an app whose `o` pushes the dashboard's widgets (header, title, search box,
    four tabs: the actions table, tui/widgets/action_table.py, with its columns and three
    DataTables; footer with the dashboard's keys) on the app's stylesheet, with no rows; its `f`
    shows the empty table's rows again and retitles, as a filter does. Keep in step with
    tui/screens/dashboard/ (tests/test_benchmark_tiny.py)."""
    from pathlib import Path

    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Vertical
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header, Input, Static, TabbedContent, TabPane

    from tui.widgets.action_table import ActionTable, Column

    class EmptyDashboard(Screen[None]):
        AUTO_FOCUS = "#actions-table"
        BINDINGS: ClassVar = [Binding(key, action, label) for key, action, label in (
            ("escape", "back", "Back"), ("m", "meeting", "Meeting"), ("slash", "search", "Search"),
            ("f", "filter_rag", "Status"), ("o", "filter_owner", "Owner"), ("t", "filter_theme", "Theme"),
            ("c", "clear_filters", "Clear"))]
        turns = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Plan", id="dashboard-title", classes="screen-title")
            yield Input(id="search")
            with TabbedContent(id="tabs"):
                with TabPane("Actions", id="actions"):
                    yield ActionTable([Column(label, label.lower(), width) for label, width in (
                        ("ID", 6), ("Title", 45), ("Owner", 22), ("Due", 10), ("RAG", 3), ("Trend", 6),
                        ("Updated", 11))], lambda action_id: [], id="actions-table")
                for tab in ("risks", "indicators", "meetings"):
                    with TabPane(tab.title(), id=tab):
                        yield DataTable(id=f"{tab}-table", cursor_type="row")
                        if tab == "indicators":  # its chart (tui/widgets/indicator_chart.py), hidden until shown
                            chart = Vertical(Static())
                            chart.display = False
                            yield chart
            yield Footer()

        def on_mount(self) -> None:
            self.query_one("#search").display = False

        def action_filter_rag(self) -> None:
            self.turns += 1
            self.query_one(ActionTable).show([])
            self.query_one("#dashboard-title", Static).update(f"Plan · filter {self.turns}")

        def action_back(self) -> None:
            self.app.pop_screen()

        def action_meeting(self) -> None: ...
        def action_search(self) -> None: ...
        def action_filter_owner(self) -> None: ...
        def action_filter_theme(self) -> None: ...
        def action_clear_filters(self) -> None: ...

    class Start(Screen[None]):
        BINDINGS: ClassVar = [Binding("o", "open", "Open")]

        def compose(self) -> ComposeResult:
            yield Static("plans", id="only")

        def action_open(self) -> None:
            self.app.push_screen(EmptyDashboard(id="dashboard"))

    class Floor(App[None]):
        CSS_PATH = str(Path(__file__).resolve().parents[1] / "tui" / "app.tcss")
        BINDINGS: ClassVar = [Binding("ctrl+q", "quit", "Quit", priority=True)]

        def on_mount(self) -> None:
            self.push_screen(Start())

    return Floor()


class Stalls:
    """The longest gap between ticks of a 5 ms loop in the app's event loop while running."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - 0.005)
            last = now

    def __enter__(self) -> Stalls:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


def _send_key(app: Any, key: str) -> None:
    """The key as the terminal driver sends it, without Pilot's wait for an idle process."""
    from textual import events

    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def _until(pilot: Any, ready: Callable[[], bool]) -> None:
    """Sleep 2 ms at a time until ready (a plain sleep: `pilot.pause(delay)` also forces a screen
    update, which in the middle of mounting a screen would not be what a user's app does), then
    let the refresh that shows it run."""
    deadline = time.monotonic() + TIMEOUT_S
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the dashboard was not ready in time")
        await asyncio.sleep(0.002)
    await pilot.pause(0.002)


async def _timed_key(pilot: Any, key: str, ready: Callable[[], bool]) -> float:
    started = time.perf_counter()
    _send_key(pilot.app, key)
    await _until(pilot, ready)
    return time.perf_counter() - started


def _idle(app: Any) -> bool:
    return not any(worker.is_running for worker in app.workers)


def _title(screen: Any) -> str:
    return str(screen.query_one("#dashboard-title").render())


def _retitled(app: Any) -> Callable[[], bool]:
    """Ready once the dashboard's title (which names the filters) has changed and no worker runs."""
    before = _title(app.screen)
    return lambda: _title(app.screen) != before and _idle(app)


def _rows_shown(app: Any, seen: list[str]) -> Callable[[], bool]:
    """Ready once the dashboard's actions tab has filled its table after the key (its `Filled`
    message) and no worker is still running. Not by querying the screen while it mounts: a
    query then made the actions tab's own `on_mount` miss its table (Textual 8.2)."""
    since = len(seen)
    return lambda: "Filled" in seen[since:] and app.screen.id == "dashboard" and _idle(app)


async def _measure(app: Any, ready_home: Callable[[], bool], opened_ready: Callable[[list[str]], Callable[[], bool]],
                   opens: int) -> tuple[list[float], list[float], float]:
    """Open the dashboard `opens` times (back to the first screen in between), then press the
    filter key FILTER_STEPS times on the last one opened; the longest event-loop stall."""
    opened: list[float] = []
    filtered: list[float] = []
    seen: list[str] = []
    async with app.run_test(size=(120, 40), message_hook=lambda m: seen.append(type(m).__name__)) as pilot:
        await _until(pilot, ready_home)
        with Stalls() as stalls:
            for n in range(opens):
                opened.append(await _timed_key(pilot, "o", opened_ready(seen)))
                if n < opens - 1:
                    await _timed_key(pilot, "escape", lambda: app.screen.id != "dashboard")
                    await pilot.pause()
            for _ in range(FILTER_STEPS):
                filtered.append(await _timed_key(pilot, "f", _retitled(app)))
        return opened, filtered, stalls.longest


def _steerco_app(ctx: Context) -> tuple[Any, Callable[[], bool]]:
    from tui.app import make_app

    app = make_app(db_path=ctx.db, plans_dir=ctx.plans_dir)

    def home_with_plans() -> bool:  # the plans loaded: the dashboard opens without parsing one
        return home_ready(app) and bool(getattr(app.screen, "plans_loaded", False))

    return app, home_with_plans


def dashboard(ctx: Context) -> list[Row]:
    opens = max(1, ctx.scale.repeats)
    floor_app = empty_dashboard_app()
    floor_open, floor_filter, _ = asyncio.run(_measure(
        floor_app, lambda: bool(floor_app.screen.query("#only")),
        lambda _: lambda: floor_app.screen.id == "dashboard" and floor_app.screen.is_mounted, opens))
    app, ready = _steerco_app(ctx)
    opened, filtered, stall = asyncio.run(_measure(app, ready, lambda seen: _rows_shown(app, seen), opens))
    actions = len(ctx.action_ids)
    opening = Row("9a", f"dashboard open, {actions:,} actions", "ms", value=median_ms(opened),
                  floor=median_ms(floor_open), goal=50, goal_on="excess",
                  note=f"key `o` on home to the actions table's first rows painted, median of {len(opened)}; floor: "
                       f"the dashboard's widgets with no data pushed the same way; longest event-loop stall "
                       f"meanwhile {stall * 1000:.0f} ms")
    filtering = Row("9b", "dashboard filter key", "ms", value=median_ms(filtered), floor=median_ms(floor_filter),
                    goal=50, goal_on="excess",
                    note=f"key `f` (RAG filter, one turn of all, R, A, G, B, unrated) to the table refilled, "
                         f"median of {len(filtered)}; floor: the same key clearing the empty table")
    return [opening, filtering]
