"""`steerco publish`: the sanitised copy and its Datasette metadata, served by a real Datasette.

Two plans share one store: `demo` has a confidential action and risk, officers' pending
proposals, a meeting still open and approved minutes that take the confidential action;
`other` has approved minutes with nothing confidential. Both are published to one folder and
served together by Datasette on 127.0.0.1 (skipped, saying why, only when Datasette is not
installed: `pip install 'steerco[publish]'`).
"""

from __future__ import annotations

import importlib.util
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.service.service import Service
from tests.conftest import MINIMAL_PLAN

SCRIPT = "<script>alert(1)</script>"
SECRETS = {
    "confidential action": "Covert test purchase operation at Zed Street",
    "confidential status note": "informant Zed delayed",
    "confidential risk": "Informant identity exposed",
    "confidential risk note": "Handler changed for Zed",
    "pending action proposal": "OFFICER PROPOSAL report drafted",
    "pending risk proposal": "OFFICER PROPOSAL grant restored",
    "open meeting's status": "OPEN MEETING STATUS not settled",
    "open meeting's value": "OPEN MEETING VALUE",
    "draft minutes' arising": "Arising of a meeting still open",
    "arising on a confidential action": "Brief the informant handler",
}
OTHER_PLAN_NOTE = "Only the other plan says this"
TABLES = {"about", "actions", "status_history", "risks", "risk_ratings", "indicators", "indicator_values",
          "meetings", "attendance", "minutes", "actions_arising"}
QUERIES = ["current_status", "overdue_actions", "risk_register", "open_actions_arising", "indicator_progress"]


def plan_text(plan_id: str, title: str, *, confidential: bool) -> str:
    text = (MINIMAL_PLAN.replace("id: demo", f"id: {plan_id}").replace("title: Demo plan", f"title: {title}")
            .replace("deadline: By June 26", "deadline: By June 2020\n        due: 2020-06-30")
            .replace("due: 2026-12-31", "due: 2099-12-31"))
    if confidential:
        text = text.replace("""        due: 2099-12-31
risks:""", f"""        due: 2099-12-31
      - id: "1.3"
        text: {SECRETS["confidential action"]}.
        owner: police
        due: 2020-01-31
        confidential: true
risks:""").replace("""    owner: ann
indicators:""", f"""    owner: ann
  - id: R-2
    description: {SECRETS["confidential risk"]}
    impact: 5
    likelihood: 2
    rating: 10
    confidential: true
indicators:""")
    return text


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 10, 10, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=5)
        return self.now

    def at(self, day: date) -> None:
        self.now = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=10)


def proposal(uid: str, plan_id: str, kind: str, item: str, note: str, **rating: Any) -> dict[str, Any]:
    return {"uid": uid, "plan_id": plan_id, "plan_version": "1.0", "kind": kind, "item_id": item,
            "rag": rating.get("rag"), "impact": rating.get("impact"), "likelihood": rating.get("likelihood"),
            "note": note, "author": "Ann Officer", "written_at": datetime(2026, 11, 1, tzinfo=UTC)}


