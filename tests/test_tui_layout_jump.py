"""The walk-through's jump list (`j`) uses the width there is: at 120 columns a title is cut only
where the list ends (not at about 30 characters), at 80 each line ends in … at the list's edge;
the previous minutes' row says whether they are approved ('✎ Draft', then '✓ Approved' once `t`
agreed them). A new user's layout try (session 9, item 3)."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui_layout_support import screen_lines
from tests.test_tui_support import seeded_app, started_walkthrough


def _row(lines: list[str], what: str) -> str:
    return next(line for line in lines if what in line)


async def test_the_jump_list_uses_the_width_and_marks_the_previous_minutes(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await started_walkthrough(pilot, standing=True)
        await pilot.press("j")
        await pilot.pause()
        lines = screen_lines(app)
        action = _row(lines, "Action 7.2 — ")
        assert "Action 7.2 — Target those neighbourhood areas across the county where" in action, action
        assert "Action 7.3 — Focus on young people under 18 " in _row(lines, "Action 7.3 — ")  # not cut
        assert "· not yet ✎ Draft    Previous minutes 1 — Minutes of the meeting held on Wednesday 12 May 2010" in (
            _row(lines, "Previous minutes 1"))
        await pilot.press("escape", "right", "right")
        assert walk.item.kind == "previous_minutes"
        await pilot.press("t", "y")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert "✓ taken   ✓ Approved Previous minutes 1" in _row(screen_lines(app), "Previous minutes 1")


async def test_at_80_columns_each_line_is_cut_at_the_lists_edge(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await started_walkthrough(pilot, standing=True)
        await pilot.press("j")
        await pilot.pause()
        lines = screen_lines(app)
        action = _row(lines, "Action 7.2 — ")
        assert "Action 7.2 — Target those neighbourhoo…" in action, action  # 62 cells: 56 before
        assert action.rstrip(" ▎█").endswith("…") and len(action) <= 80
