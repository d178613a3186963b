"""An indicator's values against its baseline and targets, as a terminal chart with its numbers
in a line of text beside it (never the chart alone): the dashboard's Indicators tab and the
walk-through's indicator item.

The chart is textual-plotext's PlotextPlot, imported when the first chart is shown (not at the
app's start). An indicator with no value recorded has no chart, only its line: "No values recorded
yet · Baseline 0.75 · Yr 1 - 2008/9 — (target at most 0.72) · …" (IndicatorSeries.summary).
Colour is never alone: values, targets and the baseline each have their own
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
OFFSET = 0.12  # a target is drawn this far right of its period's value: the two never share a cell
ACROSS = 400  # the baseline's dots: one in every column of a plot up to 400 columns wide


class IndicatorChart(Vertical, can_focus=False):
    """The numbers line, then the chart (mounted on first use); `show(series)` redraws both. Class
    `-fill`: the chart takes the height left to it (the dashboard's tab), else 11 rows."""

    DEFAULT_CSS = """
    IndicatorChart { height: 11; padding: 0 1; }
    IndicatorChart > .chart-numbers { height: auto; max-height: 3; color: $text; }
    IndicatorChart > .chart-plot { height: 1fr; min-height: 5; }
    IndicatorChart.-fill { height: 1fr; min-height: 11; }
    IndicatorChart.-no-values { height: auto; min-height: 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._plot: Any = None
        self._series: IndicatorSeries | None = None
        self.shown: str | None = None  # the indicator charted
        self.display = False

    def compose(self) -> ComposeResult:
        yield Panel("", classes="chart-numbers", markup=False)

    def show(self, series: IndicatorSeries | None) -> None:
        """Draw `series` (None: nothing highlighted, the chart is hidden)."""
        self.display = series is not None
        self.shown = series.indicator_id if series is not None else None
        if series is None:
            self._series = None
            return
        self.query_one(".chart-numbers", Panel).update(f"{series.indicator_id}: {series.summary}")
        self._series = series
        self.set_class(not series.has_values, "-no-values")
        if not series.has_values:  # no chart: an empty frame says nothing the line above does not
            if self._plot is not None:
                self._plot.display = False
            return
        if self._plot is None:
            from textual_plotext import PlotextPlot

            self._plot = PlotextPlot(classes="chart-plot")
            self.mount(self._plot)
        self._plot.display = True
        self._redraw()
        self.call_after_refresh(self._redraw)  # again once laid out: one tick per row of the plot's size

    def _redraw(self) -> None:
        if self._plot is None or self._series is None or not self._series.has_values:
            return
        height = self._plot.size.height  # 0 before the first layout: then five ticks
        draw(self._plot.plt, self._series, rows=height - 4 if height > 6 else None)  # less title, frame, x labels
        self._plot.refresh()

    def on_resize(self) -> None:
        self._redraw()


def draw(plt: Any, series: IndicatorSeries, rows: int | None = None) -> None:
    """The series on a plotext figure: the baseline dotted across, values as dots, targets
    as diamonds drawn last a little to the right of
    their period's value (so neither hides the other). The y axis is honest: evenly spaced ticks labelled at
    the data's precision, the range padded around the values, targets and baseline; `rows` (the
    plot's canvas height, when known) puts one tick on every row so each mark sits on the row of
    its nearest tick."""
    plt.clear_data()
    plt.clear_figure()
    labels = [p.period for p in series.periods]
    xs = list(range(1, len(labels) + 1))
    values = [(x, p.value) for x, p in zip(xs, series.periods) if p.value is not None]
    targets = [(x, p.goal.value) for x, p in zip(xs, series.periods) if p.goal and p.goal.value is not None]
    base = series.baseline
    base_value = base.value if base is not None and base.value is not None and xs else None
    if base_value is not None:
        # dots right across, drawn first: a value or target on the baseline's row is drawn over it
        across = [0.6 + i * (len(xs) - 0.2) / ACROSS for i in range(ACROSS + 1)]
        plt.scatter(across, [base_value] * len(across), marker=BASELINE)
    if values:
        plt.scatter([x for x, _ in values], [y for _, y in values], marker=VALUE)
    if targets:  # after the values: a target is never hidden under a value
        plt.scatter([x + OFFSET for x, _ in targets], [y for _, y in targets], marker=TARGET)
    ys = [y for _, y in values] + [y for _, y in targets] + ([base_value] if base_value is not None else [])
    if ys:
        ticks, low, high = y_axis(ys, rows)
        plt.ylim(low, high)
        plt.yticks(ticks, [tick_label(t, ticks) for t in ticks])
    # the legend in marks and words as the title, above the frame (plotext's own legend is drawn
    # over the plot's top left corner, hiding marks there)
    legend = [f"{mark} {word}" for mark, word, shown in ((VALUE, "value", values), (TARGET, "target", targets),
                                                         (BASELINE, "baseline", base_value is not None)) if shown]
    if legend:
        plt.title("   ".join(legend))
    if xs:
        plt.xticks(xs, [short(label) for label in labels])
        plt.xlim(0.5, len(xs) + 0.5)
    plt.frame(True)


def decimals(x: float) -> int:
    """How many decimals `x` is written with (0.6984 → 4, 1200 → 0; at most 6)."""
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _nice(step: float, finest: float = 0.0) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k at least `step`, and a whole multiple of `finest` (the
    data's precision: with tenths, 0.5 rather than 0.25)."""
    import math

    power = 10 ** math.floor(math.log10(step))
    for p in (power, power * 10):
        for m in (1, 2, 2.5, 5):
            found = m * p
            whole = not finest or abs(found / finest - round(found / finest)) < 1e-6
            if found >= step * (1 - 1e-9) and found >= finest * (1 - 1e-9) and whole:
                return found
    return 10 * power


def y_axis(ys: list[float], rows: int | None = None) -> tuple[list[float], float, float]:
    """Evenly spaced ticks covering `ys` with a margin, and the y range (from the first tick to the
    last: plotext maps the range's ends to the first and last rows, so each tick is a row's centre). With `rows`,
    one tick per row. The step is never finer than the data's precision (a value 5.1: 0.1, not
    0.025); when the margin would put two different numbers on one row (NI 15's 0.72, 0.6984 and
    0.6775 at 80x24), the ticks are laid out without it."""
    finest = 10.0 ** -max(decimals(y) for y in ys)
    best: list[float] = []
    for margin in (0.1, 0.0):
        ticks = _ticks(ys, rows, margin, finest)
        if not best or _rows_apart(ys, ticks) > _rows_apart(ys, best):
            best = ticks
    return best, best[0], best[-1]  # plotext puts the range's ends on the first and last rows


def _rows_apart(ys: list[float], ticks: list[float]) -> int:
    """How many rows the different numbers of `ys` fall on (each on its nearest tick's)."""
    return len({min(range(len(ticks)), key=lambda i: abs(ticks[i] - y)) for y in ys})


def _ticks(ys: list[float], rows: int | None, margin: float, finest: float) -> list[float]:
    import math

    lo, hi = min(ys), max(ys)
    span = hi - lo or (abs(hi) * 0.1 or 1.0)
    count = max(2, rows) if rows else 5
    step = _nice(max(span * (1 + 2 * margin) / max(1, count - 1), finest), finest)
    first = math.floor((lo - span * margin) / step + 1e-9) * step
    ticks = [first + i * step for i in range(count)]
    while ticks[-1] < hi - step * 1e-6:  # a nice step may still fall short: cover the top
        ticks = [t + step for t in ticks] if rows else ticks + [ticks[-1] + step]
    if rows:  # centre the values among the fixed number of rows
        shift = round(((ticks[0] - lo) + (ticks[-1] - hi)) / 2 / step)
        if ticks[0] - shift * step <= lo + step / 2 and ticks[-1] - shift * step >= hi - step / 2:
            ticks = [t - shift * step for t in ticks]
    places = decimals(step)
    return [round(t, places) for t in ticks]


def tick_label(tick: float, ticks: list[float]) -> str:
    """A tick at the precision of the step between ticks ('0.70', '1,200')."""
    places = max((decimals(t) for t in ticks), default=0)
    return f"{tick:,.{places}f}"


def short(period: str, width: int = 10) -> str:
    """A period label that fits under its tick ('Yr 2 - 2009/10' → 'Yr 2')."""
    head = period.split(" - ")[0].strip() or period
    return head if len(head) <= width else head[: width - 1] + "…"
