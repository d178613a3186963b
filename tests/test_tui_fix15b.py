"""Fixes from a new user's try of issue 15 (FIX15B), driven by keys only; then the store or screen read.

On NI 15 with `seed_history`, a new meeting on 15 June 2010 is started from the setup screen.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from textual.widgets import OptionList, SelectionList

from storage.service.service import Service
from storage.store.store import Store
from tests.test_tui_amend import labels
from tests.test_tui_arising import arising, open_dialog, shown
from tests.test_tui_setup_close import app_on, plans_with, start
from tests.test_tui_support import Clock, seeded_app, started_walkthrough, to_matter_arising, type_text
from tui.screens.amend import AmendRecord
from tui.screens.arising import ArisingPrompt
from tui.screens.modals import Choice


async def test_a_due_date_may_carry_its_weekday_as_dates_are_shown(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        dialog = await open_dialog(pilot)
        await type_text(pilot, "Sue")
        await pilot.press("enter", "tab", "ctrl+u")
        await type_text(pilot, "Thursday 15 January 2011")
        assert shown(dialog, "#due-note") == "✗ 'Thursday 15 January 2011': 15 January 2011 is a Saturday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ArisingPrompt)
        assert arising(tmp_path / "steerco.db", walk.meeting.id) == []
        await pilot.press("ctrl+u")
        await type_text(pilot, "Friday 14 January 2011")
        assert shown(dialog, "#due-note") == "Friday 14 January 2011"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is walk
    (added,) = arising(tmp_path / "steerco.db", walk.meeting.id)
    assert added.due == date(2011, 1, 14)


async def declare(pilot) -> None:
    await pilot.press("i")
    await pilot.pause()
    await type_text(pilot, "ben")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")
    await type_text(pilot, "7.3")
    await pilot.press("enter", "enter")
    await type_text(pilot, "Governor of a school in the scheme")
    await pilot.press("enter")
    await pilot.pause()


async def test_a_withdrawn_declaration_leaves_the_item_at_once(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot, standing=True)
        await pilot.press("right")
        await pilot.pause()
        assert walk.item.kind == "declarations"
        await declare(pilot)
        assert app.screen is walk
        status = walk.query_one("#wt-status")
        assert str(status.render()).startswith("1 declared")
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, AmendRecord)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is walk
        assert str(status.render()).startswith("None declared yet"), str(status.render())
        assert "Cllr Ben Adams" not in str(walk.query_one("#wt-text").render())
        meeting_id = walk.meeting.id
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.declarations(meeting_id) == []


async def test_a_matter_arising_marked_done_by_mistake_is_reopened(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_matter_arising(pilot, walk)
        await pilot.press("o")  # done, by mistake
        await pilot.pause()
        assert [a.status for a in arising(tmp_path / "steerco.db")] == ["done"]
        await pilot.press("u")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AmendRecord)
        assert labels(dialog) == ["Marked done in this meeting — reopen or carry forward instead"]
        await pilot.press("enter")
        await pilot.pause()
        choice = app.screen
        assert isinstance(choice, Choice)
        options = choice.query_one(OptionList)
        assert str(options.get_option_at_index(0).prompt) == "Reopen (status open)"
        assert "Done" not in [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is walk
        assert "open" in str(walk.query_one("#wt-status").render()).lower()
        meeting_id = walk.meeting.id
    (reopened,) = arising(tmp_path / "steerco.db")
    assert reopened.status == "open"
    with Store.open(tmp_path / "steerco.db") as store:  # append-only: the mistake stays in the history
        rows = store.conn.execute("SELECT status FROM arising_status WHERE arising_id = ? AND meeting_id = ? "
                                  "ORDER BY id", [reopened.id, meeting_id]).fetchall()
    assert rows == [("done",), ("open",)]


async def test_correcting_a_status_starts_on_the_status_recorded(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        while walk.item.kind != "action":
            await pilot.press("right")
        await pilot.press("a")  # Amber
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, AmendRecord)
        await pilot.press("enter")
        await pilot.pause()
        choice = app.screen
        assert isinstance(choice, Choice)
        options = choice.query_one(OptionList)
        assert options.get_option_at_index(options.highlighted).id == "A"
        await pilot.press("enter")  # enter keeps it: still Amber
        await pilot.pause()
        assert app.screen is walk


def _lines(widget) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def test_only_the_focused_field_shows_its_marker(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        setup = app.screen
        present = setup.query_one("#present", SelectionList)
        apologies = setup.query_one("#apologies", SelectionList)
        assert str(setup.query_one("#held-on").border_title).startswith("▶ Date")
        await pilot.press("tab", "tab", "tab")  # Date → Chair → Agenda → Present
        await pilot.pause()
        assert app.focused is present
        assert str(present.border_title).startswith("▶ Present") and not str(apologies.border_title).startswith("▶")
        assert str(setup.query_one("#held-on").border_title) == "Date"
        assert "▶" in _lines(present) and "▶" not in _lines(apologies)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is apologies
        assert str(apologies.border_title).startswith("▶ Apologies") and not str(present.border_title).startswith("▶")
        assert "▶" in _lines(apologies) and "▶" not in _lines(present)


async def test_a_refused_start_puts_the_focus_on_the_chair_and_says_so(tmp_path: Path) -> None:
    app = app_on(tmp_path, drop_chairs=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        setup = app.screen
        await pilot.press("tab", "tab", "tab")  # in the Present list
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is setup and app.focused is not None and app.focused.id == "chair"
        assert str(setup.query_one("#chair").query_one("SelectCurrent").border_title) == "▶ Chair"
        assert not str(setup.query_one("#present").border_title).startswith("▶")


async def test_with_no_chair_named_the_last_meetings_chair_is_offered(tmp_path: Path) -> None:
    plans = plans_with(tmp_path, drop_chairs=True)
    with Service.open(tmp_path / "steerco.db", plans, clock=Clock(datetime(2010, 5, 12, 10, tzinfo=UTC)),
                      today=date(2010, 5, 12)) as service:
        assert service.default_chair("ni15") is None  # no meeting yet: asked for
        meeting = service.start_meeting("ni15", date(2010, 5, 12), "sue-price", [], [], [], "all")
        service.close_meeting(meeting)
        assert service.default_chair("ni15") == "sue-price"
    app = app_on(tmp_path, drop_chairs=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await start(pilot)  # no "Pick the chair": the last meeting's chair is offered
        meeting_id = walk.meeting.id
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.meeting(meeting_id).chair == "Sue Price"
