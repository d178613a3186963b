"""A plan's own status scale must be usable in the room: 2 to 9 statuses, one rank each, every
code and name read one way, and a walk-through key for every status however its codes clash."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.plan.model import RagStatus
from tests.test_tui_support import NI15
from tui.screens.walkthrough.keys import BINDINGS, status_bindings


def status(code: str, name: str, rank: int) -> str:
    return f"  - {{code: {code}, name: {name}, symbol: '*', rank: {rank}, meaning: '{name} as agreed'}}\n"


def validate(tmp_path: Path, scale: str) -> tuple[int, str]:
    plan = tmp_path / "ni15.yaml"
    tail = f"\n{scale}" if scale else " []\n"
    plan.write_text(NI15.read_text(encoding="utf-8").rstrip("\n") + "\nrag_scale:" + tail,
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(plan)])
    return result.exit_code, result.output


@pytest.mark.parametrize(("scale", "said"), [
    ("", "at least 2"),
    (status("X", "Only", 0), "at least 2"),
    ("".join(status(c, f"S{c}", n) for n, c in enumerate("QRSTUVWXYZ")), "the limit is 9"),
    (status("X", "Late", 0) + status("Y", "Done", 0), "rank 0 is also X's: each status needs its own rank"),
    (status("X", "Same", 0) + status("Y", "same", 1), "name 'same' reads the same as the name of X (Same)"),
    (status("X", "Y", 0) + status("Y", "Done", 1), "code 'Y' reads the same as the name of X (Y)"),
])
def test_an_unusable_scale_is_an_error_at_its_place(tmp_path: Path, scale: str, said: str) -> None:
    code, out = validate(tmp_path, scale)
    assert code == 2 and said in out, out
    assert "Traceback" not in out
    line = next(row for row in out.splitlines() if said in row)
    assert line.startswith(f"{tmp_path / 'ni15.yaml'}:") and ": error: " in line


def test_a_good_custom_scale_validates(tmp_path: Path) -> None:
    code, out = validate(tmp_path, "".join(status(c, n, r) for r, (c, n) in
                                           enumerate([("N", "Stalled"), ("P", "Slipping"), ("C", "Closed")])))
    assert code == 0, out


def test_every_status_of_a_nine_status_scale_gets_a_key_though_every_code_clashes() -> None:
    clashing = "CDEJKNOPX"  # close, decision, re-rate, jump, carry, note, done, accept, arising
    scale = [RagStatus(code=c, name=f"Status {c}", symbol="*", rank=n, meaning="m") for n, c in enumerate(clashing)]
    keys = {b.action: b.key for b in status_bindings(scale, BINDINGS)}
    assert len(keys) == 9 and sorted(keys.values()) == [str(n) for n in range(1, 10)]
    assert keys["set_status('X')"] == "9"  # the complete status too
