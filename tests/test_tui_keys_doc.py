"""docs/meeting-keys.md stays true: every binding id the app's screens declare is in its tables, on
a row that lists the binding's keys, and every id the tables name is declared."""

from __future__ import annotations

import re

from textual.binding import Binding, BindingType

from storage.plan.model import DEFAULT_RAG_SCALE
from tests.test_tui_support import REPO
from tui.app import SteercoApp
from tui.officer_app import OfficerApp
from tui.screens.action import ActionScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.dashboard.details import Detail
from tui.screens.help_screen import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.minutes import MinutesScreen
from tui.screens.officer import OfficerScreen
from tui.screens.setup import MeetingSetupScreen
from tui.screens.store_problem import StoreProblemScreen
from tui.screens.walkthrough import WalkthroughScreen
from tui.screens.walkthrough.keys import status_bindings

DOC = REPO / "docs" / "meeting-keys.md"
SHOWN_AS = {"left": "←", "right": "→", "up": "↑", "down": "↓", "escape": "esc", "pageup": "pgup",
            "pagedown": "pgdn", "slash": "/", "question_mark": "?"}


def declared() -> dict[str, set[str]]:
    """Binding id: its keys as the doc writes them, for every screen of the meeting app and officer mode."""
    sources: list[list[BindingType]] = [
        list(SteercoApp.BINDINGS), HomeScreen.BINDINGS, DashboardScreen.BINDINGS, Detail.BINDINGS,
        ActionScreen.BINDINGS, MinutesScreen.BINDINGS, MeetingSetupScreen.BINDINGS, WalkthroughScreen.BINDINGS,
        list(status_bindings(DEFAULT_RAG_SCALE)), OfficerScreen.BINDINGS, list(OfficerApp.BINDINGS),
        StoreProblemScreen.BINDINGS, HelpScreen.BINDINGS]
    keys: dict[str, set[str]] = {}
    for bindings in sources:
        for binding in Binding.make_bindings(bindings):
            if binding.id:
                keys.setdefault(binding.id, set()).add(SHOWN_AS.get(binding.key, binding.key))
    return keys


def documented() -> dict[str, set[str]]:
    """Binding id: the keys on the table row that names it ([id, id] at the end of its text)."""
    rows: dict[str, set[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        cells = line.split("|")
        keys = set(re.findall(r"`([^`]+)`", cells[1]))
        for group in re.findall(r"\[([a-z0-9, -]+)\]", line):
            for binding_id in group.split(","):
                rows.setdefault(binding_id.strip(), set()).update(keys)
    return rows


def test_every_binding_is_documented_with_its_keys() -> None:
    docs = documented()
    for binding_id, keys in declared().items():
        assert binding_id in docs, f"{binding_id} is not in docs/meeting-keys.md"
        assert keys <= docs[binding_id], (binding_id, keys, docs[binding_id])


def test_every_documented_id_is_declared() -> None:
    from tui.keymap import binding_ids

    assert set(documented()) - binding_ids() == set()


def test_the_remapping_table_is_every_binding_with_its_keys() -> None:
    """The 'Remapping keys' table is tui.keymap.markdown_table(): every binding id of both apps
    (read from the classes' BINDINGS, dialogs included), its default keys and where it works."""
    from tui.keymap import DOC_BEGIN, DOC_END, markdown_table

    text = DOC.read_text(encoding="utf-8")
    assert DOC_BEGIN in text and DOC_END in text
    table = text.split(DOC_BEGIN, 1)[1].split(DOC_END, 1)[0].strip()
    assert table == markdown_table(), "run `python -m tui.keymap --write-doc docs/meeting-keys.md`"


def test_the_catalog_holds_every_screen_listed_here() -> None:
    """tui.keymap.catalog() finds its classes itself: it holds at least the bindings listed above by hand."""
    from tui.keymap import binding_ids, catalog

    assert set(declared()) <= binding_ids()
    keys = {entry.id: set() for entry in catalog()}
    for entry in catalog():
        keys[entry.id].update(SHOWN_AS.get(k, k) for k in entry.keys)
    for binding_id, declared_keys in declared().items():
        assert declared_keys <= keys[binding_id], (binding_id, declared_keys, keys[binding_id])
