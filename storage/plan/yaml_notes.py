"""What reading a plan's YAML noticed (storage/plan/yaml_source.py), told in the plan's words.

- A `#` that cuts an unquoted text: YAML reads ` #` and the rest of the line as a comment, so
  `title: Officer numbers #1 priority` is the title "Officer numbers". Said at the `#`, for text
  fields only (an id or a number followed by a comment loses nothing of what was meant).
- A duplicate key, named by the item it is in ("action 7.1: duplicate key 'deadline' ...")."""

from __future__ import annotations

from typing import Any

from storage.plan.locate import ItemNamer, is_text_field
from storage.plan.locate import _where as where
from storage.plan.yaml_source import Problem, SourceMap


def cut_texts(data: Any, source: SourceMap, model: Any, name_item: ItemNamer) -> list[Problem]:
    """A warning at each ` #` that follows an unquoted text on its line (`SourceMap.comments`)."""
    if not source.comments:
        return []
    problems = []
    for path, container, key in _places(data):
        at = source.comments.get((id(container), key))
        full = (*path, key)
        if at is None or not is_text_field(model, full):
            continue
        label, taken = name_item(full, data)
        field = where(full[taken:] if label else full)
        head = f"{label}: {field}" if label else field
        noun = "item" if isinstance(key, int) else field
        problems.append(Problem(source.file, at[0], at[1], "warning",
                                f"{head}: the rest of this line after ' #' is a YAML comment, not part of the "
                                f"{noun}; quote the text to keep it"))
    return problems


def name_duplicates(problems: list[Problem], data: Any, source: SourceMap, name_item: ItemNamer) -> list[Problem]:
    """`problems` with each duplicate key's message starting with the item it is in."""
    if not source.duplicates:
        return problems
    paths = {id(container): path for path, container, _key in _places(data)}
    paths[id(data)] = ()
    named = {}
    for problem, container, key in source.duplicates:
        label, _taken = name_item((*paths.get(container, ()), key), data) if container in paths else (None, 0)
        if label:
            named[problem] = Problem(problem.file, problem.line, problem.column, problem.severity,
                                     f"{label}: {problem.message}")
    return [named.get(p, p) for p in problems]


def _places(data: Any) -> list[tuple[tuple[Any, ...], Any, Any]]:
    """Every (path of the container, container, key or index) of a loaded document."""
    out: list[tuple[tuple[Any, ...], Any, Any]] = []
    todo: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    seen: set[int] = set()
    while todo:
        path, node = todo.pop()
        if id(node) in seen:  # an alias: its anchor's place says it
            continue
        seen.add(id(node))
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            out.append((path, node, key))
            if isinstance(value, (dict, list)):
                todo.append(((*path, key), value))
    return out
