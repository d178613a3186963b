"""The line reader of plain block YAML (storage/updates/yaml_simple.py) against libyaml's reading.

Whatever text it is given, the line reader either gives up (and libyaml reads the text) or
returns exactly what `storage.plan.yaml_source.load_yaml_bytes` returns: the same values of the
same types, the same position for every value and key, the same source text of non-string
scalars. Texts are dumped by PyYAML (as the benchmark and steerco's writer do), cut from
hand-written pieces, and damaged at random.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storage.plan.yaml_source import SourceMap, YamlFileError, load_yaml_bytes
from storage.updates import yaml_simple as yamlsimple
from storage.updates.writer import _Dumper


def _layout(value: Any, source: SourceMap, path: tuple[Any, ...] = ()) -> list[Any]:
    """Every value's type and position, every key's position, every scalar's source text."""
    out: list[Any] = [(path, type(value).__name__, source.at(path))]
    if isinstance(value, dict):
        for key, item in value.items():
            out.append(
                (path, repr(key), source.key_at(value, key), source.value_at(value, key), source.raw_text(value, key))
            )
            out += _layout(item, source, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.append((path, index, source.value_at(value, index), source.raw_text(value, index)))
            out += _layout(item, source, path + (index,))
    return out


def _simple(text: str) -> tuple[Any, SourceMap] | None:
    return yamlsimple.read_simple(text.encode(), text, "f.yaml")


def check_same(text: str) -> bool:
    """Assert the line reader agrees with libyaml on `text`; False when it gave up."""
    fast = _simple(text)
    if fast is None:
        return False
    value, source = fast
    expected, expected_source, problems = load_yaml_bytes(text.encode(), "f.yaml")
    assert not problems
    assert repr(value) == repr(expected)
    assert source.root_pos == expected_source.root_pos
    assert _layout(value, source) == _layout(expected, expected_source)
    return True


texts = st.text(st.characters(codec="utf-8"), max_size=30)
scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts | st.dates()
           | st.datetimes(timezones=st.sampled_from([None, UTC]))
           | st.sampled_from(["yes", "no", "on", "~", "null", "1.0", "0o17", ".inf", "2026-01-01 10:00", "note", "- x",
                              "a: b", "a #b", "a#b", "'q'", '"q"', "x\n", "x\ny", "\nx", "x\n\n", " x", "x ", "|", "-1",
                              "[]", "{}", "a, b", "[a]", "=", "<<", "2026-13-45", "1_000", "0x1F", "1:20", ":x", "?x"]))
keys = (st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True) | texts | st.integers() | st.booleans()
        | st.sampled_from(["note", "on", "null", "true", "no", "y", "Yes", "1", "from", "_"]))
documents = st.dictionaries(keys, st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                                               | st.dictionaries(keys, children, max_size=4), max_leaves=25),
                            min_size=1, max_size=5)
# Documents mostly inside the subset the line reader takes, so that most are read by it.
plain_texts = st.text(st.sampled_from("abz AZ09-_.:#'\"\\,[]{}|>!&*%@`~\n é"), max_size=20)
plain_documents = st.dictionaries(
    st.from_regex(r"[a-z_][a-z0-9_]{0,6}", fullmatch=True),
    st.recursive(plain_texts | st.none() | st.integers() | st.booleans() | st.dates(),
                 lambda children: st.lists(children.filter(lambda v: v is not None and not isinstance(v, list)),
                                           min_size=1, max_size=3)
                 | st.dictionaries(st.from_regex(r"[a-z_]{1,6}", fullmatch=True), children, min_size=1, max_size=3),
                 max_leaves=20),
    min_size=1, max_size=5)
PIECES = ["\n", " ", "  ", "#", " # c", "- ", ": ", "|", "|-", "|+", "'", '"', "\\", "[]", "{}", "---", "...", "&a ",
          "*a", "!!str ", "? ", "\t", "\r", "\u2028", "\ufeff", ">", "%", "x", "2026-01-01", "~", "\x85"]


def _dump(document: Any, style: str, indent: int) -> str:
    if style == "steerco":
        return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=indent)
    return yaml.safe_dump(document, default_flow_style=False if style == "block" else None, sort_keys=False,
                          allow_unicode=True, indent=indent)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents | plain_documents, st.sampled_from(["block", "steerco", "mixed"]), st.sampled_from([2, 4]))
