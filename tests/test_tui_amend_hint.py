"""The Amend dialog's key line fits what it lists (new-user try of issue 12): an approval alone is only
withdrawn, so the line offers no 'edit'; a matter arising's status alone is only recorded again, so it offers no
'withdraw'; a note (edited or withdrawn) keeps the whole line. Keys only (u on the item), then the dialog read."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.test_tui_amend import amend, labels, to_first_action
from tests.test_tui_support import on_previous_minutes, seeded_app, started_walkthrough, to_matter_arising, type_text


def hint(dialog) -> str:
    return str(dialog.query_one("#amend-dialog .against", Static).render())


async def test_an_approval_alone_is_offered_only_withdraw(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_previous_minutes(pilot)
        await pilot.press("t", "y")
        await pilot.pause()
        dialog = await amend(pilot)
        assert labels(dialog) == ["✓ Approved as a true record at this meeting — withdraw"]
        assert hint(dialog) == "enter withdraw · w withdraw · esc cancel"


async def test_a_matter_arising_status_alone_is_offered_only_edit(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_matter_arising(pilot, walk)
        await pilot.press("o")
        await pilot.pause()
        dialog = await amend(pilot)
        assert labels(dialog) == ["Marked done in this meeting — reopen or carry forward instead"]
        assert hint(dialog) == "enter edit · e edit · esc cancel"


async def test_a_status_and_a_note_keep_the_whole_line(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_first_action(pilot, walk)
        await pilot.press("g", "n")
        await type_text(pilot, "Forum met")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = await amend(pilot)
        assert len(labels(dialog)) == 2, labels(dialog)
        assert hint(dialog) == "↑ ↓ choose · enter edit or withdraw · e edit · w withdraw · esc cancel"
