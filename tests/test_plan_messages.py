"""`steerco validate`'s messages as a hand-editor reads them: errors name the item as warnings do
("action 1.1: owner: ..."), every bad value gets the field, the form expected and what was found
(never pydantic's wording), case-duplicate ids are reported at the duplicate, an owner not on the
roster gets a "did you mean", a `due:` beside a standing or recurring deadline is a warning, and
a deadline written as an unquoted date is that date."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steerco.cli import main
from storage.plan.load import load_plan
from storage.plan.status import is_late
from storage.plan.yaml_source import load_yaml_text
from tests.conftest import MINIMAL_PLAN

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")
ROOT = Path(__file__).parent.parent


def validate(tmp_path: Path, text: str) -> tuple[int, list[dict[str, str]]]:
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, [m.groupdict() for line in result.output.splitlines() if (m := LINE.match(line))]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def changed(old: str, new: str, base: str = MINIMAL_PLAN) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


# -- 1. errors name the item as warnings do ------------------------------------------------------

TARGET = '      - {period: "2026", as_written: "0.70", value: 0.70}'

NAMED = [
    (("        owner: ann\n", "        owner: [ann, police]\n"), "owner: [ann",
     "action 1.1: owner: expected one owner, got a list of 2 items; for several, write `owners: [ann, police]` "
     "in place of `owner:`"),
    ((TARGET, TARGET.replace("}", ", direction: at least}")), "direction: at least",
     "indicator I1: target '2026': direction: 'at least' is not one of at_least, at_most, exactly "
     "(did you mean 'at_least'?)"),
    ((TARGET, TARGET.replace("}", ", direction: More}")), "direction: More",
     "indicator I1: target '2026': direction: 'More' is not one of at_least, at_most, exactly"),
    (("        text: Publish the annual report.\n", ""), '- id: "1.2"', "action 1.2: missing required field text"),
    (("    title: Prevention", "    titel: Prevention"), "titel:",
     "theme 1: unknown field 'titel' (did you mean 'title'?)"),
    (("impact: 3", "impact: 7"), "impact: 7", "risk R-1: impact: 7 is out of range: write a whole number from 1 to 5"),
    (("impact: 3", "impact: 2.5"), "impact: 2.5", "risk R-1: impact: 2.5 is not a whole number; write a whole number"),
    (('- id: "1.2"', "- id: 1.10"), "id: 1.10",
     'theme 1: the 2nd action: id: YAML reads 1.10 as the number 1.1; quote it: "1.10"'),
    (('- id: "1.2"', '- id: ""'), 'id: ""', "theme 1: the 2nd action: id: cannot be empty; write a value"),
    (("        owner: ann\n", "        owners: ann\n"), "owners: ann",
     "action 1.1: owners: expected a list, got the text 'ann'; write `owners: [ann]`, or one `- ` line per item"),
    (("        owner: ann\n", "        owner: ann\n        stages: \"1\"\n"), 'stages: "1"',
     'action 1.1: stages: expected a list, got the text \'1\'; write `stages: ["1"]`, or one `- ` line per item'),
    (("        owner: ann\n", "        owner: ann\n        milestones: {text: a}\n"), "milestones:",
     "action 1.1: milestones: expected a list, got a mapping (fields with values); start each item on its own "
     "line with `- `"),
    (("        owner: ann\n", "        owner: ann\n        milestones:\n          - {text: a, done: maybe}\n"),
     "done: maybe", "action 1.1: milestone 1: done: 'maybe' is not a yes/no value; write true or false"),
    (("        owner: ann\n", "        owner: ann\n        milestones:\n          - {text: a, done: \"yes\"}\n"),
     "done: \"yes\"", "action 1.1: milestone 1: done: 'yes' is text; write true or false, unquoted"),
    (("        owner: ann\n", "        owner: ann\n        outcomes: [x]\n"), "outcomes:",
     "action 1.1: outcomes: expected a mapping of fields (medium_term, long_term), got a list of 1 item"),
    (("        text: Publish the annual report.", "        text: [a, b]"), "text: [a, b]",
     "action 1.2: text: expected text, got a list of 2 items"),
    ((TARGET, TARGET.replace("value: 0.70", 'value: "0.70"')), 'value: "0.70"',
     "indicator I1: target '2026': value: '0.70' is text; write a number, unquoted"),
    (("    name: Ann Officer", "    name: [Ann]"), "name: [Ann]",
     "person ann: name: expected text, got a list of 1 item"),
    (("      - person: ann", "      - person: ann\n        role: [x]"), "role: [x]",
     "group board: member 2: role: expected text, got a list of 1 item"),
    (("id: demo", "id: demo\nmeeting_cycle: [1]"), "meeting_cycle: [1]",
     "meeting_cycle: expected text or a whole number, got a list of 1 item"),
    (("id: demo", "id: demo\nmeeting_cycle: 0"), "meeting_cycle: 0",
     "meeting_cycle: 0 is out of range: write a whole number from 1 to 366"),
    (("id: demo", "id: demo\nrag_scale:\n  - {code: R, name: Red, symbol: x, meaning: m, rank: 0}"), "  - {code: R",
     "rag_scale: the list has 1 item; at least 2 are needed"),
    (("version_date: 2026-01-15", "version_date: [2026]"), "version_date:",
     "version_date: got a list of 1 item; write the date as YYYY-MM-DD, unquoted (e.g. 2011-03-31)"),
]


@pytest.mark.parametrize(("damage", "anchor", "message"), NAMED, ids=[m for _d, _a, m in NAMED])
def test_an_error_names_its_item_and_the_form_expected(tmp_path: Path, damage: tuple[str, str], anchor: str,
                                                       message: str) -> None:
    text = changed(*damage)
    code, found = validate(tmp_path, text)
    assert code == 2
    ours = [p for p in found if p["msg"] == message]
    assert ours, found
    assert int(ours[0]["line"]) == line_of(text, anchor), found


def test_an_error_and_a_warning_on_one_action_name_it_alike(tmp_path: Path) -> None:
    _code, (error,) = validate(tmp_path, changed("        owner: ann\n", "        owner: [ann]\n"))
    _code, (warning,) = validate(tmp_path, changed("        owner: ann\n", "        owner: zed\n"))
    assert (error["sev"], warning["sev"]) == ("error", "warning")
    assert error["msg"].startswith("action 1.1: owner: ") and warning["msg"].startswith("action 1.1: owner 'zed'")
    assert (error["line"], error["col"]) == (warning["line"], warning["col"])


# -- 2. no pydantic wording reaches the user ------------------------------------------------------

PYDANTIC_WORDS = re.compile(r"Input should|input_value|type=|pydantic|For further information|constrained-|"
                            r"function-(?:before|after|wrap|plain)|instance of|valid dictionary|Value error|"
                            r"String should|List should|should have at least|literal_error|\burl\b", re.I)

BROKEN_VALUES = ["[a, b]", "{a: 1}", "7", "2.5", "-1", "0", "yes", "2026-01-15", "''", "~", '"x"', "at least",
                 "[]", "{}", '"2026-13-01"', "99999999999999999999"]


def _value_lines(text: str) -> list[int]:
    """The lines holding `key: value` where a value can be swapped."""
    return [n for n, line in enumerate(text.splitlines()) if re.match(r"^\s*(?:- )?[a-z_]+: \S", line)
            and not line.rstrip().endswith(":")]


def _swap(text: str, index: int, value: str) -> str:
    lines = text.splitlines()
    key, _sep, _rest = lines[index].partition(": ")
    lines[index] = f"{key}: {value}"
    return "\n".join(lines) + "\n"


_RICH_PLAN = MINIMAL_PLAN.replace("        owner: ann\n", "        owner: ann\n        milestones:\n"
                                  "          - text: Step one\n            deadline: March 2026\n"
                                  "            done: false\n"
                                  ).replace(TARGET, "      - period: \"2026\"\n        as_written: \"0.70\"\n"
                                            "        value: 0.70\n        direction: at_most\n") + (
    "period:\n  as_written: 2026-2027\n  end: 2027\nmeeting_cycle: monthly\n")


def test_the_rich_plan_is_clean() -> None:
    value, _source, problems = load_yaml_text(_RICH_PLAN, "rich.yaml")
    assert not problems and isinstance(value, dict)
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.yaml"
        path.write_text(_RICH_PLAN, encoding="utf-8")
        assert load_plan(path).problems == []


@pytest.mark.parametrize("value", BROKEN_VALUES)
def test_no_message_speaks_pydantic(tmp_path: Path, value: str) -> None:
    """Every field of a plan (each `key: value` line in turn) given each kind of wrong value."""
    path = tmp_path / "demo.yaml"
    seen = 0
    for index in _value_lines(_RICH_PLAN):
        path.write_text(_swap(_RICH_PLAN, index, value), encoding="utf-8")
        for problem in load_plan(path).problems:
            seen += 1
            assert not PYDANTIC_WORDS.search(problem.message), (index, value, problem.message)
            assert problem.message.strip() and "\n" not in problem.message, problem
    assert seen > 5


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(BROKEN_VALUES)), min_size=1, max_size=4))
def test_no_message_speaks_pydantic_when_several_fields_break(tmp_path: Path, swaps: list[tuple[int, str]]) -> None:
    lines = _value_lines(_RICH_PLAN)
    text = _RICH_PLAN
    for at, value in swaps:
        text = _swap(text, lines[at % len(lines)], value)
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    for problem in load_plan(path).problems:
        assert not PYDANTIC_WORDS.search(problem.message), problem.message


# -- 3. a case-duplicate id is reported at the duplicate ---------------------------------------------

_PEOPLE = MINIMAL_PLAN[MINIMAL_PLAN.index("people:\n"):MINIMAL_PLAN.index("groups:\n")]
_GROUPS = MINIMAL_PLAN[MINIMAL_PLAN.index("groups:\n"):MINIMAL_PLAN.index("themes:\n")]
GROUPS_FIRST = MINIMAL_PLAN.replace(_PEOPLE + _GROUPS, _GROUPS.replace(
    "groups:\n", "groups:\n  - id: ANN\n    name: Ann's group\n") + _PEOPLE)


@pytest.mark.parametrize(("text", "second", "first_line", "message"), [
    (changed("  - id: bob", "  - id: Ann"), "  - id: Ann", 10,
     "duplicate roster id 'Ann': person 'ann' at line 10 differs only in case"),
    # the person comes after the organisation in the file: the person is the duplicate
    (changed("  - id: bob", "  - id: Police"), "  - id: Police", 7,
     "duplicate roster id 'Police': organisation 'police' at line 7 differs only in case"),
    # groups written before people: the person is the duplicate, though people are read first
    (GROUPS_FIRST, "  - id: ann", 10,
     "duplicate roster id 'ann': group 'ANN' at line 10 differs only in case"),
    (changed("  - id: bob", "  - id: police"), "  - id: police\n    name: Bob", 7,
     "duplicate roster id 'police' (first used at line 7 by organisation 'police')"),
    (changed('- id: "1.1"', '- id: "7.1a"').replace('- id: "1.2"', '- id: "7.1A"'), '- id: "7.1A"', 26,
     "duplicate action id '7.1A': '7.1a' at line 26 differs only in case"),
], ids=["person-person", "organisation-person", "group-before-person", "exact", "action"])
def test_a_case_duplicate_is_reported_at_the_second(tmp_path: Path, text: str, second: str, first_line: int,
                                                    message: str) -> None:
    code, found = validate(tmp_path, text)
    assert code == 2
    ours = [p for p in found if p["msg"].startswith(message)]
    assert ours, found
    assert int(ours[0]["line"]) == line_of(text, second) and line_of(text, second) > first_line, found
    assert f"line {first_line}" in ours[0]["msg"]


# -- 4. an owner not on the roster: did you mean ---------------------------------------------------

@pytest.mark.parametrize(("old", "new", "anchor", "message"), [
    ("owner: ann\n        deadline", "owner: anne\n        deadline", "owner: anne",
     "action 1.1: owner 'anne' is not on the roster (people, organisations, groups); did you mean 'ann' "
     "(Ann Officer)?"),
    ("owner: ann\n        deadline", "owner: Ann\n        deadline", "owner: Ann",
     "action 1.1: owner 'Ann' is not on the roster (people, organisations, groups); did you mean 'ann' "
     "(Ann Officer)? A reference is written as the id is"),
    ("owner: ann\n        deadline", "owner: Ann Officer\n        deadline", "owner: Ann Officer",
     "action 1.1: owner 'Ann Officer' is not on the roster (people, organisations, groups); did you mean 'ann' "
     "(Ann Officer)? A reference is the id, not the name"),
    ("owner: ann\n        deadline", "owners: [ann, polise]\n        deadline", "owners: [ann, polise]",
     "action 1.1: owner 'polise' is not on the roster (people, organisations, groups); did you mean 'police' "
     "(Demo Police)?"),
    ("        owner: ann\n", "        owner: ann\n        milestones:\n          - {text: a, owner: bord}\n",
     "{text: a, owner: bord}",
     "action 1.1: milestone 1: owner 'bord' is not on the roster (people, organisations, groups); did you mean "
     "'board' (Steering Group)?"),
    ("    organisation: police", "    organisation: polce", "organisation: polce",
     "person ann: organisation 'polce' does not exist; did you mean 'police' (Demo Police)?"),
    ("      - person: ann", "      - person: an", "person: an",
     "group board: member 2: person 'an' is not in people; did you mean 'ann' (Ann Officer)?"),
    ("owner: ann\n        deadline", "owner: zzz\n        deadline", "owner: zzz",
     "action 1.1: owner 'zzz' is not on the roster (people, organisations, groups)"),
])
def test_an_owner_not_on_the_roster_gets_the_closest(tmp_path: Path, old: str, new: str, anchor: str,
                                                     message: str) -> None:
    text = changed(old, new)
    _code, found = validate(tmp_path, text)
    ours = [p for p in found if p["msg"] == message]
    assert ours, found
    assert int(ours[0]["line"]) == line_of(text, anchor)


def test_a_risk_owner_gets_the_closest_too(tmp_path: Path) -> None:
    text = changed("    owner: ann\nindicators", "    owner: bobb\nindicators")
    _code, found = validate(tmp_path, text)
    assert [p["msg"] for p in found] == ["risk R-1: owner 'bobb' is not on the roster (people, organisations, "
                                         "groups); did you mean 'bob' (Bob Chair)?"]


# -- 5. a due date beside a standing or recurring deadline --------------------------------------------

ONE_TWO = "        deadline: Across the year\n        due: 2026-12-31"


@pytest.mark.parametrize(("deadline", "message"), [
    ("ongoing", "action 1.2: deadline 'ongoing' is a standing commitment (never due), but `due: 2020-01-01` gives "
     "it a date; the due date wins (late after 2020-01-01): remove `due:` to keep it standing"),
    ("maintain at 1,220 for the term", "action 1.2: deadline 'maintain at 1,220 for the term' is a standing "
     "commitment (never due), but `due: 2020-01-01` gives it a date; the due date wins"),
    ("quarterly", "action 1.2: deadline 'quarterly' recurs (its next due date is worked out each day), but "
     "`due: 2020-01-01` fixes one date; the due date wins (late after 2020-01-01): remove `due:` to keep it recurring"),
])
def test_a_due_date_contradicting_the_deadline_is_a_warning_and_wins(tmp_path: Path, deadline: str,
                                                                     message: str) -> None:
    text = changed(ONE_TWO, f"        deadline: {deadline}\n        due: 2020-01-01")
    code, found = validate(tmp_path, text)
    assert code == 1
    (warning,) = found
    assert warning["sev"] == "warning" and warning["msg"].startswith(message), found
    assert int(warning["line"]) == line_of(text, "due: 2020-01-01")
    loaded = load_plan(tmp_path / "demo.yaml")
    assert loaded.plan is not None
    action = loaded.plan.action("1.2")
    assert action is not None and (action.deadline_kind, action.due) == ("date", date(2020, 1, 1))
    assert is_late(action.late_due, None, date(2026, 3, 1))


def test_a_milestone_due_contradicting_its_standing_deadline_is_a_warning(tmp_path: Path) -> None:
    text = changed("        owner: ann\n", "        owner: ann\n        milestones:\n"
                   "          - {text: a, deadline: ongoing, due: 2020-01-01}\n")
    code, found = validate(tmp_path, text)
    assert code == 1
    assert [p["msg"][:60] for p in found] == ["action 1.1: milestone 1: deadline 'ongoing' is a standing co"]


def test_a_standing_deadline_alone_and_a_date_with_due_stay_clean(tmp_path: Path) -> None:
    text = changed(ONE_TWO, "        deadline: ongoing").replace("deadline: By June 26", "deadline: By June 26\n"
                                                                   "        due: 2026-06-30")
    assert validate(tmp_path, text) == (0, [])


# -- 6. a deadline written as an unquoted date ------------------------------------------------------

@pytest.mark.parametrize(("written", "deadline", "due"), [
    ("2025-03-31", "2025-03-31", date(2025, 3, 31)),
    ('"2025-03-31"', "2025-03-31", date(2025, 3, 31)),
    ("2025-3-31", "2025-3-31", date(2025, 3, 31)),
    ("2024-02-29", "2024-02-29", date(2024, 2, 29)),
])
def test_an_unquoted_date_deadline_is_read_as_that_date(tmp_path: Path, written: str, deadline: str,
                                                        due: date) -> None:
    text = changed("        deadline: By June 26", f"        deadline: {written}").replace(
        "        owner: police\n", "        owner: police\n        milestones:\n"
        f"          - text: Step\n            deadline: {written}\n", 1)
    assert validate(tmp_path, text) == (0, [])
    loaded = load_plan(tmp_path / "demo.yaml")
    assert loaded.plan is not None
    one, two = loaded.plan.action("1.1"), loaded.plan.action("1.2")
    assert one is not None and two is not None
    assert (one.deadline, one.due) == (deadline, due)
    assert (two.milestones[0].deadline, two.milestones[0].due) == (deadline, due)
    shown = CliRunner().invoke(main, ["show", "demo", "--plans", str(tmp_path)])
    assert f"{deadline} ({due.isoformat()})" in shown.output


@pytest.mark.parametrize("written", ["2025-02-30", '"2025-02-30"'])
def test_an_impossible_date_deadline_is_a_warning_quoted_or_not(tmp_path: Path, written: str) -> None:
    text = changed("        deadline: By June 26", f"        deadline: {written}")
    code, found = validate(tmp_path, text)
    assert code == 1
    assert [(p["sev"], p["msg"]) for p in found] == [(
        "warning", "action 1.1: deadline '2025-02-30' is not a date: there is no 30 February 2025 (February 2025 "
        "has 28 days); write the date as YYYY-MM-DD, or add `due: YYYY-MM-DD`")]
    assert int(found[0]["line"]) == line_of(text, "deadline: ")


def test_a_date_in_another_text_field_still_asks_to_quote_it(tmp_path: Path) -> None:
    code, found = validate(tmp_path, changed("        lead: Ann Officer, Demo Police", "        lead: 2025-03-31"))
    assert code == 2
    assert found[0]["msg"] == 'action 1.1: lead: YAML reads 2025-03-31 as a date; quote it to keep it as text: ' \
        '"2025-03-31"'


def test_the_bundled_plans_stay_clean() -> None:
    result = CliRunner().invoke(main, ["validate", *sorted(str(p) for p in (ROOT / "plans").glob("*.yaml"))])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_the_docs_show_the_messages_as_given() -> None:
    """docs/plan-format.md quotes these messages; they are the validator's words."""
    doc = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    for quoted in ["action 7.1: due: '2024-13-01' is not a date: there is no month 13",
                   "indicator I1: target '2026': direction: 'at least' is not one of at_least, at_most, exactly "
                   "(did you mean 'at_least'?)",
                   "the due date wins", "did you mean 'ann' (Ann Officer)?"]:
        assert quoted in " ".join(doc.split()), quoted
