"""Durability and concurrency: what the store reports as recorded survives SIGKILL, and two
processes writing at once both succeed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.store.schema_version import SCHEMA_VERSION
from storage.store.store import Store

REPO = Path(__file__).resolve().parents[1]

RECORDER = """
import sys
from storage.store.store import Store
store = Store.open(sys.argv[1])
tag = sys.argv[2]
count = int(sys.argv[3])
for i in range(count):
    update_id = store.record_update("demo", f"{tag}.{i % 50}", "RAGB"[i % 4], f"{tag} {i}", tag, "app")
    print(update_id, flush=True)
"""


def recorder(db: Path, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RECORDER, str(db), tag, str(count)],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_nothing_reported(db_path: Path) -> None:
    Store.open(db_path).close()
    rng = random.Random(20261121)
    reported: list[int] = []
    for round_ in range(4):
        proc = recorder(db_path, f"k{round_}", 1_000_000)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # wait until it is really writing
        assert first.strip(), proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        reported += [int(first)] + [int(line) for line in out.splitlines() if line.strip()]
    assert len(reported) > 4
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in conn.execute("SELECT id FROM updates")}
    conn.close()
    missing = set(reported) - stored
    assert not missing, f"{len(missing)} reported updates lost, e.g. {sorted(missing)[:5]}"
    with Store.open(db_path) as store:  # and it still opens and reads
        assert store.current_statuses("demo")


def test_two_processes_writing_at_once(db_path: Path) -> None:
    Store.open(db_path).close()
    procs = [recorder(db_path, tag, 500) for tag in ("left", "right")]
    results = [proc.communicate(timeout=120) for proc in procs]
    for proc, (_, err) in zip(procs, results):
        assert proc.returncode == 0, err[-1000:]
        assert "locked" not in err
    ids = [int(line) for out, _ in results for line in out.split()]
    assert len(ids) == len(set(ids)) == 1000
    with Store.open(db_path) as store:
        rows = store.db.conn.execute("SELECT author, count(*) FROM updates GROUP BY author").fetchall()
        assert dict(rows) == {"left": 500, "right": 500}
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_processes_creating_one_new_store(tmp_path: Path) -> None:
    db_path = tmp_path / "fresh.db"
    procs = [recorder(db_path, tag, 20) for tag in ("a", "b")]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err[-1000:]
    with Store.open(db_path) as store:
        assert store.db["updates"].count == 40
        assert store.db["_sqlite_migrations"].count == SCHEMA_VERSION
