"""Officer mode: tab from the list goes to the form's first field, so a status letter, tab and a note
typed in one burst (a script, a paste, a fast typist) are saved as typed (new-user try T8)."""

from __future__ import annotations

from pathlib import Path

from storage.plan.load import load_plans
from storage.service.officer import OfficerService
from storage.store.store import Store
from storage.updates.ownership import owned_items
from tests.test_tui_support import NI15
from tests.test_tui_typed_ahead import burst, typed
from tui.officer_app import make_officer_app

SCALE = """
rag_scale:
  - {code: D, name: Delayed, symbol: "●", rank: 0, meaning: "Behind schedule."}
  - {code: N, name: Not started, symbol: "○", rank: 1, meaning: "Work has not begun."}
  - {code: I, name: In progress, symbol: "◐", rank: 2, meaning: "Under way."}
  - {code: C, name: Complete, symbol: "★", rank: 3, meaning: "Delivered and closed."}
"""


def roberts_app(tmp_path: Path, store: Store):
    """Officer mode for Adrian Roberts (7.1, 7.2, 7.7 and a risk of NI 15, on the tester's D N I C scale)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "ni15.yaml").write_text(NI15.read_text(encoding="utf-8") + SCALE, encoding="utf-8")
    plans = [p.plan for p in load_plans(folder) if p.plan]
    assert [s.code for s in plans[0].rag_scale] == ["D", "N", "I", "C"]
    return make_officer_app(service=OfficerService(store), items=owned_items(plans, "adrian-roberts"))


async def test_tab_from_the_list_then_a_status_tab_and_a_note_in_one_burst(tmp_path: Path) -> None:
    with Store.open(tmp_path / "officer.db") as store:
        async with roberts_app(tmp_path, store).run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("tab")  # leave the list, as the tester did
            await burst(pilot, "d", "tab", *typed("Nothing to report"), "ctrl+s")
            await burst(pilot, "escape", "down", "tab", "i", "tab", *typed("Patrols continuing over Christmas."),
                        "ctrl+s")
        assert [(u.rag, u.note) for u in store.history("ni15", "7.1")] == [("D", "Nothing to report")]
        assert [(u.rag, u.note) for u in store.history("ni15", "7.2")] == [
            ("I", "Patrols continuing over Christmas.")]


async def test_tab_goes_round_the_status_the_note_and_the_list(tmp_path: Path) -> None:
    with Store.open(tmp_path / "officer.db") as store:
        async with roberts_app(tmp_path, store).run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await burst(pilot, "tab", "c", "tab", *typed("Done"), "tab")
            assert pilot.app.focused is pilot.app.screen.query_one("#items")
            await burst(pilot, "down", "down", "tab", "n", "ctrl+s")
        assert [(u.rag, u.note) for u in store.history("ni15", "7.1")] == []  # never saved: left behind
        assert [(u.rag, u.note) for u in store.history("ni15", "7.7")] == [("N", "")]
