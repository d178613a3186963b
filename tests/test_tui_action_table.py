"""The dashboard's actions table (tui/widgets/action_table.py): keys, mouse, what it draws, filters."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui_support import home_settled, seeded_app
from tui.screens.action import ActionScreen
from tui.screens.dashboard import DashboardScreen
from tui.widgets.action_table import CURSOR_MARK, ActionTable

NI15_IDS = [f"7.{n}" for n in range(1, 10)]


def drawn(table: ActionTable) -> list[str]:
    """The table's lines as they are on screen, header first."""
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_keys_move_the_cursor_and_enter_opens_the_action(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(80, 12)) as pilot:  # 6 lines of rows under the header
        await home_settled(pilot)
        table = app.screen.query_one(ActionTable)
        assert table.has_focus and table.shown_ids == NI15_IDS
        assert table.row_count == 10 and table.cursor_row == 1 and table.cursor_action == "7.1"
        await pilot.press("down", "down")
        assert table.cursor_action == "7.3"
        await pilot.press("up", "up", "up")
        assert table.cursor_row == 0 and table.cursor_action is None  # the theme's heading
        await pilot.press("end")
        assert table.cursor_action == "7.9" and table.scroll_y > 0
        lines = drawn(table)
        assert lines[0].split() == ["ID", "Title", "Owner", "Due", "Status", "Trend", "Updated"]  # the header stays
        assert lines[-1].startswith(f"{CURSOR_MARK}7.9 ")
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("pagedown")
        assert table.cursor_row == table.size.height - 1
        await pilot.press("pageup")
        assert table.cursor_row == 0
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionScreen) and app.screen.action_id == "7.2"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and table.cursor_action == "7.2"


async def test_a_click_moves_the_cursor_and_a_second_opens(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(80, 24)) as pilot:
        await home_settled(pilot)
        table = app.screen.query_one(ActionTable)
        await pilot.click(ActionTable, offset=(10, 4))  # header, heading, 7.1, 7.2, 7.3
        assert table.cursor_action == "7.3"
        assert isinstance(app.screen, DashboardScreen)
        await pilot.click(ActionTable, offset=(10, 0))  # the header: nothing
        assert table.cursor_action == "7.3"
        await pilot.click(ActionTable, offset=(10, 4))
        await pilot.pause()
        assert isinstance(app.screen, ActionScreen) and app.screen.action_id == "7.3"


async def test_lines_are_cut_to_their_columns_and_the_cursor_is_marked(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(80, 24)) as pilot:
        await home_settled(pilot)
        table = app.screen.query_one(ActionTable)
        lines = drawn(table)
        assert lines[1].strip() == "7 Action Plan & Delivery…"
        # At 80 columns one blank between columns: the title gets them ("Target night time econom…" readable).
        assert lines[2].startswith(f"{CURSOR_MARK}7.1  Target night time econom… Ch. Insp Ad… Mar 2011   ▲ A    GAA")
        assert lines[3].startswith(" 7.2 ") and CURSOR_MARK not in lines[3]
        assert "May 2010 ⚠ ▲ A" in lines[6]  # status: symbol and letter, never colour alone
        assert all(len(line) == 80 for line in lines)


async def test_a_filter_shows_a_new_list_of_the_same_table(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(100, 30)) as pilot:
        await home_settled(pilot)
        table = app.screen.query_one(ActionTable)
        await pilot.press("f")  # red
        await pilot.pause()
        assert app.screen.query_one(ActionTable) is table
        assert table.shown_ids == ["7.3"] and table.cursor_action == "7.3"
        await pilot.press("c")
        await pilot.pause()
        assert table.shown_ids == NI15_IDS
        await pilot.press("slash", *"youth", "enter")
        await pilot.pause()
        assert table.shown_ids == [] and table.row_count == 0
        assert drawn(table)[1].strip() == "No actions match these filters (c clears)"  # says why it is empty
        await pilot.press("c", "slash", *"young", "enter")
        await pilot.pause()
        assert table.shown_ids == ["7.3"]


def test_the_columns_fit_the_screen_and_the_longest_id() -> None:
    from tui.screens.dashboard.actions_tab import columns, tight
    from tui.widgets.action_table import line_width

    for width, longest in ((80, 3), (120, 3), (120, 6), (80, 6), (160, 12)):
        shown = columns(width, longest)
        assert shown[0].key == "id" and shown[0].width == min(8, max(4, longest))
        assert line_width(shown, tight(width)) <= width - 1  # with the scrollbar's room
        assert line_width(shown, tight(width)) >= width - 3  # the title takes the rest
    # "Target night time econom…": 3 cells fewer than with a 'RAG' heading, for 'Status' (issue 12 try, item 4)
    assert next(c.width for c in columns(80) if c.key == "title") >= 25
