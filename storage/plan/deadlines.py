"""Deadlines as plans write them, read strictly: explicit forms only, never a guess.

`read_deadline` sorts a deadline's words into one of five kinds (docs/plan-format.md,
"Deadlines", has the rules with examples):

- date: an explicit form resolved to one day: `2011-03-31`, `31/03/2011` (day first),
  `6 February 2010`, a month and year (`By April 11`: its last day; two-digit years are
  20yy), a year (`2025`: 31 December), a year range (`2014-2017`, `2014–17`: 31 December
  of the last year), a financial year (`2016/17`: 31 March of the second year);
- recurring: `each year`, `annually`, `quarterly`, `bi-monthly`, `monthly`, `every 6 weeks`...:
  no fixed date; `next_due` gives the next occurrence on or after a day;
- standing: `maintain ...`, `ongoing`, `throughout`, `for the term`: no due date, never late;
- invalid: text that looks like a date and is not one (`2024-13-01`, `31/02/2025`); the
  problem is named, the date is not guessed;
- unresolved: words with no date in them (`Across all 3 years of LAA`).

Nothing here reads the plan: a deadline's meaning comes from its own words.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

DATE, RECURRING, STANDING, INVALID, UNRESOLVED = "date", "recurring", "standing", "invalid", "unresolved"

#: How a resolved date follows from the words (which parts of it are written in them).
DAY, MONTH_END, YEAR_END, RANGE_END, FINANCIAL_YEAR_END = (
    "the day", "the last day of the month", "31 December", "31 December of the range's last year",
    "31 March of the financial year's second year")

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]
_PREFIX = re.compile(
    r"^\s*(?:(?:by|before|due|complete[d]?|no\s+later\s+than|in)\s+)*(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?", re.I)
_DASH = "-–—"  # hyphen, en dash, em dash

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YMD_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?,?\s*'?(\d{4}|\d{2})")
_YEAR = re.compile(r"(\d{4})")
_RANGE = re.compile(rf"(\d{{4}})\s*(?:[{_DASH}]|to)\s*(\d{{4}}|\d{{2}})", re.I)
_FINANCIAL = re.compile(r"(?:fy\s*)?(\d{4})\s*/\s*(\d{4}|\d{1,2})", re.I)

#: A date-like shape anywhere in the words: checked when the whole text is no explicit form.
_LOOKS_LIKE = re.compile(r"(?<![\d/.-])(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))(?![\d/.-])")

_RECURRING: tuple[tuple[re.Pattern[str], tuple[str, int]], ...] = tuple(
    (re.compile(f"(?:{pattern})", re.I), rule) for pattern, rule in (
        (r"\bbi-?monthly\b|\bevery\s+(?:two|2)\s+months\b|\bevery\s+other\s+month\b", ("months", 2)),
        (r"\bhalf[- ]yearly\b|\bsix[- ]monthly\b|\bevery\s+(?:six|6)\s+months\b|"
         r"\btwice\s+a\s+year\b", ("months", 6)),
        (r"\b(?:each|every|once\s+a)\s+(?:year|financial\s+year)\b|\bannual(?:ly)?\b|\byearly\b", ("months", 12)),
        (r"\bquarterly\b|\b(?:each|every)\s+quarter\b|\bonce\s+a\s+quarter\b", ("months", 3)),
        (r"\bmonthly\b|\b(?:each|every)\s+month\b|\bonce\s+a\s+month\b", ("months", 1)),
        (r"\bfortnightly\b|\bevery\s+(?:two|2)\s+weeks\b", ("weeks", 2)),
        (r"\bweekly\b|\b(?:each|every)\s+week\b", ("weeks", 1)),
    ))
_EVERY_N = re.compile(r"\bevery\s+(\d{1,3})\s+(weeks?|months?)\b", re.I)
_STANDING = re.compile(
    r"\bmaintain(?:s|ed|ing)?\b|\bon-?going\b|\bthroughout\b|\bfor\s+the\s+(?:whole\s+|full\s+)?term\b|"
    r"\bcontinuous(?:ly)?\b|\bat\s+all\s+times\b", re.I)

_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

#: Week-based recurrences count blocks of N weeks from this Monday.
WEEK_EPOCH = date(2001, 1, 1)


@dataclass(frozen=True)
class Deadline:
    """What a deadline's words say: its kind, and the date, recurrence or problem that goes with it."""

    kind: str
    due: date | None = None
    rule: str | None = None  # for DATE: how the day follows from the words (DAY, MONTH_END, ...)
    every: tuple[str, int] | None = None  # for RECURRING: ("months" | "weeks", n)
    problem: str | None = None  # for INVALID: what is wrong, e.g. "there is no month 13"

    def next_due(self, today: date) -> date | None:
        """The due date as of `today`: the date itself, the next occurrence on or after `today`
        for a recurring deadline, None for the others."""
        if self.kind == DATE:
            return self.due
        if self.kind == RECURRING and self.every is not None:
            return next_occurrence(self.every, today)
        return None


