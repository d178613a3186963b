"""What `steerco validate` and `steerco import-updates` say about a bad plan or update file, in the
user's words (a new user's try): `file:line:column: problem`, the item named as written, each
problem said once, every problem of an update file in one pass."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from click.testing import CliRunner
from textual.widgets import SelectionList

from steerco.cli import main
from storage.plan.load import load_plan
from tests.test_tui_setup_close import app_on
from tests.test_tui_support import NI15

REPO = Path(__file__).resolve().parent.parent


def _validate(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


def _ni15_with_scale(tmp_path: Path, scale: str) -> tuple[Path, int]:
    """NI 15 with `scale` (lines of `rag_scale`) appended, as docs/plan-format.md shows, and the
    line the scale's first status is on."""
    text = NI15.read_text(encoding="utf-8").rstrip("\n") + "\n"
    first = text.count("\n") + 2
    path = tmp_path / "ni15.yaml"
    path.write_text(text + "rag_scale:\n" + scale, encoding="utf-8")
    return path, first


def test_a_rank_given_twice_names_the_status_it_is_in(tmp_path: Path) -> None:
    path, first = _ni15_with_scale(tmp_path, (
        '  - {code: N, name: Not started, symbol: "○", rank: 0, meaning: "Not begun."}\n'
        '  - {code: P, name: In progress, symbol: "◐", rank: 2, meaning: "Under way."}\n'
        '  - {code: C, name: Complete, symbol: "●", rank: 2, meaning: "Done."}\n'))
    code, lines = _validate(str(path))
    assert code == 2
    assert lines == [f"{path}:{first + 2}:50: error: status C: rank 2 is also P's: each status needs its own rank "
                     "(the highest is complete)",
                     "1 file checked: 1 error, 0 warnings"]


def test_a_code_beside_the_same_code_in_another_case_is_one_error_as_written(tmp_path: Path) -> None:
    path, first = _ni15_with_scale(tmp_path, (
        '  - {code: D, name: Delayed, symbol: "●", rank: 0, meaning: "Late."}\n'
        '  - {code: d, name: Deferred, symbol: "○", rank: 1, meaning: "Put off."}\n'
        '  - {code: C, name: Complete, symbol: "★", rank: 2, meaning: "Done."}\n'))
    code, lines = _validate(str(path))
    assert code == 2
    assert lines == [f"{path}:{first + 1}:12: error: status d: the code d is the same as D's (codes are not "
                     "case-sensitive)",
                     "1 file checked: 1 error, 0 warnings"]


def test_a_code_written_twice_is_one_error(tmp_path: Path) -> None:
    path, first = _ni15_with_scale(tmp_path, (
        '  - {code: D, name: Delayed, symbol: "●", rank: 0}\n'
        '  - {code: D, name: Deferred, symbol: "○", rank: 1}\n'
        '  - {code: C, name: Complete, symbol: "★", rank: 2}\n'))
    code, lines = _validate(str(path))
    assert code == 2
    assert lines == [f"{path}:{first + 1}:12: error: status D: the code D is used twice (first at line {first}): "
                     "each status needs its own code",
                     "1 file checked: 1 error, 0 warnings"]


def test_a_scale_without_meanings_is_a_good_scale(tmp_path: Path) -> None:
    """`meaning` is optional, as a risk band's is: the words the partnership agreed, when it wrote
    any; none is made up."""
    path, _ = _ni15_with_scale(tmp_path, (
        '  - {code: N, name: Not started, symbol: "○", rank: 0}\n'
        '  - {code: D, name: Delayed, symbol: "●", rank: 1}\n'
        '  - {code: P, name: In progress, symbol: "◐", rank: 2}\n'
        '  - {code: G, name: On track, symbol: "✓", rank: 3}\n'
        '  - {code: C, name: Complete, symbol: "★", rank: 4, meaning: "Signed off."}\n'))
    code, lines = _validate(str(path))
    assert (code, lines) == (0, ["1 file checked: 0 errors, 0 warnings"])
    plan = load_plan(path).plan
    assert plan is not None
    assert [s.meaning for s in plan.rag_scale] == [None, None, None, None, "Signed off."]


def test_the_docs_say_which_fields_of_a_status_are_required() -> None:
    doc = (REPO / "docs" / "plan-format.md").read_text(encoding="utf-8")
    assert "| `meaning` | no |" in doc and "| `code` | yes |" in doc


