"""plans/ni15.yaml is faithful to its seed document (NI 15 Serious Violent Crime, v3.2).

The seed sits outside the repository (shared/seeds beside the checkout); the tests that
compare against it are skipped when it is absent.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from storage.plan.model import Plan
from tests.conftest import read_seed

ROOT = Path(__file__).resolve().parents[1]
PLAN_FILE = ROOT / "plans" / "ni15.yaml"
SEED_FILE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "003_9e1260b52c85cd64.txt"

ACTION_IDS = [f"7.{n}" for n in range(1, 10)]
DEADLINES = {
    "7.1": ("Across all 3 years of LAA", date(2011, 3, 31)),
    "7.2": ("Across all 3 years of LAA", date(2011, 3, 31)),
    "7.3": ("Across all 3 years of LAA", date(2011, 3, 31)),
    "7.4": ("By April 11", date(2011, 4, 30)),
    "7.5": ("By May 10", date(2010, 5, 31)),
    "7.6": ("Across all 3 years", date(2011, 3, 31)),
    "7.7": ("By April 2011", date(2011, 4, 30)),
    "7.8": ("By June 10", date(2010, 6, 30)),
    "7.9": ("Across all 3 years", date(2011, 3, 31)),
}
RISKS = {  # id: (rating, impact, likelihood, residual)
    "SSC15-1": (6, 3, 2, None),
    "SSC15-2": (9, 3, 3, None),
    "SSC15-3": (12, 3, 4, 9),
}
TARGETS = ["0.72", "-3% reduction on Yr 1 performance", "-5.9% reduction on Yr 1"]


def _load() -> Plan:
    try:
        from storage.plan.load import load_plan
    except ImportError:
        load_plan = None
    if load_plan is not None:
        loaded = load_plan(PLAN_FILE)
        errors = [str(p) for p in loaded.problems if p.severity == "error"]
        assert not errors, errors
        assert loaded.plan is not None
        return loaded.plan
    from storage.plan.yaml_source import load_yaml

    data, _source, problems = load_yaml(PLAN_FILE)
    assert not [p for p in problems if p.severity == "error"], problems
    return Plan.model_validate(data)


PLAN = _load()


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_raw() -> str:
    return read_seed(SEED_FILE)


@pytest.fixture(scope="module")
def seed(seed_raw: str) -> str:
    """The seed with HTML tags removed and whitespace normalised."""
    return norm(re.sub(r"<[^>]+>", " ", seed_raw))


def _seed_rows(seed_raw: str, start: str, end: str) -> list[tuple[str, str, str]]:
    """(category, represents, holders cell) for each row of a membership table."""
    lines = seed_raw.splitlines()
    first = next(i for i, line in enumerate(lines) if line.rstrip("\t") == start)
    rows, category = [], None
    for line in lines[first + 1:]:
        if line.startswith(end):
            break
        if not line.strip():
            continue
        left, _, right = line.partition("\t")
        if right.startswith("Current names"):
            category = left
            continue
        rows.append((category, left, right))
    return rows


def _plan_rows(group_name: str) -> list[tuple[str, str, str]]:
    """The group's seats folded back into table rows: consecutive seats with the same
    `represents` and category make one row, their holders joined by spaces."""
    group = next(g for g in PLAN.groups if g.name == group_name)
    rows: list[tuple[str, str, list[str]]] = []
    for m in group.members:
        if rows and rows[-1][:2] == (m.category, m.represents):
            rows[-1][2].append(m.as_written or "")
        else:
            rows.append((m.category, m.represents, [m.as_written or ""]))
    return [(c, r, " ".join(h)) for c, r, h in rows]


# --- the plan itself -----------------------------------------------------------------


def test_header() -> None:
    assert PLAN.id == "ni15"
    assert PLAN.version == "3.2"
    assert PLAN.version_date == date(2010, 2, 6)
    assert [r.version for r in PLAN.revisions] == ["2.1", "3.1", "3.2"]
    assert PLAN.partnership == "Safe, Strong & Cohesive Communities Partnership"
    assert PLAN.delivery_lead_person == "michael-harrison"
    assert PLAN.period is not None
    assert (PLAN.period.start, PLAN.period.end) == (date(2008, 4, 1), date(2011, 3, 31))
    assert [o.id for o in PLAN.objectives] == [f"O{n}" for n in range(1, 7)]


def test_actions_in_order() -> None:
    assert [t.id for t in PLAN.themes] == ["7"]
    assert [a.id for _, a in PLAN.actions()] == ACTION_IDS
    assert [a.id for _, a in PLAN.actions() if a.heading] == ["7.1"]


@pytest.mark.parametrize("action_id", ACTION_IDS)
def test_deadlines_as_written(action_id: str) -> None:
    action = PLAN.action(action_id)
    assert action is not None
    assert (action.deadline, action.due) == DEADLINES[action_id]
    assert action.title and norm(action.text).startswith(norm(action.title))
    if action_id == "7.3":
        assert action.lead == "To be identified" and action.owner is None
    else:
        assert action.owner in PLAN.roster_ids()


def test_risks() -> None:
    got = {r.id: (r.rating, r.impact, r.likelihood, r.residual_rating) for r in PLAN.risks}
    assert got == RISKS
    assert all(r.further_actions is None for r in PLAN.risks)


def test_indicator_ni15() -> None:
    ni15 = PLAN.indicator("NI 15")
    assert ni15 is not None and ni15.baseline is not None
    assert ni15.baseline.value == 0.75 and ni15.baseline.as_written == "0.75"
    assert [t.as_written for t in ni15.targets] == TARGETS
    assert [t.period for t in ni15.targets] == ["Yr 1 - 2008/9", "Yr 2 - 2009/10", "Yr 3 - 2010/11"]
    other = PLAN.indicator("NI 15 & 20")
    assert other is not None and other.baseline is None and other.targets == []


def test_people_once_each() -> None:
    ids = [p.id for p in PLAN.people]
    assert len(ids) == len(set(ids))
    names = [p.name for p in PLAN.people]
    assert len(names) == len(set(names))


# --- against the seed ----------------------------------------------------------------


@pytest.mark.parametrize(("group_name", "start", "end", "seats", "total"), [
    ("Strategy Group", "Strategy Group", "Total current members", 30, "Total current members = 29"),
    ("Working and Performance Group", "Working and Performance Group", "Total current members", 36,
     "Total current members = 36"),
])
def test_group_matches_seed_table(seed_raw: str, group_name: str, start: str, end: str,
                                  seats: int, total: str) -> None:
    group = next(g for g in PLAN.groups if g.name == group_name)
    assert len(group.members) == seats
    assert group.stated_total and total in group.stated_total
    assert total in seed_raw
    # Every row of the seed's table, holders and all, is rebuilt from the seats in order.
    assert _plan_rows(group_name) == _seed_rows(seed_raw, start, end)


def test_chairs() -> None:
    chairs = {g.name: [m.person for m in g.members if m.role == "Chair"] for g in PLAN.groups
              if g.members}
    assert chairs == {"Strategy Group": ["ben-adams"],
                      "Working and Performance Group": ["peter-dartford"]}


@pytest.mark.parametrize("action_id", ACTION_IDS)
def test_action_texts_in_seed(seed: str, action_id: str) -> None:
    action = PLAN.action(action_id)
    assert action is not None
    assert norm(action.text)[:80] in seed
    assert f"{action_id} {norm(action.text)[:80]}" in seed
    assert action.measure and f"M – {norm(action.measure)}" in seed
    assert action.commentary and f"P – {norm(action.commentary)[:80]}" in seed
    assert norm(action.lead) in seed


@pytest.mark.parametrize("action_id", ACTION_IDS)
def test_every_line_of_action_in_seed(seed: str, action_id: str) -> None:
    action = PLAN.action(action_id)
    assert action is not None
    for field in (action.text, action.commentary or ""):
        for line in field.splitlines():
            if line.strip():
                assert norm(line) in seed, line


@pytest.mark.parametrize("risk_id", list(RISKS))
def test_risk_texts_in_seed(seed: str, risk_id: str) -> None:
    risk = PLAN.risk(risk_id)
    assert risk is not None
    rating, impact, likelihood, _residual = RISKS[risk_id]
    row = f"{risk_id} {risk.type} {risk.description} {rating} {impact} {likelihood} {risk.controls}"
    assert norm(row) in seed
    assert risk.lead and norm(risk.lead) in seed


@pytest.mark.parametrize("target", TARGETS)
def test_target_strings_in_seed(seed: str, target: str) -> None:
    assert target in seed


def test_objectives_and_description_in_seed(seed: str) -> None:
    for objective in PLAN.objectives:
        assert f"- {objective.text}" in seed
    assert PLAN.description
    for paragraph in PLAN.description.split("\n\n"):
        assert norm(paragraph) in seed, paragraph[:60]
    ni15 = PLAN.indicator("NI 15")
    assert ni15 is not None and ni15.notes and norm(ni15.notes) in seed
