"""Indicator values recorded outside the walk-through are in the minutes (new-user try, session 9).

A performance officer records values with `steerco indicator` while the steering group's meeting
is open, or between meetings. A value typed during the meeting was in no minutes at all (the
meeting's read took what was recorded at it or before it opened), and one typed between meetings
was minuted "(reported before this meeting)" with nothing of who or how, where the risk register
says "Re-rated between meetings: …, 20 Nov 2026 by …, via steerco rate-risk". Now a value recorded
outside any meeting while the meeting was open is in that meeting's minutes, with who and the
route; one recorded since the previous meeting closed is reported at the next as between
meetings, with when, who and the route (before a first meeting: "before this meeting", the same).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from steerco.cli import main
from storage.minutes.gather import gather
from storage.minutes.render import render_minutes, short_date
from storage.plan.zones import time_zone
from storage.service.service import Service
from storage.store.records import Meeting
from tests.test_tui_support import Clock, ni15_folder

YR1, YR2, YR3 = "Yr 1 - 2008/9", "Yr 2 - 2009/10", "Yr 3 - 2010/11"
CHAIR = "michael-harrison"


def _start(service: Service, held_on: date) -> Meeting:
    return service.start_meeting("ni15", held_on, CHAIR, [CHAIR], [], [], "all")


def _ni15_row(minutes: str) -> str:
    return next(line for line in minutes.splitlines() if line.startswith("| NI 15:"))


def _meetings(tmp_path: Path) -> tuple[Service, Clock, list[Meeting]]:
    """M1 (opened 18 Mar 2010 10:00 UTC): Yr 1 0.70 typed on the command line while it is open, then
    closed. Between meetings, Yr 2 0.69 on the command line. M2 (15 Jul): nothing new; closed.
    M3 (14 Oct): Yr 3 0.66 through its walk-through; closed. M4 (9 Dec): nothing since M3."""
    clock = Clock(datetime(2010, 3, 18, 10, tzinfo=UTC))
    service = Service.open(tmp_path / "s.db", ni15_folder(tmp_path), clock=clock, today=date(2010, 12, 9))
    plan = service.plan("ni15")
    m1 = _start(service, date(2010, 3, 18))
    clock.at += timedelta(minutes=20)
    service.record_value(plan, "NI 15", YR1, 0.70, "Police crime recording", "Mark Williams")
    clock.at += timedelta(hours=1)
    service.close_meeting(m1, None)
    clock.at = datetime(2010, 5, 20, 9, tzinfo=UTC)
    service.record_value(plan, "NI 15", YR2, 0.69, "Year to March", "Mark Williams")
    clock.at = datetime(2010, 7, 15, 13, tzinfo=UTC)
    m2 = _start(service, date(2010, 7, 15))
    clock.at += timedelta(hours=1)
    service.close_meeting(m2, None)
    clock.at = datetime(2010, 10, 14, 13, tzinfo=UTC)
    m3 = _start(service, date(2010, 10, 14))
    service.record_indicator(m3, "NI 15", YR3, 0.66)
    clock.at += timedelta(hours=1)
    service.close_meeting(m3, None)
    clock.at = datetime(2010, 12, 9, 13, tzinfo=UTC)
    m4 = _start(service, date(2010, 12, 9))
    clock.at += timedelta(hours=1)
    service.close_meeting(m4, None)
    return service, clock, [service.meeting(m.id) for m in (m1, m2, m3, m4)]


def test_how_each_meeting_came_by_its_value(tmp_path: Path) -> None:
    service, _, (m1, m2, m3, m4) = _meetings(tmp_path)
    with service:
        store = service._store
        during = gather(store, m1.id).indicators[0]
        assert (during.period, during.value, during.reported) == (YR1, "0.7", "during")
        assert during.by == (datetime(2010, 3, 18, 10, 20, tzinfo=UTC), "Mark Williams", "command-line")
        assert (during.target, during.against, during.note) == ("0.72", "Met", "Police crime recording")
        between = gather(store, m2.id).indicators[0]
        assert (between.period, between.value, between.reported) == (YR2, "0.69", "between")
        assert between.by == (datetime(2010, 5, 20, 9, tzinfo=UTC), "Mark Williams", "command-line")
        assert "result 0.7 → 0.679" in between.target  # Yr 1's result, typed during M1, is M2's base
        at = gather(store, m3.id).indicators[0]
        assert (at.period, at.value, at.reported, at.by) == (YR3, "0.66", "", None)
        earlier = gather(store, m4.id).indicators[0]
        assert (earlier.period, earlier.reported, earlier.by) == (YR3, "earlier", None)


def test_a_value_typed_during_the_meeting_is_in_its_walk_through_and_draft(tmp_path: Path) -> None:
    """The read-only walk-through of a closed meeting shows what its minutes report (one bound), and
    the draft minutes of an open meeting already have the value; one typed after the close is not in
    them, and the closed meeting's minutes stay the same bytes."""
    service, clock, (m1, *_rest) = _meetings(tmp_path)
    with service:
        assert [(v.period, v.value) for v in service.indicator_values("ni15", as_of=m1)] == [(YR1, 0.70)]
        before = render_minutes(service._store, m1.id)
        clock.at = datetime(2010, 12, 9, 16, tzinfo=UTC)
        m5 = _start(service, date(2010, 12, 9))
        clock.at += timedelta(minutes=5)
        service.record_value(service.plan("ni15"), "NI 15", YR3, 0.64, "revised", "Mark Williams")
        draft = _ni15_row(render_minutes(service._store, m5.id))
        assert f"| {YR3} | 0.64 (recorded during the meeting by Mark Williams, via steerco indicator) |" in draft
        assert render_minutes(service._store, m1.id) == before


