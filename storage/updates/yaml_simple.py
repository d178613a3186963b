"""Reading the plain block YAML of update files line by line, with libyaml as the fallback.

PyYAML hands libyaml's events to Python as objects built by Python `__init__`s, about
9,000 instructions an event; a file of 100 entries has some 1,400 events, so that alone
was two fifths of an import. Update files, as steerco writes them and as people fill in
templates, hold only block mappings and sequences of one-line scalars (plain, or quoted
without escapes), empty `[]`/`{}` and literal `|` blocks: this module reads exactly that,
one line at a time. On anything else (flow collections, anchors, aliases, tags, folded or
multi-line scalars, escapes, tabs or other unusual characters, an odd indentation, a
duplicate key) it gives up and the text goes to `storage.plan.yaml_source` as before, so it
never decides what a file means on its own: the value, types, positions and source text
it returns are those libyaml's reading gives (held equal by tests/test_yaml_simple.py).
"""

from __future__ import annotations

import re
from typing import Any

from storage.plan.yaml_source import (
    _IMPLICIT_FIRST,
    MAX_DEPTH,
    MAX_VALUES,
    Problem,
    SourceMap,
    YamlFileError,
    _Builder,
    decode_yaml_bytes,
    load_yaml_text,
)

# Characters libyaml may treat as other than plain printable text (breaks other than \n,
# tabs, controls, a BOM past the start, non-characters): a text with any is left to libyaml.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_NOT_PLAIN_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAX_KEY = 100
# A value starting with none of these is plain text that no implicit resolver claims.
_SPECIAL_FIRST = _NOT_PLAIN_FIRST | _IMPLICIT_FIRST
_NO_KEY = object()
_MAX_NESTING = min(MAX_DEPTH, 32)


class _GiveUp(Exception):
    """The text is not in the subset read here; libyaml reads it."""


def load_simple_yaml_bytes(data: bytes, name: str) -> tuple[Any, SourceMap, list[Problem]]:
    """`storage.plan.yaml_source.load_yaml_bytes`, reading plain block YAML without libyaml."""
    text = decode_yaml_bytes(data, name)
    read = read_simple(data, text, name)
    if read is None:
        return load_yaml_text(text, name)
    return read[0], read[1], []


def read_simple(data: bytes, text: str, name: str) -> tuple[Any, SourceMap] | None:
    """The document and its source map, or None when the text is not in the subset read
    here (`data` is the file's bytes, `text` the same decoded)."""
    if data.translate(None, _PLAIN_ASCII) and (data.isascii() or _UNUSUAL.search(text)):
        return None
    source = SourceMap(name)
    try:
        value = _read(text, _Builder(source, []))
    except (_GiveUp, YamlFileError):
        return None
    source.root = value
    return value, source


def _after_value(rest: str) -> None:
    """What may follow a quoted scalar or `[]` on its line: spaces, then a comment."""
    if rest and (rest[0] != " " or rest.lstrip(" ")[:1] not in ("", "#")):
        raise _GiveUp


def _scalar(b: _Builder, text: str, line: int, column: int) -> tuple[Any, str | None]:
    """A one-line value as libyaml reads it, and its source text when that is not a string."""
    first = text[0]
    if first == "'":
        m = _SINGLE.match(text)
        if m is None:
            raise _GiveUp
        _after_value(text[m.end():])
        return m.group(1).replace("''", "'"), None
    if first == '"':
        m = _DOUBLE.match(text)
        if m is None:
            raise _GiveUp
        _after_value(text[m.end():])
        return m.group(1), None
    if first in "[{" and text[1:2] == ("]" if first == "[" else "}"):
        _after_value(text[2:])
        return ([] if first == "[" else {}), None
    if first in _NOT_PLAIN_FIRST and (first != "-" or text[1:2] in ("", " ")):
        raise _GiveUp
    cut = text.find(" #")
    value = (text if cut < 0 else text[:cut]).rstrip(" ")
    if ": " in value or value.endswith(":"):
        raise _GiveUp
    if value[0] not in _IMPLICIT_FIRST:
        return value, None
    resolved = b.plain(value, (line, column))
    return resolved, None if isinstance(resolved, str) else value


def _literal(lines: list[str], at: int, header: str, parent_indent: int) -> tuple[str, int]:
    """A `|` block scalar whose header (after the `|`) is on line `at`: its text and the
    index of the first line after it. Gives up on what libyaml reads subtly (an indentation
    indicator, lines of spaces only, an empty block, a block ending the text unterminated)."""
    chomp = header[:1] if header[:1] in ("-", "+") else ""
    _after_value(header[len(chomp):])
    n = len(lines)
    start = at + 1
    first = start
    while first < n and lines[first] == "":
        first += 1
    if first >= n - 1:
        raise _GiveUp
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    if indent <= parent_indent:
        raise _GiveUp
    end = start
    while end < n:
        line = lines[end]
        if line:
            stripped = line.lstrip(" ")
            if not stripped:
                raise _GiveUp
            if len(line) - len(stripped) < indent:
                break
        end += 1
    if end == n:
        if lines[-1]:
            raise _GiveUp  # the last line has no line break
        end -= 1  # the empty text after the final line break is not a line
    body = [line[indent:] for line in lines[start:end]]
    trailing = 0
    while body and not body[-1]:
        body.pop()
        trailing += 1
    text = "\n".join(body)
    if chomp == "":
        text += "\n"
    elif chomp == "+":
        text += "\n" * (trailing + 1)
    return text, end




