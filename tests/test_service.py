"""The service the screens use, and agenda building by exception, without Textual."""

from __future__ import annotations

import json
import time
from collections import Counter
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from storage.plan.load import load_plan
from storage.plan.status import is_late, is_stale
from storage.plan.targets import against_target
from storage.service.agenda import build_agenda, exception_reasons
from storage.service.service import Service
from storage.store.records import Update
from tests.test_tui_support import NI15, TODAY, Clock, ni15_folder, seed_history

PLAN = load_plan(NI15).plan
CLOSED = datetime(2010, 5, 12, 15, tzinfo=UTC)


def update(action_id: str, rag: str, at: datetime) -> Update:
    return Update(1, "ni15", action_id, rag, "", "x", at, "command-line")


@pytest.mark.parametrize(("rag", "at", "due_shift", "expected"), [
    (None, None, 30, ()),  # not yet rated is a reason only when the setup asks (below)
    ("R", CLOSED - timedelta(days=1), 30, ("red",)),
    ("A", CLOSED - timedelta(days=1), 30, ("amber",)),
    ("G", CLOSED - timedelta(days=1), 30, ()),
    ("G", CLOSED - timedelta(days=1), -1, ("overdue (due 14 Jun 2010)",)),
    ("B", CLOSED - timedelta(days=1), -1, ()),  # complete is never overdue
    ("G", CLOSED + timedelta(days=1), 30, ("changed since the last meeting",)),
])
def test_exception_rules(rag, at, due_shift, expected) -> None:
    action = PLAN.action("7.1").model_copy(update={"due": TODAY + timedelta(days=due_shift)})
    current = update("7.1", rag, at) if rag else None
    assert exception_reasons(action, current, TODAY, CLOSED) == expected


def test_not_yet_rated_is_a_separate_switch() -> None:
    """A plan mostly unrated keeps its unrated actions off an agenda by exception unless asked."""
    action = PLAN.action("7.1").model_copy(update={"due": TODAY - timedelta(days=1)})
    assert exception_reasons(action, None, TODAY, CLOSED) == ("overdue (due 14 Jun 2010)",)
    assert exception_reasons(action, None, TODAY, CLOSED, unrated=True) == ("not yet rated",
                                                                             "overdue (due 14 Jun 2010)")
    assert exception_reasons(action, None, TODAY, CLOSED, True) == ("overdue (due 14 Jun 2010)",
                                                                    "an officer's update waits")
    later = date(2010, 1, 1)  # before every deadline: only the switch brings unrated actions
    left_out = build_agenda(PLAN, "exception", statuses={}, today=later, arising=[])
    assert [i.kind for i in left_out if i.kind == "action"] == []
    taken = build_agenda(PLAN, "exception", statuses={}, today=later, arising=[], unrated=True)
    assert len([i for i in taken if i.kind == "action"]) == 9


def test_agenda_order_and_modes() -> None:
    statuses = {a.id: update(a.id, "G", CLOSED - timedelta(days=1)) for _, a in PLAN.actions()}
    statuses["7.2"] = update("7.2", "R", CLOSED - timedelta(days=1))
    later = date(2010, 1, 1)  # before every deadline
    everything = build_agenda(PLAN, "all", statuses=statuses, today=later, arising=[], last_closed_at=CLOSED)
    assert [i.kind for i in everything] == (["apologies", "declarations"] + ["action"] * 9 + ["risk"] * 3
                                            + ["indicator"] * 2 + ["aob"])
    after = build_agenda(PLAN, "all", statuses=statuses, today=later, arising=[], previous=(4, date(2010, 5, 12)))
    assert [(i.kind, i.ref, i.title) for i in after[:3]] == [
        ("apologies", None, "Apologies for absence"), ("declarations", None, "Declarations of interest"),
        ("previous_minutes", "4", "Minutes of the meeting held on Wednesday 12 May 2010")]
    exceptions = build_agenda(PLAN, "exception", statuses=statuses, today=later, arising=[],
                              last_closed_at=CLOSED, proposed={"7.6"})
    assert [i.ref for i in exceptions if i.kind == "action"] == ["7.2", "7.6"]
    with pytest.raises(ValueError):
        build_agenda(PLAN, "some", statuses={}, today=later, arising=[])


@pytest.fixture
def service(tmp_path: Path) -> Service:
    seed_history(tmp_path / "s.db")
    service = Service.open(tmp_path / "s.db", ni15_folder(tmp_path), clock=Clock(), today=TODAY)
    yield service
    service.close()


