from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.plan.deadlines import resolve_deadline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By April 11", date(2011, 4, 30)),
        ("By May 10", date(2010, 5, 31)),
        ("By June 10", date(2010, 6, 30)),
        ("By April 2011", date(2011, 4, 30)),
        ("By February 2024", date(2024, 2, 29)),
        ("End of Sept 2026", date(2026, 9, 30)),
        ("2011-03-31", date(2011, 3, 31)),
        ("31/03/2011", date(2011, 3, 31)),
        ("6 February 2010", date(2010, 2, 6)),
        ("Across all 3 years of LAA", None),
        ("Across all 3 years", None),
        ("Ongoing", None),
        ("April", None),
        ("", None),
        (None, None),
    ],
)
def test_deadlines_as_written(text: str | None, expected: date | None) -> None:
    assert resolve_deadline(text) == expected


@given(st.text(max_size=60))
def test_any_text_resolves_to_a_date_or_none(text: str) -> None:
    result = resolve_deadline(text)
    assert result is None or isinstance(result, date)
