"""A plan with its own status scale (N/P/D/C, C complete) drives the app's keys, footer, palette and filter.

Not started, In progress, Delivered: n, p, d and c are the walk-through's note, accept, decision
and close keys, so the statuses get 1 2 3 4 (tui/screens/walkthrough/keys.py). Keys of the
default scale (r a g b) do nothing, and whatever the keys stored is a code of the plan's scale.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from storage.plan.model import RagStatus
from storage.store.store import Store
from tests.test_tui_support import NI15, TODAY, Clock, past_standing, shown_in_palette
from tui.app import make_app
from tui.screens.dashboard import DashboardScreen
from tui.screens.walkthrough import WalkthroughScreen
from tui.screens.walkthrough.keys import status_bindings
from tui.widgets.action_table import ActionTable

SCALE = """
rag_scale:
  - {code: N, name: Not started, symbol: "○", rank: 0, meaning: "Work has not begun."}
  - {code: P, name: In progress, symbol: "◐", rank: 1, meaning: "Under way, on plan."}
  - {code: D, name: Delivered, symbol: "●", rank: 2, meaning: "Delivered, awaiting sign-off."}
  - {code: C, name: Complete, symbol: "★", rank: 3, meaning: "Signed off and closed."}
"""
CODES = ("N", "P", "D", "C")
OVERDUE_ACTION = "7.5"  # due 2010-05-31, before TODAY


def custom_plans(tmp: Path) -> Path:
    folder = tmp / "plans"
    folder.mkdir()
    text = NI15.read_text(encoding="utf-8")
    assert "\nrag_scale:" not in text  # the bundled plan uses the default scale
    (folder / "ni15.yaml").write_text(text.rstrip("\n") + "\n" + SCALE, encoding="utf-8")
    return folder


def footer(app) -> dict[str, str]:
    """Each footer key with its description; a grouped key (the status keys: "1 2 3 4 Status")
    with its tooltip, which names the status."""
    return {key.key: key.description or str(key.tooltip or "") for key in app.screen.query(FooterKey)}


@pytest.mark.parametrize(("scale", "keys"), [
    ("R:Red A:Amber G:Green B:Blue", "r a g b"),
    ("N:Not started P:In progress D:Delivered C:Complete", "1 2 3 4"),
])
def test_status_keys_come_from_the_scale(scale: str, keys: str) -> None:
    statuses = [RagStatus(code=s[0], name=s[2:], symbol="*", meaning="-", rank=n) for n, s in enumerate(_split(scale))]
    bindings = status_bindings(statuses)
    assert " ".join(b.key for b in bindings) == keys
    assert [b.description for b in bindings] == [s.name for s in statuses]
    assert len({b.id for b in bindings}) == len(statuses)


def _split(scale: str) -> list[str]:
    """'R:Red A:Amber' → ['R:Red', 'A:Amber'] (names may hold spaces: 'N:Not started')."""
    parts: list[str] = []
    for word in scale.split(" "):
        if len(word) > 1 and word[1] == ":":
            parts.append(word)
        else:
            parts[-1] += " " + word
    return parts


def test_a_letter_another_key_takes_falls_back_to_its_position() -> None:
    statuses = [RagStatus(code=c, name=n, symbol="*", meaning="-", rank=r)
                for r, (c, n) in enumerate([("S", "Stuck"), ("N", "New"), ("Y", "Yes"), ("X", "Exit")])]
    assert [(b.key, b.id) for b in status_bindings(statuses)] == [  # n: note, x: action arising
        ("s", "meeting-status-s"), ("2", "meeting-status-n"), ("y", "meeting-status-y"), ("4", "meeting-status-x")]


async def test_custom_scale_in_the_walkthrough_and_the_dashboard(tmp_path: Path) -> None:
    db = tmp_path / "steerco.db"
    app = make_app(db_path=db, plans_dir=custom_plans(tmp_path), clock=Clock(), today=TODAY, plan="ni15",
                   start_meeting=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")  # start the meeting with the setup's defaults
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen)
        await past_standing(pilot, walk)
        assert walk.item.kind == "action" and walk.item.ref == "7.1"
        shown = footer(app)
        assert {k: shown[k] for k in "1234"} == {
            "1": "Record Not started for this action now", "2": "Record In progress for this action now",
            "3": "Record Delivered for this action now", "4": "Record Complete for this action now"}
        assert not {"r", "a", "g", "b"} & set(shown)
        assert "press 1 2 3 4" in str(walk.query_one("#wt-status").render())

        # The default scale's keys are not bound here; neither is a status off the scale.
        await pilot.press("r", "a", "g", "b")
        await walk.run_action("set_status('R')")
        await pilot.pause()
        assert not app.service.history("ni15", "7.1")

        await pilot.press("1", "right", "2", "right", "3")
        walk.go(next(n for n, i in enumerate(walk.meeting.agenda, 1) if i.ref == OVERDUE_ACTION))
        await pilot.pause()
        assert "OVERDUE" in str(walk.query_one("#wt-facts").render())
        await pilot.press("4")  # Complete: no longer overdue, at once
        await pilot.pause()
        assert "OVERDUE" not in str(walk.query_one("#wt-facts").render())
        walk.go(1)
        walk.go(next(n for n, i in enumerate(walk.meeting.agenda, 1) if i.ref == OVERDUE_ACTION))
        await pilot.pause()
        assert "OVERDUE" not in str(walk.query_one("#wt-facts").render())

        titles = await shown_in_palette(pilot, "set status")
        assert any(t.startswith("meeting: Set status Not started  (1)") for t in titles), titles
        assert any(t.startswith("meeting: Set status Complete  (4)") for t in titles), titles
        assert not any("Red" in t for t in titles)

        await pilot.press("escape")  # back to the dashboard (the meeting stays open)
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = dashboard.query_one("#actions-table", ActionTable)
        assert "⚠" not in str(table.cell(OVERDUE_ACTION, "due"))
        assert "⚠" in str(table.cell("7.6", "due")) or not dashboard.actions.row("7.6").overdue

        cycle = []
        for _ in range(len(CODES) + 2):
            await pilot.press("f")
            await pilot.pause()
            cycle.append(dashboard.actions.status)
            wanted = {a for a, code in dashboard.actions.codes.items() if code == dashboard.actions.status}
            if dashboard.actions.status is not None:
                assert set(table.shown_ids) == wanted
        assert cycle == [*CODES, "-", None]

    with Store.open(db) as store:
        current = {a: u.rag for a, u in store.current_statuses("ni15").items()}
    assert current == {"7.1": "N", "7.2": "P", "7.3": "D", OVERDUE_ACTION: "C"}
    assert set(current.values()) <= set(CODES)


async def test_status_keys_bound_per_screen_can_be_remapped(tmp_path: Path) -> None:
    """The status keys are bound on the screen instance, with ids: App.set_keymap still moves them."""
    from tests.test_tui_support import seeded_app

    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(160, 40)) as pilot:
        app.set_keymap({"meeting-status-red": "z"})
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen)
        walk.go(next(n for n, i in enumerate(walk.meeting.agenda, 1) if i.ref == "7.2"))
        await pilot.pause()
        assert footer(app).get("z") == "Red" and "r" not in footer(app)
        await pilot.press("r")
        await pilot.pause()
        assert app.service.history("ni15", "7.2")[0].rag == "G"  # as seeded: r does nothing now
        await pilot.press("z")
        await pilot.pause()
        assert app.service.history("ni15", "7.2")[0].rag == "R"
