"""Checks against the plan within one file: lookups repeated from entry to entry (a status's
code, an author's roster entry, whether they own an owner's items) are made once per file, so
each entry's verdict must still be its own, whatever came before it in the file."""

from __future__ import annotations

import bisect
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.plan.load import load_plan
from storage.plan.model import Plan
from storage.store.store import Store
from storage.updates.importer import import_update_bytes
from storage.updates.ownership import find_person, owns, rag_code
from tests.conftest import MINIMAL_PLAN

ITEMS = [("action", "1.1"), ("action", "1.2"), ("risk", "R-1")]  # owners here: ann, police (ann's), bob
AUTHORS = ["Ann Officer", "ann", "ANN OFFICER", "Bob Chair", "bob", "Zed"]
STATUSES = ["R", "a", "Green", "complete", "blue", "Purple", "purple", "x"]


def _plan(tmp_path: Path) -> Plan:
    text = MINIMAL_PLAN.replace("rating: 12\n    owner: ann", "rating: 12\n    owner: bob")
    assert text != MINIMAL_PLAN
    (tmp_path / "demo.yaml").write_text(text, encoding="utf-8")
    plan = load_plan(tmp_path / "demo.yaml").plan
    assert plan is not None
    return plan


def _file(entries: list[tuple[int, int, int]]) -> tuple[bytes, list[int]]:
    """The file's bytes, and the line each entry starts on."""
    lines = ["format: steerco-updates", "version: 1", "from: Ann Officer", "entries:"]
    starts = []
    for n, (item, author, status) in enumerate(entries):
        kind, item_id = ITEMS[item]
        starts.append(len(lines) + 1)
        lines += ["  - plan: demo", '    plan_version: "1.0"', f'    {kind}: "{item_id}"']
        lines += [f"    status: {STATUSES[status]}"] if kind == "action" else ["    impact: 2", "    likelihood: 3"]
        lines += [f"    author: {AUTHORS[author]}", f"    note: entry {n}", f"    written_at: 2026-02-01 10:{n:02d}"]
    return ("\n".join(lines) + "\n").encode(), starts


def _expected(plan: Plan, item: int, author: int, status: int) -> list[str]:
    """What is wrong with one entry, decided on its own with the plain per-entry functions: every
    problem of it, in one pass (a bad status does not hide that the author does not own the item)."""
    kind, item_id = ITEMS[item]
    wrong = ["status"] if kind == "action" and rag_code(plan, STATUSES[status]) is None else []
    owner = plan.action(item_id).owner if kind == "action" else plan.risk(item_id).owner  # type: ignore[union-attr]
    person = find_person(plan, AUTHORS[author])
    return wrong + ([] if person is not None and owns(plan, person, owner) else ["author"])


entry = st.tuples(st.integers(0, len(ITEMS) - 1), st.integers(0, len(AUTHORS) - 1), st.integers(0, len(STATUSES) - 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(entry, min_size=1, max_size=12))
def test_each_entry_is_judged_on_its_own(tmp_path_factory: object, entries: list[tuple[int, int, int]]) -> None:
    folder = tmp_path_factory.mktemp("checks")  # type: ignore[attr-defined]
    plan = _plan(folder)
    data, starts = _file(entries)
    with Store.open(folder / "chair.db") as store:
        report = import_update_bytes(data, "mixed.yaml", {"demo": plan}, store)
    found: dict[int, list[str]] = {}
    for problem in report.errors:
        n = bisect.bisect_right(starts, problem.line) - 1
        found.setdefault(n, []).append("status" if "status" in problem.message else "author")
    expected = {n: _expected(plan, *e) for n, e in enumerate(entries) if _expected(plan, *e)}
    assert found == expected
    assert report.taken == (0 if expected else len(entries))


def test_an_author_who_owns_one_item_and_not_the_next(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    data, _ = _file([(0, 3, 0), (0, 0, 0), (1, 4, 1), (1, 1, 1), (2, 3, 0), (2, 0, 0), (0, 5, 5), (0, 0, 6)])
    with Store.open(tmp_path / "chair.db") as store:
        report = import_update_bytes(data, "mixed.yaml", {"demo": plan}, store, accept_non_owner=False)
    assert [(p.line, p.message.split(";")[0]) for p in report.errors] == [
        (9, "Bob Chair does not own action 1.1 (owner: Ann Officer)"),
        (23, "bob does not own action 1.2 (owner: Demo Police)"),
        (46, "Ann Officer does not own risk R-1 (owner: Bob Chair)"),
        (52, "status 'Purple' is not on plan demo's scale"),
        (53, "`author`: no one called 'Zed' is on the roster of demo"),  # the same entry: both said at once
        (59, "status 'purple' is not on plan demo's scale"),
    ]


def _with_ids(*entries: tuple[str, str, str]) -> bytes:
    """An update file of actions by Ann: (id, action, status) each; a comment makes the bytes differ."""
    lines = ["format: steerco-updates", "version: 1", "from: Ann Officer", "entries:"]
    for uid, action, status in entries:
        lines += [f'  - id: "{uid}"', "    plan: demo", '    plan_version: "1.0"', f'    action: "{action}"',
                  f"    status: {status}", "    written_at: 2026-02-01"]
    return ("\n".join(lines) + f"\n# {entries}\n").encode()


def test_a_known_id_with_other_content_is_kept_as_it_was_and_warned_of(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    with Store.open(tmp_path / "chair.db") as store:
        first = import_update_bytes(_with_ids(("u-1", "1.1", "R")), "a.yaml", {"demo": plan}, store)
        assert first.taken == 1 and not first.problems
        same = import_update_bytes(_with_ids(("u-1", "1.1", "R"), ("u-2", "1.2", "G")), "b.yaml", {"demo": plan}, store)
        assert (same.taken, same.already, same.problems) == (1, 1, [])
        changed = _with_ids(("u-3", "1.2", "A"), ("u-1", "1.1", "G"))
        dry = import_update_bytes(changed, "c.yaml", {"demo": plan}, store, dry_run=True)
        taken = import_update_bytes(changed, "c.yaml", {"demo": plan}, store)
        refused = import_update_bytes(_with_ids(("u-1", "1.1", "G"), ("u-4", "1.1", "Purple")), "d.yaml",
                                      {"demo": plan}, store)
        assert [p.rag for p in store.proposals("demo") if p.uid == "u-1"] == ["R"]
        assert len(store.proposals("demo")) == 3
    warning = "entry id 'u-1' was imported before with different content; the earlier one is kept"
    for report in (dry, taken):
        assert (report.taken, report.already) == (1, 1)
        assert [(p.line, p.severity, p.message.split(" (")[0]) for p in report.problems] == [(11, "warning", warning)]
    assert refused.taken == 0 and [(p.line, p.severity) for p in refused.problems] == [(5, "warning"), (15, "error")]
