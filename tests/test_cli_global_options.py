"""The global options (`--db`, `--plans`): one precedence for every command, in either position.

The flag wins (given after the command or before it), then the environment variable, then the
default. Every command is discovered from the click group, so a new one cannot be forgotten:
it needs an entry in ARGS (its arguments, or None if it never opens a store).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.service import StoreError
from storage.store.store import Store

#: Arguments that take each command as far as opening its store; None: it opens none.
ARGS: dict[str, list[str] | None] = {
    "actions": ["ni15"],
    "chase": ["ni15"],
    "export-status": ["ni15"],
    "export-updates": ["--as", "adrian-roberts", "-o", "{tmp}/out.yaml"],
    "history": ["ni15", "7.1"],
    "import-status": ["{tmp}/status.yaml"],
    "import-updates": ["{tmp}/updates.yaml"],
    "indicator": ["ni15", "NI 15", "--period", "Yr 1", "--value", "3", "--by", "adrian-roberts"],
    "meeting": ["ni15"],
    "minutes": ["ni15"],
    "proposals": ["ni15"],
    "rate-risk": ["ni15", "SSC15-1", "--impact", "3", "--likelihood", "3", "--by", "adrian-roberts"],
    "record": ["ni15", "7.1", "--rag", "G", "--note", "n", "--by", "adrian-roberts"],
    "schema": None,
    "show": ["ni15"],
    "status": ["ni15"],
    "template": None,
    "update": ["ni15", "--as", "adrian-roberts"],
    "validate": None,
    "backup": ["-o", "{tmp}/copy.db"],
    "check": [],
    "config": None,
    "abandon": ["ni15"],
    "publish": ["ni15", "-o", "{tmp}/published"],
    "follow": ["ni15"],
    "serve": None,  # each browser's steerco opens the store, not serve itself
    "pack": ["ni15"],
}


class Opened(Exception):
    pass


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """Every store a command opens, in order; opening one stops the command there. The stores
    a.db (the variable's) and b.db (the flag's) exist, so that read commands go as far as opening."""
    for name in ("a.db", "b.db", "cmd.db", "group.db", "env.db"):
        Store.open(tmp_path / name).close()
    monkeypatch.setenv("STEERCO_HOME", str(tmp_path / "home"))
    seen: list[Path] = []

    def record(cls: Any, path: Path | str, *args: Any, **kwargs: Any) -> Store:
        seen.append(Path(path))
        raise StoreError(f"{path}: stopped by the test")

    monkeypatch.setattr(Store, "open", classmethod(record))
    return seen


def test_every_command_is_listed() -> None:
    missing = sorted(set(main.commands) - set(ARGS))
    assert not missing, f"add these commands to ARGS: {missing}"


def _args(name: str, tmp_path: Path) -> list[str]:
    args = ARGS[name]
    assert args is not None
    (tmp_path / "updates.yaml").write_text("format: steerco-updates\n", encoding="utf-8")
    (tmp_path / "status.yaml").write_text("format: steerco-status\n", encoding="utf-8")
    return [a.replace("{tmp}", str(tmp_path)) for a in args]


@pytest.mark.parametrize("name", sorted(n for n, a in ARGS.items() if a is not None))
@pytest.mark.parametrize("position", ["before", "after"])
def test_the_flag_beats_the_environment(name: str, position: str, tmp_path: Path, opened: list[Path]) -> None:
    if name not in main.commands:
        pytest.skip(f"no {name} command yet")
    env_db, flag_db = tmp_path / "a.db", tmp_path / "b.db"
    args = _args(name, tmp_path)
    line = ["--db", str(flag_db), name, *args] if position == "before" else [name, *args, "--db", str(flag_db)]
    result = CliRunner().invoke(main, line, env={"STEERCO_DB": str(env_db)})
    assert opened, f"{name} opened no store: {result.output}"
    assert set(opened) == {flag_db}, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["status", "record", "history"])
def test_the_environment_beats_the_default(name: str, tmp_path: Path, opened: list[Path]) -> None:
    env_db = tmp_path / "a.db"
    CliRunner().invoke(main, [name, *_args(name, tmp_path)], env={"STEERCO_DB": str(env_db)})
    assert set(opened) == {env_db}


def test_the_command_flag_beats_the_group_flag(tmp_path: Path, opened: list[Path]) -> None:
    CliRunner().invoke(main, ["--db", str(tmp_path / "group.db"), "status", "ni15", "--db", str(tmp_path / "cmd.db")],
                       env={"STEERCO_DB": str(tmp_path / "env.db")})
    assert set(opened) == {tmp_path / "cmd.db"}


def test_plans_flag_beats_the_environment(tmp_path: Path, opened: list[Path]) -> None:
    """`--plans` before the command wins over STEERCO_PLANS: the bundled plan is found, not an empty folder's."""
    empty = tmp_path / "empty"
    empty.mkdir()
    bundled = Path(__file__).resolve().parents[1] / "plans"
    result = CliRunner().invoke(main, ["--plans", str(bundled), "show", "ni15"], env={"STEERCO_PLANS": str(empty)})
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["show", "ni15"], env={"STEERCO_PLANS": str(empty)})
    assert result.exit_code == 2


