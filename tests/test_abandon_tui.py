"""A chair who abandons a meeting opened by mistake (walk-through ctrl+d): the status set at it does
not count. Keys on the app, then `steerco status --json` and the dashboard read."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Static

from storage.store.store import Store
from tests.test_tui_action_table import drawn
from tests.test_tui_support import run_steerco, seeded_app, type_text
from tui.screens.dashboard import DashboardScreen
from tui.screens.modals import Confirm
from tui.screens.walkthrough import WalkthroughScreen
from tui.widgets.action_table import ActionTable


async def test_a_status_set_at_an_abandoned_meeting_does_not_count(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)  # 7.8 Green since March
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")  # start
        await pilot.pause()
        if isinstance(app.screen, Confirm):  # a warning asked about: start anyway
            await pilot.press("y")
            await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen)
        await pilot.press("j")
        await type_text(pilot, "7.8")
        await pilot.press("enter")
        await pilot.pause()
        assert walk.item.ref == "7.8"
        await pilot.press("b")  # Complete
        await pilot.pause()
        mistake = walk.meeting.id
        with Store.open(tmp_path / "steerco.db") as store:
            assert store.current_statuses("ni15")["7.8"].rag == "B"
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.screen.id == "abandon-confirm"
        question = str(app.screen.query_one(".question", Static).render())
        assert "The 1 status recorded at it will not count" in question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        (line,) = [line for line in drawn(app.screen.query_one("#actions-table", ActionTable))
                   if line.lstrip(" ▶").startswith("7.8 ")]
        assert line.split()[-4:] == ["✓", "G", "G", "2010-03-10…"], line  # status, trend and last update as before
    report = json.loads(run_steerco(tmp_path / "plans", "status", "ni15", "--json"))
    (seven_eight,) = [a for a in report["actions"] if a["id"] == "7.8"]
    assert (seven_eight["rag"], seven_eight["overdue"], seven_eight["trend"]) == ("G", True, ["G"])
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.abandonment(mistake) is not None
        assert [u.rag for u in store.history("ni15", "7.8")] == ["B", "G"]  # kept, never deleted
