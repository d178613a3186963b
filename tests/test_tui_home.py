"""Home paints the plan list from the plan files first, then the counts from a worker's own
store connection: both arrive as messages, and what home finally shows is unchanged."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from storage.service.home_lines import PlanSummary
from tests.test_tui_support import TODAY, Clock, home_settled, seeded_app
from tui.app import SteercoApp, make_app
from tui.screens.home import SETTLE_S, HomeScreen


async def test_home_lists_first_then_counts(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    seen: list[object] = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await home_settled(pilot)
        steps = (HomeScreen.PlansListed, HomeScreen.PlansCounted, HomeScreen.PlansLoaded)
        ours = [m for m in seen if isinstance(m, steps)]
        assert [type(m) for m in dict.fromkeys(ours)] == list(steps)  # each is seen again as it bubbles to the app
        listed = next(m for m in seen if isinstance(m, HomeScreen.PlansListed))
        (line,) = listed.summaries
        assert line.plan_id == "ni15" and line.outline is not None and not line.counted and line.counts == {}
        assert "ni15" in app.service._plans  # loaded after the counts, for the screens past home
        row = str(line.path)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1 and not table.loading
        late, unowned, stale, last = (table.get_cell(row, key) for key in ("overdue", "unowned", "stale", "last"))
        assert (late, unowned, stale, last) == (1, 1, 1, "2010-05-12")
        assert "9 actions" in str(app.screen.query_one("#plan-detail", Static).render())
        with pytest.MonkeyPatch.context() as patch:  # the counts held back, to see what shows before them
            patch.setattr(app.screen, "_count", lambda lines: None)
            app.screen.post_message(HomeScreen.PlansListed(listed.summaries))
            await pilot.pause()
        assert table.get_cell(row, "rag") == "counting…" and table.get_cell(row, "last") == ""
        assert "counting statuses" in str(app.screen.query_one("#plan-detail", Static).render())
        await pilot.press("f5")  # reload: the same steps
        await home_settled(pilot)
        assert table.get_cell(row, "last") == "2010-05-12"
        assert len({id(m) for m in seen if isinstance(m, HomeScreen.PlansCounted)}) == 2


async def test_f5_before_the_first_counts_counts_the_new_listing_once(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting starts a moment after home's rows are painted (`SETTLE_S`, benchmark row 1); a
    reload meanwhile replaces that count with its own, rather than counting both listings."""
    first = seeded_app(tmp_path)
    async with first.run_test(size=(120, 40)) as pilot:  # caches the outline: the next start lists before Textual
        await home_settled(pilot)
    app = make_app(db_path=first.service.db_path, plans_dir=first.service.plans_dir, clock=Clock(), today=TODAY)
    assert isinstance(app, SteercoApp)
    listing = app.service.listing

    def slow_listing() -> list[PlanSummary]:  # as when an edited plan is parsed again
        time.sleep(2 * SETTLE_S)
        return listing()

    monkeypatch.setattr(app.service, "listing", slow_listing)
    seen: list[object] = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await pilot.press("f5")  # before the first listing's count has started
        assert not any(isinstance(m, HomeScreen.PlansCounted) for m in seen)
        await home_settled(pilot)
        assert len({id(m) for m in seen if isinstance(m, HomeScreen.PlansListed)}) == 2
        assert len({id(m) for m in seen if isinstance(m, HomeScreen.PlansCounted)}) == 1
        assert len({id(m) for m in seen if isinstance(m, HomeScreen.PlansLoaded)}) == 1
        table = app.screen.query_one(DataTable)
        assert table.get_cell(str(app.service.plans_dir / "ni15.yaml"), "last") == "2010-05-12"


async def test_two_files_claiming_one_id_are_two_lines(tmp_path: Path) -> None:
    """Each plan file is its own line (`steerco validate` reports the clash); home does not fail."""
    app = seeded_app(tmp_path)
    shutil.copy(app.service.plans_dir / "ni15.yaml", app.service.plans_dir / "copy.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert [table.get_row_at(n)[0] for n in range(2)] == ["ni15", "ni15"]
        await pilot.press("enter")
        assert type(app.screen).__name__ == "DashboardScreen"


async def test_a_start_with_the_outline_cached_lists_counts_and_loads(tmp_path: Path) -> None:
    """With every outline cached, a new start lists, counts and loads the plans in that order,
    and shows the same counts as the first start."""
    first = seeded_app(tmp_path)
    async with first.run_test(size=(120, 40)) as pilot:  # caches the outline
        await home_settled(pilot)
    again = make_app(db_path=first.service.db_path, plans_dir=first.service.plans_dir, clock=Clock(),
                     today=TODAY)
    seen: list[str] = []
    async with again.run_test(size=(120, 40), message_hook=lambda m: seen.append(type(m).__name__)) as pilot:
        await home_settled(pilot)
        assert seen.index("PlansListed") < seen.index("PlansCounted") < seen.index("PlansLoaded")
        table = again.screen.query_one(DataTable)
        assert table.get_cell(str(first.service.plans_dir / "ni15.yaml"), "last") == "2010-05-12"


async def test_reload_loads_an_edited_plan_afresh(tmp_path: Path) -> None:
    """F5 after the plan file is edited, or put back: its title on home, and in the plan the
    screens past home are given (not the copy loaded before)."""
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        path = app.service.plans_dir / "ni15.yaml"
        old = f'\ntitle: "{app.service.plan("ni15").title}"\n'
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, '\ntitle: "Edited title"\n', 1), encoding="utf-8")
        await pilot.press("f5")
        await home_settled(pilot)
        assert "Edited title" in str(app.screen.query_one("#plan-detail", Static).render())
        assert app.service.plan("ni15").title == "Edited title"
        path.write_text(text, encoding="utf-8")  # back as it was (say, `git checkout`): its outline is cached
        await pilot.press("f5")
        await home_settled(pilot)
        assert app.service.plan("ni15").title == "NI 15 Serious Violent Crime"



async def test_home_counts_again_when_shown_again(tmp_path: Path) -> None:
    """Back from a dashboard (or a meeting) home shows what was recorded meanwhile, without F5."""
    from storage.store.store import Store

    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        table = app.screen.query_one(DataTable)
        row = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        assert (table.get_cell(row, "overdue"), table.get_cell(row, "stale")) == (1, 1)
        await pilot.press("enter")
        assert app.screen.id == "dashboard"
        with Store.open(tmp_path / "steerco.db", clock=Clock()) as store:  # another client completes everything
            for action_id in ("7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9"):
                store.record_update("ni15", action_id, "B", "Done.", "Performance officer", "command-line")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert table.get_cell(row, "overdue") == 0 and table.get_cell(row, "stale") == 0


async def test_a_store_that_cannot_be_read_is_said_and_home_stays_open(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)

    def broken(lines: object) -> object:
        raise OSError("disk I/O error")

    app.service.summaries_apart = broken  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app._notifications:
                break
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        (said,) = [n.message for n in app._notifications]
        assert said == "Could not read the store: disk I/O error"
        assert isinstance(app.screen, HomeScreen) and app.is_running
        assert app.screen.query_one(DataTable).row_count == 1  # the listed plan is still shown
