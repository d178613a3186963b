"""Opening a store twice in one process must not drop SQLite's POSIX locks.

POSIX advisory locks belong to the process: closing *any* descriptor of the file releases
them all. If inspecting the file opened it with plain `open()`, a second open in the
process would leave the first connection unlocked, and another process closing its own
connection could then delete the WAL under it, losing every later write.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storage.store.store import Store

REPO = Path(__file__).resolve().parents[1]


def _open_and_close_elsewhere(db: Path) -> None:
    code = ("import sys; from storage.store.store import Store; s = Store.open(sys.argv[1]); "
            "s.current_statuses('demo'); s.close()")
    subprocess.run([sys.executable, "-c", code, str(db)], cwd=REPO, check=True)


def _count_elsewhere(db: Path) -> int:
    code = (
        "import sys, sqlite3; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from updates').fetchone()[0])"
    )
    out = subprocess.run([sys.executable, "-c", code, str(db)], cwd=REPO, check=True, capture_output=True, text=True)
    return int(out.stdout)


def test_second_open_in_process_keeps_the_first_connections_writes(db_path: Path) -> None:
    first = Store.open(db_path)
    first.record_update("demo", "1.1", "A", "before", "Ann", "app")
    Store.open(db_path).close()  # e.g. a command run inside the app's process
    _open_and_close_elsewhere(db_path)  # e.g. `steerco status` run during the meeting
    for n in range(5):
        first.record_update("demo", "1.1", "G", f"after {n}", "Ann", "app")
    assert _count_elsewhere(db_path) == 6
    first.close()
    assert _count_elsewhere(db_path) == 6
