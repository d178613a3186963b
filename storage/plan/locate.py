"""Turning pydantic validation errors into `file:line:column` problems.

Shared by plan files (storage/plan/load.py) and update files (storage/updates/reader.py): each
error's `loc` is followed through the SourceMap of the YAML it came from, and the
message is rewritten for someone editing YAML by hand: the field, the form expected and
what was found ("direction: 'at least' is not one of at_least, at_most, exactly (did you mean
'at_least'?)"); unknown fields get a "did you mean", numbers that should be quoted ids say so,
dates say how to write them. No pydantic wording reaches the user.

In a plan, the item a problem is in is named as the checks' warnings name it (`PLAN_ITEMS`):
"action 3.2: owner: ...", not "themes.2.actions.1.owner: ...".
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Annotated, Any, get_args, get_origin

from pydantic.fields import FieldInfo

from storage.plan import deadlines
from storage.plan.model import ID_MAX
from storage.plan.yaml_source import Problem, SourceMap

#: Names the item a `loc` is in: (its label, how many steps of `loc` it takes up) or (None, 0).
ItemNamer = Callable[[tuple[Any, ...], Any], tuple[str | None, int]]


def _model_at(model: Any, path: Iterable[Any]) -> Any:
    """The pydantic class found at `path` (field names; list indexes skipped) inside `model`, or None."""
    current: Any = model
    for step in path:
        if isinstance(step, int):
            continue
        info = _field_info(current, step)
        if info is None:
            return None
        current = next((c for c in _annotation_args(info.annotation) if hasattr(c, "model_fields")), None)
        if current is None:
            return None
    return current


def _field_info(model: Any, name: Any) -> FieldInfo | None:
    fields = getattr(model, "model_fields", {})
    info: FieldInfo | None = fields.get(name) or next((f for f in fields.values() if f.alias == name), None)
    return info


def _annotation_args(annotation: Any) -> list[Any]:
    """`annotation` and everything nested in it (list items, union members, Annotated bases)."""
    out, todo = [], [annotation]
    while todo:
        current = todo.pop(0)
        out.append(current)
        todo.extend(get_args(current))
    return out


def is_text_field(model: Any, path: tuple[Any, ...]) -> bool:
    """Whether the value at `path` (field names and list indexes) inside `model` is a text (a
    title, a text, a deadline, an item of a list of texts), not an id, a number or a code."""
    steps = path[:-1] if path and isinstance(path[-1], int) else path
    if not steps or isinstance(steps[-1], int):
        return False
    info = _field_info(_model_at(model, steps[:-1]), steps[-1])
    if info is None:
        return False
    found = [*info.metadata, *_annotation_args(info.annotation)]
    return any(isinstance(getattr(m, "max_length", None), int) and m.max_length > ID_MAX for m in found)


def allowed_fields(model: Any, path: tuple[Any, ...]) -> list[str]:
    """The field names (or aliases) allowed at `path` inside `model`, for 'did you mean' hints."""
    current = _model_at(model, path)
    return [info.alias or name for name, info in getattr(current, "model_fields", {}).items()]


def _field_path(model: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """`loc` without the steps pydantic adds for a union's members (`constrained-str`, `date`…):
    only field names and list indexes, as the YAML has them."""
    out: list[Any] = []
    current: Any = model
    for n, step in enumerate(loc):
        if isinstance(step, int):
            out.append(step)
            continue
        if current is not None and _field_info(current, step) is not None:
            out.append(step)
            current = _model_at(current, (step,))
        elif current is not None and n == len(loc) - 1:
            out.append(step)  # an unknown field's own name (extra_forbidden)
        elif current is None and not _UNION_TAG.match(step):
            out.append(step)
    return tuple(out)


_UNION_TAG = re.compile(r"constrained-|function-|lax-|strict-|json-or-python|tagged-union|nullable|"
                        r"(?:literal|list|dict|tuple|set)\[|(?:str|int|float|bool|date|datetime|bytes|decimal)$")


def _container(data: Any, path: tuple[Any, ...]) -> Any:
    container = data
    for step in path:
        try:
            container = container[step]
        except (KeyError, IndexError, TypeError):
            return None
    return container


def _where(path: tuple[Any, ...], named: bool = True) -> str:
    """A field path inside a named item as a hand-editor reads it (`outcomes.medium_term item 2`);
    else (`named` False: no item namer) as pydantic gives it (`entries.1.impact`)."""
    if not named:
        return ".".join(str(step) for step in path)
    out = ""
    for step in path:
        out += f" item {step + 1}" if isinstance(step, int) else f", {step}" if out.endswith(tuple("0123456789")) \
            else f".{step}" if out else str(step)
    return out


def describe(error: dict[str, Any], data: Any, source: SourceMap, model: Any, root: str = "plan",
             name_item: ItemNamer | None = None) -> Problem:
    """One pydantic error (from `errors(include_url=False)`) as a Problem at its place.

    `model` is the pydantic class that was validated (for field-name hints), `root` names the
    whole document in messages ("plan", "update file") and `name_item` names the item a
    problem is in (`plan_item` for plans); without it the place is the field's path."""
    return describe_errors([error], data, source, model, root, name_item)[0]


