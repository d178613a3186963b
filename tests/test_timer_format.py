"""Timers shown together take one format (tui/durations.py): the walk-through's top line once the
meeting has run past an hour reads h:mm:ss for the item too, never '00:00/03:00 · Σ 1:10:00/51:00'
(Pilot: the chair's clock moved, then the bar read); the follower's bar likewise."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from tests.test_tui_support import TODAY, Clock, ni15_folder, seed_history, started_walkthrough
from tui.app import make_app
from tui.durations import clock, clocks


def test_one_format_for_the_durations_shown_together() -> None:
    assert clocks(10, 180, 3000, 3060) == ["00:10", "03:00", "50:00", "51:00"]
    assert clocks(10, 180, 4205, 3060) == ["0:00:10", "0:03:00", "1:10:05", "0:51:00"]
    assert clock(-3) == "00:00" and clock(7325) == "2:02:05"


async def test_the_walkthrough_top_line_keeps_one_format_past_an_hour(tmp_path: Path) -> None:
    seed_history(tmp_path / "steerco.db")
    chair_clock = Clock()
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=ni15_folder(tmp_path), clock=chair_clock,
                   today=TODAY, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        bar = walk.query_one("#wt-bar", Static)
        assert re.search(r"⏱ \d\d:\d\d/\d\d:\d\d · Σ \d\d:\d\d/51:00", str(bar.render())), str(bar.render())
        chair_clock.at += timedelta(minutes=70)
        await pilot.press("right")
        await pilot.pause(1.2)
        shown = str(bar.render())
        assert re.search(r"⏱ 0:00:0\d/0:0\d:00 · Σ 1:1\d:\d\d/0:51:00", shown), shown
