"""From the dashboard, a past meeting's minutes are previewed and written to a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import MarkdownViewer

from storage.minutes.render import render_minutes
from storage.store.store import Store
from tests.test_tui_support import minutes_preview, seeded_app
from tui.screens.minutes import MinutesScreen


async def test_preview_and_write_the_minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`w` writes to the minutes folder under the data folder (STEERCO_HOME here), never the
    current folder, and the notification gives the file's full path."""
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    monkeypatch.setenv("STEERCO_HOME", str(tmp_path / "home"))
    seen: list[Message] = []
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MinutesScreen)
        viewer = screen.query_one(MarkdownViewer)
        assert "Circulate the hot-spot premises list to licensing" in viewer.document.source
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert list(out.iterdir()) == []
    written = minutes_files(tmp_path / "home" / "minutes")
    assert len(written) == 1
    told = [m.notification.message for m in seen if isinstance(m, Notify)]
    assert f"Minutes written to {written[0]}" in told, told
    assert written[0].is_absolute()
    with Store.open(tmp_path / "steerco.db") as store:
        meeting_id = store.meetings("ni15")[0].id
        assert written[0].read_text(encoding="utf-8") == render_minutes(store, meeting_id)


def minutes_files(folder: Path) -> list[Path]:
    return list(folder.glob("minutes-ni15-2010-05-12-*.md"))


async def test_a_failed_write_is_reported_and_the_app_stays_open(tmp_path: Path) -> None:
    """The minutes folder is not a folder: the write fails in its worker, an error is shown, the
    preview stays up, and writing to a folder that works afterwards still writes."""
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("a file where the minutes folder should be", encoding="utf-8")
    seen: list[Message] = []
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        screen = await minutes_preview(pilot)
        screen.folder = not_a_folder
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.screen.id == "minutes"
        errors = [m.notification for m in seen if isinstance(m, Notify) and m.notification.severity == "error"]
        assert len(errors) == 1 and str(not_a_folder) in errors[0].message, errors
        screen.folder = tmp_path
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
    assert len(minutes_files(tmp_path)) == 1
    assert not any(isinstance(m, MinutesScreen.MinutesWritten) and m.path.parent == not_a_folder for m in seen)


async def test_a_minutes_folder_that_cannot_be_made_is_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The data folder is a file: `w` shows an error naming it, writes nothing (not to the current
    folder either) and the preview stays open."""
    home = tmp_path / "home"
    home.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("STEERCO_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    seen: list[Message] = []
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await minutes_preview(pilot)
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.screen.id == "minutes"
    errors = [m.notification.message for m in seen if isinstance(m, Notify) and m.notification.severity == "error"]
    assert len(errors) == 1 and errors[0].startswith("Minutes not written") and str(home) in errors[0], errors
    assert minutes_files(tmp_path) == []


async def test_the_meetings_tab_names_the_chair(tmp_path: Path) -> None:
    """The Meetings tab's Chair column gives the chair's name from the plan's roster, not their id."""
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        from textual.widgets import DataTable

        table = next(t for t in app.screen.query(DataTable) if t.row_count and "Held on" in
                     [str(c.label) for c in t.columns.values()])
        chairs = {str(table.get_row_at(n)[1]) for n in range(table.row_count)}
        assert chairs == {"ACC Michael Harrison"}, chairs
