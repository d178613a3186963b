"""A pick list (tui/screens/modals.Choice: the jump list, the status correction, the dashboard's owner and
theme) takes a filter, arrows and enter typed in one burst as typed: enter picks from the list the keys
before it narrowed, and the keys behind it go to the screen the pick leads to. Before, enter ran as its key
came back from the filter box, after the keys behind it: 'j 7.3 enter g' left the jump list open with
'7.3g' in its filter and recorded nothing."""

from __future__ import annotations

from pathlib import Path

from storage.store.store import Store
from tests.test_tui_typed_ahead import app_on, burst, typed, walkthrough
from tui.screens.amend import AmendRecord
from tui.screens.modals import Choice


def statuses(db: Path) -> list[tuple[str, str]]:
    with Store.open(db) as store:
        (meeting,) = store.meetings("ni15")
        return [(u.action_id, u.rag) for u in store.meeting_updates(meeting.id)]


async def test_a_jump_typed_with_the_status_behind_it_rates_the_item_jumped_to(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        walk = await walkthrough(pilot)
        assert walk.item.ref == "7.1"
        await burst(pilot, "j", *typed("7.3"), "enter", "g")
        assert pilot.app.screen is walk and walk.item.ref == "7.3"
    assert statuses(tmp_path / "steerco.db") == [("7.3", "G")]


async def test_an_arrow_typed_behind_the_filter_moves_in_the_narrowed_list(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        walk = await walkthrough(pilot)
        await pilot.press("j")
        dialog = pilot.app.screen
        assert isinstance(dialog, Choice)
        matches = [key for key, text in dialog.choices if "7." in text.lower()]
        await pilot.press("escape")
        await burst(pilot, "j", *typed("7."), "down", "enter", "a")
        assert pilot.app.screen is walk
        assert walk.position == int(matches[1])  # the second match of '7.', not the second item of the agenda
    assert statuses(tmp_path / "steerco.db") == [(walk.item.ref, "A")]


async def test_a_status_correction_typed_in_one_burst_is_stored(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        walk = await walkthrough(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AmendRecord)
        await pilot.press("enter")  # the status: recorded again from the scale
        await pilot.pause()
        assert isinstance(pilot.app.screen, Choice)
        await burst(pilot, *typed("green"), "enter", "right")
        assert pilot.app.screen is walk and walk.item.ref == "7.2"  # the right behind enter moved on
    assert statuses(tmp_path / "steerco.db") == [("7.1", "R"), ("7.1", "G")]
