"""An update file names its author as the command line does (`resolve_person`: a roster id, a
name or an unambiguous part of one, any case), stored by roster name; an unknown or ambiguous
name lists the closest roster entries; only a person who owns nothing there is told of
--accept-non-owner (issue 14, second pass)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.plan.load import load_plan
from storage.plan.model import Plan
from storage.store.store import Store
from storage.updates.importer import import_update_bytes
from tests.conftest import MINIMAL_PLAN


@pytest.fixture
def plans(tmp_path: Path) -> dict[str, Plan]:
    path = tmp_path / "demo.yaml"
    path.write_text(MINIMAL_PLAN.replace("  - id: bob\n    name: Bob Chair\n",
                                         "  - id: bob\n    name: Bob Chair\n  - id: cat\n    name: Cat Officer\n"))
    loaded = load_plan(path)
    assert loaded.plan is not None, loaded
    return {"demo": loaded.plan}


def file(author: str, *, per_entry: bool = False) -> bytes:
    lines = ["format: steerco-updates", "version: 1", f"from: {author if not per_entry else 'Ann Officer'}",
             "entries:"]
    for action, status in (("1.1", "G"), ("1.1", "A")):
        lines += ["  - plan: demo", '    plan_version: "1.0"', f'    action: "{action}"', f"    status: {status}",
                  "    written_at: 2026-02-0" + ("1" if status == "G" else "2")]
        if per_entry:
            lines.append(f"    author: {author}")
    return ("\n".join(lines) + "\n").encode()


def authors(store: Store) -> list[str]:
    return [row[0] for row in store.conn.execute("SELECT author FROM proposals ORDER BY id")]


@pytest.mark.parametrize("name", ["ann", "ANN", "Ann Officer", "ann officer", "Ann"])
def test_a_name_as_on_the_command_line_is_taken_as_the_roster_entry(plans: dict[str, Plan], tmp_path: Path,
                                                                    name: str) -> None:
    with Store.open(tmp_path / "chair.db") as store:
        report = import_update_bytes(file(name), "u.yaml", plans, store)
        assert (report.errors, report.taken) == ([], 2), report.problems
        assert authors(store) == ["Ann Officer", "Ann Officer"]


def test_an_unknown_name_lists_the_closest_entries_once_at_from(plans: dict[str, Plan], tmp_path: Path) -> None:
    with Store.open(tmp_path / "chair.db") as store:
        for accept in (False, True):  # a name that names no one is never an owner question
            report = import_update_bytes(file("Ann Oficer"), "u.yaml", plans, store, accept_non_owner=accept)
            (error,) = report.errors
            assert (error.line, report.taken) == (3, 0)
            assert "`from`: no one called 'Ann Oficer' is on the roster of demo; closest: Ann Officer (ann)" \
                in error.message
            assert "--accept-non-owner" not in error.message
        assert authors(store) == []


def test_an_ambiguous_author_is_refused_at_each_entry(plans: dict[str, Plan], tmp_path: Path) -> None:
    with Store.open(tmp_path / "chair.db") as store:
        report = import_update_bytes(file("officer", per_entry=True), "u.yaml", plans, store)
        assert [p.line for p in report.errors] == [10, 16]
        assert all("`author`: 'officer' could be any of: Ann Officer (ann); Cat Officer (cat)" in p.message
                   for p in report.errors)


def test_only_a_known_person_who_owns_nothing_gets_the_accept_advice(plans: dict[str, Plan], tmp_path: Path) -> None:
    with Store.open(tmp_path / "chair.db") as store:
        report = import_update_bytes(file("chair"), "u.yaml", plans, store)  # a part of 'Bob Chair'
        assert {p.message for p in report.errors} == {
            "chair does not own action 1.1 (owner: Ann Officer); the chair may accept it with --accept-non-owner"}
        accepted = import_update_bytes(file("chair"), "u.yaml", plans, store, accept_non_owner=True)
        assert accepted.taken == 2 and authors(store) == ["Bob Chair", "Bob Chair"]
