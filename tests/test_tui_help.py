"""The help screen (`?`, F1) on every screen, the walk-through's footer at 80×24, the jump list's
marks, what was just saved scrolled into view, and a closed meeting that says why it records nothing.
Keys only; the store is read afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey

from storage.plan.load import load_plans
from storage.service.officer import OfficerService
from storage.store.store import Store
from storage.updates.ownership import owned_items
from tests.test_tui_support import ni15_folder, seeded_app, shown_in_palette, started_walkthrough
from tui.officer_app import make_officer_app
from tui.screens.help_screen import HelpScreen
from tui.screens.walkthrough import WalkthroughScreen
from tui.screens.walkthrough.jump import NOT_YET, TAKEN, WIDTH
from tui.screens.walkthrough.render import top_line


def keys_shown(help_screen: HelpScreen) -> dict[str, set[str]]:
    """Section title: the keys its rows list, as the help screen shows them."""
    return {s.title: {key for row in s.rows.values() for key in row.keys} for s in help_screen.found}


async def opened_help(pilot, key: str = "question_mark") -> HelpScreen:
    under = pilot.app.screen
    expected = {(active.binding.key, active.binding.description) for active in under.active_bindings.values()
                if not active.binding.system}
    await pilot.press(key)
    await pilot.pause()
    help_screen = pilot.app.screen
    assert isinstance(help_screen, HelpScreen), help_screen
    listed = {(key, row.does) for s in help_screen.found for row in s.rows.values() for key in row.keys}
    display = pilot.app.get_key_display
    missing = {(k, d) for k, d in expected if (display(Binding(k, "")), d) not in listed}
    assert not missing, missing  # every active key of the screen below, none forgotten
    return help_screen


async def closed_help(pilot, under) -> None:
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is under


async def test_help_on_home_dashboard_setup_and_walkthrough(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dashboard = app.screen
        shown = keys_shown(await opened_help(pilot))
        assert {"esc", "m", "/", "f", "o", "t", "c", "1", "2", "3", "4", "^q"} <= shown["Plan dashboard"], shown
        assert {"?", "f1", "^p"} <= shown["Everywhere"]
        await closed_help(pilot, dashboard)
        await pilot.press("escape")  # home
        await pilot.pause()
        home = app.screen
        shown = keys_shown(await opened_help(pilot, "f1"))
        assert {"o", "m", "f5"} <= shown["Plans"], shown
        await closed_help(pilot, home)
        await pilot.press("m")  # the meeting setup: a text box has focus, so F1 (not ?) opens the help
        await pilot.pause()
        setup = app.screen
        shown = keys_shown(await opened_help(pilot, "f1"))
        assert {"^s", "esc"} <= shown["Meeting setup"], shown
        assert any(title.startswith("In the ") for title in shown)  # the focused field's own keys
        await closed_help(pilot, setup)
        walk = await started_walkthrough(pilot)
        await pilot.press("j", *"Action 7.3", "enter")
        await pilot.pause()
        assert walk.item.ref == "7.3"
        help_screen = await opened_help(pilot)
        shown = keys_shown(help_screen)
        assert list(shown)[:3] == ["Status", "Move", "Walk-through"], list(shown)
        assert shown["Status"] == {"r", "a", "g", "b"} and shown["Move"] == {"←", "→"}
        assert {"p", "⏎", "j", "n", "d", "x", "c", "pgup", "pgdn", "esc", "^q"} <= shown["Walk-through"]
        rows = {row.does: row for s in help_screen.found for row in s.rows.values()}
        assert rows["Red"].more == "Record Red for this action now"
        await pilot.press("pagedown", "pagedown")  # it scrolls
        await pilot.pause()
        assert help_screen.query_one("#help-keys").scroll_y > 0
        await closed_help(pilot, walk)


async def test_help_in_officer_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plans = [p.plan for p in load_plans(ni15_folder(tmp_path)) if p.plan]
    with Store.open(tmp_path / "steerco.db") as store:
        app = make_officer_app(service=OfficerService(store), items=owned_items(plans, "adrian-roberts"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            officer = app.screen
            shown = keys_shown(await opened_help(pilot))
            assert {"^s", "esc", "^n"} <= shown["Officer updates"], shown
            assert {"^q", "?", "f1"} <= shown["Everywhere"]
            await closed_help(pilot, officer)


async def test_the_palette_offers_the_help_with_its_keys(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        shown = await shown_in_palette(pilot, "help")
        assert "help: Keys of this screen  (?, f1)\nEvery key of this screen (F1 also while typing)" in shown, shown
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"keys of this")  # run from the palette: the help of the walk-through under it
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.of == "Walk-through"
        await closed_help(pilot, walk)


def footer_keys(app) -> list[tuple[str, int]]:
    """(key, right edge) of each key the footer shows."""
    return [(key.key, key.region.right) for key in app.screen.query_one(Footer).query(FooterKey)]


async def test_the_walkthrough_footer_fits_80_columns_on_every_item(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        kinds: set[str] = set()
        for _ in walk.meeting.agenda:
            await pilot.pause()
            shown = footer_keys(app)
            assert shown and max(right for _, right in shown) <= 80, (walk.item.kind, shown)
            keys = {key for key, _ in shown}
            assert {"left", "right", "n", "d", "x", "c", "escape", "question_mark"} <= keys, (walk.item.kind, keys)
            own = {"action": {"r", "a", "g", "b"}, "risk": {"e"}, "indicator": {"v"},
                   "matters_arising": {"o", "k"}}.get(walk.item.kind, set())
            assert own <= keys, (walk.item.kind, keys)
            kinds.add(walk.item.kind)
            await pilot.press("right")
        assert {"action", "risk", "indicator", "matters_arising", "aob"} <= kinds


async def test_the_jump_list_marks_status_and_taken(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        while walk.item.ref != "7.3":  # every item up to 7.3 taken, the rest not yet
            await pilot.press("right")
            await pilot.pause()
        at = walk.position
        await pilot.press("r")
        await pilot.press("j")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(lines) == len(walk.meeting.agenda)
        assert all(len(line) <= WIDTH for line in lines)
        assert all(TAKEN in line for line in lines[:at]) and all(NOT_YET in line for line in lines[at:])
        here = lines[at - 1]
        assert "● R" in here and "Action 7.3 — Focus on young people under 18" in here, here  # cut on screen only
        first_arising = next(line for line in lines if "Matter arising" in line)
        assert "○ open" in first_arising
        assert "▲ A" in next(line for line in lines if "Action 7.5" in line)  # never set here: as it stands
        await pilot.press("escape")


async def test_what_was_just_saved_is_scrolled_into_view(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        while walk.item.ref != "7.3":  # its text is longer than the screen: the record lands below it
            await pilot.press("right")
        await pilot.pause()
        body, record = walk.query_one("#wt-body"), walk.query_one("#wt-meeting")
        assert not body.region.overlaps(record.region)
        await pilot.press("n", *"Licensing to report in March", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert body.region.contains_region(record.region) or body.region.overlaps(record.region)
        assert app.service.notes(walk.meeting)[walk.position] == "Licensing to report in March"
        await pilot.press("right", "left")  # back on it: from the top again
        await pilot.pause()
        assert body.scroll_y == 0


async def test_a_closed_meeting_says_read_only_and_why_a_key_records_nothing(tmp_path: Path) -> None:
    seen: list[Message] = []
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await pilot.pause()
        await pilot.press("4", "w")  # the Meetings tab: the closed meeting of 12 May 2010, read-only
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen) and walk.meeting.closed
        assert walk.sub_title == "ni15 meeting 12 May 2010 · closed — read-only"
        before = app.service.notes(walk.meeting), len(app.service.history("ni15", "7.1"))
        await pilot.press("n", "r", "d", "x")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)  # no dialog opened
        told = [m.notification.message for m in seen if isinstance(m, Notify)]
        assert len([t for t in told if "closed — read-only" in t]) == 4, told
        assert any(t.startswith("Note: not recorded.") for t in told)
        assert (app.service.notes(walk.meeting), len(app.service.history("ni15", "7.1"))) == before
        await pilot.press("question_mark")
        await pilot.pause()
        rows = {row.does: row for s in app.screen.found for row in s.rows.values()}
        assert not rows["Note"].enabled and rows["Prev"].enabled


def test_the_top_line_cuts_the_label_not_the_total() -> None:
    line = top_line(12, 101, "Indicator NI-15-SERIOUS-VIOLENT-CRIME-ADMISSIONS", "01:00/02:00", "1:02:03/4:59:00", 66)
    plain = line.replace("[b]", "").replace("[/b]", "")
    assert len(plain) == 66 and plain.endswith("· Σ 1:02:03/4:59:00"), plain
    assert "Item 12/101 Indicator NI-15-S… · ⏱ 01:00/02:00" in plain
    short = top_line(4, 16, "Action 7.3", "00:10/03:00", "05:00/47:00", 58)
    assert short == "Item [b]4/16[/b] Action 7.3 · ⏱ 00:10/03:00 · Σ 05:00/47:00"
