"""The minutes and the pre-meeting pack name a stored status whose code has left the plan's
scale as the app does, '? D (not on the scale)' (`storage.plan.status.off_scale_words`), in
every format, not as a bare 'D' (the minutes) nor as 'Not yet rated' (the pack)."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from storage.service.service import Service
from tests.test_off_scale_status import TODAY, folder  # noqa: F401  (7.3 and 7.4 stored D; D renamed X)
from tests.test_tui_support import run_steerco as _run

OFF = "? D (not on the scale)"


def _held(plans: Path) -> None:
    with closing(Service.open(plans.parent / "steerco.db", plans)) as service:
        meeting = service.start_meeting("ni15", TODAY, "michael-harrison", ["michael-harrison"], [], [], "all")
        service.close_meeting(meeting)


def test_the_minutes_name_it_as_the_app_does_in_every_format(folder: Path) -> None:  # noqa: F811
    _held(folder)
    markdown = _run(folder, "minutes", "ni15")
    lines = {line.split()[1]: line for line in markdown.splitlines() if line.startswith(("- 7.3 ", "- 7.4 "))}
    assert set(lines) == {"7.3", "7.4"}
    for line in lines.values():
        assert line.endswith(f"stands at **{OFF}**."), line
    out = folder.parent / "minutes.html"
    _run(folder, "minutes", "ni15", "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.count(f"stands at <strong>{OFF}</strong>") == 2
    assert "stands at <strong>D</strong>" not in html


def test_the_pack_names_it_and_not_as_never_rated(folder: Path) -> None:  # noqa: F811
    _held(folder)
    pack = _run(folder, "pack", "ni15")
    rows = [line for line in pack.splitlines() if line.startswith(("| 7.3 |", "| 7.4 |"))]
    assert rows and all(OFF in row and "Not yet rated" not in row for row in rows), rows
