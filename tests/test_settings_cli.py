"""`steerco config path|check|init`: where the settings file is, every problem as file:line
(exit 0 clean, 1 warnings only, 2 errors), the commented example; and the settings file's
time_zone as the default of --tz."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from textual.theme import BUILTIN_THEMES

from steerco.cli import main
from tests.test_action_log import build


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_path_is_the_variable_or_the_user_config_folder(no_settings_file: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("config", "path").output == f"{no_settings_file}\n"
    monkeypatch.delenv("STEERCO_CONFIG")
    import platformdirs

    assert run("config", "path").output == f"{Path(platformdirs.user_config_dir('steerco')) / 'settings.toml'}\n"


def test_no_file_is_the_defaults_and_exit_0(no_settings_file: Path) -> None:
    result = run("config", "check")
    assert result.exit_code == 0
    assert result.output.startswith(f"no settings file at {no_settings_file}: the defaults apply")


def test_init_writes_an_example_that_checks_clean_and_never_overwrites(no_settings_file: Path) -> None:
    result = run("config", "init")
    assert result.exit_code == 0, result.output
    text = no_settings_file.read_text(encoding="utf-8")
    assert "[keymap]" in text and "# theme =" in text
    checked = run("config", "check")
    assert checked.exit_code == 0, checked.output
    assert checked.output == f"{no_settings_file}: 0 errors, 0 warnings (used)\n"
    write(no_settings_file, 'theme = "nord"\n')
    again = run("config", "init")
    assert again.exit_code == 2 and "already exists" in again.output
    assert no_settings_file.read_text(encoding="utf-8") == 'theme = "nord"\n'


def test_a_good_file_is_used(no_settings_file: Path, tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    write(no_settings_file, f'plans = "{tmp_path / "plans"}"\nstore = "s.db"\ntime_zone = "UTC"\n'
                            'theme = "textual-light"\n\n[keymap]\nmeeting-next = "right,space"\n'
                            'home-open = "o,enter"\n')
    result = run("config", "check")
    assert (result.exit_code, result.output) == (0, f"{no_settings_file}: 0 errors, 0 warnings (used)\n")


BAD = """\
# a settings file with one of each mistake
theme = "solarised-light"
store = 3
time_zone = "Europe/Lndon"
colour = "red"

[keymap]
meeting-nxt = "space"
meeting-note = "ctrl+foo"
"""


def test_every_problem_with_its_line_and_exit_2(no_settings_file: Path) -> None:
    write(no_settings_file, BAD)
    result = run("config", "check")
    assert result.exit_code == 2
    f = no_settings_file
    assert result.output.splitlines() == [
        f"{f}:2: error: unknown theme 'solarised-light' (did you mean 'solarized-light'?); Textual's themes: "
        + ", ".join(sorted(BUILTIN_THEMES)),
        f"{f}:3: error: store must be a string (in quotes), not a number",
        f"{f}:4: error: time_zone: unknown time zone 'Europe/Lndon'; use an IANA name such as Europe/London, or UTC",
        f"{f}:5: error: unknown setting 'colour'; known: plans, store, minutes, word_template, time_zone, theme, "
        "keymap",
        f"{f}:8: error: unknown binding id 'meeting-nxt' (did you mean 'meeting-next'?); every id is in "
        "docs/meeting-keys.md",
        f"{f}:9: error: keymap meeting-note: 'ctrl+foo' is not a key Textual knows; keys are named as `textual keys` "
        "prints them: a letter, ctrl+s, f5, pageup, question_mark, space",
        f"{f}: 6 errors, 0 warnings (not used: every setting is its default)",
    ]


def test_a_file_that_is_not_toml(no_settings_file: Path) -> None:
    write(no_settings_file, 'theme = "nord"\n[keymap\nmeeting-next = "space"\n')
    result = run("config", "check", "--json")
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert report["errors"] == 1 and report["problems"][0]["line"] == 2, report
    assert report["problems"][0]["message"].startswith("not valid TOML: ")


def test_a_keymap_clash_is_a_warning_exit_1(no_settings_file: Path, tmp_path: Path) -> None:
    """meeting-decision on n takes n from meeting-note on the walk-through; meeting-accept (p, enter)
    remapped unbinds enter from re-rate and value too (Textual's rule), and says so."""
    write(no_settings_file, '[keymap]\nmeeting-decision = "n"\nmeeting-accept = "a"\n')
    result = run("config", "check", str(no_settings_file))
    assert result.exit_code == 1, result.output
    f = no_settings_file
    lines = result.output.splitlines()
    assert f"{f}:2: warning: on the Walk-through, n no longer runs meeting-note: meeting-decision is mapped to it" \
        in lines
    assert f"{f}:3: warning: on the Walk-through, a no longer runs meeting-status-amber: meeting-accept is mapped " \
        "to it" in lines
    assert any(line.startswith(f"{f}:3: warning: on the Walk-through, enter no longer runs meeting-rate-risk: "
                               "meeting-accept had it too") for line in lines), lines
    assert lines[-1] == f"{f}: 0 errors, 4 warnings (used)"


def test_a_missing_file_named_is_exit_2(tmp_path: Path) -> None:
    result = run("config", "check", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2 and "no such file" in result.output


def test_the_time_zone_setting_is_the_default_of_tz(no_settings_file: Path, tmp_path: Path) -> None:
    store, _, _, _ = build(tmp_path)
    store.close()
    db = str(tmp_path / "steerco.db")
    assert "Opened: 15:00 BST" in run("minutes", "ni15", "--db", db).output  # the plan's zone
    write(no_settings_file, 'time_zone = "America/New_York"\n')
    assert "Opened: 10:00 EDT" in run("minutes", "ni15", "--db", db).output
    assert "Opened: 14:00 UTC" in run("minutes", "ni15", "--db", db, "--tz", "UTC").output  # the flag wins
    write(no_settings_file, '\ntime_zone = "Mars/Olympus"\n')
    result = run("minutes", "ni15", "--db", db)
    assert result.exit_code == 2
    assert f"{no_settings_file}:2: time_zone: unknown time zone 'Mars/Olympus'" in result.output
    assert "Traceback" not in result.output


def test_no_settings_file_costs_a_stat(tmp_path: Path) -> None:
    """With no settings file a command imports neither tomllib nor steerco.settings (nor the keymap)."""
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from steerco.cli import main; "
            f"r = CliRunner().invoke(main, ['status', 'ni15', '--db', {str(tmp_path / 'none.db')!r}]); "
            "print(r.exit_code, [m for m in ('tomllib', 'steerco.settings', 'tui.keymap') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout
    assert out.split(maxsplit=1) == ["2", "[]\n"], out