def test_a_value_typed_while_an_abandoned_meeting_ran_is_between_meetings(tmp_path: Path) -> None:
    """An abandoned meeting has no minutes: what was typed while it ran is reported at the next one kept."""
    clock = Clock(datetime(2010, 3, 18, 10, tzinfo=UTC))
    with Service.open(tmp_path / "s.db", ni15_folder(tmp_path), clock=clock, today=date(2010, 7, 15)) as service:
        first = _start(service, date(2010, 3, 18))
        clock.at += timedelta(hours=1)
        service.close_meeting(first, None)
        clock.at = datetime(2010, 6, 1, 10, tzinfo=UTC)
        mistake = _start(service, date(2010, 6, 1))
        clock.at += timedelta(minutes=5)
        service.record_value(service.plan("ni15"), "NI 15", YR2, 0.69, "", "Mark Williams")
        service.abandon_meeting(mistake, "opened by mistake")
        clock.at = datetime(2010, 7, 15, 13, tzinfo=UTC)
        kept = _start(service, date(2010, 7, 15))
        found = gather(service._store, kept.id).indicators[0]
        assert (found.value, found.reported) == ("0.69", "between")
        assert gather(service._store, first.id).indicators[0].value == "not yet reported"


def test_the_markdown_says_how_each_value_came(tmp_path: Path) -> None:
    service, _, (m1, m2, m3, m4) = _meetings(tmp_path)
    with service:
        store = service._store
        rows = [_ni15_row(render_minutes(store, m.id)) for m in (m1, m2, m3, m4)]
        assert f"| {YR1} | 0.7 (recorded during the meeting by Mark Williams, via steerco indicator) | 0.72 | Met |" \
            in rows[0], rows[0]
        assert f"| {YR2} | 0.69 (reported between meetings, 20 May 2010 by Mark Williams, via steerco indicator) |" \
            in rows[1], rows[1]
        assert f"| {YR3} | 0.66 |" in rows[2], rows[2]
        assert f"| {YR3} | 0.66 (reported before this meeting) |" in rows[3], rows[3]
        assert "- NI 15: Note: Police crime recording" in render_minutes(store, m1.id)


