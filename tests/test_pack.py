"""`steerco pack`: the pre-meeting pack from a store with a closed meeting and officers' proposals.

Each section lists the right items with the reason for each; the cover gives the meeting's date
and the day the pack goes out (five working days before: weekends and bank holidays skipped);
the Markdown is a golden file; every format reads back; a hostile proposal note stays words.
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.minutes import write_html, write_md
from storage.minutes.pack_records import Pack
from storage.minutes.pack_render import document
from storage.service.pack import working_days_before
from storage.service.service import Service
from tests.conftest import MINIMAL_PLAN
from tests.format_readers import pdf_text, read_docx, read_html
from tests.test_minutes_formats import needs_pdf
from tests.test_minutes_safety import HOSTILE, check

GOLDEN = Path(__file__).parent / "golden" / "pack_demo.md"
NOTE = "<script>alert(1)</script> [x](javascript:alert(1)) | cell |"
TODAY = date(2027, 1, 4)
#: MINIMAL_PLAN with a third action, agreed Green at meeting 1 and not heard of since: neither late nor red,
#: so not reported by exception, but the secretariat chases its owner for an update.
PLAN = MINIMAL_PLAN.replace("risks:\n", """      - id: "1.3"
        text: Train the wardens.
        owner: ann
        deadline: By June 2027
        due: 2027-06-30
