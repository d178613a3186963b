"""The benchmark: every figure of issues 7 and 12 next to its floor, measured in the same run.

    python -m benchmarks.run                 # full scale: 10,000 actions, 1,000,000 updates
    python -m benchmarks.run --scale tiny    # the same code paths in a few seconds
    python -m benchmarks.run --json          # for machines

It prints a table with the ratio to the floor and PASS/FAIL against each goal; it never
asserts. The generated plan and store are cached in benchmarks/.cache/ and reused while
the sizes and seed match; each run works on a scratch copy of the store.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from benchmarks import dashboard, follow, indicators_tab, measures, walk
from benchmarks.generate import Generated, Sizes, ensure
from benchmarks.report import Row, markdown_table, render_table

CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class Scale:
    name: str
    sizes: Sizes
    repeats: int  # runs of each whole-command timing (median taken)
    writes: int  # record_update calls
    presses: int  # next-item keypresses in the walk-through
    files: int  # update files imported
    entries: int  # entries per update file
    starts: int  # app starts of each kind (bare, shape, steerco) for figures 1 and 8; median taken


SCALES = {
    "full": Scale("full", Sizes(10_000, 1_000_000, 1_000), repeats=5, writes=200, presses=500, files=100, entries=100,
                  starts=15),
    "tiny": Scale("tiny", Sizes(50, 500, 3), repeats=1, writes=10, presses=20, files=3, entries=10, starts=1),
}


@dataclass
class Context:
    """What every measurement needs: the generated data and a scratch copy of its store."""

    scale: Scale
    generated: Generated
    scratch: Path
    _plan: Any = field(default=None, repr=False)

    @property
    def sizes(self) -> Sizes:
        return self.scale.sizes

    @property
    def db(self) -> Path:
        return self.scratch / "steerco.db"

    @property
    def plans_dir(self) -> Path:
        return self.generated.plans_dir

    @property
    def plan_path(self) -> Path:
        return self.generated.plan_path

    @property
    def plan_id(self) -> str:
        return str(self.generated.manifest["plan_id"])

    @property
    def minutes_meeting(self) -> int:
        """The last generated meeting: the one with `minutes_items` action items."""
        return max(1, self.sizes.meetings)

    def plan(self) -> Any:
        if self._plan is None:
            from storage.plan.load import load_plan

            self._plan = load_plan(self.plan_path).plan
        return self._plan

    @property
    def action_ids(self) -> list[str]:
        return [action.id for _, action in self.plan().actions()]

    def open_meeting(self, store: Any) -> int:
        """A new open meeting on a few actions, for writes that belong to a meeting."""
        from storage.store.records import AgendaItem, Attendee

        agenda = [AgendaItem("action", a, a, 180) for a in self.action_ids[:10]]
        return int(store.start_meeting(self.plan_id, date(2026, 4, 2), "Benchmark Chair",
                                       [Attendee("Benchmark Chair", "present")], agenda, "all", None))


MEASURES: list[tuple[str, Callable[[Context], list[Row]]]] = [
    ("1", measures.app_start), ("2", walk.walkthrough), ("3", measures.record_update),
    ("4", measures.status_json), ("5", measures.validate), ("6", measures.import_updates),
    ("7", measures.minutes), ("9", dashboard.dashboard), ("9c", indicators_tab.indicators_tab),
    ("F", follow.follow),
]


def prepare(scale: Scale, cache: Path, seed: int, scratch: Path) -> Context:
    sizes = Sizes(scale.sizes.actions, scale.sizes.updates, scale.sizes.meetings, seed)
    generated = ensure(cache / f"{scale.name}-seed{seed}", sizes)
    for suffix in ("", "-wal"):
        source = generated.db_path.with_name(generated.db_path.name + suffix)
        if source.exists():
            shutil.copyfile(source, scratch / ("steerco.db" + suffix))
    return Context(Scale(scale.name, sizes, scale.repeats, scale.writes, scale.presses, scale.files, scale.entries,
                         scale.starts), generated, scratch)


def run(scale_name: str = "full", *, seed: int = 1, cache: Path = CACHE, only: set[str] | None = None,
        progress: Callable[[str], None] = lambda _: None) -> list[Row]:
    """Run the benchmark; the rows in the order of issue 7 (memory, row 8, comes with row 1)."""
    scale = SCALES[scale_name]
    with tempfile.TemporaryDirectory(prefix="steerco-bench-") as tmp:
        started = time.perf_counter()
        ctx = prepare(scale, cache, seed, Path(tmp))
        progress(f"data ready in {time.perf_counter() - started:.1f} s ({ctx.generated.root})")
        rows: list[Row] = []
        for key, measure in MEASURES:
            if only and key not in only:
                continue
            started = time.perf_counter()
            try:
                rows += measure(ctx)
            except Exception as exc:
                rows.append(Row(key, measure.__name__, "ms", note=f"error: {type(exc).__name__}: {exc}"))
            progress(f"measure {key} done in {time.perf_counter() - started:.1f} s")
    return sorted(rows, key=lambda r: (r.key[0], r.key))


@click.command()
@click.option("--scale", "scale_name", type=click.Choice(sorted(SCALES)), default="full", show_default=True,
              help="full: 10,000 actions and 1,000,000 updates; tiny: a few seconds, for tests.")
@click.option("--seed", default=1, show_default=True, help="Seed of the generated data.")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=CACHE,
              help="Where generated data is kept between runs.")
@click.option("--only", default="", help="Comma-separated measure numbers to run, e.g. 4,5.")
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@click.option("--markdown", is_flag=True, help="Print the table as Markdown (for docs/performance.md).")
def main(scale_name: str, seed: int, cache: Path, only: str, as_json: bool, markdown: bool) -> None:
    """Measure steerco at scale against floors measured in the same run."""
    wanted = {part.strip() for part in only.split(",") if part.strip()} or None
    rows = run(scale_name, seed=seed, cache=cache, only=wanted,
               progress=lambda text: print(text, file=sys.stderr, flush=True))
    if as_json:
        print(json.dumps({"scale": scale_name, "seed": seed, "rows": [r.as_dict() for r in rows]}, indent=2))
    elif markdown:
        print(markdown_table(rows))
    else:
        from rich.console import Console

        sizes = SCALES[scale_name].sizes
        title = (f"steerco benchmark ({scale_name}: {sizes.actions:,} actions, {sizes.updates:,} updates, "
                 f"{sizes.meetings:,} meetings, seed {seed})")
        console = Console()
        console.width = max(console.width, 160)
        console.print(render_table(rows, title))


if __name__ == "__main__":
    main()
