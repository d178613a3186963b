"""The dashboard's Indicators tab charts the highlighted indicator (issue 17): its values against
its baseline and targets, with the numbers in a line of text beside the chart. Keys only: the
arrows move the highlight and the chart follows; then what the screen draws is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.test_tui_dashboard_views import FIXTURES, app_on, dashboard_loaded, drawn
from tests.test_tui_support import fixture_plans
from tests.test_tui_support import run_steerco as run


@pytest.fixture
def joint(tmp_path: Path) -> Path:
    folder = fixture_plans(tmp_path, FIXTURES / "joint_plan.yaml", "joint.yaml")
    run(folder, "indicator", "joint", "KSI", "--period", "2024/25", "--value", "1200", "--by", "Insp Ann Smith")
    run(folder, "indicator", "joint", "OFFICERS", "--period", "2024/25", "--value", "1230", "--by", "Bob Jones")
    return folder


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_highlighted_indicator_is_charted_with_its_numbers(joint: Path, size: tuple[int, int]) -> None:
    from tui.widgets.indicator_chart import IndicatorChart

    app = app_on(joint, "joint")
    async with app.run_test(size=size) as pilot:
        await dashboard_loaded(pilot)
        chart = app.screen.query_one(IndicatorChart)
        assert not chart.display  # nothing drawn before the tab is shown
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one("#indicators-table", DataTable).has_focus
        numbers = " ".join(" ".join(drawn(chart.query_one(".chart-numbers"))).split())
        assert chart.display
        assert "OFFICERS: Baseline 1,180 (2023/24) · 2024/25 1,230 (target at least 1,220: ✓ met)" in numbers
        plot = "\n".join(drawn(chart.query_one(".chart-plot")))
        for mark, word in (("●", "value"), ("◆", "target"), ("·", "baseline")):  # a legend in words and marks
            assert f"{mark} {word}" in plot
        assert "2024/25" in plot
        await pilot.press("down")
        await pilot.pause()
        numbers = " ".join(" ".join(drawn(chart.query_one(".chart-numbers"))).split())
        assert "KSI: Baseline 1,234 in 2023/24 · 2024/25 1,200 (target at most 1,197: ✗ not met)" \
            in numbers
        table = app.screen.query_one("#indicators-table", DataTable)
        assert table.region.height >= 3 and chart.region.y >= table.region.bottom  # the table keeps its rows
        assert chart.region.bottom <= size[1] - 1  # above the footer


async def test_the_walkthroughs_indicator_item_charts_it_and_follows_a_value_entered(tmp_path: Path) -> None:
    from textual.widgets import Input

    from tests.test_tui_support import TODAY, Clock, ni15_folder, started_walkthrough
    from tui.app import make_app
    from tui.widgets.indicator_chart import IndicatorChart

    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY,
                   plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        chart = walk.query_one(IndicatorChart)
        assert walk.item.kind == "action" and not chart.display
        while walk.item.kind != "indicator":
            await pilot.press("right")
            await pilot.pause()
        assert walk.item.ref == "NI 15" and chart.display

        def numbers() -> str:
            return " ".join(" ".join(drawn(chart.query_one(".chart-numbers"))).split())

        assert numbers() == ("NI 15: No values recorded yet · Baseline 0.75 · Yr 1 - 2008/9 — (target at most "
                             "0.72) · Yr 2 - 2009/10 — (target at most 0.6984) · Yr 3 - 2010/11 — (target at most "
                             "0.6775)")
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one("#value", Input).value = "0.7"
        await pilot.press("enter")
        await pilot.pause()
        assert "Yr 3 - 2010/11 0.7 (target at most 0.6775: ✗ not met)" in numbers()
        await pilot.press("right")  # NI 15 & 20: no baseline, no targets, no values
        await pilot.pause()
        assert numbers() == "NI 15 & 20: No values recorded yet."
        await pilot.press("right")
        await pilot.pause()
        assert walk.item.kind == "aob" and not chart.display


def test_indicators_tab_snapshot(snap_compare, joint: Path) -> None:
    """80x24: the table keeps its rows, the chart and its numbers line fit under it, the footer shows."""
    async def run_before(pilot) -> None:
        await dashboard_loaded(pilot)
        await pilot.press("3", "down")
        await pilot.pause()

    assert snap_compare(app_on(joint, "joint"), terminal_size=(80, 24), run_before=run_before)
