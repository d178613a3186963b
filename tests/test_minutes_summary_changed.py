"""The minutes' summary of the statuses agreed names a move `storage.plan.status.change` calls
'changed' (from a code since removed from the scale, or to one of the same rank) with its codes,
the off-scale one as every view words it (`off_scale_words`), and never ends on an empty list
('Since the previous meeting: .'). A new user's try T8: 7.1 from '? P' to 'I'."""

from __future__ import annotations

import re
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from storage.service.service import Service
from tests.test_off_scale_status import TODAY, folder  # noqa: F401  (7.3 and 7.4 stored D; D renamed X)
from tests.test_tui_support import run_steerco as _run

SAID = ("Statuses agreed for 1 action: 1 In progress. Since the previous meeting: "
        "1 changed (7.3 from ? D (not on the scale) to In progress).")


def _two_meetings(plans: Path) -> None:
    """A first meeting closed with nothing agreed, then one agreeing 7.3 (stored D, off the scale) P."""
    with closing(Service.open(plans.parent / "steerco.db", plans)) as service:
        first = service.start_meeting("ni15", TODAY - timedelta(days=28), "michael-harrison",
                                      ["michael-harrison"], [], [], "all")
        service.close_meeting(first)
        second = service.start_meeting("ni15", TODAY, "michael-harrison", ["michael-harrison"], [], [], "all")
        service.set_status(second, "7.3", "P")
        service.close_meeting(second)


def test_an_off_scale_move_is_named_in_the_summary(folder: Path) -> None:  # noqa: F811
    _two_meetings(folder)
    markdown = _run(folder, "minutes", "ni15")
    assert SAID in markdown, [line for line in markdown.splitlines() if line.startswith("Statuses agreed")]
    assert "Since the previous meeting: ." not in markdown
    out = folder.parent / "minutes.html"
    _run(folder, "minutes", "ni15", "--format", "html", "-o", str(out))
    text = re.sub(r"<[^>]+>", "", out.read_text(encoding="utf-8"))  # the status's symbol is aria-hidden
    assert "Since the previous meeting: 1 changed (7.3 from ? D (not on the scale) to ◐ In progress)." in text
    assert "Since the previous meeting: ." not in text
