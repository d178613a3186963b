"""A whole meeting driven from the keyboard, then the store checked for exactly what was done."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.message import Message
from textual.widgets import Input, SelectionList

from storage.store.store import Store
from tests.test_tui_support import TODAY, Clock, ni15_folder
from tui.app import make_app
from tui.screens.setup import MeetingSetupScreen
from tui.screens.walkthrough import WalkthroughScreen

STATUSES = {"7.1": "r", "7.2": "g", "7.3": "a", "7.4": "b", "7.5": "a", "7.6": "g", "7.7": "g", "7.8": "r",
            "7.9": "b"}


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", ".": "full_stop"}.get(ch, ch) for ch in text])


async def test_full_meeting_is_stored_exactly(tmp_path: Path) -> None:
    clock = Clock()
    db = tmp_path / "steerco.db"
    app = make_app(db_path=db, plans_dir=ni15_folder(tmp_path), clock=clock, today=TODAY, plan="ni15",
                   start_meeting=True)
    seen: list[Message] = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, MeetingSetupScreen)
        # Present: the chair (third) is ticked already; tick the first two. Apologies: the fourth (the
        # three present are greyed there, so the cursor starts on it).
        setup.query_one("#present", SelectionList).focus()
        await pilot.press("space", "down", "space")
        setup.query_one("#apologies", SelectionList).focus()
        await pilot.press("space")
        setup.query_one("#guests", Input).focus()
        await type_text(pilot, "Jo Guest")
        await pilot.press("ctrl+s")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen)
        assert [i.kind for i in walk.meeting.agenda] == (["apologies", "declarations"] + ["action"] * 9
                                                         + ["risk"] * 3 + ["indicator"] * 2 + ["aob"])
        assert walk.item.kind == "apologies"
        await pilot.press("right", "right")  # past the standing items (no earlier meeting: no previous minutes)

        for n, (action_id, key) in enumerate(STATUSES.items()):
            assert walk.item.ref == action_id
            clock.at += timedelta(seconds=90)
            await pilot.press(key)
            if n == 0:
                await pilot.press("n")
                await type_text(pilot, "Licensing forum met twice")
                await pilot.press("ctrl+s", "d")
                await type_text(pilot, "Refer hot spots to the licensing forum")
                await pilot.press("ctrl+s", "x")
                await type_text(pilot, "Map late night venues")
                await pilot.press("tab")
                await type_text(pilot, "Sue Price")
                await pilot.press("tab", "tab")  # past the owner list to the due date (prefilled)
                await pilot.press("ctrl+s")
            await pilot.press("right")

        assert walk.item.ref == "SSC15-1"
        await pilot.press("e")  # the grid opens at the registered I3 × L2
        await pilot.press("right", "up", "up", "enter")  # I4 × L4
        await pilot.press("right", "right", "right", "v")  # to the first indicator
        await pilot.pause()
        app.screen.query_one("#value", Input).value = "0.7"
        await pilot.press("enter")
        await pilot.press("right", "right", "c")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert walk.meeting.closed
        await pilot.press("r")  # a closed meeting is read-only: nothing is written

    # A message is seen once on each node it bubbles through; count each once.
    recorded = list({id(m): m for m in seen if isinstance(m, WalkthroughScreen.StatusRecorded)}.values())
    assert [(m.action_id, m.rag) for m in recorded] == [(a, k.upper()) for a, k in STATUSES.items()]
    assert any(isinstance(m, WalkthroughScreen.MeetingClosed) for m in seen)

    with Store.open(db) as store:
        (meeting,) = store.meetings("ni15")
        assert meeting.closed and meeting.held_on == TODAY
        assert meeting.chair == "Cllr Ben Adams"
        assert [a.name for a in meeting.present] == ["ACC Michael Harrison", "Ch. Insp Adrian Roberts",
                                                     "Cllr Ben Adams"]
        assert [a.name for a in meeting.apologies] == ["Helen Riley"]
        assert [a.name for a in meeting.attendance if a.status == "guest"] == ["Jo Guest"]
        current = store.current_statuses("ni15")
        assert {a: u.rag for a, u in current.items()} == {a: k.upper() for a, k in STATUSES.items()}
        assert all(u.meeting_id == meeting.id and u.source == "meeting" for u in current.values())
        assert sum(len(store.history("ni15", a)) for a in STATUSES) == 9
        assert store.notes(meeting.id) == {3: "Licensing forum met twice"}
        assert [d.text for d in store.decisions(meeting.id)] == ["Refer hot spots to the licensing forum"]
        (arising,) = store.actions_arising("ni15")
        assert (arising.text, arising.owner, arising.due) == (
            "Map late night venues", "Sue Price", TODAY + timedelta(days=31))
        ratings = store.current_risk_ratings("ni15")
        assert list(ratings) == ["SSC15-1"] and (ratings["SSC15-1"].impact, ratings["SSC15-1"].likelihood) == (4, 4)
        (value,) = store.indicator_values("ni15")
        assert (value.indicator_id, value.value, value.period) == ("NI 15", 0.7, "Yr 3 - 2010/11")
        assert meeting.next_meeting == date(2010, 7, 16)
