"""The walk-through's footer follows the item: it is rebuilt only when the keys that apply change,
so moving between items of different kinds (and back) must still show the right keys."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from tests.test_tui_support import seeded_app
from tui.screens.walkthrough import WalkthroughScreen

KIND_KEYS = {  # an action shown only on items of that kind
    "matters_arising": "arising('done')", "action": "set_status('R')", "risk": "rate_risk",
    "indicator": "indicator_value",
}


def footer_actions(app) -> set[str]:
    return {key.action for key in app.screen.query(FooterKey)}


def active_actions(app) -> set[str]:
    """The actions whose keys run here (the footer's and those hidden from it, as accept is)."""
    return {active.binding.action for active in app.screen.active_bindings.values()}


def expected(screen: WalkthroughScreen) -> set[str]:
    """What the footer must show here: the own key of this item's kind, and no other kind's."""
    return {action for kind, action in KIND_KEYS.items() if kind == screen.item.kind}


async def started(pilot) -> WalkthroughScreen:
    """The walk-through of a meeting started from the setup screen with its defaults."""
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WalkthroughScreen)
    return screen


async def test_footer_keys_follow_the_item_kind(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        kinds = [item.kind for item in screen.meeting.agenda]
        assert {"matters_arising", "action", "risk", "indicator", "aob"} <= set(kinds)
        steps = ["right"] * (len(kinds) - 1) + ["left"] * (len(kinds) - 1)
        for key in [None, *steps]:
            if key is not None:
                await pilot.press(key)
                await pilot.pause()
            shown = footer_actions(app) & set(KIND_KEYS.values())
            assert shown == expected(screen), (screen.position, screen.item.kind)
            ref = screen.item.ref or ""
            pending = {"action": bool(app.service.proposals("ni15", ref)),
                       "risk": bool(app.service.risk_proposals("ni15", ref))}.get(screen.item.kind, False)
            assert ("accept_proposal" in active_actions(app)) == pending, screen.item.ref
            assert "accept_proposal" not in footer_actions(app)  # no room at 80 columns: "(p accepts)" says it


async def test_status_key_clears_the_accept_key(tmp_path: Path) -> None:
    """A status set on an item with an officer's proposal settles it: the accept key goes at once."""
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        screen.go(next(n for n, i in enumerate(screen.meeting.agenda, 1) if i.ref == "7.3"))
        await pilot.pause()
        assert "accept_proposal" in active_actions(app)
        await pilot.press("r")
        await pilot.pause()
        assert not app.service.proposals("ni15", "7.3")
        assert "accept_proposal" not in active_actions(app)


async def test_panels_show_each_item_in_full(tmp_path: Path) -> None:
    """Moving between items whose panels change height lays each panel out at its new height
    (tui/widgets/panel.py: their virtual size asks for no layout of its own; the benchmark's
    row 2 holds what that saves)."""
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        while screen.item.kind != "action":
            await pilot.press("right")
            await pilot.pause()
        heights, checked = set(), 0
        while screen.item.kind == "action":
            await pilot.press("right")
            await pilot.pause()
            if screen.item.kind != "action":  # past the actions: another set of panels
                break
            history = screen.query_one("#wt-history")
            heights.add(history.size.height)
            assert history.size.height == history.virtual_size.height  # laid out at its new height
            checked += 1
        assert checked >= 4 and len(heights) > 1  # the panels did change height on the way
