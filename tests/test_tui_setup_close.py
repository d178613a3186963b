"""Setting up, closing and abandoning a meeting from the keyboard, then the store (and minutes) read.

Keys only: each test presses keys on the app, then reads the store, the minutes or what a widget shows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList, Static

from storage.service.service import Service
from storage.store.opening import StoreError
from storage.store.store import Store
from tests.test_tui_support import NI15, TODAY, Clock, home_settled, run_steerco, seeded_app, shown_in_palette
from tui.app import make_app
from tui.screens.close import CloseMeeting
from tui.screens.dashboard import DashboardScreen
from tui.screens.modals import Confirm
from tui.screens.setup import MeetingSetupScreen
from tui.screens.walkthrough import WalkthroughScreen

DEC_1 = date(2026, 12, 1)  # a cycle of 31 days later is Friday 1 January 2027, New Year's Day


def plans_with(tmp: Path, extra: str = "", *, drop_chairs: bool = False) -> Path:
    """A plans folder with NI 15, `extra` YAML appended (e.g. a `meeting:` block)."""
    text = NI15.read_text(encoding="utf-8")
    if drop_chairs:
        text = text.replace('role: "Chair"', 'role: "Member"')
    folder = tmp / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ni15.yaml").write_text(text + extra, encoding="utf-8")
    return folder


def app_on(tmp: Path, extra: str = "", *, today: date = TODAY, drop_chairs: bool = False):
    at = datetime(today.year, today.month, today.day, 10, tzinfo=UTC)
    return make_app(db_path=tmp / "steerco.db", plans_dir=plans_with(tmp, extra, drop_chairs=drop_chairs),
                    clock=Clock(at), today=today, plan="ni15", start_meeting=True)


def greyed_in(names: SelectionList[str]) -> set[str]:
    """The names that cannot be ticked (ticked in the other list)."""
    return {names.get_option_at_index(i).value for i in range(names.option_count)
            if names.get_option_at_index(i).disabled}


def shown(widget: Static) -> str:
    return str(widget.render())


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", "-": "minus"}.get(ch, ch) for ch in text])


async def retype(pilot, text: str) -> None:
    """Replace the focused input's text."""
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, text)


async def start(pilot) -> WalkthroughScreen:
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    if isinstance(pilot.app.screen, Confirm):  # a warning asked about: start anyway
        await pilot.press("y")
        await pilot.pause()
    walk = pilot.app.screen
    assert isinstance(walk, WalkthroughScreen)
    return walk


async def note(pilot, text: str = "Discussed") -> None:
    await pilot.press("n")
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await pilot.pause()


def minutes(tmp: Path, meeting_id: int) -> str:
    with Service.open(tmp / "steerco.db", tmp / "plans") as service:
        return service.minutes(meeting_id)


# -- setup ----------------------------------------------------------------------------------


async def test_present_and_apologies_exclude_each_other(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, MeetingSetupScreen)
        present = setup.query_one("#present", SelectionList)
        apologies = setup.query_one("#apologies", SelectionList)
        await pilot.press("tab", "tab", "tab")  # Date → Chair → Agenda → Present
        assert app.focused is present
        await pilot.press("space")  # the first name, Michael Harrison
        assert set(present.selected) == {"michael-harrison", "ben-adams"}  # and the chair, ticked already
        await pilot.press("tab")
        assert app.focused is apologies
        assert greyed_in(apologies) == {"michael-harrison", "ben-adams"}
        assert apologies.highlighted is not None
        assert apologies.get_option_at_index(apologies.highlighted).value == "adrian-roberts"  # greyed names passed
        await pilot.press("space")
        assert set(apologies.selected) == {"adrian-roberts"}
        assert greyed_in(present) == {"adrian-roberts"}
        assert "Present: 2 ticked" in str(present.border_title)
        await pilot.press("shift+tab", "up", "up", "space")  # on Present again: nothing greyed can be ticked
        assert "adrian-roberts" not in present.selected
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        present_ids = {a.person_id for a in meeting.present}
        apologies_ids = {a.person_id for a in meeting.apologies}
        assert apologies_ids == {"adrian-roberts"} and not present_ids & apologies_ids
        assert {"michael-harrison", "ben-adams"} <= present_ids


