"""The command palette offers the current screen's commands that can run now, as 'area: verb'."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui_support import seeded_app, shown_in_palette
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
        await pilot.press("j", *"Matter arising", "enter")  # by name: standing items may come first
        await pilot.pause()
        on_arising = await titles(app)
        assert "meeting: Mark action arising done" in on_arising and "meeting: Set status Red" not in on_arising
        await pilot.press("j", *"Action 7.3", "enter")  # with an officer's update pending
        await pilot.pause()
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


async def test_the_palette_shows_each_command_with_its_key_and_help(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("j", *"Action 7.3", "enter")  # with an officer's update pending
        await pilot.pause()
        shown = await shown_in_palette(pilot, "meeting")
        assert "meeting: Set status Red  (r)\nRecord Red for this action now" in shown, shown
        assert "meeting: Set status Complete  (b)\nRecord Complete for this action now" in shown
        assert "meeting: Accept officer update  (p, ⏎)\nAgree the officer's proposed status or risk rating" in shown
        assert "meeting: Next item  (→)\nNext agenda item" in shown
        assert not any(s.startswith("meeting: Re-rate risk") for s in shown)  # not on an action
        assert not any(s.startswith("plan: ") for s in shown)  # another screen's
        await pilot.press("escape")  # to the dashboard
        await pilot.pause()
        await pilot.press("slash")  # typing a search: letters go to the search box
        shown = await shown_in_palette(pilot, "filter")
        assert "plan: Filter by owner\nShow one owner's actions" in shown, shown
