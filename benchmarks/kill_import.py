"""Kill -9 during `steerco import-updates`: the store is always exactly before or after the file.

An update file of many entries is imported by a real `steerco` process that is killed
(SIGKILL, no clean-up of any kind) at a random moment between its start and the time a
whole import takes. After each kill the store must hold either none of the file or all of
it (proposals and the imported_files row, counted), pass `PRAGMA integrity_check`, and
importing the same file again must complete it. tests/test_store_care.py runs a few kills;
the long form is

    .venv/bin/python -m benchmarks.kill_import --kills 100 --entries 20000
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

PLAN = """\
id: demo
title: Demo plan
version: "1.0"
version_date: 2026-01-15
partnership: Demo Community Safety Partnership
people:
  - id: ann
    name: Ann Officer
themes:
  - id: "1"
    title: Prevention
    actions:
      - id: "1.1"
        text: Run the summer campaign.
        owner: ann
        deadline: By June 26
"""


@dataclass(frozen=True)
class Kill:
    """One killed import: when, and what the store held afterwards."""

    at: float
    proposals: int
    files: int
    integrity: str


def update_file(path: Path, entries: int) -> None:
    """An update file from Ann Officer with `entries` distinct entries on action 1.1."""
    start = datetime(2026, 2, 1, tzinfo=UTC)
    lines = ["format: steerco-updates", "version: 1", 'from: "Ann Officer"',
             f"written_at: {start + timedelta(days=300)}", "entries:"]
    for n in range(entries):
        lines += [f'  - id: "h-{n:024x}"', '    plan: "demo"', '    plan_version: "1.0"', '    action: "1.1"',
                  f"    status: {'RAG'[n % 3]}", f"    note: entry {n} of {entries}", '    author: "Ann Officer"',
                  f"    written_at: {start + timedelta(minutes=n)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def prepare(folder: Path, entries: int) -> tuple[Path, Path, Path]:
    """(plans folder, a new empty store, the update file) in `folder`."""
    from storage.service.service import Service

    plans = folder / "plans"
    plans.mkdir()
    (plans / "demo.yaml").write_text(PLAN, encoding="utf-8")
    store = folder / "base.db"
    Service.open(store, plans).close()
    updates = folder / "updates.yaml"
    update_file(updates, entries)
    return plans, store, updates


def command(updates: Path, db: Path, plans: Path) -> list[str]:
    return [sys.executable, "-m", "steerco.cli", "import-updates", str(updates), "--db", str(db),
            "--plans", str(plans)]


def state(db: Path) -> tuple[int, int, str]:
    """(proposals, imported files, integrity_check) of the store, read as the next opener would."""
    conn = sqlite3.connect(db)
    try:
        proposals = conn.execute("SELECT count(*) FROM proposals").fetchone()[0]
        files = conn.execute("SELECT count(*) FROM imported_files").fetchone()[0]
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    return int(proposals), int(files), str(verdict)


def whole_import_seconds(folder: Path, plans: Path, base: Path, updates: Path) -> float:
    db = folder / "timing.db"
    shutil.copy(base, db)
    began = time.perf_counter()
    subprocess.run(command(updates, db, plans), check=True, capture_output=True)
    return time.perf_counter() - began


def kill_once(folder: Path, plans: Path, base: Path, updates: Path, at: float, entries: int,
              n: int) -> Kill:
    """Import into a copy of the base store, SIGKILL it `at` seconds in, check, import again."""
    db = folder / f"kill-{n}.db"
    shutil.copy(base, db)
    child = subprocess.Popen(command(updates, db, plans), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(at)
    child.send_signal(signal.SIGKILL)
    child.wait()
    proposals, files, verdict = state(db)
    kill = Kill(at, proposals, files, verdict)
    if (proposals, files) not in ((0, 0), (entries, 1)) or verdict != "ok":
        raise AssertionError(f"kill {n} at {at:.3f} s left {proposals} proposals, {files} files, integrity {verdict}")
    subprocess.run(command(updates, db, plans), check=True, capture_output=True)
    if state(db) != (entries, 1, "ok"):
        raise AssertionError(f"kill {n} at {at:.3f} s: importing again left {state(db)}")
    for leftover in folder.glob(f"kill-{n}.db*"):
        leftover.unlink()
    return kill


def run(kills: int, entries: int, seed: int | None = None, folder: Path | None = None,
        window: tuple[float, float] = (0.0, 1.05)) -> list[Kill]:
    """`kills` killed imports of one file of `entries` entries, each at a random moment within
    `window` (fractions of a whole import's time); AssertionError at the first that leaves the
    store anywhere but before or after the file."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(dir=folder) as name:
        work = Path(name)
        plans, base, updates = prepare(work, entries)
        span = whole_import_seconds(work, plans, base, updates)
        return [kill_once(work, plans, base, updates, rng.uniform(*window) * span, entries, n)
                for n in range(kills)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    done = run(args.kills, args.entries, args.seed)
    after = sum(k.files for k in done)
    print(f"{len(done)} kills across an import of {args.entries:,} entries: {len(done) - after} left the store "
          f"before the file, {after} after it, integrity ok each time, and each import again completed "
          f"({time.perf_counter() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
