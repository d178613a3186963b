"""`steerco indicator PLAN ID --period P` stores the plan's own name for the period (FIX17, issue 17
try): 'Yr 3' was stored as typed beside 'Yr 1 - 2008/9', so the value met no target and charted in
a column of its own. An unknown or ambiguous period is refused with the plan's periods (exit 2);
an indicator with no periods in the plan takes any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.service.service import Service
from tests.test_tui_support import ni15_folder

PERIODS = "'Yr 1 - 2008/9', 'Yr 2 - 2009/10', 'Yr 3 - 2010/11'"


def record(folder: Path, indicator: str, period: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["indicator", "ni15", indicator, "--period", period, "--value", "0.7",
                                       "--by", "Mark Williams", "--db", str(folder.parent / "s.db"),
                                       "--plans", str(folder)])
    return result.exit_code, result.output


def stored(folder: Path) -> list[tuple[str, str]]:
    with Service.open(folder.parent / "s.db", folder) as service:
        return [(v.indicator_id, v.period) for v in service.indicator_values("ni15")]


@pytest.mark.parametrize("typed", ["Yr 3", "yr 3", "  YR  3 ", "2010/11", "Yr 3 - 2010/11"])
def test_a_period_the_plan_names_is_stored_as_the_plan_writes_it(tmp_path: Path, typed: str) -> None:
    folder = ni15_folder(tmp_path)
    code, out = record(folder, "NI 15", typed)
    assert code == 0, out
    assert "Recorded ni15 NI 15 Yr 3 - 2010/11: 0.7" in out
    assert stored(folder) == [("NI 15", "Yr 3 - 2010/11")]


@pytest.mark.parametrize("typed, said", [
    ("Yr 4", f"--period 'Yr 4' is not a period of NI 15: give one of {PERIODS}"),
    ("Yr", "--period 'Yr' could be 'Yr 1 - 2008/9' or 'Yr 2 - 2009/10' or 'Yr 3 - 2010/11'"),
])
def test_an_unknown_or_ambiguous_period_is_refused_with_the_plans_periods(tmp_path: Path, typed: str,
                                                                          said: str) -> None:
    folder = ni15_folder(tmp_path)
    code, out = record(folder, "NI 15", typed)
    assert code == 2 and said in out and "Traceback" not in out
    assert len([line for line in out.splitlines() if line.strip()]) == 1
    assert not (folder.parent / "s.db").exists() or stored(folder) == []


def test_an_indicator_without_periods_takes_any_text(tmp_path: Path) -> None:
    folder = ni15_folder(tmp_path)
    code, out = record(folder, "NI 15 & 20", "Spring 2009")
    assert code == 0, out
    assert stored(folder) == [("NI 15 & 20", "Spring 2009")]


def test_a_part_of_one_of_the_plans_periods_is_kept_as_typed(tmp_path: Path) -> None:
    folder = ni15_folder(tmp_path)
    code, out = record(folder, "NI 15", "Yr 1 - 2008/9  Q2")
    assert code == 0, out
    assert stored(folder) == [("NI 15", "Yr 1 - 2008/9 Q2")]
