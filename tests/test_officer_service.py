"""Officer mode's service (storage/service/officer.py): what the officer screen and export-updates
write and read, without the screen."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.plan.load import load_plans
from storage.service import StatusNotOnScale
from storage.service.officer import OfficerService, owned_items, person_on
from storage.store.store import Store


def test_saves_are_stored_on_the_plan_version_and_exported(plans_dir: Path, db_path: Path) -> None:
    plans = [p.plan for p in load_plans(plans_dir) if p.plan]
    action, _, risk = owned_items(plans, "ann")
    with OfficerService.open(db_path) as service:
        saved = service.save_status(action, "amber", "Venue booked")  # a name of the scale is its code
        rated = service.save_rating(risk, 4, 2, "Grant confirmed")
        again = service.save_status(action, "G", "Venue paid")
        assert service.current_statuses("demo")["1.1"] == again and service.current_ratings("demo")["R-1"] == rated
        text, count = service.export(plans, "Ann Officer", None, datetime(2026, 11, 22, tzinfo=UTC))
    assert (saved.rag, saved.author, saved.source, rated.rating) == ("A", "Ann Officer", "app", 8)
    assert saved.plan_version_id is not None and saved.plan_version_id == again.plan_version_id
    assert count == 3 and "Venue paid" in text and "likelihood: 2" in text
    ann = person_on(plans, "ANN")
    assert ann is not None and ann.name == "Ann Officer" and person_on(plans, "zed") is None


def test_a_status_off_the_plans_scale_is_refused_and_nothing_written(plans_dir: Path, db_path: Path) -> None:
    plans = [p.plan for p in load_plans(plans_dir) if p.plan]
    action = owned_items(plans, "ann")[0]
    with OfficerService.open(db_path) as service, pytest.raises(StatusNotOnScale, match="choose one of R"):
        service.save_status(action, "P", "Off the scale")
    with Store.open(db_path) as store:
        assert store.history("demo", "1.1") == [] and store.latest_plan_version("demo") is None
