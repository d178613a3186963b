"""From the dashboard, a past meeting's minutes are previewed and written to a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import MarkdownViewer

from storage.minutes.render import render_minutes
from storage.store.store import Store
from tests.test_tui_support import TODAY, Clock, ni15_folder, seed_history
from tui.app import make_app
from tui.screens.minutes import MinutesScreen


async def test_preview_and_write_the_minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "steerco.db"
    seed_history(db)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = make_app(db_path=db, plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY, plan="ni15")
    async with app.run_test(size=(100, 30)) as pilot:
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
    written = list(out.glob("minutes-ni15-2010-05-12-*.md"))
    assert len(written) == 1
    with Store.open(db) as store:
        meeting_id = store.meetings("ni15")[0].id
        assert written[0].read_text(encoding="utf-8") == render_minutes(store, meeting_id)
