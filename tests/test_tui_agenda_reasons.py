"""By exception, explained: the setup states the rule, "not yet rated" is its own switch, and the
agenda preview says why each action is on it. Keys pressed in the setup, the agenda read from the store."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select, Static

from storage.store.store import Store
from tests.test_tui_support import seeded_app
from tui.screens.agenda_preview import AgendaPreview
from tui.screens.walkthrough import WalkthroughScreen


async def _by_exception(pilot) -> None:
    setup = pilot.app.screen
    setup.query_one("#mode", Select).focus()
    await pilot.press("enter", "down", "enter")
    await pilot.pause()
    assert setup.query_one("#mode", Select).value == "exception"


def _agenda_actions(db: Path) -> list[str]:
    with Store.open(db) as store:
        meeting = store.meetings("ni15")[0]
        assert meeting.agenda_mode == "exception"
        return [i.ref or "" for i in meeting.agenda if i.kind == "action"]


async def test_unrated_actions_stay_off_by_exception_and_the_preview_says_why(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        setup = app.screen
        assert not setup.query_one("#setup-exception").display  # all actions: no rule to state
        await _by_exception(pilot)
        rule = str(setup.query_one("#setup-rule", Static).render())
        assert "Red or Amber, overdue, changed since the last meeting, or an officer's update waits" in rule
        assert "not yet rated, only if ticked" in rule
        assert "▐ ▌ Include actions not yet rated" in str(setup.query_one("#unrated").render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, AgendaPreview)
        shown = preview.query(Static).results()
        text = "\n".join(str(s.render()) for s in shown if s.classes & {"preview-item", "preview-why"})
        assert "Action 7.5 " in text and "↳ Amber; overdue (due 31 May 2010); changed since the last meeting" in text
        assert "↳ Red; changed since the last meeting; an officer's update waits" in text  # 7.3
        assert "Action 7.6 " not in text and "Action 7.9 " not in text  # never rated, not asked for
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is setup
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
    assert _agenda_actions(tmp_path / "steerco.db") == ["7.1", "7.2", "7.3", "7.4", "7.5", "7.7"]


async def test_the_switch_brings_the_unrated_actions_with_their_reason(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        setup = app.screen
        await _by_exception(pilot)
        setup.query_one("#unrated").focus()
        await pilot.press("space")
        await pilot.pause()
        assert "▐✓▌ Include actions not yet rated" in str(setup.query_one("#unrated").render())
        assert "8 actions" in str(setup.query_one("#setup-agenda", Static).render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, AgendaPreview)
        text = "\n".join(str(s.render()) for s in preview.query(Static).results())
        assert "with actions not yet rated" in text
        assert text.count("↳ Not yet rated") == 2  # 7.6 and 7.9
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
    assert _agenda_actions(tmp_path / "steerco.db") == ["7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.9"]
