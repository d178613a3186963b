"""The Pilot-driven measurements: in the meeting walk-through, the next-item key (2) and a
status key (3b), each timed from the keypress until the app has processed it and repainted
(`await pilot.press(...)` then `await pilot.pause()`).

The meeting is started through the service on the whole large plan ("all actions"), as
the chair would, before the app opens; the app then shows its home screen, and the
walk-through is pushed once home is painted.
"""

from __future__ import annotations

import asyncio
import time
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar
from unittest.mock import patch

from benchmarks.app_child import home_ready
from benchmarks.report import Row, median_ms, percentile_ms

if TYPE_CHECKING:
    from benchmarks.run import Context

TIMEOUT_S = 300.0


async def _until(pilot: Any, ready: Any) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    await pilot.pause()
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get ready in time")
        await pilot.pause(0.01)


async def _timed_press(pilot: Any, key: str) -> float:
    started = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return time.perf_counter() - started


async def _bare(presses: int) -> list[float]:
    """The floor: the same press + pause on a bare Textual app whose key updates one Static."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Static

    class Bare(App[None]):
        BINDINGS: ClassVar = [Binding("right", "next", "Next")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("0", id="only")

        def action_next(self) -> None:
            self.count += 1
            self.query_one("#only", Static).update(str(self.count))

    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return [await _timed_press(pilot, "right") for _ in range(presses)]


async def _drive(ctx: Context) -> tuple[list[float], list[float], int, float]:
    """The presses' times, the agenda's length and the screen layouts per next-item press
    (counted through Textual's private `Screen._refresh_layout`: a figure, not a test)."""
    from textual.screen import Screen

    from tui.app import SteercoApp, make_app
    from tui.screens.walkthrough import WalkthroughScreen

    app = make_app(db_path=ctx.db, plans_dir=ctx.plans_dir)
    assert isinstance(app, SteercoApp), "the benchmark's store cannot be opened"
    service = app.service
    people = [p.id for p in service.plan(ctx.plan_id).people]
    meeting = service.start_meeting(ctx.plan_id, date(2026, 4, 2), people[0], people[1:12], people[12:15], [], "all")
    nexts: list[float] = []
    statuses: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: home_ready(app))
        await app.push_screen(WalkthroughScreen(service, meeting.id))
        await _until(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        while screen.item.kind != "action":  # past matters arising, to the first action
            await pilot.press("right")
            await pilot.pause()
        layouts = [0]
        original = Screen._refresh_layout

        def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
            layouts[0] += 1
            return original(self, *args, **kwargs)

        with patch.object(Screen, "_refresh_layout", counted):
            for _ in range(ctx.scale.presses):
                nexts.append(await _timed_press(pilot, "right"))
        for n in range(ctx.scale.writes):
            if screen.item.kind != "action":
                break
            statuses.append(await _timed_press(pilot, "rag"[n % 3]))
    return nexts, statuses, len(meeting.agenda), layouts[0] / max(1, len(nexts))


def walkthrough(ctx: Context) -> list[Row]:
    """Pilot's press + pause waits for the CPU to go idle, a fixed cost of tens of ms even for
    a bare app; so each figure stands next to that floor and the goal is judged on the excess."""
    bare = asyncio.run(_bare(ctx.scale.presses))
    nexts, statuses, items, layouts = asyncio.run(_drive(ctx))
    p50 = Row("2a", "walk-through next item, p50", "ms", value=median_ms(nexts), floor=median_ms(bare),
              goal=50, goal_on="excess", note="the same presses, median (floor: the bare app's median)")
    p95 = Row("2b", "walk-through next item, p95", "ms", value=percentile_ms(nexts, 95),
              floor=percentile_ms(bare, 95), goal=50, goal_on="excess",
              note=f"Pilot press `right` + pause, {len(nexts)} presses on a {items:,}-item agenda, "
                   f"vs the same on a bare app; {layouts:.2f} screen layouts a press")
    status = Row("3b", "status key → repainted (Pilot)", "ms", value=median_ms(statuses), floor=median_ms(bare),
                 goal=50, goal_on="excess",
                 note=f"press r/a/g + pause in the walk-through, median of {len(statuses)}: the write of row 3 "
                      "plus one repaint (goal: that of row 2)")
    return [p50, p95, status]
