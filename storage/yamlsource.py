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
        if tag in (None, "!"):
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit) if tag is None else _STR
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


class _EventBuilder:
    """Drives _Builder, remembering each container's start so its parent records the right position."""

    def __init__(self, builder: _Builder) -> None:
        self.b = builder

    def run(self, loader: Any) -> Any:
        b = self.b
        frames: list[dict[str, Any]] = []
        result: Any = None
        have_result = False
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.StreamStartEvent or kind is yaml.DocumentEndEvent:
                continue
            if kind is yaml.DocumentStartEvent:
                if have_result:
                    raise b.fail(event.start_mark, "only one YAML document is allowed per file (remove the second '---')")
                continue
            if kind is yaml.StreamEndEvent:
                return result
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                allowed = _MAP_TAGS if kind is yaml.MappingStartEvent else _SEQ_TAGS
                if event.tag not in allowed:
                    raise b.fail(event.start_mark, f"the YAML tag {_short(event.tag)} is not allowed here")
                if len(frames) >= MAX_DEPTH:
                    raise b.fail(event.start_mark, f"nesting is deeper than {MAX_DEPTH} levels")
                frames.append({
                    "value": {} if kind is yaml.MappingStartEvent else [],
                    "weight": 1, "anchor": event.anchor, "mark": event.start_mark,
                    "key": _NO_KEY, "key_mark": None,
                })
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = frames.pop()
                value, weight, mark, raw = frame["value"], frame["weight"], frame["mark"], None
                if frame["anchor"] is not None:
                    b.anchors[frame["anchor"]] = (value, weight)
            elif kind is yaml.ScalarEvent:
                value, weight, mark = b.scalar(event), 1, event.start_mark
                raw = None if isinstance(value, str) else event.value
                if event.anchor is not None:
                    b.anchors[event.anchor] = (value, 1)
            elif kind is yaml.AliasEvent:
                if event.anchor not in b.anchors:
                    raise b.fail(event.start_mark, f"unknown alias *{event.anchor}")
                value, weight = b.anchors[event.anchor]
                mark, raw = event.start_mark, None
            else:  # pragma: no cover - libyaml emits no other events
                raise b.fail(event.start_mark, f"unexpected YAML event {kind.__name__}")
            b.values += weight
            if b.values > MAX_VALUES:
                raise b.fail(mark, f"the document expands to more than {MAX_VALUES:,} values (aliases repeated too often)")
            if not frames:
                result, have_result = value, True
                b.source.root_pos = _pos(mark)
                continue
            self.add(frames[-1], value, weight, mark, raw)

    def add(self, frame: dict[str, Any], value: Any, weight: int, mark: Any, raw: str | None) -> None:
        b = self.b
        container = frame["value"]
        frame["weight"] += weight
        position = _pos(mark)
        if isinstance(container, list):
            values = b.source._values.get(id(container))
            if values is None:
                values = b.source._values[id(container)] = []
            if raw is not None:
                b.source.raw[(id(container), len(container))] = raw
            container.append(value)
            values.append(position)
            return
        if frame["key"] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise b.fail(mark, "a key must be plain text, not a mapping or list")
            frame["key"], frame["key_mark"] = value, position
            return
        key, key_pos = frame["key"], frame["key_mark"]
        frame["key"], frame["key_mark"] = _NO_KEY, None
        keys = b.source._keys.get(id(container))
        values = b.source._values.get(id(container))
        if keys is None:
            keys = b.source._keys[id(container)] = {}
            values = b.source._values[id(container)] = {}
        if key in container:
            first = keys.get(key, key_pos)
            b.problems.append(Problem(b.source.file, key_pos[0], key_pos[1], "error",
                                      f"duplicate key {key!r} (first at line {first[0]}); YAML would keep only the last"))
        keys[key] = key_pos
        if raw is not None:
            b.source.raw[(id(container), key)] = raw
        container[key] = value
        assert values is not None
        values[key] = position


_NO_KEY = object()
