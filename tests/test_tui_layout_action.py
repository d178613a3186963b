"""The action detail's history stays readable at 80 columns: when, by whom, from where and at
which meeting stack in the first column, so a status set at an abandoned meeting reads
'M1, 1 Dec 2026 (abandoned)' in full, and the note wraps at words in what the screen leaves it
(no column runs off the screen). A new user's layout try (session 9, item 4)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable

from storage.store.records import AgendaItem, Attendee
from storage.store.store import Store
from tests.test_tui_support import Clock, ni15_folder

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
NOTE = "Discussed at a meeting that was opened by mistake and abandoned the same morning."


def _store(db: Path) -> None:
    """7.1 rated A at meeting 1 of 1 Dec 2026, which was then abandoned; then G from the command line."""
    with Store.open(db, clock=Clock(NOW)) as store:
        meeting = store.start_meeting("ni15", date(2026, 12, 1), "ACC Michael Harrison",
                                      [Attendee("ACC Michael Harrison", "present", "michael-harrison")],
                                      [AgendaItem("action", "7.1", "Hot-spot premises", 180)], "all", None)
        store.enter_item(meeting, 1)
        store.record_update("ni15", "7.1", "A", NOTE, "ACC Michael Harrison", "meeting", meeting_id=meeting)
        store.abandon_meeting(meeting, "opened by mistake", "ACC Michael Harrison")
        store.record_update("ni15", "7.1", "G", "On track.", "Ch. Insp Adrian Roberts", "command-line")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_history_reads_in_full_at_80_columns(tmp_path: Path, size: tuple[int, int]) -> None:
    from tui.app import make_app
    from tui.screens.action import ActionScreen
    from tui.widgets.action_table import ActionTable

    _store(tmp_path / "steerco.db")
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=ni15_folder(tmp_path), clock=Clock(NOW),
                   today=date(2026, 12, 1), plan="ni15")
    async with app.run_test(size=size) as pilot:
        for _ in range(200):
            found = app.screen.query(ActionTable)
            if found and not found.first().loading and found.first().row_count:
                break
            await pilot.pause(0.02)
        await pilot.press("enter")  # on 7.1, the dashboard's first row
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, ActionScreen) and detail.action_id == "7.1"
        table = detail.query_one("#history", DataTable)
        assert table.region.right <= size[0]
        lines = [table.render_line(y).text.rstrip() for y in range(table.size.height)]
        where = [line[:28].strip() for line in lines[1:]]
        assert where[3:7] == ["2026-12-01 10:00 GMT", "ACC Michael Harrison", "meeting", "M1, 1 Dec 2026 (abandoned)"]
        said = " ".join(line[36:].strip() for line in lines[4:])
        assert said.startswith(NOTE), lines  # every word of the note on screen, wrapped
        assert lines[1][28:].split()[:2] == ["✓", "G"] and "On track." in lines[1]
