"""Turning pydantic validation errors into `file:line:column` problems.

Shared by plan files (storage/plan/load.py) and update files (storage/updates/reader.py): each
error's `loc` is followed through the SourceMap of the YAML it came from, and the
message is rewritten for someone editing YAML by hand (unknown fields get a "did you
mean", numbers that should be quoted ids say so, dates say how to write them).
"""

from __future__ import annotations

import difflib
from datetime import date, datetime
from typing import Any, get_args

from storage.plan import deadlines
from storage.plan.yaml_source import Problem, SourceMap


def allowed_fields(model: Any, path: tuple[Any, ...]) -> list[str]:
    """The field names (or aliases) allowed at `path` inside `model`, for 'did you mean' hints."""
    current: Any = model
    for step in path:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", {})
        info = fields.get(step) or next((f for f in fields.values() if f.alias == step), None)
        if info is None:
            return []
        annotation = info.annotation
        candidates = [annotation, *get_args(annotation)]
        for arg in list(candidates):
            candidates.extend(get_args(arg))
        current = next((c for c in candidates if hasattr(c, "model_fields")), None)
        if current is None:
            return []
    return [info.alias or name for name, info in getattr(current, "model_fields", {}).items()]


def _container(data: Any, path: tuple[Any, ...]) -> Any:
    container = data
    for step in path:
        try:
            container = container[step]
        except (KeyError, IndexError, TypeError):
            return None
    return container


def describe(error: dict[str, Any], data: Any, source: SourceMap, model: Any, root: str = "plan") -> Problem:
    """One pydantic error (from `errors(include_url=False)`) as a Problem at its place.

    `model` is the pydantic class that was validated (for field-name hints) and `root`
    names the whole document in messages ("plan", "update file").
    """
    loc = tuple(error["loc"])
    kind = error["type"]
    parent_path, last = loc[:-1], loc[-1] if loc else None
    where = ".".join(str(part) for part in loc) or root
    container = _container(data, parent_path)
    if kind == "extra_forbidden":
        pos = source.key_at(container, last) or source.at(loc)
        hint = difflib.get_close_matches(str(last), allowed_fields(model, parent_path), n=1)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        return Problem(source.file, pos[0], pos[1], "error",
                       f"unknown field {last!r} in {'.'.join(map(str, parent_path)) or root}{suggestion}")
    if kind == "missing":
        line, column = source.at(parent_path)
        return Problem(source.file, line, column, "error", f"missing required field {where}")
    line, column = source.at(loc)
    raw = source.raw_text(container, last) if container is not None else None
    return Problem(source.file, line, column, "error", f"{where}: {_message(kind, error, raw)}")


def _message(kind: str, error: dict[str, Any], raw: str | None) -> str:
    """What is wrong with a value and the form expected, for someone editing YAML by hand."""
    value = error.get("input")
    if kind == "string_type" and raw is not None:
        if isinstance(value, bool):
            return f"YAML reads {raw} as {str(value).lower()} (a yes/no value); quote it: \"{raw}\""
        if isinstance(value, (int, float)):
            return f"YAML reads {raw} as the number {value!r}; quote it: \"{raw}\""
        if isinstance(value, (date, datetime)):
            return f"YAML reads {raw} as a date; quote it to keep it as text: \"{raw}\""
    if kind == "string_type" and value is None:
        return "no value given (YAML reads an empty value as null); write the text, or leave the field out"
    if kind in ("date_type", "date_from_datetime_inexact", "date_parsing", "date_from_datetime_parsing"):
        found = deadlines.read_deadline(value).problem if isinstance(value, str) else None
        detail = f"{found}; " if found else f"{value!r} is not a date; " if isinstance(value, str) else ""
        return f"{detail}write the date as YYYY-MM-DD, unquoted (e.g. 2011-03-31)"
    if kind == "string_too_long" and isinstance(value, str):
        limit = error.get("ctx", {}).get("max_length")
        return f"text is {len(value):,} characters; the limit is {limit:,} (docs/plan-format.md, Limits)"
    if kind == "too_long" and isinstance(value, (list, tuple)):
        limit = error.get("ctx", {}).get("max_length")
        return f"the list has {len(value):,} items; the limit is {limit:,}"
    if kind in ("int_type", "int_parsing", "int_from_float") and raw is None and isinstance(value, str):
        return f"{value!r} is text; write a whole number, unquoted"
    if kind in ("bool_type", "bool_parsing"):
        return f"{value!r} is not a yes/no value; write true or false"
    return str(error["msg"])
