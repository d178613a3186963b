"""The dashboard's title always shows how many actions the filters leave and 'c clears', at 80
columns with two filters too (the owner's name is cut first), and a table the filters empty says
so. A new user's layout try (session 9, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_tui_layout_home import NOW, _plans
from tests.test_tui_layout_support import screen_lines
from tests.test_tui_support import Clock, type_text


async def _filtered(tmp_path: Path, size: tuple[int, int]) -> list[str]:
    """'five' (NI 15 on X/D/N/P/C) filtered to status D Delayed (f f) and owner Adrian Roberts (o)."""
    from datetime import date

    from tui.app import make_app
    from tui.widgets.action_table import ActionTable

    plans = _plans(tmp_path)
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=plans, clock=Clock(NOW), today=date(2010, 6, 15),
                   plan="five")
    lines: list[str] = []
    async with app.run_test(size=size) as pilot:
        for _ in range(200):
            found = app.screen.query(ActionTable)
            if found and not found.first().loading and found.first().row_count:
                break
            await pilot.pause(0.02)
        await pilot.press("f", "f", "o")
        await type_text(pilot, "adrian")
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.02)
            lines = screen_lines(app)
            if "owner" in lines[1]:
                break
    return lines


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_count_and_c_clears_always_show_and_an_empty_table_says_why(tmp_path: Path,
                                                                             size: tuple[int, int]) -> None:
    lines = await _filtered(tmp_path, size)
    title = lines[1]
    assert title == {  # the plan's title cut first, then the owner's name; the count whole
        80: " NI 15 Serio… · status ● D Delayed · owner Ch. Ins… · 0 of 9 actions · c clears",
        120: " NI 15 Serious Violent Crime · status ● D Delayed · owner Ch. Insp Adrian Roberts · 0 of 9 actions · "
             "c clears"}[size[0]], title
    header = next(n for n, line in enumerate(lines) if line.startswith(" ID "))
    assert lines[header + 1] == " No actions match these filters (c clears)", lines  # the table says why
