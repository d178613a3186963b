"""The settings file in the app: the keymap (a remapped key works, its old key no longer does,
the footer, help screen and palette show the new key), a bad file (one notification naming
file:line, the defaults), the theme, and the minutes folder. Keys only; the store and the
written files are read afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.message import Message
from textual.notifications import Notify
from textual.widgets import OptionList
from textual.widgets._footer import FooterKey

from steerco.settings import read
from storage.plan.load import load_plans
from storage.service.officer import OfficerService
from storage.store.store import Store
from storage.updates.ownership import owned_items
from tests.test_tui_support import ni15_folder, seeded_app, shown_in_palette, started_walkthrough
from tui.officer_app import make_officer_app
from tui.screens.modals import TextPrompt
from tui.screens.walkthrough import WalkthroughScreen


def settings_at(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read(path)


def told(seen: list[Message]) -> list[str]:
    return [str(m.notification.message) for m in seen if isinstance(m, Notify)]


def footer(app) -> dict[str, str]:
    return {key.key: str(key.description) for key in app.screen.query(FooterKey)}


async def test_a_remapped_key_works_and_shows(tmp_path: Path, no_settings_file: Path) -> None:
    """meeting-note on f6: n no longer opens the note, f6 does and the note is stored; the
    footer, help screen and palette name f6."""
    settings = settings_at(no_settings_file, '[keymap]\nmeeting-note = "f6"\n')
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await started_walkthrough(pilot)
        assert isinstance(walk, WalkthroughScreen)
        await pilot.pause()
        shown = footer(app)
        assert shown.get("f6") == "Note" and "n" not in shown, shown
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is walk  # the old key does nothing now
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen: Any = app.screen
        assert type(help_screen).__name__ == "HelpScreen", help_screen
        rows = {row.does: row.keys for section in help_screen.found for row in section.rows.values()}
        assert rows["Note"] == ["f6"], rows["Note"]
        await pilot.press("escape")
        await pilot.pause()
        assert any(hit.startswith("meeting: Write note  (f6)") for hit in await shown_in_palette(pilot, "note"))
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Remapped note", "ctrl+s")
        await pilot.pause()
        assert app.screen is walk
        meeting_id, position = walk.meeting.id, walk.position
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.notes(meeting_id) == {position: "Remapped note"}


async def test_an_unknown_binding_id_is_one_notification_and_the_defaults(tmp_path: Path,
                                                                          no_settings_file: Path) -> None:
    settings = settings_at(no_settings_file, 'theme = "nord"\n\n[keymap]\nmeeting-nxt = "space"\n'
                                             'meeting-note = "f6"\n')
    seen: list[Message] = []
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True, settings=settings)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        walk = await started_walkthrough(pilot)
        said = [t for t in told(seen) if "settings" in t or str(no_settings_file) in t]
        assert len(said) == 1, told(seen)
        assert said[0].startswith("…/config/settings.toml:4: unknown binding id 'meeting-nxt' (did you mean "
                                  "'meeting-next'?)"), said
        assert "(and" not in said[0]
        assert app.theme == "textual-dark"  # nothing of the file is used
        await pilot.press("n")  # the default key still writes a note
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is walk


async def test_a_file_that_is_not_toml_is_named_with_its_line(tmp_path: Path, no_settings_file: Path) -> None:
    settings = settings_at(no_settings_file, '# mine\nplans = "x"\ntheme = nord\n')
    seen: list[Message] = []
    app = seeded_app(tmp_path, settings=settings)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await pilot.pause()
        said = [t for t in told(seen) if "settings.toml" in t]
        assert len(said) == 1, told(seen)
        assert said[0].startswith("…/config/settings.toml:3: not valid TOML: Invalid value · "), said
        assert "steerco config check" in said[0]
        assert app.theme == "textual-dark"


async def test_the_theme_setting_picks_the_theme(tmp_path: Path, no_settings_file: Path) -> None:
    settings = settings_at(no_settings_file, 'theme = "textual-light"\n')
    seen: list[Message] = []
    app = seeded_app(tmp_path, settings=settings)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        assert app.current_theme.dark is False
        assert told(seen) == []


async def test_an_unknown_theme_is_named_and_the_default_kept(tmp_path: Path, no_settings_file: Path) -> None:
    settings = settings_at(no_settings_file, 'theme = "solarised-light"\n')
    seen: list[Message] = []
    app = seeded_app(tmp_path, settings=settings)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        said = told(seen)
        assert len(said) == 1 and said[0].startswith(
            "…/config/settings.toml:1: unknown theme 'solarised-light' (did you mean 'solarized-light'?)"), said


async def test_minutes_are_written_to_the_settings_folder(tmp_path: Path, no_settings_file: Path) -> None:
    """`minutes` (relative: to the settings file's folder) is where the minutes preview's w writes."""
    settings_at(no_settings_file, 'minutes = "board-minutes"\n')
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = list((no_settings_file.parent / "board-minutes").iterdir())
    assert len(written) == 1 and written[0].suffix == ".md", written


async def test_officer_mode_takes_the_keymap(tmp_path: Path, no_settings_file: Path) -> None:
    """The officer app reads the same keymap: officer-next on f7 moves to the next item; ctrl+n does not."""
    settings = settings_at(no_settings_file, '[keymap]\nofficer-next = "f7"\n')
    plans = [p.plan for p in load_plans(ni15_folder(tmp_path)) if p.plan]
    with Store.open(tmp_path / "steerco.db") as store:
        app = make_officer_app(service=OfficerService(store), items=owned_items(plans, "adrian-roberts"),
                               settings=settings)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert footer(app).get("f7") == "Next item" and "ctrl+n" not in footer(app), footer(app)
            options = app.screen.query_one("#items", OptionList)
            first = options.highlighted
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert options.highlighted == first
            await pilot.press("f7")
            await pilot.pause()
            assert options.highlighted != first


async def test_a_closed_meeting_names_the_remapped_key_only(tmp_path: Path, no_settings_file: Path) -> None:
    """On a closed meeting the remapped note key (f6) says why it records nothing; n, no longer
    bound, says nothing."""
    settings = settings_at(no_settings_file, '[keymap]\nmeeting-note = "f6"\n')
    seen: list[Message] = []
    app = seeded_app(tmp_path, plan="ni15", settings=settings)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await pilot.pause()
        await pilot.press("4", "w")  # the Meetings tab: the closed meeting of 12 May 2010
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen) and walk.meeting.closed
        await pilot.press("n")
        await pilot.pause()
        assert not [t for t in told(seen) if t.startswith("Note: not recorded.")]
        await pilot.press("f6")
        await pilot.pause()
        assert len([t for t in told(seen) if t.startswith("Note: not recorded.")]) == 1, told(seen)
        assert app.screen is walk


async def test_a_file_with_many_problems_is_one_small_notice_that_counts_them(tmp_path: Path,
                                                                            no_settings_file: Path) -> None:
    """80x24: one notification, at most 7 rows, 'settings file not used (4 problems)' (the count
    `steerco config check` gives: shape and binding ids), the first problem as file:line."""
    from textual.widgets._toast import Toast

    settings = settings_at(no_settings_file, 'theme = "nord"\nstore = 5\ncolour = "red"\n\n[keymap]\n'
                                             'meeting-status-r = ""\nno-such-binding = "x"\n')
    seen: list[Message] = []
    app = seeded_app(tmp_path, settings=settings)
    async with app.run_test(size=(80, 24), message_hook=seen.append, notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        notes = [m.notification for m in seen if isinstance(m, Notify)]
        assert len(notes) == 1, told(seen)
        assert notes[0].title == "settings file not used (4 problems)"
        assert notes[0].message == ("…/config/settings.toml:2: store must be a string (in quotes), not a number · "
                                    "`steerco config check` lists all 4")
        (toast,) = app.screen.query(Toast)
        assert toast.region.height <= 7, toast.region
        assert app.theme == "textual-dark"