def next_occurrence(every: tuple[str, int], today: date) -> date:
    """The end of the block of `every` that holds `today`: month blocks count from January
    (quarterly: 31 March, 30 June, 30 September, 31 December; bi-monthly: the end of every
    even month; annually: 31 December), week blocks from Monday 1 January 2001 (each ends on
    a Sunday). Never before `today`."""
    unit, n = every
    if unit == "weeks":
        days = 7 * n
        blocks = (today - WEEK_EPOCH).days // days
        return WEEK_EPOCH + timedelta(days=(blocks + 1) * days - 1)
    months = (today.year - 2001) * 12 + today.month - 1
    last = (months // n + 1) * n - 1  # the block's last month, counted from January 2001
    year, month = 2001 + last // 12, last % 12 + 1
    return _month_end(year, month)


@lru_cache(maxsize=4096)
def read_deadline(text: str | None) -> Deadline:
    """The kind and meaning of a deadline as written (see the module's docstring)."""
    if not text or not text.strip():
        return Deadline(UNRESOLVED)
    core = _PREFIX.sub("", text.strip(), count=1).strip().rstrip(".").strip()
    found = _explicit(core)
    if found is not None:
        return found
    if (bad := _LOOKS_LIKE.search(text)) is not None:
        reason = _invalid_reason(bad.group(1))
        if reason is not None:
            return Deadline(INVALID, problem=f"{bad.group(1)!r} is not a date: {reason}")
    if (every := _recurrence(core)) is not None:
        return Deadline(RECURRING, every=every)
    if _is_standing(core):
        return Deadline(STANDING)
    return Deadline(UNRESOLVED)


def resolve_deadline(text: str | None) -> date | None:
    """The one date a deadline's words resolve to, or None (recurring, standing, invalid, unresolved)."""
    return read_deadline(text).due


def _recurrence(text: str) -> tuple[str, int] | None:
    """The recurrence when the WHOLE text is one of the recurring phrases ("quarterly", "every 6
    weeks"): words around it ("monthly reports", "quarterly until 2016", "not monthly", "twice
    monthly") make it unresolved, never a guess."""
    words = " ".join(text.split())
    if (match := _EVERY_N.fullmatch(words)) is not None and int(match.group(1)) > 0:
        unit = "weeks" if match.group(2).lower().startswith("week") else "months"
        return (unit, int(match.group(1)))
    return next((rule for pattern, rule in _RECURRING if pattern.fullmatch(words)), None)


def _is_standing(text: str) -> bool:
    """A standing commitment starts with its word ("maintain at 1,220 for the term", "ongoing",
    "throughout the plan") and names no year: "ongoing until 2016", "throughout 2015" and "not
    ongoing" say something else and stay unresolved."""
    return _STANDING.match(text) is not None and _A_YEAR.search(text) is None


def _month(word: str) -> int | None:
    word = word.lower()
    if len(word) < 3:
        return None
    if word == "sept":
        return 9
    return next((n for n, name in enumerate(_MONTH_NAMES, start=1) if name.startswith(word)), None)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _day(year: int, month: int, day: int) -> Deadline:
    """One day, or INVALID naming what is wrong with it."""
    if not 1 <= month <= 12:
        return Deadline(INVALID, problem=f"there is no month {month}")
    if not 1 <= year <= 9999:
        return Deadline(INVALID, problem=f"year {year} is out of range")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return Deadline(INVALID, problem=f"there is no {day} {calendar.month_name[month]} {year}"
                                         f" ({calendar.month_name[month]} {year} has {last} days)")
    return Deadline(DATE, date(year, month, day), DAY)


def _quoted_problem(core: str, found: Deadline) -> Deadline:
    if found.kind == INVALID:
        return Deadline(INVALID, problem=f"{core!r} is not a date: {found.problem}")
    return found


def _explicit(core: str) -> Deadline | None:
    """The whole of `core` as one explicit form, else None."""
    if m := _ISO.fullmatch(core):
        return _quoted_problem(core, _day(int(m[1]), int(m[2]), int(m[3])))
    if m := _YMD_SLASH.fullmatch(core):
        return _quoted_problem(core, _day(int(m[1]), int(m[2]), int(m[3])))
    if m := _DMY.fullmatch(core):
        return _quoted_problem(core, _day(_year(m[4]), int(m[3]), int(m[1])))
    if m := _DAY_MONTH_YEAR.fullmatch(core):
        named = _month(m[2])
        return None if named is None else _quoted_problem(core, _day(int(m[3]), named, int(m[1])))
    if m := _MONTH_DAY_YEAR.fullmatch(core):
        named = _month(m[1])
        return None if named is None else _quoted_problem(core, _day(int(m[3]), named, int(m[2])))
    if m := _MONTH_YEAR.fullmatch(core):
        named = _month(m[1])
        return None if named is None else Deadline(DATE, _month_end(_year(m[2]), named), MONTH_END)
    if m := _RANGE.fullmatch(core):
        return _range(core, m[1], m[2])
    if m := _FINANCIAL.fullmatch(core):
        return _financial(core, m[1], m[2])
    if m := _YEAR.fullmatch(core):
        year = int(m[1])
        return Deadline(DATE, date(year, 12, 31), YEAR_END) if year >= 1 else None
    return None


def _second_year(first: int, written: str) -> int:
    """The second year of a range or financial year: `17` after 2014 is 2017, `9` after 2008 is
    2009, `00` after 1999 is 2000 (into the next century only within ten years; `2016-15` stays
    2015, before its start)."""
    if len(written) == 4:
        return int(written)
    step = 10 ** len(written)
    second = first - first % step + int(written)
    return second + step if second < first and second + step - first <= 10 else second


def _range(core: str, first_text: str, second_text: str) -> Deadline:
    first, last = int(first_text), _second_year(int(first_text), second_text)
    if last < first or not 1 <= first <= 9999 or last > 9999:
        return Deadline(INVALID, problem=f"{core!r} is not a year range: {last} is before {first}")
    return Deadline(DATE, date(last, 12, 31), RANGE_END)


def _financial(core: str, first_text: str, second_text: str) -> Deadline:
    first, second = int(first_text), _second_year(int(first_text), second_text)
    if second != first + 1 or first < 1 or second > 9999:
        return Deadline(INVALID, problem=f"{core!r} is not a financial year: it runs from one year to the next"
                                         f" ({first}/{str(first + 1)[-2:]})")
    return Deadline(DATE, date(second, 3, 31), FINANCIAL_YEAR_END)


_SHORT_RANGE = re.compile(rf"(\d{{4}})\s*[{_DASH}]\s*(\d{{2}})")


def financial_year_reading(text: str | None) -> tuple[Deadline, date] | None:
    """For a deadline whose words are a year range written as a financial year often is
    (`2025-26`: a dash, a two-digit next year), the range as it is read and the 31 March it
    would be as the financial year (`2025/26`); None for any other words (`2014-2017`, `2016/17`)."""
    if not text:
        return None
    core = _PREFIX.sub("", text.strip(), count=1).strip().rstrip(".").strip()
    m = _SHORT_RANGE.fullmatch(core)
    if m is None or _second_year(int(m[1]), m[2]) != int(m[1]) + 1:
        return None
    read = read_deadline(text)
    return (read, date(int(m[1]) + 1, 3, 31)) if read.kind == DATE and read.rule == RANGE_END else None


def _invalid_reason(text: str) -> str | None:
    """Why a date-shaped piece of text is not a date, or None when it is one."""
    found = _explicit(text)
    return found.problem.split(": ", 1)[-1] if found is not None and found.kind == INVALID and found.problem else None


@dataclass(frozen=True)
class Bounds:
    """The first and last day a period's words cover: a year, a year range, a financial year or a day."""

    start: date
    end: date


def period_bounds(text: str) -> Bounds | None:
    """The days a period as written covers (`2023`, `2014-2017`, `2016/17`, `2011-03-31`), else None.
    Other words (`Yr 1 - 2008/9`, `Across all 3 years of LAA`) have no bounds."""
    core = text.strip()
    if m := _RANGE.fullmatch(core):
        found = _range(core, m[1], m[2])
        return Bounds(date(int(m[1]), 1, 1), found.due) if found.due else None
    if m := _FINANCIAL.fullmatch(core):
        found = _financial(core, m[1], m[2])
        return Bounds(date(int(m[1]), 4, 1), found.due) if found.due else None
    if (m := _YEAR.fullmatch(core)) and int(m[1]) >= 1:
        return Bounds(date(int(m[1]), 1, 1), date(int(m[1]), 12, 31))
    day = _explicit(core)
    if day is not None and day.kind == DATE and day.due is not None:
        if day.rule == MONTH_END:
            return Bounds(day.due.replace(day=1), day.due)
        return Bounds(day.due, day.due)
    return None


def period_problem(text: str) -> str | None:
    """What is wrong with a period bound that looks like a date or year and is not one, else None."""
    found = _explicit(text.strip())
    return found.problem if found is not None and found.kind == INVALID else None


def cycle_days(cycle: str | int) -> int | None:
    """The days of a meeting cycle as written: a number of days (1-366), or monthly (31),
    bi-monthly (61), quarterly (92), half-yearly (183), annually (366), every N weeks (7N),
    every N months (N × 30.5, rounded up); None for other words."""
    if isinstance(cycle, int):
        return cycle if 1 <= cycle <= 366 else None
    text = cycle.strip()
    if text.isdigit():
        return cycle_days(int(text))
    every = _recurrence(text)
    if every is None:
        return None
    unit, n = every
    days = 7 * n if unit == "weeks" else -(-n * 61 // 2)
    return days if 1 <= days <= 366 else None
