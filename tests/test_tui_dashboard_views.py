"""The dashboard and the walk-through show owners and indicators as `steerco show` does, at 80 and
120 columns (issue 13): a joint action's owners shortened with a sign ('+1', '…'), a risk's owner by
`Plan.risk_owner_label`, the Indicators tab within the screen's width and its detail (enter) with
the target's direction and arithmetic. Keys pressed, then what the screen draws is read.

Fixtures: tests/fixtures/joint_plan.yaml (joint owners, directional and relative targets) and
tests/fixtures/views_plan.yaml (risks owned by a roster person, by a lead text only, by no one).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.test_tui_support import Clock, fixture_plans, started_walkthrough
from tests.test_tui_support import run_steerco as run

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)
SIZES = [(80, 24), (120, 40)]
JOINT_FULL = "Northamptonshire Police (lead), Fire and Rescue Service"
JOINT_SHORT = {80: "Northamp… +1", 120: "Northamptonshire Police +1"}
LEAD_TEXT = {80: "Community S…", 120: "Community Safety Partners…"}  # 1.2's lead as written, cut with …
RISK_OWNER = {"R1": "Insp Ann Smith", "R2": "Community Safety Partnership Manager", "R3": "To be identified"}


def app_on(folder: Path, plan: str, **options):
    from tui.app import make_app

    return make_app(db_path=folder.parent / "steerco.db", plans_dir=folder, clock=Clock(NOW), today=TODAY, plan=plan,
                    **options)


async def dashboard_loaded(pilot) -> None:
    from tui.widgets.action_table import ActionTable

    for _ in range(300):
        found = pilot.app.screen.query(ActionTable)
        if found and not found.first().loading and found.first().row_count:
            break
        await pilot.pause(0.02)
    await pilot.pause()


def drawn(widget) -> list[str]:
    """The widget's lines as they are on screen."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def fits(table: DataTable, width: int) -> bool:
    """The table's columns, padding included, within `width` cells: nothing to scroll sideways to."""
    return sum(column.get_render_width(table) for column in table.columns.values()) <= width


@pytest.fixture
def joint(tmp_path: Path) -> Path:
    folder = fixture_plans(tmp_path, FIXTURES / "joint_plan.yaml", "joint.yaml")
    plan = folder / "joint.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "    title: People killed or seriously injured on the roads\n",
        "    title: People killed or seriously injured on the roads\n    unit: people\n"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_joint_actions_owners_are_shortened_with_a_sign_and_listed_in_full_in_its_detail(
        joint: Path, size: tuple[int, int]) -> None:
    from tui.screens.action import ActionScreen
    from tui.widgets.action_table import ActionTable

    app = app_on(joint, "joint")
    async with app.run_test(size=size) as pilot:
        await dashboard_loaded(pilot)
        table = app.screen.query_one(ActionTable)
        lines = drawn(table)
        owner_at = lines[0].index("Owner")
        width = next(c.width for c in table.columns if c.key == "owner")  # at 80 one blank between columns
        owners = {line[1:6].strip(): line[owner_at:owner_at + width].rstrip() for line in lines[1:]
                  if line[1:4] in ("1.1", "1.2", "1.3")}
        assert owners == {"1.1": JOINT_SHORT[size[0]], "1.2": LEAD_TEXT[size[0]],
                          "1.3": "Delivery Bo…" if size[0] == 80 else "Delivery Board"}
        await pilot.press("enter")  # the cursor is on 1.1
        await pilot.pause()
        assert isinstance(app.screen, ActionScreen)
        assert f"Owner {JOINT_FULL}" in str(app.screen.query_one("#action-facts", Static).render())


