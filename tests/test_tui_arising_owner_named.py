"""The walk-through's matter-arising panel names the arising action's owner as every other view
does (the roster's name for a roster id, `Plan.owner_name` / `PlanIndex.owner_name`), not by
the id a store may hold ('adrian-roberts'). Keys only, then the screen."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui_support import app_after_an_arising, started_walkthrough, to_matter_arising


async def test_the_matter_arising_panel_names_the_owner(tmp_path: Path) -> None:
    app = app_after_an_arising(tmp_path, "Circulate the hot-spot premises list")
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_matter_arising(pilot, walk)
        facts = str(walk.query_one("#wt-facts").render())
        assert "Owner Ch. Insp Adrian Roberts · Due 2010-06-10" in facts, facts
        assert "adrian-roberts" not in facts
