"""The Pilot-driven measurement: the meeting walk-through, next item and status keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmarks.report import Row, unavailable

if TYPE_CHECKING:
    from benchmarks.run import Context


def walkthrough(ctx: Context) -> list[Row]:
    return [unavailable("2", "walk-through next item, p95", "ms",
                        "the walk-through screen has not landed (issue 4)", 50)]
