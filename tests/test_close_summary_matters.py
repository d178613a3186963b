"""The close summary says which matters arising the meeting marked done or carried forward,
worded as its minutes word them ('M1/1 … — Done'; `storage.minutes.records.outcome_words`).
Keys only (j, the ref, enter, o or k, c), then the dialog's text and the minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from storage.minutes.render import render_minutes
from storage.store.store import Store
from tests.test_tui_support import app_after_an_arising, started_walkthrough, to_matter_arising
from tui.screens.close import CloseMeeting

TEXT = "Circulate the hot-spot premises list"


@pytest.mark.parametrize(("keys", "said"), [(("o",), "Done"), (("k", "enter"), "Carried forward")])
async def test_the_summary_names_the_matter_arising_agreed(tmp_path: Path, keys: tuple[str, ...], said: str) -> None:
    db = tmp_path / "steerco.db"
    app = app_after_an_arising(tmp_path, TEXT)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CloseMeeting)
        assert "Matters arising" not in str(app.screen.query_one("#close-summary Static", Static).render())
        await pilot.press("n")
        await pilot.pause()
        await to_matter_arising(pilot, walk)
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseMeeting)
        lines = str(dialog.query_one("#close-summary Static", Static).render()).splitlines()
        assert "Matters arising 1" in lines, lines
        assert f"  • M1/1 {TEXT} — {said}" in lines, lines
        await pilot.press("y")
        await pilot.pause()
        meeting_id = walk.meeting.id
    with Store.open(db) as store:
        minutes = render_minutes(store, meeting_id)
    assert f"| M1/1 | {TEXT} | Ch. Insp Adrian Roberts |" in minutes
    [row] = [line for line in minutes.splitlines() if line.startswith(("| M1/1 |", "| Minute ")) and "M1/1" in line]
    assert row.rstrip().endswith(f"| {said} |"), row
