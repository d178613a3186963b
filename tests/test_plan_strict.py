"""Issue 13, the plan format read strictly: deadlines (explicit forms, ranges, financial years,
recurring and standing), periods, meeting body and cycle, optional identity, long texts and
limits, ids matched in any case, and messages a hand-editor can act on."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Static

from steerco.cli import main
from storage.plan import deadlines
from storage.plan.deadlines import next_occurrence, read_deadline
from storage.plan.ids import fold_id
from storage.plan.load import load_plan
from storage.plan.status import is_late
from storage.store.store import Store
from tests.conftest import MINIMAL_PLAN

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


def validate(path: Path) -> tuple[int, list[dict[str, str]]]:
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, [m.groupdict() for line in result.output.splitlines() if (m := LINE.match(line))]


def plan_file(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    folder = tmp_path / "plans"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- deadlines -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "due"), [
    ("2011-03-31", "date", date(2011, 3, 31)),
    ("31/03/2011", "date", date(2011, 3, 31)),
    ("6.02.10", "date", date(2010, 2, 6)),
    ("6 February 2010", "date", date(2010, 2, 6)),
    ("February 6, 2010", "date", date(2010, 2, 6)),
    ("By April 11", "date", date(2011, 4, 30)),
    ("End of Sept 2026", "date", date(2026, 9, 30)),
    ("by the end of 2025", "date", date(2025, 12, 31)),
    ("2014-2017", "date", date(2017, 12, 31)),
    ("2014–17", "date", date(2017, 12, 31)),
    ("2014 to 2017", "date", date(2017, 12, 31)),
    ("2016/17", "date", date(2017, 3, 31)),
    ("By 2008/9", "date", date(2009, 3, 31)),
    ("2024-13-01", "invalid", None),
    ("31/02/2025", "invalid", None),
    ("30 February 2024", "invalid", None),
    ("2016/18", "invalid", None),
    ("2016-15", "invalid", None),
    ("3/31/2011", "invalid", None),
    ("2016-17", "date", date(2017, 12, 31)),
    ("1999-00", "date", date(2000, 12, 31)),
    ("once a month", "recurring", None),
    ("Review by 2024-13-01", "invalid", None),
    ("each year", "recurring", None),
    ("Annually", "recurring", None),
    ("quarterly", "recurring", None),
    ("bi-monthly", "recurring", None),
    ("monthly", "recurring", None),
    ("every 6 weeks", "recurring", None),
    ("maintain at 1,220 for the term", "standing", None),
    ("Ongoing", "standing", None),
    ("throughout the plan", "standing", None),
    ("Across all 3 years of LAA", "unresolved", None),
    ("within the next year", "unresolved", None),
    # a recurring or standing phrase must be the whole deadline: words around it are no guess
    ("monthly reports", "unresolved", None),
    ("quarterly until 2016", "unresolved", None),
    ("not monthly", "unresolved", None),
    ("twice monthly", "unresolved", None),
    ("semi-monthly", "unresolved", None),
    ("bi-annually", "unresolved", None),
    ("ongoing until 2016", "unresolved", None),
    ("not ongoing", "unresolved", None),
    ("2014-2017 and ongoing", "unresolved", None),
    ("throughout 2015", "unresolved", None),
])
def test_deadline_kinds(text: str, kind: str, due: date | None) -> None:
    read = read_deadline(text)
    assert (read.kind, read.due) == (kind, due)
    if kind == "invalid":
        assert read.problem and "is not a" in read.problem


def test_an_invalid_date_is_never_guessed() -> None:
    assert read_deadline("2024-13-01").problem == "'2024-13-01' is not a date: there is no month 13"
    assert "February 2025 has 28 days" in (read_deadline("31/02/2025").problem or "")


@pytest.mark.parametrize(("every", "today", "expected"), [
    (("months", 3), date(2026, 2, 10), date(2026, 3, 31)),
    (("months", 3), date(2026, 3, 31), date(2026, 3, 31)),
    (("months", 3), date(2026, 4, 1), date(2026, 6, 30)),
    (("months", 2), date(2026, 1, 5), date(2026, 2, 28)),
    (("months", 12), date(2026, 7, 1), date(2026, 12, 31)),
    (("months", 1), date(2024, 2, 3), date(2024, 2, 29)),
    (("weeks", 6), date(2001, 1, 1), date(2001, 2, 11)),
])
def test_next_occurrence(every: tuple[str, int], today: date, expected: date) -> None:
    assert next_occurrence(every, today) == expected


@given(st.sampled_from(["each year", "quarterly", "bi-monthly", "monthly", "every 6 weeks", "every 3 months",
                        "fortnightly", "weekly", "half-yearly"]),
       st.dates(min_value=date(2001, 1, 1), max_value=date(2200, 1, 1)))
def test_a_recurring_deadline_is_never_late(text: str, today: date) -> None:
    due = read_deadline(text).next_due(today)
    assert due is not None and today <= due <= today + timedelta(days=366)
    assert not is_late(due, "R", today)


_NUMBER = re.compile(r"\d+")


def _written_in(resolved: date, rule: str | None, text: str) -> bool:
    """The parts of `resolved` its rule says come from the words are in the words."""
    numbers = {int(n) for n in _NUMBER.findall(text)}
    lowered = text.lower()
    year_ok = resolved.year in numbers or resolved.year % 100 in numbers or resolved.year % 10 in numbers
    month_name = date(2000, resolved.month, 1).strftime("%B").lower()
    month_ok = resolved.month in numbers or month_name[:3] in lowered
    if rule == deadlines.DAY:
        return year_ok and month_ok and resolved.day in numbers
    if rule == deadlines.MONTH_END:
        return year_ok and month_ok
    return year_ok  # year end, range end, financial year end: the day and month are the rule's


_DEADLINE_PARTS = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    st.dates().map(lambda d: d.strftime("%d %B %Y")),
    st.dates().map(lambda d: d.strftime("%B %Y")),
    st.dates().map(lambda d: d.strftime("By %b %y")),
    st.integers(1000, 9999).map(str),
    st.tuples(st.integers(1000, 9990), st.integers(0, 9)).map(lambda p: f"{p[0]}–{(p[0] + p[1]) % 100:02d}"),
    st.integers(1000, 9990).map(lambda y: f"{y}/{(y + 1) % 100:02d}"),
    st.from_regex(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", fullmatch=True),
    st.sampled_from(["By", "End of", "quarterly", "maintain", "ongoing", "Sept", "Mar", "31", "13", "2024"]),
    st.text(max_size=12),
)


@settings(max_examples=400)
@given(st.lists(_DEADLINE_PARTS, min_size=1, max_size=3).map(" ".join))
def test_no_deadline_resolves_to_a_date_not_in_its_words(text: str) -> None:
    read = read_deadline(text)
    if read.due is not None:
        assert read.kind == "date" and _written_in(read.due, read.rule, text), (text, read)
    else:
        assert read.kind in ("recurring", "standing", "invalid", "unresolved")


# -- through the plan: validate, status, show --------------------------------------------------

DEADLINES_PLAN = MINIMAL_PLAN.replace("""        deadline: Across the year
        due: 2026-12-31
