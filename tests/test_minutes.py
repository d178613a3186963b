"""Minutes: a scripted two-meeting history on a copy of plans/ni15.yaml, compared to a golden file.

The golden file is `tests/golden/ni15_minutes.md`; read a failure's diff as minutes. To accept
a deliberate change, run with STEERCO_UPDATE_GOLDEN=1 and read the new file before committing.
"""

from __future__ import annotations

import difflib
import os
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from storage.minutes.render import render_minutes
from storage.plan.load import load_plan
from storage.store.records import AgendaItem, Attendee
from storage.store.store import Store

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "ni15_minutes.md"
GOLDEN_FIRST = REPO / "tests" / "golden" / "ni15_minutes_first.md"


class Clock:
    """A clock the script sets by hand."""

    def __init__(self) -> None:
        self.now = datetime(2010, 3, 18, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def at(self, text: str) -> None:
        self.now = datetime.fromisoformat(text).replace(tzinfo=UTC)

    def tick(self, minutes: float = 1) -> None:
        self.now += timedelta(minutes=minutes)


def agenda(*refs: tuple[str, str | None, str]) -> list[AgendaItem]:
    return [AgendaItem(kind, ref, title, 300) for kind, ref, title in refs]


def build(tmp_path: Path) -> tuple[Store, Path, int, int]:
    """Two meetings of the NI 15 steering group on a copy of the plan; returns the ids."""
    plan_file = tmp_path / "ni15.yaml"
    shutil.copy(REPO / "plans" / "ni15.yaml", plan_file)
    plan = load_plan(plan_file).plan
    assert plan is not None
    clock = Clock()
    store = Store.open(tmp_path / "steerco.db", clock=clock)
    version = store.remember_plan(plan)

    # Meeting 1, 18 March 2010: first statuses, two actions arising.
    clock.at("2010-03-18T10:00:00")
    m1 = store.start_meeting(
        "ni15", date(2010, 3, 18), "michael-harrison",
        [Attendee("ACC Michael Harrison", "present", "michael-harrison"),
         Attendee("Ch. Insp Adrian Roberts", "present", "adrian-roberts"),
         Attendee("Susie Bentley", "present", "susie-bentley"),
         Attendee("Helen Riley", "apologies", "helen-riley")],
        agenda(("matters_arising", None, "Matters arising"), ("action", "7.1", "7.1"), ("action", "7.2", "7.2"),
               ("action", "7.4", "7.4"), ("action", "7.5", "7.5"), ("action", "7.7", "7.7"),
               ("action", "7.8", "7.8"), ("aob", None, "Any other business")),
        "all", version)
    for action, rag, note in (("7.1", "G", "Hot-spot premises identified with licensing."),
                              ("7.2", "A", "Neighbourhood profiles delayed by data sharing."),
                              ("7.4", "G", "Review scoped."),
                              ("7.5", "A", "Research brief agreed; fieldwork not started."),
                              ("7.7", "R", "IOM cohort not yet defined."),
                              ("7.8", "A", "Draft World Cup plan in preparation.")):
        clock.tick()
        store.record_update("ni15", action, rag, note, "ACC Michael Harrison", "meeting",
                            meeting_id=m1, plan_version_id=version)
    store.add_action_arising(m1, 5, "Circulate the terms of reference of the analysis review", "susie-bentley",
                             date(2010, 4, 30))
    store.add_action_arising(m1, 7, "Report on the World Cup policing plan", "michael-harrison", date(2010, 6, 1))
    store.record_decision(m1, 6, "Adrian Roberts to define the IOM cohort before the next meeting.")
    clock.at("2010-03-18T11:12:00")
    store.close_meeting(m1, date(2010, 7, 15))

    # Officers' updates arrive before meeting 2.
    clock.at("2010-07-12T09:00:00")
    store.add_proposals("f" * 64, "roberts-2010-07.yaml", [
        {"uid": "ar-7.7", "plan_id": "ni15", "plan_version": "3.2", "kind": "action", "item_id": "7.7",
         "rag": "A", "note": "IOM cohort defined; repeat violent offenders down 8% on the quarter.",
         "author": "Ch. Insp Adrian Roberts", "written_at": "2010-07-10T16:00:00+00:00"},
        {"uid": "ar-7.1", "plan_id": "ni15", "plan_version": "3.2", "kind": "action", "item_id": "7.1",
         "rag": "G", "note": "Hot-spot premises visited weekly.",
         "author": "Ch. Insp Adrian Roberts", "written_at": "2010-07-10T16:05:00+00:00"},
    ])
    ar_77, ar_71 = (p.id for p in store.proposals("ni15"))

    # Meeting 2, 15 July 2010.
    clock.at("2010-07-15T14:00:00")
    m2 = store.start_meeting(
        "ni15", date(2010, 7, 15), "michael-harrison",
        [Attendee("ACC Michael Harrison", "present", "michael-harrison"),
         Attendee("Ch. Insp Adrian Roberts", "present", "adrian-roberts"),
         Attendee("Helen Riley", "present", "helen-riley"),
         Attendee("Susie Bentley", "present", "susie-bentley"),
         Attendee("Judith Bell", "present", "judith-bell"),
         Attendee("Laura Major", "guest", None, "Northants Police"),
         Attendee("Peter Scott", "apologies", "peter-scott"),
         Attendee("Sue Price", "apologies", "sue-price")],
        agenda(("matters_arising", None, "Matters arising"), ("action", "7.1", "7.1"), ("action", "7.2", "7.2"),
               ("action", "7.3", "7.3"), ("action", "7.4", "7.4"), ("action", "7.5", "7.5"),
               ("action", "7.7", "7.7"), ("action", "7.8", "7.8"), ("risk", "SSC15-3", "SSC15-3"),
               ("indicator", "NI 15", "NI 15"), ("aob", None, "Any other business")),
        "all", version, title="Quarterly review")
    clock.tick()
    m1_arising = store.actions_arising("ni15", meeting_id=m1)
    store.set_arising_status(m1_arising[0].id, "done", meeting_id=m2, note="Circulated on 2 April.")
    store.set_arising_status(m1_arising[1].id, "carried forward", meeting_id=m2,
                             note="Plan awaits sign-off; see action 7.8.")
    # Corrections made in the room (u Amend): the minutes give only the final record, unmarked.
    typo = store.record_note(m2, 1, "Both actions from the March meting were reviewd.", "Secretariat")
    store.correct_note(m2, typo, "Both actions from the March meeting were reviewed.", "ACC Michael Harrison")
    store.record_update("ni15", "7.2", "R", "Recorded against the wrong action.", "ACC Michael Harrison", "meeting",
                        meeting_id=m2, plan_version_id=version)  # then recorded again: A, below
    for action, rag, note, proposal in (
            ("7.1", "A", "Two hot-spot premises reopened without licence conditions; Amber until re-inspected.", ar_71),
            ("7.2", "A", "Neighbourhood profiles now shared by two of eight districts.", None),
            ("7.4", "G", "Review under way; report due in the autumn.", None),
            ("7.5", "B", "Research published in June.", None),
            ("7.6", "G", "Joint tasking with the West Midlands agreed.", None),
            ("7.7", "A", "IOM cohort defined; repeat violent offenders down 8% on the quarter.", ar_77),
            ("7.8", "R", "The World Cup plan was not signed off before the tournament.", None)):
        clock.tick()
        store.record_update("ni15", action, rag, note, "ACC Michael Harrison", "meeting",
                            meeting_id=m2, plan_version_id=version, proposal_id=proposal)
    store.record_note(m2, 2, "Members asked for the licensing conditions to be checked.", "Secretariat")
    store.record_decision(m2, 8, "The chair will report the late World Cup plan to the Strategy Group.")
    store.record_decision(m2, 8, "Lessons learned to be brought to the next meeting.")
    store.withdraw_decision(m2, store.record_decision(m2, 8, "Agreed: the plan to be rewritten."),
                            "ACC Michael Harrison")
    clock.tick()
    store.rate_risk("ni15", "SSC15-3", 3, 3, "Rated before the grant letter was read.", "ACC Michael Harrison",
                    "meeting", meeting_id=m2, plan_version_id=version)
    store.rate_risk("ni15", "SSC15-3", 4, 4, "Spending review expected to cut community safety grants.",
                    "ACC Michael Harrison", "meeting", meeting_id=m2, plan_version_id=version)
    store.record_indicator("ni15", "NI 15", "Yr 2 - 2009/10", 0.69, "Police crime recording, year to March.",
                           "Susie Bentley", "meeting", meeting_id=m2)
    store.add_action_arising(m2, 2, "Re-inspect the two reopened premises with licensing", "adrian-roberts",
                             date(2010, 8, 31))
    misheard = store.add_action_arising(m2, 9, "Bring an assesment of the spending review", "Helen Rilay",
                                        date(2010, 9, 1))
    store.correct_arising(m2, misheard.id, "Bring an assessment of the spending review to the next meeting",
                          "Helen Riley", date(2010, 9, 16), "ACC Michael Harrison")
    store.record_note(m2, 11, "Members thanked Laura Major for her presentation on serious acquisitive crime.",
                      "Secretariat")
    clock.at("2010-07-15T15:47:30")
    store.close_meeting(m2, date(2010, 9, 16))
    return store, plan_file, m1, m2


def test_corrections_leave_the_final_record_unmarked(scripted) -> None:
    store, _plan, _m1, m2 = scripted
    text = render_minutes(store, m2)
    for gone in ("meting", "reviewd", "wrong action", "rewritten", "Rilay", "assesment", "Rated before"):
        assert gone not in text
    assert "Bring an assessment of the spending review to the next meeting" in text
    assert "amended" not in text.lower() and "withdrawn" not in text.lower()
    assert [(c["kind"], c["withdrawn"]) for c in store.corrections(m2)] == [("note", 0), ("decision", 1),
                                                                           ("arising", 0)]


def compare(actual: str, golden: Path) -> None:
    if os.environ.get("STEERCO_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8", newline="\n")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(golden.name), "rendered"))
        pytest.fail(f"minutes differ from {golden.name}:\n{diff}", pytrace=False)