def test_home_summary_counts(service: Service) -> None:
    (summary,) = service.plans()
    assert summary.counts == {"A": 2, "G": 3, "R": 1, "B": 1, "-": 2}
    assert summary.overdue == 1  # 7.5, due May 2010, still amber
    assert summary.unowned == 1  # 7.3
    assert summary.stale == 1  # 7.8, last updated in March; the others on 5 June
    assert summary.last_meeting == date(2010, 5, 12)


def test_dashboard_rows_and_one_row_refresh(service: Service) -> None:
    rows = {r.action.id: r for r in service.dashboard("ni15")}
    assert rows["7.1"].trend == ("G", "A", "A") and rows["7.1"].rag == "A" and not rows["7.1"].stale
    assert rows["7.8"].stale and rows["7.5"].overdue and not rows["7.4"].overdue
    assert rows["7.6"].rag == "-" and rows["7.6"].last_updated is None
    assert service.action_row("ni15", "7.1") == rows["7.1"]


def test_meeting_through_the_service(service: Service) -> None:
    agenda = service.build_agenda("ni15", "exception")
    assert [i.kind for i in agenda[:3]] == ["apologies", "declarations", "previous_minutes"]
    assert agenda[3].kind == "matters_arising" and agenda[3].ref == "M1/1"
    # All but 7.8 (green, not overdue, unchanged since the May meeting) and 7.6 and 7.9 (not yet rated).
    assert {i.ref for i in agenda if i.kind == "action"} == {f"7.{n}" for n in range(1, 10)} - {"7.6", "7.8", "7.9"}
    unrated = service.build_agenda("ni15", "exception", unrated=True)
    assert {i.ref for i in unrated if i.kind == "action"} == {f"7.{n}" for n in range(1, 10)} - {"7.8"}
    reasons = service.agenda_reasons("ni15")
    assert reasons["7.5"] == "Amber; overdue (due 31 May 2010); changed since the last meeting"
    assert reasons["7.3"] == "Red; changed since the last meeting; an officer's update waits"
    assert "7.6" not in reasons and service.agenda_reasons("ni15", unrated=True)["7.6"] == "Not yet rated"
    meeting = service.start_meeting("ni15", TODAY, "ben-adams", ["ben-adams", "sue-price"], ["helen-riley"],
                                    ["A Visitor"], "exception")
    assert meeting.chair == "Cllr Ben Adams" and len(meeting.attendance) == 4
    # The officer proposed Amber for 7.3; the chair sets Red: linked to the proposal, which is no longer pending.
    (proposal,) = service.proposals("ni15", "7.3")
    chair = service.set_status(meeting, "7.3", "R")
    assert chair.proposal_id == proposal.id and service.proposals("ni15", "7.3") == []
    service.set_arising_status(meeting, "M1/1", "done")
    service.enter_item(meeting, 2)
    summary = service.summary(meeting)
    assert summary.statuses_set == {"7.3": "R"} and summary.changes == {}
    assert len(summary.skipped) == len(meeting.agenda) - 1 and agenda[1] not in summary.skipped
    closed = service.close_meeting(meeting)
    assert closed.closed and closed.next_meeting == TODAY + timedelta(days=31)


def test_against_target() -> None:
    indicator = PLAN.indicator("NI 15")
    assert against_target(indicator, "Yr 1 - 2008/9", 0.7) == ("0.72", "✓ met: 0.7 ≤ 0.72")
    _written, verdict = against_target(indicator, "Yr 2 - 2009/10", 0.71)
    assert verdict == "✗ not met: 0.71 > 0.6984"
    assert against_target(indicator, None, None)[1] == "no value yet"


def test_home_lines_listed_then_counted_apart(service: Service) -> None:
    """The listing needs no store; the counts from another thread's own connection equal the usual ones."""
    import threading

    (listed,) = service.listing()
    assert (listed.plan_id, listed.title, listed.counted, listed.counts) == ("ni15", PLAN.title, False, {})
    assert listed.scale == ["R", "A", "G", "B"]
    out: list[object] = []
    worker = threading.Thread(target=lambda: out.extend(service.summaries_apart([listed])))
    worker.start()
    worker.join()
    assert out == service.plans() and out[0].counted
    assert any(row.last_updated for row in service.dashboard("ni15"))  # the main connection still works


