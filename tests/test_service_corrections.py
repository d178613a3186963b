"""Corrections through the service: refused for a closed meeting and for another meeting's record;
the close summary, the minutes and the action log show the latest; history marks a status recorded
again in its meeting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storage.service.corrections import NotThisMeeting, corrected_in_meeting, meeting_finals
from storage.service.service import Service
from storage.store.opening import MeetingClosed
from tests.test_tui_support import TODAY, Clock, ni15_folder, seed_history


@pytest.fixture
def service(tmp_path: Path):
    seed_history(tmp_path / "s.db")
    service = Service.open(tmp_path / "s.db", ni15_folder(tmp_path), clock=Clock(), today=TODAY)
    yield service
    service.close()


def first_action(service: Service, meeting) -> int:
    return next(n for n, item in enumerate(meeting.agenda, 1) if item.kind == "action")


def test_the_summary_minutes_and_log_show_the_latest(service: Service) -> None:
    meeting = service.start_meeting("ni15", TODAY, "michael-harrison", ["michael-harrison"], [], [], "all")
    here = first_action(service, meeting)
    service.record_note(meeting, here, "Licensing forum met twic")
    service.record_decision(meeting, here, "Refer hot spots to the forum")
    service.record_decision(meeting, here, "Agreed: a decision taken in error")
    service.add_action_arising(meeting, here, "Map late night venues", "Adrian", date(2010, 7, 1))
    record = {r.kind + str(n): r for n, r in enumerate(service.meeting_record(meeting))}
    note, decision, wrong, arising = record["note0"], record["decision1"], record["decision2"], record["arising3"]
    service.correct_record(meeting, "note", note.target_id, "Licensing forum met twice")
    service.correct_record(meeting, "decision", decision.target_id, "Refer hot spots to the licensing forum")
    service.withdraw_record(meeting, "decision", wrong.target_id)
    service.correct_record(meeting, "arising", arising.target_id, "Map late-night venues", owner="ben-adams",
                           due=date(2010, 7, 30))
    action_id = meeting.item(here).ref or ""
    service.set_status(meeting, action_id, "R")
    service.set_status(meeting, action_id, "A")
    summary = service.summary(meeting)
    assert [d.text for d in summary.decisions] == ["Refer hot spots to the licensing forum"]
    assert [(a.text, a.owner, a.due) for a in summary.arising] == [("Map late-night venues", "Cllr Ben Adams",
                                                                     date(2010, 7, 30))]
    assert summary.statuses_set[action_id] == "A"
    minutes = service.minutes(meeting.id)
    assert "Licensing forum met twice" in minutes and "twic\n" not in minutes
    assert "Refer hot spots to the licensing forum" in minutes and "taken in error" not in minutes
    assert "Map late-night venues" in minutes and "Cllr Ben Adams" in minutes and "Map late night" not in minutes
    assert "amended" not in minutes.lower()  # the minutes show the final text, clean
    (logged,) = [e for e in service.action_log("ni15", as_of=TODAY) if e.ref == arising.ref]
    assert "Map late-night venues" in str(logged)
    history = service.history("ni15", action_id)
    assert corrected_in_meeting(history)[history[0].id].rag == "R"
    finals = meeting_finals(history)
    assert finals[0].rag == "A" and history[1].id not in {u.id for u in finals}
    assert service.status_corrected_from(meeting, action_id) == "R"


def test_a_closed_meeting_and_another_meetings_record_are_refused(service: Service) -> None:
    first = service.start_meeting("ni15", TODAY, "michael-harrison", ["michael-harrison"], [], [], "all")
    service.record_decision(first, first_action(service, first), "Agreed")
    (decision,) = service.meeting_record(first)
    first = service.close_meeting(first)
    with pytest.raises(MeetingClosed):
        service.correct_record(first, "decision", decision.target_id, "Changed")
    with pytest.raises(MeetingClosed):
        service.withdraw_record(first, "decision", decision.target_id)
    second = service.start_meeting("ni15", date(2010, 7, 16), "michael-harrison", ["michael-harrison"], [], [],
                                   "all")
    with pytest.raises(NotThisMeeting):
        service.correct_record(second, "decision", decision.target_id, "Changed at the next meeting")
    assert [d.text for d in service.decisions(first)] == ["Agreed"]
    assert service.meeting_record(first)[0].corrected is False
