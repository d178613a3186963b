"""Keys typed ahead of ctrl+s or tab (a fast typist, a paste, keys over a slow link) are saved
exactly as typed, in the field they were typed into (tui/typed_ahead.py)."""

from __future__ import annotations

from pathlib import Path

from textual.events import Key
from textual.widgets import Input, SelectionList

from storage.store.store import Store
from tests.test_tui_support import TODAY, Clock, ni15_folder
from tui.app import make_app
from tui.screens.setup import MeetingSetupScreen
from tui.screens.walkthrough import WalkthroughScreen

NOTE = "Chair thanked Sue Price for 3 years' service on the group."
NAMES = {" ": "space", ".": "full_stop", "'": "apostrophe", ",": "comma"}
CHARACTERS = {"tab": "\t", "shift+tab": None, "enter": "\r", "ctrl+s": "\x13"}


async def burst(pilot, *keys: str) -> None:
    """Every key handed to the app at once, as a terminal delivers keys that arrived together (pilot.press
    waits for the app to go idle after each key, which hides a key overtaking those typed before it)."""
    driver = pilot.app._driver
    for key in keys:
        driver.send_message(Key(NAMES.get(key, key), CHARACTERS.get(key, key if len(key) == 1 else None)))
    for _ in range(20):
        await pilot.pause(0.05)


def typed(text: str) -> list[str]:
    return list(text)


async def walkthrough(pilot, *, guests: str = "") -> WalkthroughScreen:
    """Start a meeting of NI 15 (guests typed ahead of ctrl+s), at its first item after the standing ones."""
    await pilot.pause()
    setup = pilot.app.screen
    assert isinstance(setup, MeetingSetupScreen)
    setup.query_one("#guests", Input).focus()
    await pilot.pause()
    await burst(pilot, *typed(guests), "ctrl+s")
    walk = pilot.app.screen
    assert isinstance(walk, WalkthroughScreen)
    await pilot.press("right", "right")
    return walk


def app_on(tmp_path: Path):
    return make_app(db_path=tmp_path / "steerco.db", plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY,
                    plan="ni15", start_meeting=True)


