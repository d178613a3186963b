"""An organisation or group named where a person is wanted (`--by observatory`, `--as`) is
refused naming what it is and its people on the roster, the closest entries README promises;
nothing is recorded (a new user's try of issue 12, item 8)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from steerco.cli import main
from storage.store.store import Store
from tests.test_tui_support import ni15_folder


def _cli(folder: Path, *args: str) -> tuple[int, str]:
    env = {"STEERCO_PLANS": str(folder), "STEERCO_DB": str(folder.parent / "steerco.db"),
           "STEERCO_CACHE": str(folder.parent / "cache"), "STEERCO_HOME": str(folder.parent), "COLUMNS": "200"}
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, " ".join(result.output.split())


def test_an_organisation_is_refused_with_its_people_listed(tmp_path: Path) -> None:
    folder = ni15_folder(tmp_path)
    Store.open(tmp_path / "steerco.db").close()
    code, output = _cli(folder, "record", "ni15", "7.4", "--rag", "G", "--note", "x", "--by", "observatory")
    assert code == 2
    assert ("--by: Observatory (observatory) is an organisation on the roster of ni15, not a person: name a "
            "person; closest: its people on the roster: Susie Bentley (susie-bentley)") in output, output
    assert "Traceback" not in output
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.history("ni15", "7.4") == []
    code, output = _cli(folder, "record", "ni15", "7.4", "--rag", "G", "--note", "x", "--by", "SSC Hub")
    assert code == 2 and "SSC Hub (ssc-hub) is an organisation on the roster of ni15" in output
    assert "it has no one on the roster" in output
    code, output = _cli(folder, "template", "--as", "Staffordshire Police", "ni15")
    assert code == 2 and "Staffordshire Police (staffs-police) is an organisation" in output
    assert "Ch. Insp Adrian Roberts (adrian-roberts)" in output
    code, output = _cli(folder, "record", "ni15", "7.4", "--rag", "G", "--note", "x", "--by", "susie")
    assert code == 0 and "Recorded ni15 7.4" in output, output
