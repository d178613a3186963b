"""A recurring deadline shows its next due date, and a standing commitment says it is one, the
same way in `steerco show`, `steerco status` (text and JSON), the dashboard, the walk-through,
the action detail and the minutes (tests/fixtures/recurring_plan.yaml): one rule,
`storage.plan.deadline_text.deadline_text`. The minutes work the next due date out from the
meeting's day, not from the day they are made.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storage.plan.deadline_text import deadline_text
from storage.plan.load import load_plan
from storage.plan.status import is_late
from tests.test_tui_support import Clock, fixture_plans, started_walkthrough
from tests.test_tui_support import run_steerco as run

FIXTURE = Path(__file__).parent / "fixtures" / "recurring_plan.yaml"
#: The meeting's day: quarterly falls due next on 31 March 2025, each year on 31 December 2025,
#: neither of which is the next due date as of the day the tests run (2026 or later).
MEETING_DAY = date(2025, 2, 10)
NOW = datetime(2025, 2, 10, 9, 30, tzinfo=UTC)
STANDING = "maintain at 1,220 for the term (standing commitment)"
DATED = "December 2099 (2099-12-31)"


def recurring(day: date) -> str:
    return f"quarterly (next due {deadline_text('quarterly', None, day).due})"


def milestones(day: date) -> list[str]:
    return [f"Annual report published — each year (next due {date(day.year, 12, 31)})",
            "Data kept current — ongoing (standing commitment)"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return fixture_plans(tmp_path, FIXTURE, "recur.yaml")


def test_the_fixture_validates_clean(folder: Path) -> None:
    assert run(folder, "validate", str(folder / "recur.yaml")).strip().endswith("0 errors, 0 warnings")


def test_the_one_rule_words_each_kind() -> None:
    day = date(2026, 5, 2)
    assert deadline_text("quarterly", None, day).full == "quarterly (next due 2026-06-30)"
    assert deadline_text("ongoing", None, day).full == "ongoing (standing commitment)"
    assert deadline_text("By April 11", date(2011, 4, 30), day).full == "By April 11 (2011-04-30)"
    assert deadline_text("Across the year", None, day).full == "Across the year (no date)"
    assert deadline_text(None, None, day).full == "none set"
    assert [deadline_text(w, None, day).short for w in ("quarterly", "ongoing", "June 2026", None)] == [
        "↻ Jun 2026", "standing", "Jun 2026", "—"]
    assert deadline_text("By April 11", date(2011, 4, 30), day).brief == "By April 11"  # the minutes' form
    assert deadline_text("monthly", None, day).brief == "monthly (next due 2026-05-31)"


def test_milestones_follow_the_rules_of_actions() -> None:
    plan = load_plan(FIXTURE).plan
    assert plan is not None
    action = plan.action("1.1")
    assert action is not None
    annual, standing = action.milestones
    assert (annual.deadline_kind, annual.due, annual.next_due(MEETING_DAY)) == ("recurring", None, date(2025, 12, 31))
    assert (standing.deadline_kind, standing.due, standing.next_due(MEETING_DAY)) == ("standing", None, None)
    assert action.late_due is None  # neither the action nor its milestones ever fall due for good
    assert not is_late(action.late_due, "G", date(2099, 12, 31), plan.complete_code)
    assert plan.milestone_lines(action, None, MEETING_DAY) == [(line, False) for line in milestones(MEETING_DAY)]


def test_show_and_status_word_them_as_the_rule(folder: Path) -> None:
    today = date.today()
    shown = run(folder, "show", "recur")
    for line in (recurring(today), STANDING, DATED, *milestones(today)):
        assert line in shown
    report = json.loads(run(folder, "status", "recur", "--json"))
    day = date.fromisoformat(report["today"])
    actions = {a["id"]: a for a in report["actions"]}
    assert {i: (a["deadline"], a["due"], a["next_due"], a["deadline_kind"], a["overdue"])
            for i, a in actions.items()} == {
        "1.1": ("quarterly", None, str(deadline_text("quarterly", None, day).due), "recurring", False),
        "1.2": ("maintain at 1,220 for the term", None, None, "standing", False),
        "1.3": ("December 2099", "2099-12-31", "2099-12-31", "date", False)}
    table = run(folder, "status", "recur")
    for words in (recurring(day), STANDING, DATED):
        assert words in table
    assert "OVERDUE" not in table


async def test_the_dashboard_the_detail_the_walkthrough_and_the_minutes(folder: Path) -> None:
    """The dashboard's Due cells and the action detail, then a meeting walked by keys (each
    action's facts), then its minutes from `steerco minutes`, made on a later day."""
    from textual.widgets import Static

    from tui.app import make_app
    from tui.screens.action import ActionScreen
    from tui.widgets.action_table import ActionTable

    db = folder.parent / "steerco.db"
    app = make_app(db_path=db, plans_dir=folder, clock=Clock(NOW), today=MEETING_DAY, plan="recur")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            found = app.screen.query(ActionTable)
            if found and not found.first().loading and found.first().row_count:
                break
            await pilot.pause(0.02)
        table = app.screen.query_one(ActionTable)
        assert {a: str(table.cell(a, "due")) for a in ("1.1", "1.2", "1.3")} == {
            "1.1": "↻ Mar 2025", "1.2": "standing", "1.3": "Dec 2099"}
        await pilot.press("enter")  # the cursor is on 1.1
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, ActionScreen)
        facts = str(detail.query_one("#action-facts", Static).render())
        assert f"Deadline {recurring(MEETING_DAY)}" in facts and "OVERDUE" not in facts
        listed = str(detail.query_one("#action-milestones", Static).render())
        assert [line[2:] for line in listed.splitlines()[1:]] == milestones(MEETING_DAY)

    app = make_app(db_path=db, plans_dir=folder, clock=Clock(NOW), today=MEETING_DAY, plan="recur",
                   start_meeting=True)
    facts_of: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await started_walkthrough(pilot)
        for key in ("g", "g", "g"):
            await pilot.press(key)
            await pilot.pause()
            facts_of[walk.item.ref or walk.item.kind] = str(walk.query_one("#wt-facts").render())
            await pilot.press("right")
            await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert walk.meeting.closed
    assert f"Deadline {recurring(MEETING_DAY)}" in facts_of["1.1"]
    for line in milestones(MEETING_DAY):
        assert line in facts_of["1.1"]
    assert f"Deadline {STANDING}" in facts_of["1.2"] and f"Deadline {DATED}" in facts_of["1.3"]
    assert "OVERDUE" not in "".join(facts_of.values())

    minutes = run(folder, "minutes", "recur")  # made today, worded as of the meeting's day
    assert f"Deadline: {recurring(MEETING_DAY)}" in minutes
    assert f"Deadline: {STANDING}" in minutes
    assert f"Deadline: {DATED}\n" in minutes  # with its date, as every view words it
    for line in milestones(MEETING_DAY):
        assert f"Milestone: {line}" in minutes
    assert "overdue" not in minutes.lower()
    assert run(folder, "minutes", "recur") == minutes
