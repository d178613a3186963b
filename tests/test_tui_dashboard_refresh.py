"""Values recorded from the command line while the dashboard is open show on its refresh (FIX17B,
issue 17 try, item 6). The dashboard refreshes its tabs when it is shown again (back from another
screen) and a side tab when it is chosen again; each now reads again when another connection has
written to the store since it was filled (Service.store_version, SQLite's data_version). Keys only;
the command line is `steerco indicator` / `steerco rate-risk` on the same store file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import DataTable

from tests.test_tui_dashboard_views import FIXTURES, app_on, dashboard_loaded
from tests.test_tui_support import fixture_plans
from tests.test_tui_support import run_steerco as run


def cells(table: DataTable[object], key: str) -> list[str]:
    return [str(c) for c in table.get_row(key)]


def joint_dashboard(tmp_path: Path) -> tuple[Path, Any]:
    """The joint plan's folder, one indicator value recorded from the command line, and the app
    opening on its dashboard."""
    folder = fixture_plans(tmp_path, FIXTURES / "joint_plan.yaml", "joint.yaml")
    run(folder, "indicator", "joint", "OFFICERS", "--period", "2024/25", "--value", "1230", "--by", "Bob Jones")
    return folder, app_on(folder, "joint")


async def on_indicators_tab(pilot: Any) -> None:
    """The dashboard loaded, then `3`: its Indicators tab."""
    await dashboard_loaded(pilot)
    await pilot.press("3")
    await pilot.pause()


async def test_a_value_recorded_from_the_cli_shows_when_the_tab_or_the_dashboard_comes_back(tmp_path: Path) -> None:
    folder, app = joint_dashboard(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_indicators_tab(pilot)
        table = app.screen.query_one("#indicators-table", DataTable)
        assert "1,200" not in cells(table, "KSI") and "—" in cells(table, "KSI")
        run(folder, "indicator", "joint", "KSI", "--period", "2024/25", "--value", "1200", "--by", "Insp Ann Smith")
        await pilot.press("1", "3")  # away and back to the tab
        await pilot.pause()
        assert "1,200" in cells(table, "KSI") and "✗ not met" in cells(table, "KSI")
        run(folder, "indicator", "joint", "KSI", "--period", "2024/25", "--value", "1150", "--by", "Insp Ann Smith")
        await pilot.press("down", "enter")  # KSI's detail, then back: the dashboard shown again
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "1,150" in cells(table, "KSI") and "✓ met" in cells(table, "KSI")


async def test_nothing_is_read_again_when_no_one_else_wrote(tmp_path: Path) -> None:
    _, app = joint_dashboard(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_indicators_tab(pilot)
        tab = app.screen.query_one("#indicators")
        read_at = tab.read_at
        fills = []
        tab.fill = lambda: fills.append(1)  # type: ignore[method-assign]  # count reads from here on
        await pilot.press("1", "3")
        await pilot.pause()
        assert fills == [] and tab.read_at == read_at