async def test_the_plans_named_chair_is_offered(tmp_path: Path) -> None:
    app = app_on(tmp_path, "meeting:\n  chair: sue-price\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        assert meeting.chair == "Sue Price" and [a.name for a in meeting.present] == ["Sue Price"]


async def test_with_no_chair_named_the_setup_asks(tmp_path: Path) -> None:
    app = app_on(tmp_path, drop_chairs=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        setup = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is setup
        assert "Pick the chair" in shown(setup.query_one("#setup-problem", Static))
        assert app.focused is not None and app.focused.id == "chair"
        await pilot.press("enter", "down", "enter")  # open the list, the first name, pick it
        await pilot.pause()
        await start(pilot)
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        assert meeting.chair == "ACC Michael Harrison"


async def test_a_future_date_is_warned_and_asked(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        setup = app.screen
        await retype(pilot, "2010-07-01")
        assert "1 Jul 2010 is in the future (today is 15 Jun 2010)" in shown(setup.query_one("#setup-warning", Static))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # go back: nothing started
        await pilot.pause()
        assert app.screen is setup
        with Store.open(tmp_path / "steerco.db") as store:
            assert store.open_meeting("ni15") is None
        await start(pilot)  # ctrl+s, then y: start anyway
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.open_meeting("ni15").held_on == date(2010, 7, 1)  # type: ignore[union-attr]


async def test_a_second_meeting_on_the_same_date_is_warned(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)  # the history has a meeting of 12 May 2010
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        setup = app.screen
        await retype(pilot, "2010-05-12")
        warning = shown(setup.query_one("#setup-warning", Static))
        assert "A meeting of ni15 was held on 12 May 2010 already — start another?" in warning
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "12 May 2010 already" in shown(app.screen.query_one(".question", Static))
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
    with Store.open(tmp_path / "steerco.db") as store:
        assert [m.held_on for m in store.meetings("ni15")] == [date(2010, 5, 12)] * 2


@pytest.mark.parametrize(("quorum", "setup_line", "minuted"), [
    (3, "⚠ Present 1 of quorum 3 — not quorate", "The meeting was not quorate (1 present, quorum 3)."),
    (1, "✓ Present 1 of quorum 1 — quorate", "The meeting was quorate."),
])
async def test_the_quorum_is_warned_and_minuted(tmp_path: Path, quorum: int, setup_line: str, minuted: str) -> None:
    app = app_on(tmp_path, f"meeting:\n  quorum: {quorum}\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert setup_line in shown(app.screen.query_one("#setup-warning", Static))
        await pilot.press("end", "ctrl+u")  # no date: the quorum still shown, with the date's problem
        warning = shown(app.screen.query_one("#setup-warning", Static))
        assert "⚠ The date must be YYYY-MM-DD" in warning and setup_line in warning
        await type_text(pilot, TODAY.isoformat())
        walk = await start(pilot)
        await note(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert walk.meeting.closed
    text = minutes(tmp_path, walk.meeting.id)
    assert f"**Apologies:** none.\n\n{minuted}\n" in text


# -- closing --------------------------------------------------------------------------------


async def test_the_next_meeting_moves_off_a_bank_holiday(tmp_path: Path) -> None:
    app = app_on(tmp_path, today=DEC_1)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await start(pilot)
        await note(pilot)
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseMeeting)
        assert dialog.query_one("#next-meeting", Input).value == "Monday 4 January 2027"
        assert shown(dialog.query_one("#next-why", Static)) == (
            "1 Jan 2027 is New Year's Day: moved to Monday 4 January 2027")
        await pilot.press("y")
        await pilot.pause()
        assert walk.meeting.closed
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        assert meeting.closed and meeting.next_meeting == date(2027, 1, 4)
    assert "Date of next meeting\n\nMonday 4 January 2027.\n" in minutes(tmp_path, meeting.id)


async def test_the_chair_sets_the_next_meeting(tmp_path: Path) -> None:
    app = app_on(tmp_path, today=DEC_1)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await start(pilot)
        await note(pilot)
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert app.focused is dialog.query_one("#yes")
        await pilot.press("shift+tab")
        assert app.focused is dialog.query_one("#next-meeting", Input)
        await retype(pilot, "soon")
        await pilot.press("tab", "y")  # to the Close button: y refuses a date it cannot read
        await pilot.pause()
        assert app.screen is dialog and not walk.meeting.closed
        assert "✗" in shown(dialog.query_one("#next-why", Static))
        assert app.focused is dialog.query_one("#next-meeting", Input)
        await retype(pilot, "2027-01-12")
        assert shown(dialog.query_one("#next-why", Static)) == "✓ Tuesday 12 January 2027"
        await pilot.press("enter", "y")  # enter: to the Close button; y closes
        await pilot.pause()
        assert walk.meeting.closed
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        assert meeting.next_meeting == date(2027, 1, 12)
    assert "Date of next meeting\n\nTuesday 12 January 2027.\n" in minutes(tmp_path, meeting.id)


async def test_an_empty_meeting_is_offered_abandon(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await start(pilot)
        meeting_id = walk.meeting.id
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseMeeting)
        assert "Nothing was recorded at this meeting" in shown(dialog.query_one("#close-title", Static))
        assert dialog.query_one("#abandon").display
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.abandonment(meeting_id).reason == "nothing was recorded"  # type: ignore[union-attr]
        assert store.meetings("ni15") == [] and store.open_meeting("ni15") is None


async def test_an_empty_meeting_closes_on_a_second_yes(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await start(pilot)
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is dialog and not walk.meeting.closed
        assert "Close it with nothing recorded?" in shown(dialog.query_one("#close-title", Static))
        await pilot.press("y")
        await pilot.pause()
        assert walk.meeting.closed
    with Store.open(tmp_path / "steerco.db") as store:
        (meeting,) = store.meetings("ni15")
        assert meeting.closed and store.abandonment(meeting.id) is None


# -- abandoning -------------------------------------------------------------------------------


async def test_abandon_from_the_walkthrough(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await start(pilot)
        mistake = walk.meeting.id
        await note(pilot)  # something recorded: abandoning still marks it, and keeps the note
        assert any(hit.startswith("meeting: Abandon meeting") for hit in await shown_in_palette(pilot, "abandon"))
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        question = shown(app.screen.query_one(".question", Static))
        assert f"Abandon the meeting of ni15 on Tuesday 15 June 2010 (M{mistake})?" in question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("escape")  # to home
        await home_settled(pilot)
        detail = shown(app.screen.query_one("#plan-detail", Static))
        assert "the meeting of 2010-06-15 was abandoned (no minutes)" in detail
        assert "a meeting is open" not in detail
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.abandonment(mistake) is not None and store.notes(mistake)
        assert store.open_meeting("ni15") is None
        (kept,) = store.meetings("ni15")
        assert kept.held_on == date(2010, 5, 12) and store.last_meeting("ni15").id == kept.id  # type: ignore[union-attr]
    with pytest.raises(StoreError, match="was abandoned: it has no minutes"):
        minutes(tmp_path, mistake)
    latest = run_steerco(tmp_path / "plans", "minutes", "ni15")  # the latest is the meeting kept
    assert "minutes of the meeting of Wednesday 12 May 2010" in latest


async def test_abandon_from_the_resume_offer(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await start(pilot)
        mistake = walk.meeting.id
        await pilot.press("escape")  # leave: the meeting stays open
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("m")
        await pilot.pause()
        offer = app.screen
        assert isinstance(offer, Confirm) and "is still open" in shown(offer.query_one(".question", Static))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.screen.id == "abandon-confirm"
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("m")  # none open now: a new meeting is set up
        await pilot.pause()
        assert isinstance(app.screen, MeetingSetupScreen)
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.abandonment(mistake) is not None and store.open_meeting("ni15") is None