@pytest.fixture
def scripted(tmp_path: Path):
    store, plan_file, m1, m2 = build(tmp_path)
    yield store, plan_file, m1, m2
    store.close()


def test_minutes_match_the_golden_file(scripted) -> None:
    store, _, _, m2 = scripted
    compare(render_minutes(store, m2), GOLDEN)


def test_minutes_of_the_first_meeting_match_their_golden_file(scripted) -> None:
    store, _, m1, _ = scripted
    compare(render_minutes(store, m1), GOLDEN_FIRST)


def test_oldest_minutes_are_unchanged_after_the_plan_changes_and_later_meetings(scripted) -> None:
    store, plan_file, m1, m2 = scripted
    before = render_minutes(store, m1)
    text = plan_file.read_text(encoding="utf-8")
    renamed = text.replace("Target night time economy", "Police licensed premises at night", 1)
    assert renamed != text
    start = renamed.index('- id: "7.2"')
    end = renamed.index('- id: "7.3"')
    plan_file.write_text(renamed[:start] + renamed[end:], encoding="utf-8")
    changed = load_plan(plan_file).plan
    assert changed is not None and changed.action("7.2") is None
    version = store.remember_plan(changed)
    store.clock.at("2010-09-16T10:00:00")
    m3 = store.start_meeting("ni15", date(2010, 9, 16), "michael-harrison", [],
                             agenda(("action", "7.1", "7.1")), "all", version)
    store.record_update("ni15", "7.1", "R", "Renamed action, later meeting.", "Chair", "meeting",
                        meeting_id=m3, plan_version_id=version)
    store.rate_risk("ni15", "SSC15-1", 5, 5, "Later.", "Chair", "meeting", meeting_id=m3)
    store.close_meeting(m3)
    assert render_minutes(store, m1) == before
    compare(render_minutes(store, m2), GOLDEN)
    third = render_minutes(store, m3)
    assert "Police licensed premises at night" in third and "Target night time economy" not in third


