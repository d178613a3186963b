"""Update files: officer exports, chair imports as proposals, all or nothing, never twice."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from steerco.cli import main
from storage.plan.load import load_plan, load_plans
from storage.store.store import Store
from storage.updates.importer import import_update_bytes
from storage.updates.ownership import find_person, owned_items, owns
from storage.updates.reader import parse_update_bytes
from tests.conftest import MINIMAL_PLAN

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$", re.M)

HAND = """\
format: steerco-updates
version: 1
from: Ann Officer
entries:
  - plan: demo
    plan_version: "1.0"
    action: "1.1"
    status: amber
    note: Venue booked, campaign starts late.
    written_at: 2026-02-01
  - plan: demo
    plan_version: "1.0"
    risk: R-1
    impact: 3
    likelihood: 2
    note: Grant confirmed.
    written_at: 2026-02-01 09:30
"""


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def importing(plans_dir: Path, db: Path, *files: Path | str, extra: tuple[str, ...] = ()) -> Result:
    return run("import-updates", *map(str, files), "--db", str(db), "--plans", str(plans_dir), *extra)


def proposal_count(db: Path) -> int:
    with Store.open(db) as store:
        return int(store.db.conn.execute("SELECT count(*) FROM proposals").fetchone()[0])


def write(tmp_path: Path, text: str | bytes, name: str = "updates.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def plan_of(plans_dir: Path) -> Any:
    return load_plan(plans_dir / "demo.yaml").plan


# -- ownership ------------------------------------------------------------------------


def test_ownership_person_organisation_group(plans_dir: Path) -> None:
    plan = plan_of(plans_dir)
    ann, bob = find_person(plan, "ann officer"), find_person(plan, "BOB")
    assert ann is not None and bob is not None and find_person(plan, "nobody") is None
    assert owns(plan, ann, "ann") and owns(plan, ann, "police") and owns(plan, ann, "board")
    assert not owns(plan, bob, "ann") and not owns(plan, bob, "police") and owns(plan, bob, "board")
    assert not owns(plan, ann, None)
    assert [i.item.id for i in owned_items([plan], "bob")] == []


# -- round trip across two stores ---------------------------------------------------


def test_round_trip_officer_to_chair_accept_and_override(plans_dir: Path, tmp_path: Path) -> None:
    officer_db, chair_db, out = tmp_path / "officer.db", tmp_path / "chair.db", tmp_path / "ann.yaml"
    plan = plan_of(plans_dir)
    with Store.open(officer_db) as store:  # as officer mode writes
        version = store.remember_plan(plan)
        store.record_update(
            "demo", "1.1", "A", "Venue booked.\nStarts late.", "Ann Officer", "app", plan_version_id=version
        )
        store.record_update("demo", "1.2", "G", "Draft with printers.", "Ann Officer", "app", plan_version_id=version)
        store.rate_risk("demo", "R-1", 2, 2, "Grant confirmed.", "Ann Officer", "app", plan_version_id=version)
        store.record_update("demo", "1.2", "R", "Chair's own note.", "Bob Chair", "meeting")  # not Ann's: not exported
    result = run("export-updates", "--as", "ann", "-o", str(out), "--db", str(officer_db), "--plans", str(plans_dir))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.count("- id: \"h-") == 3 and "Chair's own note" not in text and 'action: "1.1"' in text

    result = importing(plans_dir, chair_db, out)
    assert result.exit_code == 0, result.output
    assert "taken 3, already present 0, refused 0" in result.output
    with Store.open(chair_db) as chair:
        assert chair.history("demo", "1.1") == []  # proposals, not updates
        (first,) = chair.pending_proposals("demo", "action", "1.1")
        (second,) = chair.pending_proposals("demo", "action", "1.2")
        (risk,) = chair.pending_proposals("demo", "risk", "R-1")
        assert (first.rag, first.note, first.author, first.plan_version) == (
            "A",
            "Venue booked.\nStarts late.",
            "Ann Officer",
            "1.0",
        )
        assert (risk.impact, risk.likelihood) == (2, 2)
        accepted = chair.record_update("demo", "1.1", first.rag, first.note, "Bob Chair", "meeting",
                                       proposal_id=first.id)
        overridden = chair.record_update("demo", "1.2", "R", "Printers failed.", "Bob Chair", "meeting",
                                         proposal_id=second.id)
        assert chair.pending_proposals("demo", "action", "1.1") == []
        assert chair.pending_proposals("demo", "action", "1.2") == []
        statuses = chair.current_statuses("demo")
        assert (statuses["1.1"].id, statuses["1.1"].rag, statuses["1.1"].proposal_id) == (accepted, "A", first.id)
        assert (statuses["1.2"].id, statuses["1.2"].rag, statuses["1.2"].proposal_id) == (overridden, "R", second.id)
        kept = {p.item_id: p.rag for p in chair.proposals("demo") if p.kind == "action"}
        assert kept == {"1.1": "A", "1.2": "G"}  # the proposal survives the override


def test_export_since_and_unknown_person(plans_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    with Store.open(db) as store:
        store.record_update("demo", "1.1", "A", "x", "Ann Officer", "app")
    later = run("export-updates", "--as", "ann", "--since", "2999-01-01", "--db", str(db), "--plans", str(plans_dir))
    assert later.exit_code == 0 and "entries: []" in later.output
    nobody = run("export-updates", "--as", "zed", "--db", str(db), "--plans", str(plans_dir))
    assert nobody.exit_code == 2 and "no one called 'zed'" in nobody.output


def test_two_proposals_for_one_action_are_kept_newest_first(plans_dir: Path, tmp_path: Path) -> None:
    chair = tmp_path / "chair.db"
    one = HAND.replace("note: Venue booked, campaign starts late.", "note: First word.")
    two = HAND.replace("status: amber", "status: R").replace("written_at: 2026-02-01\n", "written_at: 2026-02-03\n", 1)
    assert importing(plans_dir, chair, write(tmp_path, one, "a.yaml"), write(tmp_path, two, "b.yaml")).exit_code == 0
    with Store.open(chair) as store:
        assert [p.rag for p in store.pending_proposals("demo", "action", "1.1")] == ["R", "A"]


# -- idempotence and all-or-nothing ------------------------------------------------


def test_hand_written_file_without_ids_imports_once(plans_dir: Path, tmp_path: Path) -> None:
    chair, path = tmp_path / "chair.db", write(tmp_path, HAND)
    assert importing(plans_dir, chair, path).exit_code == 0
    again = importing(plans_dir, chair, path)
    assert again.exit_code == 0 and "taken 0, already present 2" in again.output
    # The same entries, retyped into a different file (other bytes, same content): still nothing new.
    retyped = write(tmp_path, "# resent\n" + HAND.replace("status: amber", "status: AMBER"), "again.yaml")
    assert "taken 0, already present 2" in importing(plans_dir, chair, retyped).output
    changed = write(tmp_path, HAND.replace("starts late.", "starts in May."), "changed.yaml")
    assert "taken 1, already present 1" in importing(plans_dir, chair, changed).output  # only the new note
    assert proposal_count(chair) == 3


def test_exported_file_twice_is_a_no_op(plans_dir: Path, tmp_path: Path) -> None:
    officer, chair, out = tmp_path / "o.db", tmp_path / "c.db", tmp_path / "u.yaml"
    with Store.open(officer) as store:
        store.record_update("demo", "1.1", "G", "Fine", "Ann Officer", "app")
    run("export-updates", "--as", "Ann Officer", "-o", str(out), "--db", str(officer), "--plans", str(plans_dir))
    importing(plans_dir, chair, out)
    second = tmp_path / "u2.yaml"  # exported again later: a new file, the same entry ids
    run("export-updates", "--as", "Ann Officer", "-o", str(second), "--db", str(officer), "--plans", str(plans_dir))
    assert "taken 0, already present 1" in importing(plans_dir, chair, out, second).output
    assert proposal_count(chair) == 1


BAD_ENTRY = HAND + """\
  - plan: demo
    plan_version: "1.0"
    action: "1.1"
    status: Purple
    written_at: 2026-02-01