def describe_errors(errors: list[dict[str, Any]], data: Any, source: SourceMap, model: Any, root: str = "plan",
                    name_item: ItemNamer | None = None) -> list[Problem]:
    """`describe` for each error, the errors a union gives for one value (text or a number…)
    told as one problem."""
    grouped: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for error in errors:
        grouped.setdefault(_field_path(model, tuple(error["loc"])), []).append(error)
    return [_describe(loc, group, data, source, model, root, name_item) for loc, group in grouped.items()]


def _describe(loc: tuple[Any, ...], errors: list[dict[str, Any]], data: Any, source: SourceMap, model: Any,
              root: str, name_item: ItemNamer | None) -> Problem:
    error = errors[0]
    kind = error["type"]
    parent_path, last = loc[:-1], loc[-1] if loc else None
    named = name_item is not None
    label, taken = name_item(loc, data) if name_item is not None else (None, 0)
    prefix = f"{label}: " if label else ""
    container = _container(data, parent_path)
    if kind == "extra_forbidden":
        pos = source.key_at(container, last) or source.at(loc)
        hint = difflib.get_close_matches(str(last), allowed_fields(model, parent_path), n=1)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        if last == "owners" and (one := _one_owner(model, parent_path)):
            suggestion = f": {one}"
        inside = _where(parent_path[taken:]) if label else _where(parent_path, named) or root
        where = f" in {inside}" if inside else ""
        return Problem(source.file, pos[0], pos[1], "error", f"{prefix}unknown field {last!r}{where}{suggestion}")
    if kind == "missing":
        line, column = source.at(parent_path)
        return Problem(source.file, line, column, "error",
                       f"{prefix}missing required field {_where(loc[taken:]) if label else _where(loc, named)}")
    line, column = source.at(loc)
    raw = source.raw_text(container, last) if container is not None else None
    field = _where(loc[taken:]) if label else _where(loc, named) or root
    head = ": ".join(part for part in (label, field) if part)
    info = _field_info(_model_at(model, parent_path), last) if last is not None else None
    siblings = allowed_fields(model, parent_path)
    message = (_message(kind, error, raw, last, info, siblings, model, loc) if len(errors) == 1
               else _union_message(errors, raw, info))
    return Problem(source.file, line, column, "error", f"{head}: {message}" if head else message)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: The items of a plan, by the field path of their list (indexes left out): the noun a message
