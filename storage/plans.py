"""Loading plan files: YAML in, a validated Plan (or every problem with its place) out."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from storage.checks import check_plan
from storage.model import Plan
from storage.yamlsource import Problem, SourceMap, YamlFileError, load_yaml

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadedPlan:
    path: Path
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.errors


class PlanNotFound(LookupError):
    """No plan with that id or path; the message names the choices."""


def _allowed_fields(model: Any, path: tuple[Any, ...]) -> list[str]:
    """The field names allowed at `path` inside `model`, for 'did you mean' hints."""
    from typing import get_args

    current: Any = model
    for step in path:
        if isinstance(step, int):
            continue
        info = getattr(current, "model_fields", {}).get(step)
        if info is None:
            return []
        annotation = info.annotation
        candidates = [annotation, *get_args(annotation)]
        for arg in list(candidates):
            candidates.extend(get_args(arg))
        current = next((c for c in candidates if hasattr(c, "model_fields")), None)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _describe(error: dict[str, Any], data: Any, source: SourceMap) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    parent_path, last = loc[:-1], loc[-1] if loc else None
    where = ".".join(str(part) for part in loc) or "plan"
    container: Any = data
    for step in parent_path:
        try:
            container = container[step]
        except (KeyError, IndexError, TypeError):
            container = None
            break
    if kind == "extra_forbidden":
        pos = source.key_at(container, last) or source.at(loc)
        hint = difflib.get_close_matches(str(last), _allowed_fields(Plan, parent_path), n=1)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        return Problem(source.file, pos[0], pos[1], "error", f"unknown field {last!r} in {'.'.join(map(str, parent_path)) or 'plan'}{suggestion}")
    if kind == "missing":
        line, column = source.at(parent_path)
        return Problem(source.file, line, column, "error", f"missing required field {where}")
    line, column = source.at(loc)
    raw = source.raw_text(container, last) if container is not None else None
    if kind == "string_type" and raw is not None and isinstance(error.get("input"), (int, float)):
        return Problem(source.file, line, column, "error",
                       f"{where}: YAML reads {raw} as the number {error['input']!r}; quote it: \"{raw}\"")
    if kind in ("date_type", "date_from_datetime_inexact", "date_parsing"):
        return Problem(source.file, line, column, "error", f"{where}: write the date as YYYY-MM-DD, unquoted")
    return Problem(source.file, line, column, "error", f"{where}: {error['msg']}")


def load_plan(path: Path | str) -> LoadedPlan:
    """Load and check one plan file. Never raises for a bad file: problems are returned."""
    path = Path(path)
    try:
        data, source, problems = load_yaml(path)
    except YamlFileError as exc:
        return LoadedPlan(path, None, [exc.problem])
    if data is None:
        return LoadedPlan(path, None, [Problem(str(path), 1, 1, "error", "file is empty; a plan needs at least id, title, version and partnership")])
    if not isinstance(data, dict):
        line, column = source.root_pos
        found = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        return LoadedPlan(path, None, [Problem(str(path), line, column, "error", f"the top level must be a mapping of plan fields, found {found}")])
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        problems += [_describe(e, data, source) for e in exc.errors(include_url=False)]
        return LoadedPlan(path, None, sorted(set(problems)))
    problems += check_plan(plan, source)
    return LoadedPlan(path, plan, sorted(set(problems)))


def plan_files(plans_dir: Path) -> list[Path]:
    if not plans_dir.is_dir():
        return []
    return sorted(p for p in plans_dir.iterdir() if p.suffix in PLAN_SUFFIXES and p.is_file())


def load_plans(plans_dir: Path) -> list[LoadedPlan]:
    return [load_plan(path) for path in plan_files(plans_dir)]


def find_plan(plans_dir: Path, ref: str) -> LoadedPlan:
    """A plan by id (from the plans folder) or by file path. Raises PlanNotFound naming the choices."""
    as_path = Path(ref)
    if as_path.suffix in PLAN_SUFFIXES and as_path.is_file():
        return load_plan(as_path)
    loaded = load_plans(plans_dir)
    for item in loaded:
        if item.plan is not None and item.plan.id == ref:
            return item
    for item in loaded:
        if item.path.stem == ref:
            return item
    choices = ", ".join(sorted(i.plan.id for i in loaded if i.plan is not None)) or f"none in {plans_dir}"
    raise PlanNotFound(f"no plan {ref!r}; choose one of: {choices}")
