"""The close summary words a decision as the minutes do (keys only, then the dialog and the
minutes read): 'RESOLVED:' once, whatever 'Agreed' or 'Resolved' the chair typed before it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from storage.minutes.render import render_minutes
from storage.store.store import Store
from tests.test_tui_support import seeded_app, started_walkthrough
from tui.screens.close import CloseMeeting


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", ",": "comma", "-": "minus"}.get(ch, ch) for ch in text])


async def test_a_typed_resolved_is_said_once_in_the_summary_and_the_minutes(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await pilot.press("d")
        await type_text(pilot, "Resolved - that the forum meet monthly")
        await pilot.press("ctrl+s", "d")
        await type_text(pilot, "Agreed, refer hot spots to the forum")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseMeeting)
        summary = str(dialog.query_one("#close-summary Static", Static).render())
        assert "  • RESOLVED: that the forum meet monthly" in summary.splitlines()
        assert "  • RESOLVED: refer hot spots to the forum" in summary.splitlines()
        assert "Resolved -" not in summary and "Agreed," not in summary
        await pilot.press("y")
        await pilot.pause()
        meeting_id = walk.meeting.id
    with Store.open(tmp_path / "steerco.db") as store:
        minutes = render_minutes(store, meeting_id)
    assert "**RESOLVED:** that the forum meet monthly" in minutes
    assert "**RESOLVED:** refer hot spots to the forum" in minutes
