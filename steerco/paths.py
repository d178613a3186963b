"""Where steerco keeps things: the one place tests patch to redirect the default store.

Every function creates the directory it returns, so callers never have to.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "steerco"


def data_dir() -> Path:
    """The per-user data folder (for example ~/.local/share/steerco on Linux)."""
    path = Path(os.environ.get("STEERCO_HOME") or platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def minutes_dir() -> Path:
    """Where the app's `w` writes minutes files: the minutes folder in the data folder (never the
    current folder: in a checkout that left an untracked file in the repository)."""
    path = data_dir() / "minutes"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db() -> Path:
    """The default SQLite store: $STEERCO_DB, else steerco.db in the data folder."""
    if env := os.environ.get("STEERCO_DB"):
        path = Path(env)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    return data_dir() / "steerco.db"


def bundled_plans() -> Path:
    """The plans shipped with steerco: the repository's plans/ folder, or the copy in the wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "plans", here / "bundled_plans"):
        if candidate.is_dir():
            return candidate
    return here.parent / "plans"


def default_plans() -> Path:
    """The plans folder: $STEERCO_PLANS, else the bundled plans."""
    if env := os.environ.get("STEERCO_PLANS"):
        return Path(env)
    return bundled_plans()
