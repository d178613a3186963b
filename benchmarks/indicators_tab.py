"""Row 9c: what the chart adds to the dashboard's Indicators tab (issue 17: ≤ 100 ms at 50 indicators).

Key `3` on the dashboard of the large plan (its 50 indicators and their values), timed until the
tab's table has its rows and, with the chart, until the highlighted indicator's chart and its
numbers are painted. The floor is the same key with the chart switched off
(`IndicatorsTab.charted = False`), interleaved with it in one app, each on a freshly opened
dashboard (a tab fills when first shown). The first charted open also imports plotext: it is
in the median's runs and named in the note.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from benchmarks.dashboard import _rows_shown, _steerco_app, _timed_key, _until
from benchmarks.report import Row, median_ms

if TYPE_CHECKING:
    from benchmarks.run import Context


def _tab_ready(app: Any, charted: bool) -> Any:
    from textual.widgets import DataTable

    from tui.widgets.indicator_chart import IndicatorChart

    def ready() -> bool:
        found = app.screen.query("#indicators-table")
        if not found or not isinstance(found.first(), DataTable) or not found.first().row_count:
            return False
        chart = app.screen.query_one(IndicatorChart)
        return not charted or (chart.display and chart._plot is not None and chart._plot.is_mounted)

    return ready


async def _measure(ctx: Context, opens: int) -> tuple[list[float], list[float], float]:
    from tui.screens.dashboard.side_tabs import IndicatorsTab

    app, ready_home = _steerco_app(ctx)
    timed: dict[bool, list[float]] = {False: [], True: []}
    seen: list[str] = []
    async with app.run_test(size=(120, 40), message_hook=lambda m: seen.append(type(m).__name__)) as pilot:
        await _until(pilot, ready_home)
        try:
            for _ in range(opens):
                for charted in (False, True):
                    IndicatorsTab.charted = charted
                    await _timed_key(pilot, "o", _rows_shown(app, seen))
                    timed[charted].append(await _timed_key(pilot, "3", _tab_ready(app, charted)))
                    await _timed_key(pilot, "escape", lambda: app.screen.id != "dashboard")
                    await pilot.pause()
        finally:
            IndicatorsTab.charted = True
    return timed[True], timed[False], timed[True][0]


def indicators_tab(ctx: Context) -> list[Row]:
    opens = max(3, ctx.scale.repeats)
    charted, plain, first = asyncio.run(_measure(ctx, opens))
    indicators = len(ctx.plan().indicators)
    return [Row("9c", f"indicators tab with its chart, {indicators} indicators", "ms", value=median_ms(charted),
                floor=median_ms(plain), goal=100, goal_on="excess",
                note=f"key `3` on a freshly opened dashboard until the table's rows and the highlighted "
                     f"indicator's chart and numbers are painted, median of {len(charted)}; floor: the same key "
                     f"with the chart off, interleaved; the first charted open (plotext imported) "
                     f"{first * 1000:.0f} ms")]
