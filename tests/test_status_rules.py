"""The late rule in SQL (`late_sql`, what `steerco status --json` runs) is `is_late`, not a second rule."""

from __future__ import annotations

import sqlite3
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from storage.plan.status import is_late, late_sql

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
