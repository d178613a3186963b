"""What `steerco indicator` and `steerco rate-risk` reply: the store's record number is called a record, never
'(value 2)' or '(rating 5)', which read as the value or the rating recorded (new-user try of issue 12)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from steerco.cli import main
from tests.test_tui_support import ni15_folder


def run(tmp_path: Path, *args: str) -> str:
    folder = ni15_folder(tmp_path)
    result = CliRunner().invoke(main, [*args, "--by", "Michael Harrison", "--db", str(tmp_path / "s.db"),
                                       "--plans", str(folder)])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def test_an_indicator_value_is_acknowledged_with_its_record_number(tmp_path: Path) -> None:
    run(tmp_path, "indicator", "ni15", "NI 15 & 20", "--period", "Yr 2", "--value", "5.3")
    said = run(tmp_path, "indicator", "ni15", "NI 15 & 20", "--period", "Yr 3", "--value", "5.1")
    assert said == "Recorded ni15 NI 15 & 20 Yr 3: 5.1 (record 2)"


def test_a_risk_rating_is_acknowledged_with_its_record_number(tmp_path: Path) -> None:
    run(tmp_path, "rate-risk", "ni15", "SSC15-1", "--impact", "3", "--likelihood", "4")
    said = run(tmp_path, "rate-risk", "ni15", "SSC15-1", "--impact", "2", "--likelihood", "2")
    assert said == "Rated ni15 SSC15-1: 2 × 2 = 4 (Low) (record 2)"
