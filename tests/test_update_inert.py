"""Untrusted text stays inert: update files refuse control characters and bidi overrides, raw or
escaped, at their place; times outside a sane window; a `version` that is not the integer 1;
merge keys. Each refusal is one line, nothing is stored, and `steerco validate` checks an update
file as the import would. `steerco history` never prints a stored control character raw."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.store.store import Store
from storage.updates.importer import import_update_bytes
from storage.updates.inert import escape_unsafe, unsafe_character
from tests.test_updates import HAND, LINE, importing, proposal_count, run, write
from tests.test_updates_fuzz import PLANS

NOTE_LINE = HAND.splitlines().index("    note: Venue booked, campaign starts late.") + 1
NOTE_AT = len("    note: ") + 1


def one_problem(output: str) -> dict[str, str]:
    found = [m.groupdict() for m in LINE.finditer(output)]
    assert len(found) == 1, output
    assert "<unicode string>" not in output and "position" not in output, output
    return found[0]


@pytest.mark.parametrize("written, character", [
    (r'"A \u0000 B"', "U+0000"),
    (r'"A \e[31m red"', "U+001B"),
    (r'"A \x1b[31m red"', "U+001B"),
    (r'"A \u202e reversed"', "U+202E"),
    (r'"A \U00002066 isolate"', "U+2066"),
    (r'"A \x85 NEL"', "U+0085"),
    ("A \u202e reversed, raw", "U+202E"),
    ("A \u2067 isolate, raw", "U+2067"),
])
def test_escaped_or_raw_controls_in_a_note_are_refused_at_their_place(
        plans_dir: Path, tmp_path: Path, written: str, character: str) -> None:
    text = HAND.replace("Venue booked, campaign starts late.", written)
    db = tmp_path / "c.db"
    result = importing(plans_dir, db, write(tmp_path, text))
    assert result.exit_code == 2, result.output
    problem = one_problem(result.output)
    column = NOTE_AT + written.index("A ") + 2  # the escape (or character) after "A "
    assert (int(problem["line"]), int(problem["col"])) == (NOTE_LINE, column), result.output
    assert character in problem["msg"] and "`note`" in problem["msg"]
    assert proposal_count(db) == 0
    checked = run("validate", str(write(tmp_path, text)), "--plans", str(plans_dir))
    assert checked.exit_code == 2 and one_problem(checked.output) == problem


@pytest.mark.parametrize("field, value", [("from", r'"Ann\u202eOfficer"'), ("author", r'"Ann\eOfficer"'),
                                          ("plan", r'"de\x07mo"')])
def test_every_text_field_is_checked(plans_dir: Path, tmp_path: Path, field: str, value: str) -> None:
    text = HAND.replace("from: Ann Officer", f"from: {value}") if field == "from" else \
        HAND.replace("  - plan: demo\n", f"  - plan: {value}\n", 1) if field == "plan" else \
        HAND.replace("    note: Venue", f"    author: {value}\n    note: Venue")
    db = tmp_path / "c.db"
    result = importing(plans_dir, db, write(tmp_path, text))
    assert result.exit_code in (1, 2), result.output
    problems = [m.groupdict() for m in LINE.finditer(result.output)]
    assert any(f"`{field}` holds" in p["msg"] for p in problems), result.output
    assert proposal_count(db) == 0


def test_an_escaped_backslash_is_only_text(plans_dir: Path, tmp_path: Path) -> None:
    text = HAND.replace("Venue booked, campaign starts late.", r'"C:\\x1b\\u202e is a path"')
    db = tmp_path / "c.db"
    result = importing(plans_dir, db, write(tmp_path, text))
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        notes = [r[0] for r in store.db.conn.execute("SELECT note FROM proposals")]
    assert "C:\\x1b\\u202e is a path" in notes


@pytest.mark.parametrize("raw", ["\x01", "\x1b", "\x7f", "\x9b"])
def test_a_raw_control_character_is_one_line_at_its_place(plans_dir: Path, tmp_path: Path, raw: str) -> None:
    text = HAND.replace("campaign starts", f"campaign{raw} starts")
    db = tmp_path / "c.db"
    result = importing(plans_dir, db, write(tmp_path, text))
    assert result.exit_code == 2, result.output
    problem = one_problem(result.output)
    column = NOTE_AT + len("Venue booked, campaign")
    assert (int(problem["line"]), int(problem["col"])) == (NOTE_LINE, column), result.output
    assert f"U+{ord(raw):04X}" in problem["msg"]
    assert proposal_count(db) == 0


def test_a_raw_control_character_in_a_plan_file_is_placed_too(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\ntitle: Demo\nthemes:\n  - id: '1'\n    title: A\x1bB\n", "plan.yaml")
    result = run("validate", str(path))
    problem = one_problem(result.output)
    assert (problem["line"], problem["col"]) == ("5", "13") and "U+001B" in problem["msg"], result.output


@pytest.mark.parametrize("written, why", [
    ("0001-01-01", "before 2000"), ("1999-12-31", "before 2000"), ("9999-01-01", "in the future"),
    ((datetime.now(UTC) + timedelta(days=3)).date().isoformat(), "in the future"),
])
def test_times_outside_a_sane_window_are_refused(plans_dir: Path, tmp_path: Path, written: str, why: str) -> None:
    text = HAND.replace("    written_at: 2026-02-01\n", f"    written_at: {written}\n", 1)
    db = tmp_path / "c.db"
    result = importing(plans_dir, db, write(tmp_path, text))
    assert result.exit_code == 2, result.output
    problem = one_problem(result.output)
    assert problem["line"] == str(HAND.splitlines().index("    written_at: 2026-02-01") + 1), result.output
    assert why in problem["msg"] and "written_at" in problem["msg"]
    assert proposal_count(db) == 0


def test_the_files_own_time_is_checked(plans_dir: Path, tmp_path: Path) -> None:
    text = HAND.replace("from: Ann Officer\n", "from: Ann Officer\nwritten_at: 1970-01-01\n")
    result = importing(plans_dir, tmp_path / "c.db", write(tmp_path, text))
    assert result.exit_code == 2 and one_problem(result.output)["line"] == "4", result.output


@pytest.mark.parametrize("period, written, refused", [
    ("2026-2028", "2025-12-31", "the plan begins on 2026-01-01"),  # the version date (2026-01-15) is later
    ("2027-2028", "2026-01-14", "the plan begins on 2026-01-15"),  # written before its period starts: dated
    ("2027-2028", "2026-01-15", None),
    ("2026-2028", "2026-01-01", None),
])
def test_a_time_before_the_plan_began_is_refused(plans_dir: Path, tmp_path: Path, period: str, written: str,
                                                 refused: str | None) -> None:
    plan = (plans_dir / "demo.yaml").read_text(encoding="utf-8")
    (plans_dir / "demo.yaml").write_text(plan.replace("partnership:", f"period: {period}\npartnership:"),
                                         encoding="utf-8")
    text = HAND.replace("    written_at: 2026-02-01\n", f"    written_at: {written}\n", 1)
    result = importing(plans_dir, tmp_path / "c.db", write(tmp_path, text))
    if refused is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2, result.output
    assert refused in one_problem(result.output)["msg"]


@pytest.mark.parametrize("written", ["true", "yes", "on", "1.0", '"1"', "0x1"])
def test_version_must_be_the_integer_it_documents(plans_dir: Path, tmp_path: Path, written: str) -> None:
    text = HAND.replace("version: 1\n", f"version: {written}\n")
    db = tmp_path / "c.db"
    result = importing(plans_dir, db, write(tmp_path, text))
    if written == "0x1":  # YAML 1.1 reads 0x1 as the integer 1
        assert result.exit_code == 0, result.output
        return
    problem = one_problem(result.output)
    assert result.exit_code == 2 and (problem["line"], problem["col"]) == ("2", "10"), result.output
    assert "`version` must be the whole number 1" in problem["msg"]
    assert proposal_count(db) == 0


def test_a_merge_key_gets_a_plain_message(plans_dir: Path, tmp_path: Path) -> None:
    text = HAND.replace("entries:\n  - plan: demo\n", "base: &b {plan: demo}\nentries:\n  - <<: *b\n    plan: demo\n")
    result = importing(plans_dir, tmp_path / "c.db", write(tmp_path, text))
    problem = one_problem(result.output)
    assert result.exit_code == 2 and "merge key (`<<`)" in problem["msg"] and "None" not in problem["msg"]
    assert problem["line"] == "6", result.output


# -- validate -------------------------------------------------------------------------


def test_validate_checks_an_update_file_as_the_import_does(plans_dir: Path, tmp_path: Path) -> None:
    good = run("validate", str(write(tmp_path, HAND)), "--plans", str(plans_dir))
    assert good.exit_code == 0, good.output
    assert "missing required field" not in good.output and "quote it" not in good.output
    bad = write(tmp_path, HAND.replace('action: "1.1"', 'action: "9.9"'), "bad.yaml")
    checked = run("validate", str(bad), "--plans", str(plans_dir))
    dry = importing(plans_dir, tmp_path / "c.db", bad, extra=("--dry-run",))
    assert checked.exit_code == 2
    assert [m.group(0) for m in LINE.finditer(checked.output)] == [m.group(0) for m in LINE.finditer(dry.output)]
    assert "no action '9.9' in plan demo" in checked.output
    json_out = run("validate", str(bad), "--plans", str(plans_dir), "--json")
    assert json.loads(json_out.output)["errors"] == 1


def test_validate_names_an_unknown_format(plans_dir: Path, tmp_path: Path) -> None:
    result = run("validate", str(write(tmp_path, "format: steerco-minutes\nversion: 1\n")), "--plans", str(plans_dir))
    assert result.exit_code == 2 and "unknown file format 'steerco-minutes'" in one_problem(result.output)["msg"]


def test_validate_checks_a_status_file_by_its_own_checker(plans_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "format: steerco-status\nversion: yes\n", "status.yaml")
    result = run("validate", str(path), "--plans", str(plans_dir))
    problem = one_problem(result.output)
    assert result.exit_code == 2 and "`version` must be the whole number 1" in problem["msg"], result.output
    assert "missing required field id" not in result.output


def test_validate_still_checks_plan_files(plans_dir: Path) -> None:
    result = run("validate", str(plans_dir / "demo.yaml"))
    assert result.exit_code == 0, result.output


# -- history --------------------------------------------------------------------------


def test_history_never_prints_a_stored_control_character_raw(plans_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store.open(db) as store:  # as an older steerco stored it
        store.record_update("demo", "1.1", "A", "bad \x1b[2J\x9b\u202e [bold]x[/bold]", "Ann\x07", "app")
    result = run("history", "demo", "1.1", "--db", str(db), "--plans", str(plans_dir))
    assert result.exit_code == 0, result.output
    assert unsafe_character(result.output.replace("\n", " ")) is None, repr(result.output)
    for shown in ("bad \\x1b[2J\\x9b\\u202e", "[bold]x[/bold]", "Ann\\x07"):  # markup not read either
        assert shown in result.output, result.output
    as_json = run("history", "demo", "1.1", "--db", str(db), "--plans", str(plans_dir), "--json")
    assert unsafe_character(as_json.output) is None, repr(as_json.output)  # JSON escapes: the same data
    [entry] = json.loads(as_json.output)["entries"]
    assert (entry["note"], entry["by"]) == ("bad \x1b[2J\x9b\u202e [bold]x[/bold]", "Ann\x07")


# -- generated ------------------------------------------------------------------------

UNSAFE = st.sampled_from([chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]]
                         + list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
SAFE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\\\"\u061c"
                             "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"), max_size=20)


def _escaped(char: str, style: int) -> str:
    code = ord(char)
    if style == 0 and code < 0x100:
        return f"\\x{code:02x}"
    if style == 1:
        return f"\\U{code:08x}"
    return f"\\u{code:04x}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(before=SAFE, char=UNSAFE, after=SAFE, style=st.integers(0, 2), field=st.sampled_from(["note", "author"]))
def test_generated_escapes_are_refused_at_their_place(tmp_path: Path, before: str, char: str, after: str,
                                                      style: int, field: str) -> None:
    """Any unsafe character, written as any escape, anywhere in a double-quoted note or author:
    one error on its line and at its column, nothing stored, no traceback."""
    written = f'"{before}{_escaped(char, style)}{after}"'
    text = HAND.replace("    note: Venue booked, campaign starts late.", f"    {field}: {written}")
    with Store.open(tmp_path / "gen.db") as store:
        before_count = store.db.conn.execute("SELECT count(*) FROM proposals").fetchone()[0]
        report = import_update_bytes(text.encode(), "gen.yaml", PLANS, store)
        assert report.taken == 0 and report.exit_code in (1, 2)
        assert store.db.conn.execute("SELECT count(*) FROM proposals").fetchone()[0] == before_count
    mine = [p for p in report.problems if "holds U+" in p.message]
    assert len(mine) == 1 and report.fatal is None, (report.fatal, report.problems)
    assert (mine[0].line, mine[0].column) == (NOTE_LINE, len(f'    {field}: "{before}') + 1), text
    assert f"U+{ord(char):04X}" in mine[0].message


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=30))
def test_escape_unsafe_leaves_nothing_unsafe_and_changes_only_unsafe_text(text: str) -> None:
    shown = escape_unsafe(text)
    assert unsafe_character(shown) is None
    assert (shown == text) == (unsafe_character(text) is None)