"""


def test_one_bad_entry_imports_nothing_and_names_its_line(plans_dir: Path, tmp_path: Path) -> None:
    chair, path = tmp_path / "chair.db", write(tmp_path, BAD_ENTRY)
    result = importing(plans_dir, chair, path)
    assert result.exit_code == 2
    (problem,) = [m.groupdict() for m in LINE.finditer(result.output)]
    assert problem["line"] == str(BAD_ENTRY.splitlines().index("    status: Purple") + 1)
    assert "'Purple' is not on plan demo's scale" in problem["msg"]
    assert "taken 0, already present 0, refused 3" in result.output
    assert proposal_count(chair) == 0
    with Store.open(chair) as store:
        assert not store.file_imported(parse_update_bytes(path.read_bytes(), "x").sha256)


@pytest.mark.parametrize("damage, line_of, message", [
    (('action: "1.1"', 'action: "9.9"'), 'action: "9.9"', "no action '9.9' in plan demo"),
    (("impact: 3", "impact: 7"), "impact: 7", "impact: 7 is out of range: write a whole number from 1 to 5"),
    (('plan_version: "1.0"\n    action', "plan_version: 1.0\n    action"), "plan_version: 1.0", 'quote it: "1.0"'),
    (("    note: Grant", "    noet: Grant"), "noet:", "did you mean 'note'"),
    (("    written_at: 2026-02-01\n", ""), "plan: demo", "`written_at` is missing"),
    (("risk: R-1", "risk: R-1\n    status: A"), "status: A", "`status` is for actions"),
])
def test_entry_problems_are_placed(plans_dir: Path, tmp_path: Path, damage: tuple[str, str], line_of: str,
                                   message: str) -> None:
    text = HAND.replace(*damage, 1)
    result = importing(plans_dir, tmp_path / "c.db", write(tmp_path, text))
    assert result.exit_code == 2, result.output
    found = [m.groupdict() for m in LINE.finditer(result.output) if message in m.group("msg")]
    assert found, result.output
    anchor = text.index(line_of)
    assert int(found[0]["line"]) == text[:anchor].count("\n") + 1, result.output
    assert proposal_count(tmp_path / "c.db") == 0


# -- owner and version checks -------------------------------------------------------


def test_non_owner_refused_unless_accepted(plans_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, HAND.replace("from: Ann Officer", "from: Bob Chair"))
    refused = importing(plans_dir, tmp_path / "c.db", path)
    assert refused.exit_code == 2 and "Bob Chair does not own action 1.1 (owner: Ann Officer)" in refused.output
    assert proposal_count(tmp_path / "c.db") == 0
    accepted = importing(plans_dir, tmp_path / "c.db", path, extra=("--accept-non-owner",))
    assert accepted.exit_code == 1 and "warning:" in accepted.output and "taken 2" in accepted.output
    assert proposal_count(tmp_path / "c.db") == 2


def test_older_plan_version_warns_naming_changes(plans_dir: Path, tmp_path: Path) -> None:
    chair = tmp_path / "c.db"
    with Store.open(chair) as store:
        store.remember_plan(plan_of(plans_dir))  # version 1.0 as the chair saw it
    newer = MINIMAL_PLAN.replace('version: "1.0"', 'version: "1.1"').replace(
        "Run the summer campaign.", "Run the summer and autumn campaigns.")
    (plans_dir / "demo.yaml").write_text(newer)
    result = importing(plans_dir, chair, write(tmp_path, HAND))
    assert result.exit_code == 1 and "taken 2" in result.output
    said = "written for demo version 1.0; the plan is now version 1.1; action 1.1 has changed since: text"
    assert said in result.output
    assert "risk R-1 is unchanged" in result.output
    unknown = importing(plans_dir, tmp_path / "other.db", write(tmp_path, HAND, "b.yaml"))
    assert "that version is not in this store" in unknown.output


def test_dry_run_stores_nothing(plans_dir: Path, tmp_path: Path) -> None:
    result = importing(plans_dir, tmp_path / "c.db", write(tmp_path, HAND), extra=("--dry-run",))
    assert result.exit_code == 0 and "would take 2" in result.output
    assert proposal_count(tmp_path / "c.db") == 0


def test_dry_run_on_a_missing_store_makes_none(plans_dir: Path, tmp_path: Path) -> None:
    result = importing(plans_dir, tmp_path / "new" / "c.db", write(tmp_path, HAND), extra=("--dry-run",))
    assert result.exit_code == 0 and "would take 2" in result.output
    assert "none made" in result.output and "made a new store" not in result.output
    assert not (tmp_path / "new").exists()


def test_json_report(plans_dir: Path, tmp_path: Path) -> None:
    import json

    result = importing(plans_dir, tmp_path / "c.db", write(tmp_path, BAD_ENTRY), extra=("--json",))
    data = json.loads(result.stdout)
    assert data["exit_code"] == 2 and data["files"][0]["refused"] == 3
    assert data["files"][0]["problems"][0]["line"] == BAD_ENTRY.splitlines().index("    status: Purple") + 1


# -- unreadable files: exit 2, never a traceback ----------------------------------


HOSTILE = {
    "truncated": HAND[: HAND.index("status: amber") + 9].encode() + b'\n    note: "unterminated',
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "not utf-8": HAND.replace("Venue", "Caf\u00e9").encode("latin-1"),
    "python tag": b"format: steerco-updates\nversion: 1\nfrom: !!python/object/apply:os.system [ls]\n",
    "alias bomb": b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n".encode()
        for i in range(9)),
    "deep nesting": b"format: steerco-updates\nentries: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "a plan file": MINIMAL_PLAN.encode(),
    "wrong plan": HAND.replace("plan: demo", "plan: ni99").encode(),
    "newer format": HAND.replace("version: 1", "version: 2").encode(),
    "empty": b"",
    "a list": b"- 1\n- 2\n",
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_unreadable_files_are_refused_cleanly(plans_dir: Path, tmp_path: Path, case: str) -> None:
    result = importing(plans_dir, tmp_path / "c.db", write(tmp_path, HOSTILE[case]))
    assert result.exit_code == 2, result.output
    assert LINE.search(result.output), result.output
    assert "unreadable, nothing taken" in result.output
    assert proposal_count(tmp_path / "c.db") == 0


def test_missing_file_and_good_file_together(plans_dir: Path, tmp_path: Path) -> None:
    result = importing(plans_dir, tmp_path / "c.db", tmp_path / "nope.yaml", write(tmp_path, HAND))
    assert result.exit_code == 2 and "cannot read file" in result.output and "taken 2" in result.output


# -- template -----------------------------------------------------------------------


def test_template_lists_owned_items_and_imports_once_filled(plans_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    result = run("template", "--as", "ann", "demo", "-o", str(out), "--plans", str(plans_dir))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "R = Red, A = Amber, G = Green, B = Complete" in text
    assert text.count("status:  # R Red / A Amber / G Green / B Complete") == 2 and "impact:  # 1-5, now 3" in text
    blank = importing(plans_dir, tmp_path / "c.db", out)
    assert blank.exit_code == 0 and "taken 0" in blank.output and "left blank 3" in blank.output
    filled = text.replace("status:  #", "status: G  #", 1).replace("note: ''", "note: On track", 1)
    result = importing(plans_dir, tmp_path / "c.db", write(tmp_path, filled, "filled.yaml"))
    assert result.exit_code == 0 and "taken 1" in result.output and "left blank 2" in result.output
    assert run("template", "--as", "zed", "demo", "--plans", str(plans_dir)).exit_code == 2


# -- help -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["update", "export-updates", "template", "import-updates"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    summary = result.output.split("\n\n")[1].strip()
    assert (len(summary) > 20 and "--db" in result.output) or command == "template"


def test_update_refuses_someone_with_nothing_to_do(plans_dir: Path, tmp_path: Path) -> None:
    result = run("update", "--as", "bob", "--db", str(tmp_path / "o.db"), "--plans", str(plans_dir))
    assert result.exit_code == 2 and "owns no actions" in result.output
    assert run("update", "--as", "zed", "--plans", str(plans_dir)).exit_code == 2


def test_import_bytes_api_never_needs_a_file(plans_dir: Path, tmp_path: Path) -> None:
    plans = {p.plan.id: p.plan for p in load_plans(plans_dir) if p.plan}
    with Store.open(tmp_path / "c.db") as store:
        report = import_update_bytes(HAND.encode(), "mem.yaml", plans, store)
    assert (report.taken, report.exit_code) == (2, 0)


def test_the_documented_example_imports_into_the_bundled_plans(tmp_path: Path) -> None:
    from tests.conftest import BUNDLED_PLANS, REPO

    doc = (REPO / "docs" / "update-file.md").read_text()
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    result = importing(BUNDLED_PLANS, tmp_path / "c.db", write(tmp_path, example))
    assert result.exit_code == 0, result.output
    assert "taken 2, already present 0, refused 0" in result.output