risks:
""")


def proposal(uid: str, item: str, written: str, **proposed: object) -> dict[str, object]:
    return {"uid": uid, "plan_id": "demo", "kind": "action", "item_id": item, "author": "Ann Officer",
            "written_at": f"{written}T10:00:00+00:00", "note": f"note {uid}", **proposed}


def build(root: Path, *, next_meeting: date | None = date(2027, 1, 12)) -> tuple[Path, Path]:
    """Meeting 1 (3 Dec 2026, closed) accepted p0 on 1.1 (Amber) and p3 on 1.3 (Green), re-rated R-1 and
    raised M1/1; since then p1 (Red on 1.2, a hostile note) and p2 (R-1 re-rated) came in, pending."""
    plans = root / "plans"
    plans.mkdir(exist_ok=True)
    (plans / "demo.yaml").write_text(PLAN, encoding="utf-8")
    db = root / "steerco.db"
    ticks = itertools.count()
    start = datetime(2026, 12, 3, 10, tzinfo=UTC)

    def clock() -> datetime:  # a minute a read, a day after the meeting closes
        return start + timedelta(minutes=next(ticks)) + (timedelta(days=7) if closed else timedelta())

    closed = False
    with Service.open(db, plans, clock=clock, today=TODAY) as service:
        service._store.add_proposals("0" * 64, "before.yaml", [proposal("p0", "1.1", "2026-11-30", rag="A"),
                                                               proposal("p3", "1.3", "2026-11-20", rag="G")])
        meeting = service.start_meeting("demo", date(2026, 12, 3), "bob", ["bob", "ann"], [], [], "all")
        service.accept_proposal(meeting, service.proposals("demo", "1.1")[0])
        service.accept_proposal(meeting, service.proposals("demo", "1.3")[0])
        service.rate_risk(meeting, "R-1", 4, 2, "Grant at risk.")
        service.add_action_arising(meeting, 4, "Write to the council about the grant", "ann", date(2026, 12, 20))
        service.close_meeting(meeting, next_meeting)
        closed = True
        service._store.add_proposals("1" * 64, "after.yaml", [
            {**proposal("p1", "1.2", "2026-12-10", rag="R"), "note": NOTE},
            {**proposal("p2", "R-1", "2026-12-11", impact=5, likelihood=4), "kind": "risk"}])
    return db, plans


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(tmp_path_factory.mktemp("pack"))


@pytest.fixture
def pack(stored: tuple[Path, Path]) -> Pack:
    db, plans = stored
    with Service.open(db, plans, today=TODAY, write=False) as service:
        return service.pack("demo")


# -- the gathering ------------------------------------------------------------------------------------


def test_the_cover_gives_the_meeting_set_at_the_last_one_and_five_working_days_before(pack: Pack) -> None:
    assert (pack.meeting_on, pack.circulate_by) == (date(2027, 1, 12), date(2027, 1, 5))
    assert write_md.write(document(pack)).splitlines()[4] == (
        "**For the meeting of Tuesday 12 January 2027; circulated by Tuesday 5 January 2027.**")
    assert pack.date_from == "as set at the meeting of 3 Dec 2026"
    assert write_md.write(document(pack)).splitlines()[6].startswith(
        "The date of the meeting: Tuesday 12 January 2027 (as set at the meeting of 3 Dec 2026).")


def test_working_days_skip_weekends_and_the_regions_bank_holidays() -> None:
    # 4 Jan 2027 back: 31 Dec, 30, 29, (28 Dec: Boxing Day's substitute), 24, 23 (25 Dec: Christmas; 1 Jan)
    assert working_days_before(date(2027, 1, 4), 5, "England") == date(2026, 12, 23)
    assert working_days_before(date(2027, 1, 4), 5, "none") == date(2026, 12, 28)
    # Scotland's 2 January (substitute: Monday 4 January) and St Andrew's Day
    assert working_days_before(date(2027, 1, 6), 2, "Scotland") == date(2026, 12, 31)


def test_without_a_date_set_the_next_meeting_is_a_cycle_after_the_last(tmp_path: Path) -> None:
    db, plans = build(tmp_path, next_meeting=None)
    with Service.open(db, plans, today=TODAY, write=False) as service:
        found = service.pack("demo")
        default = service.next_meeting_default(service.meetings("demo")[0])
    assert found.meeting_on == default.day
    assert found.date_from.startswith("a meeting cycle after the meeting of 3 Dec 2026")
    assert found.circulate_by == working_days_before(default.day, 5, "England")


def test_the_agenda_is_the_setups_with_its_timings(pack: Pack, stored: tuple[Path, Path]) -> None:
    db, plans = stored
    with Service.open(db, plans, today=TODAY, write=False) as service:
        built = service.build_agenda("demo", "all")
        timed = service.pack("demo", start=datetime(2027, 1, 12, 10, 0).time(), mode="exception")
        by_exception = service.build_agenda("demo", "exception")
    assert [(i.kind, i.ref, i.title) for i in pack.agenda] == [(i.kind, i.ref, i.title) for i in built]
    assert [i.kind for i in pack.agenda][:4] == ["apologies", "declarations", "previous_minutes", "matters_arising"]
    offsets = list(itertools.accumulate([0] + [i.seconds for i in pack.agenda[:-1]]))
    assert [i.offset for i in pack.agenda] == offsets
    assert [(i.kind, i.ref) for i in timed.agenda] == [(i.kind, i.ref) for i in by_exception]
    text = write_md.write(document(timed))
    assert "| 1 | 10:00 | Standing item: Apologies for absence |" in text
    assert "| 1.2 | 3 min | Overdue (due 31 Dec 2026); an officer's update waits |" in text  # why it is there
    assert "By exception: an action is on the agenda when Red or Amber" in text
    assert "| 3 | 0:02 | Standing item: Minutes of the meeting held on Thursday 3 December 2026 | M1 |" in \
        write_md.write(document(pack))


def test_the_exception_report_gives_the_reason_for_each(pack: Pack) -> None:
    # 1.1: agreed Amber at M1 and nothing since, so its reason says so (it is not listed again below);
    # 1.2 is not yet rated, which is no reason without --unrated (the agenda's rule), but it is overdue
    assert [(e.action_id, e.status_name, e.reason) for e in pack.exceptions] == [
        ("1.1", "Amber", "Amber; overdue (due 30 Jun 2026); no update since M1"),
        ("1.2", "Not yet rated", "Overdue (due 31 Dec 2026); an officer's update waits")]


def test_the_exception_report_takes_unrated_actions_as_the_by_exception_agenda_does(tmp_path: Path) -> None:
    """Not yet rated is a reason in the exception report only with --unrated, as on the setup's
    by-exception agenda; without it an unrated action with nothing else against it is chased in section 4."""
    db, plans = build(tmp_path)
    (plans / "demo.yaml").write_text(PLAN.replace("risks:\n", """      - id: "1.4"
        text: Map the hot spots.
        owner: ann
        deadline: By June 2028
        due: 2028-06-30
