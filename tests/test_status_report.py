"""The status report rendered by SQLite equals the same report built in plain Python from the
validated plan and the store's Update records, whatever the notes hold and whatever the
local time zone (its times are UTC; `steerco status` shows them in local time)."""

from __future__ import annotations

import dataclasses
import io
import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from steerco.cli import main
from steerco.cli_common import echo_bytes
from storage.cache import plan_cache
from storage.cache.outline import FORMAT, PlanOutline, outline_of
from storage.cache.outlines import MAX_BYTES, find_outline
from storage.plan.index import plan_index
from storage.plan.load import load_plan
from storage.plan.model import Plan
from storage.plan.status import is_off_scale
from storage.plan.yaml_source import MAX_BYTES as YAML_MAX_BYTES
from storage.store.status_report import status_report
from storage.store.store import Store
from tests.conftest import BUNDLED_PLANS

NOTES = ["", "On track", 'Quotes " and \\ backslashes', "Line one\nline two\ttab", "Control \x01\x1f chars",
         "Émigré — “curly” ★ ✓ 漢字", "<b>not html</b> | pipes |", "🙂 astral plane"]


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def reference(plan: Plan, store: Store, today: date) -> dict[str, Any]:
    """The report as steerco built it before SQLite did: from the model, field by field."""
    current, trends = store.statuses_and_trends(plan.id)
    done = str(max(plan.rag_scale, key=lambda s: s.rank).code)
    index = plan_index(plan)
    codes = {s.code for s in plan.rag_scale}
    actions = []
    for _, action in plan.actions():
        update = current.get(action.id)
        rag = update.rag if update else None
        status = index.rag_status(rag) if rag else None
        actions.append({
            "id": action.id, "title": action.display_title, "owner": index.owner_label(action),
            "owners": [{"id": i, "name": name, "lead": lead} for i, name, lead in index.owners(action)],
            "deadline": action.deadline, "due": action.due.isoformat() if action.due else None,
            "next_due": (lambda d: d.isoformat() if d else None)(action.next_due(today)),
            "deadline_kind": None if action.deadline_kind == "none" else action.deadline_kind,
            "overdue": bool(action.late_due and action.late_due < today and rag != done),
            "rag": rag, "rag_name": status.name if status else None, "symbol": status.symbol if status else None,
            "on_scale": not is_off_scale(rag, codes),
            "trend": trends.get(action.id, []), "note": update.note if update else None,
            "by": update.author if update else None, "last_updated": utc(update.recorded_at) if update else None,
        })
    ratings = store.current_risk_ratings(plan.id)
    risks = []
    for risk in plan.risks:
        rated = ratings.get(risk.id)
        impact, likelihood, rating = (rated.impact, rated.likelihood, rated.rating) if rated else (
            risk.impact, risk.likelihood, risk.rating)
        band = plan.band(rating)
        risks.append({
            "id": risk.id, "description": risk.description, "impact": impact, "likelihood": likelihood,
            "rating": rating, "band": band.name if band else None, "owner": index.risk_owner_label(risk),
            "residual": rated.residual if rated and rated.residual is not None else risk.residual_rating,
            "rated": "re-rated" if rated else "as registered", "last_rated": utc(rated.recorded_at) if rated else None,
        })
    orphaned = [{"action_id": u.action_id, "rag": u.rag, "note": u.note, "by": u.author,
                 "last_updated": utc(u.recorded_at)} for a, u in sorted(current.items()) if a not in index.actions]
    return {"plan": {"id": plan.id, "title": plan.title, "version": plan.version}, "today": today.isoformat(),
            "actions": actions, "risks": risks, "orphaned": orphaned}


