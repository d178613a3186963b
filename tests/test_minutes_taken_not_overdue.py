"""One rule for an action the meeting took (entered in the walk-through) with nothing recorded: it
has a minute number (`storage.minutes.formal.references`), so it is listed with that number among the
actions with no update recorded (marked OVERDUE there when it is late) and never again under "Overdue,
not discussed", which keeps the late actions the meeting did not take. A new user's try T8 (M4:
'7.4 (Minute 26/13)' and '- 7.4 …' both)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storage.plan.load import load_plan
from storage.store.records import AgendaItem, Attendee
from storage.store.store import Store
from tests.test_tui_support import run_steerco as run
from tests.test_views_agree import _overdue_section, folder  # noqa: F401  (1.1 and 1.2 late in June 2026)


def _meeting(folder: Path, entered: list[str]) -> None:  # noqa: F811
    """A meeting of 15 Jun 2026 with 1.2 and 1.3 on the agenda, the items of `entered` entered, nothing recorded."""
    plan = load_plan(folder / "views.yaml").plan
    assert plan is not None
    with Store.open(folder.parent / "steerco.db") as store:
        store.record_update("views", "1.2", "A", "Between meetings", "Cat Brown", "command-line")
        version = store.remember_plan(plan)
        agenda = ["1.2", "1.3"]
        meeting = store.start_meeting("views", date(2026, 6, 15), "Cat Brown",
                                      [Attendee("Cat Brown", "present", "cat")],
                                      [AgendaItem("action", a, a, 60) for a in agenda], "custom", version)
        for action_id in entered:
            store.enter_item(meeting, agenda.index(action_id) + 1)
        store.close_meeting(meeting)


def _overdue_ids(minutes: str) -> list[str]:
    return [line.split()[1] for line in _overdue_section(minutes).splitlines() if line.startswith("- ")]


def test_a_late_action_taken_with_nothing_recorded_is_not_listed_as_not_discussed(folder: Path) -> None:  # noqa: F811
    _meeting(folder, ["1.2"])
    minutes = run(folder, "minutes", "views")
    assert "On the agenda with no update recorded: 1.2 (Minute 26/01, **OVERDUE**), 1.3." in minutes  # still said
    assert _overdue_ids(minutes) == ["1.1"]  # 1.1: late by its milestone, not on the agenda


def test_a_late_action_on_the_agenda_never_entered_is_still_not_discussed(folder: Path) -> None:  # noqa: F811
    _meeting(folder, [])
    minutes = run(folder, "minutes", "views")
    assert "On the agenda with no update recorded: 1.2, 1.3." in minutes
    assert _overdue_ids(minutes) == ["1.1", "1.2"]
