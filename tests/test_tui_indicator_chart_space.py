"""The dashboard's indicator chart uses the room it has, and an indicator with no value recorded
has no empty chart (FIX17B, issue 17 try, items 4 and 5): at 120x40 the chart was 11 rows under
20 empty ones; a chart with nothing to draw was an empty frame. Keys only, then the screen read."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.test_tui_dashboard_views import FIXTURES, app_on, dashboard_loaded, drawn
from tests.test_tui_support import fixture_plans
from tests.test_tui_support import run_steerco as run


@pytest.fixture
def one_valued(tmp_path: Path) -> Path:
    """The joint plan with a value for OFFICERS only: KSI has its baseline and a target, no value."""
    folder = fixture_plans(tmp_path, FIXTURES / "joint_plan.yaml", "joint.yaml")
    run(folder, "indicator", "joint", "OFFICERS", "--period", "2024/25", "--value", "1230", "--by", "Bob Jones")
    return folder


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_chart_takes_the_height_the_table_leaves(one_valued: Path, size: tuple[int, int]) -> None:
    from tui.widgets.indicator_chart import IndicatorChart

    app = app_on(one_valued, "joint")
    async with app.run_test(size=size) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#indicators-table", DataTable)
        chart = app.screen.query_one(IndicatorChart)
        plot = chart.query_one(".chart-plot")
        assert table.region.height == table.row_count + 1  # its header and rows, nothing empty under them
        assert chart.region.y == table.region.bottom and chart.region.bottom == size[1] - 1  # down to the footer
        assert plot.region.height >= (25 if size == (120, 40) else 10)
        assert "2024/25" in "\n".join(drawn(plot))


async def test_an_indicator_with_no_values_says_so_and_draws_no_chart(one_valued: Path) -> None:
    from tui.widgets.indicator_chart import IndicatorChart

    app = app_on(one_valued, "joint")
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("3", "down")  # KSI
        await pilot.pause()
        chart = app.screen.query_one(IndicatorChart)
        numbers = " ".join(" ".join(drawn(chart.query_one(".chart-numbers"))).split())
        assert numbers.startswith("KSI: No values recorded yet · Baseline 1,234 in 2023/24 · 2024/25 — (target at most")
        assert chart.display and not chart.query_one(".chart-plot").display
        assert chart.region.height <= 4  # the line only
        await pilot.press("up")  # OFFICERS: charted again
        await pilot.pause()
        assert chart.query_one(".chart-plot").display and chart.query_one(".chart-plot").region.height >= 25
