"""Safe, bounded YAML reading that remembers where every value came from.

PyYAML's composers recurse: the pure-Python one fails on a few hundred levels of
nesting and the C one can crash the process on deep input. So values are built
here from libyaml's event stream with an explicit stack, which also lets us
refuse what plan and update files never need: Python object tags, duplicate
keys (PyYAML silently keeps the last), runaway alias expansion ("billion
laughs"), more than one document. Positions are kept per container so a
problem found later (by pydantic or a cross-check) can be reported as
`file:line:column`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 2_000_000

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
# The first characters for which the resolver may read a plain scalar as other than text.
_IMPLICIT_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
assert None not in _IMPLICIT_FIRST and not yaml.resolver.Resolver.yaml_path_resolvers
_MAP_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "!", "tag:yaml.org,2002:seq"}

Position = tuple[int, int]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, reported as `file:line:column: severity: message`."""

    file: str
    line: int
    column: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "severity": self.severity, "message": self.message}


class HasProblems:
    """`errors` and `warnings` for anything that carries a `problems` list (plans, import reports)."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class YamlFileError(Exception):
    """The file cannot be read as YAML at all; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class SourceMap:
    """Where each value of a loaded document stands in its file.

    `at(path)` follows a path of keys and indexes (as pydantic reports them) to the
    deepest position it can find, so even a path into a missing field points at
    its parent mapping.
    """

    file: str
    root: Any = None
    root_pos: Position = (1, 1)
    # Per container (by id): its keys' and its values' start marks, as libyaml made them; a
    # mark becomes a (line, column) only when asked for (`_pos`), which most never are.
    _keys: dict[int, dict[Any, Any]] = field(default_factory=dict)
    _values: dict[int, Any] = field(default_factory=dict)
    raw: dict[tuple[int, Any], str] = field(default_factory=dict)
    #: Per (container id, key or index): where a ` #` comment starts on the line of the plain
    #: (unquoted) text there, which YAML ends at the ` #` (`title: Officer numbers #1 priority`).
    comments: dict[tuple[int, Any], Position] = field(default_factory=dict)
    #: Each duplicate key's problem with its mapping's id and the key, so a plan can name the item.
    duplicates: list[tuple[Problem, int, Any]] = field(default_factory=list)

    def at(self, path: tuple[Any, ...] | list[Any]) -> Position:
        node, pos = self.root, self.root_pos
        for step in path:
            values = self._values.get(id(node))
            if values is None:
                break
            try:
                found = values[step]
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
            pos = _pos(found)
        return pos

    def key_at(self, container: Any, key: Any) -> Position | None:
        keys = self._keys.get(id(container))
        mark = None if keys is None else keys.get(key)
        return None if mark is None else _pos(mark)

    def value_at(self, container: Any, key: Any) -> Position | None:
        values = self._values.get(id(container))
        try:
            return None if values is None else _pos(values[key])
        except (KeyError, IndexError, TypeError):
            return None

    def raw_text(self, container: Any, key: Any) -> str | None:
        """The source text of a scalar that YAML read as something other than a string."""
        return self.raw.get((id(container), key))

    def problem(self, path: tuple[Any, ...] | list[Any], severity: str, message: str) -> Problem:
        line, column = self.at(path)
        return Problem(self.file, line, column, severity, message)


