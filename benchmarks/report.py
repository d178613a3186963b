"""Rows of the benchmark's table: a figure, its floor measured in the same run, the ratio,
the goal and whether it is met. Shown as a rich table or as JSON; nothing here asserts."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Row:
    key: str
    measure: str
    unit: str  # "ms" or "MiB"
    value: float | None = None
    floor: float | None = None
    goal: float | None = None
    # "value": value <= goal; "ratio": value / floor <= goal; "excess": value - floor <= goal
    # (used where the floor is a fixed cost of the method of measuring, e.g. Pilot's waits).
    goal_on: str = "value"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def passed(self) -> bool | None:
        if self.goal is None:
            return None
        measured = {"ratio": self.ratio, "value": self.value, "excess": self.excess}[self.goal_on]
        return None if measured is None else measured <= self.goal

    @property
    def excess(self) -> float | None:
        return None if self.value is None or self.floor is None else self.value - self.floor

    @property
    def goal_text(self) -> str:
        if self.goal is None:
            return "—"
        if self.goal_on == "excess":
            return f"≤ floor + {self.goal:g} {self.unit}"
        return f"≤ {self.goal:g}×" if self.goal_on == "ratio" else f"≤ {self.goal:g} {self.unit}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "excess": self.excess, "passed": self.passed,
                "goal_text": self.goal_text}


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def percentile_ms(seconds: list[float], pct: float) -> float:
    ordered = sorted(seconds)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index] * 1000


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.1f}" if value < 100 else f"{value:,.0f}"
    return f"{text} {unit}".rstrip()


def verdict(row: Row) -> str:
    return {True: "PASS", False: "FAIL", None: "—"}[row.passed]


def render_table(rows: list[Row], title: str) -> Any:
    from rich.table import Table

    table = Table(title=title)
    for column in ("#", "Measure", "Value", "Floor", "Ratio", "Goal", "Result", "Note"):
        table.add_column(column, overflow="fold", justify="right" if column in ("Value", "Floor", "Ratio") else "left")
    for row in rows:
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        style = {True: "green", False: "bold red", None: "dim"}[row.passed]
        table.add_row(row.key, row.measure, _number(row.value, row.unit), _number(row.floor, row.unit), ratio,
                      row.goal_text, f"[{style}]{verdict(row)}[/]", row.note)
    return table


def markdown_table(rows: list[Row]) -> str:
    """The same table as Markdown, for docs/performance.md."""
    lines = ["| # | Measure | Value | Floor | Ratio | Goal | Result | Note |", "|---|---|---:|---:|---:|---|---|---|"]
    for row in rows:
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        lines.append(f"| {row.key} | {row.measure} | {_number(row.value, row.unit)} | {_number(row.floor, row.unit)} "
                     f"| {ratio} | {row.goal_text} | {verdict(row)} | {row.note} |")
    return "\n".join(lines)
