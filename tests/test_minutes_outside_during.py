"""A status or a risk rating recorded outside the walk-through while the meeting is open is in that
meeting's minutes, as an indicator value is (tests/test_minutes_indicators_outside.py).

A new user ran the meeting in the app and, in another terminal, typed `steerco rate-risk` and
`steerco record` while it was open. The risk came out at its OLD rating in that meeting's minutes,
and the next meeting showed the new rating marked "Not re-rated": the re-rating was minuted
nowhere. The status was in neither. Now each is the meeting's last word on its item (when the
item was left at it), minuted with who and the route in the words the indicators use: "recorded
during the meeting by X, via steerco rate-risk" / "via steerco record".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from steerco.cli import main
from storage.minutes.gather import gather
from storage.minutes.render import DURING_WORDS, render_minutes
from storage.service.service import Service
from storage.store.records import Meeting
from tests.test_tui_support import Clock, ni15_folder
from tui.screens.close import summary_markup

CHAIR = "michael-harrison"


def _start(service: Service, held_on: date) -> Meeting:
    return service.start_meeting("ni15", held_on, CHAIR, [CHAIR], [], [], "all")


def _line(minutes: str, starts: str) -> str:
    return next(line for line in minutes.splitlines() if line.startswith(starts))


def _meetings(tmp_path: Path) -> tuple[Service, Clock, Meeting, Meeting]:
    """M1 (18 Mar 2010 10:00 UTC): twenty minutes in, 7.1 recorded Red and SSC15-1 re-rated 5 × 5 on
    the command line (source command-line, no meeting); closed. M2 (15 Jul): nothing new; closed."""
    clock = Clock(datetime(2010, 3, 18, 10, tzinfo=UTC))
    service = Service.open(tmp_path / "s.db", ni15_folder(tmp_path), clock=clock, today=date(2010, 7, 15))
    plan = service.plan("ni15")
    m1 = _start(service, date(2010, 3, 18))
    clock.at += timedelta(minutes=20)
    service.record_update(plan, "7.1", "R", "Licensing forum cancelled", "Mark Williams")
    service.record_rating(plan, "SSC15-1", 5, 5, "Budget cut confirmed", "Mark Williams")
    clock.at += timedelta(hours=1)
    service.close_meeting(m1, None)
    clock.at = datetime(2010, 7, 15, 13, tzinfo=UTC)
    m2 = _start(service, date(2010, 7, 15))
    clock.at += timedelta(hours=1)
    service.close_meeting(m2, None)
    return service, clock, service.meeting(m1.id), service.meeting(m2.id)


def test_a_status_and_a_rating_typed_during_the_meeting_are_its_own(tmp_path: Path) -> None:
    service, _, m1, m2 = _meetings(tmp_path)
    typed = (datetime(2010, 3, 18, 10, 20, tzinfo=UTC), "Mark Williams", "command-line")
    with service:
        first = gather(service._store, m1.id)
        [action] = [a for _, actions in first.themes for a in actions]
        assert (action.id, action.status, action.reported, action.by) == ("7.1", "Red", "during", typed)
        assert not action.rated  # not agreed by the meeting: the summary counts those
        assert (action.previous, action.change, action.update_note) == (None, "not rated before",
                                                                          "Licensing forum cancelled")
        assert "7.1" not in first.not_discussed
        assert "7.1" not in [o.id for o in first.overdue_not_discussed]
        risk = next(r for r in first.risks if r.id == "SSC15-1")
        assert (risk.impact, risk.likelihood, risk.rating, risk.band) == (5, 5, 25, "Very high")
        assert (risk.change, risk.reported, risk.rerated, risk.note) == ("Up from 6 (Medium)", "during", typed,
                                                                         "Budget cut confirmed")
        assert all(r.reported == "" for r in first.risks if r.id != "SSC15-1")
        # The next meeting found them so: minuted once, at the meeting they were typed during.
        second = gather(service._store, m2.id)
        risk = next(r for r in second.risks if r.id == "SSC15-1")
        assert (risk.rating, risk.change, risk.reported, risk.rerated) == (25, "Not re-rated", "", None)
        assert [a for _, actions in second.themes for a in actions] == []
        assert "7.1" in second.not_discussed


def test_the_minutes_word_the_three_kinds_alike(tmp_path: Path) -> None:
    service, _, m1, _m2 = _meetings(tmp_path)
    with service:
        service.record_value(service.plan("ni15"), "NI 15", "Yr 1 - 2008/9", 0.7, "", "Mark Williams")  # after M2
        minutes = render_minutes(service._store, m1.id)
    by = "by Mark Williams, via steerco"
    assert _line(minutes, "- Status:") == f"- Status: **Red** ({DURING_WORDS} {by} record; not rated before)."
    assert _line(minutes, "| SSC15-1 |").endswith(f"| Up from 6 (Medium), {DURING_WORDS} {by} rate-risk |")
    assert "- SSC15-1: Note: Budget cut confirmed" in minutes
    assert "- Update: Licensing forum cancelled" in minutes
    assert "On the agenda with no update recorded: 7.2," in minutes
    assert "No statuses were agreed at this meeting." in minutes  # typed, not agreed
    assert DURING_WORDS == "recorded during the meeting"  # as the indicators' Value cell has it


def test_the_closed_meetings_walk_through_shows_what_its_minutes_say(tmp_path: Path) -> None:
    """A closed meeting's read-only walk-through reads what the meeting knew by its minutes' rule
    (`KNOWN`): the status and rating typed during it, not the later ones."""
    service, _, m1, _m2 = _meetings(tmp_path)
    with service:
        plan = service.plan("ni15")
        service.record_update(plan, "7.1", "G", "", "Mark Williams")  # after M2 closed
        service.record_rating(plan, "SSC15-1", 1, 1, "", "Mark Williams")
        assert service.action_codes("ni15", ["7.1"], as_of=m1) == {"7.1": "R"}
        assert [u.rag for u in service.history("ni15", "7.1", as_of=m1)] == ["R"]
        risk = next(r for r in service.risks("ni15", as_of=m1) if r.risk.id == "SSC15-1")
        assert risk.rating == 25


def test_the_walk_through_after_the_command_line_is_the_meetings_word(tmp_path: Path) -> None:
    """Typed on the command line, then agreed at the meeting: the meeting's own record is the last
    word, minuted as agreed; agreed, then typed on the command line: the typed one, with its route."""
    clock = Clock(datetime(2010, 3, 18, 10, tzinfo=UTC))
    with Service.open(tmp_path / "s.db", ni15_folder(tmp_path), clock=clock, today=date(2010, 3, 18)) as service:
        plan = service.plan("ni15")
        meeting = _start(service, date(2010, 3, 18))
        clock.at += timedelta(minutes=5)
        service.record_update(plan, "7.1", "R", "", "Mark Williams")
        service.record_rating(plan, "SSC15-1", 5, 5, "", "Mark Williams")
        service.set_status(meeting, "7.2", "A")
        clock.at += timedelta(minutes=5)
        service.set_status(meeting, "7.1", "A")
        service.rate_risk(meeting, "SSC15-1", 4, 4)
        service.record_update(plan, "7.2", "G", "", "Mark Williams")
        found = gather(service._store, meeting.id)
        actions = {a.id: a for _, listed in found.themes for a in listed}
        assert (actions["7.1"].status, actions["7.1"].rated, actions["7.1"].reported) == ("Amber", True, "")
        assert (actions["7.2"].status, actions["7.2"].rated, actions["7.2"].reported) == ("Green", False, "during")
        risk = next(r for r in found.risks if r.id == "SSC15-1")
        assert (risk.rating, risk.reported, risk.rerated) == (16, "", None)


def test_the_close_summary_counts_them_and_the_meeting_recorded_something(tmp_path: Path) -> None:
    clock = Clock(datetime(2010, 3, 18, 10, tzinfo=UTC))
    with Service.open(tmp_path / "s.db", ni15_folder(tmp_path), clock=clock, today=date(2010, 3, 18)) as service:
        plan = service.plan("ni15")
        meeting = _start(service, date(2010, 3, 18))
        assert service.nothing_recorded(meeting)
        clock.at += timedelta(minutes=5)
        service.record_update(plan, "7.1", "R", "", "Mark Williams")
        assert not service.nothing_recorded(meeting)
        summary = service.summary(meeting)
        assert (summary.statuses_set, summary.changes, summary.ratings) == ({"7.1": "R"}, {"7.1": ("-", "R")}, 0)
        assert summary.outside == ("7.1",)  # the minutes do not count it as agreed: the close dialog says why
        assert "(1 recorded outside the walk-through while the meeting ran, not agreed at it: 7.1)" in \
            summary_markup(plan, summary)
        service.record_rating(plan, "SSC15-1", 5, 5, "", "Mark Williams")
        service.record_rating(plan, "SSC15-1", 5, 4, "corrected", "Mark Williams")
        assert service.summary(meeting).ratings == 1


def _cli(plans: Path, db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--plans", str(plans), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def test_typed_on_the_command_line_while_the_meeting_is_open_then_the_minutes_file(tmp_path: Path) -> None:
    """The new user's try: a meeting open, `steerco rate-risk` and `steerco record` in another
    terminal, the meeting closed, `steerco minutes -o FILE`; then the next meeting's."""
    plans, db = ni15_folder(tmp_path), tmp_path / "steerco.db"
    with Service.open(db, plans) as service:
        first = _start(service, date.today()).id
    _cli(plans, db, "rate-risk", "ni15", "SSC15-1", "--impact", "5", "--likelihood", "5", "--by", "harrison",
         "--note", "Re-rated while the meeting was open")
    _cli(plans, db, "record", "ni15", "7.1", "--status", "R", "--note", "Typed while the meeting was open",
         "--by", "harrison")
    with Service.open(db, plans) as service:
        service.close_meeting(service.meeting(first), None)
        second = _start(service, date.today()).id
        service.close_meeting(service.meeting(second), None)
    out = tmp_path / "first.md"
    _cli(plans, db, "minutes", "ni15", "--meeting", str(first), "-o", str(out))
    minutes = out.read_text(encoding="utf-8")
    by = "recorded during the meeting by ACC Michael Harrison, via steerco"
    assert _line(minutes, "| SSC15-1 |").endswith(f"| 5 | 5 | 25 | Very high | Up from 6 (Medium), {by} rate-risk |")
    assert "- SSC15-1: Note: Re-rated while the meeting was open" in minutes
    assert "#### Action 7.1:" in minutes
    assert _line(minutes, "- Status:") == f"- Status: **Red** ({by} record; not rated before)."
    assert "- Update: Typed while the meeting was open" in minutes
    out = tmp_path / "second.md"
    _cli(plans, db, "minutes", "ni15", "--meeting", str(second), "-o", str(out))
    minutes = out.read_text(encoding="utf-8")
    assert _line(minutes, "| SSC15-1 |").endswith("| 5 | 5 | 25 | Very high | Not re-rated |")
    assert "during the meeting" not in minutes
