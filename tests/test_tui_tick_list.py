"""Ticked and unticked names differ by glyph, not by colour alone."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.widgets.tick_list import TICKED, UNTICKED, TickList


class _Ticks(App[None]):
    def compose(self) -> ComposeResult:
        yield TickList[str](("Ann Officer", "ann", True), ("Bob Chair", "bob"))


async def test_tick_glyph_shows_the_state() -> None:
    app = _Ticks()
    async with app.run_test(size=(40, 6)) as pilot:
        ticks = app.query_one(TickList)
        lines = [ticks.render_line(y).text for y in range(2)]
        assert lines[0].startswith(f"▐{TICKED}▌") and "Ann Officer" in lines[0]
        assert lines[1].startswith(f"▐{UNTICKED}▌") and "Bob Chair" in lines[1]
        ticks.focus()
        ticks.highlighted = 1
        await pilot.press("space")
        assert ticks.render_line(1).text.startswith(f"▐{TICKED}▌")
        assert ticks.selected == ["ann", "bob"]
