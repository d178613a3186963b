"""The close summary and the minutes at a plan's first meeting say so instead of 'since the
previous meeting'; a skipped previous-minutes item is named, not '1' (keys only, then the
dialog, the store and the minutes read). A new user's try of issue 12 (items 5 and 6)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from storage.minutes.render import render_minutes
from storage.store.store import Store
from tests.test_tui_support import Clock, ni15_folder, seeded_app, started_walkthrough
from tui.screens.close import CloseMeeting


async def _summary(pilot) -> str:
    await pilot.press("c")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CloseMeeting)
    return str(dialog.query_one("#close-summary Static", Static).render())


async def test_a_first_meeting_says_every_status_is_new(tmp_path: Path) -> None:
    from tui.app import make_app

    with Store.open(tmp_path / "steerco.db") as store:  # statuses recorded before any meeting
        store.record_update("ni15", "7.1", "A", "Reported.", "Performance officer", "command-line")
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=ni15_folder(tmp_path), clock=Clock(),
                   plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        assert walk.item.ref == "7.1"
        await pilot.press("g")
        await pilot.pause()
        summary = await _summary(pilot)
        await pilot.press("y")
        await pilot.pause()
        meeting_id = walk.meeting.id
    lines = summary.splitlines()
    assert "Changed since last meeting — first meeting: every status is new" in lines
    assert not any(line.startswith("Changed since last meeting 1") for line in lines)
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.history("ni15", "7.1")[0].rag == "G"
        minutes = render_minutes(store, meeting_id)
    assert "Statuses agreed for 1 action: 1 Green. First meeting: every status is new." in minutes
    assert "Since the previous meeting" not in minutes


async def test_a_later_meeting_counts_changes_and_names_the_skipped_previous_minutes(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot, standing=True)
        previous = next(i for i in walk.meeting.agenda if i.kind == "previous_minutes")
        assert previous.ref == "1"
        await pilot.press("j")
        await pilot.press(*"7.3", "enter")
        await pilot.pause()
        assert walk.item.ref == "7.3"
        await pilot.press("g")  # 7.3 was Red
        await pilot.pause()
        summary = await _summary(pilot)
    lines = summary.splitlines()
    assert any(line.startswith("Changed since last meeting 1: 7.3 ● R → ✓ G") for line in lines), summary
    skipped = " ".join(line for line in summary.split("Items skipped", 1)[1].split("\n"))
    assert previous.title in skipped and "Minutes of the meeting held on" in skipped
    assert ", 1," not in skipped and not skipped.rstrip().endswith(", 1")