def test_before_a_first_meeting_and_a_hostile_name(tmp_path: Path) -> None:
    """At a plan's first meeting every earlier value came before it (as the risk register's "Re-rated
    before this meeting"); the day is the meeting's zone's; the name is escaped as typed text."""
    clock = Clock(datetime(2010, 3, 17, 23, 30, tzinfo=UTC))  # 17 March in London (GMT)
    with Service.open(tmp_path / "s.db", ni15_folder(tmp_path), clock=clock, today=date(2010, 3, 18)) as service:
        service.record_value(service.plan("ni15"), "NI 15", YR1, 0.70, "", "*Mark* | <b>")
        clock.at = datetime(2010, 3, 18, 10, tzinfo=UTC)
        meeting = _start(service, date(2010, 3, 18))
        row = _ni15_row(render_minutes(service._store, meeting.id))
    assert (f"| {YR1} | 0.7 (reported before this meeting, 17 Mar 2010 by \\*Mark\\* \\| \\<b\\>, "
            "via steerco indicator) |") in row, row


def _cli(plans: Path, db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--plans", str(plans), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_officer_records_on_the_command_line_and_the_minutes_file_says_so(tmp_path: Path) -> None:
    """The workflow as the new user tried it: a meeting open in the app, `steerco indicator` in
    another terminal, the meeting closed, `steerco minutes -o`; then a value between meetings."""
    plans, db = ni15_folder(tmp_path), tmp_path / "steerco.db"
    with Service.open(db, plans) as service:
        first = _start(service, date.today()).id
    _cli(plans, db, "indicator", "ni15", "NI 15", "--period", "Yr 1", "--value", "0.70", "--by", "harrison",
         "--note", "Typed while the meeting was open")
    with Service.open(db, plans) as service:
        service.close_meeting(service.meeting(first), None)
    _cli(plans, db, "indicator", "ni15", "NI 15", "--period", "Yr 2", "--value", "0.69", "--by", "harrison")
    with Service.open(db, plans) as service:
        second = _start(service, date.today()).id
        service.close_meeting(service.meeting(second), None)
    out = tmp_path / "first.md"
    _cli(plans, db, "minutes", "ni15", "--meeting", str(first), "-o", str(out))
    minutes = out.read_text(encoding="utf-8")
    assert (f"| {YR1} | 0.7 (recorded during the meeting by ACC Michael Harrison, via steerco indicator) | 0.72 "
            "| Met |") in _ni15_row(minutes), _ni15_row(minutes)
    assert "- NI 15: Note: Typed while the meeting was open" in minutes
    out = tmp_path / "second.md"
    _cli(plans, db, "minutes", "ni15", "--meeting", str(second), "-o", str(out))
    row = _ni15_row(out.read_text(encoding="utf-8"))
    with Service.open(db, plans) as service:
        [_, value] = service.indicator_values("ni15", "NI 15")
    recorded = short_date(value.recorded_at.astimezone(time_zone("Europe/London")).date())  # its day in London
    assert (f"| {YR2} | 0.69 (reported between meetings, {recorded} by ACC Michael Harrison, via steerco indicator) "
            "|") in row, row


def test_the_close_summary_counts_a_value_typed_during_the_meeting(tmp_path: Path) -> None:
    """The close dialog says what the minutes will: the value is counted, and the meeting is not one
    that 'recorded nothing' (offered to be abandoned, 'Its minutes will record nothing')."""
    clock = Clock(datetime(2010, 3, 18, 10, tzinfo=UTC))
    with Service.open(tmp_path / "s.db", ni15_folder(tmp_path), clock=clock, today=date(2010, 3, 18)) as service:
        service.record_value(service.plan("ni15"), "NI 15", YR1, 0.71, "", "Mark Williams")  # before: not counted
        clock.at += timedelta(minutes=1)
        meeting = _start(service, date(2010, 3, 18))
        assert service.nothing_recorded(meeting) and service.summary(meeting).values == 0
        clock.at += timedelta(minutes=5)
        service.record_value(service.plan("ni15"), "NI 15", YR1, 0.70, "", "Mark Williams")
        service.record_value(service.plan("ni15"), "NI 15", YR1, 0.69, "corrected", "Mark Williams")
        assert not service.nothing_recorded(meeting)
        assert service.summary(meeting).values == 1  # one a period, as for values recorded at the meeting