def test_dumped_documents_read_the_same(document: Any, style: str, indent: int) -> None:
    check_same(_dump(document, style, indent))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents | plain_documents, st.sampled_from(["block", "steerco"]), st.lists(st.tuples(st.integers(0, 10_000),
       st.sampled_from(PIECES) | texts, st.integers(0, 3)), min_size=1, max_size=4))
def test_damaged_documents_read_the_same_or_go_to_libyaml(document: Any, style: str, edits: list[Any]) -> None:
    text = _dump(document, style, 2)
    for offset, piece, cut in edits:
        at = offset % (len(text) + 1)
        text = text[:at] + piece + text[at + cut:]
    try:
        load_yaml_bytes(text.encode(), "f.yaml")
    except YamlFileError:
        assert _simple(text) is None, text
        return
    check_same(text)


@pytest.mark.parametrize("text", [
    "a:\nb: 1\n", "a:   # c\n\n# x\n  # y\nb: 1\n", "a:\n", "a:", "a:\n  b:\n", "x:\n- a:\n  b:\n- c\n",
    "a: |\n  x\n\n  y\n\n\nb: 1\n", "a: |+\n  x\n\n", "a: |-\n    x\n      y\n", "a: |\n\n  x\n", "k: a:b\n",
    "k:\n  - a\n  -   b: 1\n      c: 2\n", "k: 'it''s'  # c\n", 'k: "x"\n', "k: []\nj: {}  # none\n",
    "entries:\n- plan: x\n  note: |-\n    one\n    two\n  written_at: 2026-01-31\nfrom: a\n",
    "a: 1\n  # deeper comment\nb: 2\n", "a:\n  - x\n  - y\nb:\n- 1\n- 2\n", "on: 1\nnull: 2\n",
])
def test_hand_written_pieces(text: str) -> None:
    assert check_same(text), text


@pytest.mark.parametrize("text", [
    "a: b\n  c\n", "a: &x 1\n", "a: *x\n", "a: !!str 1\n", "a: [1]\n", "a: {b: 1}\n", "a: >\n  x\n", "a: 'x\n  y'\n",
    'a: "x\\ty"\n', "a:\tb\n", "a: b\r\nc: d\r\n", "a: 1\na: 2\n", "- a\n", "a\n", "--- \na: 1\n", "a: |2\n   x\n",
    "a: |\n  x", "a: |\n  \n  x\n", "? a\n: b\n", "'a': 1\n", "a: b: c\n", "a: - b\n", "a:\n  - b\n c: 1\n", "",
    "# only a comment\n", "a: x\n b: y\n", "a: x # c\n  y\n", "a: x\u2028y\n", "a: x\u0085\n",
])
def test_what_it_leaves_to_libyaml(text: str) -> None:
    assert _simple(text) is None


@example(note="two\nlines", author="Ann Officer")
@given(note=texts, author=texts)
def test_an_exported_update_file_is_read_by_lines(note: str, author: str) -> None:
    """What steerco's writer produces (multi-line notes as `|` blocks) is read the same."""
    from storage.updates.writer import _block, dump_update_file

    entry = {"id": "h-1", "plan": "ni15", "plan_version": "3.2", "action": "7.1", "status": "A",
             "note": note.strip(), "author": author.strip() or "x",
             "written_at": datetime(2026, 1, 30, 16, 2, tzinfo=UTC)}
    text = dump_update_file("Ann", [_block(entry, "ni15 action 7.1: title")], datetime(2026, 2, 1, tzinfo=UTC))
    check_same(text)


def test_the_loader_falls_back_and_reports_like_libyaml() -> None:
    for text in (b"a: &x 1\nb: *x\n", b"a: 1\na: 2\n", b"format: [\n"):
        try:
            expected: Any = load_yaml_bytes(text, "f.yaml")
        except YamlFileError as exc:
            with pytest.raises(YamlFileError) as got:
                yamlsimple.load_simple_yaml_bytes(text, "f.yaml")
            assert got.value.problem == exc.problem
            continue
        value, _, problems = yamlsimple.load_simple_yaml_bytes(text, "f.yaml")
        assert (value, problems) == (expected[0], expected[2])
    assert yamlsimple.load_simple_yaml_bytes(b"a: 2026-01-31\n", "f.yaml")[0] == {"a": date(2026, 1, 31)}
