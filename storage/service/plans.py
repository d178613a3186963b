"""Plan files for the command line: finding one, checking them, their outline, the JSON Schema.

What `steerco validate`, `schema` and `show` use, every command that takes a PLAN (an id
from the plans folder, or a file), and every one that names a person (`resolve_person`:
`--as`, `--by`). No store here. Importing it loads the plan model
(pydantic): `steerco status` finds its plan's outline without it (`reports.plan_outline`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.plan.index import UnknownPerson, resolve_person
from storage.plan.load import LoadedPlan, PlanNotFound, find_plan, load_plan, load_plans, plan_files
from storage.plan.yaml_source import Problem

if TYPE_CHECKING:
    from storage.plan.model import Plan

__all__ = ["LoadedPlan", "PlanNotFound", "Problem", "UnknownPerson", "check_files", "find_plan", "plan_files",
           "plan_schema", "resolve_person", "valid_plans"]


def valid_plans(plans_dir: Path) -> list[Plan]:
    """Every plan in the folder that loads with no errors."""
    return [loaded.plan for loaded in load_plans(plans_dir) if loaded.ok and loaded.plan is not None]


def check_files(paths: list[Path]) -> list[Problem]:
    """Every problem of these plan files (a folder among them is one), and any plan id two of them share."""
    problems: list[Problem] = []
    seen_ids: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            problems.append(Problem(str(path), 1, 1, "error", "is a folder; name plan files, or use --plans"))
            continue
        loaded = load_plan(path)
        problems += loaded.problems
        if loaded.plan is not None:
            if loaded.plan.id in seen_ids:
                problems.append(Problem(str(path), 1, 1, "error",
                                        f"plan id {loaded.plan.id!r} is also used by {seen_ids[loaded.plan.id]}"))
            seen_ids.setdefault(loaded.plan.id, path)
    return problems


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of plan files."""
    from storage.plan.json_schema import plan_schema as schema

    return schema()
