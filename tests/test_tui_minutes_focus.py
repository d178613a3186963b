"""The minutes preview opens with the text focused (FIX17, issue 17 try: it opened on the Format
list, so pgdn and ↓ did not scroll); tab reaches the Format list, f opens it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import MarkdownViewer, Select

from tests.test_tui_support import minutes_preview, seeded_app
from tui.screens.minutes import MinutesScreen


async def test_the_text_has_focus_and_pgdn_scrolls_it(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(80, 24)) as pilot:
        await minutes_preview(pilot)
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