@pytest.fixture
def recorded(tmp_path: Path) -> dict[str, Path]:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "demo.yaml").write_text(plan_text("demo", "Demo plan", confidential=True), encoding="utf-8")
    (plans / "other.yaml").write_text(plan_text("other", "Other plan", confidential=False), encoding="utf-8")
    db = tmp_path / "store" / "steerco.db"
    db.parent.mkdir()
    clock = Clock()
    with Service.open(db, plans, clock=clock, today=date(2026, 12, 20)) as svc:
        svc._store.add_proposals("a" * 64, "ann.yaml", [
            proposal("p1", "demo", "action", "1.2", SECRETS["pending action proposal"], rag="G"),
            proposal("p2", "demo", "risk", "R-1", SECRETS["pending risk proposal"], impact=2, likelihood=2),
            proposal("p3", "other", "action", "1.2", SECRETS["pending action proposal"], rag="G")])
        for plan_id in ("demo", "other"):
            clock.at(date(2026, 11, 10))
            m1 = svc.start_meeting(plan_id, date(2026, 11, 10), "bob", ["bob", "ann"], [], [], "all")
            svc.set_status(m1, "1.1", "A", note=f"Venues booked; {SCRIPT} two late")
            svc.rate_risk(m1, "R-1", 4, 4, note="Grant cut announced")
            svc.record_indicator(m1, "I1", "2026 Q3", 0.72, note="Down on last quarter")
            svc.add_action_arising(m1, 1, "Write to the council about venues", "ann", date(2020, 12, 1))
            if plan_id == "demo":
                svc.set_status(m1, "1.3", "R", note=SECRETS["confidential status note"])
                svc.rate_risk(m1, "R-2", 5, 3, note=SECRETS["confidential risk note"])
                secret_item = next(n for n, item in enumerate(m1.agenda, 1) if item.ref == "1.3")
                svc.add_action_arising(m1, secret_item, SECRETS["arising on a confidential action"], "ann", None)
            else:
                svc.record_note(m1, 1, OTHER_PLAN_NOTE)
                svc.set_status(m1, "1.1", "A", note=f"Venues booked; {SCRIPT} two late. {OTHER_PLAN_NOTE}")
            svc.close_meeting(m1)
            clock.at(date(2026, 12, 8))
            m2 = svc.start_meeting(plan_id, date(2026, 12, 8), "bob", ["bob"], ["ann"], [], "all")
            svc.approve_minutes(m2)
            svc.set_status(m2, "1.1", "G", note="Campaign running")
            svc.close_meeting(m2)
        clock.at(date(2026, 12, 15))
        m3 = svc.start_meeting("demo", date(2026, 12, 15), "bob", ["bob"], [], [], "all")
        svc.set_status(m3, "1.1", "R", note=SECRETS["open meeting's status"])
        svc.record_indicator(m3, "I1", "2026 Q4", 0.9, note=SECRETS["open meeting's value"])
        svc.add_action_arising(m3, 1, SECRETS["draft minutes' arising"], "ann", None)
    return {"plans": plans, "db": db, "out": tmp_path / "published"}


def publish(recorded: dict[str, Path], plan_id: str, *extra: str) -> Any:
    return CliRunner().invoke(main, ["publish", plan_id, "-o", str(recorded["out"]), "--db", str(recorded["db"]),
                                     "--plans", str(recorded["plans"]), *extra])


