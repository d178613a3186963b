"""Risk owners, overdue actions, the minutes' overdue register and baselines, the same in every
view (tests/fixtures/views_plan.yaml): `steerco show`, `steerco status` and the minutes name a
risk's owner by one rule (`PlanIndex.risk_owner_label`) and call an action late by one rule
(`storage.plan.status.is_late` over its deadline and its milestones).

The plan's dates make "late" the same on any day from 2024 to 2099: 1.1's open milestone fell
due on 2024-03-31, 1.2 itself on 2024-03-31, everything else is due in 2099.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.plan.index import plan_index
from storage.plan.load import load_plan
from tests.test_tui_support import fixture_plans
from tests.test_tui_support import run_steerco as run

FIXTURE = Path(__file__).parent / "fixtures" / "views_plan.yaml"

#: Who owns each risk, as every view must name it: the roster owner, else `lead`, else no one.
RISK_OWNER = {"R1": "Insp Ann Smith", "R2": "Community Safety Partnership Manager", "R3": "To be identified"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return fixture_plans(tmp_path, FIXTURE, "views.yaml")


def test_one_rule_names_a_risks_owner() -> None:
    plan = load_plan(FIXTURE).plan
    assert plan is not None
    index = plan_index(plan)
    assert {r.id: index.risk_owner_label(r) for r in plan.risks} == RISK_OWNER
    assert {r.id: plan.risk_owner_label(r) for r in plan.risks} == RISK_OWNER


def _record(folder: Path) -> None:
    """One update, so that there is a store to report on."""
    run(folder, "record", "views", "1.3", "--rag", "G", "--note", "On track", "--by", "Cat Brown")


def test_show_and_status_name_each_risks_owner_alike(folder: Path) -> None:
    shown = run(folder, "show", "views")
    for risk_id, owner in RISK_OWNER.items():
        assert f"· {owner}\n" in shown.split(f"{risk_id} ")[1]
    assert "Inspector A. Smith" not in shown  # R1's lead text: it has a roster owner
    _record(folder)
    report = json.loads(run(folder, "status", "views", "--json"))
    assert {r["id"]: r["owner"] for r in report["risks"]} == RISK_OWNER
    table = run(folder, "status", "views")
    risks = table.split("Risks")[1]
    assert "Owner" in risks.splitlines()[2]
    for owner in RISK_OWNER.values():
        assert owner.split()[0] in risks


def test_the_status_risk_table_fits_80_columns(folder: Path) -> None:
    _record(folder)
    env = {"STEERCO_PLANS": str(folder), "STEERCO_DB": str(folder.parent / "steerco.db"),
           "STEERCO_CACHE": str(folder.parent / "cache"), "COLUMNS": "80"}
    table = CliRunner().invoke(main, ["status", "views"], env=env).output
    risks = table.split("Risks")[1].splitlines()[1:]
    assert risks and all(len(line) <= 80 for line in risks)
    assert risks[0].split() == ["Id", "Risk", "Owner", "Rating", "Resid."]
    assert "Insp Ann" in table.split("R1")[1] and "4×3=12" in table.split("R1")[1]


#: How every view marks 1.1, late by its milestone though its own deadline is in 2099 (`overdue_words`).
LATE_BY_MILESTONE = "OVERDUE (milestone: Campaign plan agreed, due 2024-03-31)"


def _overdue_words_in_show(shown: str) -> dict[str, str | None]:
    """How `show` marks each action late, at the end of its owner · deadline line (None: not late)."""
    lines = shown.splitlines()
    found: dict[str, str | None] = {}
    for n, line in enumerate(lines):
        for action_id in ("1.1", "1.2", "1.3"):
            if f"── {action_id} " in line:
                facts = lines[n + 1].rstrip()
                found[action_id] = facts[facts.index("OVERDUE"):] if "OVERDUE" in facts else None
    return found


def _overdue_in_show(shown: str) -> dict[str, bool]:
    """Whether `show` marks each action OVERDUE (on its owner · deadline line)."""
    return {action_id: words is not None for action_id, words in _overdue_words_in_show(shown).items()}


def test_show_marks_an_action_late_by_a_milestone_overdue_as_status_does(folder: Path) -> None:
    assert _overdue_words_in_show(run(folder, "show", "views")) == {"1.1": LATE_BY_MILESTONE, "1.2": "OVERDUE",
                                                                    "1.3": None}
    assert not (folder.parent / "steerco.db").exists()  # show made no store
    run(folder, "record", "views", "1.2", "--rag", "complete", "--note", "Panel refreshed", "--by", "Cat Brown")
    run(folder, "record", "views", "1.1", "--rag", "G", "--note", "On track", "--by", "Cat Brown")
    report = json.loads(run(folder, "status", "views", "--json"))
    overdue = {a["id"]: a["overdue"] for a in report["actions"]}
    assert overdue == {"1.1": True, "1.2": False, "1.3": False}
    assert _overdue_in_show(run(folder, "show", "views")) == overdue


def _meeting(folder: Path, held_on: date, agenda: list[str], rated: dict[str, str], before: dict[str, str]) -> None:
    """A meeting of the plan on `held_on` with `agenda` (action ids), the statuses `rated` agreed
    at it, after `before` was recorded between meetings; closed."""
    from storage.plan.load import load_plan as load
    from storage.store.records import AgendaItem, Attendee
    from storage.store.store import Store

    plan = load(folder / "views.yaml").plan
    assert plan is not None
    with Store.open(folder.parent / "steerco.db") as store:
        for action_id, rag in before.items():
            store.record_update("views", action_id, rag, "Between meetings", "Cat Brown", "command-line")
        version = store.remember_plan(plan)
        meeting = store.start_meeting("views", held_on, "Cat Brown", [Attendee("Cat Brown", "present", "cat")],
                                      [AgendaItem("action", a, a, 60) for a in agenda], "custom", version)
        for action_id, rag in rated.items():
            store.record_update("views", action_id, rag, "Agreed", "Cat Brown", "meeting", meeting_id=meeting,
                                plan_version_id=version)
        store.close_meeting(meeting)


def _overdue_section(minutes: str) -> str:
    return minutes.split("### Overdue, not discussed\n")[1].split("\n## ")[0] if "### Overdue, not" in minutes else ""


def test_the_minutes_list_the_overdue_actions_the_meeting_did_not_discuss(folder: Path) -> None:
    """1.1 (late by its milestone, not on the agenda) and 1.2 (late, on the agenda, no update) are
    listed with their late milestones; 1.3, rated at the meeting, is not; worded as every view words them."""
    _meeting(folder, date(2026, 6, 15), ["1.2", "1.3"], {"1.3": "G"}, {"1.2": "A"})
    minutes = run(folder, "minutes", "views")
    assert "On the agenda with no update recorded: 1.2." in minutes
    assert _overdue_section(minutes).strip().splitlines() == [
        "- 1.1 Joint road safety campaign: owner Northamptonshire Police; deadline December 2099 (2099-12-31) —"
        f" **{LATE_BY_MILESTONE}**; stands at **Not yet rated**.",
        "  - Milestone: Campaign plan agreed — March 2024 (2024-03-31) · Northamptonshire Police · OVERDUE",
        "- 1.2 Community panel refresh: owner Community Safety Partnership Manager; deadline March 2024"
        " (2024-03-31) — **OVERDUE**; stands at **Amber**.",
    ]
    assert "#### Action 1.3:" in minutes and "1.3" not in _overdue_section(minutes)
    assert "| Ref | Risk | Owner | Impact |" in minutes
    for risk_id, owner in RISK_OWNER.items():  # as show and status name them
        assert f"| {risk_id} | " in minutes and f" | {owner} | " in minutes.split(f"| {risk_id} | ")[1].split("\n")[0]


def test_a_complete_or_discussed_action_is_not_overdue_in_the_minutes(folder: Path) -> None:
    _meeting(folder, date(2026, 6, 15), ["1.1"], {"1.1": "A"}, {"1.2": "B"})
    assert "Overdue, not discussed" not in run(folder, "minutes", "views")
    _meeting(folder, date(2026, 7, 15), [], {}, {"1.1": "B", "1.2": "A"})
    assert [line.split(":")[0] for line in _overdue_section(run(folder, "minutes", "views")).split("\n")
            if line.startswith("- ")] == ["- 1.2 Community panel refresh"]


@pytest.mark.parametrize(("deleted", "line", "said", "reason"), [
    ("      value: 1234\n", "      as_written:", "the baseline has no `value`, so target '2024/25' (-3% on 2023/24) "
     "cannot be worked out; give the baseline's number as `value`", "needs a baseline value"),
    ("      period: 2023/24\n", "      as_written:", "the baseline has no `period`, so target '2024/25' (-3% on "
     "2023/24) cannot be worked out; give it `period: 2023/24`", "needs a baseline period"),
    ('    baseline:\n      as_written: "1,234 in 2023/24"\n      value: 1234\n      period: 2023/24\n', "  - id: KSI",
     "no baseline, so target '2024/25' (-3% on 2023/24) cannot be worked out; add `baseline` with "
     "`period: 2023/24` and its `value`", "needs a baseline for 2023/24"),
])
def test_a_deleted_baseline_part_is_pointed_at_and_the_target_says_what_it_needs(
        folder: Path, deleted: str, line: str, said: str, reason: str) -> None:
    """validate warns at the baseline (its first line; the indicator's when it has none) naming
    what is missing, and `show` gives the target's reason rather than 'not numeric'."""
    path = folder / "views.yaml"
    text = path.read_text(encoding="utf-8")
    assert deleted in text
    text = text.replace(deleted, "")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    n = next(n for n, written in enumerate(lines, 1) if written.startswith(line) and n > lines.index("  - id: KSI"))
    column = len(lines[n - 1]) - len(lines[n - 1].lstrip(" -")) + 1
    env = {"STEERCO_PLANS": str(folder), "STEERCO_CACHE": str(folder.parent / "cache")}
    result = CliRunner().invoke(main, ["validate", str(path)], env=env)
    assert result.output.splitlines() == [f"{path}:{n}:{column}: warning: indicator KSI: {said}",
                                          "1 file checked: 0 errors, 1 warning"]
    shown = run(folder, "show", "views")
    assert f"2024/25: -3% on the 2023/24 baseline ({reason}) · {reason}" in shown
    assert "not numeric" not in shown


def test_a_count_is_written_with_its_noun_singular_for_one() -> None:
    from storage.service import counted

    assert [counted(n, "risk") for n in (0, 1, 2)] == ["0 risks", "1 risk", "2 risks"]
    assert counted(1, "entry", "entries") == "1 entry" and counted(3, "entry", "entries") == "3 entries"


@pytest.fixture
def one_of_each(tmp_path: Path) -> Path:
    """The plan with one risk (R1) and one indicator."""
    folder = fixture_plans(tmp_path, FIXTURE, "views.yaml")
    path = folder / "views.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index('  - id: "R2"'), text.index("indicators:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return folder


async def test_home_and_the_meeting_setup_write_one_risk_not_1_risks(one_of_each: Path) -> None:
    from textual.widgets import Static

    from tests.test_tui_support import NOW, TODAY, Clock, home_settled
    from tui.app import make_app
    from tui.screens.setup import MeetingSetupScreen

    app = make_app(db_path=one_of_each.parent / "steerco.db", plans_dir=one_of_each, clock=Clock(NOW), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await home_settled(pilot)
        detail = str(app.screen.query_one("#plan-detail", Static).render())
        assert "3 actions · 1 risk · 1 indicator" in detail
    app = make_app(db_path=one_of_each.parent / "steerco.db", plans_dir=one_of_each, clock=Clock(NOW), today=TODAY,
                   plan="views", start_meeting=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, MeetingSetupScreen)
        agenda = str(setup.query_one("#setup-agenda", Static).render())
        assert "3 actions · 1 risk · 1 indicator · AOB" in agenda, agenda
