"""Keys typed behind the answer to a yes/no question land in the walk-through, in order (new user,
session 9): `t y →` in one burst agreed the previous minutes and stayed on the item (the → went to
the question, still up). Confirm's and the close dialog's answers run as they reach the app and the
question is gone before the next key is read. The previous minutes not yet agreed read 'Draft' in
words: 'D Draft' read as status D (Delayed) on a plan whose scale has a D.
"""

from __future__ import annotations

from pathlib import Path

from storage.store.store import Store
from tests.test_keymap_scale import scale_plans
from tests.test_tui_support import TODAY, Clock, ni15_meeting_with_an_arising, on_previous_minutes, seeded_app
from tests.test_tui_typed_ahead import burst
from tui.app import make_app
from tui.screens.walkthrough import WalkthroughScreen


async def test_keys_typed_behind_the_true_record_yes_run_in_order(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await on_previous_minutes(pilot)
        here = walk.position
        await burst(pilot, "t", "y", "right", "o", "right")
        assert app.screen is walk
        assert walk.meeting.item(here + 1).kind == "matters_arising"
        assert walk.position == here + 2  # → to the matter arising, o done there, → on
    with Store.open(tmp_path / "steerco.db") as store:
        first, meeting = sorted(store.meetings("ni15"), key=lambda m: m.id)
        assert store.approval_of(first.id) is not None
        assert [(a.status, a.status_meeting_id) for a in store.actions_arising("ni15")] == [("done", meeting.id)]


async def test_enter_on_the_agree_button_then_a_key(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await on_previous_minutes(pilot)
        here = walk.position
        await burst(pilot, "t", "enter", "right")
        assert (app.screen, walk.position) == (walk, here + 1)
        await burst(pilot, "left")
        assert "✓ Approved as a true record at this meeting" in str(walk.query_one("#wt-status").render())


async def test_not_now_then_a_key(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await on_previous_minutes(pilot)
        here = walk.position
        await burst(pilot, "t", "n", "right")
        assert (app.screen, walk.position) == (walk, here + 1)
    with Store.open(tmp_path / "steerco.db") as store:
        first = min(store.meetings("ni15"), key=lambda m: m.id)
        assert store.approval_of(first.id) is None


async def test_keys_behind_the_abandon_confirm_keep_open(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await on_previous_minutes(pilot)
        here = walk.position
        await burst(pilot, "ctrl+d", "n", "right")
        assert (app.screen, walk.position) == (walk, here + 1)
        assert not walk.meeting.abandoned


async def test_keys_behind_the_close_dialog_run_in_order(tmp_path: Path) -> None:
    """Nothing recorded: the first y asks once more, the second closes; the → moves on the closed meeting."""
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await on_previous_minutes(pilot)
        here = walk.position
        await burst(pilot, "c", "n", "right")
        assert (app.screen, walk.position, walk.meeting.closed) == (walk, here + 1, False)
        await burst(pilot, "c", "y", "y", "right")
        assert (app.screen, walk.position, walk.meeting.closed) == (walk, here + 2, True)


async def test_the_previous_minutes_read_draft_in_words(tmp_path: Path) -> None:
    """On a scale with D (Delayed) the previous minutes said 'D Draft — t agrees them as a true record'."""
    db = tmp_path / "steerco.db"
    ni15_meeting_with_an_arising(db, "Report back on licensing forum")
    app = make_app(db_path=db, plans_dir=scale_plans(tmp_path), clock=Clock(), today=TODAY, plan="ni15",
                   start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await on_previous_minutes(pilot)
        assert isinstance(walk, WalkthroughScreen)
        status = str(walk.query_one("#wt-status").render())
        assert status == "Draft, not yet agreed — t agrees them as a true record", status
