"""Home paints the plan list from the plan files first, then the counts from a worker's own
store connection: both arrive as messages, and what home finally shows is unchanged."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from tests.test_tui_support import seeded_app
from tui.screens.home import HomeScreen


async def test_home_lists_first_then_counts(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    seen: list[object] = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        ours = [m for m in seen if isinstance(m, (HomeScreen.PlansListed, HomeScreen.PlansCounted))]
        kinds = [type(m) for m in dict.fromkeys(ours)]  # each is seen again as it bubbles to the app
        assert kinds == [HomeScreen.PlansListed, HomeScreen.PlansCounted]
        listed = next(m for m in seen if isinstance(m, HomeScreen.PlansListed))
        (line,) = listed.summaries
        assert line.plan_id == "ni15" and line.plan is not None and not line.counted and line.counts == {}
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1 and not table.loading
        late, unowned, stale, last = (table.get_cell("ni15", key) for key in ("overdue", "unowned", "stale", "last"))
        assert (late, unowned, stale, last) == (1, 1, 1, "2010-05-12")
        assert "9 actions" in str(app.screen.query_one("#plan-detail", Static).render())
        app.screen.post_message(HomeScreen.PlansListed(listed.summaries))  # what shows before the counts
        await pilot.pause()
        assert table.get_cell("ni15", "rag") == "counting…" and table.get_cell("ni15", "last") == ""
        assert "counting statuses" in str(app.screen.query_one("#plan-detail", Static).render())
        await pilot.press("f5")  # reload: the same two steps, the same result
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.get_cell("ni15", "last") == "2010-05-12"
        assert len({id(m) for m in seen if isinstance(m, HomeScreen.PlansCounted)}) == 2