risks:
""", 1), encoding="utf-8")
    with Service.open(db, plans, today=TODAY, write=False) as service:
        left_out, taken_in = service.pack("demo"), service.pack("demo", unrated=True)
        for unrated in (False, True):
            by_exception = service.pack("demo", mode="exception", unrated=unrated)
            on_agenda = [i.ref for i in by_exception.agenda if i.kind == "action"]
            assert [e.action_id for e in by_exception.exceptions] == on_agenda
    assert "1.4" not in [e.action_id for e in left_out.exceptions]
    assert [(q.action_id, q.status_name) for q in left_out.quiet if q.action_id == "1.4"] == [("1.4", "Not yet rated")]
    assert [e.reason for e in taken_in.exceptions if e.action_id == "1.4"] == ["Not yet rated; no update since M1"]
    assert "1.4" not in [q.action_id for q in taken_in.quiet]
    text, with_unrated = write_md.write(document(left_out)), write_md.write(document(taken_in))
    assert "Not yet rated is no reason by itself, as on the by-exception agenda (with --unrated" in text
    assert "changed since the last meeting, or with" in text
    assert "changed since the last meeting, not yet rated, or with" in with_unrated
    assert "no reason by itself" not in with_unrated


def test_proposals_pending_and_received_since_the_last_meeting_only(pack: Pack) -> None:
    assert [(p.uid, p.item_id, p.proposed, p.fate) for p in pack.proposals] == [
        ("p1", "1.2", "Red", "pending"), ("p2", "R-1", "impact 5 × likelihood 4 = 20", "pending")]  # not p0


def test_no_update_since_the_last_meeting(pack: Pack) -> None:
    # 1.3 was agreed at M1 and nothing came since; 1.1 neither, but it is in the exception report; 1.2 has p1
    assert [(q.action_id, q.status_recorded, q.recorded_at_meeting, q.officer_update) for q in pack.quiet] == [
        ("1.3", date(2026, 12, 3), 1, "2026-11-20T10:00:00+00:00")]


def test_no_action_is_in_both_the_exception_report_and_the_no_update_list(pack: Pack) -> None:
    assert {e.action_id for e in pack.exceptions} & {q.action_id for q in pack.quiet} == set()
    text = write_md.write(document(pack))
    assert "| 1.3 | Train the wardens. | Ann Officer | Green | 3 Dec 2026, at M1 | 20 Nov 2026 |" in text
    assert "| Action | Title | Owner | Status | Status recorded | Officer's last update |" in text
    assert "Last update |" not in text


def test_an_update_received_since_the_last_meeting_takes_an_action_off_the_chasing_list(tmp_path: Path) -> None:
    db, plans = build(tmp_path)
    with Service.open(db, plans, today=TODAY) as service:  # written before M1, but received after it
        service._store.add_proposals("2" * 64, "late.yaml", [proposal("p5", "1.3", "2026-11-25", rag="G")])
        found = service.pack("demo")
    assert found.quiet == ()
    assert "| 1.3 |" in write_md.write(document(found)).split("## 3.")[0]  # reported: a proposal waits


def test_the_risk_register_names_each_owner_and_never_rerated_reads_as_registered(tmp_path: Path) -> None:
    db, plans = build(tmp_path)
    (plans / "demo.yaml").write_text(PLAN.replace("indicators:", """  - id: R-2
    description: Staff leave
    impact: 2
    likelihood: 2
    rating: 4
    owner: police