async def test_a_note_and_a_decision_typed_ahead_of_ctrl_s_are_saved_whole(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        walk = await walkthrough(pilot, guests="Jo Guest, Ann Other")
        await pilot.press("n")
        await burst(pilot, *typed(NOTE), "ctrl+s")
        await pilot.press("d")
        await burst(pilot, *typed("Refer hot spots to the forum."), "ctrl+s")
        assert walk.is_current
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        assert list(store.notes(meeting.id).values()) == [NOTE]
        assert [d.text for d in store.decisions(meeting.id)] == ["Refer hot spots to the forum."]
        assert [a.name for a in meeting.attendance if a.status == "guest"] == ["Jo Guest", "Ann Other"]


async def test_an_action_arising_typed_ahead_lands_field_by_field(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        await walkthrough(pilot)
        await pilot.press("x")
        await burst(pilot, *typed("Map late night venues"), "tab", *typed("Sue Price"), "ctrl+s")
    with Store.open(tmp_path / "steerco.db") as store:
        (arising,) = store.actions_arising("ni15")
    assert (arising.text, arising.owner) == ("Map late night venues", "Sue Price")


async def test_a_declaration_and_a_value_typed_ahead_are_saved_whole(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(120, 40)) as pilot:
        walk = await walkthrough(pilot)
        await pilot.press("left")  # declarations
        await pilot.press("i")
        await burst(pilot, *typed("Cllr Ben Adams"), "tab", *typed("Any other business"), "tab",
                    *typed("Her son works for the provider."), "ctrl+s")
        for _ in range(20):
            if walk.item.kind == "indicator":
                break
            await pilot.press("right")
        await pilot.press("v")
        await burst(pilot, "shift+tab", "ctrl+u", *typed("Yr 3 - 2010/11"), "tab", "0", ".", "7", "tab",
                    *typed("First quarter"), "ctrl+s")
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        (declared,) = store.declarations(meeting.id)
        (value,) = store.indicator_values("ni15")
    assert (declared.member, declared.item, declared.nature) == (
        "Cllr Ben Adams", "Any other business", "Her son works for the provider.")
    assert (value.period, value.value, value.note) == ("Yr 3 - 2010/11", 0.7, "First quarter")


async def test_fast_ticks_in_the_setup_tick_each_name_and_leave_the_other_list_where_it_was(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        setup = pilot.app.screen
        present, apologies = (setup.query_one(f"#{key}", SelectionList) for key in ("present", "apologies"))
        before = apologies.scroll_offset.y
        held_on = setup.query_one("#held-on", Input).value
        await burst(pilot, "tab", "tab", "tab", "space", "down", "space")
        assert pilot.app.focused is present
        assert setup.query_one("#held-on", Input).value == held_on  # R2 try: the spaces went into the date
        assert set(present.selected) == {"michael-harrison", "adrian-roberts", "ben-adams"}
        await burst(pilot, "down", "space", "down", "down", "space")  # unticks Cllr Ben Adams, ticks Peter Dartford
        assert set(present.selected) == {"michael-harrison", "adrian-roberts", "peter-dartford"}
        assert apologies.scroll_offset.y == before
        assert apologies.highlighted == 3  # off the two greyed (ticked in Present) onto Helen Riley, not further
        await burst(pilot, "ctrl+s")
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
    assert [a.name for a in meeting.present] == [
        "Cllr Ben Adams", "ACC Michael Harrison", "Ch. Insp Adrian Roberts", "Peter Dartford"]


async def test_text_typed_right_behind_the_key_that_opens_its_dialog_lands_in_it(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        walk = await walkthrough(pilot)
        assert walk.item.kind == "action"  # where g, r, a and b would record a status
        await burst(pilot, "n", *typed("great work, a big rise"), "ctrl+s")
        await burst(pilot, "d", *typed("Agreed: bring forward"), "ctrl+s")
        await burst(pilot, "x", *typed("Brief the board"), "tab", *typed("Sue Price"), "ctrl+s")
        assert walk.is_current
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        assert list(store.notes(meeting.id).values()) == ["great work, a big rise"]
        assert [d.text for d in store.decisions(meeting.id)] == ["Agreed: bring forward"]
        assert [(a.text, a.owner) for a in store.actions_arising("ni15")] == [("Brief the board", "Sue Price")]
        assert not store.current_statuses("ni15")


async def test_a_key_typed_right_before_one_that_opens_a_dialog_takes_effect_first(tmp_path: Path) -> None:
    """R2 try: '→ n …', 'a d …' typed together lost the move and the status (the n, d priority
    bindings overtook the keys before them): the note went on the item before, the status was not
    recorded. Every walk-through key now runs in the order typed."""
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        walk = await walkthrough(pilot)
        first = walk.position
        await burst(pilot, "right", "n", *typed("note for the second action"), "ctrl+s")
        assert walk.position == first + 1
        await burst(pilot, "a", "d", *typed("decision after amber"), "ctrl+s")
        await burst(pilot, "right", "g", "right", "n", *typed("note for the fourth"), "ctrl+s")
        assert walk.position == first + 3 and walk.is_current
        meeting_id = walk.meeting.id
        kinds = [(i.kind, i.ref) for i in walk.meeting.agenda[first - 1:first + 3]]
    with Store.open(tmp_path / "steerco.db") as store:
        notes = store.notes(meeting_id)
        assert notes == {first + 1: "note for the second action", first + 3: "note for the fourth"}, notes
        assert [(d.position, d.text) for d in store.decisions(meeting_id)] == [(first + 1, "decision after amber")]
        statuses = store.current_statuses("ni15")
        assert sorted(u.rag for u in statuses.values()) == ["A", "G"], (statuses, kinds)
