"""Every command's `--json` is one line of compact UTF-8 JSON, as `steerco status` writes it
(steerco/cli_common.py echo_json): what a script reads, with no indenting to pay for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from tests.test_updates import HAND

NOTE = "Café opened — “late”"  # not ASCII: written as UTF-8, never \u-escaped


@pytest.fixture
def seeded(plans_dir: Path, db_path: Path, tmp_path: Path) -> dict[str, list[str]]:
    common = ["--plans", str(plans_dir), "--db", str(db_path)]
    recorded = CliRunner().invoke(main, ["record", "demo", "1.1", "--rag", "A", "--note", NOTE, "--by", "Ann",
                                         *common])
    assert recorded.exit_code == 0, recorded.output
    updates = tmp_path / "ann.yaml"
    updates.write_text(HAND, encoding="utf-8")
    status = tmp_path / "status.yaml"
    status.write_text('format: steerco-status\nversion: 1\nplan: "demo"\nplan_version: "1.0"\nmeeting: 2026-11-12\n'
                      f'items:\n  - action: "1.1"\n    status: A\n    note: "{NOTE}"\n    agreed_on: 2026-11-12\n'
                      "    agreed_at: 2026-11-12 10:00:00+00:00\narising: []\n", encoding="utf-8")
    return {
        "validate": ["validate", str(plans_dir / "demo.yaml"), "--json"],
        "show": ["show", "demo", "--plans", str(plans_dir), "--json"],
        "status": ["status", "demo", *common, "--json"],
        "history": ["history", "demo", "1.1", *common, "--json"],
        "actions": ["actions", "demo", *common, "--json"],
        "import-updates": ["import-updates", str(updates), *common, "--json"],
        "proposals": ["proposals", "demo", *common, "--json"],
        "chase": ["chase", "demo", *common, "--json"],
        "import-status": ["import-status", str(status), "--plans", str(plans_dir), "--db", str(tmp_path / "o.db"),
                          "--json"],
        "check": ["check", "--db", str(db_path), "--json"],
        "publish": ["publish", "demo", "-o", str(tmp_path / "published"), *common, "--json"],
        "pack": ["pack", "demo", *common, "--json"],
    }


def test_every_json_command_is_covered_here() -> None:
    with_json = {name for name, command in main.commands.items()
                 if any(param.name == "as_json" for param in command.params)}
    assert with_json == {"validate", "show", "status", "history", "actions", "import-updates", "proposals",
                         "chase", "import-status", "check", "publish", "pack"}


@pytest.mark.parametrize("command", ["validate", "show", "status", "history", "actions", "import-updates",
                                     "proposals", "chase", "import-status", "check", "publish", "pack"])
def test_json_is_one_compact_line(seeded: dict[str, list[str]], command: str) -> None:
    result = CliRunner().invoke(main, seeded[command])
    assert result.exit_code in (0, 1), result.output
    text = result.stdout_bytes.decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    if command in ("status", "history"):
        assert NOTE in text
