"""Why a risk was re-rated between meetings (`steerco rate-risk ... --note`) is said where the
re-rating is: in the minutes' register, under the table, as a note of a rating agreed at the
meeting is ('R-1: Note: …'), and in the walk-through's risk panel as the dashboard's risk detail
has it. A new user's try T8 (SSC15-3, 'Budget cuts confirmed for 2027/28.')."""

from __future__ import annotations

from pathlib import Path

from storage.store.store import Store
from tests.test_tui_support import TODAY, Clock, ni15_folder, started_walkthrough, type_text
from tests.test_tui_support import demo_meeting_held as _meeting
from tests.test_tui_support import steerco_at as _cli

WHY = "Budget cuts confirmed for 2027/28."


def test_the_minutes_say_why_a_risk_was_re_rated_between_meetings(plans_dir: Path, db_path: Path) -> None:
    _meeting(plans_dir, db_path)
    _cli(plans_dir, db_path, "rate-risk", "demo", "R-1", "--impact", "4", "--likelihood", "4", "--by", "Bob",
         "--note", WHY)
    _meeting(plans_dir, db_path)
    minutes = _cli(plans_dir, db_path, "minutes", "demo")
    assert f"- R-1: Note: {WHY}" in minutes.splitlines(), minutes.split("Risk register")[1][:1500]
    _meeting(plans_dir, db_path)  # a meeting after it: not re-rated since the last one, no note
    assert WHY not in _cli(plans_dir, db_path, "minutes", "demo")


async def test_the_walk_through_s_risk_panel_says_why_it_was_re_rated(tmp_path: Path) -> None:
    from tui.app import make_app

    db = tmp_path / "steerco.db"
    with Store.open(db, clock=Clock()) as store:
        store.rate_risk("ni15", "SSC15-3", 4, 4, WHY, "ACC Michael Harrison", "command-line")
    app = make_app(db_path=db, plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY, plan="ni15",
                   start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await pilot.press("j")
        await type_text(pilot, "SSC15-3")
        await pilot.press("enter")
        await pilot.pause()
        assert walk.item.ref == "SSC15-3"
        facts = " ".join(str(walk.query_one("#wt-facts").render()).split())
        assert f"Re-rating note {WHY}" in facts, facts
