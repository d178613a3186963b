"""Stored text with escape sequences or bidirectional overrides is drawn as visible escapes in
the app (an old store, or a note typed at the command line, may hold them): never raw, where it
would clear the screen, retitle the terminal or reorder what follows."""

from __future__ import annotations

from pathlib import Path

from storage.store.store import Store
from tests.test_tui_support import home_settled, seeded_app
from tui.screens.action import ActionScreen

HOSTILE = "\x1b[31mRED\x1b[0m and \x1b]0;PWNED\x07 title \u202eevil"


def _screen_text(app) -> str:
    return app.export_screenshot()


async def test_a_hostile_note_is_drawn_as_escapes_in_the_action_detail(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15")
    with Store.open(tmp_path / "steerco.db") as store:
        store.record_update("ni15", "7.1", "G", HOSTILE, "\x1b[2Jclear", "command-line")
    async with app.run_test(size=(160, 40)) as pilot:
        await home_settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionScreen) and app.screen.action_id == "7.1"
        shown = _screen_text(app)
        assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
        assert "\\x1b[31mRED" in shown and "\\u202eevil" in shown and "\\x1b[2Jclear" in shown


def test_the_command_line_refuses_a_note_with_control_characters(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from steerco.cli import main

    db = tmp_path / "s.db"
    for note in ("\x1b[31mRED", "abc\u202edcba", "bell\x07"):
        for args in (["record", "ni15", "7.3", "--rag", "G"], ["rate-risk", "ni15", "SSC15-1", "--impact", "3",
                                                               "--likelihood", "3"]):
            result = CliRunner().invoke(main, ["--db", str(db), *args, "--by", "harrison", "--note", note])
            assert result.exit_code == 2 and "a note may hold no control characters" in result.output
    assert not db.exists()
    ok = CliRunner().invoke(main, ["--db", str(db), "record", "ni15", "7.3", "--rag", "G", "--by", "harrison",
                                   "--note", "two\nlines\tand a tab"])
    assert ok.exit_code == 0, ok.output
