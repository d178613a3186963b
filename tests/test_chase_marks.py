"""steerco chase, as a secretariat reads it: an item owned by an organisation with nobody on the
roster says so, a complete action is never chased, and late items are marked OVERDUE by the one
rule (`is_late` on the action's own or an open milestone's date)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner, Result

from steerco.cli import main
from storage.service.service import Service
from tests.conftest import MINIMAL_PLAN

HELD = date(2026, 11, 12)

# 1.3: owned by an organisation nobody on the roster belongs to; 1.4: a milestone long past; 1.5: no owner.
PLAN = MINIMAL_PLAN.replace("""people:
""", """  - id: fire
    name: Midshire Fire and Rescue Service
people:
""").replace("""risks:
""", """      - id: "1.3"
        text: Fit smoke alarms.
        owner: fire
        deadline: Across the year
        due: 2099-12-31
      - id: "1.4"
        text: Train the wardens.
        owner: ann
        deadline: Across the year
        due: 2099-12-31
        milestones:
          - text: Course booked
            deadline: January 2026
            due: 2026-01-31
      - id: "1.5"
        text: Find a venue.
        deadline: Across the year
        due: 2099-12-31
risks:
""")


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def chair_store(tmp_path: Path, status_11: str) -> tuple[Path, Path]:
    plans, db = tmp_path / "plans", tmp_path / "chair.db"
    plans.mkdir()
    (plans / "demo.yaml").write_text(PLAN, encoding="utf-8")
    with Service.open(db, plans) as service:
        m = service.start_meeting("demo", HELD, "bob", ["bob", "ann"], [], [], "all")
        service.set_status(m, "1.1", status_11, note="")
        service.close_meeting(m)
    return plans, db


def chase(plans: Path, db: Path, *extra: str) -> Result:
    return run("chase", "demo", "--db", str(db), "--plans", str(plans), *extra)


def test_an_organisation_with_nobody_on_the_roster_is_named_as_the_owner(tmp_path: Path) -> None:
    plans, db = chair_store(tmp_path, "A")
    result = chase(plans, db)
    assert result.exit_code == 1, result.output
    assert "No roster owner" not in result.output
    assert ("action 1.3  (owned by Midshire Fire and Rescue Service, which has no people on the roster)"
            in result.output)
    assert "action 1.5  (no roster owner: To be identified)" in result.output
    data = json.loads(chase(plans, db, "--json").output)
    unchased = {i["id"]: i["unchased"] for i in data["unowned"]}
    assert unchased["1.3"].startswith("owned by Midshire Fire and Rescue Service")


def test_a_complete_action_is_never_chased(tmp_path: Path) -> None:
    plans, db = chair_store(tmp_path, "B")
    data = json.loads(chase(plans, db, "--json").output)
    chased = [i["id"] for o in data["owners"] for i in o["items"]] + [i["id"] for i in data["unowned"]]
    assert "1.1" not in chased and "1.2" in chased
    assert "action 1.1" not in chase(plans, db).output


def test_late_items_are_marked_overdue_in_the_list_the_json_and_the_message(tmp_path: Path) -> None:
    plans, db = chair_store(tmp_path, "A")  # 1.1 due June 2026, Amber: late; 1.4's milestone is past
    result = chase(plans, db)
    lines = {" ".join(line.split()[:2]): line for line in result.output.splitlines() if line.startswith("  action")}
    assert "OVERDUE" in lines["action 1.1"] and "OVERDUE" in lines["action 1.4"]
    assert "OVERDUE" not in lines["action 1.2"]
    data = json.loads(chase(plans, db, "--json").output)
    overdue = {i["id"]: i["overdue"] for o in data["owners"] for i in o["items"]}
    assert overdue["1.1"] and overdue["1.4"] and not overdue["1.2"] and not overdue["R-1"]
    out = tmp_path / "chase"
    assert chase(plans, db, "-o", str(out)).exit_code == 1
    message = (out / "demo-ann.txt").read_text()
    item_11 = message[message.index("action 1.1"):].split("\n- ")[0]
    assert "OVERDUE" in item_11


def test_before_any_meeting_what_the_store_already_holds_counts_as_an_update(tmp_path: Path) -> None:
    plans, db = tmp_path / "plans", tmp_path / "chair.db"
    plans.mkdir()
    (plans / "demo.yaml").write_text(PLAN, encoding="utf-8")
    with Service.open(db, plans):
        pass
    before = json.loads(chase(plans, db, "--json").output)
    assert "1.4" in [i["id"] for o in before["owners"] for i in o["items"]]
    assert run("record", "demo", "1.4", "--rag", "G", "--note", "n", "--by", "ann", "--db", str(db),
               "--plans", str(plans)).exit_code == 0
    after = json.loads(chase(plans, db, "--json").output)
    assert "1.4" not in [i["id"] for o in after["owners"] for i in o["items"]]
