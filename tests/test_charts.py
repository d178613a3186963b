"""Charts (issue 17): the series the service reads, the Chart blocks' text alternatives, and the
drawing: the same data gives the same bytes, the SVG is labelled for screen readers, user text
stays text, and Markdown never imports matplotlib."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storage.minutes import charts
from storage.minutes.document import Builder, Chart, Document, Fixed, Para, Status, Text, plain
from storage.minutes.markdown import plain_lines
from storage.plan.model import Baseline
from storage.plan.targets import Goal
from storage.service.service import Service
from storage.store.records import trend_codes
from tests.test_minutes import build

REPO = Path(__file__).resolve().parents[1]
needs_matplotlib = pytest.mark.skipif(charts.missing() is not None, reason="the charts extra (matplotlib) is missing")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    tmp = tmp_path_factory.mktemp("charts")
    store, _plan_file, _m1, _m2 = build(tmp)
    return Service(store, tmp)


def cells(chart: Chart) -> list[list[str]]:
    return [[plain(cell, plain_lines) for cell in row] for row in chart.alt.rows]


def test_indicator_series_has_values_baseline_and_worked_out_targets(service: Service) -> None:
    series = service.indicator_series("ni15", "ni 15")  # any case, as every view finds it
    assert series.indicator_id == "NI 15"
    assert series.baseline is not None and series.baseline.value == 0.75
    assert [p.period for p in series.periods] == ["Yr 1 - 2008/9", "Yr 2 - 2009/10", "Yr 3 - 2010/11"]
    assert [p.value for p in series.periods] == [None, 0.69, None]
    # relative targets worked out by storage.plan.targets: -3% and -5.9% on Yr 1's 0.72
    assert [p.goal.value if p.goal else None for p in series.periods] == [0.72, 0.6984, 0.6775]
    assert series.periods[1].verdict == "✓ met: 0.69 ≤ 0.6984"
    assert "Yr 2 - 2009/10 0.69 (target at most 0.6984: ✓ met)" in series.numbers
    assert series.numbers.startswith("Baseline 0.75")


def test_indicator_series_takes_a_periods_latest_value_and_keeps_periods_with_no_target(service: Service) -> None:
    values = service.indicator_values("ni15", "NI 15")
    again = values[-1]._replace(id=values[-1].id + 100, value=0.7)
    extra = values[-1]._replace(id=values[-1].id + 101, period="Q1 2010/11", value=0.66)
    series = service.indicator_series("ni15", "NI 15", values=[*values, again, extra])
    assert [(p.period, p.value) for p in series.periods] == [
        ("Yr 1 - 2008/9", None), ("Yr 2 - 2009/10", 0.7), ("Q1 2010/11", 0.66), ("Yr 3 - 2010/11", None)]
    assert series.periods[1].verdict.startswith("✗ not met")
    assert series.periods[2].goal is None and series.periods[2].verdict == "no target"
    with pytest.raises(LookupError):
        service.indicator_series("ni15", "NI 99")


def test_status_series_gives_the_status_each_meeting_ended_on(service: Service) -> None:
    s72 = service.status_series("ni15", "7.2")
    assert [m.held_on for m in s72.meetings] == [date(2010, 3, 18), date(2010, 7, 15)]
    assert s72.codes == ("A", "A")  # meeting 2 recorded R then A: it ended on A
    assert service.status_series("ni15", "7.7").codes == ("R", "A")
    assert service.status_series("ni15", "7.6").codes == ("-", "G")  # not yet rated before meeting 2
    assert service.status_series("ni15", "7.2", meetings=1).codes == ("A",)
    # one status per meeting, as the trend keeps them
    history = service.history("ni15", "7.2")
    assert list(s72.codes) == trend_codes([(u.rag, u.meeting_id) for u in reversed(history)])
    assert [s.code for s in s72.scale] == ["R", "A", "G", "B", "-"]


def test_rag_mix_counts_every_action_at_each_meeting_in_scale_order(service: Service) -> None:
    mix = service.rag_mix("ni15")
    assert [s.code for s in mix.scale] == ["R", "A", "G", "B", "-"]
    # meeting 1: 7.7 R; 7.2 7.5 7.8 A; 7.1 7.4 G; 7.3 7.6 7.9 unrated
    # meeting 2: 7.8 R; 7.1 7.2 7.7 A; 7.4 7.6 G; 7.5 B; 7.3 7.9 unrated
    assert mix.counts == ((1, 3, 2, 0, 3), (1, 3, 2, 1, 2))
    assert all(sum(c) == len(service.plan("ni15").actions()) for c in mix.counts)


def test_chart_blocks_have_the_numbers_as_a_table(service: Service) -> None:
    chart = charts.indicator_chart(service.indicator_series("ni15", "NI 15"))
    assert chart.alt.header == ("Period", "Value", "Target", "Against the target")
    rows = cells(chart)
    assert rows[0] == ["Baseline", "0.75", "—", "as written: 0.75"]
    assert rows[2][:2] == ["Yr 2 - 2009/10", "0.69"]
    assert "0.6984" in rows[2][2] and rows[2][3] == "✓ met: 0.69 ≤ 0.6984"
    assert chart.svg == "" and chart.plot is not None  # not drawn until a writer asks

    grid = charts.status_chart(tuple(service.status_series("ni15", a) for a in ("7.6", "7.7")))
    assert grid.alt.header == ("Action", "18 Mar 2010", "15 Jul 2010")
    assert cells(grid) == [["7.6", "Not yet rated", "Green"], ["7.7", "Red", "Amber"]]
    assert grid.alt.rows[1][1] == (Status("Red", "●"),)  # the word and its symbol

    mix = charts.rag_mix_chart(service.rag_mix("ni15"))
    assert mix.alt.header[-2:] == ("Not yet rated", "Actions")
    assert cells(mix)[1] == ["15 Jul 2010", "1", "3", "2", "1", "2", "9"]


def document(service: Service) -> Document:
    b = Builder()
    b.chart(charts.indicator_chart(service.indicator_series("ni15", "NI 15")))
    b.chart(charts.status_chart(tuple(service.status_series("ni15", a) for a in ("7.1", "7.2"))))
    b.chart(charts.rag_mix_chart(service.rag_mix("ni15")))
    return b.document("Charts")


@needs_matplotlib
@pytest.mark.slow
def test_the_same_data_draws_the_same_bytes_with_a_title_and_role(service: Service) -> None:
    first, second = charts.drawn(document(service), png=True), charts.drawn(document(service), png=True)
    drawn = [b for b in first.blocks if isinstance(b, Chart)]
    assert [b.svg for b in drawn] == [b.svg for b in second.blocks if isinstance(b, Chart)]
    assert [b.png for b in drawn] == [b.png for b in second.blocks if isinstance(b, Chart)]
    for n, chart in enumerate(drawn):
        assert chart.svg.startswith("<svg ") and 'role="img"' in chart.svg
        assert f'aria-labelledby="chart{n}-title"' in chart.svg
        assert f'<title id="chart{n}-title">{chart.title.replace("&", "&amp;")}</title>' in chart.svg
        assert "<script" not in chart.svg and "<?xml" not in chart.svg and "<style" not in chart.svg
        assert chart.png is not None and chart.png.startswith(b"\x89PNG")
    ids = [i for chart in drawn for i in chart.svg.split('id="')[1:]]
    assert len({i.split('"')[0] for i in ids}) == len(ids)  # unique on one page
    assert ">0.69<" in drawn[0].svg and "target 0.6984" in drawn[0].svg and "baseline 0.75" in drawn[0].svg
    # another process (another hash seed) draws the same SVG
    digest = hashlib.sha256(drawn[0].svg.encode()).hexdigest()
    script = ("import hashlib, tempfile; from pathlib import Path; from tests.test_charts import build, document;"
              "from storage.service.service import Service; from storage.minutes.charts import drawn;"
              "t = Path(tempfile.mkdtemp()); store = build(t)[0];"
              "print(hashlib.sha256(drawn(document(Service(store, t))).blocks[0].svg.encode()).hexdigest())")
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == digest


@needs_matplotlib
@pytest.mark.slow
def test_user_text_in_a_chart_stays_text() -> None:
    hostile = '<script>alert(1)</script> $\\frac{1}{2}$ & "q"'
    series = charts.IndicatorSeries(hostile, hostile, hostile, True, Baseline(as_written=hostile, value=1.0,
                                                                          period=hostile),
                                    (charts.PeriodValue(hostile + "\x00\u202e", 2.0,
                                                        Goal(hostile, hostile, 1.5, "at_most")),))
    chart = charts.indicator_chart(series)
    svg = charts.drawn(Document("t", (chart,))).blocks[0].svg  # type: ignore[union-attr]
    assert "<script" not in svg and "\x00" not in svg and "\u202e" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; $\\frac{1}{2}$ &amp;" in svg  # no mathtext: the dollars stay
    assert isinstance(chart.alt.rows[1][0][0], Text)  # user text raw in the table: each writer escapes it
    assert isinstance(chart.alt.rows[0][1][0], Fixed)


def test_without_matplotlib_a_chart_keeps_its_table(service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "missing", lambda: "charts need matplotlib: pip install 'steerco[charts]'")
    doc = document(service)
    out = charts.drawn(doc)
    notes = [b for b in out.blocks if not isinstance(b, Chart)]
    assert [b for b in out.blocks if isinstance(b, Chart)] == list(doc.blocks)  # undrawn, each with its table
    assert len(notes) == 3 and all(isinstance(b, Para) for b in notes)
    assert plain(notes[0].spans, plain_lines) == (  # type: ignore[union-attr]
        "Chart not drawn (charts need matplotlib: pip install 'steerco[charts]'); its numbers follow.")
    assert isinstance(out.blocks[1], Chart)  # the line comes before its chart


def test_markdown_never_imports_matplotlib() -> None:
    """(numpy may be there: sqlite-utils imports it when installed, on creating a store.)"""
    script = ("import sys, tempfile; from pathlib import Path; from tests.test_charts import build, document;"
              "from storage.service.service import Service; from storage.minutes.write_md import write;"
              "t = Path(tempfile.mkdtemp()); store = build(t)[0]; text = write(document(Service(store, t)));"
              "assert '| Yr 2 - 2009/10 | 0.69 |' in text, text;"
              "print([m for m in sys.modules if m.startswith(('matplotlib', 'plotext', 'PIL'))])")
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
