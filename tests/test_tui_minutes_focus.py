"""The minutes preview opens with the text focused (FIX17, issue 17 try: it opened on the Format
list, so pgdn and ↓ did not scroll); tab reaches the Format list, f opens it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import MarkdownViewer, Select

from tests.test_tui_support import TODAY, Clock, ni15_folder, seed_history
from tui.app import make_app
from tui.screens.minutes import MinutesScreen


async def test_the_text_has_focus_and_pgdn_scrolls_it(tmp_path: Path) -> None:
    db = tmp_path / "steerco.db"
    seed_history(db)
    app = make_app(db_path=db, plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY, plan="ni15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", "p")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MinutesScreen)
        viewer = screen.query_one(MarkdownViewer)
        assert app.focused is not None and not isinstance(app.focused, Select)
        assert app.focused is viewer or viewer in app.focused.ancestors
        before = viewer.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert viewer.scroll_y > before
        await pilot.press("down")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, Select)
