"""Officer mode with Pilot: pick an action, set a status, type a note, save: a row in the officer's store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandList, CommandPalette
from textual.events import Key
from textual.notifications import Notify

from storage.plan.load import load_plans
from storage.service.officer import OfficerService
from storage.store.store import Store
from storage.updates.ownership import owned_items
from tui.commands import Commands
from tui.officer_app import make_officer_app
from tui.screens.officer import OfficerScreen
from tui.widgets.choice_set import CHOSEN, NOT_CHOSEN, ChoiceSet, MarkedRadioButton


def ann_app(plans_dir: Path, store: Store) -> Any:
    """Officer mode for Ann Officer (1.1, 1.2 and R-1 of the demo plan) on `store`."""
    plans = [p.plan for p in load_plans(plans_dir) if p.plan]
    return make_officer_app(service=OfficerService(store), items=owned_items(plans, "ann"))


async def test_officer_records_a_status_and_a_rating(plans_dir: Path, db_path: Path) -> None:
    plans = [p.plan for p in load_plans(plans_dir) if p.plan]
    items = owned_items(plans, "ANN OFFICER")
    assert [(i.kind, i.item.id) for i in items] == [("action", "1.1"), ("action", "1.2"), ("risk", "R-1")]
    seen: list[Any] = []
    with Store.open(db_path) as store:
        app = make_officer_app(service=OfficerService(store), items=items)
        async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
            await pilot.pause()
            await pilot.press("enter")          # select 1.1: focus goes to the status set
            await pilot.press("a", "tab")        # A for Amber, then on to the note
            await pilot.press(*"Venue booked")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("escape", "down", "down", "enter")  # the risk
            await pilot.pause()
            await pilot.press("4", "tab", "2")  # impact 4, likelihood 2 (the form opens with nothing chosen)
            await pilot.press("ctrl+s")
            await pilot.pause()
            prompt = str(app.screen.query_one("#items").get_option_at_index(0).prompt)
        unique = list({id(m): m for m in seen}.values())  # a bubbling message is seen at each hop
        saved = [m for m in unique if isinstance(m, OfficerScreen.UpdateSaved)]
        rated = [m for m in unique if isinstance(m, OfficerScreen.RatingSaved)]
        history = store.history("demo", "1.1")
        ratings = store.risk_history("demo", "R-1")
    assert [(m.action_id, m.rag) for m in saved] == [("1.1", "A")]
    assert len(history) == 1 and history[0].rag == "A" and history[0].note == "Venue booked"
    assert history[0].author == "Ann Officer" and history[0].source == "app"
    assert history[0].plan_version_id is not None
    assert prompt.startswith("▲ A"), prompt
    assert [(m.impact, m.likelihood) for m in rated] == [(4, 2)]
    assert ratings[0].impact == 4 and ratings[0].likelihood == 2 and ratings[0].author == "Ann Officer"


async def test_officer_palette_offers_update_commands_and_saves(plans_dir: Path, db_path: Path) -> None:
    seen: list[Any] = []
    with Store.open(db_path) as store:
        app = ann_app(plans_dir, store)
        async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
            await pilot.pause()
            offered = [hit.text async for hit in Commands(app.screen).discover()]
            await pilot.press("enter", "g")     # 1.1: Green
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"save")
            await app.workers.wait_for_complete()
            await pilot.pause()
            hits = app.screen.query_one(CommandList)
            shown = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
            await pilot.press("enter")
            await pilot.pause()
        history = store.history("demo", "1.1")
    assert offered == ["update: Save", "update: Next item", "update: Back to list", "update: Quit",
                       "help: Keys of this screen"]
    assert any("update: Save" in text for text in shown), shown
    assert [m.rag for m in seen if isinstance(m, OfficerScreen.UpdateSaved)][:1] == ["G"]
    assert len(history) == 1 and history[0].rag == "G" and history[0].source == "app"


def _saved_words(seen: list[Any]) -> list[str]:
    """The notifications officer mode showed, in order (each message is seen once per hop)."""
    unique = list({id(m): m for m in seen}.values())
    return [m.notification.message for m in unique if isinstance(m, Notify)]


async def test_next_item_gives_a_clean_form_focused_on_its_status(plans_dir: Path, db_path: Path) -> None:
    """Issue 14: after ctrl+n, `a`, tab and a note reached no form, and the note's letters chose Red."""
    seen: list[Any] = []
    with Store.open(db_path) as store:
        app = ann_app(plans_dir, store)
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            await pilot.pause()
            await pilot.press("enter", "g", "tab", *"first note", "ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+n", "a", "tab", *"note for 1.2", "ctrl+s")
            await pilot.pause()
        first, second = store.history("demo", "1.1"), store.history("demo", "1.2")
    assert [(u.rag, u.note) for u in first] == [("G", "first note")]
    assert [(u.rag, u.note) for u in second] == [("A", "note for 1.2")]
    saved = [text for text in _saved_words(seen) if text.startswith("Saved")]
    assert saved[0].startswith("Saved demo 1.1: ✓ Green — first note in your store"), saved
    assert saved[1].startswith("Saved demo 1.2: ▲ Amber — note for 1.2 in your store"), saved


