"""Joint owners, a lead, an unowned action with a lead text, milestones and directional targets
(tests/fixtures/joint_plan.yaml), shown the same way by `steerco show`, `steerco status`, the
walk-through, the minutes and the officer's file; the owner rule decides the officer filter
and the import's ownership check.

The plan's dates are chosen so that "late" is the same on any day from 2024 to 2099: one open
milestone of 1.1 fell due on 2024-03-31, everything else is done or due in 2099.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.plan.index import plan_index
from storage.plan.load import load_plan
from storage.plan.status import is_late
from storage.updates.ownership import owned_items
from tests.test_tui_support import Clock, fixture_plans, started_walkthrough
from tests.test_tui_support import run_steerco as run

FIXTURE = Path(__file__).parent / "fixtures" / "joint_plan.yaml"
TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)

#: Who owns each action, as every view must name it.
OWNER = {
    "1.1": "Northamptonshire Police (lead), Fire and Rescue Service",
    "1.2": "Community Safety Partnership Manager",  # no roster owner: its `lead` as written
    "1.3": "Delivery Board",
}
LATE_MILESTONE = "Campaign plan agreed — March 2024 (2024-03-31) · Fire and Rescue Service · OVERDUE"
#: How every view marks 1.1 late: its own deadline is in 2099, the milestone says why (`overdue_words`).
LATE_BY_MILESTONE = "OVERDUE (milestone: Campaign plan agreed, due 2024-03-31)"
DONE_MILESTONE = "Schools visited — January 2024 (2024-01-31) · done"
OPEN_MILESTONE = "Evaluation published — December 2099 (2099-12-31)"
KSI_WORKING = "-3% on 2023/24 baseline 1,234 → 1,197"
OFFICERS_TARGET = "no fewer than 1,220 officers"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return fixture_plans(tmp_path, FIXTURE, "joint.yaml")


def test_the_fixture_validates_clean(folder: Path) -> None:
    assert run(folder, "validate", str(folder / "joint.yaml")).strip().endswith("0 errors, 0 warnings")


def test_one_rule_names_the_owners() -> None:
    plan = load_plan(FIXTURE).plan
    assert plan is not None
    index = plan_index(plan)
    assert {a.id: index.owner_label(a) for _, a in plan.actions()} == OWNER
    assert index.owners(plan.action("1.1")) == [  # type: ignore[arg-type]
        ("police", "Northamptonshire Police", True), ("fire", "Fire and Rescue Service", False)]
    assert index.owners(plan.action("1.2")) == []  # type: ignore[arg-type]


def test_an_open_milestone_past_due_makes_its_action_late() -> None:
    plan = load_plan(FIXTURE).plan
    assert plan is not None
    joint = plan.action("1.1")
    assert joint is not None and joint.due == date(2099, 12, 31)
    assert joint.late_due == date(2024, 3, 31)  # the done milestone of January does not count
    assert is_late(joint.late_due, "G", TODAY, plan.complete_code)
    assert not is_late(joint.late_due, plan.complete_code, TODAY, plan.complete_code)
    assert is_late(joint.due, "G", TODAY, plan.complete_code, milestones=[date(2024, 3, 31)])
    assert [late for _, late in plan.milestone_lines(joint, "G", TODAY)] == [True, False, False]


def test_show_names_owners_milestones_and_targets_as_every_view(folder: Path) -> None:
    shown = run(folder, "show", "joint")
    for owner in OWNER.values():
        assert owner in shown
    for line in (LATE_MILESTONE, DONE_MILESTONE, OPEN_MILESTONE, KSI_WORKING, OFFICERS_TARGET):
        assert line in shown
    assert "at least 1,220" in shown and "at most 1,197" in shown
    assert "Contributes to: theme 1" in shown and "Contributes to: action 1.1" in shown
    assert "To be identified" not in shown


def test_status_names_owners_and_is_late_by_milestone(folder: Path) -> None:
    table = run(folder, "status", "joint")
    for owner in OWNER.values():
        assert owner in table
    assert table.count("OVERDUE") == 1
    report = json.loads(run(folder, "status", "joint", "--json"))
    actions = {a["id"]: a for a in report["actions"]}
    assert {i: a["owner"] for i, a in actions.items()} == OWNER
    assert actions["1.1"]["owners"] == [{"id": "police", "name": "Northamptonshire Police", "lead": True},
                                        {"id": "fire", "name": "Fire and Rescue Service", "lead": False}]
    assert actions["1.2"]["owners"] == []
    assert actions["1.3"]["owners"] == [{"id": "board", "name": "Delivery Board", "lead": True}]
    assert {i: a["overdue"] for i, a in actions.items()} == {"1.1": True, "1.2": False, "1.3": False}


def test_a_person_owns_what_they_are_or_belong_to(folder: Path) -> None:
    plan = load_plan(FIXTURE).plan
    assert plan is not None
    owned = {name: [o.item.id for o in owned_items([plan], name)] for name in ("ann", "bob", "cat")}
    assert owned == {"ann": ["1.1"], "bob": [], "cat": ["1.3"]}  # police; council owns nothing; the board


def test_the_import_takes_an_owner_of_a_joint_action_and_refuses_a_non_owner(folder: Path) -> None:
    template = run(folder, "template", "joint", "--as", "ann")
    assert '  - plan: "joint"' in template and 'action: "1.1"' in template and 'action: "1.3"' not in template
    filled = folder.parent / "ann.yaml"
    filled.write_text(template.replace("status:  #", "status: G  #"), encoding="utf-8")
    report = run(folder, "import-updates", str(filled))
    assert report.strip() == f"{filled}: taken 1, already present 0, refused 0"
    wrong = folder.parent / "ann-wrong.yaml"
    wrong.write_text(template.replace("status:  #", "status: G  #").replace('action: "1.1"', 'action: "1.3"'),
                     encoding="utf-8")
    env = {"STEERCO_PLANS": str(folder), "STEERCO_DB": str(folder.parent / "steerco.db")}
    refused = CliRunner().invoke(main, ["import-updates", str(wrong)], env=env)
    assert refused.exit_code != 0
    assert "Insp Ann Smith does not own action 1.3 (owner: Delivery Board)" in refused.output


async def test_the_walkthrough_and_the_minutes_show_what_show_and_status_show(folder: Path) -> None:
    """A meeting walked by keys: each action's facts, the indicators' targets and verdicts; then
    the minutes of that meeting, from `steerco minutes`."""
    from textual.widgets import Input

    from tui.app import make_app

    db = folder.parent / "steerco.db"
    app = make_app(db_path=db, plans_dir=folder, clock=Clock(NOW), today=TODAY, plan="joint", start_meeting=True)
    facts: dict[str, str] = {}
    status: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await started_walkthrough(pilot)
        for key in ("g", "a", "b", "v", "v", None):
            ref = walk.item.ref or walk.item.kind
            if key == "v":
                await pilot.press("v")
                await pilot.pause()
                app.screen.query_one("#value", Input).value = "1230" if ref == "OFFICERS" else "1200"
                await pilot.press("enter")
                await pilot.pause()
            elif key is not None:
                await pilot.press(key)
                await pilot.pause()
            facts[ref] = str(walk.query_one("#wt-facts").render())
            status[ref] = str(walk.query_one("#wt-status").render())
            await pilot.press("right")
            await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert walk.meeting.closed

    for action_id, owner in OWNER.items():
        assert f"Owner {owner} ·" in facts[action_id]
    assert f"⚠ {LATE_BY_MILESTONE}" in facts["1.1"] and "⚠ OVERDUE" not in facts["1.2"] + facts["1.3"]
    for line in (LATE_MILESTONE, DONE_MILESTONE, OPEN_MILESTONE):
        assert line in facts["1.1"]
    assert KSI_WORKING in facts["KSI"] and "Contributes to action 1.1" in facts["KSI"]
    assert "✓ met: 1,230 ≥ 1,220" in status["OFFICERS"]
    assert f"against target {OFFICERS_TARGET}" in status["OFFICERS"]
    assert "✗ not met: 1,200 > 1,197" in status["KSI"]

    minutes = run(folder, "minutes", "joint")
    for owner in OWNER.values():
        assert f"Owner: {owner}" in minutes
    assert f"— **{LATE_BY_MILESTONE}**" in minutes.split("#### Action 1.1:")[1].split("####")[0]
    assert "OVERDUE**" not in minutes.split("#### Action 1.2:")[1]
    for line in (LATE_MILESTONE, DONE_MILESTONE, OPEN_MILESTONE):
        assert f"Milestone: {line}" in minutes
    assert f"| 2024/25 | 1,230 | {OFFICERS_TARGET} | Met |" in minutes  # as the walk-through shows it
    assert f"| 2024/25 | 1,200 | -3% on the 2023/24 baseline ({KSI_WORKING}) | Not met |" in minutes


def test_validate_reports_owner_and_target_mistakes_at_their_line(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    broken = (text.replace("        lead_owner: police\n", "        owner: police\n        lead_owner: council\n")
              .replace("        relative_to: 2023/24\n", "")
              .replace('    contributes_to: ["1"]\n', '    contributes_to: ["9"]\n'))
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    lines = broken.splitlines()

    def at(key: str, value: str, point: str | None = None) -> str:
        """'line:column' of `point` (default: `value`) on the line `key: value`, where validate points."""
        n, line = next((n, line) for n, line in enumerate(lines, 1) if line.strip() == f"{key}: {value}")
        return f"{path}:{n}:{line.index(point or value) + 1}: error:"

    out = result.output.splitlines()
    assert f"{at('owners', '[fire, police]')} action 1.1: give `owner` (one) or `owners` (several), not both" in out
    assert (f"{at('lead_owner', 'council')} action 1.1: lead_owner 'council' is not one of its owners; "
            "add it to `owners`") in out
    cited = at("contributes_to", '["9"]', '"9"')  # the list's item
    assert f"{cited} indicator OFFICERS: contributes_to '9' is neither a theme nor an action" in out
    assert (f"{at('change_percent', '-3')} indicator KSI: target '2024/25': a change of -3% needs `relative_to`, "
            "the period it is measured against (a target's period or the baseline's)") in out


async def test_the_dashboard_and_the_action_detail_show_what_show_and_status_show(folder: Path) -> None:
    """At 80 columns: the owners as `show` names them (the joint action's shortened to its lead and
    '+1', its detail naming them all), the milestone count (one late) in the title, 1.1 late by its
    milestone; the owner filter finds a joint action under either owner; its detail lists the milestones."""
    from textual.widgets import Input, Static

    from tui.app import make_app
    from tui.screens.action import ActionScreen
    from tui.widgets.action_table import ActionTable

    app = make_app(db_path=folder.parent / "steerco.db", plans_dir=folder, clock=Clock(NOW), today=TODAY,
                   plan="joint")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            found = app.screen.query(ActionTable)
            if found and not found.first().loading and found.first().row_count:
                break
            await pilot.pause(0.02)
        table = app.screen.query_one(ActionTable)
        # the joint action's first owner (the lead) and how many more: the whole label is in its detail
        assert {a: str(table.cell(a, "owner")) for a in OWNER} == OWNER | {"1.1": "Northamp… +1"}
        assert str(table.cell("1.1", "title")) == "⚠1/3 Joint road safety campaign"
        assert str(table.cell("1.2", "title")) == "Community panel refresh"
        assert [a for a in OWNER if str(table.cell(a, "due")).endswith("⚠")] == ["1.1"]
        lines = ["".join(segment.text for segment in table.render_line(y)) for y in range(table.size.height)]
        assert any(line.startswith("▶1.1") and "⚠1/3 Joint" in line and "Dec 2099 ⚠" in line for line in lines)

        for owner, shown in (("Fire", ["1.1"]), ("Northamptonshire", ["1.1"]), ("Delivery", ["1.3"]),
                             ("No roster", ["1.2"])):
            await pilot.press("o")
            await pilot.pause()
            app.screen.query_one(Input).value = owner
            await pilot.press("enter")
            await pilot.pause()
            assert table.shown_ids == shown, owner
            await pilot.press("c")
            await pilot.pause()

        await pilot.press("enter")  # the cursor is on 1.1
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, ActionScreen)
        facts = str(detail.query_one("#action-facts", Static).render())
        assert f"Owner {OWNER['1.1']}" in facts and "⚠ OVERDUE" in facts and "Lead" not in facts
        listed = str(detail.query_one("#action-milestones", Static).render())
        assert [line[2:] for line in listed.splitlines()[1:]] == [LATE_MILESTONE, DONE_MILESTONE, OPEN_MILESTONE]


def test_the_agenda_by_exception_and_the_home_counts_take_a_late_milestone(folder: Path) -> None:
    """1.1, due in 2099, is late by its milestone: the agenda by exception raises it as overdue and
    the home screen's line counts it (from the plan outline, without the model)."""
    from storage.service.agenda import exception_reasons
    from storage.service.service import Service

    with Service.open(folder.parent / "steerco.db", folder, clock=Clock(NOW), today=TODAY) as service:
        plan = service.plan("joint")
        for _, action in plan.actions():
            service.record_update(plan, action.id, "G", "on track", "Cat Brown")  # none is raised as never rated
        agenda = service.build_agenda("joint", "exception")
        (line,) = service.summaries_apart(service.listing())
    assert [(i.kind, i.ref) for i in agenda if i.kind == "action"] == [("action", "1.1")]
    joint = plan.action("1.1")
    assert joint is not None and joint.late_due is not None
    late = f"overdue (milestone due {joint.late_due.day} {joint.late_due:%b %Y})"
    assert exception_reasons(joint, None, TODAY, None, unrated=True) == ("not yet rated", late)
    assert line.overdue == 1 and line.unowned == 1  # 1.2 has no roster owner
