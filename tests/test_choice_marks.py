"""Every choice list marks what it would pick by a glyph as well as by colour (issue 14)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.screens.modals import Choice
from tui.widgets.marked_option_list import HIGHLIGHTED, NOT_HIGHLIGHTED, MarkedOptionList
from tui.widgets.tick_list import CURSOR, TICKED, UNTICKED, TickList


class _Ticks(App[None]):
    def compose(self) -> ComposeResult:
        yield TickList[str](("Ann Officer", "ann", True), ("Bob Chair", "bob"))


async def test_the_tick_lists_cursor_is_marked() -> None:
    app = _Ticks()
    async with app.run_test(size=(40, 6)) as pilot:
        ticks = app.query_one(TickList)
        ticks.focus()
        await pilot.press("down")
        lines = [ticks.render_line(y).text for y in range(2)]
    assert lines[0].startswith(f"▐{TICKED}▌ Ann Officer"), lines
    assert lines[1].startswith(f"▐{UNTICKED}▌{CURSOR}Bob Chair"), lines


class _Chooser(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.picked: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(Choice("Pick one", [("a", "Apples"), ("b", "Bananas"), ("c", "Cherries")]),
                         self.picked.append)


async def test_the_choice_dialog_marks_the_option_enter_picks() -> None:
    app = _Chooser()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        options = app.screen.query_one(MarkedOptionList)
        lines = [options.render_line(y).text.rstrip() for y in range(3)]
        await pilot.press("enter")
        await pilot.pause()
    assert lines == [f"{NOT_HIGHLIGHTED}Apples", f"{NOT_HIGHLIGHTED}Bananas", f"{HIGHLIGHTED}Cherries"], lines
    assert app.picked == ["c"]