indicators:"""), encoding="utf-8")
    with Service.open(db, plans, today=TODAY, write=False) as service:
        found = service.pack("demo")
    assert [(r.risk_id, r.owner, r.rated_on) for r in found.risks] == [
        ("R-1", "Ann Officer", date(2026, 12, 3)), ("R-2", "Demo Police", None)]
    text = write_md.write(document(found))
    assert "| R-2 | Staff leave | Demo Police | 2 | 2 | 4 | Low | as registered |" in text
    assert "as in the plan" not in text


def test_the_last_meetings_draft_minutes_go_with_the_pack_until_approved(pack: Pack, tmp_path: Path) -> None:
    assert pack.draft_minutes is not None and pack.draft_minutes[:2] == (1, date(2026, 12, 3))
    text = write_md.write(document(pack))
    assert "## 8. Draft minutes of the last meeting (M1, 3 Dec 2026)" in text
    section = text.split("## 8. Draft minutes")[1]
    assert "Circulated with the pack: the meeting is asked to agree them as a true record." in section
    assert section.count("Draft") == 1  # the minutes' own "**Draft**: not yet approved as a true record."
    assert "### Steering Group: minutes of the meeting of Thursday 3 December 2026" in text  # two levels down
    assert "\n## " not in text.split("## 8. Draft minutes")[1]  # the minutes' own sections sit inside it
    db, plans = build(tmp_path)
    with Service.open(db, plans, today=TODAY) as service:  # meeting 2 approves M1's minutes
        second = service.start_meeting("demo", date(2027, 1, 12), "bob", ["bob", "ann"], [], [], "all")
        service.approve_minutes(second)
        service.close_meeting(second, None)
        later = service.pack("demo")
    assert later.draft_minutes is not None and later.draft_minutes[0] == second.id  # M2's now, not M1's


def test_open_actions_arising_risks_and_indicators(pack: Pack) -> None:
    assert [(a.ref, a.overdue) for a in pack.arising] == [("M1/1", True)]
    assert [(r.risk_id, r.owner, r.rating, r.band) for r in pack.risks] == [("R-1", "Ann Officer", 8, "Medium")]
    assert [s.indicator_id for s in pack.indicators] == ["I1"]
    assert pack.mix is not None and len(pack.mix.meetings) == 1


# -- the document ---------------------------------------------------------------------------------------


def test_markdown_golden(pack: Pack) -> None:
    text = write_md.write(document(pack))
    if os.environ.get("STEERCO_REGENERATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_every_format_reads_back(pack: Pack, stored: tuple[Path, Path]) -> None:
    db, plans = stored
    with Service.open(db, plans, today=TODAY, write=False) as service:
        page = service.pack_as(pack, "html")
        word = service.pack_as(pack, "docx")
    assert isinstance(page, str) and isinstance(word, bytes)
    report = read_html(page)
    assert report.lang == "en-GB" and "script" not in report.tags
    assert [h for h in report.headings if h[0] == 2] == [
        (2, "1. Agenda"), (2, "2. Exception report"), (2, "3. Officers' proposals"),
        (2, "4. Other actions with no update"), (2, "5. Open actions arising"), (2, "6. Risk register"),
        (2, "7. Indicators"), (2, "8. Draft minutes of the last meeting (M1, 3 Dec 2026)")]
    assert all(t.col_headers and t.caption for t in report.tables)
    assert "For the meeting of Tuesday 12 January 2027; circulated by Tuesday 5 January 2027." in report.body_text
    words = read_docx(word)
    assert ("Heading 2", "2. Exception report") in words.headings
    assert any(row[:2] == ["1.2", "Publish the annual report."] for table in words.tables for row in table)


@needs_pdf
def test_pdf_reads_back(pack: Pack, stored: tuple[Path, Path]) -> None:
    db, plans = stored
    with Service.open(db, plans, today=TODAY, write=False) as service:
        data = service.pack_as(pack, "pdf")
    assert isinstance(data, bytes)
    flat = " ".join(pdf_text(data).split())
    assert "circulated by Tuesday 5 January 2027" in flat and "Exception report" in flat


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_proposal_note_stays_words_in_markdown_and_html(pack: Pack, text: str) -> None:
    plain = replace(pack, proposals=tuple(replace(p, note="plain words", author="Ann") for p in pack.proposals))
    hostile = replace(pack, proposals=tuple(replace(p, note=text, author=text) for p in pack.proposals))
    check(write_md.write(document(plain)), write_md.write(document(hostile)))
    page = write_html.write(document(hostile))
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<!--" not in page
    report, before = read_html(page), read_html(write_html.write(document(plain)))
    assert (sorted(report.tags), report.attributes) == (sorted(before.tags), before.attributes)


def test_the_stored_hostile_note_is_inert_in_every_text_format(pack: Pack) -> None:
    assert pack.proposals[0].note == NOTE  # as the officer wrote it
    md = write_md.write(document(pack))
    assert r"\<script\>alert(1)\</script\> \[x\](javascript:alert(1)) \| cell \|" in md
    page = write_html.write(document(pack))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page


# -- the command ------------------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_cli_markdown_json_and_files(stored: tuple[Path, Path], tmp_path: Path) -> None:
    db, plans = stored
    common = ["--db", str(db), "--plans", str(plans)]
    code, text = run("pack", "demo", *common)
    assert code == 0 and text.startswith("# Pre-meeting pack: Demo plan\n")
    assert "circulated by Tuesday 5 January 2027" in text
    code, out = run("pack", "demo", *common, "--json")
    data = json.loads(out)
    assert code == 0 and data["circulate_by"] == "2027-01-05" and data["meeting_on"] == "2027-01-12"
    assert [p["uid"] for p in data["proposals"]] == ["p1", "p2"] and data["proposals"][0]["note"] == NOTE
    assert [e["action"] for e in data["exceptions"]] == ["1.1", "1.2"]
    out_file = tmp_path / "pack.docx"
    code, said = run("pack", "demo", *common, "--format", "docx", "-o", str(out_file))
    assert code == 0 and f"to {out_file}" in said
    assert ("Heading 1", "Pre-meeting pack: Demo plan") in read_docx(out_file.read_bytes()).headings
    code, text = run("pack", "demo", *common, "--meeting", "2027-02-02", "--start", "9:30")
    assert code == 0 and "For the meeting of Tuesday 2 February 2027; circulated by Tuesday 26 January 2027." in text
    assert "The date of the meeting: Tuesday 2 February 2027 (as given with --meeting)." in text
    assert "| 2 | 09:31 | Standing item: Declarations of interest |" in text


@pytest.mark.parametrize("args, said", [
    (["--meeting", "soon"], "--meeting 'soon': give 'next' or the meeting's date as YYYY-MM-DD"),
    (["--start", "25:00"], "--start '25:00': give the time the meeting starts as HH:MM"),
    (["--template", "x.docx"], "--template applies to --format docx only"),
    (["--json", "--format", "html"], "--json and --format html: choose one"),
])
def test_cli_bad_input_is_one_line(stored: tuple[Path, Path], args: list[str], said: str) -> None:
    db, plans = stored
    code, out = run("pack", "demo", "--db", str(db), "--plans", str(plans), *args)
    assert code == 2 and said in out and "Traceback" not in out


def test_with_no_meeting_held_the_pack_is_for_a_cycle_after_today(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "demo.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    with Service.open(tmp_path / "steerco.db", plans, today=date(2026, 12, 1)) as service:
        found = service.pack("demo")
        cycle = service.plan("demo").meeting_cycle_days
    assert found.meeting_on >= date(2026, 12, 1) + timedelta(days=cycle) and found.meeting_on.weekday() < 5
    assert found.date_from.startswith("no meeting held yet: a meeting cycle after today")
    assert found.last_meeting is None and found.proposals == () and found.mix is None
    # every action is unrated: the overdue one is reported with "no update yet", the other chased, none twice
    assert [(e.action_id, e.reason) for e in found.exceptions] == [("1.1", "Overdue (due 30 Jun 2026); no update yet")]
    assert [q.action_id for q in found.quiet] == ["1.2"]
    with Service.open(tmp_path / "steerco.db", plans, today=date(2026, 12, 1)) as service:
        taken_in = service.pack("demo", unrated=True)  # --unrated: each is in the exception report
    assert taken_in.quiet == () and [e.reason for e in taken_in.exceptions] == [
        "Not yet rated; overdue (due 30 Jun 2026); no update yet",
        "Not yet rated; no update yet"]
    assert found.draft_minutes is None
    assert "No meeting of the plan has been held yet." in write_md.write(document(found))


@pytest.mark.parametrize("day", ["2026-11-01", "2026-12-03"])
def test_cli_a_meeting_on_or_before_the_last_one_held_is_refused(stored: tuple[Path, Path], day: str) -> None:
    db, plans = stored
    result = CliRunner().invoke(main, ["pack", "demo", "--db", str(db), "--plans", str(plans), "--meeting", day])
    assert result.exit_code == 2 and "Traceback" not in result.output
    said = [line for line in result.output.splitlines() if line.strip()]
    assert said == [f"Error: --meeting {day}: the pack is for a meeting after the last one held (3 Dec 2026); "
                    "give a later date or 'next'"]


@pytest.mark.parametrize("day, warning", [("2027-01-09", "Warning: 9 Jan 2027 is a Saturday."),
                                          ("2026-12-28", "Warning: 28 Dec 2026 is a bank holiday")])
def test_cli_a_weekend_or_bank_holiday_meeting_is_warned_of(stored: tuple[Path, Path], day: str,
                                                            warning: str) -> None:
    db, plans = stored
    result = CliRunner().invoke(main, ["pack", "demo", "--db", str(db), "--plans", str(plans), "--meeting", day])
    assert result.exit_code == 0 and warning in result.stderr and warning not in result.stdout
    assert result.stdout.startswith("# Pre-meeting pack: Demo plan\n")


def test_an_indicator_with_no_values_says_so_instead_of_an_empty_chart(pack: Pack, stored: tuple[Path, Path],
                                                                       tmp_path: Path) -> None:
    # I1 has a baseline and a target but no value: its table, no picture (the RAG mix is still drawn)
    with Service.open(*stored, today=TODAY, write=False) as service:
        page = service.pack_as(pack, "html")
        word = service.pack_as(pack, "docx")
    assert isinstance(page, str) and isinstance(word, bytes)
    section = page.split("Indicator I1: Violent incidents per 1,000</h3>")[1].split("<h3>")[0]
    assert "No values recorded yet; its baseline and targets:" in section
    assert "<svg" not in section and "<table" in section and "0.70 (at most 0.7)" in section
    assert page.count("<svg") == 2  # the reported actions' status and the RAG mix
    words = read_docx(word)
    assert any(row[:2] == ["Baseline", "0.75"] for table in words.tables for row in table)
    db, plans = build(tmp_path)
    with Service.open(db, plans, today=TODAY) as service:
        meeting = service.start_meeting("demo", date(2027, 1, 12), "bob", ["bob", "ann"], [], [], "all")
        service.record_indicator(meeting, "I1", "2026", 0.72)
        valued = service.pack_as(service.pack("demo", meeting=date(2027, 2, 9)), "html")
    assert isinstance(valued, str)
    assert "<svg" in valued.split("Indicator I1: Violent incidents per 1,000</h3>")[1].split("<h3>")[0]


def test_a_drawn_charts_table_is_captioned_as_its_numbers_not_its_title_again(pack: Pack,
                                                                           stored: tuple[Path, Path]) -> None:
    """Under a picture captioned with the chart's title, its table's caption says what it is
    ("Its numbers, oldest meeting first"), not the title again; a table with no picture keeps its full caption."""
    import re

    db, plans = stored
    with Service.open(db, plans, today=TODAY, write=False) as service:
        page = service.pack_as(pack, "html")
    assert isinstance(page, str)
    pairs = re.findall(r"<figcaption>(.*?)</figcaption>\s*</figure>\s*<table>\s*<caption>(.*?)</caption>", page)
    assert [p[1] for p in pairs] == ["Its numbers, oldest meeting first"] * 2
    assert all(not caption.startswith(title) for title, caption in pairs)
    alone = "Indicator I1: Violent incidents per 1,000: values against the baseline and targets, by period"
    assert f"<caption>{alone}</caption>" in page  # no value recorded: no picture