async def test_escape_and_a_pick_give_a_clean_form(plans_dir: Path, db_path: Path) -> None:
    """What was typed on an item left unsaved does not follow the officer to the next one."""
    with Store.open(db_path) as store:
        app = ann_app(plans_dir, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter", "g", "tab", *"left unsaved")
            await pilot.press("escape", "down", "enter")    # 1.2
            await pilot.pause()
            await pilot.press("r", "tab", *"picked", "ctrl+s")
            await pilot.pause()
            await pilot.press("escape", "up", "enter")      # back to 1.1: a clean form again
            await pilot.pause()
            await pilot.press("b", "tab", *"done", "ctrl+s")
            await pilot.pause()
        assert [(u.rag, u.note) for u in store.history("demo", "1.2")] == [("R", "picked")]
        assert [(u.rag, u.note) for u in store.history("demo", "1.1")] == [("B", "done")]


async def test_a_click_on_the_list_gives_a_clean_form(plans_dir: Path, db_path: Path) -> None:
    with Store.open(db_path) as store:
        app = ann_app(plans_dir, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter", "a", "tab", *"typed on 1.1")  # not saved
            items = app.screen.query_one("#items")
            rows = [items.render_line(y).text for y in range(items.content_region.height)]
            row = next(y for y, text in enumerate(rows) if " 1.2 " in text)
            assert await pilot.click("#items", offset=(6, row + 1))  # +1: the list's top border
            await pilot.pause()
            await pilot.press("g")
            green = app.screen.query_one("#status").query(MarkedRadioButton)[2]
            assert await pilot.click(green)    # a click on the chosen option keeps it chosen
            await pilot.press("tab", *"clicked", "ctrl+s")
            await pilot.pause()
            rows = [items.render_line(y).text for y in range(items.content_region.height)]
            complete = app.screen.query_one("#status").query(MarkedRadioButton)[3]
            assert await pilot.click(complete)  # a click chooses as its letter would
            await pilot.press("tab", *" and done", "ctrl+s")
            await pilot.pause()
        assert [(u.rag, u.note) for u in store.history("demo", "1.2")] == [("B", "clicked and done"),
                                                                           ("G", "clicked")]  # newest first
        assert store.history("demo", "1.1") == []
    assert rows[row].startswith("▶ ✓ G") and not rows[0].startswith("▶"), rows


async def test_enter_in_the_status_chooses_nothing(plans_dir: Path, db_path: Path) -> None:
    """Enter moves on to the note; only a letter, an arrow or a click chooses, and the arrows choose
    what they mark (Textual's RadioSet kept a cursor apart from the choice, and enter pressed the cursor)."""
    seen: list[Any] = []
    with Store.open(db_path) as store:
        app = ann_app(plans_dir, store)
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            await pilot.pause()
            await pilot.press("enter", "enter", *"x", "ctrl+s")    # nothing chosen: refused
            await pilot.pause()
            assert store.history("demo", "1.1") == []
            await pilot.press("shift+tab", "down", "down", "enter", *"y", "ctrl+s")  # Red, then Amber
            await pilot.pause()
        history = store.history("demo", "1.1")
    assert "Nothing saved: choose a status first." in _saved_words(seen)
    assert [(u.rag, u.note) for u in history] == [("A", "xy")]


async def test_the_choice_is_drawn_by_shape_and_named(plans_dir: Path, db_path: Path) -> None:
    """(•) on the chosen option and ( ) on the others, and the choice in words under the set: no colour needed."""
    with Store.open(db_path) as store:
        app = ann_app(plans_dir, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            status = app.screen.query_one("#status", ChoiceSet)
            before = status.border_subtitle
            await pilot.press("a")
            await pilot.pause()
            lines = [button.render_line(0).text.strip() for button in status.query(MarkedRadioButton)]
            after = status.border_subtitle
    assert before == "nothing chosen"
    assert after == "chosen: ▲ A Amber"
    assert [line.split("  ")[0] for line in lines] == [f"{NOT_CHOSEN} R", f"{CHOSEN} A", f"{NOT_CHOSEN} G",
                                                        f"{NOT_CHOSEN} B"]


CHARACTERS = {"tab": "\t", "enter": "\r", "escape": "\x1b"}
NAMES = {" ": "space", ".": "full_stop"}


async def _burst(pilot, *keys: str) -> None:
    """Send every key at once, as a paste or a script writing to the terminal does, then let them settle.

    (pilot.press waits for the app to go idle after each key, which hides what a burst shows: a key
    typed right after one that moves focus reaching the field that had focus before.)"""
    for key in keys:
        pilot.app.post_message(Key(NAMES.get(key, key), CHARACTERS.get(key, key if len(key) == 1 else None)))
    for _ in range(20):
        await pilot.pause(0.05)


async def test_keys_typed_ahead_land_in_the_field_focused_when_they_were_typed(plans_dir: Path,
                                                                                db_path: Path) -> None:
    with Store.open(db_path) as store:
        app = ann_app(plans_dir, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await _burst(pilot, "enter", "g", "tab", *"first note", "ctrl+s",
                         "ctrl+n", "a", "tab", *"note for 1.2", "ctrl+s",
                         "escape", "down", "enter", "4", "tab", *["down"] * 4, "up", "tab", *"risk", "ctrl+s")
        assert [(u.rag, u.note) for u in store.history("demo", "1.1")] == [("G", "first note")]
        assert [(u.rag, u.note) for u in store.history("demo", "1.2")] == [("A", "note for 1.2")]
        ratings = store.risk_history("demo", "R-1")
    assert [(r.impact, r.likelihood, r.note) for r in ratings] == [(4, 3, "risk")]  # likelihood 1, 2, 3, 4, then 3
