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
    _keys: dict[int, dict[Any, Position]] = field(default_factory=dict)
    _values: dict[int, Any] = field(default_factory=dict)
    raw: dict[tuple[int, Any], str] = field(default_factory=dict)

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
            pos = found
        return pos

    def key_at(self, container: Any, key: Any) -> Position | None:
        keys = self._keys.get(id(container))
        return None if keys is None else keys.get(key)

    def value_at(self, container: Any, key: Any) -> Position | None:
        values = self._values.get(id(container))
        try:
            return None if values is None else values[key]
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


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, source: SourceMap, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.values = 0

    def fail(self, mark: Any, message: str) -> YamlFileError:
        line, column = _pos(mark)
        return YamlFileError(Problem(self.source.file, line, column, "error", message))

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None:
            value = event.value
            if not event.implicit[0] or (value and value[0] not in _IMPLICIT_FIRST):
                return value  # quoted, or plain text no implicit resolver claims: what resolve() says
            tag = self.resolver.resolve(yaml.ScalarNode, value, event.implicit)
        elif tag == "!":
            tag = _STR
        if tag not in _SCALAR_TAGS:
            raise self.fail(event.start_mark, f"the YAML tag {_short(event.tag)} is not allowed here; plain values only")
        if tag == _STR:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            raise self.fail(event.start_mark, f"{event.value!r} is not a valid {tag.rsplit(':', 1)[-1]}") from None


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
    if (nul := data.find(b"\x00")) != -1:
        line, column = _line_col(data, nul)
        raise YamlFileError(Problem(name, line, column, "error", "this is a binary file, not YAML text (NUL byte)"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_col(data, exc.start)
        raise YamlFileError(Problem(name, line, column, "error",
                                    f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")) from None
    source = SourceMap(name)
    problems: list[Problem] = []
    builder = _Builder(source, problems)
    loader = Loader(text)
    try:
        value = _build(builder, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark is not None else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlFileError(Problem(name, line, column, "error", f"YAML syntax: {message}")) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(Problem(name, 1, 1, "error", f"YAML: {exc}")) from None
    finally:
        loader.dispose()
    source.root = value
    return value, source, problems


def _build(builder: _Builder, loader: Any) -> Any:
    return _EventBuilder(builder).run(loader)


class _Frame:
    """A mapping or sequence being built: where it started, what it weighs, its pending key."""

    __slots__ = ("anchor", "is_list", "key", "key_pos", "keys", "mark", "value", "values", "weight")

    def __init__(self, value: Any, anchor: str | None, mark: Any) -> None:
        self.value = value
        self.is_list = isinstance(value, list)
        self.weight = 1
        self.anchor = anchor
        self.mark = mark
        self.key: Any = _NO_KEY
        self.key_pos: Position = (0, 0)
        self.keys: dict[Any, Position] | None = None  # a mapping's key positions, made on first key
        self.values: Any = None  # value positions: a list or a dict, made on first value


class _EventBuilder:
    """Drives _Builder, remembering each container's start so its parent records the right position.

    The hot loop of every plan and update file load (one pass per YAML event), so the cases
    are tested most frequent first and positions are recorded inline."""

    def __init__(self, builder: _Builder) -> None:
        self.b = builder

    def run(self, loader: Any) -> Any:
        b = self.b
        source = b.source
        frames: list[_Frame] = []
        result: Any = None
        have_result = False
        get_event = loader.get_event
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                value = b.scalar(event)
                weight, mark = 1, event.start_mark
                raw = None if isinstance(value, str) else event.value
                if event.anchor is not None:
                    b.anchors[event.anchor] = (value, 1)
            elif kind is map_start or kind is seq_start:
                allowed = _MAP_TAGS if kind is map_start else _SEQ_TAGS
                if event.tag not in allowed:
                    raise b.fail(event.start_mark, f"the YAML tag {_short(event.tag)} is not allowed here")
                if len(frames) >= MAX_DEPTH:
                    raise b.fail(event.start_mark, f"nesting is deeper than {MAX_DEPTH} levels")
                frames.append(_Frame({} if kind is map_start else [], event.anchor, event.start_mark))
                continue
            elif kind is map_end or kind is seq_end:
                done = frames.pop()
                value, weight, mark, raw = done.value, done.weight, done.mark, None
                if done.values is not None:
                    source._values[id(value)] = done.values
                    if done.keys is not None:
                        source._keys[id(value)] = done.keys
                if done.anchor is not None:
                    b.anchors[done.anchor] = (value, weight)
            elif kind is alias_event:
                if event.anchor not in b.anchors:
                    raise b.fail(event.start_mark, f"unknown alias *{event.anchor}")
                value, weight = b.anchors[event.anchor]
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
            b.values += weight
            if b.values > MAX_VALUES:
                raise b.fail(mark, f"the document expands to more than {MAX_VALUES:,} values (aliases repeated too often)")
            position = (mark.line + 1, mark.column + 1)
            if not frames:
                result, have_result = value, True
                source.root_pos = position
                continue
            frame = frames[-1]
            container = frame.value
            frame.weight += weight
            if frame.is_list:
                if frame.values is None:
                    frame.values = []
                if raw is not None:
                    source.raw[(id(container), len(container))] = raw
                container.append(value)
                frame.values.append(position)
                continue
            if frame.key is _NO_KEY:
                if isinstance(value, (dict, list)):
                    raise b.fail(mark, "a key must be plain text, not a mapping or list")
                frame.key, frame.key_pos = value, position
                continue
            key, key_pos = frame.key, frame.key_pos
            frame.key = _NO_KEY
            keys = frame.keys
            if keys is None:
                keys = frame.keys = {}
                frame.values = {}
            if key in container:
                first = keys.get(key, key_pos)
                b.problems.append(Problem(source.file, key_pos[0], key_pos[1], "error",
                                          f"duplicate key {key!r} (first at line {first[0]}); YAML would keep only the last"))
            keys[key] = key_pos
            if raw is not None:
                source.raw[(id(container), key)] = raw
            container[key] = value
            frame.values[key] = position


_NO_KEY = object()
