"""The terminal chart's y axis is honest (issue 17, FIX17): evenly spaced ticks at the data's
precision, one per row of the plot, the range padded around values, targets and baseline, and
markers that do not hide each other: each value and each target is drawn on the row of its
nearest tick. NI 15 was the case seen: 0.73, 0.69, 0.70 against targets 0.72, 0.6984, 0.6775."""

from __future__ import annotations

import re

import plotext
import pytest

from storage.minutes.charts import IndicatorSeries, PeriodValue
from storage.plan.model import Baseline
from storage.plan.targets import Goal
from tui.widgets.indicator_chart import TARGET, VALUE, decimals, draw, tick_label, y_axis

NI15 = IndicatorSeries("NI 15", "Serious violent crime", None, True, Baseline(as_written="0.75", value=0.75), (
    PeriodValue("Yr 1 - 2008/9", 0.73, Goal("Yr 1 - 2008/9", "0.72", 0.72, "at most")),
    PeriodValue("Yr 2 - 2009/10", 0.69, Goal("Yr 2 - 2009/10", "0.6984", 0.6984, "at most")),
    PeriodValue("Yr 3 - 2010/11", 0.70, Goal("Yr 3 - 2010/11", "0.6775", 0.6775, "at most"))))


def rendered(height: int, width: int = 76) -> list[str]:
    draw(plotext, NI15, rows=height - 4)
    plotext.plotsize(width, height)
    plotext.theme("clear")
    return [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in plotext.build().splitlines()]


@pytest.mark.parametrize("height", [8, 9, 12, 20])
def test_each_mark_is_on_the_row_of_its_nearest_tick(height: int) -> None:
    lines = rendered(height)
    rows = [(float(m.group(1)), line) for line in lines if (m := re.match(r"\s*([0-9.,]+)┤", line))]
    ticks = [t for t, _ in rows]
    steps = {round(b - a, 6) for a, b in zip(ticks[1:], ticks)}
    assert len(steps) == 1, ticks  # evenly spaced, one per row (no unlabelled rows between)
    step = steps.pop()
    assert len(rows) == height - 4
    assert lines[0].split() == [VALUE, "value", TARGET, "target", "·", "baseline"]  # the legend, in words
    # the range covers values, targets and baseline
    assert max(ticks) + step / 2 >= 0.75 and min(ticks) - step / 2 <= 0.6775
    assert all(len(f"{t}".split(".")[-1]) <= 4 for t in ticks)
    column = {}  # each period's value column: the marker on its own, right of the legend
    for mark, wanted in ((VALUE, [0.73, 0.69, 0.70]), (TARGET, [0.72, 0.6984, 0.6775])):
        found = []
        for tick, line in rows:
            body = line.split("┤", 1)[1]
            found += [(i, tick) for i, ch in enumerate(body) if ch == mark]
        found.sort()
        assert len(found) == 3, (mark, lines)  # none hidden
        for (_col, tick), value in zip(found, wanted, strict=False):
            assert abs(tick - value) <= step / 2 + 1e-9, (mark, value, tick, lines)
        column[mark] = [c for c, _ in found]
    assert all(t > v for v, t in zip(column[VALUE], column[TARGET]))  # a target just right of its value


def test_tick_labels_use_the_datas_precision() -> None:
    labels = [re.match(r"\s*([0-9.,]+)┤", line).group(1) for line in rendered(9) if "┤" in line.split("│")[0]]
    assert labels and len({len(label.split(".")[1]) for label in labels}) == 1  # one precision
    assert labels != ["0.738", "0.714", "0.702", "0.677"]


# -- FIX17C (issue 17 try, item 8) --------------------------------------------------------------

#: NI 15 in the bundled plan with its Yr 3 value recorded: the three targets 0.72, 0.6984, 0.6775 and
#: the baseline 0.75; at 80x24 the dashboard's plot has 4 rows, where all three targets sat on 0.70.
NI15_YR3 = IndicatorSeries("NI 15", "Serious violent crime", None, True, Baseline(as_written="0.75", value=0.75), (
    PeriodValue("Yr 1 - 2008/9", None, Goal("Yr 1 - 2008/9", "0.72", 0.72, "at_most")),
    PeriodValue("Yr 2 - 2009/10", None, Goal("Yr 2 - 2009/10", "-3%", 0.6984, "at_most")),
    PeriodValue("Yr 3 - 2010/11", 0.69, Goal("Yr 3 - 2010/11", "-5.9%", 0.6775, "at_most"))))


def built(series: IndicatorSeries, height: int, width: int = 76) -> list[str]:
    draw(plotext, series, rows=height - 4)
    plotext.plotsize(width, height)
    plotext.theme("clear")
    return [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in plotext.build().splitlines()]


def marks_by_row(lines: list[str], mark: str) -> list[float]:
    return [float(m.group(1).replace(",", "")) for line in lines if (m := re.match(r"\s*([0-9.,]+)┤", line))
            for ch in line.split("┤", 1)[1] if ch == mark]


def test_few_rows_still_put_different_targets_on_different_rows() -> None:
    ticks, _, _ = y_axis([0.69, 0.72, 0.6984, 0.6775, 0.75], rows=4)
    assert ticks == [0.675, 0.7, 0.725, 0.75]  # the padded layout had 0.65, 0.70, 0.75, 0.80
    lines = built(NI15_YR3, 8)
    assert sorted(marks_by_row(lines, TARGET)) == [0.675, 0.7, 0.725]


@pytest.mark.parametrize("rows", [4, 10, 27])
def test_the_step_is_never_finer_than_the_data(rows: int) -> None:
    ticks, _, _ = y_axis([5.1], rows=rows)
    assert all(decimals(t) <= 1 for t in ticks), ticks  # 5.1: tenths, never 5.425 / 5.400
    assert len(ticks) == rows and min(ticks) <= 5.1 <= max(ticks)
    assert {tick_label(t, ticks) for t in ticks} <= {f"{t:.1f}" for t in ticks}


def test_the_baseline_is_dotted_right_across() -> None:
    lines = built(NI15_YR3, 12)
    rows = [(float(m.group(1)), line) for line in lines if (m := re.match(r"\s*([0-9.,]+)┤", line))]
    row = min(rows, key=lambda r: abs(r[0] - 0.75))[1]  # the baseline's
    body = row.split("┤", 1)[1].rstrip("│ ")
    dots = body.strip()
    assert dots and set(dots) == {"·"}, row  # no gaps around the periods