def test_the_owner_cell_keeps_the_lead_and_counts_the_others() -> None:
    from storage.service import short_owners as owner_cell

    names = ["Police and Crime Commissioner", "Chief Constable"]
    label = "Police and Crime Commissioner (lead), Chief Constable"
    assert owner_cell(label, names, 60) == label
    assert owner_cell(label, names, 40) == "Police and Crime Commissioner (lead) +1"
    assert owner_cell(label, names, 32) == "Police and Crime Commissioner +1"
    assert owner_cell(label, names, 12) == "Police… +1"  # cut at a word
    assert owner_cell("A, B, C", ["A", "B", "C"], 4) == "A +2"  # no lead named: the first and how many more


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_risks_tab_names_each_owner_as_show_does_and_fits(tmp_path: Path, size: tuple[int, int]) -> None:
    folder = fixture_plans(tmp_path, FIXTURES / "views_plan.yaml", "views.yaml")
    shown = run(folder, "show", "views")
    run(folder, "rate-risk", "views", "R1", "--impact", "4", "--likelihood", "4", "--by", "Cat Brown",
        "--note", "more calls")
    app = app_on(folder, "views")
    async with app.run_test(size=size) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#risks-table", DataTable)
        assert fits(table, size[0])
        lines = drawn(table)
        owner_at = lines[0].index("Owner")
        drawn_owner = {line[1:4].strip(): line[owner_at:].split("  ")[0] for line in lines[1:4]}
        await pilot.press("enter")  # R1, re-rated: its owner, the lead as written, both ratings in full
        await pilot.pause()
        detail = " ".join(str(app.screen.query_one("#detail-text", Static).render()).split())
        await pilot.press("escape")
        await pilot.pause()
        assert table.has_focus
    for part in ("Risk R1", "Officers are drawn away to other duties",
                 "Owner Insp Ann Smith (lead as written: Inspector A. Smith)",
                 "Rating impact 4 × likelihood 4 = 16 (High), re-rated ", " by Cat Brown: more calls",
                 "In the register impact 4 × likelihood 3 = 12"):
        assert part in detail, part
    for risk, owner in RISK_OWNER.items():
        assert f" · {owner}" in shown.replace("\n│   │   ", " ")  # show's risk line, however it wraps
        cell = drawn_owner[risk]
        assert cell == owner or (cell.endswith("…") and owner.startswith(cell[:-1])), (risk, cell)


async def test_the_walkthrough_risk_item_names_the_owner_as_show_does(tmp_path: Path) -> None:

    folder = fixture_plans(tmp_path, FIXTURES / "views_plan.yaml", "views.yaml")
    app = app_on(folder, "views", start_meeting=True)
    facts: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await started_walkthrough(pilot)
        for _ in range(12):
            if walk.item.kind == "risk":
                facts[walk.item.ref or ""] = str(walk.query_one("#wt-facts").render())
            await pilot.press("right")
            await pilot.pause()
    assert set(facts) == set(RISK_OWNER)
    for risk, owner in RISK_OWNER.items():
        assert f"Owner {owner}" in facts[risk], facts[risk]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_indicators_tab_fits_and_enter_shows_the_indicator_in_full(joint: Path,
                                                                             size: tuple[int, int]) -> None:
    from tui.screens.dashboard.details import Detail

    run(joint, "indicator", "joint", "KSI", "--period", "2024/25", "--value", "1200", "--by", "Insp Ann Smith")
    run(joint, "indicator", "joint", "OFFICERS", "--period", "2024/25", "--value", "1230", "--by", "Bob Jones")
    app = app_on(joint, "joint")
    async with app.run_test(size=size) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#indicators-table", DataTable)
        assert table.has_focus and fits(table, size[0])
        lines = drawn(table)
        assert ("Baseline" in lines[0]) == (size[0] >= 100)
        officers, ksi = lines[1], lines[2]
        assert "at least 1,220" in officers and "✓ met" in officers and "1,230" in officers
        assert "at most 1,197" in ksi and "✗ not met" in ksi and "2024/25" in ksi
        await pilot.press("down", "enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, Detail) and detail.id == "indicator-detail"
        text = str(detail.query_one("#detail-text", Static).render())
        for part in ("Indicator KSI — People killed or seriously injured on the roads", "Unit people",
                     "lower is better", "Baseline 1,234 in 2023/24 (value 1,234, period 2023/24)",
                     "2024/25: -3% on the 2023/24 baseline (-3% on 2023/24 baseline 1,234 → 1,197) — at most 1,197",
                     "Latest 1,200 for 2024/25, against the 2024/25 target: ✗ not met: 1,200 > 1,197",
                     "2024/25: 1,200 — Insp Ann Smith", "Contributes to action 1.1"):
            assert part in " ".join(text.split()), part
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#indicators-table", DataTable).has_focus
