"""Risk owners, overdue actions, the minutes' overdue register and baselines, the same in every
view (tests/fixtures/views_plan.yaml): `steerco show`, `steerco status` and the minutes name a
risk's owner by one rule (`PlanIndex.risk_owner_label`) and call an action late by one rule
(`storage.plan.status.is_late` over its deadline and its milestones).

The plan's dates make "late" the same on any day from 2024 to 2099: 1.1's open milestone fell
due on 2024-03-31, 1.2 itself on 2024-03-31, everything else is due in 2099.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
