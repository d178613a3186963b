"""The position-tracking YAML reader against PyYAML's own composer and constructor.

`storage/plan/yaml_source.py` builds values from libyaml's events in a hand-tuned loop; these
tests hold it to what PyYAML's pure-Python `compose`/`safe_load` say about the same text:
the same values, and each value's position the start of the node PyYAML composed for it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.plan import yaml_source as yamlsource
from storage.plan.yaml_source import SourceMap, YamlFileError, load_yaml_bytes

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
           | st.dates() | st.datetimes()
           | st.sampled_from(["yes", "no", "on", "~", "null", "1.0", "0o17", ".inf", "2026-01-01 10:00", "note",
                             "- x"]))
keys = st.text(max_size=6) | st.integers() | st.booleans() | st.sampled_from(["note", "from", "owner", "null", "1"])
documents = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                         | st.dictionaries(keys, children, max_size=4), max_leaves=25)


def _pairs(node: yaml.Node, value: Any, source: SourceMap, path: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """(path, position PyYAML gives, position the source map gives) for every value, keys too."""
    out: list[tuple[Any, ...]] = [(path, (node.start_mark.line + 1, node.start_mark.column + 1), source.at(path))]
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = yaml.SafeLoader("").construct_object(key_node)  # type: ignore[no-untyped-call]
            out.append((path + (key, "key"), (key_node.start_mark.line + 1, key_node.start_mark.column + 1),
                        source.key_at(value, key)))
            out += _pairs(value_node, value[key], source, path + (key,))
    elif isinstance(node, yaml.SequenceNode):
        for index, item_node in enumerate(node.value):
            out += _pairs(item_node, value[index], source, path + (index,))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents, st.sampled_from([None, True, False]), st.booleans())
def test_values_and_positions_match_pyyaml(document: Any, flow: bool | None, indent_wide: bool) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, indent=4 if indent_wide else 2, allow_unicode=True)
    value, source, problems = load_yaml_bytes(text.encode(), "doc.yaml")
    assert not problems
    assert value == yaml.safe_load(text)
    assert type(value) is type(yaml.safe_load(text))
    for path, expected, found in _pairs(yaml.compose(text, Loader=yaml.SafeLoader), value, source, ()):
        assert found == expected, (path, text)


def test_shared_anchors_count_against_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each value counts its weight when done (a container: 1 plus its children's; an alias:
    its anchor's). Here: a 1, [1, 2] 1+1+3, b 1, three *x 3+3+3, [*x, *x, *x] 10, the root
    1+1+3+1+10 = 16: 42 in all."""
    text = b"a: &x [1, 2]\nb: [*x, *x, *x]\n"
    monkeypatch.setattr(yamlsource, "MAX_VALUES", 42)
    value, _, _ = load_yaml_bytes(text, "f")
    assert value == {"a": [1, 2], "b": [[1, 2]] * 3}
    monkeypatch.setattr(yamlsource, "MAX_VALUES", 41)
    with pytest.raises(YamlFileError, match="aliases repeated too often"):
        load_yaml_bytes(text, "f")


def test_a_mapping_aliased_as_a_key_is_refused() -> None:
    with pytest.raises(YamlFileError, match="a key must be plain text") as caught:
        load_yaml_bytes(b"a: &m {x: 1}\n? *m\n: 2\n", "f")
    assert (caught.value.problem.line, caught.value.problem.column) == (2, 3)


def test_duplicate_keys_in_nested_mappings_point_at_each_repeat() -> None:
    _, _, problems = load_yaml_bytes(b"a:\n  b: 1\n  b: 2\nc: [{d: 1, d: 2}]\n", "f")
    assert [(p.line, p.column, p.message.split(" (")[0]) for p in problems] == [
        (3, 3, "duplicate key 'b'"), (4, 12, "duplicate key 'd'")]


def test_empty_containers_and_raw_text_of_typed_scalars() -> None:
    value, source, _ = load_yaml_bytes(b"a: {}\nb: []\nc: [1, '2', 2026-01-31]\nnote: yes\n", "f")
    assert value == {"a": {}, "b": [], "c": [1, "2", date(2026, 1, 31)], "note": True}
    assert source.at(("a",)) == (1, 4) and source.at(("a", "missing")) == (1, 4)
    assert source.at(("c", 2)) == (3, 13)
    assert [source.raw_text(value["c"], i) for i in range(3)] == ["1", None, "2026-01-31"]
    assert source.raw_text(value, "note") == "yes"


def test_the_resolver_cache_is_bounded_and_never_changes_a_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "_RESOLVED", {})
    monkeypatch.setattr(yamlsource, "_RESOLVED_MAX", 10)
    text = "".join(f"n{i}: null\n" for i in range(50)) + "no: 2026-01-31 10:00:00\n"
    first, _, _ = load_yaml_bytes(text.encode(), "f")
    again, _, _ = load_yaml_bytes(text.encode(), "f")
    assert first == again == yaml.safe_load(text)
    assert first[False] == datetime(2026, 1, 31, 10, 0)
    assert len(yamlsource._RESOLVED) == 10
    long_key = "n" * (yamlsource._RESOLVED_MAX_CHARS + 1)
    monkeypatch.setattr(yamlsource, "_RESOLVED", {})
    load_yaml_bytes(f"{long_key}: 1\n".encode(), "f")
    assert long_key not in yamlsource._RESOLVED