def every_value(db: Path) -> Iterator[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    yield table, str(value)


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_the_copy_holds_the_agreed_record_and_nothing_else(recorded: dict[str, Path]) -> None:
    result = publish(recorded, "demo", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["left_out"] == {"confidential_actions": 1, "confidential_risks": 1, "confidential_indicators": 0,
                                   "unsettled_records": 2, "confidential_actions_arising": 1}
    assert summary["withheld_minutes"] == [1]  # meeting 1 took the confidential action
    db = recorded["out"] / "demo.db"
    names = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert names == TABLES
    for table, value in every_value(db):
        for what, secret in SECRETS.items():
            assert secret not in value, f"{what} published in {table}"
        assert OTHER_PLAN_NOTE not in value, f"the other plan's note in {table}"
    assert rows(db, "SELECT id, status, status_name, overdue, overdue_words FROM actions ORDER BY position") == [
        ("1.1", "G", "Green", 1, "OVERDUE"), ("1.2", "-", "Not yet rated", 0, "")]
    assert rows(db, "SELECT action_id, status, meeting_id FROM status_history") == [("1.1", "A", 1), ("1.1", "G", 2)]
    assert rows(db, "SELECT id, impact, likelihood, rating, band FROM risks") == [("R-1", 4, 4, 16, "High")]
    assert rows(db, "SELECT note, recorded_by FROM status_history") == [
        (f"Venues booked; {SCRIPT} two late", "Bob Chair"), ("Campaign running", "Bob Chair")]
    assert rows(db, "SELECT band, residual, note, recorded_by, meeting_id FROM risk_ratings") == [
        ("High", None, "Grant cut announced", "Bob Chair", 1)]
    assert rows(db, "SELECT last_rated IS NOT NULL, rating_note FROM risks") == [(1, "Grant cut announced")]
    assert rows(db, "SELECT id, minutes, approved_at_meeting FROM meetings ORDER BY id") == [
        (1, "approved", 2), (2, "draft", None)]
    assert rows(db, "SELECT meeting_id, markdown, withheld IS NOT NULL FROM minutes") == [(1, None, 1)]
    assert rows(db, "SELECT ref, status, overdue FROM actions_arising") == [("M1/1", "open", 1)]
    assert rows(db, "SELECT period, value FROM indicator_values") == [("2026 Q3", 0.72)]


def test_approved_minutes_are_published_and_drafts_never(recorded: dict[str, Path]) -> None:
    assert publish(recorded, "other").exit_code == 0
    db = recorded["out"] / "other.db"
    ((_meeting, markdown, withheld),) = rows(db, "SELECT meeting_id, markdown, withheld FROM minutes")
    assert withheld is None and OTHER_PLAN_NOTE in markdown and "Venues booked" in markdown
    assert SECRETS["pending action proposal"] not in markdown
    assert "Campaign running" not in markdown  # meeting 2's: its minutes are a draft


def test_publishing_never_writes_beside_the_live_store(recorded: dict[str, Path]) -> None:
    recorded["out"] = recorded["db"].parent
    result = publish(recorded, "demo")
    assert result.exit_code == 2
    assert "holds the live store" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in recorded["db"].parent.iterdir()) == ["steerco.db"]


def test_metadata_keeps_every_plan_published_to_the_folder(recorded: dict[str, Path]) -> None:
    assert publish(recorded, "demo").exit_code == 0
    assert publish(recorded, "other").exit_code == 0
    again = publish(recorded, "demo")
    assert again.exit_code == 0
    assert "  2 actions (2 statuses), 1 risk (1 rating), 1 indicator (1 value),\n" in again.output
    assert ("Left out as confidential: 1 action, 1 risk, 1 action arising raised on one.\n"
            "Left until its meeting is closed: 2 records.\n") in again.output
    assert "Minutes withheld (they take a confidential item): meeting 1.\n" in again.output
    metadata = json.loads((recorded["out"] / "metadata.json").read_text(encoding="utf-8"))
    assert sorted(metadata["databases"]) == ["demo", "other"]
    described = metadata["databases"]["demo"]
    assert set(described["tables"]) == TABLES and sorted(described["queries"]) == sorted(QUERIES)
    assert described["tables"]["actions"]["columns"]["overdue"].startswith("1 when past its deadline")
    (recorded["out"] / "metadata.json").write_text("{not json", encoding="utf-8")
    result = publish(recorded, "demo")
    assert result.exit_code == 2 and "metadata.json: not a metadata file" in result.output


def test_republishing_writes_into_the_copy_a_reader_holds_open(recorded: dict[str, Path]) -> None:
    """Datasette keeps its connections to the copy open: a re-publish must reach them (a rename
    would leave them on the old, deleted file), and a reader sees the old copy or the new one."""
    assert publish(recorded, "other").exit_code == 0
    db = recorded["out"] / "other.db"
    inode = db.stat().st_ino
    reader = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)  # as Datasette opens it
    try:
        assert reader.execute("SELECT status FROM actions WHERE id = '1.1'").fetchone() == ("G",)
        with Service.open(recorded["db"], recorded["plans"], today=date(2026, 12, 20)) as svc:
            meeting = svc.start_meeting("other", date(2026, 12, 18), "bob", ["bob"], [], [], "all")
            svc.set_status(meeting, "1.1", "R", note="Venue withdrew")
            svc.close_meeting(meeting)
        assert publish(recorded, "other").exit_code == 0
        assert db.stat().st_ino == inode
        assert reader.execute("SELECT status FROM actions WHERE id = '1.1'").fetchone() == ("R",)
        assert reader.execute("SELECT count(*) FROM meetings").fetchone() == (3,)
    finally:
        reader.close()


def test_a_file_that_is_no_published_copy_is_replaced_not_written_into(recorded: dict[str, Path]) -> None:
    recorded["out"].mkdir()
    db = recorded["out"] / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    assert publish(recorded, "other").exit_code == 0
    names = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == TABLES


