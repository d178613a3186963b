"""The walk-through's matter-arising panel names the arising action's owner as every other view
does (the roster's name for a roster id, `Plan.owner_name` / `PlanIndex.owner_name`), not by
the id a store may hold ('adrian-roberts'). Keys only, then the screen."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from storage.store.records import AgendaItem, Attendee
from storage.store.store import Store
from tests.test_tui_support import TODAY, Clock, ni15_folder, started_walkthrough, to_matter_arising


def _store_with_an_arising_owned_by_id(db: Path) -> None:
    with Store.open(db, clock=Clock(datetime(2010, 5, 12, 14, tzinfo=UTC))) as store:
        meeting = store.start_meeting(
            "ni15", date(2010, 5, 12), "ACC Michael Harrison",
            [Attendee("ACC Michael Harrison", "present", "michael-harrison")],
            [AgendaItem("action", "7.1", "Hot-spot premises", 180)], "all", None)
        store.enter_item(meeting, 1)
        store.add_action_arising(meeting, 1, "Circulate the hot-spot premises list", "adrian-roberts",
                                 date(2010, 6, 10))
        store.close_meeting(meeting, date(2010, 6, 15))


async def test_the_matter_arising_panel_names_the_owner(tmp_path: Path) -> None:
    from tui.app import make_app

    db = tmp_path / "steerco.db"
    _store_with_an_arising_owned_by_id(db)
    app = make_app(db_path=db, plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY, plan="ni15",
                   start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_matter_arising(pilot, walk)
        facts = str(walk.query_one("#wt-facts").render())
        assert "Owner Ch. Insp Adrian Roberts · Due 2010-06-10" in facts, facts
        assert "adrian-roberts" not in facts
