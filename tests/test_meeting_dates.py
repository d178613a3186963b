"""The date of the next meeting (a plan cycle on, off weekends and bank holidays), the quorum rule,
the chair offered, and what abandoning a meeting does to the store."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storage.plan.quorum import quorum
from storage.service.meeting_dates import next_meeting_day
from storage.service.service import Service
from storage.store.opening import MeetingClosed, StoreError
from storage.store.records import AgendaItem, Attendee
from storage.store.store import Store
from tests.test_tui_support import NI15, Clock


def test_a_plain_weekday_is_kept() -> None:
    found = next_meeting_day(date(2026, 12, 1), 30, "England")
    assert found.day == date(2026, 12, 31) and found.moved == ""


def test_a_weekend_moves_to_monday() -> None:
    found = next_meeting_day(date(2027, 1, 2), 14, "England")  # Saturday 16 January 2027
    assert found.day == date(2027, 1, 18)
    assert found.moved == "16 Jan 2027 is a Saturday: moved to Monday 18 January 2027"


def test_a_bank_holiday_moves_past_the_weekend() -> None:
    found = next_meeting_day(date(2026, 12, 1), 31, "England")  # Friday 1 January 2027
    assert found.day == date(2027, 1, 4)
    assert found.moved == "1 Jan 2027 is New Year's Day: moved to Monday 4 January 2027"


def test_the_christmas_run_names_each_bank_holiday() -> None:
    found = next_meeting_day(date(2027, 11, 25), 30, "England")  # Saturday 25 December 2027
    assert found.day == date(2027, 12, 29)
    assert found.moved == ("25 Dec 2027 is Christmas Day; 27 Dec 2027 is Christmas Day (observed); "
                           "28 Dec 2027 is Boxing Day (observed): moved to Wednesday 29 December 2027")


def test_region_none_moves_off_weekends_only() -> None:
    assert next_meeting_day(date(2026, 12, 1), 31, "none").day == date(2027, 1, 1)
    found = next_meeting_day(date(2027, 11, 25), 30, "none")
    assert found.day == date(2027, 12, 27) and found.moved.startswith("25 Dec 2027 is a Saturday")


def test_the_region_chooses_the_bank_holidays() -> None:
    # 2 January is a bank holiday in Scotland, not in England.
    assert next_meeting_day(date(2026, 12, 3), 30, "England").day == date(2027, 1, 4)
    scotland = next_meeting_day(date(2027, 12, 3), 30, "Scotland")  # Sunday 2 January 2028
    assert scotland.day == date(2028, 1, 5)
    assert "3 Jan 2028 is New Year's Day (observed)" in scotland.moved


def _plan(tmp: Path, extra: str = "", *, drop_chairs: bool = False) -> Path:
    text = NI15.read_text(encoding="utf-8")
    if drop_chairs:
        text = text.replace('role: "Chair"', 'role: "Member"')
    folder = tmp / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ni15.yaml").write_text(text + extra, encoding="utf-8")
    return folder


def _service(tmp: Path, extra: str = "", **kw: bool) -> Service:
    clock = Clock(datetime(2026, 12, 1, 10, tzinfo=UTC))
    return Service.open(tmp / "steerco.db", _plan(tmp, extra, **kw), clock=clock, today=date(2026, 12, 1))


def test_quorum_counts_those_present(tmp_path: Path) -> None:
    with _service(tmp_path, "meeting:\n  quorum: 3\n") as service:
        plan = service.plan("ni15")
        short = quorum(plan, ["ben-adams", "sue-price", None])  # someone typed, not on the roster: counts
        assert short is not None and short.met
        two = quorum(plan, ["ben-adams", "sue-price"])
        assert two is not None and not two.met
        assert two.setup_words() == "Present 2 of quorum 3 — not quorate"
        assert two.minutes_words() == "The meeting was not quorate (2 present, quorum 3)."
        assert short.minutes_words() == "The meeting was quorate."
    with _service(tmp_path / "b") as service:
        assert quorum(service.plan("ni15"), ["ben-adams"]) is None


def test_the_chair_offered(tmp_path: Path) -> None:
    with _service(tmp_path / "named", "meeting:\n  chair: sue-price\n") as service:
        assert service.default_chair("ni15") == "sue-price"
    with _service(tmp_path / "group") as service:
        assert service.default_chair("ni15") == "ben-adams"  # the first group's Chair, no meeting body named
    with _service(tmp_path / "none", drop_chairs=True) as service:
        assert service.default_chair("ni15") is None  # asked for, not the delivery lead silently


def test_setup_warnings(tmp_path: Path) -> None:
    with _service(tmp_path, "meeting:\n  quorum: 2\n") as service:
        assert service.setup_warnings("ni15", date(2026, 12, 1), ["ben-adams", "sue-price"]) == []
        assert service.setup_warnings("ni15", date(2027, 1, 12), ["ben-adams", "sue-price"]) == [
            "12 Jan 2027 is in the future (today is 1 Dec 2026)"]
        service.start_meeting("ni15", date(2026, 12, 1), "ben-adams", ["ben-adams"], [], [], "all")
        assert service.setup_warnings("ni15", date(2026, 12, 1), ["ben-adams"]) == [
            "A meeting of ni15 was held on 1 Dec 2026 already — start another?",
            "Present 1 of quorum 2 — not quorate"]


def test_present_and_apologies_exclusive(tmp_path: Path) -> None:
    with _service(tmp_path) as service:
        with pytest.raises(ValueError, match="Sue Price: ticked as both present and giving apologies"):
            service.start_meeting("ni15", date(2026, 12, 1), "ben-adams", ["ben-adams", "sue-price"],
                                  ["sue-price"], [], "all")
        assert service.meetings("ni15") == []


def test_close_stores_the_default_next_meeting_or_the_chairs(tmp_path: Path) -> None:
    with _service(tmp_path) as service:
        first = service.start_meeting("ni15", date(2026, 12, 1), "ben-adams", ["ben-adams"], [], [], "all")
        assert service.next_meeting_default(first).day == date(2027, 1, 4)
        assert service.close_meeting(first).next_meeting == date(2027, 1, 4)
        second = service.start_meeting("ni15", date(2026, 12, 2), "ben-adams", ["ben-adams"], [], [], "all")
        assert service.read_next_meeting(second, "12 January 2027").day == date(2027, 1, 12)
        assert "is not after this meeting" in service.read_next_meeting(second, "2026-11-30").problem
        assert service.read_next_meeting(second, "soon").problem
        assert service.read_next_meeting(second, "Tuesday 12 January 2027").day == date(2027, 1, 12)  # as offered
        assert service.read_next_meeting(second, "Monday 12 January 2027").problem.endswith(
            "12 January 2027 is a Tuesday")
        assert service.close_meeting(second, None).next_meeting is None


def test_abandoned_meetings_are_kept_read_only_and_never_latest(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 1, 10, tzinfo=UTC))
    with Store.open(tmp_path / "steerco.db", clock=clock) as store:
        people = [Attendee("Cllr Ben Adams", "present", "ben-adams")]
        agenda = [AgendaItem("action", "7.1", "Hot-spot premises", 180)]
        kept = store.start_meeting("ni15", date(2026, 11, 1), "Cllr Ben Adams", people, agenda, "all", None)
        store.close_meeting(kept, date(2026, 12, 1))
        mistake = store.start_meeting("ni15", date(2026, 12, 1), "Cllr Ben Adams", people, agenda, "all", None)
        assert not store.recorded_anything(mistake)
        store.record_update("ni15", "7.1", "A", "", "Cllr Ben Adams", "meeting", meeting_id=mistake)
        assert store.recorded_anything(mistake)
        store.abandon_meeting(mistake, "opened by mistake", "Cllr Ben Adams")

        assert store.abandonment(mistake).reason == "opened by mistake"  # type: ignore[union-attr]
        assert store.meeting(mistake).abandoned and not store.meeting(mistake).closed
        assert [m.id for m in store.meetings("ni15")] == [kept]
        assert [m.id for m in store.meetings("ni15", include_abandoned=True)] == [mistake, kept]
        assert store.open_meeting("ni15") is None
        assert store.last_meeting("ni15").id == kept  # type: ignore[union-attr]
        assert store.last_meeting("ni15", closed_only=False).id == kept  # type: ignore[union-attr]
        assert store.latest_abandoned("ni15").meeting_id == mistake  # type: ignore[union-attr]
        assert [u.meeting_id for u in store.history("ni15", "7.1")] == [mistake]  # its status stays in the history
        with pytest.raises(MeetingClosed, match="abandoned"):
            store.record_note(mistake, 1, "too late", "Cllr Ben Adams")
        with pytest.raises(MeetingClosed, match="abandoned"):
            store.record_update("ni15", "7.1", "G", "", "Cllr Ben Adams", "meeting", meeting_id=mistake)
        with pytest.raises(MeetingClosed, match="abandoned"):
            store.abandon_meeting(mistake, "", "Cllr Ben Adams")
        with pytest.raises(MeetingClosed, match="abandoned"):
            store.close_meeting(mistake)
        with pytest.raises(MeetingClosed, match="closed"):
            store.abandon_meeting(kept, "", "Cllr Ben Adams")
        from storage.minutes.render import render_minutes

        with pytest.raises(StoreError, match="was abandoned: it has no minutes"):
            render_minutes(store, mistake)


def test_steerco_abandon(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from steerco.cli import main

    with _service(tmp_path) as service:
        meeting = service.start_meeting("ni15", date(2026, 12, 1), "ben-adams", ["ben-adams"], [], [], "all")
    env = {"STEERCO_PLANS": str(tmp_path / "plans"), "STEERCO_DB": str(tmp_path / "steerco.db"),
           "STEERCO_CACHE": str(tmp_path / "cache"), "STEERCO_HOME": str(tmp_path)}
    done = CliRunner().invoke(main, ["abandon", "ni15", "--reason", "opened by mistake"], env=env)
    assert done.exit_code == 0, done.output
    assert f"Abandoned meeting {meeting.id} of ni15 (Tuesday 1 December 2026)" in done.output
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.abandonment(meeting.id).reason == "opened by mistake"  # type: ignore[union-attr]
    again = CliRunner().invoke(main, ["abandon", "ni15"], env=env)
    assert again.exit_code == 2 and "plan ni15 has no open meeting" in again.output
    named = CliRunner().invoke(main, ["abandon", "ni15", "--meeting", str(meeting.id)], env=env)
    assert named.exit_code == 2 and "was abandoned" in named.output
    shown = CliRunner().invoke(main, ["minutes", "ni15", "--meeting", str(meeting.id)], env=env)
    assert shown.exit_code == 2 and "was abandoned: it has no minutes" in shown.output
