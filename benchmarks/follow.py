"""Row F: 50 `steerco follow` views on the large store while the chair records statuses.

The followers are 50 `FollowApp`s run headless in this one process (`App.run_test`, all on one
event loop, each with its own read-only connection and its own 0.3 s poll: what 50 attendees'
processes would each do, here sharing one loaded plan and one CPU). The chair is a thread with
its own writing connection, recording a status on the current item every `GAP_S` seconds: each
write is timed (row 3's `Store.record_update`, interleaved with row 3's raw INSERT + COMMIT floor,
each first at every other change), and for each, every follower's delay from the commit to its
screen holding the new status (a 10 ms probe reads each screen's view). F1 is the worst of those
delays (goal: 1 s); F2 the chair's write while 50 follow (row 3's goal: ≤ 2× the raw insert)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from benchmarks.report import Row, median_ms

if TYPE_CHECKING:
    from benchmarks.run import Context

FOLLOWERS = 50
GAP_S = 1.5  # between the chair's statuses: each change settles on every screen before the next
_COLUMNS = "plan_id, action_id, rag, note, author, recorded_at, source, meeting_id, plan_version_id, proposal_id"


async def _settle(limit_s: float = 120.0) -> float:
    """Wait until the 50 apps' start-up work (first paints, styles) has finished: a 50 ms ticker
    late by under 20 ms for 2 s running. Returns the seconds waited."""
    started = time.monotonic()
    calm_since = time.monotonic()
    while time.monotonic() - started < limit_s:
        before = time.monotonic()
        await asyncio.sleep(0.05)
        if time.monotonic() - before > 0.07:
            calm_since = time.monotonic()
        elif time.monotonic() - calm_since > 2.0:
            break
    return time.monotonic() - started


def follow(ctx: Context) -> list[Row]:
    return asyncio.run(_follow(ctx, FOLLOWERS if ctx.scale.name == "full" else 3,
                               20 if ctx.scale.name == "full" else 3))


async def _follow(ctx: Context, count: int, changes: int) -> list[Row]:
    from storage.service.follow import FollowService
    from storage.store.store import Store
    from tui.follow_app import FollowApp
    from tui.screens.follow import FollowScreen

    with Store.open(ctx.db) as store:
        meeting_id = ctx.open_meeting(store)
        store.enter_item(meeting_id, 1)
        action = store.meeting(meeting_id).agenda[0].ref or ""
    plans = {ctx.plan_id: ctx.plan()}
    apps = [FollowApp(FollowService.open(ctx.db, ctx.plans_dir, plans=plans), ctx.plan_id) for _ in range(count)]
    stop, all_ready = asyncio.Event(), asyncio.Event()
    ready = 0

    async def run(app: FollowApp) -> None:
        nonlocal ready
        async with app.run_test(headless=True, size=(80, 24)) as pilot:
            while not (isinstance(app.screen, FollowScreen) and app.screen.view is not None):
                await pilot.pause(0.05)
            ready += 1
            if ready == count:
                all_ready.set()
            await stop.wait()

    tasks = [asyncio.create_task(run(app)) for app in apps]
    await all_ready.wait()
    settled = await _settle()
    writes: list[float] = []
    floor: list[float] = []
    committed: list[tuple[str, float]] = []  # (status, monotonic time of its commit)

    def chair() -> None:
        with Store.open(ctx.db) as writer:
            raw = sqlite3.connect(str(ctx.db))
            raw.execute("PRAGMA synchronous = FULL")

            def ours(rag: str) -> None:
                started = time.perf_counter()
                writer.record_update(ctx.plan_id, action, rag, "Benchmark note.", "Benchmark Chair", "meeting",
                                     meeting_id=meeting_id)
                done = time.perf_counter()
                committed.append((rag, time.monotonic()))
                writes.append(done - started)

            def raw_write(rag: str) -> None:
                stamp = datetime.now(UTC).isoformat(timespec="microseconds")
                started = time.perf_counter()
                raw.execute(f"INSERT INTO updates ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (ctx.plan_id, "no-such-action", rag, "floor", "Benchmark Chair", stamp, "command-line",
                             None, None, None))
                raw.commit()
                floor.append(time.perf_counter() - started)

            for n in range(changes):
                # Each goes first at every other change: the first write after the gap's sleep is the
                # slower (~2x, whichever it is), and always giving that turn to ours made F2 read 2.2x.
                for write in (ours, raw_write) if n % 2 == 0 else (raw_write, ours):
                    write("RAG"[n % 3])
                time.sleep(GAP_S)
            raw.close()

    delays: list[float] = []
    thread = threading.Thread(target=chair)
    thread.start()
    seen = 0
    while thread.is_alive() or seen < len(committed):
        if seen < len(committed):
            rag, at = committed[seen]
            waiting = set(range(count))
            while waiting and time.monotonic() - at < 5:
                for n in list(waiting):
                    screen = apps[n].screen
                    view = screen.view if isinstance(screen, FollowScreen) else None
                    if view is not None and view.status_code == rag and view.agreed_here:
                        delays.append(time.monotonic() - at)
                        waiting.discard(n)
                await asyncio.sleep(0.01)
            delays.extend([5.0] * len(waiting))  # never shown: counted as 5 s
            seen += 1
        else:
            await asyncio.sleep(0.01)
    thread.join()
    stop.set()
    await asyncio.gather(*tasks)
    worst = max(delays) if delays else None
    rows = [Row("F1", f"follow: {count} views see a status, worst", "ms",
                value=None if worst is None else worst * 1000, goal=1000,
                note=(f"{count} FollowApps headless in one process (run_test), each its own read-only connection "
                      f"polling data_version every 0.3 s; {changes} statuses {GAP_S} s apart by a chair thread; "
                      f"delay from commit to each screen's view holding it (10 ms probe); median "
                      f"{median_ms(delays):.0f} ms over {len(delays)}; measured once their start had settled "
                      f"({settled:.0f} s)")),
            Row("F2", f"status key → committed row, {count} following", "ms", value=median_ms(writes),
                floor=median_ms(floor), goal=2.0, goal_on="ratio",
                note=f"row 3's Store.record_update with the followers polling, vs a raw INSERT+COMMIT; median of "
                     f"{len(writes)}")]
    return rows
