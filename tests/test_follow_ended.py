"""`steerco follow` (Pilot) when the chair's meeting ends: the next poll says it has closed (or
was abandoned) and the agenda stays readable; and a matter arising's status and the previous
minutes' approval show as symbol and word, as on the chair's screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storage.service.service import Service
from tests.test_follow_app import shown_within, text
from tui.follow_app import make_follow_app


async def test_the_follower_is_told_at_once_the_meeting_has_closed(db_path: Path, plans_dir: Path) -> None:
    with Service.open(db_path, plans_dir) as chair:
        app = make_follow_app(db_path, plans_dir, "demo")
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = chair.start_meeting("demo", date(2026, 11, 23), "ann", ["ann", "bob"], [], [], "all")
            position = next(n for n, i in enumerate(meeting.agenda, 1) if i.kind == "action")
            chair.enter_item(meeting, position)
            await shown_within(pilot, 1.0, lambda: "Action" in text(app, "fl-item"))
            chair.close_meeting(meeting)
            await shown_within(pilot, 1.0, lambda: "has closed" in text(app, "fl-item"))
            assert text(app, "fl-item").startswith("The meeting has closed at ")
            assert "Meeting of 23 Nov 2026" in text(app, "fl-meeting")
            agenda = text(app, "fl-agenda").splitlines()
            assert any(line.startswith("✓") and meeting.item(position).title in line for line in agenda)
            assert not any(line.startswith("▶") for line in agenda)
            assert text(app, "fl-bar").startswith("Closed · Σ ")
            assert text(app, "fl-status") == ""

            again = chair.start_meeting("demo", date(2026, 12, 21), "ann", ["ann"], [], [], "all")
            await shown_within(pilot, 1.0, lambda: "Meeting of 21 Dec 2026" in text(app, "fl-meeting"))
            chair.abandon_meeting(again, "not quorate")
            await shown_within(pilot, 1.0, lambda: "abandoned" in text(app, "fl-item"))
            assert "The meeting was abandoned at " in text(app, "fl-item")
            assert "it has no minutes" in text(app, "fl-item")
            assert text(app, "fl-bar").startswith("Abandoned · Σ ")


async def test_arising_and_approval_show_symbol_and_word(db_path: Path, plans_dir: Path) -> None:
    with Service.open(db_path, plans_dir) as chair:
        first = chair.start_meeting("demo", date(2026, 11, 23), "ann", ["ann", "bob"], [], [], "all")
        chair.enter_item(first, 1)
        arising = chair.add_action_arising(first, 1, "Write to the funder", "ann", date(2026, 12, 1))
        chair.close_meeting(first)
        second = chair.start_meeting("demo", date(2026, 12, 21), "ann", ["ann", "bob"], [], [], "all")
        kinds = [i.kind for i in second.agenda]
        app = make_follow_app(db_path, plans_dir, "demo")
        async with app.run_test(size=(80, 24)) as pilot:
            chair.enter_item(second, kinds.index("previous_minutes") + 1)
            await shown_within(pilot, 1.0, lambda: "Minutes of the previous meeting" in text(app, "fl-item"))
            assert text(app, "fl-status") == "Status ✎ Draft"
            chair.approve_minutes(second)
            await shown_within(pilot, 1.0, lambda: "Approved" in text(app, "fl-status"))
            assert text(app, "fl-status") == "Status ✓ Approved — agreed as a true record at this meeting"

            chair.enter_item(second, kinds.index("matters_arising") + 1)
            await shown_within(pilot, 1.0, lambda: "Matter arising" in text(app, "fl-item"))
            assert text(app, "fl-status") == "Status ○ open"
            chair.set_arising_status(second, arising.ref, "done")
            await shown_within(pilot, 1.0, lambda: "done" in text(app, "fl-status"))
            assert text(app, "fl-status") == "Status ✓ done — set at this meeting"
