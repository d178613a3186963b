"""Fixes from a new user's try of issue 15 (FIX15B), driven by keys only; then the store or screen read.

On NI 15 with `seed_history`, a new meeting on 15 June 2010 is started from the setup screen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.test_tui_arising import arising, open_dialog, shown, type_text
from tests.test_tui_support import seeded_app, started_walkthrough
from tui.screens.arising import ArisingPrompt


async def test_a_due_date_may_carry_its_weekday_as_dates_are_shown(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        dialog = await open_dialog(pilot)
        await type_text(pilot, "Sue")
        await pilot.press("enter", "tab", "ctrl+u")
        await type_text(pilot, "Thursday 15 January 2011")
        assert shown(dialog, "#due-note") == "✗ 'Thursday 15 January 2011': 15 January 2011 is a Saturday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ArisingPrompt)
        assert arising(tmp_path / "steerco.db", walk.meeting.id) == []
        await pilot.press("ctrl+u")
        await type_text(pilot, "Friday 14 January 2011")
        assert shown(dialog, "#due-note") == "Friday 14 January 2011"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is walk
    (added,) = arising(tmp_path / "steerco.db", walk.meeting.id)
    assert added.due == date(2011, 1, 14)
