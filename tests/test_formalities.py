"""The standing items of a UK committee: on the agenda as the plan switches them, declarations of
interest and the approval of the previous minutes in the store, and the minutes' formal parts
(minute references through the year, RESOLVED, Draft / Approved), with a golden file.

The golden file is `tests/golden/ni15_minutes_formal.md`; to accept a deliberate change, run with
STEERCO_UPDATE_GOLDEN=1 and read the new file before committing.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from storage.minutes.formal import minute_ref, resolved
from storage.minutes.render import render_minutes
from storage.service.service import Service
from storage.store.opening import MeetingClosed, StoreError
from storage.store.records import Meeting

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "ni15_minutes_formal.md"
PRESENT = ["michael-harrison", "adrian-roberts", "susie-bentley"]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 10, 10, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: float = 1) -> None:
        self.now += timedelta(minutes=minutes)


def plan_folder(tmp: Path, meeting_block: str = "meeting:\n  minute_prefix: SSG\n") -> Path:
    folder = tmp / "plans"
    folder.mkdir()
    text = (REPO / "plans" / "ni15.yaml").read_text(encoding="utf-8")
    (folder / "ni15.yaml").write_text(text.rstrip("\n") + "\n" + meeting_block, encoding="utf-8")
    return folder


def service(tmp: Path, clock: Clock, meeting_block: str = "meeting:\n  minute_prefix: SSG\n") -> Service:
    return Service.open(tmp / "steerco.db", plan_folder(tmp, meeting_block), clock=clock, today=date(2026, 11, 10))


def at(meeting: Meeting, kind: str, ref: str | None = None) -> int:
    return next(n for n, i in enumerate(meeting.agenda, 1) if i.kind == kind and (ref is None or i.ref == ref))


def held(svc: Service, clock: Clock, day: date, *, enter: tuple[tuple[str, str | None], ...] = (),
         apologies: tuple[str, ...] = ()) -> Meeting:
    """A meeting on `day` that enters the items named (kind, ref) in turn; left open."""
    clock.now = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=10)
    meeting = svc.start_meeting("ni15", day, "michael-harrison", PRESENT, list(apologies), [], "all")
    for kind, ref in enter:
        clock.tick()
        svc.enter_item(meeting, at(meeting, kind, ref))
    return meeting


def test_the_standing_items_open_the_agenda_in_order(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        first = held(svc, clock, date(2026, 11, 10))
        assert [i.kind for i in first.agenda[:3]] == ["apologies", "declarations", "action"]
        assert all(i.kind != "previous_minutes" for i in first.agenda)  # no earlier meeting
        svc.close_meeting(first)
        second = held(svc, clock, date(2026, 12, 8))
        assert [i.kind for i in second.agenda[:3]] == ["apologies", "declarations", "previous_minutes"]
        assert second.agenda[2].ref == str(first.id)
        assert second.agenda[2].title == "Minutes of the meeting held on Tuesday 10 November 2026"


def test_a_plan_switches_each_formality_off(tmp_path: Path) -> None:
    clock = Clock()
    block = "meeting:\n  formalities:\n    declarations: false\n    previous_minutes: false\n"
    with service(tmp_path, clock, block) as svc:
        svc.close_meeting(held(svc, clock, date(2026, 11, 10)))
        kinds = [i.kind for i in svc.build_agenda("ni15", "all")]
        assert kinds[0] == "apologies"
        assert "declarations" not in kinds and "previous_minutes" not in kinds


def test_an_abandoned_meeting_has_no_minutes_to_agree(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        first = held(svc, clock, date(2026, 11, 10))
        svc.close_meeting(first)
        mistake = held(svc, clock, date(2026, 11, 11))
        svc.abandon_meeting(mistake, "opened by mistake")
        (item,) = [i for i in svc.build_agenda("ni15", "all") if i.kind == "previous_minutes"]
        assert item.ref == str(first.id)
        third = held(svc, clock, date(2026, 12, 8))
        with pytest.raises(StoreError, match="abandoned"):
            svc.approve_minutes(third, mistake.id)


def test_declarations_are_stored_in_order_and_need_every_part(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        meeting = held(svc, clock, date(2026, 11, 10), enter=(("declarations", None),))
        position = at(meeting, "declarations")
        svc.record_declaration(meeting, position, "Ch. Insp Adrian Roberts", "7.1 Hot-spot premises",
                               "Spouse holds a premises licence")
        svc.record_declaration(meeting, position, "Susie Bentley", "Any other business", "Trustee of the charity")
        with pytest.raises(StoreError, match="nature"):
            svc.record_declaration(meeting, position, "Susie Bentley", "7.2", "  ")
        assert [(d.member, d.item, d.nature, d.position) for d in svc.declarations(meeting)] == [
            ("Ch. Insp Adrian Roberts", "7.1 Hot-spot premises", "Spouse holds a premises licence", position),
            ("Susie Bentley", "Any other business", "Trustee of the charity", position)]
        assert svc.declaration_members(meeting) == ["ACC Michael Harrison", "Ch. Insp Adrian Roberts",
                                                    "Susie Bentley"]
        items = svc.declaration_items(meeting)
        assert items[0].startswith("7.1 ") and items[-1] == "Any other business"
        svc.close_meeting(meeting)
        with pytest.raises(MeetingClosed):
            svc.record_declaration(meeting, position, "Susie Bentley", "7.2", "Late")


def test_previous_minutes_are_approved_once_and_only_when_closed(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        first = held(svc, clock, date(2026, 11, 10))
        second_open = svc.start_meeting("ni15", date(2026, 11, 10), "michael-harrison", PRESENT, [], [], "all")
        with pytest.raises(StoreError, match="not closed"):
            svc.approve_minutes(second_open, first.id)
        svc.abandon_meeting(second_open)
        svc.close_meeting(first)
        assert svc.approval_of(first.id) is None
        second = held(svc, clock, date(2026, 12, 8))
        approval = svc.approve_minutes(second)
        assert (approval.meeting_id, approval.held_on, approval.approved_meeting_id) == (
            second.id, date(2026, 12, 8), first.id)
        with pytest.raises(StoreError, match="already approved at the meeting of 2026-12-08"):
            svc.approve_minutes(second)
        assert svc.approval_of(first.id) == approval


def test_resolved_strips_what_the_chair_typed() -> None:
    assert resolved("Agreed: Agreed: fund the scheme") == "fund the scheme"
    assert resolved("RESOLVED - that the plan be noted") == "that the plan be noted"
    assert resolved("Agreed to fund the scheme") == "Agreed to fund the scheme"  # no colon: the chair's words
    assert resolved("Agreed:") == "Agreed:"  # nothing after it: kept, never an empty decision
    assert minute_ref("SSG", date(2027, 3, 1), 3) == "SSG 27/03"
    assert minute_ref(None, date(2027, 3, 1), 112) == "Minute 27/112"  # no prefix given: never a bare '27/112'
    assert minute_ref("", date(2027, 3, 1), 3) == "27/03"  # '' asks for the bare number


def scripted(tmp_path: Path) -> tuple[Service, list[Meeting]]:
    """Three meetings across a new year: declarations (one hostile, one corrected, one withdrawn),
    approvals, decisions."""
    clock = Clock()
    svc = service(tmp_path, clock)
    one = held(svc, clock, date(2026, 11, 10), apologies=("helen-riley",),
               enter=(("apologies", None), ("declarations", None), ("action", "7.1"), ("aob", None)))
    svc.record_declaration(one, at(one, "declarations"), "Ch. Insp Adrian Roberts", "7.1 Hot-spot premises",
                           "Spouse holds a premises licence")
    svc.record_declaration(one, at(one, "declarations"), "Susie Bentley", "<b>AOB</b> | [x](http://evil.example)",
                           "# Trustee *of* the `charity`\n- listed")
    svc.set_status(one, "7.1", "G")
    svc.record_decision(one, at(one, "action", "7.1"), "Agreed: Agreed: refer hot spots to the licensing forum")
    svc.record_decision(one, at(one, "aob"), "Resolved: that the chair writes to the council")
    clock.tick(30)
    one = svc.close_meeting(one, date(2026, 12, 8))
    two = held(svc, clock, date(2026, 12, 8),
               enter=(("apologies", None), ("declarations", None), ("previous_minutes", str(one.id)),
                      ("action", "7.2"), ("risk", "SSC15-3"), ("indicator", "NI 15"), ("action", "7.2")))
    svc.approve_minutes(two)
    slip = svc.record_declaration(two, at(two, "declarations"), "Susie Bentley", "7.2 Neighbourhood areas",
                                  "Lives in one of the areas")
    gone = svc.record_declaration(two, at(two, "declarations"), "Susie Bentley", "7.9", "Declared by mistake")
    svc.correct_record(two, "declaration", slip.id, "Lives in one of the hot-spot areas", owner="Susie Bentley")
    svc.withdraw_record(two, "declaration", gone.id)
    svc.record_decision(two, at(two, "action", "7.2"), "Agreed: district leads to share their profiles")
    svc.record_note(two, at(two, "previous_minutes"), "Members noted a typing error in the attendance.")
    svc.set_status(two, "7.2", "A")
    clock.tick(30)
    two = svc.close_meeting(two, date(2027, 1, 12))
    three = held(svc, clock, date(2027, 1, 12), enter=(("apologies", None), ("action", "7.3")))
    return svc, [one, two, three]


def test_minute_references_run_through_the_year_and_start_again(tmp_path: Path) -> None:
    svc, (one, two, three) = scripted(tmp_path)
    store = svc._store
    first = render_minutes(store, one.id)
    assert "## 1. Attendance and apologies (SSG 26/01)" in first
    assert "## 2. Declarations of interest (SSG 26/02)" in first
    assert "(SSG 26/03)" in first.split("#### Action 7.1:")[1].split("\n")[0]
    assert "Any other business (SSG 26/04)" in first
    second = render_minutes(store, two.id)
    assert "## 1. Attendance and apologies (SSG 26/05)" in second
    assert "- Susie Bentley: 7.2 Neighbourhood areas — Lives in one of the hot-spot areas\n\n" in second
    assert "Declared by mistake" not in second  # withdrawn
    assert "## 3. Minutes of the previous meeting (SSG 26/07)" in second
    assert "(SSG 26/08)" in second.split("#### Action 7.2:")[1].split("\n")[0]  # entered twice: one number
    assert "| SSG 26/09 | SSC15-3 |" in second and "| SSG 26/10 | NI 15" in second
    svc.close_meeting(three)
    third = render_minutes(store, three.id)
    assert "## 1. Attendance and apologies (27/01)" not in third  # the plan's prefix stays
    assert "## 1. Attendance and apologies (SSG 27/01)" in third
    assert "no update recorded: 7.1, 7.2, 7.3 (SSG 27/02, **OVERDUE**), 7.4," in third  # taken, nothing recorded, late
    assert "## 2. Declarations of interest\n" in third  # on the agenda, not taken: no number
    assert "None were declared." in third


def test_the_earlier_minutes_say_approved_and_the_later_draft(tmp_path: Path) -> None:
    svc, (one, two, _) = scripted(tmp_path)
    first = render_minutes(svc._store, one.id)
    assert first.split("\n")[2] == "**Approved** at the meeting of 8 December 2026."
    second = render_minutes(svc._store, two.id)
    assert second.split("\n")[2] == "**Draft**: not yet approved as a true record."
    assert ("**RESOLVED:** that the minutes of the meeting held on 10 November 2026 be approved as a true "
            "record.") in second


def test_decisions_are_resolved_once_and_declarations_escaped(tmp_path: Path) -> None:
    svc, (one, _, _) = scripted(tmp_path)
    first = render_minutes(svc._store, one.id)
    assert "**RESOLVED:** refer hot spots to the licensing forum" in first
    assert "**RESOLVED:** that the chair writes to the council" in first
    assert "Agreed:" not in first and "Resolved:" not in first
    assert "- Ch. Insp Adrian Roberts: 7.1 Hot-spot premises — Spouse holds a premises licence" in first
    hostile = next(line for line in first.splitlines() if line.startswith("- Susie Bentley"))
    assert hostile == ("- Susie Bentley: \\<b\\>AOB\\</b\\> \\| \\[x\\](http\\://evil\\.example) — "
                       "# Trustee \\*of\\* the \\`charity\\` / - listed")  # mid-line: opens no block


def test_formal_minutes_match_the_golden_file(tmp_path: Path) -> None:
    svc, (_, two, _) = scripted(tmp_path)
    actual = render_minutes(svc._store, two.id)
    if os.environ.get("STEERCO_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == GOLDEN.read_text(encoding="utf-8")


def test_earlier_numbers_are_counted_in_one_query(tmp_path: Path) -> None:
    svc, (_, two, _) = scripted(tmp_path)
    statements: list[str] = []
    store = svc._store
    store.conn.set_trace_callback(statements.append)
    try:
        assert store.minutes_taken_before(two.id) == 4
    finally:
        store.conn.set_trace_callback(None)
    assert len(statements) == 1

