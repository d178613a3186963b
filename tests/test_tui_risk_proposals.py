"""Officers' risk re-ratings in the walk-through, and proposals that settle as a set (issue 14,
items 3 and 4): keys only, then the store (and the minutes it gives) is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storage.store.store import Store
from tests.test_tui_support import TODAY, Clock, ni15_folder, seeded_app
from tui.screens.walkthrough import WalkthroughScreen

OFFICER = "Ch. Insp Adrian Roberts"
CHAIR = "Cllr Ben Adams"  # the meeting setup's default chair


def propose(tmp: Path, sha: str, *entries: tuple[str, str, str, dict[str, Any]]) -> None:
    """Import officers' proposals into the seeded store: (uid, kind, item, proposed) each."""
    with Store.open(tmp / "steerco.db") as store:
        store.add_proposals(sha * 64, f"{sha}.yaml", [
            {"uid": uid, "plan_id": "ni15", "kind": kind, "item_id": item, "author": OFFICER,
             "written_at": f"2010-06-{10 + n:02d}T09:00:00+00:00", "note": f"{uid} note", **proposed}
            for n, (uid, kind, item, proposed) in enumerate(entries)])


def active_actions(app) -> set[str]:
    """The actions whose keys run here (accept is one, though left out of the footer for room)."""
    return {active.binding.action for active in app.screen.active_bindings.values()}


async def started(pilot) -> WalkthroughScreen:
    await pilot.pause()
    await pilot.press("ctrl+s")  # the setup's defaults
    await pilot.pause()
    if getattr(pilot.app.screen, "id", None) == "setup-confirm":  # a second meeting that day: start it anyway
        await pilot.press("y")
        await pilot.pause()
    assert isinstance(pilot.app.screen, WalkthroughScreen)
    return pilot.app.screen


async def jump(pilot, ref: str) -> None:
    await pilot.press("j", *ref, "enter")
    await pilot.pause()
    assert pilot.app.screen.item.ref == ref


async def close(pilot) -> int:
    meeting_id = pilot.app.screen.meeting.id
    await pilot.press("c")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    return meeting_id


def fates(tmp: Path) -> dict[str, tuple[str, str | None]]:
    with Store.open(tmp / "steerco.db") as store:
        return {f.proposal.uid: (f.fate, f.settled_by) for f in store.proposal_fates("ni15")}


def minutes(tmp: Path, meeting_id: int) -> str:
    from storage.minutes.render import render_minutes

    with Store.open(tmp / "steerco.db") as store:
        return render_minutes(store, meeting_id)


async def test_a_risk_proposal_is_shown_marked_on_the_grid_and_accepted_by_p(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    propose(tmp_path, "a", ("r-new", "risk", "SSC15-2", {"impact": 4, "likelihood": 3}))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await started(pilot)
        await jump(pilot, "SSC15-2")
        shown = str(screen.query_one("#wt-proposals").render())
        assert "Officer update" in shown and "I4 × L3 (12 High)" in shown and OFFICER in shown
        assert "r-new note" in shown
        assert "accept_proposal" in active_actions(app)
        await pilot.press("e")  # the grid marks the proposed cell with its own symbol and letter
        await pilot.pause()
        grid = str(app.screen.query_one("#grid").render())
        assert "12 H◇P" in grid and "◇P proposed by the officer I4×L3 = 12 High" in grid
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert "accept_proposal" not in active_actions(app)
        assert not screen.query_one("#wt-proposals").display
        meeting_id = await close(pilot)
    with Store.open(tmp_path / "steerco.db") as store:
        (rating,) = store.meeting_ratings(meeting_id)
        assert (rating.risk_id, rating.impact, rating.likelihood, rating.note) == ("SSC15-2", 4, 3, "r-new note")
    assert fates(tmp_path) == {"u-7.3-1": ("pending", None), "r-new": ("accepted", CHAIR)}
    text = minutes(tmp_path, meeting_id)
    assert f"- SSC15-2: Proposed I4 × L3 (12 High) by {OFFICER}; agreed as proposed." in text
    assert "SSC15-2: Officer's update" not in text  # accepted with its note: said once, as the risk's note


async def test_a_risk_proposal_overridden_on_the_grid_settles_the_older_one(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    propose(tmp_path, "b", ("r-old", "risk", "SSC15-2", {"impact": 2, "likelihood": 2}),
            ("r-new", "risk", "SSC15-2", {"impact": 4, "likelihood": 3}))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await started(pilot)
        await jump(pilot, "SSC15-2")
        shown = str(screen.query_one("#wt-proposals").render())
        assert shown.index("I4 × L3") < shown.index("Earlier update") < shown.index("I2 × L2")
        await pilot.press("e", "up", "enter")  # from the current I3 × L3 to I3 × L4
        await pilot.pause()
        assert "accept_proposal" not in active_actions(app)
        await pilot.press("right", "left")  # away and back: nothing is offered again
        await pilot.pause()
        assert screen.item.ref == "SSC15-2" and not screen.query_one("#wt-proposals").display
        meeting_id = await close(pilot)
    with Store.open(tmp_path / "steerco.db") as store:
        (rating,) = store.meeting_ratings(meeting_id)
        assert (rating.impact, rating.likelihood) == (3, 4)
        assert store.pending_proposals("ni15", "risk", "SSC15-2") == []
    assert fates(tmp_path) == {"u-7.3-1": ("pending", None), "r-old": ("superseded", CHAIR),
                               "r-new": ("overridden", CHAIR)}
    text = minutes(tmp_path, meeting_id)
    assert f"- SSC15-2: Proposed I4 × L3 (12 High) by {OFFICER}; agreed I3 × L4 (12 High)." in text
    assert "- SSC15-2: Officer's update: r-new note" in text  # kept when overridden, as for an action
    assert f"- SSC15-2: Earlier proposal settled with it: I2 × L2 (4 Low) by {OFFICER} (superseded)." in text


async def test_a_superseded_proposal_is_never_offered_again(tmp_path: Path) -> None:
    """Issue 14's case: two proposals for 7.7, older Green, newer Complete; accepting the newer
    settles both, and at the next meeting neither is offered (enter no longer turns it Green)."""
    from tui.app import make_app

    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    propose(tmp_path, "c", ("older", "action", "7.7", {"rag": "G"}), ("newer", "action", "7.7", {"rag": "B"}))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await started(pilot)
        await jump(pilot, "7.7")
        assert "Earlier update" in str(screen.query_one("#wt-proposals").render())
        await pilot.press("enter")  # the accept key: the newest, Complete
        await pilot.pause()
        assert not screen.query_one("#wt-proposals").display
        first = await close(pilot)
    assert fates(tmp_path) == {"u-7.3-1": ("pending", None), "older": ("superseded", CHAIR),
                               "newer": ("accepted", CHAIR)}
    assert f"- Earlier proposal settled with it: Green by {OFFICER} (superseded)." in minutes(tmp_path, first)

    with Store.open(tmp_path / "steerco.db") as store:
        before = store.history("ni15", "7.7")
    assert before[0].rag == "B"
    again = make_app(db_path=tmp_path / "steerco.db", plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY,
                     plan="ni15", start_meeting=True)
    async with again.run_test(size=(100, 40)) as pilot:
        screen = await started(pilot)
        assert screen.meeting.id != first
        await jump(pilot, "7.7")
        assert "accept_proposal" not in active_actions(again)
        assert not screen.query_one("#wt-proposals").display
        await pilot.press("enter", "p")
        await pilot.pause()
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.history("ni15", "7.7") == before  # still Complete, nothing added
