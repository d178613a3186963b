"""The action-arising dialog (walk-through x) with its keys typed in one burst (new-user try T8):
the keys after tab stay in the owner field, and enter and ctrl+s act on the owner as typed, so
'roberts' then one enter picks the roster person."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from storage.store.store import Store
from tests.test_tui_typed_ahead import app_on, burst, typed, walkthrough
from tui.screens.arising import ArisingPrompt
from tui.screens.modals import Confirm
from tui.screens.walkthrough import WalkthroughScreen

WHAT = "Report back on licensing forum"
ROBERTS = "Ch. Insp Adrian Roberts"  # the roster person 'roberts' matches, recorded by name


def owners(tmp_path: Path) -> list[tuple[str, str]]:
    with Store.open(tmp_path / "steerco.db") as store:
        return [(a.text, a.owner) for a in store.actions_arising("ni15")]


async def test_what_tab_and_a_fragment_in_one_burst_then_one_enter_picks(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        await walkthrough(pilot)
        await burst(pilot, "x", *typed(WHAT), "tab", *typed("roberts"))
        dialog = pilot.app.screen
        assert isinstance(dialog, ArisingPrompt)
        assert dialog.focused is not None and dialog.focused.id == "owner"
        listed = dialog.query_one("#owners", OptionList)
        assert listed.display and listed.option_count == 1  # the entry shows under '1 match on the roster'
        await burst(pilot, "enter")
        assert dialog.picked == "adrian-roberts"
        await burst(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, WalkthroughScreen)
    assert owners(tmp_path) == [(WHAT, ROBERTS)]


async def test_enter_typed_right_behind_the_fragment_picks_and_ctrl_s_saves(tmp_path: Path) -> None:
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        await walkthrough(pilot)
        await burst(pilot, "x", *typed(WHAT), "tab", *typed("roberts"), "enter", "ctrl+s")
        assert isinstance(pilot.app.screen, WalkthroughScreen)
    assert owners(tmp_path) == [(WHAT, ROBERTS)]


async def test_ctrl_s_on_a_fragment_asks_and_the_list_then_shows_its_match(tmp_path: Path) -> None:
    """A fragment left unpicked is never recorded silently, however fast: ctrl+s asks; 'n' goes back to
    the owner field, where the list shows the one match and enter picks it."""
    async with app_on(tmp_path).run_test(size=(80, 24)) as pilot:
        await walkthrough(pilot)
        await burst(pilot, "x", *typed(WHAT), "tab", *typed("roberts"), "ctrl+s")
        assert isinstance(pilot.app.screen, Confirm)
        assert pilot.app.screen.question == "roberts is not in the plan's roster. Record as typed?"
        await burst(pilot, "n")
        dialog = pilot.app.screen
        assert isinstance(dialog, ArisingPrompt) and dialog.focused is not None and dialog.focused.id == "owner"
        listed = dialog.query_one("#owners", OptionList)
        assert listed.display and listed.option_count == 1
        await burst(pilot, "enter", "ctrl+s")
        assert isinstance(pilot.app.screen, WalkthroughScreen)
    assert owners(tmp_path) == [(WHAT, ROBERTS)]
