"""The walk-through's `v` (an indicator's value) reads the period by the CLI's rule (FIX17B, issue 17
try, item 7: storage/service/periods.match_period, one rule for both): 'yr 3' is stored as the
plan's 'Yr 3 - 2010/11', and a period the plan does not name is refused in the dialog with the
plan's periods, nothing stored, until one it names is typed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from storage.service.service import Service
from tests.test_tui_support import TODAY, Clock, ni15_folder, started_walkthrough
from tui.app import make_app
from tui.screens.modals import ValuePrompt


def values(db: Path, plans: Path) -> list[tuple[str, str, float]]:
    with Service.open(db, plans) as service:
        return [(v.indicator_id, v.period, v.value) for v in service.indicator_values("ni15")]


async def test_v_stores_the_plans_name_for_the_period_and_refuses_one_it_does_not_name(tmp_path: Path) -> None:
    db, plans = tmp_path / "steerco.db", ni15_folder(tmp_path)
    app = make_app(db_path=db, plans_dir=plans, clock=Clock(), today=TODAY, plan="ni15", start_meeting=True)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await started_walkthrough(pilot)
        while walk.item.kind != "indicator":
            await pilot.press("right")
        assert walk.item.ref == "NI 15"
        await pilot.press("v")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ValuePrompt)
        dialog.query_one("#period", Input).value = "Yr 4"
        dialog.query_one("#value", Input).value = "0.7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # refused: still open, saying why
        problem = str(dialog.query_one("#problem", Static).render())
        assert problem == ("'Yr 4' is not a period of NI 15: give one of 'Yr 1 - 2008/9', 'Yr 2 - 2009/10', "
                           "'Yr 3 - 2010/11'")
        dialog.query_one("#period", Input).value = "yr 3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is walk
    assert values(db, plans) == [("NI 15", "Yr 3 - 2010/11", 0.7)]
