"""Looking after the store file itself: `steerco backup` and `steerco check` (storage/store/health.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from storage.files import check_target
from storage.store.health import Copied, Health, backup_to, check
from storage.store.opening import backup_name

__all__ = ["Copied", "Health", "backup_store", "check_store"]


def backup_store(db_path: Path, target: Path | None = None, *, now: datetime | None = None) -> Copied:
    """A checked, consistent copy of the store at `db_path`, safe while the app or an import
    writes to it: at `target`, else beside the store as `<name>.backup-YYYYMMDD-HHMMSS.db`."""
    if target is not None:
        check_target(target)  # worded as every -o (FileWriteError)
    return backup_to(db_path, target or backup_name(db_path, (now or datetime.now(UTC)).astimezone()))


def check_store(db_path: Path) -> Health:
    """What is wrong with the store at `db_path`, if anything; nothing in it is changed."""
    return check(db_path)