def test_published_records_are_numbered_afresh(recorded: dict[str, Path]) -> None:
    """The store's ids would show by their gaps that a confidential or other plan's record exists."""
    assert publish(recorded, "demo").exit_code == 0
    db = recorded["out"] / "demo.db"
    for table in ("status_history", "risk_ratings", "indicator_values"):
        ids = [r[0] for r in rows(db, f"SELECT id FROM {table} ORDER BY id")]
        assert ids == list(range(1, len(ids) + 1)), table
    assert [r[0] for r in rows(db, "SELECT note FROM status_history ORDER BY id")] == [
        f"Venues booked; {SCRIPT} two late", "Campaign running"]


def test_publishing_does_not_need_datasette(recorded: dict[str, Path]) -> None:
    code = ("import sys; from steerco.cli import main; "
            f"main(['publish', 'demo', '-o', {str(recorded['out'])!r}, '--db', {str(recorded['db'])!r}, "
            f"'--plans', {str(recorded['plans'])!r}], standalone_mode=False); "
            "print('datasette' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("False")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        return str(response.read().decode("utf-8"))


def serves(server: subprocess.Popen[bytes], base: str, seconds: float = 30) -> bool:
    """True once `base` answers; False if the server stops first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            fetch(base + "/-/versions.json")
            return True
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.2)


@pytest.fixture
def datasette(recorded: dict[str, Path]) -> Iterator[str]:
    if importlib.util.find_spec("datasette") is None:
        pytest.skip("Datasette is not installed: pip install 'steerco[publish]' (or steerco[test]) to serve the copy")
    for plan_id in ("demo", "other"):
        assert publish(recorded, plan_id).exit_code == 0
    out = recorded["out"]
    for attempt in range(1, 4):
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "datasette", str(out / "demo.db"), str(out / "other.db"),
                                   "-m", str(out / "metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        if serves(server, base):
            break
        server.terminate()
        server.wait(timeout=10)
        said = server.stderr.read() if server.stderr else b""
        # Under pytest-xdist another worker's process may take the port between its pick and datasette's bind.
        if attempt == 3 or b"address already in use" not in said.lower():
            raise AssertionError(f"datasette did not start: {said!r}")
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def query(base: str, db: str, name: str) -> list[dict[str, Any]]:
    answer = json.loads(fetch(f"{base}/{db}/{name}.json?_shape=objects"))
    assert answer["ok"] and not answer["truncated"], answer
    return list(answer["rows"])


def test_datasette_serves_both_plans_with_the_canned_queries(datasette: str) -> None:
    base = datasette
    assert [(r["id"], r["status_name"], r["symbol"]) for r in query(base, "demo", "current_status")] == [
        ("1.1", "Green", "✓"), ("1.2", "Not yet rated", "–")]
    assert [(r["id"], r["overdue_words"]) for r in query(base, "demo", "overdue_actions")] == [("1.1", "OVERDUE")]
    assert [(r["id"], r["rating"], r["band"]) for r in query(base, "demo", "risk_register")] == [("R-1", 16, "High")]
    assert [(r["ref"], r["overdue"]) for r in query(base, "demo", "open_actions_arising")] == [("M1/1", 1)]
    assert [(r["indicator"], r["period"], r["value"]) for r in query(base, "demo", "indicator_progress")] == [
        ("I1", "2026 Q3", 0.72)]
    assert [r["id"] for r in query(base, "other", "current_status")] == ["1.1", "1.2"]
    minutes = json.loads(fetch(f"{base}/other/minutes.json?_shape=objects"))["rows"]
    assert [m["meeting_id"] for m in minutes] == [3] and OTHER_PLAN_NOTE in minutes[0]["markdown"]

    pages = {"/": "Partnership delivery plans", "/demo": "Demo plan", "/other": "Other plan",
             "/demo/actions": "agreed status", "/demo/status_history": "Venues booked",
             "/demo/minutes": "confidential", "/other/minutes": OTHER_PLAN_NOTE,
             **{f"/demo/{name}": "" for name in QUERIES}}
    for path, expected in pages.items():
        html = fetch(base + path)
        assert expected in html, path
        assert SCRIPT not in html, f"{path}: the note's markup is not escaped"
        for what, secret in SECRETS.items():
            assert secret not in html, f"{what} on {path}"
        if path.startswith("/demo"):
            assert OTHER_PLAN_NOTE not in html, path
    every = json.loads(fetch(f"{base}/demo.json"))
    assert sorted(t["name"] for t in every["tables"]) == sorted(TABLES)
