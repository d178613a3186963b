"""`steerco import-updates` exits by the house rule, as `steerco validate` does on the same file:
0 everything taken, 1 everything taken but something warned about, 2 a file refused or
unreadable (bad input), even when the other files given with it were taken. A script that
sees 2 knows that something it sent is not in the store; fixing that file and importing the
whole batch again is safe (a file or entry already taken adds nothing)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_updates import HAND, importing, proposal_count, run, write

REFUSED = HAND.replace("status: amber", "status: Purple")
OTHER_VERSION = HAND.replace('plan_version: "1.0"', 'plan_version: "0.9"')  # taken, with a warning


def test_a_refused_file_exits_2_as_validate_does(plans_dir: Path, tmp_path: Path) -> None:
    bad = write(tmp_path, REFUSED, "bad.yaml")
    validated = run("validate", str(bad), "--plans", str(plans_dir))
    imported = importing(plans_dir, tmp_path / "c.db", bad)
    assert (validated.exit_code, imported.exit_code) == (2, 2), imported.output
    assert "refused 2 (refused, nothing taken)" in imported.output
    assert proposal_count(tmp_path / "c.db") == 0


def test_some_taken_and_one_refused_exits_2_and_keeps_what_was_taken(plans_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    good, bad = write(tmp_path, HAND, "good.yaml"), write(tmp_path, REFUSED, "bad.yaml")
    result = importing(plans_dir, db, good, bad, extra=("--json",))
    report = json.loads(result.stdout)
    assert result.exit_code == 2 and report["exit_code"] == 2
    assert [(f["taken"], f["refused"]) for f in report["files"]] == [(2, 0), (0, 2)]
    assert proposal_count(db) == 2
    fixed = write(tmp_path, REFUSED.replace("status: Purple", "status: green"), "bad.yaml")
    again = importing(plans_dir, db, good, fixed)
    assert again.exit_code == 0, again.output
    assert "good.yaml: taken 0, already present 2" in again.output
    assert "bad.yaml: taken 1, already present 1" in again.output  # its risk entry is good.yaml's, word for word
    assert proposal_count(db) == 3


def test_taken_with_warnings_exits_1_and_clean_exits_0(plans_dir: Path, tmp_path: Path) -> None:
    warned = importing(plans_dir, tmp_path / "c.db", write(tmp_path, OTHER_VERSION, "old.yaml"))
    assert warned.exit_code == 1, warned.output
    assert "warning:" in warned.output and "taken 2" in warned.output
    clean = importing(plans_dir, tmp_path / "d.db", write(tmp_path, HAND, "new.yaml"))
    assert clean.exit_code == 0, clean.output
    unreadable = importing(plans_dir, tmp_path / "e.db", write(tmp_path, "entries: [oops", "broken.yaml"))
    assert unreadable.exit_code == 2 and "unreadable, nothing taken" in unreadable.output