def test_generated_at_is_only_shown_when_asked_and_times_are_in_the_meetings_zone(scripted) -> None:
    from zoneinfo import ZoneInfo

    store, _, _, m2 = scripted
    plain = render_minutes(store, m2)  # the plan's meeting.time_zone: Europe/London by default
    assert "Generated" not in plain and "Opened: 15:00 BST" in plain and "Closed: 16:47 BST" in plain
    stamped = render_minutes(store, m2, include_generated_at=datetime(2010, 7, 16, 9, 30, tzinfo=UTC))
    assert "Generated on 16 Jul 2010 at 10:30 BST." in stamped
    utc = render_minutes(store, m2, tz=UTC)
    assert "Opened: 14:00 UTC" in utc and "Closed: 15:47 UTC" in utc
    winter = render_minutes(store, 1, tz=ZoneInfo("Europe/London"))
    assert "Opened: 10:00 GMT" in winter


def test_a_plan_in_another_zone_is_minuted_in_it(tmp_path: Path) -> None:
    """The zone is read from the plan snapshot the meeting ran on: a plan whose meetings are
    held in New York is minuted in EDT; the same meeting rendered with tz=UTC says UTC."""
    plan_file = tmp_path / "ni15.yaml"
    text = (REPO / "plans" / "ni15.yaml").read_text(encoding="utf-8")
    plan_file.write_text(text + "\nmeeting:\n  time_zone: America/New_York\n", encoding="utf-8")
    plan = load_plan(plan_file).plan
    assert plan is not None and plan.meeting.time_zone == "America/New_York"
    clock = Clock()
    clock.at("2010-07-15T14:00:00")
    with Store.open(tmp_path / "s.db", clock=clock) as store:
        m = store.start_meeting("ni15", date(2010, 7, 15), "Chair", [], [], "all", store.remember_plan(plan))
        clock.tick(30)
        store.close_meeting(m)
        minutes = render_minutes(store, m)
        assert "Opened: 10:00 EDT" in minutes and "Closed: 10:30 EDT" in minutes
        assert "Opened: 14:00 UTC" in render_minutes(store, m, tz=UTC)


def test_an_open_meeting_is_a_draft(tmp_path: Path) -> None:
    store, _, _, _ = build(tmp_path)
    with store:
        m3 = store.start_meeting("ni15", date(2010, 9, 16), "michael-harrison", [], [], "all",
                                 store.meetings("ni15")[0].plan_version_id)
        text = render_minutes(store, m3)
    first = text.splitlines()[0]
    assert first.endswith("(draft — meeting still open)")
    assert "(meeting still open)" in text.split("## 1.")[0]  # typed in on a later day: "Recorded on …"
    assert "| M2/1 |" in text and "| M1/2 |" in text  # both still open: matters arising
