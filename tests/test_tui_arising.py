"""The action-arising dialog and carrying one forward, driven by keys only; then the store read.

On NI 15 with `seed_history` (meeting 1 gave M1/1 to Ch. Insp Adrian Roberts, due 10 June 2010),
a new meeting on 15 June 2010 is started from the setup screen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from storage.service.service import Service
from storage.store.store import Store
from tests.test_tui_support import TODAY, run_steerco, seeded_app, started_walkthrough, to_matter_arising, type_text
from tui.screens.arising import BAD_DUE, ArisingPrompt, CarryForwardPrompt
from tui.screens.modals import Confirm


def arising(db: Path, meeting_id: int | None = None):
    with Store.open(db) as store:
        return [a for a in store.actions_arising("ni15") if meeting_id is None or a.meeting_id == meeting_id]


async def open_dialog(pilot, what: str = "Map late night venues") -> ArisingPrompt:
    await pilot.press("x")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ArisingPrompt)
    await type_text(pilot, what)
    await pilot.press("tab")
    assert dialog.focused is not None and dialog.focused.id == "owner"
    return dialog


def shown(dialog, selector: str) -> str:
    return str(dialog.query_one(selector, Static).render())


async def test_typing_narrows_the_roster_and_enter_picks_the_first_match(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        dialog = await open_dialog(pilot)
        owners = dialog.query_one("#owners", OptionList)
        assert owners.display and owners.highlighted is None  # the whole roster, nothing picked yet
        await type_text(pilot, "Adrian")
        assert owners.option_count == 1 and owners.highlighted == 0
        assert str(owners.get_option_at_index(0).prompt) == "Ch. Insp Adrian Roberts, Staffordshire Police"
        await pilot.press("enter")
        assert dialog.query_one("#owner", Input).value == "Ch. Insp Adrian Roberts, Staffordshire Police"
        assert dialog.focused is not None and dialog.focused.id == "owner"  # picking does not move focus
        assert shown(dialog, "#owner-note").startswith("✓ ")
        await pilot.press("tab")
        assert dialog.focused is not None and dialog.focused.id == "due"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is walk
    (added,) = arising(tmp_path / "steerco.db", walk.meeting.id)
    assert (added.text, added.owner, added.due) == ("Map late night venues", "Ch. Insp Adrian Roberts",
                                                    date(2010, 7, 16))


async def test_organisations_and_groups_are_owners_and_arrows_move_the_highlight(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        dialog = await open_dialog(pilot, "Brief the police authority")
        owners = dialog.query_one("#owners", OptionList)
        await type_text(pilot, "staffordshire police")
        labels = [str(owners.get_option_at_index(i).prompt) for i in range(owners.option_count)]
        assert labels[:3] == ["Staffordshire Police (organisation)", "Staffordshire Police Authority (organisation)",
                              "ACC Michael Harrison, Staffordshire Police"]  # names first, then their people
        await pilot.press("down", "enter", "tab", "ctrl+s")
        await pilot.pause()
        dialog = await open_dialog(pilot, "Agree the comms plan")
        await type_text(pilot, "strategy")
        await pilot.press("enter", "enter")  # the second enter moves on to the due date
        assert dialog.focused is not None and dialog.focused.id == "due"
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = await open_dialog(pilot, "Collect the district returns")
        await type_text(pilot, "cdrps")  # an organisation's name in full: picked, and highlighted above its people
        owners = dialog.query_one("#owners", OptionList)
        assert shown(dialog, "#owner-note").startswith("✓ ") and owners.display and owners.highlighted == 0
        await pilot.press("enter")  # the highlighted one is the one picked: enter moves on
        assert dialog.focused is not None and dialog.focused.id == "due"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is walk
    assert [(a.text, a.owner) for a in arising(tmp_path / "steerco.db", walk.meeting.id)] == [
        ("Brief the police authority", "Staffordshire Police Authority"), ("Agree the comms plan", "Strategy Group"),
        ("Collect the district returns", "CDRPs")]


async def test_an_owner_not_on_the_roster_is_recorded_only_when_confirmed(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        dialog = await open_dialog(pilot)
        await type_text(pilot, "Adrian")  # a fragment, never picked
        await pilot.press("tab", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Adrian is not in the plan's roster. Record as typed?"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is dialog and dialog.focused is not None and dialog.focused.id == "owner"
        assert arising(tmp_path / "steerco.db", walk.meeting.id) == []
        await pilot.press("ctrl+u")
        await type_text(pilot, "Adrian Smith")
        assert shown(dialog, "#owner-note").startswith("? Not on the roster")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Adrian Smith is not in the plan's roster. Record as typed?"
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is walk
    (added,) = arising(tmp_path / "steerco.db", walk.meeting.id)
    assert added.owner == "Adrian Smith"


async def test_tab_goes_round_the_fields_and_never_selects_their_text(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        dialog = await open_dialog(pilot, "Map venues")
        await type_text(pilot, "Sue")
        await pilot.press("enter")
        order = []
        for _ in range(4):
            await pilot.press("tab")
            order.append(dialog.focused.id if dialog.focused else None)
        assert order == ["due", "save", "text", "owner"]
        assert shown(dialog, "#owner-label").startswith("▶ ") and shown(dialog, "#text-label").startswith("  ")
        await pilot.press("tab", "tab", "tab")  # due, save, and round to What
        assert dialog.focused is not None and dialog.focused.id == "text"
        await type_text(pilot, " now")  # adds to the text; nothing was selected to be replaced
        await pilot.press("tab", "tab")
        assert dialog.focused is not None and dialog.focused.id == "due"
        await pilot.press("ctrl+u")
        await type_text(pilot, "12 January 2011")
        assert shown(dialog, "#due-note") == "Wednesday 12 January 2011"
        await pilot.press("enter")  # enter in the due field saves
        await pilot.pause()
        assert app.screen is walk
    (added,) = arising(tmp_path / "steerco.db", walk.meeting.id)
    assert (added.text, added.owner, added.due) == ("Map venues now", "Sue Price", date(2011, 1, 12))


async def test_a_bad_due_date_is_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        dialog = await open_dialog(pilot)
        await type_text(pilot, "Sue")
        await pilot.press("enter", "tab", "ctrl+u")
        for bad in ("2011-02-30", "quarterly", "soon"):
            await type_text(pilot, bad)
            assert shown(dialog, "#due-note").startswith("✗ ")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is dialog
            assert shown(dialog, "#problem") == f"Not saved: {BAD_DUE}"
            await pilot.press("ctrl+u")
        assert arising(tmp_path / "steerco.db", walk.meeting.id) == []
        await type_text(pilot, "28/02/2011")
        assert shown(dialog, "#due-note") == "Monday 28 February 2011"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is walk
    (added,) = arising(tmp_path / "steerco.db", walk.meeting.id)
    assert added.due == date(2011, 2, 28)


async def test_carrying_forward_asks_for_the_new_due_date(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_matter_arising(pilot, walk)
        await pilot.press("k")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, CarryForwardPrompt)
        due = prompt.query_one("#due", Input)
        assert due.value == "2010-07-16"  # a cycle (31 days) after this meeting, later than the old due
        assert shown(prompt, "#due-note") == "Friday 16 July 2010"
        await pilot.press("escape")  # cancelled: nothing recorded
        await pilot.pause()
        assert [a.status for a in arising(tmp_path / "steerco.db")] == ["open"]
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "2010-13-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CarryForwardPrompt)  # refused
        await pilot.press("ctrl+u")
        await type_text(pilot, "2010-07-20")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is walk
    (carried,) = arising(tmp_path / "steerco.db")
    assert (carried.status, carried.due) == ("carried forward", date(2010, 7, 20))
    with Store.open(tmp_path / "steerco.db") as store:
        (correction,) = store.corrections(walk.meeting.id)  # the new due date, a correction by this meeting
        assert (correction["kind"], correction["target_id"], correction["due"]) == ("arising", carried.id, "2010-07-20")
        assert (correction["text"], correction["owner"]) == (carried.text, carried.owner)
    with Service.open(tmp_path / "steerco.db", tmp_path / "plans", today=TODAY) as service:
        this, first = service.minutes(walk.meeting.id), service.minutes(carried.meeting_id)
    row = "| M1/1 | Circulate the hot-spot premises list to licensing | Ch. Insp Adrian Roberts | {} |"
    assert row.format("20 Jul 2010") in this and row.format("10 Jun 2010") in first
    log = run_steerco(tmp_path / "plans", "actions", "ni15")
    assert "| 20 Jul 2010 | Carried forward" in log and "10 Jun 2010" not in log, log
