"""`steerco validate` never guesses (issue 13, session 5): a `2025-26` deadline names both its
readings, a ` #` that cuts an unquoted text is a warning at the `#`, several owners given to a
risk or a milestone say what to do, and the smaller messages (roster owners, duplicate keys, long
ids, tabs, YAML syntax) say the item, the limit and a plain hint."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.plan.load import load_plan
from tests.test_plan_messages import ROOT, changed, line_of, validate

DEADLINE = "        deadline: By June 26"


# -- 1. a year range written as a financial year often is ---------------------------------------

@pytest.mark.parametrize(("written", "first", "due", "year_end"), [
    ('"2025-26"', 2025, "2026-12-31", "2026-03-31"),
    ("2025-26", 2025, "2026-12-31", "2026-03-31"),
    ("By 2016–17", 2016, "2017-12-31", "2017-03-31"),
    ("1999-00", 1999, "2000-12-31", "2000-03-31"),
])
def test_a_two_digit_year_range_names_both_readings(tmp_path: Path, written: str, first: int, due: str,
                                                     year_end: str) -> None:
    text = changed(DEADLINE, f"        deadline: {written}")
    code, found = validate(tmp_path, text)
    assert code == 1
    fy = f"{first}/{str(first + 1)[-2:]}"
    shown = written.strip('"')
    assert [(p["sev"], p["msg"]) for p in found] == [(
        "warning", f"action 1.1: deadline {shown!r} is read as the years {first} to {first + 1} (due {due}); "
        f"for the financial year write {fy} (due {year_end})")]
    assert (int(found[0]["line"]), int(found[0]["col"])) == (line_of(text, "deadline: " + written),
                                                             len("        deadline: ") + 1)
    loaded = load_plan(tmp_path / "demo.yaml")
    assert loaded.plan is not None
    action = loaded.plan.action("1.1")
    assert action is not None and action.due == date.fromisoformat(due)  # still read as the range: warned, not changed


@pytest.mark.parametrize("written", ["2014-2017", "2025/26", "FY 2016/17", "2014-17", "2025 to 26"])
def test_a_four_digit_range_a_wider_range_and_a_financial_year_are_clean(tmp_path: Path, written: str) -> None:
    assert validate(tmp_path, changed(DEADLINE, f"        deadline: {written}")) == (0, [])


def test_a_due_date_settles_which_reading(tmp_path: Path) -> None:
    text = changed(DEADLINE, "        deadline: 2025-26\n        due: 2026-03-31")
    assert validate(tmp_path, text) == (0, [])


def test_a_milestone_deadline_is_warned_the_same(tmp_path: Path) -> None:
    text = changed("        owner: ann\n", "        owner: ann\n        milestones:\n"
                   "          - {text: Step, deadline: 2025-26}\n")
    _code, found = validate(tmp_path, text)
    assert [p["msg"] for p in found] == [
        "action 1.1: milestone 1: deadline '2025-26' is read as the years 2025 to 2026 (due 2026-12-31); "
        "for the financial year write 2025/26 (due 2026-03-31)"]


# -- 2. a ' #' that cuts an unquoted text --------------------------------------------------------

def cut(field: str, noun: str | None = None) -> str:
    noun = noun or field.rsplit(": ")[-1]
    return (f"{field}: the rest of this line after ' #' is a YAML comment, not part of the {noun}; quote the text "
            "to keep it")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("    title: Prevention", "    title: Officer numbers #1 priority", cut("theme 1: title")),
    ("        text: Publish the annual report.", "        text: Publish the report  # 2 of them",
     cut("action 1.2: text")),
    (DEADLINE, "        deadline: June 2026 #1", cut("action 1.1: deadline")),
    ("    name: Ann Officer", "    name: Ann Ø'Brien #lead", cut("person ann: name")),
    ("        owner: ann\n", "        owner: ann\n        outcomes:\n          medium_term:\n"
     "            - Fewer victims #3\n", cut("action 1.1: outcomes.medium_term item 1", "item")),
    ("title: Demo plan", "title: Demo plan #2026", cut("title")),
])
def test_a_comment_after_an_unquoted_text_is_a_warning_at_the_hash(tmp_path: Path, old: str, new: str,
                                                                    message: str) -> None:
    text = changed(old, new)
    code, found = validate(tmp_path, text)
    assert code == 1
    assert [(p["sev"], p["msg"]) for p in found] == [("warning", message)]
    hash_line = line_of(text, new.strip().splitlines()[-1].strip())
    row = text.splitlines()[hash_line - 1]
    assert (int(found[0]["line"]), int(found[0]["col"])) == (hash_line, row.index(" #") + 2)


@pytest.mark.parametrize(("old", "new"), [
    ("    title: Prevention", '    title: "Officer numbers #1 priority"'),  # quoted: the # is the text's
    ("    title: Prevention", "    title: 'Prevention' # the theme's name"),  # a comment after a quoted text
    ("    title: Prevention", "    # the theme's name\n    title: Prevention"),  # a comment on its own line
    ("    title: Prevention", "    title: Officer#1"),  # no space before the #: part of the text
    ("        owner: police", "        owner: police # the force"),  # an id: nothing of it is lost
    ("    impact: 3", "    impact: 3 # of 5"),  # a number
    ("version_date: 2026-01-15", "version_date: 2026-01-15 # \"DATE 15.01.26\""),  # a date
    ("        text: Publish the annual report.", "        text: |\n          Publish the report #2\n"
     "          # and this\n"),  # a block text keeps its #
])
def test_a_comment_that_cuts_nothing_is_clean(tmp_path: Path, old: str, new: str) -> None:
    assert validate(tmp_path, changed(old, new)) == (0, [])


# -- 3. several owners for a risk or a milestone ------------------------------------------------

RISK_ONE = "a risk has one owner: give the lead owner as `owner` and name the others in `lead` (as written)"


@pytest.mark.parametrize(("old", "new", "anchor", "message"), [
    ("    owner: ann\nindicators", "    owner: [ann, bob]\nindicators", "owner: [ann, bob]",
     f"risk R-1: owner: expected one owner, got a list of 2 items; {RISK_ONE}"),
    ("    owner: ann\nindicators", "    owners: [ann, bob]\nindicators", "owners: [ann, bob]",
     f"risk R-1: unknown field 'owners': {RISK_ONE}"),
    ("        owner: ann\n", "        owner: ann\n        milestones:\n          - {text: a, owner: [ann, bob]}\n",
     "{text: a, owner: [ann, bob]}",
     "action 1.1: milestone 1: owner: expected one owner, got a list of 2 items; a milestone has one owner: give "
     "the lead owner as `owner`; the action's `owners` can name them all"),
])
def test_several_owners_where_one_is_taken_say_what_to_do(tmp_path: Path, old: str, new: str, anchor: str,
                                                          message: str) -> None:
    text = changed(old, new)
    code, found = validate(tmp_path, text)
    assert code == 2
    assert [p["msg"] for p in found] == [message]
    assert int(found[0]["line"]) == line_of(text, anchor)


def test_an_action_keeps_its_owners_hint(tmp_path: Path) -> None:
    _code, found = validate(tmp_path, changed("        owner: ann\n", "        owner: [ann, police]\n"))
    assert found[0]["msg"].endswith("for several, write `owners: [ann, police]` in place of `owner:`")


# -- 4. the smaller messages --------------------------------------------------------------------

def test_a_duplicate_key_names_its_item(tmp_path: Path) -> None:
    text = changed(DEADLINE, DEADLINE + "\n        deadline: By July 26")
    code, found = validate(tmp_path, text)
    assert code == 2
    assert found[0]["msg"] == (f"action 1.1: duplicate key 'deadline' (first at line {line_of(text, DEADLINE)}); "
                               "YAML would keep only the last")
    assert int(found[0]["line"]) == line_of(text, "deadline: By July 26")


def test_a_duplicate_plan_field_is_named_by_itself(tmp_path: Path) -> None:
    _code, found = validate(tmp_path, changed("title: Demo plan", "title: Demo plan\ntitle: Again"))
    assert found[0]["msg"] == "duplicate key 'title' (first at line 2); YAML would keep only the last"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  - id: bob", "  - id: " + "b" * 70, "the 2nd person: id: the id is 70 characters; the limit for an id is 64"),
    ("        owner: police", "        owner: " + "p" * 65,
     "action 1.2: owner: the id is 65 characters; the limit for an id is 64"),
])
def test_a_long_id_says_the_limit_for_an_id(tmp_path: Path, old: str, new: str, message: str) -> None:
    _code, found = validate(tmp_path, changed(old, new))
    assert found[0]["msg"] == message + " (docs/plan-format.md, Limits)"


def test_the_tab_message_leaves_the_line_to_its_place(tmp_path: Path) -> None:
    text = changed("        owner: police\n", "\towner: police\n")
    _code, found = validate(tmp_path, text)
    assert [(int(p["line"]), p["col"], p["msg"]) for p in found] == [
        (line_of(text, "\towner"), "1", "tab character in indentation: YAML indents with spaces")]


@pytest.mark.parametrize(("old", "new", "anchor", "hint"), [
    ("    title: Prevention", "    title: Prevention: the first theme", "Prevention: the",
     "mapping values are not allowed in this context; a ': ' inside an unquoted text: quote the text"),
    ("        owner: police\n", "        owner police\n", "owner police",
     "could not find expected ':'; a line without 'key: value'?"),
    ('as_written: "0.70", value', 'as_written: "0.70, value', '"0.70, value', "a quote opened and never closed?"),
    ("    title: Prevention", "    title: @Prevention", "@Prevention",
     "a text starting with @, ` or %: quote the text"),
    ("    title: Prevention", '    title: "Prevention" first', '"Prevention" first',
     "text after a closing quote?"),
])
def test_a_yaml_syntax_error_gets_a_plain_hint(tmp_path: Path, old: str, new: str, anchor: str, hint: str) -> None:
    text = changed(old, new)
    code, found = validate(tmp_path, text)
    assert code == 2
    (problem,) = found
    assert problem["msg"].startswith("YAML syntax: ") and problem["msg"].endswith(hint), problem
    assert int(problem["line"]) in (line_of(text, anchor), line_of(text, anchor) + 1)
    if "a line without" in hint:  # at the line that lacks its ': ', not the one after it
        assert int(problem["line"]) == line_of(text, anchor)


def test_the_bundled_plans_stay_clean_and_unchanged() -> None:
    result = CliRunner().invoke(main, ["validate", *sorted(str(p) for p in (ROOT / "plans").glob("*.yaml"))])
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.output, result.output


def test_the_docs_quote_the_new_messages() -> None:
    doc = " ".join((ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8").split())
    for quoted in ["'2025-26' is read as the years 2025 to 2026 (due 2026-12-31); for the financial year write "
                   "2025/26 (due 2026-03-31)",
                   "the rest of this line after ' #' is a YAML comment, not part of the title; quote the text to "
                   "keep it",
                   RISK_ONE, "a ': ' inside an unquoted text: quote the text", "a line without 'key: value'?",
                   "the id is 70 characters; the limit for an id is 64",
                   "action 7.1: duplicate key 'deadline'", "tab character in indentation: YAML indents with spaces"]:
        assert quoted in doc, quoted