@pytest.fixture(params=["UTC", "Europe/London", "America/St_Johns", "Asia/Kathmandu"])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def fill(db: Path, plan: Plan, seed: int) -> None:
    rng = random.Random(seed)
    moment = datetime(2026, 3, 28, 23, 59, 59, 999_999, tzinfo=UTC)  # a DST change in London
    ids = [a.id for _, a in plan.actions()]
    with Store.open(db, clock=lambda: moment) as store:
        for _ in range(120):
            moment += timedelta(minutes=rng.choice([1, 59, 600, 1440 * 40]), microseconds=rng.randrange(1_000_000))
            action_id = rng.choice(ids[: len(ids) // 2] + ["99.9", "0.1"])  # some never rated, some orphans
            store.record_update(plan.id, action_id, rng.choice("RAGB"), rng.choice(NOTES), rng.choice(NOTES[1:]),
                                "app")
        store.record_update(plan.id, ids[1], "X", "a code the scale does not have", "Chair", "app")
        for risk in plan.risks[:2]:
            store.rate_risk(plan.id, risk.id, rng.randint(1, 5), rng.randint(1, 5), "re-rated", "Chair", "meeting",
                            residual=rng.choice([None, 4]))


@pytest.mark.parametrize("seed", [1, 2])
def test_sqlite_report_equals_the_python_one(tmp_path: Path, zone: str, seed: int) -> None:
    plan = load_plan(BUNDLED_PLANS / "ni15.yaml").plan
    assert plan is not None
    fill(tmp_path / "s.db", plan, seed)
    with Store.open(tmp_path / "s.db") as store:
        for today in (date(2008, 1, 1), date(2010, 3, 31), date(2030, 1, 1)):
            got = json.loads(status_report(outline_of(plan), store, today))
            assert got == reference(plan, store, today)
            assert got["orphaned"] and any(a["rag"] is None for a in got["actions"])
            assert any(a["on_scale"] is False for a in got["actions"])  # X: a code the scale does not have


@settings(max_examples=40, deadline=None)
@given(note=st.text(), author=st.text(min_size=1))
def test_any_text_comes_back_as_written(tmp_path_factory: pytest.TempPathFactory, note: str, author: str) -> None:
    plan = load_plan(BUNDLED_PLANS / "ni15.yaml").plan
    assert plan is not None
    with Store.open(tmp_path_factory.mktemp("s") / "s.db") as store:
        store.record_update(plan.id, "7.2", "A", note, author, "app")
        report = json.loads(status_report(outline_of(plan), store, date(2010, 1, 1)))
    line = next(a for a in report["actions"] if a["id"] == "7.2")
    assert (line["note"], line["by"], line["trend"]) == (note, author, ["A"])


def test_actions_keep_plan_order_not_id_order(plans_dir: Path, db_path: Path) -> None:
    text = (plans_dir / "demo.yaml").read_text(encoding="utf-8")
    (plans_dir / "demo.yaml").write_text(text.replace('id: "1.1"', 'id: "10"'), encoding="utf-8")
    plan = load_plan(plans_dir / "demo.yaml").plan
    assert plan is not None and [a.id for _, a in plan.actions()] == ["10", "1.2"]
    with Store.open(db_path) as store:
        assert [a["id"] for a in json.loads(status_report(outline_of(plan), store))["actions"]] == ["10", "1.2"]


def test_outline_is_cached_beside_the_plan_and_follows_its_bytes(plans_dir: Path, db_path: Path) -> None:
    runner = CliRunner()
    args = ["--db", str(db_path), "--plans", str(plans_dir), "status", "demo", "--json"]
    assert find_outline(plans_dir, "demo") is None  # nothing cached yet
    Store.open(db_path).close()  # an empty store: status refuses a missing one
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    outline = find_outline(plans_dir, "demo")
    assert isinstance(outline, PlanOutline) and outline.id == "demo"
    assert runner.invoke(main, args).output == first.output  # the cached outline gives the same report
    text = (plans_dir / "demo.yaml").read_text(encoding="utf-8")
    (plans_dir / "demo.yaml").write_text(text.replace("title: Demo plan", "title: Renamed plan"), encoding="utf-8")
    assert find_outline(plans_dir, "demo") is None  # other bytes, other key
    assert json.loads(runner.invoke(main, args).output)["plan"]["title"] == "Renamed plan"


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1:]


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda good: b"",
    "not json": lambda good: b"{",
    "a list": lambda good: b"[]\n",
    "no key": lambda good: b'{"format": %d}\n' % FORMAT,
    "another format": lambda good: good.replace(b'"format": %d' % FORMAT, b'"format": 99', 1),
    "format 1 (JSON)": lambda good: b'{"format": 1, "key": "k", "actions_json": "[]"}',
    "not utf-8": lambda good: b"\xff\xfe",
    "truncated": lambda good: good[:-100],
    "one byte more": lambda good: good + b"\0",
    "a flipped byte in the actions": lambda good: _flip(good, good.index(b"\n") + 10),
    "a flipped byte in the image": lambda good: _flip(good, len(good) - 300),
    "the image swapped for garbage": lambda good: good[: good.index(b"SQLite format 3")] + b"x" * (
        len(good) - good.index(b"SQLite format 3")),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_bad_outline_entry_is_a_miss_and_is_rewritten(plans_dir: Path, db_path: Path, damage: str) -> None:
    runner = CliRunner()
    args = ["--db", str(db_path), "--plans", str(plans_dir), "status", "demo", "--json"]
    good = runner.invoke(main, args).output
    [entry] = plan_cache.cache_dir().glob("*.outline")
    entry.write_bytes(DAMAGE[damage](entry.read_bytes()))
    assert find_outline(plans_dir, "demo") is None
    assert runner.invoke(main, args).output == good
    assert find_outline(plans_dir, "demo") is not None


def test_outline_round_trips_through_its_cached_bytes() -> None:
    plan = load_plan(BUNDLED_PLANS / "ni15.yaml").plan
    assert plan is not None
    outline = outline_of(plan)
    cached = PlanOutline.from_bytes(outline.to_bytes("k"), "k")
    assert cached == outline and cached.actions() == outline.actions()
    assert cached.actions_image() == outline.actions_image()
    assert PlanOutline.from_bytes(outline.to_bytes("k"), "other") is None
    head, _, body = outline.to_bytes("k").partition(b"\n")
    sizes = json.loads(head)["sizes"]
    for wrong in ([-1, sum(sizes) + 1], [sizes[0] + 1, sizes[1] - 1], ["1", sizes[1]]):
        bad = json.dumps({**json.loads(head), "sizes": wrong}).encode()
        assert PlanOutline.from_bytes(bad + b"\n" + body, "k") is None
    assert [line.id for line in outline.actions()] == [a.id for _, a in plan.actions()]


def test_report_leaves_the_store_connection_as_it_found_it(db_path: Path) -> None:
    plan = load_plan(BUNDLED_PLANS / "ni15.yaml").plan
    assert plan is not None
    outline = outline_of(plan)
    with Store.open(db_path) as store:
        schemas = store.conn.execute("PRAGMA database_list").fetchall()
        first = status_report(outline, store, date(2010, 1, 1))
        assert status_report(outline, store, date(2010, 1, 1)) == first
        assert store.conn.execute("PRAGMA database_list").fetchall() == schemas
        assert not store.conn.in_transaction
        store.record_update(plan.id, "7.2", "A", "still writable", "Ann", "app")


def test_a_plan_with_no_actions_reports_an_empty_list(plans_dir: Path, db_path: Path) -> None:
    plan = load_plan(BUNDLED_PLANS / "ni15.yaml").plan
    assert plan is not None
    outline = dataclasses.replace(outline_of(plan), actions_utf8=b"[]")
    with Store.open(db_path) as store:
        report = json.loads(status_report(outline, store, date(2010, 1, 1)))
    assert report["actions"] == [] and report["plan"]["id"] == plan.id


@pytest.mark.parametrize("encoding", ["utf-8", "UTF8", "utf-16", "latin-1", None])
def test_echo_bytes_writes_as_print_would(monkeypatch: pytest.MonkeyPatch, encoding: str | None) -> None:
    text = '{"note":"Émigré ✓"}' if encoding != "latin-1" else '{"note":"Émigré"}'
    raw = io.BytesIO()
    out: Any = io.StringIO() if encoding is None else io.TextIOWrapper(raw, encoding=encoding)
    monkeypatch.setattr(sys, "stdout", out)
    print("before")
    echo_bytes(text.encode())
    print("after")
    if encoding is None:
        assert out.getvalue() == f"before\n{text}\nafter\n"
    else:
        out.flush()
        assert raw.getvalue().decode(encoding) == f"before\n{text}\nafter\n"


def test_outline_size_limit_matches_the_yaml_reader() -> None:
    assert MAX_BYTES == YAML_MAX_BYTES


def test_the_table_shows_local_times(plans_dir: Path, db_path: Path, zone: str) -> None:
    def run(*args: str) -> Any:
        return CliRunner().invoke(main, ["--db", str(db_path), "--plans", str(plans_dir), *args])

    assert run("record", "demo", "1.1", "--rag", "G", "--note", "fine", "--by", "Ann").exit_code == 0
    stamp = json.loads(run("status", "demo", "--json").output)["actions"][0]["last_updated"]
    assert stamp.endswith("+00:00")
    shown = datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    assert shown in run("status", "demo", "--wide").output  # the narrow table has the day only, from 100 columns
