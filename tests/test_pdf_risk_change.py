"""The PDF minutes' risk register gives its Change column room to read (new-user try): with the
Minute column and three number columns under long headings, Change had some 11 characters, a line a
word ('Re-rated' / 'between' / 'meetings: up' / … / 'steerco rate-' / 'risk'). A crowded table is now
set a little smaller (write_pdf._CROWDED, down to _SMALLEST), so its long texts wrap at words. An
NI 15 meeting whose risks were taken and re-rated, one between meetings, rendered by `steerco
minutes --format pdf`, read back with pypdf."""

from __future__ import annotations

import json
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from storage.minutes import write_pdf
from storage.service.service import Service
from tests.conftest import BUNDLED_PLANS
from tests.format_readers import pdf_text
from tests.test_tui_support import steerco_at

pytest.importorskip("pypdf")
pytestmark = pytest.mark.skipif(not write_pdf.available(), reason="the pdf extra (Typst) is not installed")


def _rerated_meeting(db: Path) -> int:
    """Two NI 15 meetings; SSC15-1 re-rated between them (steerco rate-risk), the others at the
    second, each risk item taken (so the register has its Minute column)."""
    with closing(Service.open(db, BUNDLED_PLANS)) as service:
        service.close_meeting(service.start_meeting("ni15", date(2026, 10, 6), "Chair", [], [], [], "all"))
    steerco_at(BUNDLED_PLANS, db, "rate-risk", "ni15", "SSC15-1", "--impact", "4", "--likelihood", "4",
               "--by", "roberts")
    with closing(Service.open(db, BUNDLED_PLANS)) as service:
        meeting = service.start_meeting("ni15", date(2026, 11, 3), "Chair", [], [], [], "all")
        for position, item in enumerate(meeting.agenda, 1):
            if item.kind == "risk":
                service.enter_item(meeting, position)
                if item.ref != "SSC15-1":
                    service.rate_risk(meeting, item.ref or "", 5, 5, "worse")
        service.close_meeting(meeting)
        return meeting.id


def test_the_risk_registers_change_column_wraps_at_words(tmp_path: Path) -> None:
    db = tmp_path / "steerco.db"
    meeting_id = _rerated_meeting(db)
    with closing(Service.open(db, BUNDLED_PLANS)) as service:
        document = service.minutes_document(meeting_id)
    [register] = [b for b in json.loads(write_pdf.data(document))["blocks"]
                  if b["k"] == "table" and b["caption"] == "Risk register"]
    assert register["header"][0] == "Minute" and register["header"][-1] == "Change"
    line = sum(register["widths"])
    assert register["widths"][-1] / line * write_pdf._LINE / register["size"] >= 18  # characters of Change
    assert write_pdf._SMALLEST <= register["size"] < 1
    steerco_at(BUNDLED_PLANS, db, "minutes", "ni15", "--meeting", str(meeting_id), "--format", "pdf",
               "-o", str(tmp_path / "m.pdf"))
    lines = [" ".join(line.split()) for line in pdf_text((tmp_path / "m.pdf").read_bytes()).splitlines()]
    start = next(n for n, text in enumerate(lines) if text.endswith("Re-rated between"))
    cell = lines[start:start + 7]
    assert any(text.startswith("meetings: up from") for text in cell), cell
    assert any(text.endswith("steerco rate-risk") for text in cell), cell  # not 'rate-' / 'risk'


def test_a_table_with_room_keeps_its_size() -> None:
    widths, size = write_pdf._widths(["Item", "Status"], [[[{"k": "t", "v": "Row 1"}], [{"k": "t", "v": "Green"}]]])
    assert size == 1.0 and len(widths) == 2
