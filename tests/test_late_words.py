"""One wording, in every view, for a deadline, for why an action is OVERDUE and for "not rated"
(storage/plan/status.py: `overdue_words`, `NOT_RATED`, `AS_REGISTERED`; storage/plan/deadline_text.py).

tests/fixtures/views_plan.yaml: 1.1 is due in 2099 but late by its milestone (2024-03-31), 1.2
is late by its own deadline, 1.3 is due in 2099. tests/test_chase_marks.py's plan: 1.4 is due in
2099 and late by its milestone "Course booked" (2026-01-31).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from storage.plan.status import AS_REGISTERED, NOT_RATED, NOT_RATED_MARK, OVERDUE, overdue_words
from tests.test_chase_marks import chair_store, chase
from tests.test_tui_support import fixture_plans
from tests.test_tui_support import run_steerco as run

FIXTURE = Path(__file__).parent / "fixtures" / "views_plan.yaml"
LATE_BY_MILESTONE = "OVERDUE (milestone: Campaign plan agreed, due 2024-03-31)"
TODAY = date(2026, 7, 1)


def test_overdue_words_say_why_only_when_a_milestone_made_the_action_late() -> None:
    assert overdue_words(date(2026, 3, 31), TODAY) == OVERDUE == "OVERDUE"
    assert overdue_words(date(2026, 3, 31), TODAY, [("Plan agreed", date(2026, 1, 31))]) == "OVERDUE"
    late = [("Evaluation published", date(2099, 12, 31)), ("Needs assessment published", date(2026, 6, 30)),
            ("Plan agreed", None)]
    assert (overdue_words(date(2099, 12, 31), TODAY, late)
            == "OVERDUE (milestone: Needs assessment published, due 2026-06-30)")
    first = [("Second", date(2026, 5, 31)), ("First", date(2026, 2, 28))]
    assert overdue_words(None, TODAY, first) == "OVERDUE (milestone: First, due 2026-02-28)"  # the earliest
    assert overdue_words(TODAY, TODAY) == "OVERDUE (a milestone)"  # a recurring action's next due: never before today
    assert (NOT_RATED, NOT_RATED_MARK, AS_REGISTERED) == ("Not yet rated", "–", "as registered")


def test_show_status_template_and_the_minutes_word_a_late_action_alike(tmp_path: Path) -> None:
    folder = fixture_plans(tmp_path, FIXTURE, "views.yaml")
    shown = run(folder, "show", "views")
    assert f"December 2099 (2099-12-31) {LATE_BY_MILESTONE}" in shown
    assert "March 2024 (2024-03-31) OVERDUE\n" in shown

    template = run(folder, "template", "--as", "ann", "views")
    assert (f"# action 1.1: Joint road safety campaign — deadline: December 2099 (2099-12-31) {LATE_BY_MILESTONE}"
            in template)
    assert "(due " not in template

    run(folder, "record", "views", "1.3", "--rag", "G", "--note", "On track", "--by", "Cat Brown")
    wide = run(folder, "status", "views", "--wide")
    rows = {line.split("│")[1].strip(): line for line in wide.splitlines() if line.startswith("│ 1.")}
    assert "December 2099 (2099-12-31) OVERDUE (a milestone)" in rows["1.1"]  # no milestone texts in the report
    assert "March 2024 (2024-03-31) OVERDUE " in rows["1.2"] and "OVERDUE" not in rows["1.3"]
    assert f"{NOT_RATED_MARK} {NOT_RATED}" in rows["1.1"] and "- not rated" not in wide
    assert wide.split("Risks")[1].count("registered") == 3  # AS_REGISTERED, wrapped in its narrow column


def test_chase_words_the_deadline_and_why_it_is_late(tmp_path: Path) -> None:
    plans, db = chair_store(tmp_path, "A")
    lines = {" ".join(line.split()[:2]): line for line in chase(plans, db).output.splitlines()
             if line.startswith("  action")}
    assert "deadline: Across the year (2099-12-31) OVERDUE (milestone: Course booked, due 2026-01-31)" in lines[
        "action 1.4"]
    assert "  due " not in "".join(lines.values())
    data = json.loads(chase(plans, db, "--json").output)
    assert [i["overdue"] for o in data["owners"] for i in o["items"] if i["id"] == "1.4"] == [True]
    out = tmp_path / "chase"
    chase(plans, db, "-o", str(out))
    message = " ".join((out / "demo-ann.txt").read_text().split())
    assert "(deadline: Across the year (2099-12-31); OVERDUE (milestone: Course booked, due 2026-01-31))" in message
    update_file = (out / "demo-ann.yaml").read_text()
    assert "— deadline: Across the year (2099-12-31) OVERDUE (milestone: Course booked, due 2026-01-31)" in update_file