def _key_of(s: str) -> tuple[str, str] | None:
    """A line's (key, what follows `: `) when it starts with `key:` (a plain ASCII name)."""
    key, sep, rest = s.partition(": ")
    if not sep:
        if s[-1] != ":":
            return None
        key, rest = s[:-1], ""
    if len(key) > _MAX_KEY or not (key.isidentifier() and key.isascii()):
        return None
    return key, rest


def _read(text: str, b: _Builder) -> Any:
    """The document as `yamlsource._run` builds it, or _GiveUp.

    The innermost open block container's state is in locals (as in `_run`); its parents'
    are saved on `stack`. A container is linked into its parent as it opens. Marks are
    0-based `(line, column)` tuples where libyaml's events would have put theirs. Most
    lines are `key: value` in the same mapping as the line before, with a plain or
    single-quoted value: that case is read inline."""
    lines = text.split("\n")
    n = len(lines)
    if 3 * n > MAX_VALUES:
        raise _GiveUp
    source = b.source
    value_maps, key_maps, raw_map = source._values, source._keys, source.raw
    implicit_first, no_key, special = _IMPLICIT_FIRST, _NO_KEY, _SPECIAL_FIRST
    stack: list[tuple[Any, ...]] = []
    indent, is_list, indentless = -1, False, False
    container: Any = None
    marks: Any = None
    keys: dict[Any, Any] = {}
    pending: Any = no_key  # a `key:` of the open mapping whose value is on the lines below
    pending_mark: tuple[int, int] = (0, 0)
    resolved: dict[str, Any] = {}
    root: Any = None
    value: Any
    skip = 0
    for i in range(n):
        if i < skip:
            continue
        line = lines[i]
        s = line.lstrip(" ")
        if not s or s[0] == "#":
            continue
        ind = len(line) - len(s)
        dash = s[0] == "-" and (len(s) == 1 or s[1] == " ")
        column = ind
        if dash or ind != indent or pending is not no_key or is_list or indentless:
            if pending is not no_key:
                if ind > indent or (dash and ind == indent):
                    if len(stack) >= _MAX_NESTING:
                        raise _GiveUp
                    child: Any = [] if dash else {}
                    container[pending] = child
                    marks[pending] = (i, ind)
                    stack.append((indent, is_list, container, marks, keys, indentless))
                    indentless = dash and ind == indent
                    indent, is_list, container, marks = ind, dash, child, [] if dash else {}
                    value_maps[id(child)] = marks
                    if not dash:
                        keys = key_maps[id(child)] = {}
                else:
                    container[pending] = None
                    marks[pending] = pending_mark
                    raw_map[(id(container), pending)] = ""
                pending = no_key
            elif container is None:
                if dash or ind:
                    raise _GiveUp
                indent, container, marks, keys = 0, {}, {}, {}
                root = container
                source.root_pos = (i + 1, 1)
                value_maps[id(root)], key_maps[id(root)] = marks, keys
            while indent > ind or (indentless and indent == ind and not dash):
                if not stack:
                    raise _GiveUp
                indent, is_list, container, marks, keys, indentless = stack.pop()
            if indent != ind:
                raise _GiveUp
            column = ind
            if dash:
                if not is_list:
                    raise _GiveUp
                item = s[1:].lstrip(" ")
                if not item or item[0] == "#":
                    raise _GiveUp
                column = ind + len(s) - len(item)
                keyed = _key_of(item)
                if keyed is None:
                    value, raw = _scalar(b, item, i, column)
                    if raw is not None:
                        raw_map[(id(container), len(container))] = raw
                    container.append(value)
                    marks.append((i, column))
                    continue
                if len(stack) >= _MAX_NESTING:
                    raise _GiveUp
                child = {}
                container.append(child)
                marks.append((i, column))
                stack.append((indent, is_list, container, marks, keys, indentless))
                indent, is_list, indentless, container, marks, keys = column, False, False, child, {}, {}
                value_maps[id(child)], key_maps[id(child)] = marks, keys
                s = item
            elif is_list:
                raise _GiveUp
            else:
                keyed = _key_of(s)
                if keyed is None:
                    raise _GiveUp
            key_text, rest = keyed
        else:
            key_text, sep, rest = s.partition(": ")
            if not sep or len(key_text) > _MAX_KEY or not (key_text.isidentifier() and key_text.isascii()):
                keyed = _key_of(s)
                if keyed is None:
                    raise _GiveUp
                key_text, rest = keyed
        if key_text[0] not in implicit_first:
            key: Any = key_text
        elif key_text in resolved:
            key = resolved[key_text]
        else:
            key = resolved[key_text] = b.plain(key_text, (i, column))
        if key in container:
            raise _GiveUp  # a duplicate key: libyaml's reading reports it
        keys[key] = (i, column)
        if rest[:1] == " ":
            rest = rest.lstrip(" ")
        if not rest or rest[0] == "#":
            pending, pending_mark = key, (i, column + len(key_text) + 1)
            continue
        at = column + len(s) - len(rest)
        first = rest[0]
        raw = None
        if first not in special and " #" not in rest and ": " not in rest and rest[-1] not in ": ":
            value = rest
        elif first == "'" and rest[-1] == "'" and len(rest) > 1 and rest.count("'") == 2:
            value = rest[1:-1]
        elif first == "|":
            marks[key] = (i, at)
            container[key], skip = _literal(lines, i, rest[1:], indent)
            continue
        else:
            value, raw = _scalar(b, rest, i, at)
            if raw is not None:
                raw_map[(id(container), key)] = raw
        container[key] = value
        marks[key] = (i, at)
    if pending is not no_key:
        container[pending] = None
        marks[pending] = pending_mark
        raw_map[(id(container), pending)] = ""
    if root is None:
        raise _GiveUp
    return root
