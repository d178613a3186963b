"""Shared fixtures: every test makes its own plans folder and database."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.plan.load import load_plan
from storage.plan.model import Plan
from storage.store.store import Store

REPO = Path(__file__).resolve().parents[1]
BUNDLED_PLANS = REPO / "plans"
SEEDS = REPO.parent / "shared" / "seeds"


def read_seed(path: Path) -> str:
    """A seed document's text. Missing: a skip on a developer's clone without ../shared, a
    failure in CI (CI set), where a silent skip would hide 300 comparisons with the sources."""
    if not path.is_file():
        message = f"seed document not found: {path} (the plans are compared with ../shared/seeds)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")

MINIMAL_PLAN = """\
id: demo
title: Demo plan
version: "1.0"
version_date: 2026-01-15
partnership: Demo Community Safety Partnership
organisations:
  - id: police
    name: Demo Police
people:
  - id: ann
    name: Ann Officer
    organisation: police
  - id: bob
    name: Bob Chair
groups:
  - id: board
    name: Steering Group
    members:
      - person: bob
        role: Chair
      - person: ann
themes:
  - id: "1"
    title: Prevention
    actions:
      - id: "1.1"
        text: Run the summer campaign. It covers all town centres.
        lead: Ann Officer, Demo Police
        owner: ann
        deadline: By June 26
      - id: "1.2"
        text: Publish the annual report.
        owner: police
        deadline: Across the year
        due: 2026-12-31
risks:
  - id: R-1
    description: Funding falls
    impact: 3
    likelihood: 4
    rating: 12
    owner: ann
indicators:
  - id: "I1"
    title: Violent incidents per 1,000
    baseline: {as_written: "0.75", value: 0.75}
    targets:
      - {period: "2026", as_written: "0.70", value: 0.70}
"""


RUN_OWN = ("STEERCO_HOME", "STEERCO_CACHE", "STEERCO_CONFIG")


def pytest_configure(config: pytest.Config) -> None:
    """A data folder, plan cache and settings path of this run's own (of each pytest-xdist worker's),
    never the developer's, from the start: test modules load plans as they are collected, and
    module-scoped fixtures are built before the per-test fixtures below set their own."""
    folder = Path(tempfile.mkdtemp(prefix="steerco-tests-"))
    before = {name: os.environ.get(name) for name in RUN_OWN}
    os.environ.update(STEERCO_HOME=str(folder / "home"), STEERCO_CACHE=str(folder / "plan-cache"),
                      STEERCO_CONFIG=str(folder / "config" / "settings.toml"))

    def restore() -> None:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)

    config.add_cleanup(restore)


@pytest.fixture(autouse=True)
def plan_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own plan cache (storage/cache/plan_cache.py): never the developer's."""
    folder = tmp_path / "plan-cache"
    monkeypatch.setenv("STEERCO_CACHE", str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's settings file (steerco/settings.py) is none, never the developer's: a test that
    wants one writes this path."""
    path = tmp_path / "config" / "settings.toml"
    monkeypatch.setenv("STEERCO_CONFIG", str(path))
    return path


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "demo.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "steerco.db"


T0 = datetime(2026, 11, 21, 22, 30, 0, 123456, tzinfo=UTC)


def ticking_clock(start: datetime = T0, step: timedelta = timedelta(seconds=1)) -> Callable[[], datetime]:
    """A clock that moves on `step` each time it is read, so every row has its own time."""
    counter = itertools.count()
    return lambda: start + step * next(counter)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path, clock=ticking_clock()) as s:
        yield s


@pytest.fixture
def plan(plans_dir: Path) -> Plan:
    loaded = load_plan(plans_dir / "demo.yaml")
    assert loaded.ok and loaded.plan is not None, loaded.problems
    return loaded.plan
