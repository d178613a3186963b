"""Untrusted text stays inert: the one rule for what files from outside may hold.

Update files (and status files) come from other people's laptops, and their texts end up in
the chair's store, on terminals and in the minutes. A text may hold no C0 or C1 control
character other than a line break or a tab, and no bidirectional override, embedding, isolate
or mark, whether written raw or as a YAML escape (`"\\u202e"`, `"\\e"`): such a character
can recolour or reorder what a terminal shows. Times must fall in a sane window, and the
format version must be the whole number the format documents. Each rule gives a message and
a place, `file:line:column`, never the parser's own words. Headless: never imports Textual.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.plan.yaml_source import Problem, SourceMap

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "]")
# A double-quoted scalar's escapes; `\\` first, so that `\\x1b` (a backslash, then text) is not one.
_ESCAPE = re.compile(r"\\\\|\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0abtnvfreN])")
_SHORT = {"0": 0, "a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, "e": 27, "N": 0x85}
_NAMES = {0x1B: "ESC (an escape character)", 0x00: "NUL", 0x7F: "DEL"}
EARLIEST_YEAR = 2000
FUTURE_SLACK = timedelta(days=1)


def _describe(char: str) -> str:
    code = ord(char)
    if char in _BIDI:
        return f"U+{code:04X} (a bidirectional control, which reorders text on screen)"
    return f"U+{code:04X} {_NAMES.get(code, '(a control character)')}"


def unsafe_character(text: str) -> str | None:
    """What is wrong with `text` under the inert rule ("U+202E (a bidirectional control…)"), or None."""
    found = _UNSAFE.search(text)
    return None if found is None else _describe(found.group())


SAFE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"  # bytes no check need look closer at


def may_hold_unsafe(text: str, data: bytes | None = None) -> bool:
    """Whether a document's source (`text`, decoded from `data` when given) could hold a refused
    character at all, raw or as an escape (which needs a backslash): most files cannot, and
    need no closer look. Printable ASCII is told apart from its bytes, far faster than by a search."""
    if "\\" in text:
        return True
    if data is not None and not data.translate(None, SAFE_ASCII):
        return False
    return _UNSAFE.search(text) is not None


def escape_unsafe(text: str, *, json: bool = False) -> str:
    """`text` with each character the rule refuses written as a visible escape (`\\x1b`,
    `\\u202e`): how a text already stored (from an older steerco) is shown or sent on. With
    `json`, `text` is JSON and each becomes its JSON escape (`\\u001b`), which reads back the same."""
    if json:
        return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                       text)


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(row) + 1 for row in lines[: line - 1]) + column - 1


def _position(text: str, lines: list[str], start: tuple[int, int], span: int) -> tuple[int, int]:
    """Where, from a scalar's start, the first refused character stands in the source: raw,
    or as an escape; the scalar's start if neither is found within `span` characters."""
    begin = _offset(lines, *start)
    window = text[begin: begin + span]
    best: int | None = None
    raw = _UNSAFE.search(window)
    if raw is not None:
        best = raw.start()
    for m in _ESCAPE.finditer(window):
        if best is not None and m.start() >= best:
            break
        code = m.group(1)
        if code is None:
            continue
        value = _SHORT[code] if len(code) == 1 else int(code[1:], 16)
        if value < 0x110000 and _UNSAFE.match(chr(value)):
            best = m.start()
            break
    if best is None:
        return start
    at = begin + best
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def inert_problems(value: Any, source: SourceMap, text: str) -> list[Problem]:
    """One error for each string (key or value) of a loaded document that breaks the inert
    rule, at the refused character's line and column. `text` is the document's source."""
    from storage.plan.yaml_source import Problem

    lines = text.split("\n")
    out: list[Problem] = []

    def check(item: str, at: tuple[int, int] | None, what: str) -> None:
        problem = unsafe_character(item)
        if problem is None:
            return
        line, column = _position(text, lines, at or (1, 1), 8 * len(item) + 64)
        out.append(Problem(source.file, line, column, "error",
                           f"{what} holds {problem}; texts may hold no control characters or "
                           "bidirectional overrides, raw or escaped"))

    def walk(node: Any, depth: int) -> None:
        if depth > 80:
            return
        if isinstance(node, dict):
            for key, item in node.items():
                name = key if isinstance(key, str) and unsafe_character(key) is None else "a key"
                if isinstance(key, str):
                    check(key, source.key_at(node, key), "a key")
                if isinstance(item, str):
                    check(item, source.value_at(node, key), f"`{name}`")
                else:
                    walk(item, depth + 1)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, str):
                    check(item, source.value_at(node, index), "a list item")
                else:
                    walk(item, depth + 1)

    if isinstance(value, str):
        check(value, source.root_pos, "the document")
    walk(value, 0)
    return out


def plan_began(plan: Plan) -> date | None:
    """The first day a time about the plan can be: the earlier of its period's start and its
    version date (a plan is often written, and reported on, before its period starts)."""
    known = [d for d in (plan.period.start if plan.period is not None else None, plan.version_date) if d]
    return min(known) if known else None


def time_problem(when: datetime, not_before: date | None, now: datetime | None) -> str | None:
    """Why a time in a file cannot be right, or None: before `not_before` (`plan_began`) or,
    with none, before the year 2000; or more than a day after `now` (if given)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    floor = not_before or date(EARLIEST_YEAR, 1, 1)
    day = when.astimezone(UTC).date()
    if day < floor:
        why = (f"the plan begins on {floor.isoformat()} (its period or version date)" if not_before
               else f"it is before {EARLIEST_YEAR}")
        return f"{day.isoformat()} cannot be right: {why}"
    if now is not None and when > now + FUTURE_SLACK:
        return f"{day.isoformat()} is in the future (today is {now.date().isoformat()}); write when it was written"
    return None


def version_problem(value: Any, written: str | None, expected: int) -> str | None:
    """Why `version` is not the whole number `expected`, or None (`true`, `yes`, `1.0`, `"1"` are refused).
    `written` is the value as the file wrote it, when YAML read it as other than text."""
    if type(value) is int:
        return None
    shown = written if written is not None else repr(value)
    return f"`version` must be the whole number {expected}, written `version: {expected}` (found {shown})"
