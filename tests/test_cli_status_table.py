"""`steerco status` as a table: one line an action below 120 columns (and when piped), every text
in full with `--wide`; owners and titles cut at a word with an ellipsis, never inside a word."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.service import cut, short_owners

BUNDLED = Path(__file__).resolve().parents[1] / "plans"


@pytest.fixture
def run(tmp_path: Path):
    db = tmp_path / "steerco.db"
    base = ["--plans", str(BUNDLED), "--db", str(db)]
    assert CliRunner().invoke(main, [*base, "record", "ni15", "7.1", "--rag", "A", "--note", "n",
                                     "--by", "adrian-roberts"]).exit_code == 0

    def invoke(*args: str, columns: int = 80) -> str:
        result = CliRunner().invoke(main, [*base, *args], env={"COLUMNS": str(columns)})
        assert result.exit_code in (0, 1), result.output
        return result.output
    return invoke


def _action_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"7\.\d ", line)]


@pytest.mark.parametrize("columns", [80, 100])
def test_each_action_is_one_line_that_fits(run, columns: int) -> None:
    output = run("status", "ni15", columns=columns)
    lines = _action_lines(output)
    assert [line.split()[0] for line in lines] == [f"7.{n}" for n in range(1, 10)]
    assert all(len(line) <= columns for line in output.splitlines())
    first = lines[0]
    assert "Target night time economy…" in first  # cut after a whole word
    assert "Ch. Insp Adrian…" in first and "▲ A" in first and "late" in first
    assert ("2026-" in first) == (columns >= 100)  # the day updated, when there is room


def test_titles_are_cut_at_a_word_never_inside_one(run) -> None:
    titles = {a["id"]: a["title"] for a in json.loads(run("status", "ni15", "--json"))["actions"]}
    for line in _action_lines(run("status", "ni15")):
        action_id, rest = line.split(maxsplit=1)
        cell = rest.split("   ")[0].strip()
        title = " ".join(titles[action_id].split())
        if cell.endswith("…"):
            kept = cell[:-1]
            assert title.startswith(kept) and title[len(kept)] == " ", (cell, title)
        else:
            assert cell == title


def test_wide_gives_every_text_in_full(run) -> None:
    output = run("status", "ni15", "--wide", columns=250)
    assert "Focus on young people under 18" in output and "Ch. Insp Adrian Roberts" in output
    assert "Across all 3 years of LAA (2011-03-31) OVERDUE" in output and "Last updated" in output
    assert "…" not in output


def test_a_title_with_markup_is_printed_as_written(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    text = (BUNDLED / "ni15.yaml").read_text(encoding="utf-8")
    (plans / "ni15.yaml").write_text(text.replace("Focus on young people under 18", "Focus on [bold]young[/bold]"),
                                     encoding="utf-8")
    db = tmp_path / "s.db"
    CliRunner().invoke(main, ["--plans", str(plans), "--db", str(db), "record", "ni15", "7.1", "--rag", "G",
                              "--note", "n", "--by", "adrian-roberts"])
    for args in (["status", "ni15"], ["status", "ni15", "--wide"]):
        output = CliRunner().invoke(main, ["--plans", str(plans), "--db", str(db), *args],
                                    env={"COLUMNS": "200"}).output
        assert "[bold]young[/bold]" in output


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("Target night time economy", 30, "Target night time economy"),
    ("Target night time economy", 20, "Target night time…"),
    ("Northamptonshire", 9, "Northamp…"),
    ("Staffordshire Police", 16, "Staffordshire…"),
])
def test_cut(text: str, width: int, expected: str) -> None:
    assert cut(text, width) == expected
    assert len(cut(text, width)) <= width


def test_short_owners_keeps_the_lead_and_counts_the_rest() -> None:
    label = "Northamptonshire Police (lead), Fire and Rescue"
    names = ["Northamptonshire Police", "Fire and Rescue"]
    assert short_owners(label, names, 60) == label
    assert short_owners(label, names, 33) == "Northamptonshire Police (lead) +1"
    assert short_owners(label, names, 26) == "Northamptonshire Police +1"
    assert short_owners(label, names, 12) == "Northamp… +1"
    assert short_owners("Ch. Insp Adrian Roberts", ["Ch. Insp Adrian Roberts"], 16) == "Ch. Insp Adrian…"


@pytest.mark.parametrize("args", [["status", "ni15"], ["status", "ni15", "--json"], ["show", "ni15"]])
def test_a_closed_pipe_ends_quietly(tmp_path: Path, args: list[str]) -> None:
    """`steerco status | head -1`: no 'Error: Broken pipe', no traceback; 0 or 1 (rich's exit for a closed pipe)."""
    import subprocess
    import sys

    db = tmp_path / "s.db"
    env = {"STEERCO_DB": str(db), "STEERCO_HOME": str(tmp_path), "STEERCO_CACHE": str(tmp_path / "c"), "PATH": ""}
    base = [sys.executable, "-m", "steerco.cli", "--plans", str(BUNDLED)]
    subprocess.run([*base, "record", "ni15", "7.1", "--rag", "G", "--note", "n", "--by", "adrian-roberts"],
                   env=env, check=True, capture_output=True)
    child = subprocess.Popen([*base, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    child.stdout.close()  # before the child has written anything: its first write meets a closed pipe
    _, err = child.communicate(timeout=60)
    assert child.returncode in (0, 1)
    assert b"Broken pipe" not in err and b"Traceback" not in err
