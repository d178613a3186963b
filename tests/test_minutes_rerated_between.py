"""The minutes' risk register shows a risk re-rated since the last meeting outside any meeting
(`steerco rate-risk`) as re-rated, with the change, when, by whom and by which route; not as
'Not re-rated' (what the clerk would minute wrongly). A risk re-rated before that meeting keeps
'Not re-rated', and the earlier meeting's minutes do not change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.test_tui_support import demo_meeting_held as _meeting
from tests.test_tui_support import steerco_at as _cli


def _register_row(minutes: str, risk_id: str) -> str:
    [row] = [line for line in minutes.splitlines() if line.startswith(f"| {risk_id} |")]
    return row


def test_a_rating_between_meetings_is_minuted_with_when_who_and_route(plans_dir: Path, db_path: Path) -> None:
    rate = ("rate-risk", "demo", "R-1", "--likelihood", "4", "--by", "Bob")
    _cli(plans_dir, db_path, *rate, "--impact", "2", "--note", "before the first meeting")
    first = _meeting(plans_dir, db_path)
    first_minutes = _cli(plans_dir, db_path, "minutes", "demo", "--meeting", str(first))
    assert "Re-rated before this meeting: down from 12 (High)" in _register_row(first_minutes, "R-1")
    _cli(plans_dir, db_path, *rate, "--impact", "4", "--note", "worse")
    _meeting(plans_dir, db_path)
    row = _register_row(_cli(plans_dir, db_path, "minutes", "demo"), "R-1")
    assert "Not re-rated" not in row, row
    today = date.today()
    assert (f"| Re-rated between meetings: up from 8 (Medium), {today.day} {today:%b} {today.year} by Bob Chair, "
            "via steerco rate-risk |") in row, row
    assert _cli(plans_dir, db_path, "minutes", "demo", "--meeting", str(first)) == first_minutes


def test_a_rating_before_the_last_meeting_is_still_not_re_rated(plans_dir: Path, db_path: Path) -> None:
    _cli(plans_dir, db_path, "rate-risk", "demo", "R-1", "--impact", "2", "--likelihood", "2", "--by", "Bob")
    _meeting(plans_dir, db_path)
    _meeting(plans_dir, db_path)
    row = _register_row(_cli(plans_dir, db_path, "minutes", "demo"), "R-1")
    assert row.rstrip().endswith("| Not re-rated |"), row
