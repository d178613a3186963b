"""The benchmark keeps working: the tiny scale produces every row with a number (timings
are not asserted), and the generator is deterministic and writes a valid plan."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from benchmarks.generate import Sizes, generate, plan_yaml
from benchmarks.run import run
from storage.minutes.write_pdf import available as pdf_available
from storage.plan.load import load_plan

TINY = Sizes(actions=40, updates=300, meetings=3, seed=7)
EXPECTED_ROWS = {"1", "2a", "2b", "3", "3b", "4", "5", "6a", "6b", "7", "7d", "7h", "8", "9a", "9b", "9c", "F1", "F2"}
PDF_ROW = {"7p"} if pdf_available() else set()  # the pdf extra's row, when Typst is installed


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_same_seed_same_plan_and_rows(tmp_path: Path) -> None:
    a, b = generate(tmp_path / "a", TINY), generate(tmp_path / "b", TINY)
    assert a.plan_path.read_bytes() == b.plan_path.read_bytes()
    assert a.manifest["counts"] == b.manifest["counts"]
    assert _counts(a.db_path) == _counts(b.db_path)
    assert _counts(a.db_path)["updates"] == TINY.updates
    assert _counts(a.db_path)["meetings"] == TINY.meetings
    assert plan_yaml(Sizes(40, 300, 3, seed=8)) != plan_yaml(TINY)


def test_generated_plan_validates_cleanly(tmp_path: Path) -> None:
    made = generate(tmp_path, TINY)
    loaded = load_plan(made.plan_path)
    assert loaded.ok and loaded.problems == []
    assert len(loaded.plan.actions()) == TINY.actions
    assert len(loaded.plan.risks) == TINY.risks and len(loaded.plan.indicators) == TINY.indicators


def test_tiny_benchmark_has_every_row_with_a_number(tmp_path: Path) -> None:
    rows = run("tiny", cache=tmp_path / "cache")
    by_key = {row.key: row for row in rows}
    assert set(by_key) == EXPECTED_ROWS | PDF_ROW
    json.dumps([row.as_dict() for row in rows])
    assert "NOT a no-op" not in by_key["6b"].note
    missing = {key: row.note for key, row in by_key.items() if row.value is None}
    assert not missing, missing
    assert all(row.passed is not None for row in rows)


@pytest.mark.parametrize("flag", ["--json", "--markdown"])
def test_command_line_prints_the_table(tmp_path: Path, flag: str) -> None:
    from click.testing import CliRunner

    from benchmarks.run import main

    result = CliRunner().invoke(main, ["--scale", "tiny", "--only", "3", "--cache", str(tmp_path), flag])
    assert result.exit_code == 0, result.output
    assert "status key" in result.output


async def test_the_shape_child_is_homes_widgets(tmp_path: Path) -> None:
    """`app_child shape` (row 1's context figure) composes what home composes, in order."""
    from benchmarks.app_child import shape_app
    from tests.test_tui_support import home_settled, seeded_app

    def widgets(app) -> list[str]:
        return [type(w).__name__ for w in app.screen.walk_children()]

    shape, _ = shape_app()
    async with shape.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shaped = widgets(shape)
    home = seeded_app(tmp_path)
    async with home.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        real = widgets(home)
    assert shaped == real and "FooterKey" in real and "DataTable" in real


def _textual_kinds(app) -> list[str]:
    """The screen's widgets, each as the Textual class it is or extends (a tab of our own is a TabPane)."""
    return [next(c.__name__ for c in type(w).__mro__ if c.__module__.startswith("textual."))
            for w in app.screen.walk_children()]


async def test_the_dashboard_floor_is_the_dashboards_widgets(tmp_path: Path) -> None:
    """`EmptyDashboard` (row 9's floor) composes the Textual widgets the dashboard composes, in order
    (the actions table, tui/widgets/action_table.py, is a ScrollView)."""
    from benchmarks.dashboard import empty_dashboard_app
    from tests.test_tui_support import home_settled, seeded_app
    from tui.widgets.action_table import ActionTable

    floor = empty_dashboard_app()
    async with floor.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        empty = _textual_kinds(floor)
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.id == "dashboard" and app.screen.query_one("#actions-table", ActionTable).row_count
        real = _textual_kinds(app)
    assert empty == real and real.count("DataTable") == 3 and real.count("ScrollView") == 1
