"""Keys typed fast land where they were meant (a chair typing from memory in a hurry, tmux send-keys,
a paste): the key that opens a pick list, the search box or a dialog, the text typed right behind it and
the enter / ctrl+s that ends it, all handed to the app in one burst (tests/test_tui_typed_ahead.burst),
give what the same keys typed slowly give. Before, the keys behind `o`, `t`, `/` went to the dashboard's
table (`o adrian enter` left the owner list open with nothing typed in it; `/ 7.3 enter` chose the
Indicators tab with its `3` and opened an indicator), and in the walk-through the keys behind `u e`, a
declaration's `enter` and the carry-forward's `ctrl+u` came round after the text typed behind them.
Keys pressed, then the store or the screen's visible text read."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Static

from storage.store.store import Store
from tests.test_tui_dashboard_keys_ahead import app_on as dashboard_app
from tests.test_tui_dashboard_views import dashboard_loaded
from tests.test_tui_support import TODAY, Clock, ni15_folder, ni15_meeting_with_an_arising, started_walkthrough
from tests.test_tui_support import to_matter_arising as on_matter_arising
from tests.test_tui_typed_ahead import app_on, burst, typed, walkthrough

ADRIAN = "owner Ch. Insp Adrian Roberts · 2 of 9 actions"


def title(app) -> str:
    return str(app.screen.query_one("#dashboard-title", Static).render()).split("\n")[0]


async def test_the_owner_list_typed_in_one_burst_filters_as_typed_slowly(tmp_path: Path) -> None:
    app = dashboard_app(ni15_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("o", *typed("adrian"), "enter")  # slowly: each key once the one before is done
        await pilot.pause()
        slowly = title(app)
        await burst(pilot, "c", "o", *typed("adrian"), "enter")
        fast = title(app)
        await burst(pilot, "c", "o", *typed("harri"), "ctrl+u", *typed("adrian"), "enter")  # ctrl+u waits its turn
        cleared = title(app)
    assert ADRIAN in slowly, slowly
    assert fast == slowly == cleared, (fast, cleared)


async def test_the_theme_list_typed_in_one_burst_filters(tmp_path: Path) -> None:
    app = dashboard_app(ni15_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        await burst(pilot, "t", "7", "enter")
        assert "theme 7 · 9 of 9 actions" in title(app), title(app)


async def test_a_search_typed_in_one_burst_is_applied_and_the_keys_behind_it_reach_the_table(tmp_path: Path) -> None:
    from tui.screens.action import ActionScreen

    app = dashboard_app(ni15_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        dashboard = app.screen
        await burst(pilot, "slash", "7", ".", "3", "enter", "enter")  # the second enter opens the one found
        assert isinstance(app.screen, ActionScreen), app.screen
        assert app.screen.action_id == "7.3"
        await pilot.press("escape")
        await pilot.pause()
        assert "search “7.3” · 1 of 9 actions" in title(app), title(app)
        assert dashboard.query_one("#tabs").active == "actions"
        await burst(pilot, "c", "slash", "7", ".", "1", "escape", "o", *typed("adrian"), "enter")  # esc: not applied
        assert "search" not in title(app) and ADRIAN in title(app), title(app)


async def test_a_declaration_typed_in_one_burst_with_enter_between_the_fields_is_stored(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        walk = await walkthrough(pilot)
        await pilot.press("left")
        assert walk.item.kind == "declarations"
        await burst(pilot, "i", *typed("adams"), "enter", "enter", *typed("any other"), "down", "up", "enter",
                    "enter", *typed("Her son works for the provider."), "enter")
        assert pilot.app.screen is walk, pilot.app.screen
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        (declared,) = store.declarations(meeting.id)
    assert (declared.member, declared.item, declared.nature) == (
        "Cllr Ben Adams", "Any other business", "Her son works for the provider.")


async def test_a_new_due_date_typed_in_one_burst_carries_the_matter_forward(tmp_path: Path) -> None:
    from tui.app import make_app

    db = tmp_path / "steerco.db"
    ni15_meeting_with_an_arising(db, "Circulate the hot-spot premises list")
    app = make_app(db_path=db, plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY, plan="ni15",
                   start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await on_matter_arising(pilot, walk)
        await burst(pilot, "k", "ctrl+u", *typed("2010-07-20"), "enter", "right")  # right: on past it
        assert pilot.app.screen is walk, pilot.app.screen
        assert walk.item.ref != "M1/1"
    with Store.open(db) as store:
        (carried,) = store.actions_arising("ni15")
    assert (carried.status, carried.due.isoformat() if carried.due else None) == ("carried forward", "2010-07-20")


async def test_amending_a_note_and_a_decision_typed_in_one_burst_stores_the_text_as_typed(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        walk = await walkthrough(pilot)
        await burst(pilot, "n", *typed("Licensing forum met twic"), "ctrl+s")
        await burst(pilot, "d", *typed("Refer hot spots to the forum"), "ctrl+s")
        await burst(pilot, "u", "e", *typed("e, in May"), "ctrl+s")  # e: the note, highlighted first
        await burst(pilot, "u", "down", "enter", "enter", *typed(" in June"), "ctrl+s")  # the decision: enter, Edit
        assert pilot.app.screen is walk, pilot.app.screen
        meeting_id = walk.meeting.id
    with Store.open(tmp_path / "steerco.db") as store:
        notes = list(store.notes(meeting_id).values())
        decisions = [d.text for d in store.decisions(meeting_id)]
    assert notes == ["Licensing forum met twice, in May"], notes
    assert decisions == ["Refer hot spots to the forum in June"], decisions


async def test_the_amend_dialog_names_the_item_as_the_walk_through_does(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        walk = await walkthrough(pilot)
        await burst(pilot, "j", *typed("7.5"), "enter", "n", *typed("Analysis due"), "ctrl+s", "u")
        assert walk.item.ref == "7.5" and walk.position != 5
        shown = str(pilot.app.screen.query_one(".dialog-title", Label).render())
        top = str(walk.query_one("#wt-bar", Static).render())
    assert shown == "Amend the record of Action 7.5", shown
    assert "Action 7.5" in top, top
