"""A status recorded from the command line (`steerco record`) while the dashboard is open shows
in its Actions tab on the dashboard's refresh (FIX17C, issue 17 try, item 7), as the Risks,
Indicators and Meetings tabs do (tests/test_tui_dashboard_refresh.py): when the tab is chosen
again and when the dashboard is shown again, the codes and the rows drawn are read again if
another connection wrote to the store since they were read (Service.store_version); nothing is
read when no one did. Keys only; the command line is `steerco record` on the same store file."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui_dashboard_views import FIXTURES, app_on, dashboard_loaded
from tests.test_tui_support import fixture_plans
from tests.test_tui_support import run_steerco as run
from tui.widgets.action_table import ActionTable


async def settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def status(app, action_id: str) -> str:
    return app.screen.query_one(ActionTable).cell(action_id, "rag").plain


async def test_a_status_recorded_from_the_cli_shows_when_the_tab_or_the_dashboard_comes_back(tmp_path: Path) -> None:
    folder = fixture_plans(tmp_path, FIXTURES / "joint_plan.yaml", "joint.yaml")
    run(folder, "record", "joint", "1.2", "--rag", "G", "--note", "Started.", "--by", "Bob Jones")
    app = app_on(folder, "joint")
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        assert "Red" not in status(app, "1.2")
        run(folder, "record", "joint", "1.2", "--rag", "R", "--note", "Stalled.", "--by", "Bob Jones")
        await pilot.press("3", "1")  # away and back to the Actions tab
        await settled(pilot)
        assert status(app, "1.2") == "● R"
        await pilot.press("f")  # the status filter: Red only
        await settled(pilot)
        table = app.screen.query_one(ActionTable)
        assert table.shown_ids == ["1.2"]
        run(folder, "record", "joint", "1.2", "--rag", "A", "--note", "Moving.", "--by", "Bob Jones")
        await pilot.press("3", "1")
        await settled(pilot)
        assert "1.2" not in table.shown_ids  # Amber now: the Red filter leaves it out
        await pilot.press("c")
        await settled(pilot)
        assert status(app, "1.2") == "▲ A"
        run(folder, "record", "joint", "1.2", "--rag", "R", "--note", "Stalled again.", "--by", "Bob Jones")
        table.focus()
        await pilot.press("enter")  # an action's detail, then back: the dashboard shown again
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert status(app, "1.2") == "● R"


async def test_the_actions_are_not_read_again_when_no_one_else_wrote(tmp_path: Path) -> None:
    folder = fixture_plans(tmp_path, FIXTURES / "joint_plan.yaml", "joint.yaml")
    app = app_on(folder, "joint")
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        tab = app.screen.query_one("#actions")
        loads = []
        tab._load = loads.append  # count reads from here on
        await pilot.press("3", "1", "enter")
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert loads == []
        run(folder, "record", "joint", "1.2", "--rag", "R", "--note", "Stalled.", "--by", "Bob Jones")
        await pilot.press("3", "1")
        await settled(pilot)
        assert loads == ["joint"]
