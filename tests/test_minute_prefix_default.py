"""A plan with no `meeting.minute_prefix` (the bundled plans) numbers its minutes 'Minute 26/01', never a bare
'26/01', which a UK reader takes for 26 January (new-user try of issue 12); `minute_prefix: ""` asks for the
bare number, and a prefix given is used as before. Read through `steerco minutes`, as a clerk would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from tests.test_formalities import Clock, held, service


def minutes_of_a_meeting(tmp_path: Path, meeting_block: str) -> str:
    clock = Clock()
    svc = service(tmp_path, clock, meeting_block)
    meeting = held(svc, clock, date(2026, 11, 10),
                   enter=(("apologies", None), ("declarations", None), ("action", "7.1"), ("risk", "SSC15-3")))
    svc.set_status(meeting, "7.1", "G")
    clock.tick(30)
    svc.close_meeting(meeting)
    svc.close()
    result = CliRunner().invoke(main, ["minutes", "ni15", "--db", str(tmp_path / "steerco.db"),
                                       "--plans", str(tmp_path / "plans")])
    assert result.exit_code == 0, result.output
    return result.output


def action_heading(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("#### Action 7.1:"))


def test_no_prefix_in_the_plan_reads_minute_and_the_number(tmp_path: Path) -> None:
    text = minutes_of_a_meeting(tmp_path, "")
    assert "## 1. Attendance and apologies (Minute 26/01)" in text
    assert "## 2. Declarations of interest (Minute 26/02)" in text
    assert action_heading(text).endswith(" (Minute 26/03)")
    assert "| Minute 26/04 | SSC15-3 |" in text
    assert "(26/0" not in text and "| 26/0" not in text


@pytest.mark.parametrize("block, heading, row", [
    ("meeting:\n  minute_prefix: SSG\n", "(SSG 26/01)", "| SSG 26/04 | SSC15-3 |"),
    ("meeting:\n  minute_prefix: ''\n", "(26/01)", "| 26/04 | SSC15-3 |"),
])
def test_a_prefix_the_plan_gives_is_used_as_given(tmp_path: Path, block: str, heading: str, row: str) -> None:
    text = minutes_of_a_meeting(tmp_path, block)
    assert f"## 1. Attendance and apologies {heading}" in text
    assert row in text
    assert "Minute 26/" not in text
