"""A matter arising's panel in the walk-through says which item and meeting it was raised on
('Raised on 7.1 Hot-spot premises at the meeting of 12 May 2010 (M1)'), where it said only its
text, owner and due date (new-user try). Keys only: j, the ref, enter; then the facts panel."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from storage.service.service import Service
from storage.store.records import AgendaItem, Attendee
from storage.store.store import Store
from tests.test_tui_support import Clock, app_after_an_arising, ni15_folder, started_walkthrough, to_matter_arising


async def test_the_matter_arisings_panel_names_the_item_and_meeting_it_was_raised_on(tmp_path: Path) -> None:
    app = app_after_an_arising(tmp_path, "Circulate the hot-spot premises list")
    async with app.run_test(size=(100, 30)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_matter_arising(pilot, walk)
        facts = " ".join(str(walk.query_one("#wt-facts").render()).split())
    assert "Owner Ch. Insp Adrian Roberts" in facts, facts
    assert "Raised on 7.1 Hot-spot premises at the meeting of 12 May 2010 (M1)" in facts, facts


def test_the_words_for_other_items_and_long_titles(tmp_path: Path) -> None:
    db = tmp_path / "steerco.db"
    long_title = "Target night time economy hot spots with partners across the town centre and beyond"
    with Store.open(db, clock=Clock(datetime(2026, 11, 3, 14, tzinfo=UTC))) as store:
        meeting = store.start_meeting(
            "ni15", date(2026, 11, 3), "ACC Michael Harrison", [Attendee("ACC Michael Harrison", "present", None)],
            [AgendaItem("action", "7.3", long_title, 180), AgendaItem("risk", "SSC15-1", "Financial pressures", 180),
             AgendaItem("aob", None, "Any other business", 300)], "all", None)
        for position in (1, 2, 3):
            store.add_action_arising(meeting, position, f"Arising {position}", "adrian-roberts", None)
        store.close_meeting(meeting, None)
    with Service.open(db, ni15_folder(tmp_path)) as service:
        said = [service.arising_raised_on(a) for a in service.meeting_arising(service.meeting(meeting))]
    assert said == [
        "Raised on 7.3 Target night time economy hot spots with … at the meeting of 3 Nov 2026 (M1)",
        "Raised on risk SSC15-1 Financial pressures at the meeting of 3 Nov 2026 (M1)",
        "Raised under Any other business at the meeting of 3 Nov 2026 (M1)"]
