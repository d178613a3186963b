"""Loading plan files: YAML in, a validated Plan (or every problem with its place) out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from storage.cache import plan_cache
from storage.cache.outlines import PLAN_SUFFIXES, plan_files
from storage.plan.checks import check_plan
from storage.plan.locate import describe_errors, plan_item
from storage.plan.model import Plan
from storage.plan.yaml_notes import cut_texts, name_duplicates
from storage.plan.yaml_source import (
    HasProblems,
    Problem,
    SourceMap,
    YamlFileError,
    load_yaml_bytes,
    read_file_bytes,
)

__all__ = ["PLAN_SUFFIXES", "LoadedPlan", "PlanNotFound", "find_plan", "load_plan", "load_plan_cached",
           "load_plans", "plan_files"]


@dataclass
class LoadedPlan(HasProblems):
    path: Path
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.errors


class PlanNotFound(LookupError):
    """No plan with that id or path; the message names the choices."""


def load_plan(path: Path | str) -> LoadedPlan:
    """Load and check one plan file, always parsing it (what `steerco validate` uses).
    Never raises for a bad file: problems are returned."""
    path = Path(path)
    try:
        data = read_file_bytes(path)
    except YamlFileError as exc:
        return LoadedPlan(path, None, [exc.problem])
    return _parse(path, data)


def load_plan_cached(path: Path | str) -> LoadedPlan:
    """The same as `load_plan`, through the plan cache (storage/cache/plan_cache.py): a file whose
    bytes loaded with no errors before is read back from its validated JSON."""
    path = Path(path)
    try:
        data = read_file_bytes(path)
    except YamlFileError as exc:
        return LoadedPlan(path, None, [exc.problem])
    key = plan_cache.key_for(data)
    if (hit := plan_cache.read(key, path)) is not None:
        return LoadedPlan(path, hit[0], hit[1])
    loaded = _parse(path, data)
    if loaded.ok and loaded.plan is not None:
        plan_cache.write(key, path, loaded.plan, loaded.problems)
    return loaded


def _parse(path: Path, data: bytes) -> LoadedPlan:
    try:
        value, source, problems = load_yaml_bytes(data, str(path))
    except YamlFileError as exc:
        return LoadedPlan(path, None, [exc.problem])
    if value is None:
        empty = "file is empty; a plan needs at least id and title"
        return LoadedPlan(path, None, [Problem(str(path), 1, 1, "error", empty)])
    if not isinstance(value, dict):
        line, column = source.root_pos
        found = "a list" if isinstance(value, list) else f"a single value ({type(value).__name__})"
        return LoadedPlan(path, None, [Problem(str(path), line, column, "error",
                                               f"the top level must be a mapping of plan fields, found {found}")])
    _deadline_dates_as_written(value, source)
    problems = name_duplicates(problems, value, source, plan_item) + cut_texts(value, source, Plan, plan_item)
    try:
        plan = Plan.model_validate(value)
    except ValidationError as exc:
        problems += describe_errors([dict(e) for e in exc.errors(include_url=False)], value, source, Plan,
                                    name_item=plan_item)
        return LoadedPlan(path, None, sorted(set(problems)))
    problems += check_plan(plan, source)
    if plan.front_matter_file is not None and (problem := _front_matter_problem(path, plan.front_matter_file)):
        problems.append(source.problem(("front_matter_file",), "error", f"front_matter_file: {problem}"))
    return LoadedPlan(path, plan, sorted(set(problems)))


def _deadline_dates_as_written(value: dict[str, Any], source: SourceMap) -> None:
    """`deadline: 2025-03-31` unquoted is the deadline as written, not an error: YAML reads a real
    date there as a date, and the deadline's words are the text as written (an impossible
    `2025-02-30` YAML leaves as text, and the deadline rules name its problem)."""
    def as_written(holder: Any) -> None:
        if isinstance(holder, dict) and isinstance(holder.get("deadline"), (date, datetime)):
            holder["deadline"] = source.raw_text(holder, "deadline") or holder["deadline"].isoformat()

    for theme in _items(value, "themes"):
        for action in _items(theme, "actions"):
            as_written(action)
            for milestone in _items(action, "milestones"):
                as_written(milestone)


def _items(holder: Any, key: str) -> list[Any]:
    items = holder.get(key) if isinstance(holder, dict) else None
    return items if isinstance(items, list) else []


def front_matter_path(plan_path: Path, name: str) -> Path:
    """The Markdown file a plan's `front_matter_file` names: beside the plan file."""
    return plan_path.parent / name


def _front_matter_problem(plan_path: Path, name: str) -> str | None:
    if Path(name).name != name or not name.endswith(".md"):
        return f"{name!r} must be the name of a Markdown file (.md) beside the plan, with no folder"
    target = front_matter_path(plan_path, name)
    if not target.is_file():
        return f"no file {name} beside the plan (in {plan_path.parent})"
    try:
        read_file_bytes(target).decode("utf-8")
    except YamlFileError as exc:
        return exc.problem.message
    except UnicodeDecodeError:
        return f"{name} is not UTF-8 text"
    return None


def load_plans(plans_dir: Path) -> list[LoadedPlan]:
    """Every plan file of the folder, through the plan cache."""
    return [load_plan_cached(path) for path in plan_files(plans_dir)]


def find_plan(plans_dir: Path, ref: str) -> LoadedPlan:
    """A plan by id (from the plans folder) or by file path. Raises PlanNotFound naming the choices.

    An id is looked for in `<id>.yaml` (or `.yml`) first, which must then hold that id; only
    when it does not are the folder's other plans loaded."""
    as_path = Path(ref)
    if as_path.suffix in PLAN_SUFFIXES and as_path.is_file():
        return load_plan_cached(as_path)
    tried: dict[Path, LoadedPlan] = {}
    if ref and as_path.name == ref and not ref.startswith("."):  # a bare name, not a path
        for suffix in PLAN_SUFFIXES:
            candidate = plans_dir / f"{ref}{suffix}"
            if candidate.is_file():
                tried[candidate] = item = load_plan_cached(candidate)
                if item.plan is not None and item.plan.id == ref:
                    return item
    loaded = [tried.get(path) or load_plan_cached(path) for path in plan_files(plans_dir)]
    for item in loaded:
        if item.plan is not None and item.plan.id == ref:
            return item
    for item in loaded:
        if item.path.stem == ref:
            return item
    choices = ", ".join(sorted(i.plan.id for i in loaded if i.plan is not None)) or f"none in {plans_dir}"
    raise PlanNotFound(f"no plan {ref!r}; choose one of: {choices}")
