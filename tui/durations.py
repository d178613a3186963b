"""The one format of a timer on screen: 'mm:ss', or 'h:mm:ss' from an hour on.

The timers shown together (an item's time and its allotted time, the meeting's and its
allotted) take one format between them (`clocks`): 'h:mm:ss' for all when any reaches an
hour, so a line never reads '04:10/03:00 · Σ 1:02:05/47:00'. The walk-through's top line and
the follower's bar both use it.
"""

from __future__ import annotations


def clock(seconds: float, *, hours: bool = False) -> str:
    """'04:10', '125:00' never: '2:05:00' from an hour on, or always with `hours`."""
    whole = max(0, int(seconds))
    if hours or whole >= 3600:
        return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"
    return f"{whole // 60:02d}:{whole % 60:02d}"


def clocks(*seconds: float) -> list[str]:
    """The durations in one format: all 'h:mm:ss' when any is an hour or more, else all 'mm:ss'."""
    hours = any(int(s) >= 3600 for s in seconds)
    return [clock(s, hours=hours) for s in seconds]
