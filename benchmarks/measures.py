"""The headless measurements: each returns Rows with the figure next to its floor.

Every measurement runs on a scratch copy of the generated store (see run.Context), so
a run never changes the cache. Timings interleave the thing measured with its floor,
so noise from other work on the machine falls on both alike.
"""

from __future__ import annotations

import compileall
import json
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from benchmarks.report import Row, median_ms

if TYPE_CHECKING:
    from benchmarks.run import Context

_UPDATE_COLUMNS = "plan_id, action_id, rag, note, author, recorded_at, source, meeting_id, plan_version_id, proposal_id"


def _timed(call: Any) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


# -- 1 and 8: app start and peak memory (subprocesses) ----------------------------------

PROJECT = Path(__file__).resolve().parents[1]


def compile_bytecode() -> None:
    """Write the project's bytecode before the starts are timed, as an install or any first run does.

    Textual's modules were compiled by pip; steerco's are read from source in an editable
    install. Where PYTHONDONTWRITEBYTECODE is set (this machine sets it), no start ever writes
    them, and every start compiled steerco's modules again: ~45 ms that row 1 counted against
    steerco and no installed app pays."""
    for package in ("storage", "tui", "steerco", "benchmarks"):
        compileall.compile_dir(PROJECT / package, quiet=1)


def _child(args: list[str]) -> dict[str, Any]:
    started = time.time()
    done = subprocess.run([sys.executable, "-m", "benchmarks.app_child", *args], capture_output=True, text=True,
                          check=False, cwd=PROJECT, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "app child failed")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = result["painted_at"] - started
    return result


def app_start(ctx: Context) -> list[Row]:
    """Starts of each app, interleaved, after one start of steerco that is not counted: that one
    may miss the plan cache (the plan or the loading code changed since the cache was filled)
    and parse the YAML, which is the first start after an edit, reported in the notes.

    The floor is `shape`, home's widgets and stylesheet with no steerco code: Header, DataTable
    and Footer alone cost Textual 1.2-1.4x of a bare one-Static app, which no app with that
    screen can beat. The bare app is in the note for context."""
    start = Row("1", "app start → home painted", "ms", goal=1.15, goal_on="ratio")
    memory = Row("8", "peak memory, app on large store", "MiB", goal=150)
    compile_bytecode()
    first = _child(["steerco", str(ctx.db), str(ctx.plans_dir)])
    bare, shape, real = [], [], []
    for _ in range(ctx.scale.starts):  # interleaved, so that a busy spell touches all three
        bare.append(_child(["bare"]))
        shape.append(_child(["shape"]))
        real.append(_child(["steerco", str(ctx.db), str(ctx.plans_dir)]))
    start.value, start.floor = median_ms([r["seconds"] for r in real]), median_ms([r["seconds"] for r in shape])
    bared = median_ms([r["seconds"] for r in bare])
    start.note = (f"subprocess, spawn to painted (imports included), vs home's widgets and stylesheet with no "
                  f"steerco code; median of {len(real)}; a bare one-Static Textual app {bared:,.0f} ms "
                  f"(steerco {start.value / bared:.2f}× of it, the shape {start.floor / bared:.2f}×); "
                  f"the uncounted first start {first['seconds'] * 1000:,.0f} ms; "
                  f"imported at the first paint, of the plan model, pydantic, PyYAML and the screens past home: "
                  f"{', '.join(sorted({m for r in real for m in r['imported_at_paint']})) or 'none'}")
    if missed := sum(1 for r in real if "storage.plan.model" in r["imported_at_paint"]):
        start.note += (f" — {missed} of {len(real)} counted starts loaded the plan before painting (a plan cache "
                       "miss: the plan or its loading code changed during the run); run again on a still tree")
    memory.value, memory.floor = max(r["settled_mib"] for r in real), max(r["settled_mib"] for r in shape)
    memory.note = (f"peak resident memory (VmHWM) of the app process alone, read in it, once home is painted and "
                   f"its plans are loaded ({max(r['maxrss_mib'] for r in real):.0f} MiB at the first paint); "
                   f"floor (the shape app) for context; the uncounted first start {first['settled_mib']:.0f} MiB")
    return [start, memory]


# -- 3: status keypress to committed row ------------------------------------------------