#: names one by, the field that identifies it (None: numbered, as milestones are), and whether
#: the name stands alone (action ids are unique across the plan) or follows its parent's.
PLAN_ITEMS: dict[tuple[str, ...], tuple[str, str | None, bool]] = {
    ("themes",): ("theme", "id", True),
    ("themes", "actions"): ("action", "id", True),
    ("themes", "actions", "milestones"): ("milestone", None, False),
    ("themes", "objectives"): ("objective", "id", False),
    ("themes", "priorities"): ("priority", "id", False),
    ("objectives",): ("objective", "id", True),
    ("risks",): ("risk", "id", True),
    ("indicators",): ("indicator", "id", True),
    ("indicators", "targets"): ("target", "period", False),
    ("people",): ("person", "id", True),
    ("organisations",): ("organisation", "id", True),
    ("groups",): ("group", "id", True),
    ("groups", "members"): ("member", None, False),
    ("stages",): ("stage", "id", True),
    ("recommendations",): ("recommendation", "id", True),
    ("revisions",): ("revision", "version", True),
    ("rag_scale",): ("status", "code", True),
    ("risk_bands",): ("risk band", "name", True),
}

def plan_item(loc: tuple[Any, ...], data: Any) -> tuple[str | None, int]:
    """The plan item `loc` is in, named as the checks' warnings name it ("action 3.2",
    "action 3.2: milestone 1", "indicator I1: target '2026'"), and how many steps of `loc` that
    item takes up. An item whose id is missing or no valid id is named by its place
    ("theme 1: the 2nd action")."""
    labels: list[str] = []
    fields: list[str] = []
    taken = 0
    node = data
    for n, step in enumerate(loc):
        if isinstance(step, int):
            continue
        fields.append(step)
        node_list = node.get(step) if isinstance(node, dict) else None
        item = PLAN_ITEMS.get(tuple(fields))
        index = loc[n + 1] if n + 1 < len(loc) else None
        if item is None or not isinstance(index, int) or not isinstance(node_list, list) or index >= len(node_list):
            node = node_list
            if node is None:
                break
            continue
        noun, key, alone = item
        node = node_list[index]
        ident = node.get(key) if isinstance(node, dict) and key is not None else None
        by_place = False
        if key is None:
            label = f"{noun} {index + 1}"
        elif isinstance(ident, str) and ident.strip() and len(ident) <= ID_MAX:
            label = f"{noun} {ident.strip()!r}" if key in ("period", "name") else f"{noun} {ident.strip()}"
        else:
            label, by_place = f"the {_ordinal(index + 1)} {noun}", True
        labels = [label] if alone and not by_place else [*labels, label]
        taken = n + 2
    return (": ".join(labels), taken) if labels else (None, 0)


def _got(value: Any, raw: str | None = None) -> str:
    """What YAML read, in a hand-editor's words."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{raw or str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {raw or repr(value)}"
    if isinstance(value, (date, datetime)):
        return f"the date {raw or value.isoformat()}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) <= 60 else f"a text of {len(value):,} characters"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return "a mapping (fields with values)"
    return "a value of another kind"


_PLAIN = re.compile(r"[A-Za-z][\w.-]*")


def _as_yaml(value: Any) -> str:
    """A scalar as one would type it in a flow list: bare when safe, else quoted."""
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value.lower() not in _YES_NO:
        return value
    return json.dumps(value if isinstance(value, str) else str(value), ensure_ascii=False)


_YES_NO = {"yes", "no", "on", "off", "true", "false", "y", "n", "null"}

_EXPECTED = {"string_type": "text", "int_type": "a whole number", "float_type": "a number",
             "bool_type": "true or false", "date_type": "a date (YYYY-MM-DD)", "list_type": "a list",
             "model_type": "a mapping of fields", "dict_type": "a mapping of fields"}
_RANGE = ("greater_than_equal", "less_than_equal", "greater_than", "less_than")


def _bounds(info: FieldInfo | None) -> tuple[Any, Any]:
    """The `ge` and `le` a field's annotation sets (on the field, or on a union member)."""
    if info is None:
        return None, None
    found = list(info.metadata)
    for arg in _annotation_args(info.annotation):
        if get_origin(arg) is Annotated:
            for meta in arg.__metadata__:
                found.extend(meta.metadata if isinstance(meta, FieldInfo) else [meta])
    low = next((m.ge for m in found if getattr(m, "ge", None) is not None), None)
    high = next((m.le for m in found if getattr(m, "le", None) is not None), None)
    return low, high


