"""Run in a subprocess by the benchmark: start an app headless, wait until its first screen
is painted, print one JSON line (wall-clock time when ready, peak memory then and once its
workers are done) and exit.

    python -m benchmarks.app_child bare
    python -m benchmarks.app_child steerco DB PLANS

`bare` is the floor: a Textual app that paints one Static. `steerco` is the real app from
`tui.app.make_app`, ready once its home screen's table has rows.
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


def bare_app() -> tuple[Any, Callable[[], bool]]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("steerco", id="only")

    app = Bare()
    return app, lambda: bool(app.screen.query("#only"))


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


async def until_painted(app: Any, ready: Callable[[], bool]) -> tuple[float, float]:
    """Poll every 2 ms until ready, then run one screen refresh (what paints it); then, past
    the timing, wait for the app's workers, so peak memory includes the loaded plans.

    Never `pilot.pause()` without a delay here: that waits until the whole process is idle
    (up to 1 s a call), so a worker still busy in the background, after the screen is up,
    would count as not painted. `pause(delay)` sleeps, then runs the screen's pending
    refresh, for the bare app and steerco alike.
    """
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + TIMEOUT_S
        await pilot.pause(0.002)
        while not ready():
            if time.monotonic() > deadline:
                raise TimeoutError("the first screen was not ready in time")
            await pilot.pause(0.002)
        await pilot.pause(0.002)  # let the refresh that shows it run
        painted = time.time()
        at_paint = _maxrss_mib()
        await app.workers.wait_for_complete()  # steerco loads its plans after the first paint
        await pilot.pause()
    return painted, at_paint


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str]) -> None:
    app, ready = bare_app() if argv[0] == "bare" else steerco_app(argv[1], argv[2])
    painted, at_paint = asyncio.run(until_painted(app, ready))
    print(json.dumps({"painted_at": painted, "maxrss_mib": at_paint, "settled_mib": _maxrss_mib()}))


if __name__ == "__main__":
    main(sys.argv[1:])
