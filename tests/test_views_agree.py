"""Risk owners, overdue actions, the minutes' overdue register and baselines, the same in every
view (tests/fixtures/views_plan.yaml): `steerco show`, `steerco status` and the minutes name a
risk's owner by one rule (`PlanIndex.risk_owner_label`) and call an action late by one rule
(`storage.plan.status.is_late` over its deadline and its milestones).

The plan's dates make "late" the same on any day from 2024 to 2099: 1.1's open milestone fell
due on 2024-03-31, 1.2 itself on 2024-03-31, everything else is due in 2099.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.plan.index import plan_index
from storage.plan.load import load_plan
from tests.test_tui_support import fixture_plans
from tests.test_tui_support import run_steerco as run

FIXTURE = Path(__file__).parent / "fixtures" / "views_plan.yaml"

#: Who owns each risk, as every view must name it: the roster owner, else `lead`, else no one.
RISK_OWNER = {"R1": "Insp Ann Smith", "R2": "Community Safety Partnership Manager", "R3": "To be identified"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return fixture_plans(tmp_path, FIXTURE, "views.yaml")


def test_one_rule_names_a_risks_owner() -> None:
    plan = load_plan(FIXTURE).plan
    assert plan is not None
    index = plan_index(plan)
    assert {r.id: index.risk_owner_label(r) for r in plan.risks} == RISK_OWNER
    assert {r.id: plan.risk_owner_label(r) for r in plan.risks} == RISK_OWNER


def test_show_and_status_name_each_risks_owner_alike(folder: Path) -> None:
    shown = run(folder, "show", "views")
    for risk_id, owner in RISK_OWNER.items():
        assert f"· {owner}\n" in shown.split(f"{risk_id} ")[1]
    assert "Inspector A. Smith" not in shown  # R1's lead text: it has a roster owner
    report = json.loads(run(folder, "status", "views", "--json"))
    assert {r["id"]: r["owner"] for r in report["risks"]} == RISK_OWNER
    table = run(folder, "status", "views")
    risks = table.split("Risks")[1]
    assert "Owner" in risks.splitlines()[2]
    for owner in RISK_OWNER.values():
        assert owner.split()[0] in risks


def test_the_status_risk_table_fits_80_columns(folder: Path) -> None:
    env = {"STEERCO_PLANS": str(folder), "STEERCO_DB": str(folder.parent / "steerco.db"),
           "STEERCO_CACHE": str(folder.parent / "cache"), "COLUMNS": "80"}
    table = CliRunner().invoke(main, ["status", "views"], env=env).output
    risks = table.split("Risks")[1].splitlines()[1:]
    assert risks and all(len(line) <= 80 for line in risks)
    header = risks[1]
    assert [c.strip() for c in header.strip("┃").split("┃")] == ["Id", "Risk", "Owner", "Rating", "Residual",
                                                                   "Source"]
    assert "Insp Ann" in table.split("R1")[1] and "4 × 3 = 12" in table.split("R1")[1]


def _overdue_in_show(shown: str) -> dict[str, bool]:
    """Whether `show` marks each action OVERDUE (on its owner · deadline line)."""
    lines = shown.splitlines()
    found = {}
    for n, line in enumerate(lines):
        for action_id in ("1.1", "1.2", "1.3"):
            if f"── {action_id} " in line:
                found[action_id] = lines[n + 1].rstrip().endswith("OVERDUE")
    return found


def test_show_marks_an_action_late_by_a_milestone_overdue_as_status_does(folder: Path) -> None:
    assert _overdue_in_show(run(folder, "show", "views")) == {"1.1": True, "1.2": True, "1.3": False}
    assert not (folder.parent / "steerco.db").exists()  # show made no store
    run(folder, "record", "views", "1.2", "--rag", "complete", "--note", "Panel refreshed", "--by", "Cat Brown")
    run(folder, "record", "views", "1.1", "--rag", "G", "--note", "On track", "--by", "Cat Brown")
    report = json.loads(run(folder, "status", "views", "--json"))
    overdue = {a["id"]: a["overdue"] for a in report["actions"]}
    assert overdue == {"1.1": True, "1.2": False, "1.3": False}
    assert _overdue_in_show(run(folder, "show", "views")) == overdue