@pytest.mark.parametrize("tz", ["UTC", "Europe/London", "America/St_Johns", "Pacific/Chatham"])
def test_home_counts_equal_the_dashboard_rows(service: Service, tz: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The home line (counted by SQLite from the outline and action_state) counts what the
    dashboard rows (Python, from the model) show, in any zone."""
    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        assert_home_counts_as_dashboard(service)
    finally:
        monkeypatch.undo()
        time.tzset()


def assert_home_counts_as_dashboard(service: Service) -> None:
    (line,) = service.plans()
    rows = service.dashboard("ni15")
    assert line.counts == dict(Counter(r.rag for r in rows))
    assert (line.overdue, line.unowned, line.stale) == (sum(r.overdue for r in rows),
                                                         sum(r.action.owner is None for r in rows),
                                                         sum(r.stale for r in rows))


def test_home_lines_from_outlines_then_warm(tmp_path: Path) -> None:
    """A first listing loads the plan the full way and caches its outline; the next is read
    from the outline alone; `warm` then loads the plan for the screens past home."""
    folder = ni15_folder(tmp_path)
    (folder / "broken.yaml").write_text("id: [unclosed\n")
    with closing(Service.open(tmp_path / "s.db", folder, clock=Clock(), today=TODAY)) as first:
        lines = first.listing()
        assert [(s.plan_id, s.outline is None, s.problems > 0) for s in lines] == [
            ("broken", True, True), ("ni15", False, False)]
        assert "ni15" in first._plans  # loaded the full way: kept, not loaded twice
    with closing(Service.open(tmp_path / "s.db", folder, clock=Clock(), today=TODAY)) as second:
        lines = second.listing()
        assert lines[1].outline is not None and lines[1].outline.title == PLAN.title
        assert "ni15" not in second._plans
        second.warm(lines)
        assert second.plan("ni15").title == PLAN.title and "ni15" in second._plans


@pytest.mark.parametrize("tz", ["UTC", "Europe/London", "America/New_York", "Pacific/Chatham"])
def test_stale_and_late_rules_as_written_before(tz: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`is_stale` compares with one cutoff instant; it agrees with the local-date rule it replaced,
    across a change of clocks (London, New York: late March) and a zone 12:45 ahead."""
    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        for today in (date(2026, 3, 30), date(2026, 4, 29), date(2026, 11, 2)):
            for hours in range(0, 24 * 40, 5):
                last = datetime.combine(today, datetime.min.time(), UTC) - timedelta(hours=hours,
                                                                                             minutes=hours % 60)
                assert is_stale(last, today, 31) == ((today - last.astimezone().date()) > timedelta(days=31))
        assert not is_stale(None, today, 31)
        assert is_late(date(2026, 3, 29), "-", today) and not is_late(date(2026, 3, 29), "B", today)
        assert not is_late(today, "R", today) and not is_late(None, "R", today)
    finally:
        monkeypatch.undo()
        time.tzset()

def test_complete_is_the_highest_rank_of_the_plans_own_scale(tmp_path: Path) -> None:
    """A plan whose scale ends in C (not B): a completed action past its due date is late in
    no view (home, dashboard, agenda by exception, `status --json`); an amber one is in all."""
    from click.testing import CliRunner

    from steerco.cli import main
    from tests.conftest import MINIMAL_PLAN

    scale = """rag_scale:
  - {code: R, name: Red, symbol: "●", rank: 0, meaning: Off track.}
  - {code: A, name: Amber, symbol: "▲", rank: 1, meaning: At risk.}
  - {code: G, name: Green, symbol: "✓", rank: 2, meaning: On track.}
  - {code: C, name: Complete, symbol: "★", rank: 3, meaning: Done.}
"""
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "demo.yaml").write_text(MINIMAL_PLAN.replace("themes:\n", scale + "themes:\n", 1), encoding="utf-8")
    late_day = date(2027, 1, 5)  # after 1.2's due date (31 December 2026)
    db = tmp_path / "s.db"
    with closing(Service.open(db, folder, clock=Clock(), today=late_day)) as service:
        assert service.plan("demo").complete_code == "C"
        service.record_update(service.plan("demo"), "1.2", "C", "Published.", "Ann")
        rows = {r.action.id: r for r in service.dashboard("demo")}
        assert not rows["1.2"].overdue
        (line,) = service.plans()
        assert line.counts["C"] == 1 and line.overdue == 1 and rows["1.1"].overdue  # 1.1: never rated, due June
        agenda = service.build_agenda("demo", "exception")
        assert "1.2" not in [i.ref for i in agenda if i.kind == "action"]
        service.record_update(service.plan("demo"), "1.2", "A", "Printer late.", "Ann")
        assert service.dashboard("demo")[1].overdue and service.plans()[0].overdue == 2
    with closing(Service.open(db, folder, clock=Clock(), today=late_day)) as service:
        service.record_update(service.plan("demo"), "1.2", "C", "Published after all.", "Ann")
    result = CliRunner().invoke(main, ["status", "demo", "--plans", str(folder), "--db", str(db), "--json"])
    action = next(a for a in json.loads(result.output)["actions"] if a["id"] == "1.2")
    assert (action["rag"], action["overdue"]) == ("C", False)
