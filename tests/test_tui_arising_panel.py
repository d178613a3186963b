"""The chair's panel on a matter arising gives its status as symbol and word, as the follower, the jump list and
the standing item do (storage/service/marks.py): 'Status ○ open', then 'Status ✓ done' after o; it said
'Status OPEN' / 'Status DONE', the word alone (new-user try of issue 12). Keys only, then the panel and the store."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui_arising import arising
from tests.test_tui_support import seeded_app, started_walkthrough, to_matter_arising


async def test_the_matter_arising_panel_shows_the_status_as_symbol_and_word(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_matter_arising(pilot, walk)
        status = walk.query_one("#wt-status")
        assert str(status.render()).startswith("Status ○ open — o done · k carried forward"), str(status.render())
        await pilot.press("o")
        await pilot.pause()
        assert str(status.render()).startswith("Status ✓ done — "), str(status.render())
    assert [a.status for a in arising(tmp_path / "steerco.db")] == ["done"]