def _union_message(errors: list[dict[str, Any]], raw: str | None, info: FieldInfo | None) -> str:
    """A value no member of a union takes: the range it missed, else each form allowed."""
    value = errors[0].get("input")
    ranged = next((e for e in errors if e["type"] in _RANGE), None)
    if ranged is not None:
        return _range_message(ranged, value, info)
    expected = list(dict.fromkeys(_EXPECTED.get(e["type"], "another form") for e in errors))
    return f"expected {' or '.join(expected)}, got {_got(value, raw)}"


def _range_message(error: dict[str, Any], value: Any, info: FieldInfo | None) -> str:
    low, high = _bounds(info)
    ctx = error.get("ctx", {})
    low = ctx.get("ge", low) if low is None else low
    high = ctx.get("le", high) if high is None else high
    if low is not None and high is not None:
        return f"{value} is out of range: write a whole number from {low} to {high}"
    if error["type"] in ("greater_than_equal", "greater_than"):
        return f"{value} is too small: the least allowed is {ctx.get('ge', ctx.get('gt'))}"
    return f"{value} is too large: the most allowed is {ctx.get('le', ctx.get('lt'))}"


def _message(kind: str, error: dict[str, Any], raw: str | None, last: Any, info: FieldInfo | None,
             siblings: list[str], model: Any, loc: tuple[Any, ...]) -> str:
    """What is wrong with a value and the form expected, for someone editing YAML by hand."""
    value = error.get("input")
    ctx = error.get("ctx", {})
    if kind == "string_type":
        if raw is not None and isinstance(value, bool):
            return f"YAML reads {raw} as {str(value).lower()} (a yes/no value); quote it: \"{raw}\""
        if raw is not None and isinstance(value, (int, float)):
            return f"YAML reads {raw} as the number {value!r}; quote it: \"{raw}\""
        if raw is not None and isinstance(value, (date, datetime)):
            return f"YAML reads {raw} as a date; quote it to keep it as text: \"{raw}\""
        if value is None:
            optional = info is None or not info.is_required()
            return (f"no value given (YAML reads an empty value as null); write the text"
                    f"{', or leave the field out' if optional else ''}")
        plural = f"{last}s"
        if isinstance(value, list) and plural in siblings:
            items = ", ".join(_as_yaml(v) for v in value[:4]) + (", …" if len(value) > 4 else "")
            return (f"expected one {last}, got {_got(value)}; for several, write `{plural}: [{items}]` "
                    f"in place of `{last}:`")
        if isinstance(value, list) and last == "owner" and (one := _one_owner(model, loc[:-1])):
            return f"expected one owner, got {_got(value)}; {one}"
        if isinstance(value, dict):
            return f"expected text, got {_got(value)}; write the text on the line, or as a block after `|`"
        return f"expected text, got {_got(value, raw)}"
    if kind == "string_too_short":
        optional = info is not None and not info.is_required()
        return f"cannot be empty; write a value{', or leave the field out' if optional else ''}"
    if kind in ("date_type", "date_from_datetime_inexact", "date_parsing", "date_from_datetime_parsing"):
        found = deadlines.read_deadline(value).problem if isinstance(value, str) else None
        detail = (f"{found}; " if found else f"{value!r} is not a date; " if isinstance(value, str)
                  else f"got {_got(value, raw)}; ")
        return f"{detail}write the date as YYYY-MM-DD, unquoted (e.g. 2011-03-31)"
    if kind == "string_too_long" and isinstance(value, str):
        limit = ctx.get("max_length")
        if limit == ID_MAX:
            return f"the id is {len(value):,} characters; the limit for an id is {ID_MAX} (docs/plan-format.md, Limits)"
        return f"text is {len(value):,} characters; the limit is {limit:,} (docs/plan-format.md, Limits)"
    if kind == "too_long" and isinstance(value, (list, tuple)):
        return f"the list has {len(value):,} items; the limit is {ctx.get('max_length'):,}"
    if kind == "too_short":
        actual, least = ctx.get("actual_length"), ctx.get("min_length")
        return f"the list has {actual} item{'' if actual == 1 else 's'}; at least {least} are needed"
    if kind in ("literal_error", "enum"):
        allowed = [part.strip("'") for part in re.split(r", | or ", str(ctx.get("expected", "")))]
        if not isinstance(value, str):
            return f"expected one of {', '.join(allowed)}, got {_got(value, raw)}"
        by_form = {_form(choice): choice for choice in allowed}
        near = difflib.get_close_matches(_form(value), list(by_form), n=1, cutoff=0.5)
        hint = f" (did you mean {by_form[near[0]]!r}?)" if near else ""
        return f"{value!r} is not one of {', '.join(allowed)}{hint}"
    if kind == "list_type":
        if isinstance(value, dict):
            return f"expected a list, got {_got(value)}; start each item on its own line with `- `"
        return (f"expected a list, got {_got(value, raw)}; write `{last}: [{_as_yaml(value)}]`, "
                "or one `- ` line per item")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        fields = allowed_fields(model, loc)
        named = f" ({', '.join(fields[:5])}{', …' if len(fields) > 5 else ''})" if fields else ""
        return f"expected a mapping of fields{named}, got {_got(value, raw)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if raw is None and isinstance(value, str):
            return f"{value!r} is text; write a whole number, unquoted" if value.strip() else \
                "no value given; write a whole number"
        if isinstance(value, float):
            return f"{raw or repr(value)} is not a whole number; write a whole number"
        return f"expected a whole number, got {_got(value, raw)}"
    if kind in ("float_type", "float_parsing"):
        if raw is None and isinstance(value, str):
            return f"{value!r} is text; write a number, unquoted" if value.strip() else "no value given; write a number"
        return f"expected a number, got {_got(value, raw)}"
    if kind in ("bool_type", "bool_parsing"):
        if isinstance(value, str) and value.strip().lower() in _YES_NO:
            return f"{value!r} is text; write true or false, unquoted"
        if not isinstance(value, str):
            return f"expected true or false, got {_got(value, raw)}"
        return f"{value!r} is not a yes/no value; write true or false"
    if kind in _RANGE:
        return _range_message(error, value, info)
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_got(value, raw)}"
    return _plain(str(error["msg"]))


def _one_owner(model: Any, path: tuple[Any, ...]) -> str | None:
    """What to do with several owners of an item that takes one (a risk, a milestone), or None."""
    item = _model_at(model, path)
    fields = allowed_fields(model, path)
    if item is None or "owner" not in fields or "owners" in fields:
        return None
    noun = item.__name__.lower()
    if "lead" in fields:
        return f"a {noun} has one owner: give the lead owner as `owner` and name the others in `lead` (as written)"
    return f"a {noun} has one owner: give the lead owner as `owner`; the action's `owners` can name them all"


def _form(word: str) -> str:
    """A choice as compared for 'did you mean': `At least`, `at-least` and `at_least` alike."""
    return re.sub(r"[\s_-]+", "_", word.strip().lower())


def _plain(message: str) -> str:
    """A pydantic message we have no wording of our own for, without pydantic's phrasing."""
    message = re.sub(r"^Value error, ", "", message)
    return re.sub(r"^Input should be ", "expected ", message)
