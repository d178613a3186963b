"""`w` on the minutes preview where a plain file stands in the minutes folder's place (or the data folder's)
says which path is a file, not a folder; it said 'Minutes not written: File exists (…/home/minutes)' (new-user
try of issue 12). Keys only, then the notifications and the folder read."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify

from tests.test_tui_support import minutes_preview, seeded_app


async def written_errors(tmp_path: Path) -> list[str]:
    seen: list[Message] = []
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await minutes_preview(pilot)
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.screen.id == "minutes"
    return [m.notification.message for m in seen if isinstance(m, Notify) and m.notification.severity == "error"]


@pytest.mark.parametrize("file_at", ["home/minutes", "home"])
async def test_a_file_where_a_folder_goes_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   file_at: str) -> None:
    home = tmp_path / "home"
    (tmp_path / file_at).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / file_at).write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("STEERCO_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    errors = await written_errors(tmp_path)
    assert errors == [f"Minutes not written: {tmp_path / file_at} is a file, not a folder"], errors
    assert (tmp_path / file_at).read_text(encoding="utf-8") == "a file, not a folder"
