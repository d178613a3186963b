"""The command palette offers the current screen's commands that can run now, as 'area: verb'."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui_support import seeded_app
from tui.commands import Commands


async def titles(app) -> list[str]:
    provider = Commands(app.screen)
    return [hit.text or "" async for hit in provider.discover()]


async def test_palette_follows_the_screen_and_the_item(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "meeting: Start" in await titles(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        on_arising = await titles(app)
        assert "meeting: Mark action arising done" in on_arising and "meeting: Set status Red" not in on_arising
        await pilot.press("right", "right", "right")  # 7.3, with an officer's update pending
        on_action = await titles(app)
        assert {"meeting: Set status Red", "meeting: Accept officer update", "meeting: Next item",
                "meeting: Close"} <= set(on_action)
        assert "meeting: Re-rate risk" not in on_action
        await pilot.press("p")  # accept it: no longer pending, so no longer offered
        assert "meeting: Accept officer update" not in await titles(app)
        # Run a command through the palette's callback: it records exactly like the key.
        provider = Commands(app.screen)
        hits = [h async for h in provider.search("set status green")]
        await hits[0].command()
        await pilot.pause()
        assert app.service.history("ni15", "7.3")[0].rag == "G"
        await pilot.press("c", "y")
        await pilot.pause()
        assert "meeting: Set status Red" not in await titles(app)  # closed: read-only