""", """        deadline: quarterly
      - id: "1.3"
        text: Maintain patrols.
        owner: police
        deadline: maintain at 1,220 for the term
      - id: "1.4"
        text: Review the strategy.
        owner: police
        deadline: "2024-13-01"
      - id: "1.5"
        text: Deliver the programme.
        owner: police
        deadline: 2014–17
""")


def test_recurring_and_standing_deadlines_are_never_late_in_status(tmp_path: Path) -> None:
    path = plan_file(tmp_path, DEADLINES_PLAN)
    code, found = validate(path)
    assert code == 1
    (warning,) = found
    assert warning["sev"] == "warning" and int(warning["line"]) == DEADLINES_PLAN.splitlines().index(
        '        deadline: "2024-13-01"') + 1
    assert "'2024-13-01' is not a date: there is no month 13" in warning["msg"]
    loaded = load_plan(path)
    assert loaded.plan is not None
    plan = loaded.plan
    one_three, one_two, one_five = plan.action("1.3"), plan.action("1.2"), plan.action("1.5")
    assert one_two is not None and one_three is not None and one_five is not None
    assert (one_two.deadline_kind, one_two.due, one_two.next_due(date(2027, 5, 2))) == (
        "recurring", None, date(2027, 6, 30))
    assert (one_three.deadline_kind, one_three.due, one_three.next_due(date(2027, 5, 2))) == ("standing", None, None)
    assert one_five.due == date(2017, 12, 31)
    shown = CliRunner().invoke(main, ["show", "demo", "--plans", str(path.parent)])
    assert shown.exit_code == 0, shown.output
    assert re.search(r"quarterly \(next due \d{4}-(03-31|06-30|09-30|12-31)\)", shown.output), shown.output
    tree = shown.output.replace("│", "").replace(" \n", "\n")
    assert "maintain at 1,220 for the term (standing commitment)\n" in tree
    Store.open(tmp_path / "s.db").close()  # an empty store: status refuses a missing one
    result = CliRunner().invoke(main, ["status", "demo", "--plans", str(path.parent), "--db",
                                       str(tmp_path / "s.db"), "--json"])
    assert result.exit_code == 0, result.output
    import json
    overdue = {a["id"]: a["overdue"] for a in json.loads(result.output)["actions"]}
    assert overdue["1.2"] is False and overdue["1.3"] is False and overdue["1.5"] is True


@pytest.mark.parametrize(("written", "start", "end"), [
    ("2014-2017", date(2014, 1, 1), date(2017, 12, 31)),
    ("2016/17", date(2016, 4, 1), date(2017, 3, 31)),
    ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("{as_written: Across all 3 years of LAA, start: 2008, end: 2010/11}", date(2008, 1, 1), date(2011, 3, 31)),
    ("{as_written: 2023 - 2025}", date(2023, 1, 1), date(2025, 12, 31)),
])
def test_period_as_plans_write_it(tmp_path: Path, written: str, start: date, end: date) -> None:
    loaded = load_plan(plan_file(tmp_path, MINIMAL_PLAN + f"period: {written}\n"))
    assert loaded.ok and loaded.plan is not None and loaded.plan.period is not None, loaded.problems
    assert (loaded.plan.period.start, loaded.plan.period.end) == (start, end)


def test_a_bad_period_bound_names_the_forms(tmp_path: Path) -> None:
    code, found = validate(plan_file(tmp_path, MINIMAL_PLAN + "period: {as_written: x, end: 2016/18}\n"))
    assert code == 2
    assert "period.end: '2016/18' is not a financial year" in found[0]["msg"]
    assert "a financial year (2016/17)" in found[0]["msg"]


# -- meetings ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cycle", "days"), [
    ("monthly", 31), ("bi-monthly", 61), ("quarterly", 92), ("every 6 weeks", 42), ("45", 45), ("28", 28)])
def test_meeting_cycle_as_written_sets_the_days(tmp_path: Path, cycle: str, days: int) -> None:
    loaded = load_plan(plan_file(tmp_path, MINIMAL_PLAN + f"meeting_cycle: {cycle}\n"))
    assert loaded.ok and loaded.plan is not None, loaded.problems
    assert loaded.plan.meeting_cycle_days == days


@pytest.mark.parametrize("cycle", ["twice monthly", "semi-monthly", "monthly or so", "bi-annually"])
def test_a_meeting_cycle_that_is_no_phrase_is_refused_not_guessed(tmp_path: Path, cycle: str) -> None:
    loaded = load_plan(plan_file(tmp_path, MINIMAL_PLAN + f"meeting_cycle: {cycle}\n"))
    assert not loaded.ok
    assert any("is not a meeting cycle" in p.message for p in loaded.problems), loaded.problems


def test_meeting_cycle_days_alone_still_reads(tmp_path: Path) -> None:
    loaded = load_plan(plan_file(tmp_path, MINIMAL_PLAN + "meeting_cycle_days: 61\n"))
    assert loaded.ok and loaded.plan is not None and loaded.plan.meeting_cycle_days == 61


def test_meeting_cycle_problems(tmp_path: Path) -> None:
    code, found = validate(plan_file(tmp_path, MINIMAL_PLAN + "meeting_cycle: sometimes\n"))
    assert code == 2 and "meeting_cycle: 'sometimes' is not a meeting cycle" in found[0]["msg"]
    code, found = validate(plan_file(tmp_path, MINIMAL_PLAN + "meeting_cycle: monthly\nmeeting_cycle_days: 20\n"))
    assert code == 2 and "leave meeting_cycle_days out" in found[0]["msg"]
    code, found = validate(plan_file(tmp_path, MINIMAL_PLAN + "meeting_body: nobody\n"))
    assert code == 2 and "meeting_body 'nobody' is not a group id; known: board" in found[0]["msg"]


def test_the_minutes_take_the_named_meeting_body(tmp_path: Path) -> None:
    from storage.minutes.render import render_minutes
    from storage.store.store import Store

    text = MINIMAL_PLAN.replace("groups:\n", "groups:\n  - id: psb\n    name: Partnership Strategy Board\n"
                                "    members:\n      - person: ann\n") + "meeting_body: psb\n"
    loaded = load_plan(plan_file(tmp_path, text))
    assert loaded.ok and loaded.plan is not None, loaded.problems
    with Store.open(tmp_path / "s.db") as store:
        version = store.remember_plan(loaded.plan)
        meeting = store.start_meeting("demo", date(2026, 3, 1), "bob", [], [], "all", version)
        minutes = render_minutes(store, meeting)
    # bob chairs "Steering Group"; the plan names the Partnership Strategy Board as the meeting body
    assert minutes.splitlines()[0].startswith("# Partnership Strategy Board: minutes of the meeting")


# -- optional identity -----------------------------------------------------------------------------

NO_IDENTITY = MINIMAL_PLAN.replace('version: "1.0"\n', "").replace(
    "partnership: Demo Community Safety Partnership\n", "")


def test_version_and_partnership_are_optional_and_never_a_placeholder(tmp_path: Path) -> None:
    path = plan_file(tmp_path, NO_IDENTITY)
    assert validate(path)[0] == 0
    result = CliRunner().invoke(main, ["show", "demo", "--plans", str(path.parent)])
    assert result.exit_code == 0, result.output
    assert "version" not in result.output.splitlines()[0] and "None" not in result.output
    Store.open(tmp_path / "s.db").close()  # an empty store: status refuses a missing one
    result = CliRunner().invoke(main, ["status", "demo", "--plans", str(path.parent), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "version" not in result.output and "None" not in result.output


async def test_home_shows_no_placeholder_for_a_missing_version(tmp_path: Path) -> None:
    from tests.test_tui_support import Clock, home_settled
    from tui.app import make_app

    path = plan_file(tmp_path, NO_IDENTITY)
    app = make_app(db_path=tmp_path / "s.db", plans_dir=path.parent, clock=Clock(), today=date(2026, 3, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        detail = str(app.screen.query_one("#plan-detail", Static).render())
        assert detail.startswith("Demo plan\n") and "vNone" not in detail and " — " not in detail.splitlines()[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.sub_title == "demo"


def test_update_files_of_a_plan_without_version(tmp_path: Path) -> None:
    path = plan_file(tmp_path, NO_IDENTITY)
    filled = tmp_path / "ann.yaml"
    result = CliRunner().invoke(main, ["template", "demo", "--as", "ann", "--plans", str(path.parent),
                                       "-o", str(filled)])
    assert result.exit_code == 0, result.output
    text = filled.read_text(encoding="utf-8")
    assert "plan_version" not in text
    filled.write_text(text.replace("status:  #", "status: G  #", 1).replace("note: ''", "note: Going well.", 1),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["import-updates", str(filled), "--plans", str(path.parent),
                                       "--db", str(tmp_path / "s.db"), "--json"])
    assert result.exit_code == 0, result.output
    assert "version" not in result.output


# -- long texts and limits --------------------------------------------------------------------------

def test_front_matter_has_fields_of_its_own(tmp_path: Path) -> None:
    long = "A foreword paragraph. " * 1500  # 33,000 characters: over the 20,000 of other texts
    text = MINIMAL_PLAN + f"foreword: |\n  {long}\nintroduction: Short.\n"
    loaded = load_plan(plan_file(tmp_path, text))
    assert loaded.ok and loaded.plan is not None, loaded.problems
    assert loaded.plan.foreword is not None and len(loaded.plan.foreword) > 20_000


def test_front_matter_file_beside_the_plan(tmp_path: Path) -> None:
    path = plan_file(tmp_path, MINIMAL_PLAN + "front_matter_file: demo-foreword.md\n")
    code, found = validate(path)
    assert code == 2 and "front_matter_file: no file demo-foreword.md beside the plan" in found[0]["msg"]
    (path.parent / "demo-foreword.md").write_text("# Foreword\n\nWords.\n", encoding="utf-8")
    assert validate(path)[0] == 0


def test_a_too_long_text_gives_its_length(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("title: Demo plan", "title: " + "x" * 23_140)
    code, found = validate(plan_file(tmp_path, text))
    assert code == 2
    assert found[0]["msg"] == "title: text is 23,140 characters; the limit is 20,000 (docs/plan-format.md, Limits)"
    assert (found[0]["line"], found[0]["col"]) == ("2", "8")


def test_a_too_long_id_gives_its_length(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('- id: "1.1"', f'- id: "{"1" * 70}"')
    code, found = validate(plan_file(tmp_path, text))
    assert code == 2
    assert found[0]["msg"] == "theme 1: the 1st action: id: the id is 70 characters; the limit for an id is 64 " \
        "(docs/plan-format.md, Limits)"


# -- ids ---------------------------------------------------------------------------------------------

def test_fold_id() -> None:
    assert fold_id(" 7.1A ") == fold_id("7.1a") == "7.1a"
    assert fold_id("ANN") == fold_id("ann")


@pytest.mark.parametrize(("what", "old", "new"), [
    ("action", '- id: "1.2"', '- id: "1.1"'),
    ("action", '- id: "1.2"', '- id: "1.1 "'),
    ("roster", "  - id: bob", "  - id: Ann"),
    ("roster", "  - id: board", "  - id: POLICE"),
    ("risk", "", ""),
    ("theme", "", ""),
    ("indicator", "", ""),
])
def test_ids_that_differ_only_in_case_are_one_id(tmp_path: Path, what: str, old: str, new: str) -> None:
    text = MINIMAL_PLAN.replace(old, new) if old else MINIMAL_PLAN
    if what == "risk":
        text = text.replace("indicators:", "  - {id: r-1, description: Other, impact: 1, likelihood: 1, rating: 1}\n"
                            "indicators:")
    if what == "theme":
        text = text.replace("risks:", "  - {id: \"1\", title: Again}\nrisks:").replace(
            '  - id: "1"\n    title: Prevention', '  - id: "1"\n    title: Prevention')
    if what == "indicator":
        text += '  - {id: "i1", title: Other}\n'
    code, found = validate(plan_file(tmp_path, text))
    assert code == 2
    assert any(f"duplicate {what} id" in p["msg"] for p in found), found


def test_the_cli_finds_an_action_in_any_case_and_records_it_as_the_plan_writes_it(tmp_path: Path) -> None:
    path = plan_file(tmp_path, MINIMAL_PLAN.replace('- id: "1.1"', "- id: 1.1a"))
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["record", "demo", "1.1A", "--rag", "G", "--note", "n", "--by", "ann",
                                       "--plans", str(path.parent), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["history", "demo", "1.1A", "--plans", str(path.parent), "--db", str(db)])
    assert result.exit_code == 0 and "n" in result.output
    result = CliRunner().invoke(main, ["status", "demo", "--plans", str(path.parent), "--db", str(db), "--json"])
    import json
    rows = {a["id"]: a for a in json.loads(result.output)["actions"]}
    assert rows["1.1a"]["rag"] == "G"


# -- messages ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "message", "line"), [
    ("partnership: Demo Community Safety Partnership", "partnership: No",
     'partnership: YAML reads No as false (a yes/no value); quote it: "No"', 5),
    ("title: Demo plan", "title: yes", 'title: YAML reads yes as true (a yes/no value); quote it: "yes"', 2),
    ("        due: 2026-12-31", "        due: 2026-13-31",
     "action 1.2: due: '2026-13-31' is not a date: there is no month 13; write the date as YYYY-MM-DD", 35),
    ("        due: 2026-12-31", "        due: 31/12/2026",
     "action 1.2: due: '31/12/2026' is not a date; write the date as YYYY-MM-DD", 35),
    ("    impact: 3", '    impact: "3"', "risk R-1: impact: '3' is text; write a whole number, unquoted", 39),
])
def test_messages_name_the_field_and_the_form(tmp_path: Path, old: str, new: str, message: str, line: int) -> None:
    assert old in MINIMAL_PLAN
    code, found = validate(plan_file(tmp_path, MINIMAL_PLAN.replace(old, new)))
    assert code == 2
    assert found[0]["msg"].startswith(message), found
    assert int(found[0]["line"]) == line


def test_a_tab_in_the_indentation_is_named(tmp_path: Path) -> None:
    lines = MINIMAL_PLAN.splitlines()
    lines[16] = "\t" + lines[16].lstrip(" ")
    code, found = validate(plan_file(tmp_path, "\n".join(lines) + "\n"))
    assert code == 2
    assert found[0]["msg"] == "tab character in indentation: YAML indents with spaces"
    assert (found[0]["line"], found[0]["col"]) == ("17", "1")


def test_an_officer_is_matched_by_the_one_rule_whatever_the_letters(tmp_path: Path) -> None:
    """Names fold as ids do, beyond ASCII: an update written by 'ÜMIT ÖZ' is Ümit Öz's."""
    from storage.store.store import Store

    path = plan_file(tmp_path, MINIMAL_PLAN.replace("    name: Ann Officer", "    name: Ümit Öz"))
    db = tmp_path / "o.db"
    with Store.open(db) as store:
        store.record_update("demo", "1.1", "A", "Posters printed.", "ÜMIT ÖZ", "app")
    result = CliRunner().invoke(main, ["export-updates", "--as", "ümit öz", "--db", str(db),
                                       "--plans", str(path.parent)])
    assert result.exit_code == 0, result.output
    assert "Posters printed." in result.output


def test_the_documented_deadline_examples_read_as_documented() -> None:
    """Each example in docs/plan-format.md's deadline table is of the kind its row says."""
    doc = (Path(__file__).parent.parent / "docs" / "plan-format.md").read_text(encoding="utf-8")
    section = doc.split("### Deadlines", 1)[1]
    table = next(block for block in section.split("\n\n") if block.startswith("| written | kind"))
    rows = [line.split("|")[1:3] for line in table.splitlines()[2:]]
    assert len(rows) >= 10
    for examples, kind in rows:
        for example in re.findall(r"`([^`]+)`", examples):
            assert read_deadline(example).kind == kind.strip(), (example, kind)