def record_update(ctx: Context) -> list[Row]:
    """Store.record_update (what the `r` key calls) vs a raw INSERT + COMMIT, same pragmas."""
    from storage.store.store import Store

    row = Row("3", "status key → committed row", "ms",
              goal=2.0, goal_on="ratio")
    raw = sqlite3.connect(str(ctx.db))
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    marks = ", ".join("?" for _ in _UPDATE_COLUMNS.split(","))
    with Store.open(ctx.db) as store:
        meeting_id = ctx.open_meeting(store)
        actions = ctx.action_ids
        ours, floor = [], []
        for n in range(ctx.scale.writes):
            action, rag = actions[n % len(actions)], "AGR"[n % 3]

            def record(action: str = action, rag: str = rag) -> None:
                store.record_update(ctx.plan_id, action, rag, "Benchmark note.", "Benchmark Chair", "meeting",
                                    meeting_id=meeting_id)

            stamp = datetime.now(UTC).isoformat(timespec="microseconds")
            values = (ctx.plan_id, action, rag, "Benchmark note.", "Benchmark Chair", stamp, "meeting", meeting_id,
                      None, None)

            def insert(values: tuple[Any, ...] = values) -> None:
                raw.execute(f"INSERT INTO updates ({_UPDATE_COLUMNS}) VALUES ({marks})", values)
                raw.commit()

            ours.append(_timed(record))
            floor.append(_timed(insert))
    raw.close()
    row.value, row.floor = median_ms(ours), median_ms(floor)
    row.note = f"Store.record_update vs raw sqlite3 INSERT+COMMIT (WAL, synchronous=FULL); median of {len(ours)}"
    return [row]


# -- 4: status --json -------------------------------------------------------------------

_STATUS_CHILD = """
import json, sys, time
from click.testing import CliRunner
from steerco.cli import main
args, runner, times = sys.argv[2:], CliRunner(), []
for _ in range(int(sys.argv[1]) + 1):
    started = time.perf_counter()
    result = runner.invoke(main, args)
    times.append(time.perf_counter() - started)
    if result.exit_code != 0:
        sys.exit(f"status exited {result.exit_code}: {result.output.strip()[-200:]}")
print(json.dumps({"times": times}))
"""


def status_json(ctx: Context) -> list[Row]:
    """In a fresh process, as `steerco status` runs (not in the benchmark's own, which holds the
    rows before it: the app, a 10,154-item agenda, and every collection walking them), with
    click's CliRunner, the interpreter's start and the first call excluded."""
    row = Row("4", f"status --json, {len(ctx.action_ids):,} actions", "ms", goal=100)
    args = ["--db", str(ctx.db), "--plans", str(ctx.plans_dir), "status", ctx.plan_id, "--json"]
    done = subprocess.run([sys.executable, "-c", _STATUS_CHILD, str(ctx.scale.repeats), *args], capture_output=True,
                          text=True, check=False, cwd=PROJECT, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "status failed")
    times = json.loads(done.stdout.strip().splitlines()[-1])["times"][1:]
    row.value = median_ms(times)
    row.note = (f"CliRunner in a fresh process, interpreter start excluded; median of {len(times)} after a "
                "warm-up")
    return [row]


# -- 5: validate ------------------------------------------------------------------------

def validate(ctx: Context) -> list[Row]:
    from click.testing import CliRunner

    from steerco.cli import main

    row = Row("5", "validate the plan", "ms",
              goal=1.5, goal_on="ratio")
    runner = CliRunner()
    first = runner.invoke(main, ["validate", str(ctx.plan_path)])
    if first.exit_code != 0:
        raise RuntimeError(f"validate exited {first.exit_code}: {first.output.strip()[-200:]}")
    ours, floor = [], []
    for _ in range(ctx.scale.repeats):
        ours.append(_timed(lambda: runner.invoke(main, ["validate", str(ctx.plan_path)])))
        floor.append(_timed(lambda: yaml.load(ctx.plan_path.read_bytes(), Loader=yaml.CSafeLoader)))
    row.value, row.floor = median_ms(ours), median_ms(floor)
    size = ctx.plan_path.stat().st_size / 1024 / 1024
    row.note = f"in-process CliRunner vs yaml.load(CSafeLoader), {size:.1f} MiB; median of {len(ours)}"
    return [row]


# -- 6: import of update files ----------------------------------------------------------

