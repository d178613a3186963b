"""SVG snapshots of officer mode at 80×24: the chosen status or score is drawn (•) (others ( )) and named
in words under its set, the item the form is for is marked ▶, and the focused pane or field has a
heavy border (the others round), so none of it rests on colour."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.plan.load import load_plans
from storage.service.officer import OfficerService
from storage.store.store import Store
from storage.updates.ownership import owned_items
from tests.test_tui_support import ni15_folder
from tui.officer_app import make_officer_app


@pytest.fixture
def officer_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Officer mode for Adrian Roberts on NI 15, on an empty store named as the header shows it."""
    monkeypatch.chdir(tmp_path)
    plans = [p.plan for p in load_plans(ni15_folder(tmp_path)) if p.plan]
    with Store.open(Path("steerco.db")) as store:
        yield make_officer_app(service=OfficerService(store), items=owned_items(plans, "adrian-roberts"))


def test_officer_status_chosen(snap_compare, officer_app) -> None:
    """7.1 with Amber chosen by its letter, the note being typed."""
    assert snap_compare(officer_app, terminal_size=(80, 24), press=["enter", "a", "tab", *"Premises visited"])


def test_officer_risk_scores_chosen(snap_compare, officer_app) -> None:
    """The risk SSC15-2, its form opened with nothing chosen: impact 4 by its digit, likelihood 2 by the arrows."""
    assert snap_compare(officer_app, terminal_size=(80, 24),
                        press=["escape", "end", "enter", "4", "tab", "right", "right"])
