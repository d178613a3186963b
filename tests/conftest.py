"""Shared fixtures: every test makes its own plans folder and database."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUNDLED_PLANS = REPO / "plans"
SEEDS = REPO.parent / "shared" / "seeds"

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


@pytest.fixture(autouse=True)
def plan_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own plan cache (storage/plan_cache.py): never the developer's."""
    folder = tmp_path / "plan-cache"
    monkeypatch.setenv("STEERCO_CACHE", str(folder))
    return folder


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "demo.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "steerco.db"
