"""An indicator's values against its baseline and targets, as a terminal chart with its numbers
in a line of text beside it (never the chart alone): the dashboard's Indicators tab and the
walk-through's indicator item.

The chart is textual-plotext's PlotextPlot, imported when the first chart is shown (not at the
app's start). Colour is never alone: values, targets and the baseline each have their own
marker and a legend in words, and the line of text gives every number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical

from tui.widgets.panel import Panel

if TYPE_CHECKING:
    from storage.service import IndicatorSeries

VALUE, TARGET, BASELINE = "●", "◆", "·"


class IndicatorChart(Vertical, can_focus=False):
    """The numbers line, then the chart (mounted on first use); `show(series)` redraws both."""

    DEFAULT_CSS = """
    IndicatorChart { height: 11; padding: 0 1; }
    IndicatorChart > .chart-numbers { height: auto; max-height: 3; color: $text; }
    IndicatorChart > .chart-plot { height: 1fr; min-height: 5; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._plot: Any = None
        self.shown: str | None = None  # the indicator charted
        self.display = False

    def compose(self) -> ComposeResult:
        yield Panel("", classes="chart-numbers", markup=False)

    def show(self, series: IndicatorSeries | None) -> None:
        """Draw `series` (None: nothing highlighted, the chart is hidden)."""
        self.display = series is not None
        self.shown = series.indicator_id if series is not None else None
        if series is None:
            return
        self.query_one(".chart-numbers", Panel).update(f"{series.indicator_id}: {series.numbers}")
        if self._plot is None:
            from textual_plotext import PlotextPlot

            self._plot = PlotextPlot(classes="chart-plot")
            self.mount(self._plot)
        draw(self._plot.plt, series)
        self._plot.refresh()


def draw(plt: Any, series: IndicatorSeries) -> None:
    """The series on a plotext figure: the baseline dotted across, targets as diamonds, values joined by a line."""
    plt.clear_data()
    plt.clear_figure()
    labels = [p.period for p in series.periods]
    xs = list(range(1, len(labels) + 1))
    values = [(x, p.value) for x, p in zip(xs, series.periods) if p.value is not None]
    targets = [(x, p.goal.value) for x, p in zip(xs, series.periods) if p.goal and p.goal.value is not None]
    base = series.baseline
    if base is not None and base.value is not None and xs:
        plt.plot([0.6, len(xs) + 0.4], [base.value] * 2, marker=BASELINE, label="baseline")
    if targets:
        plt.scatter([x for x, _ in targets], [y for _, y in targets], marker=TARGET, label="target")
    if values:  # last: on top where a value and its target share a cell
        plt.plot([x for x, _ in values], [y for _, y in values], marker=VALUE, label="value")
    if xs:
        plt.xticks(xs, [short(label) for label in labels])
        plt.xlim(0.5, len(xs) + 0.5)
    plt.frame(True)


def short(period: str, width: int = 10) -> str:
    """A period label that fits under its tick ('Yr 2 - 2009/10' → 'Yr 2')."""
    head = period.split(" - ")[0].strip() or period
    return head if len(head) <= width else head[: width - 1] + "…"
