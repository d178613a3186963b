"""The dashboard as a new user tried it (session 8, T8): a tab key and enter typed in one burst open
the row of the tab just chosen; the status filter reaches statuses not on the scale; the filter
header and a key line under the actions name each status on the plan's own scale; the Risks tab's
cut cells end in '…'. Keys pressed (bursts through the driver), then what the screens show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from storage.store.store import Store
from tests.test_tui_dashboard_views import dashboard_loaded, drawn
from tests.test_tui_support import NI15, Clock, ni15_folder
from tests.test_tui_typed_ahead import burst

SCALE = """rag_scale:
  - {code: D, name: Delayed, symbol: "●", rank: 0, meaning: Behind schedule.}
  - {code: N, name: Not started, symbol: "○", rank: 1, meaning: Not begun.}
  - {code: P, name: In progress, symbol: "◐", rank: 2, meaning: Under way.}
  - {code: C, name: Complete, symbol: "★", rank: 3, meaning: Delivered.}
"""
NOW = datetime.now(UTC).replace(microsecond=0)
RECORDED = {"7.1": "P", "7.2": "P", "7.4": "P", "7.5": "N", "7.7": "C"}


def app_on(folder: Path):
    from tui.app import make_app

    return make_app(db_path=folder.parent / "steerco.db", plans_dir=folder, clock=Clock(NOW), today=NOW.date(),
                    plan="ni15")


@pytest.fixture
def renamed(tmp_path: Path) -> Path:
    """NI 15 on the D/N/P/C scale with 7.1, 7.2 and 7.4 recorded P; then P renamed I in the plan, so
    those three statuses are off the scale."""
    plans = tmp_path / "plans"
    plans.mkdir()
    text = NI15.read_text(encoding="utf-8").replace("\nthemes:\n", "\n" + SCALE + "themes:\n", 1)
    (plans / "ni15.yaml").write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "steerco.db", clock=Clock(NOW - timedelta(days=1))) as store:
        for action_id, code in RECORDED.items():
            store.record_update("ni15", action_id, code, "Reported.", "Ch. Insp Adrian Roberts", "command-line")
    (plans / "ni15.yaml").write_text(text.replace("{code: P, name: In progress", "{code: I, name: In progress"),
                                     encoding="utf-8")
    return plans


async def test_a_tab_key_and_enter_in_one_burst_open_the_row_of_the_tab_chosen(tmp_path: Path) -> None:
    from tui.screens.action import ActionScreen

    app = app_on(ni15_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        dashboard = app.screen
        await pilot.press("f")
        await burst(pilot, "c", "2", "enter")  # from Actions: filters cleared, the first risk, not action 7.1
        assert app.screen.id == "risk-detail", app.screen
        assert "Risk SSC15-1" in str(app.screen.query_one("#detail-text", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert dashboard.query_one("#tabs").active == "risks"
        assert "status" not in str(dashboard.query_one("#dashboard-title", Static).render()).split("\n")[0]
        await burst(pilot, "1", "enter")  # from Risks: action 7.1, with no risk over it
        assert isinstance(app.screen, ActionScreen), app.screen
        assert app.screen.action_id == "7.1"
        assert [s.id for s in app.screen_stack if s.id == "risk-detail"] == []
        await pilot.press("escape")
        await pilot.pause()
        assert dashboard.query_one("#tabs").active == "actions"
        await burst(pilot, "3", "down", "enter")  # the second indicator, the tab filled before its Show
        assert app.screen.id == "indicator-detail", app.screen
        second = dashboard.query_one("#indicators-table", DataTable).get_row_at(1)[0].plain
        assert f"Indicator {second}" in str(app.screen.query_one("#detail-text", Static).render())


async def test_digits_typed_into_the_search_are_the_searchs(tmp_path: Path) -> None:
    app = app_on(ni15_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("slash")
        await burst(pilot, "7", ".", "2", "enter")  # 2 is also the Risks tab's key
        title = str(app.screen.query_one("#dashboard-title", Static).render())
        assert "search “7.2”" in title and "1 of 9 actions" in title, title
        assert app.screen.query_one("#tabs").active == "actions"


async def test_the_status_filter_reaches_statuses_not_on_the_scale_and_names_each(renamed: Path) -> None:
    app = app_on(renamed)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        title = app.screen.query_one("#dashboard-title", Static)
        headers = []
        for _ in range(7):
            await pilot.press("f")
            await pilot.pause()
            headers.append(str(title.render()).split("\n")[0])
        table = app.screen.query_one("#actions-table")
        await pilot.press(*"ffffff")  # round again to '? not on the scale'
        await pilot.pause()
        shown = [line.split()[0].lstrip("▶") for line in drawn(table)[1:] if line.lstrip(" ▶").startswith("7.")]
    steps = [h.split(" · ")[1:3] for h in headers]
    assert steps == [["status ● D Delayed", "0 of 9 actions"], ["status ○ N Not started", "1 of 9 actions"],
                     ["status ◐ I In progress", "0 of 9 actions"], ["status ★ C Complete", "1 of 9 actions"],
                     ["status – Not yet rated", "4 of 9 actions"], ["status ? not on the scale", "3 of 9 actions"],
                     ["9 of 9 actions"]], headers
    assert all(len(h) <= 78 for h in headers), headers  # one line at 80 columns (padding 1 each side)
    assert shown == ["7.1", "7.2", "7.4"]


async def test_without_statuses_off_the_scale_the_filter_has_no_such_step(tmp_path: Path) -> None:
    app = app_on(ni15_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        title = app.screen.query_one("#dashboard-title", Static)
        headers = []
        for _ in range(6):
            await pilot.press("f")
            await pilot.pause()
            headers.append(str(title.render()).split("\n")[0].split(" · ")[1])
        key = drawn(app.screen.query_one("#dashboard-title", Static))[1]
    assert headers == ["status ● R Red", "status ▲ A Amber", "status ✓ G Green", "status ★ B Complete",
                       "status – Not yet rated", "9 of 9 actions"], headers
    assert "not on the scale" not in key


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_key_line_names_the_plans_scale_within_the_width(renamed: Path, size: tuple[int, int]) -> None:
    """One line where it fits (120 columns); at 80 it goes on to a second line between two statuses,
    nothing cut (it was cut at '◐ I In progress · ★ C Com…', hiding what C and ? read)."""
    app = app_on(renamed)
    async with app.run_test(size=size) as pilot:
        await dashboard_loaded(pilot)
        lines = [line.rstrip() for line in drawn(app.screen.query_one("#dashboard-title", Static))[1:]]
    full = ("Status: ● D Delayed · ○ N Not started · ◐ I In progress · ★ C Complete · – not yet rated"
            " · ? not on the scale")
    assert all(len(line) <= size[0] - 1 for line in lines), lines
    assert not any(line.endswith("…") for line in lines), lines
    if size[0] >= len(full) + 2:
        assert [line.strip() for line in lines] == [full]
    else:
        assert len(lines) == 2 and lines[1].startswith(" " * len("Status: ") + "– "), lines
        assert " ".join(line.strip() for line in lines) == full, lines


async def test_a_cut_risk_cell_ends_in_an_ellipsis_at_80_columns(tmp_path: Path) -> None:
    app = app_on(ni15_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("2")
        await pilot.pause()
        lines = drawn(app.screen.query_one("#risks-table", DataTable))
    rerated = lines[0].index("Re-rated")
    cells = [line[rerated:].strip() for line in lines[1:4]]
    assert cells == ["as regist…"] * 3, cells
