"""Generated update files, valid and broken: the importer never raises and never stores part of a file."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from storage.plan.load import load_plan
from storage.plan.model import Plan
from storage.store.store import Store
from storage.updates.importer import import_update_bytes
from storage.updates.inert import escape_unsafe
from storage.updates.reader import parse_update_bytes
from storage.updates.writer import dump_update_file, officer_entries
from tests.conftest import MINIMAL_PLAN

_dir = Path(tempfile.mkdtemp(prefix="steerco-fuzz-"))
(_dir / "demo.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
PLAN: Plan = load_plan(_dir / "demo.yaml").plan  # type: ignore[assignment]
PLANS = {PLAN.id: PLAN}

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.sampled_from([UTC, None]))


def pick(draw: Any, good: list[Any], bad: list[Any], valid: bool) -> Any:
    return draw(st.sampled_from(good if valid else good + bad))


@st.composite
def entries(draw: Any) -> dict[str, Any]:
    valid = draw(st.integers(0, 3)) > 0  # most entries are meant to be right; the rest may be wrong anywhere
    kind = draw(st.sampled_from(["action", "risk"]))
    entry: dict[str, Any] = {"plan": pick(draw, ["demo"], ["other", "DEMO"], valid),
                             "plan_version": pick(draw, ["1.0"], ["0.9", 1.0], valid)}
    if kind == "action":
        entry["action"] = pick(draw, ["1.1", "1.2"], ["9.9", 1.1], valid)
        entry["status"] = pick(draw, ["R", "a", "Green", "Complete", "blue"], ["Purple", "", None, 3], valid)
    else:
        entry["risk"] = pick(draw, ["R-1"], ["R-9"], valid)
        entry["impact"] = draw(st.integers(1, 5) if valid else st.integers(-1, 7))
        entry["likelihood"] = draw(st.integers(1, 5))
    entry["note"] = draw(texts)
    entry["author"] = pick(draw, ["Ann Officer", "ann", "ANN OFFICER"], ["Bob Chair", "Zed", ""], valid)
    entry["written_at"] = draw(times)
    if draw(st.booleans()):
        entry["id"] = draw(st.sampled_from(["u-1", "u-2", "u-3"]) | st.text(min_size=1, max_size=8))
    return entry


@st.composite
def files(draw: Any) -> bytes:
    doc = {"format": "steerco-updates", "version": 1, "from": draw(st.sampled_from(["Ann Officer", "Bob Chair"])),
           "entries": draw(st.lists(entries(), max_size=5))}
    data = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode()
    damage = draw(st.sampled_from(["none"] * 5 + ["flip", "cut", "insert", "random"]))
    if damage == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    elif damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "insert":
        at = draw(st.integers(0, len(data)))
        data = (
            data[:at]
            + draw(st.sampled_from([b"\n- ", b": ", b"&a ", b"*a", b"!!python/none ", b"\t", b'"', b"\xff"]))
            + data[at:]
        )
    elif damage == "random":
        data = draw(st.binary(max_size=200))
    return data


def _count(store: Store) -> int:
    return int(store.db.conn.execute("SELECT count(*) FROM proposals").fetchone()[0])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=files(), accept=st.booleans())
def test_importer_never_raises_and_is_all_or_nothing(data: bytes, accept: bool) -> None:
    with Store.open(_dir / "chair.db") as store:
        before = _count(store)
        report = import_update_bytes(data, "fuzz.yaml", PLANS, store, accept_non_owner=accept)
        after = _count(store)
        parsed = parse_update_bytes(data, "fuzz.yaml")
        event("unreadable" if report.fatal else "refused" if report.errors else
              "taken" if report.taken else "nothing new")
        if report.fatal or report.errors:
            assert after == before and report.taken == 0
        else:
            assert after - before == report.taken
            uids = [e.uid for e in parsed.entries]
            stored = {r[0] for r in store.db.conn.execute(
                f"SELECT uid FROM proposals WHERE uid IN ({', '.join('?' for _ in uids)})", uids)}
            assert stored == set(uids)  # every entry of a taken file is there afterwards
            assert store.file_imported(report.sha256)
        assert report.exit_code in (0, 1, 2)
        again = import_update_bytes(data, "fuzz.yaml", PLANS, store, accept_non_owner=accept)
        assert _count(store) == after and again.taken == 0  # the same bytes twice add nothing


@settings(max_examples=100, deadline=None)
@given(note=texts, author_case=st.sampled_from(["Ann Officer", "ann officer"]), rag=st.sampled_from("RAGB"))
def test_exported_files_read_back_with_the_same_ids(note: str, author_case: str, rag: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(Path(folder) / "officer.db") as store:
            store.record_update("demo", "1.1", rag, note, author_case, "app")
            store.rate_risk("demo", "R-1", 2, 5, note, author_case, "app")
            blocks = officer_entries(store, [PLAN], "ann")
        text = dump_update_file("Ann Officer", blocks, datetime.now(UTC))
        parsed = parse_update_bytes(text.encode(), "export.yaml")
        assert parsed.fatal is None and parsed.problems == [], text
        # A control character or bidi override (an older store) travels as a visible escape.
        assert [e.entry.note for e in parsed.entries] == [escape_unsafe(note).strip()] * 2
        assert parsed.entries[0].entry.status == rag
        # Without its ids the same file derives the same ids: hand-edited copies stay no-ops.
        bare = re.sub(r'^  - id: "[^"\n]*"\n    ', "  - ", text, flags=re.M)
        assert bare.count("  - plan:") == 2, bare
        stripped = parse_update_bytes(bare.encode(), "bare.yaml")
        assert [e.uid for e in stripped.entries] == [e.uid for e in parsed.entries], bare