def _short(tag: str | None) -> str:
    """`tag:yaml.org,2002:python/object` as a person writes it: `!!python/object`."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag and tag.startswith("tag:yaml.org,2002:") else str(tag)


# Plain text the implicit resolver has tagged, by text (its tag depends on nothing else): keys
# such as `note` or `owner` are resolved once per process, not once per occurrence. Bounded,
# so a file of distinct values cannot grow it.
_RESOLVED: dict[str, str] = {}
_RESOLVED_MAX = 4096
_RESOLVED_MAX_CHARS = 40


def _pos(mark: Any) -> Position:
    """A libyaml mark, or a 0-based `(line, column)` (storage/updates/yaml_simple.py), as 1-based."""
    if type(mark) is tuple:
        return (mark[0] + 1, mark[1] + 1)
    return (mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, source: SourceMap, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.text = ""
        self.comment_lines: frozenset[int] = frozenset()  # 0-based lines with a `#` after something else

    def read_comments_of(self, text: str) -> None:
        """Note the lines a comment may follow a value on (not a comment's own line), so that
        only the values ending on those are looked at."""
        self.text = text
        lines, line, counted = set(), 0, 0
        at = text.find("#")
        while at != -1:
            if at and text[at - 1] in " \t":
                start = text.rfind("\n", 0, at) + 1
                if text[start:at].strip(" \t"):
                    line += text.count("\n", counted, start)
                    counted = start
                    lines.add(line)
            at = text.find("#", at + 1)
        self.comment_lines = frozenset(lines)

    def comment_after(self, mark: Any) -> Position | None:
        """Where a comment starts right after a plain scalar ending at `mark`, if one does."""
        text, start = self.text, mark.index
        end = text.find("\n", start)
        rest = text[start:] if end == -1 else text[start:end]
        body = rest.lstrip(" \t")
        if rest[:1] in (" ", "\t") and body.startswith("#"):
            return (mark.line + 1, mark.column + len(rest) - len(body) + 1)
        return None

    def fail(self, mark: Any, message: str) -> YamlFileError:
        line, column = _pos(mark)
        return YamlFileError(Problem(self.source.file, line, column, "error", message))

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        value = event.value
        if tag is None:
            if not event.implicit[0] or (value and value[0] not in _IMPLICIT_FIRST):
                return value  # quoted, or plain text no implicit resolver claims: what resolve() says
            tag = _RESOLVED.get(value) or self.resolve(value)
            if tag == _STR:
                return value
        elif tag == "!":
            return value
        return self.construct(tag, value, event.start_mark, event.tag)

    def plain(self, value: str, mark: Any) -> Any:
        """A plain (unquoted, untagged) scalar's value, its tag resolved as PyYAML's would be."""
        tag = _RESOLVED.get(value) or self.resolve(value)
        return value if tag == _STR else self.construct(tag, value, mark, None)

    def resolve(self, value: str) -> str:
        """The tag PyYAML's resolver gives plain `value` (remembered for short texts)."""
        tag: str = self.resolver.resolve(yaml.ScalarNode, value, (True, False))
        if len(value) <= _RESOLVED_MAX_CHARS and len(_RESOLVED) < _RESOLVED_MAX:
            _RESOLVED[value] = tag
        return tag

    def construct(self, tag: str, value: str, mark: Any, written_tag: str | None) -> Any:
        if tag == "tag:yaml.org,2002:merge":
            raise self.fail(mark, "a merge key (`<<`) is not allowed: write each field out in full")
        if tag not in _SCALAR_TAGS:
            raise self.fail(mark, f"the YAML tag {_short(written_tag)} is not allowed here; plain values only")
        if tag == _STR:
            return value
        node = yaml.ScalarNode(tag, value, mark, mark)
        try:
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            if tag == "tag:yaml.org,2002:timestamp":
                return value  # `2024-13-01`: kept as text, so the field it stands in names the problem
            raise self.fail(mark, f"{value!r} is not a valid {tag.rsplit(':', 1)[-1]}") from None


def load_yaml(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Any, SourceMap, list[Problem]]:
    """Read one YAML file safely. Problems that stop reading raise YamlFileError;
    problems that do not (duplicate keys) are returned alongside the value."""
    return load_yaml_bytes(read_file_bytes(path, max_bytes=max_bytes), str(path))


def read_file_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, or YamlFileError when it is too large or cannot be read."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlFileError(Problem(name, 1, 1, "error",
                                        f"file is {size / 1048576:.1f} MiB; the limit is {max_bytes // 1048576} MiB"))
        return path.read_bytes()
    except OSError as exc:
        raise YamlFileError(Problem(name, 1, 1, "error", f"cannot read file: {exc.strerror or exc}")) from None


def _line_col(data: bytes, offset: int) -> Position:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def load_yaml_bytes(data: bytes, name: str) -> tuple[Any, SourceMap, list[Problem]]:
    return load_yaml_text(decode_yaml_bytes(data, name), name)


