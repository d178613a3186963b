"""Where steerco keeps things: the one place tests patch to redirect the default store.

Every function creates the directory it returns, so callers never have to.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from steerco.settings import Loaded

APP_NAME = "steerco"


def data_dir() -> Path:
    """The per-user data folder (for example ~/.local/share/steerco on Linux)."""
    path = Path(os.environ.get("STEERCO_HOME") or platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_file() -> Path:
    """The settings file (steerco/settings.py): $STEERCO_CONFIG, else settings.toml in the user
    config folder (for example ~/.config/steerco/settings.toml on Linux). Not created."""
    if env := os.environ.get("STEERCO_CONFIG"):
        return Path(env)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"


def settings() -> Loaded | None:
    """The settings file as read (steerco.settings.current()), or None when there is none: then
    steerco.settings is not even imported (a stat, for every command and the app's start)."""
    if not config_file().exists():
        return None
    from steerco.settings import current

    return current()


def _setting(name: str) -> Path | None:
    loaded = settings()
    value: Path | None = None if loaded is None else getattr(loaded.settings, name)
    return value


def minutes_dir() -> Path:
    """Where the app's `w` writes minutes files: the settings file's `minutes`, else the minutes
    folder in the data folder (never the current folder: in a checkout that left an untracked
    file in the repository)."""
    path = _setting("minutes") or data_dir() / "minutes"
    path.mkdir(parents=True, exist_ok=True)
    return path


def word_template() -> Path | None:
    """The settings file's `word_template`: the Word template for Word output when none is given."""
    return _setting("word_template")


def default_db() -> Path:
    """The default SQLite store: $STEERCO_DB, else the settings file's `store`, else steerco.db
    in the data folder."""
    env = os.environ.get("STEERCO_DB")
    if path := Path(env) if env else _setting("store"):
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
    """The plans folder: $STEERCO_PLANS, else the settings file's `plans`, else the bundled plans."""
    if env := os.environ.get("STEERCO_PLANS"):
        return Path(env)
    return _setting("plans") or bundled_plans()