# The settings file (steerco/settings.py) comes after the environment and before the default.

def _settings(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", ["status", "record", "history"])
def test_the_settings_file_beats_the_default(name: str, tmp_path: Path, opened: list[Path],
                                             no_settings_file: Path) -> None:
    _settings(no_settings_file, f'store = "{tmp_path / "cmd.db"}"\n')
    CliRunner().invoke(main, [name, *_args(name, tmp_path)])
    assert set(opened) == {tmp_path / "cmd.db"}


def test_the_environment_and_the_flag_beat_the_settings_file(tmp_path: Path, opened: list[Path],
                                                            no_settings_file: Path) -> None:
    _settings(no_settings_file, 'store = "group.db"\n')  # relative: beside the settings file
    CliRunner().invoke(main, ["status", "ni15"])
    assert opened == [no_settings_file.parent / "group.db"]
    CliRunner().invoke(main, ["status", "ni15"], env={"STEERCO_DB": str(tmp_path / "env.db")})
    assert opened[-1] == tmp_path / "env.db"
    CliRunner().invoke(main, ["status", "ni15", "--db", str(tmp_path / "b.db")],
                       env={"STEERCO_DB": str(tmp_path / "env.db")})
    assert opened[-1] == tmp_path / "b.db"


def test_plans_from_the_settings_file(tmp_path: Path, no_settings_file: Path) -> None:
    """`plans` in the settings file is the plans folder unless STEERCO_PLANS or --plans says otherwise."""
    empty = tmp_path / "empty"
    empty.mkdir()
    bundled = Path(__file__).resolve().parents[1] / "plans"
    _settings(no_settings_file, f'plans = "{empty}"\n')
    result = CliRunner().invoke(main, ["show", "ni15"])
    assert result.exit_code == 2 and str(empty) in result.output, result.output
    assert CliRunner().invoke(main, ["show", "ni15"], env={"STEERCO_PLANS": str(bundled)}).exit_code == 0
    assert CliRunner().invoke(main, ["show", "ni15", "--plans", str(bundled)]).exit_code == 0


def test_a_bad_settings_file_is_one_line_and_the_defaults(tmp_path: Path, opened: list[Path],
                                                          no_settings_file: Path) -> None:
    _settings(no_settings_file, f'store = "{tmp_path / "cmd.db"}"\nstor = "x.db"\n')
    result = CliRunner().invoke(main, ["status", "ni15"], env={"STEERCO_HOME": str(tmp_path / "home")})
    said = [line for line in result.output.splitlines() if "settings file" in line]
    assert said == [f"steerco: settings file not used: {no_settings_file}:2: unknown setting 'stor' (did you mean "
                    "'store'?); known: plans, store, minutes, word_template, time_zone, theme, keymap; the defaults "
                    "apply: run "
                    "`steerco config check`"], result.output
    assert opened == [tmp_path / "home" / "steerco.db"]