def decode_yaml_bytes(data: bytes, name: str) -> str:
    """A file's bytes as text, or YamlFileError for a binary (NUL) or non-UTF-8 file."""
    if (nul := data.find(b"\x00")) != -1:
        line, column = _line_col(data, nul)
        raise YamlFileError(Problem(name, line, column, "error", "this is a binary file, not YAML text (NUL byte)"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_col(data, exc.start)
        raise YamlFileError(Problem(name, line, column, "error",
                                    f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")) from None


def load_yaml_text(text: str, name: str) -> tuple[Any, SourceMap, list[Problem]]:
    """`load_yaml_bytes` for text already decoded (`decode_yaml_bytes`)."""
    source = SourceMap(name)
    problems: list[Problem] = []
    builder = _Builder(source, problems)
    builder.read_comments_of(text)
    loader = Loader(text)
    try:
        value = _build(builder, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark is not None else (1, 1)
        if (tab := _indenting_tab(text, line)) is not None:
            raise YamlFileError(Problem(name, tab[0], tab[1], "error",
                                        "tab character in indentation: YAML indents with spaces")) from None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        hint = next((h for words, h in _SYNTAX_HINTS if words in message), None)
        if "could not find expected ':'" in message and exc.context_mark is not None:
            line, column = _pos(exc.context_mark)  # the line that has no ': ', not the one after it
        raise YamlFileError(Problem(name, line, column, "error",
                                    f"YAML syntax: {message}" + (f"; {hint}" if hint else ""))) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: at its place, without the parser's words
        at = max(0, min(exc.position, len(text)))
        line, column = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        found = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlFileError(Problem(name, line, column, "error",
                                    f"character {found} is not allowed in YAML text (a control character)")) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(Problem(name, 1, 1, "error", f"YAML: {exc}")) from None
    finally:
        loader.dispose()
    source.root = value
    return value, source, problems


#: A plain hint after the parser's words, for the syntax errors hand-editing makes most.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "a ': ' inside an unquoted text: quote the text"),
    ("could not find expected ':'", "a line without 'key: value'?"),
    ("scanning a quoted scalar found unexpected end of stream", "a quote opened and never closed?"),
    ("found character that cannot start any token", "a text starting with @, ` or %: quote the text"),
    ("block sequence entries are not allowed", "a '- ' item on its key's line: start the list on the next line"),
    ("did not find expected '-' indicator", "a 'key: value' line among the '- ' items: indent it under its item"),
    ("did not find expected ',' or ']'", "a list in [ ] without its closing ']'?"),
    ("did not find expected ',' or '}'", "a mapping in { } without its closing '}'?"),
    ("did not find expected key", "a line indented unlike the ones around it, or text after a closing quote?"),
)


def _indenting_tab(text: str, line: int) -> Position | None:
    """The first tab in the indentation of the line a syntax error was found on, or of the line
    before it (libyaml may notice a tab only on the next token), as (line, column)."""
    lines = text.split("\n")
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            row = lines[number - 1]
            indent = row[: len(row) - len(row.lstrip(" \t"))]
            if "\t" in indent:
                return number, indent.index("\t") + 1
    return None


def _build(builder: _Builder, loader: Any) -> Any:
    return _run(builder, loader)


_NO_KEY = object()
_MAP_START, _SEQ_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent


def _run(b: _Builder, loader: Any) -> Any:
    """Build the document from libyaml's events, remembering each value's position.

    The hot loop of every plan and update file load (one pass per YAML event), so the
    innermost open container's state lives in local variables (saved on `stack` while a
    nested one is built), plain text is read inline, and the cases are tested most
    frequent first. A container's weight is 1 plus its children's (an alias weighs what
    its anchor did); the running total of weights bounds alias expansion."""
    source = b.source
    raw_map, value_maps, key_maps, anchors = source.raw, source._values, source._keys, b.anchors
    comments, comment_lines = source.comments, b.comment_lines
    cut: Position | None = None  # a comment after the plain text just read
    implicit_first, no_key, scalar = _IMPLICIT_FIRST, _NO_KEY, b.scalar
    get_event = loader.get_event
    stack: list[tuple[Any, ...]] = []
    # The innermost open container (None at the top level) and what is pending in it.
    container: Any = None
    is_list = False
    key: Any = no_key
    key_mark: Any = None
    keys: dict[Any, Any] = {}  # a mapping's keys' marks
    marks: Any = None  # the children's start marks: a list (sequence) or a dict (mapping)
    weight_sum = 0
    anchor: str | None = None
    start_mark: Any = None
    total = 0
    result: Any = None
    have_result = False
    while True:
        event = get_event()
        kind = type(event)
        if kind is _SCALAR:
            value = event.value
            if event.tag is None and (not event.implicit[0] or (value and value[0] not in implicit_first)):
                raw = None  # quoted, or plain text no implicit resolver claims: what resolve() says
            else:
                value = scalar(event)
                raw = None if isinstance(value, str) else event.value
            weight, mark = 1, event.start_mark
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            if comment_lines and event.end_mark.line in comment_lines and event.implicit[0] \
                    and type(value) is str:
                cut = b.comment_after(event.end_mark)
        elif kind is _MAP_START or kind is _SEQ_START:
            if event.tag not in (_MAP_TAGS if kind is _MAP_START else _SEQ_TAGS):
                raise b.fail(event.start_mark, f"the YAML tag {_short(event.tag)} is not allowed here")
            if len(stack) >= MAX_DEPTH:
                raise b.fail(event.start_mark, f"nesting is deeper than {MAX_DEPTH} levels")
            stack.append((container, is_list, key, key_mark, keys, marks, weight_sum, anchor, start_mark))
            is_list = kind is _SEQ_START
            if is_list:
                container, marks = [], []
            else:
                container, marks, keys, key = {}, {}, {}, no_key
            weight_sum, anchor, start_mark = 1, event.anchor, event.start_mark
            continue
        elif kind is _MAP_END or kind is _SEQ_END:
            value, weight, mark, raw = container, weight_sum, start_mark, None
            if marks:
                value_maps[id(value)] = marks
                if not is_list:
                    key_maps[id(value)] = keys
            if anchor is not None:
                anchors[anchor] = (value, weight)
            container, is_list, key, key_mark, keys, marks, weight_sum, anchor, start_mark = stack.pop()
        elif kind is _ALIAS:
            if event.anchor not in anchors:
                raise b.fail(event.start_mark, f"unknown alias *{event.anchor}")
            value, weight = anchors[event.anchor]
            mark, raw = event.start_mark, None
        elif kind is yaml.StreamStartEvent or kind is yaml.DocumentEndEvent:
            continue
        elif kind is yaml.DocumentStartEvent:
            if have_result:
                raise b.fail(event.start_mark, "only one YAML document is allowed per file (remove the second '---')")
            continue
        elif kind is yaml.StreamEndEvent:
            return result
        else:  # pragma: no cover - libyaml emits no other events
            raise b.fail(event.start_mark, f"unexpected YAML event {kind.__name__}")
        total += weight
        if total > MAX_VALUES:
            raise b.fail(mark, f"the document expands to more than {MAX_VALUES:,} values (aliases repeated too often)")
        if container is None:
            result, have_result = value, True
            source.root_pos = _pos(mark)
            continue
        weight_sum += weight
        if is_list:
            if raw is not None:
                raw_map[(id(container), len(container))] = raw
            if cut is not None:
                comments[(id(container), len(container))], cut = cut, None
            container.append(value)
            marks.append(mark)
        elif key is no_key:
            if kind is not _SCALAR and isinstance(value, (dict, list)):
                raise b.fail(mark, "a key must be plain text, not a mapping or list")
            key, key_mark, cut = value, mark, None
        else:
            if key in container:
                line, column = _pos(key_mark)
                first = _pos(keys.get(key, key_mark))
                duplicate = Problem(source.file, line, column, "error", f"duplicate key {key!r} (first at line "
                                    f"{first[0]}); YAML would keep only the last")
                b.problems.append(duplicate)
                source.duplicates.append((duplicate, id(container), key))
            keys[key] = key_mark
            if raw is not None:
                raw_map[(id(container), key)] = raw
            if cut is not None:
                comments[(id(container), key)], cut = cut, None
            container[key] = value
            marks[key] = mark
            key = no_key
