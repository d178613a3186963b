"""Deadlines as plans write them ("By April 11", "June 2010", "31/03/2011") resolved to dates.

A month with no day resolves to the month's last day; a two-digit year is 20yy.
Phrases with no date in them ("Across all 3 years of LAA") resolve to None: the
plan must then say `due:` itself, and the validator warns when it does not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import date, datetime

from dateutil import parser as dateparser
from dateutil.relativedelta import relativedelta

_PREFIX = re.compile(r"^\s*(?:by\s+(?:the\s+)?end\s+of|by|before|end\s+of|due|no\s+later\s+than)\s+", re.I)
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], start=1)}
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?\s*'?(\d{2}|\d{4})$")


def _month(word: str) -> int | None:
    word = word.lower()
    if len(word) < 3:
        return None
    return next((n for name, n in _MONTHS.items() if name.startswith(word)), None)


@lru_cache(maxsize=4096)
def resolve_deadline(text: str | None) -> date | None:
    if not text:
        return None
    core = _PREFIX.sub("", text.strip()).strip().rstrip(".")
    if match := _MONTH_YEAR.match(core):
        month = _month(match.group(1))
        if month is None:
            return None
        year = int(match.group(2))
        year = 2000 + year if year < 100 else year
        return date(year, month, 1) + relativedelta(day=31)
    # A full date: parse twice with different defaults so a missing year or day is noticed.
    try:
        a = dateparser.parse(core, dayfirst=True, default=datetime(1901, 1, 1))
        b = dateparser.parse(core, dayfirst=True, default=datetime(1902, 2, 2))
    except (ValueError, OverflowError):
        return None
    if a is None or b is None or a.year != b.year or a.month != b.month:
        return None
    if a.day != b.day:
        return a.date() + relativedelta(day=31)
    return a.date()
