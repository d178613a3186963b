"""plan_index answers as the plan's own list walks do (first wins on duplicates), once per plan object."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from storage.plan.index import _indexes, plan_index
from storage.plan.load import load_plan
from storage.plan.model import Plan
from storage.updates.ownership import find_person, owns
from tests.conftest import BUNDLED_PLANS, MINIMAL_PLAN


def _walk_find_person(plan: Plan, name: str) -> object:
    wanted = name.strip().casefold()
    return next((p for p in plan.people if wanted in (p.id.casefold(), p.name.strip().casefold())), None)


def _walk_owns(plan: Plan, person_id: str, owner_id: str) -> bool:
    group = next((g for g in plan.groups if g.id == owner_id), None)
    return group is not None and any(m.person == person_id for m in group.members)


def plans(tmp_path: Path) -> list[Plan]:
    # A plan whose ids repeat (an error, but it still loads as a Plan) checks "first wins".
    duplicated = MINIMAL_PLAN.replace('id: "1.2"', 'id: "1.1"').replace(
        "id: bob\n    name: Bob Chair", "id: ann\n    name: ann officer"
    )
    (tmp_path / "dup.yaml").write_text(duplicated, encoding="utf-8")
    out = [load_plan(path).plan for path in sorted(BUNDLED_PLANS.glob("*.yaml")) + [tmp_path / "dup.yaml"]]
    assert all(p is not None for p in out)
    return out  # type: ignore[return-value]


def test_the_index_agrees_with_the_plan(tmp_path: Path) -> None:
    for plan in plans(tmp_path):
        index = plan_index(plan)
        ids = [a.id for _, a in plan.actions()] + ["nope"]
        for action_id in ids:
            assert index.actions.get(action_id) is plan.action(action_id)
        for _theme, action in plan.actions():
            assert index.themes[action.id] is next(t for t, a in plan.actions() if a.id == action.id)
        for risk_id in [r.id for r in plan.risks] + ["nope"]:
            assert index.risks.get(risk_id) is plan.risk(risk_id)
        owners = {a.owner for _, a in plan.actions()} | {r.owner for r in plan.risks} | {"nobody", None}
        for owner in owners:
            assert index.owner_name(owner) == plan.owner_name(owner)
        for code in ("R", "a", "g", "B", "x"):
            assert index.rag_status(code) is plan.rag(code)
        names = [p.id for p in plan.people] + [f"  {p.name.upper()} " for p in plan.people] + ["Nobody"]
        for name in names:
            assert find_person(plan, name) is _walk_find_person(plan, name)
            person = find_person(plan, name)
            if person is not None:
                for owner in owners - {None}:
                    assert owns(plan, person, owner) == (owner in (person.id, person.organisation)
                                                        or _walk_owns(plan, person.id, owner))  # type: ignore[arg-type]


def test_one_index_per_plan_object_dropped_with_it(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    plan = load_plan(tmp_path / "demo.yaml").plan
    assert plan is not None
    assert plan_index(plan) is plan_index(plan)
    other = plan.model_copy(update={"themes": []})
    assert plan_index(other).actions == {} and "1.1" in plan_index(plan).actions
    key = id(other)
    del other
    gc.collect()
    assert key not in _indexes


@pytest.mark.parametrize("name", ["ann", "ANN", " Ann Officer ", "ann officer"])
def test_find_person_by_id_or_name_any_case(plans_dir: Path, name: str) -> None:
    plan = load_plan(plans_dir / "demo.yaml").plan
    assert plan is not None
    person = find_person(plan, name)
    assert person is not None and person.id == "ann"
