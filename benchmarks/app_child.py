"""Run in a subprocess by the benchmark: start an app headless, wait until its first screen
is painted, print one JSON line (wall-clock time when ready, peak memory then and once its
workers are done) and exit.

    python -m benchmarks.app_child bare
    python -m benchmarks.app_child shape
    python -m benchmarks.app_child steerco DB PLANS

`shape` is the floor: home's widgets and stylesheet with no steerco code behind them, what
Textual alone costs to paint that screen. `steerco` is the real app from `tui.app.make_app`,
ready once its home screen's table has rows. `bare`, for context, is a Textual app that
paints one Static.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TIMEOUT_S = 120.0

#: What the first frame should not need (the plan model, pydantic, the screens past home): the
#: ones imported by the time it is painted are reported, for row 1's note.
LATE_MODULES = ("pydantic", "storage.plan.model", "storage.plan.load", "sqlite_utils", "yaml",
                "tui.screens.dashboard", "tui.screens.walkthrough", "tui.screens.setup", "tui.screens.minutes",
                "tui.screens.modals")


def bare_app() -> tuple[Any, Callable[[], bool]]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("steerco", id="only")

    app = Bare()
    return app, lambda: bool(app.screen.query("#only"))


def shape_app() -> tuple[Any, Callable[[], bool]]:
    """The home screen's widgets (header, title, table with one row, detail, footer with its
    keys) and the app's stylesheet, with no steerco code: keep in step with tui/screens/home.py."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header, Static

    class Home(Screen[None]):
        BINDINGS = [Binding("o", "open_plan", "Open plan"), Binding("m", "meeting", "Meeting"),
                    Binding("f5", "reload", "Reload")]  # one action each: the footer shows one key per action

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Plans — enter opens a plan's dashboard", classes="screen-title")
            yield DataTable(id="plans", cursor_type="row", zebra_stripes=True)
            yield Static(id="plan-detail")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            for label, width in (("Plan", 11), ("Statuses", 29), ("Late", 4), ("Unowned", 7), ("Stale", 5),
                                 ("Last met", 10)):
                table.add_column(label, width=width)
            table.add_row("bench", "counting…", "", "", "", "")

    class Shape(App[None]):
        CSS_PATH = str(Path(__file__).resolve().parents[1] / "tui" / "app.tcss")
        BINDINGS = [Binding("question_mark,f1", "help", "Help"), Binding("ctrl+q", "quit", "Quit", priority=True)]

        def on_mount(self) -> None:
            self.push_screen(Home())

    app = Shape()
    return app, lambda: home_ready(app)


def home_ready(app: Any) -> bool:
    """The home screen is up and its table has rows (loaded in a worker or on mount)."""
    screen = app.screen
    if type(screen).__name__ in ("Screen", "_DefaultScreen") or screen.is_modal:
        return False
    return any(getattr(table, "row_count", 0) > 0 for table in screen.query("DataTable"))


def steerco_app(db: str, plans: str) -> tuple[Any, Callable[[], bool]]:
    from tui.app import make_app

    app = make_app(db_path=Path(db), plans_dir=Path(plans))
    return app, lambda: home_ready(app)


async def until_painted(app: Any, ready: Callable[[], bool],
                        settle_on: str | None = None) -> tuple[float, float, list[str]]:
    """Poll every 2 ms until ready, then run one screen refresh (what paints it); then, past
    the timing, wait for the app's workers and for a message named `settle_on` (steerco's
    home posts `PlansLoaded` once its plans are loaded), so peak memory includes the plans.

    Never `pilot.pause()` without a delay here: that waits until the whole process is idle
    (up to 1 s a call), so a worker still busy in the background, after the screen is up,
    would count as not painted. `pause(delay)` sleeps, then runs the screen's pending
    refresh, for the bare app and steerco alike.
    """
    seen: set[str] = set()
    async with app.run_test(size=(120, 40), message_hook=lambda m: seen.add(type(m).__name__)) as pilot:
        deadline = time.monotonic() + TIMEOUT_S
        await pilot.pause(0.002)
        while not ready():
            if time.monotonic() > deadline:
                raise TimeoutError("the first screen was not ready in time")
            await pilot.pause(0.002)
        await pilot.pause(0.002)  # let the refresh that shows it run
        painted = time.time()
        at_paint = _maxrss_mib()
        early = [name for name in LATE_MODULES if name in sys.modules]
        while settle_on is not None and settle_on not in seen:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {settle_on} in time")
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
    return painted, at_paint, early


def _maxrss_mib() -> float:
    """This process's peak resident memory: VmHWM, which counts this process's own memory only.

    Not `ru_maxrss`: Linux carries it across `execve`, so a child started by a parent holding
    a large plan (the benchmark itself, once row 5 or 6 has loaded it) reads the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux; bytes on macOS


def main(argv: list[str]) -> None:
    if argv[0] == "steerco":
        (app, ready), settle_on = steerco_app(*argv[1:3]), "PlansLoaded"
    else:
        (app, ready), settle_on = {"bare": bare_app, "shape": shape_app}[argv[0]](), None
    painted, at_paint, early = asyncio.run(until_painted(app, ready, settle_on))
    print(json.dumps({"painted_at": painted, "maxrss_mib": at_paint, "settled_mib": _maxrss_mib(),
                      "imported_at_paint": early}))


if __name__ == "__main__":
    main(sys.argv[1:])
