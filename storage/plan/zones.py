"""Time zones by IANA name, as the plan's `meeting.time_zone` and `--tz` give them.

`zoneinfo` (and its tzdata) is imported on the first zone other than UTC, not with this
module: the app's start and `status --json` need none. Times in the store are UTC; the
minutes, the action log and the history show them in the meeting's zone, named.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

DEFAULT_ZONE = "Europe/London"  # the plan model's default for meeting.time_zone


class UnknownZone(ValueError):
    """A zone name the time-zone database does not know."""


def abbreviation(moment: datetime, tz: tzinfo) -> str:
    """How a time in `tz` names its zone: 'UTC', or the zone's abbreviation then ('BST', 'GMT', 'EDT')."""
    return "UTC" if tz is UTC else (moment.astimezone(tz).tzname() or "")


def zoned(moment: datetime, tz: tzinfo) -> str:
    """'2010-07-15 15:02 BST': a stored time in `tz`, to the minute, its zone named."""
    return f"{moment.astimezone(tz):%Y-%m-%d %H:%M} {abbreviation(moment, tz)}".rstrip()


def time_zone(name: str) -> tzinfo:
    """The zone called `name` ('UTC' in any case is UTC); UnknownZone, one line, if there is none."""
    if name.strip().upper() == "UTC":
        return UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownZone(f"unknown time zone {name!r}; use an IANA name such as Europe/London, or UTC") from None