def write_update_files(ctx: Context, plan: Any, folder: Path) -> list[Path]:
    """`files` officers' update files of `entries` entries each, for actions they own
    themselves (an officer with fewer actions sends more than one dated update for some)."""
    folder.mkdir(parents=True, exist_ok=True)
    owned: dict[str, list[str]] = {}
    for _, action in plan.actions():
        if action.owner is not None:
            owned.setdefault(action.owner, []).append(action.id)
    paths: list[Path] = []
    written = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    for person in sorted(plan.people, key=lambda p: p.id):
        if len(paths) == ctx.scale.files:
            break
        items = owned.get(person.id, [])
        if not items:
            continue
        entries = []
        for n in range(ctx.scale.entries):
            entries.append({"plan": plan.id, "plan_version": plan.version, "action": items[n % len(items)],
                            "status": "RAGB"[n % 4], "note": f"Update {n // len(items) + 1} from {person.name}.",
                            "written_at": (written + timedelta(days=n // len(items), minutes=n)).isoformat()})
        body = {"format": "steerco-updates", "version": 1, "from": person.id, "entries": entries}
        path = folder / f"updates-{person.id}.yaml"
        path.write_text(yaml.safe_dump(body, sort_keys=False, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def import_updates(ctx: Context) -> list[Row]:
    rows = [Row("6a", "import update files", "ms", goal=1000),
            Row("6b", "re-import (no-op)", "ms", goal=300)]
    from storage.store.store import Store
    from storage.updates.importer import import_update_file

    plan = ctx.plan()
    paths = write_update_files(ctx, plan, ctx.scratch / "update-files")
    with Store.open(ctx.db) as store:
        for n, row in enumerate(rows):
            started = time.perf_counter()
            reports = [import_update_file(p, {plan.id: plan}, store) for p in paths]
            row.value = (time.perf_counter() - started) * 1000
            taken = sum(r.taken for r in reports)
            refused = sum(1 for r in reports if r.fatal or r.errors)
            row.note = f"{len(paths)} files × {ctx.scale.entries} entries: {taken:,} taken, {refused} files refused"
            if n == 1 and taken:
                row.note += " — NOT a no-op"
    return rows


# -- 7: minutes -------------------------------------------------------------------------

_MINUTES_CHILD = """
import json, sys, time
from storage.minutes.render import render_minutes
from storage.store.store import Store
store = Store.open(sys.argv[1])
times = []
for _ in range(int(sys.argv[3]) + 1):
    started = time.perf_counter()
    text = render_minutes(store, int(sys.argv[2]))
    times.append(time.perf_counter() - started)
formats = {}
from storage.minutes.render import gather, minutes_document
from storage.service.formats import write_document
for fmt, repeats in (("md", 3), ("html", 3), ("docx", 3), ("pdf", 1)):
    if fmt == "pdf":
        from storage.minutes.write_pdf import available
        if not available():
            continue
    spent = []
    for _ in range(repeats):
        started = time.perf_counter()
        out = write_document(minutes_document(gather(store, int(sys.argv[2]))), fmt)
        spent.append(time.perf_counter() - started)
    formats[fmt] = {"times": spent, "size": len(out)}
print(json.dumps({"times": times, "chars": len(text), "formats": formats}))
"""


def minutes(ctx: Context) -> list[Row]:
    """In a fresh process, as `steerco minutes` runs: the first render parses the meeting's
    plan snapshot (cached per process after that), so the first call is the figure."""
    items = ctx.sizes.minutes_items
    row = Row("7", f"minutes of a meeting with {items} action items", "ms", goal=200)
    done = subprocess.run([sys.executable, "-c", _MINUTES_CHILD, str(ctx.db), str(ctx.minutes_meeting),
                           str(ctx.scale.repeats)], capture_output=True, text=True, check=False,
                          cwd=Path(__file__).resolve().parents[1], timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "minutes failed")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    cold, warm = result["times"][0], result["times"][1:]
    row.value = cold * 1000
    row.note = (f"render_minutes, first call in a fresh process (imports excluded), "
                f"{result['chars'] // 1024} KiB of Markdown; later calls: median {median_ms(warm):.0f} ms")
    return [row, *_formats(result["formats"], items)]


def _formats(formats: dict[str, Any], items: int) -> list[Row]:
    """Issue 17's rows, from the same process after the Markdown: each format gathered and written
    whole (the first call of each after md, so the writer's imports are in the first docx/pdf
    figure; the median is the row's value): html against the Markdown (≤ 2×), docx ≤ 1 s, pdf ≤ 5 s."""
    md = formats["md"]
    rows = []
    for key, fmt, goal in (("7h", "html", 2.0), ("7d", "docx", 1000.0), ("7p", "pdf", 5000.0)):
        found = formats.get(fmt)
        if found is None:  # pdf without its extra (Typst): no row
            continue
        row = Row(key, f"minutes of {items} items as {fmt}", "ms", value=median_ms(found["times"]), goal=goal)
        if fmt == "html":
            row.floor, row.goal_on = median_ms(md["times"]), "ratio"
            row.note = f"gather + document + write_html; the floor: the same for md; {found['size'] // 1024} KiB"
        else:
            row.note = (f"gather + document + write_{fmt}, median of {len(found['times'])}; first "
                        f"{found['times'][0] * 1000:.0f} ms; {found['size'] // 1024} KiB")
        rows.append(row)
    return rows