def _plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "ni15.yaml").write_text(NI15.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


UPDATES = """\
format: steerco-updates
version: 1
from: "Ch. Insp Adrian Roberts"
entries:
  - plan: "ni15"
    plan_version: "3.2"
    action: 7.2
    status: Q
    note: Patrols running.
    written_at: 2099-01-30
  - plan: "ni15"
    plan_version: "3.2"
    risk: "SSC15-2"
    impact: 7
    likelihood: 2
    stauts: x
    written_at: 2026-01-30
"""

# Every problem of the file, at once: the shape's (the unquoted id, the impact out of range, the
# misspelt field) and what is wrong beside them (the status, the time) in the same pass.
EXPECTED = [
    "7:13: error: entry 1 (action 7.2): action: YAML reads 7.2 as the number 7.2; quote it: \"7.2\"",
    "8:13: error: status 'Q' is not on plan ni15's scale; choose one of R (Red), A (Amber), G (Green), B (Complete)",
    "10:17: error: `written_at`: 2099-01-30 is in the future (today is {today}); write when it was written",
    "14:13: error: entry 2 (risk SSC15-2): impact: 7 is out of range: write a whole number from 1 to 5",
    "16:5: error: entry 2 (risk SSC15-2): unknown field 'stauts' (did you mean 'status'?)",
]


def test_an_update_file_names_the_entry_and_says_every_problem_at_once(tmp_path: Path) -> None:
    plans = _plans(tmp_path)
    path = tmp_path / "u3.yaml"
    path.write_text(UPDATES, encoding="utf-8")
    today = datetime.now(UTC).date().isoformat()
    expected = [f"{path}:{line.format(today=today)}" for line in EXPECTED]
    code, lines = _validate("--plans", str(plans), str(path))
    assert code == 2
    assert lines == [*expected, "1 file checked: 5 errors, 0 warnings"]
    assert not any("entries." in line for line in lines)
    result = CliRunner().invoke(main, ["import-updates", "--plans", str(plans), "--db", str(tmp_path / "c.db"),
                                       str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if ": error: " in line] == expected


def test_a_fixed_shape_leaves_the_same_other_problems(tmp_path: Path) -> None:
    """Quoting the id takes away its error only: the status and the time were said already."""
    plans = _plans(tmp_path)
    path = tmp_path / "u3.yaml"
    path.write_text(UPDATES.replace("action: 7.2", 'action: "7.2"'), encoding="utf-8")
    today = datetime.now(UTC).date().isoformat()
    code, lines = _validate("--plans", str(plans), str(path))
    assert code == 2
    assert lines[:-1] == [f"{path}:{line.format(today=today)}" for line in EXPECTED[1:]]


def test_a_status_file_names_its_item(tmp_path: Path) -> None:
    plans = _plans(tmp_path)
    path = tmp_path / "s.yaml"
    path.write_text('format: steerco-status\nversion: 1\nplan: "ni15"\nplan_version: "3.2"\n'
                    'meeting: 2026-11-12\nitems:\n'
                    '  - action: "7.1"\n    status: [A]\n    agreed_on: 2026-11-12\n'
                    '    agreed_at: 2026-11-12 10:00:00+00:00\narising: []\n', encoding="utf-8")
    code, lines = _validate("--plans", str(plans), str(path))
    assert code == 2
    assert lines[0] == f"{path}:8:13: error: item 1 (action 7.1): status: expected text, got a list of 1 item"


async def test_enter_ticks_the_highlighted_name_in_the_present_list_as_space_does(tmp_path: Path) -> None:
    app = app_on(tmp_path, today=date(2026, 12, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        present = app.screen.query_one("#present", SelectionList)
        await pilot.press("tab", "tab", "tab")  # Date → Chair → Agenda → Present
        assert app.focused is present
        before = set(present.selected)
        await pilot.press("enter")  # the first name, Michael Harrison
        assert set(present.selected) == before | {"michael-harrison"}
        await pilot.press("enter")
        assert set(present.selected) == before
    doc = (REPO / "docs" / "meeting-keys.md").read_text(encoding="utf-8")
    setup_keys = doc.split("## Meeting setup", 1)[1].split("\nEach field", 1)[0]
    assert "| `space`, `enter` | tick or untick the highlighted name" in setup_keys
