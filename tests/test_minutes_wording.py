"""What the minutes say in words a clerk would sign (the new-user try of issue 15): a RESOLVED the
chair typed is not doubled, a meeting typed in on a later day says when it was recorded instead of
clock times (and the setup warns of a date long past), a note on a matter arising names it, the
attendance names the meeting body's members who were absent and the chair first, and `steerco
minutes` says why a plan whose only meeting was abandoned has no minutes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from click.testing import CliRunner

from steerco.cli import main
from storage.minutes.formal import resolved
from storage.minutes.render import render_minutes
from storage.service.service import Service
from tests.format_readers import read_html
from tests.test_formalities import PRESENT, Clock, at, held, service


def test_a_typed_resolved_is_kept_once_however_written() -> None:
    assert resolved("RESOLVED that the PCC be asked to confirm funding") == "that the PCC be asked to confirm funding"
    assert resolved("Resolved: that the PCC be asked") == "that the PCC be asked"
    assert resolved("agreed, that the PCC be asked") == "that the PCC be asked"
    assert resolved("AGREED — RESOLVED that x") == "that x"
    assert resolved("Resolved that") == "Resolved that"  # nothing after it: the chair's words
    assert resolved("Resolvedthat x") == "Resolvedthat x"
    assert resolved("Agreed to fund the scheme") == "Agreed to fund the scheme"


def test_minutes_print_resolved_once_in_markdown_and_html(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        meeting = held(svc, clock, date(2026, 11, 10), enter=(("action", "7.1"),))
        svc.record_decision(meeting, at(meeting, "action", "7.1"), "RESOLVED that the PCC be asked to confirm funding")
        svc.close_meeting(meeting)
        text = render_minutes(svc._store, meeting.id)
        html = svc.minutes_as(meeting.id, "html")
    assert "**RESOLVED:** that the PCC be asked to confirm funding" in text
    assert "RESOLVED that" not in text
    assert isinstance(html, str)
    page = " ".join(read_html(html).text.split())
    assert "RESOLVED: that the PCC be asked to confirm funding" in page and "RESOLVED that" not in page


def test_a_meeting_typed_in_later_says_when_it_was_recorded(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        clock.now = datetime(2026, 12, 1, 15, tzinfo=UTC)
        late = svc.start_meeting("ni15", date(2026, 11, 3), "michael-harrison", PRESENT, [], [], "all")
        clock.tick()
        svc.close_meeting(late)
        on_the_day = held(svc, clock, date(2026, 12, 1))
        clock.tick()
        svc.close_meeting(on_the_day)
        late_text = render_minutes(svc._store, late.id)
        day_text = render_minutes(svc._store, on_the_day.id)
    head = late_text.split("## 1.")[0]
    assert "- Date: Tuesday 3 November 2026\n- Recorded on 1 December 2026\n- Chair:" in head
    assert "Opened:" not in head and "Closed:" not in head and "15:0" not in head
    assert "- Opened: 10:00 GMT\n- Closed: 10:01 GMT\n" in day_text  # held the day it was opened: its times


def test_an_open_meeting_on_its_day_gives_its_opening_time(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        meeting = held(svc, clock, date(2026, 11, 10))
        text = render_minutes(svc._store, meeting.id)
    assert "- Opened: 10:00 GMT\n- Closed: meeting still open\n" in text


def test_the_setup_warns_of_a_date_more_than_a_cycle_ago(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:  # today 10 Nov 2026, a 31-day cycle
        assert svc.setup_warnings("ni15", date(2026, 10, 3), PRESENT) == [
            "3 Oct 2026 is 38 days ago: recording a past meeting? its times will be the day you record it"]
        assert svc.setup_warnings("ni15", date(2026, 10, 10), PRESENT) == []  # 31 days: within a cycle
        assert svc.setup_warnings("ni15", date(2026, 11, 10), PRESENT) == []


def test_a_note_on_a_matter_arising_names_it(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        first = held(svc, clock, date(2026, 11, 10), enter=(("action", "7.1"),))
        arising = svc.add_action_arising(first, at(first, "action", "7.1"), "Sign the data-sharing agreement",
                                         "michael-harrison", date(2026, 12, 1))
        svc.close_meeting(first)
        second = held(svc, clock, date(2026, 12, 8), enter=(("matters_arising", arising.ref),))
        here = at(second, "matters_arising", arising.ref)
        svc.record_note(second, here, "Data-sharing agreement signed 28 Nov")
        svc.record_decision(second, here, "Agreed: close it")
        svc.close_meeting(second)
        text = render_minutes(svc._store, second.id)
    section = text.split("Matters arising")[1].split("## ")[0]
    assert f"- {arising.ref}: Data-sharing agreement signed 28 Nov\n" in section
    assert f"- {arising.ref}: **RESOLVED:** close it\n" in section
    assert "Discussion:" not in section


def test_the_attendance_names_the_chair_first_and_the_members_absent(tmp_path: Path) -> None:
    clock = Clock()
    block = "meeting_body: strategy-group\nmeeting:\n  minute_prefix: SSG\n"
    with service(tmp_path, clock, block) as svc:
        clock.now = datetime(2026, 11, 10, 10, tzinfo=UTC)
        body = [m.person for m in svc.plan("ni15").meeting_group.members if m.person]  # type: ignore[union-attr]
        chair, present, sorry = body[0], body[1:3], body[3]
        meeting = svc.start_meeting("ni15", date(2026, 11, 10), chair, [*present, chair], [sorry], [], "all")
        svc.close_meeting(meeting)
        text = render_minutes(svc._store, meeting.id)
        names = {p.id: p.name for p in svc.plan("ni15").people}
    attendance = text.split("## 1.")[1].split("## 2.")[0]
    present_line = next(line for line in attendance.splitlines() if line.startswith("**Present:**"))
    assert present_line.startswith(f"**Present:** {names[chair]} (Chair")
    absent_line = next(line for line in attendance.splitlines() if line.startswith("**Absent:**"))
    for person in body[4:]:
        assert names[person] in absent_line
    for person in [chair, *present, sorry]:
        assert names[person] not in absent_line


def test_no_absent_line_without_a_meeting_body(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        meeting = held(svc, clock, date(2026, 11, 10))
        svc.close_meeting(meeting)
        assert "**Absent:**" not in render_minutes(svc._store, meeting.id)


def test_minutes_of_a_plan_whose_only_meeting_was_abandoned(tmp_path: Path) -> None:
    clock = Clock(); clock.now = datetime(2026, 12, 1, 10, tzinfo=UTC)  # noqa: E702
    svc: Service
    with service(tmp_path, clock) as svc:
        svc.abandon_meeting(svc.start_meeting("ni15", date(2026, 12, 1), "michael-harrison", PRESENT, [], [], "all"))
    env = {"STEERCO_PLANS": str(tmp_path / "plans"), "STEERCO_DB": str(tmp_path / "steerco.db"),
           "STEERCO_CACHE": str(tmp_path / "cache"), "STEERCO_HOME": str(tmp_path)}
    shown = CliRunner().invoke(main, ["minutes", "ni15"], env=env)
    assert shown.exit_code == 2, shown.output
    assert "plan ni15 has no minutes: its only meeting (1 Dec 2026) was abandoned" in shown.output
    assert "Traceback" not in shown.output
