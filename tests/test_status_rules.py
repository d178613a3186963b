"""The status rules in SQL (`late_sql`, `off_scale_sql`: what `steerco status --json` runs) are `is_late` and
`is_off_scale`, not second rules."""

from __future__ import annotations

import sqlite3
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from storage.plan.status import is_late, is_off_scale, late_sql, off_scale_sql

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
CODES = st.sampled_from(["R", "A", "G", "B", "N", "P", "D", "C", "-", "x"])


def _late_in_sql(due: date | None, rag: str | None, today: date, complete: str) -> bool:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (due TEXT, rag TEXT)")
        conn.execute("INSERT INTO t VALUES (?, ?)", [due.isoformat() if due else None, rag])
        (late,) = conn.execute(f"SELECT {late_sql('due', 'rag', ':today', ':done')} FROM t",
                               {"today": today.isoformat(), "done": complete}).fetchone()
        return bool(late)
    finally:
        conn.close()


@given(due=st.none() | DAYS, rag=st.none() | CODES, today=DAYS, complete=st.sampled_from(["B", "C"]))
def test_late_sql_is_is_late(due: date | None, rag: str | None, today: date, complete: str) -> None:
    assert _late_in_sql(due, rag, today, complete) == is_late(due, rag, today, complete)


def test_late_sql_at_its_edges() -> None:
    today = date(2026, 12, 1)
    assert _late_in_sql(date(2026, 11, 30), "A", today, "B")  # past its day
    assert not _late_in_sql(date(2026, 12, 1), "A", today, "B")  # due today is not late
    assert not _late_in_sql(date(2026, 11, 30), "B", today, "B")  # complete is never late
    assert _late_in_sql(date(2026, 11, 30), None, today, "B")  # not yet rated, past due
    assert not _late_in_sql(None, "R", today, "B")  # no due date: never late
    assert _late_in_sql(date(1999, 12, 31), "B", today, "C")  # B is not complete on a scale whose complete is C


def _off_scale_in_sql(code: str | None, codes: list[str]) -> bool:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (rag TEXT)")
        conn.execute("CREATE TABLE scale (code TEXT PRIMARY KEY)")
        conn.execute("INSERT INTO t VALUES (?)", [code])
        conn.executemany("INSERT INTO scale VALUES (?)", [[c] for c in codes])
        (off,) = conn.execute(f"SELECT {off_scale_sql('rag', '(SELECT code FROM scale)')} FROM t").fetchone()
        return bool(off)
    finally:
        conn.close()


SCALES = st.sampled_from([["R", "A", "G", "B"], ["N", "P", "D", "C"], ["D", "N", "I", "C"]])


@given(code=st.none() | CODES | st.just(""), codes=SCALES)
def test_off_scale_sql_is_is_off_scale(code: str | None, codes: list[str]) -> None:
    """`steerco status --json`'s on_scale is the rule every view marks '? D (not on the scale)' by."""
    assert _off_scale_in_sql(code, codes) == is_off_scale(code, codes)


def test_off_scale_sql_at_its_edges() -> None:
    assert _off_scale_in_sql("P", ["D", "N", "I", "C"])  # a code the scale has since dropped
    assert not _off_scale_in_sql("D", ["D", "N", "I", "C"])
    assert not _off_scale_in_sql(None, ["R", "A", "G", "B"])  # not yet rated is on no scale and off none
    assert not _off_scale_in_sql("-", ["R", "A", "G", "B"])
