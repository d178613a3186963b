"""NI 15's Yr 2 target is '-3% reduction on Yr 1 performance' (plans/ni15.yaml, from the seed's
performance table): worked out on Yr 1's result once one is recorded, not on Yr 1's target 0.72
(FIX17B, issue 17 try, item 3). The chart (and so the pack and the app) and the minutes take the
result; the minutes as their meeting knew it (a Yr 1 value recorded after it changes nothing)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storage.minutes.render import render_minutes
from storage.service.service import Service
from tests.test_tui_support import ni15_folder


def test_the_yr_2_target_is_3_per_cent_under_yr_1s_result(tmp_path: Path) -> None:
    plans = ni15_folder(tmp_path)
    with Service.open(tmp_path / "s.db", plans, today=date(2026, 12, 1)) as service:
        plan = service.plan("ni15")
        before = service.indicator_series("ni15", "NI 15")
        assert before.periods[1].goal is not None and before.periods[1].goal.value == 0.6984  # the target stands in
        service.record_value(plan, "NI 15", "Yr 1 - 2008/9", 0.70, "", "Mark Williams")
        meeting = service.start_meeting("ni15", date(2026, 12, 3), "mark", ["mark"], [], [], "all")
        service.record_indicator(meeting, "NI 15", "Yr 2 - 2009/10", 0.69)
        series = service.indicator_series("ni15", "NI 15")
        service.close_meeting(meeting, None)
        minutes = render_minutes(service._store, meeting.id)
        service.record_value(plan, "NI 15", "Yr 1 - 2008/9", 0.60, "corrected", "Mark Williams")
        again = render_minutes(service._store, meeting.id)
    yr2 = series.periods[1]
    assert yr2.goal is not None and (yr2.goal.value, yr2.verdict) == (0.679, "✗ not met: 0.69 > 0.679")
    assert "Yr 2 - 2009/10 0.69 (target at most 0.679: ✗ not met)" in series.numbers
    line = next(row for row in minutes.splitlines() if row.startswith("| NI 15:"))
    assert line.endswith("| Yr 2 - 2009/10 | 0.69 | -3% reduction on Yr 1 performance "
                         "(-3% on Yr 1 - 2008/9 result 0.7 → 0.679) | Not met |")
    assert again == minutes  # as the meeting knew it
