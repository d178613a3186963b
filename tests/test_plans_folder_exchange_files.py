"""An update file saved in the plans folder is not read as a broken plan (new-user try): it had
made `steerco validate` report 'unknown field format in plan' and home list it with 7 errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from steerco.cli import main
from storage.service.plans import plan_files
from tests.test_tui_support import ni15_folder

UPDATE_FILE = """format: steerco-updates
version: 1
plan: ni15
author: Ch. Insp Adrian Roberts
entries:
  - action: "7.1"
    status: G
    note: Patrols running.
    written_at: 2010-05-01T09:00:00+01:00
"""


def test_validate_with_no_files_checks_the_plans_only(tmp_path: Path) -> None:
    folder = ni15_folder(tmp_path)
    (folder / "upd.yaml").write_text(UPDATE_FILE, encoding="utf-8")
    (folder / "status.yml").write_text("# the chair's file\nformat: steerco-status\n", encoding="utf-8")
    assert [p.name for p in plan_files(folder)] == ["ni15.yaml"]
    result = CliRunner().invoke(main, ["validate", "--plans", str(folder)])
    assert "format" not in result.output and "upd.yaml" not in result.output, result.output
    assert result.output.strip().endswith("1 file checked: 0 errors, 0 warnings") and result.exit_code == 0


def test_a_plan_is_read_whole_and_a_file_without_format_stays_a_plan(tmp_path: Path) -> None:
    folder = ni15_folder(tmp_path)
    shutil.copyfile(folder / "ni15.yaml", folder / "copy.yaml")
    (folder / "broken.yaml").write_text("id: broken\nformat_of_meeting: x\n", encoding="utf-8")
    assert [p.name for p in plan_files(folder)] == ["broken.yaml", "copy.yaml", "ni15.yaml"]
