"""The meeting's timers count only the time the app was running it (storage/store/sessions.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.service.service import Service
from storage.store.records import AgendaItem
from storage.store.store import Store
from tests.test_tui_support import Clock, ni15_folder, started_walkthrough
from tui.app import make_app
from tui.screens.modals import Confirm
from tui.screens.walkthrough import WalkthroughScreen

T0 = datetime(2010, 6, 15, 9, 30, tzinfo=UTC)


def _meeting(store: Store) -> int:
    agenda = [AgendaItem("action", ref, ref, 180) for ref in ("7.1", "7.2", "7.3")]
    return store.start_meeting("ni15", date(2010, 6, 15), "Chair", [], agenda, "all", None)


def test_a_suspended_meeting_does_not_count_the_time_away(tmp_path: Path) -> None:
    clock = Clock(T0)
    with Store.open(tmp_path / "s.db", clock=clock) as store:
        m = _meeting(store)
        store.record_session(m, "resume")
        store.enter_item(m, 1)
        clock.at = T0 + timedelta(minutes=4)
        store.record_session(m, "suspend")
        clock.at = T0 + timedelta(hours=3)
        assert store.item_seconds(m) == {1: 240.0}  # suspended: the clock stands still
        store.record_session(m, "resume")
        clock.at += timedelta(minutes=1)
        assert store.item_seconds(m) == {1: 300.0}


def test_after_a_crash_the_session_ends_at_its_last_activity(tmp_path: Path) -> None:
    clock = Clock(T0)
    with Store.open(tmp_path / "s.db", clock=clock) as store:
        m = _meeting(store)
        store.record_session(m, "resume")
        store.enter_item(m, 1)
        clock.at = T0 + timedelta(minutes=3)
        store.enter_item(m, 2)
        clock.at = T0 + timedelta(minutes=5)
        store.record_note(m, 2, "Said before the crash", "Secretariat")
        clock.at = T0 + timedelta(minutes=50)  # the app idles, then dies: no suspend
        clock.at = T0 + timedelta(hours=2, minutes=50)
        store.record_session(m, "resume")
        assert store.item_seconds(m) == {1: 180.0, 2: 120.0}
        clock.at += timedelta(seconds=30)
        assert store.item_seconds(m) == {1: 180.0, 2: 150.0}


def test_a_meeting_without_sessions_counts_as_before(tmp_path: Path) -> None:
    clock = Clock(T0)
    with Store.open(tmp_path / "s.db", clock=clock) as store:
        m = _meeting(store)
        store.enter_item(m, 1)
        clock.at = T0 + timedelta(hours=2)
        assert store.item_seconds(m) == {1: 7200.0}


def test_sessions_of_a_closed_or_abandoned_meeting_are_not_written(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db", clock=Clock(T0)) as store:
        m = _meeting(store)
        store.close_meeting(m)
        store.record_session(m, "resume")
        gone = _meeting(store)
        store.abandon_meeting(gone, "opened by mistake", "Chair")
        store.record_session(gone, "suspend")
        assert store.conn.execute("SELECT count(*) FROM meeting_sessions").fetchone()[0] == 0


async def test_a_crash_and_a_resume_two_hours_later_leave_the_two_hours_out(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk-through run by keys; the process is 'gone' (no suspend written); two hours later,
    with the clock frozen, the resumed walk-through's timers hold only the minutes of the meeting."""
    db, plans = tmp_path / "steerco.db", ni15_folder(tmp_path)
    clock = Clock(T0)
    suspend = Service.meeting_session

    def crashed(self: Service, meeting, event: str) -> None:  # type: ignore[no-untyped-def]
        if event != "suspend":
            suspend(self, meeting, event)

    monkeypatch.setattr(Service, "meeting_session", crashed)
    app = make_app(db_path=db, plans_dir=plans, plan="ni15", start_meeting=True, clock=clock,
                   today=T0.date())
    async with app.run_test(size=(120, 40)) as pilot:
        first = (await started_walkthrough(pilot)).position  # where the walk-through opens
        clock.at = T0 + timedelta(minutes=2)
        await pilot.press("right")
        clock.at = T0 + timedelta(minutes=3)
        await pilot.press("n", "x", "ctrl+s")  # a note: the last thing recorded before the crash
        await pilot.pause()
        clock.at = T0 + timedelta(minutes=10)  # idle, then the process goes
    monkeypatch.setattr(Service, "meeting_session", suspend)

    clock.at = T0 + timedelta(hours=2, minutes=10)
    app = make_app(db_path=db, plans_dir=plans, plan="ni15", start_meeting=True, clock=clock, today=T0.date())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen) and walk.position == first + 1
        walk.show_time()
        bar = str(walk.query_one("#wt-bar").render())
        assert "01:00/" in bar and "03:00/" in bar and "2:0" not in bar, bar  # not 2:01:00 and 2:03:00
    with Store.open(db) as store:
        meeting = store.meetings("ni15")[0]
        spent = store.item_seconds(meeting.id, now=T0 + timedelta(hours=2, minutes=10))
        assert {n: s for n, s in spent.items() if s} == {first: 120.0, first + 1: 60.0}
        events = [e for e, in store.conn.execute(
            "SELECT event FROM meeting_sessions WHERE meeting_id = ? ORDER BY id", [meeting.id])]
        assert events == ["resume", "resume", "suspend"]  # the resumed app left cleanly


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(["enter 1", "enter 2", "enter 3", "suspend", "resume", "ask"]),
                                st.integers(0, 600)), max_size=25))
def test_the_seconds_kept_between_calls_are_those_counted_afresh(tmp_path: Path, steps: list[tuple[str, int]]) -> None:
    """item_seconds keeps what it summed and reads only the events since; asked after any moves,
    sessions and waits it gives what a store opened afresh (nothing kept) counts."""
    clock = Clock(T0)
    db = tmp_path / f"s{len(list(tmp_path.iterdir()))}.db"
    with Store.open(db, clock=clock) as store:
        m = _meeting(store)
        for step, wait in steps:
            clock.at += timedelta(seconds=wait)
            if step.startswith("enter"):
                store.enter_item(m, int(step.split()[1]))
            elif step != "ask":
                store.record_session(m, step)
            with Store.open(db, clock=clock) as fresh:
                assert store.item_seconds(m) == fresh.item_seconds(m)
