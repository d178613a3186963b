"""Hypothesis: whatever bytes a plan file holds, loading reports problems and never raises."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.plan.load import load_plan
from tests.conftest import MINIMAL_PLAN

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _check(tmp: Path, data: bytes) -> None:
    path = tmp / "fuzz.yaml"
    path.write_bytes(data)
    loaded = load_plan(path)
    assert loaded.plan is not None or loaded.errors
    for problem in loaded.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.file == str(path)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    _check(tmp_path, data)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(yaml_values)
def test_random_yaml_documents(tmp_path: Path, value: object) -> None:
    _check(tmp_path, yaml.safe_dump(value, allow_unicode=True).encode())


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(MINIMAL_PLAN) - 1), st.integers(1, 40), st.text(max_size=12))
def test_damaged_plans(tmp_path: Path, start: int, length: int, junk: str) -> None:
    damaged = MINIMAL_PLAN[:start] + junk + MINIMAL_PLAN[start + length:]
    _check(tmp_path, damaged.encode("utf-8", "surrogatepass"))
