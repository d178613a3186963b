"""Word minutes without a template: an A4 page with the HTML's and the PDF's margins (python-docx's
own start is US Letter) and no blank thumbnail picture (T17 try); a template's page set-up is kept."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.shared import Mm

from storage.minutes.write_docx import write
from tests.test_pdf_tags import _document


def mm(*lengths: Any) -> list[int]:
    return [round(length.mm) for length in lengths]


def test_plain_word_minutes_are_a4_without_a_thumbnail() -> None:
    data = write(_document())
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert mm(section.page_width, section.page_height) == [210, 297]
    assert mm(section.left_margin, section.top_margin, section.bottom_margin) == [16, 18, 20]
    assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "thumbnail" in n]


def test_a_templates_page_set_up_is_kept(tmp_path: Path) -> None:
    house = docx.Document()
    section = house.sections[0]
    section.page_width, section.page_height = Mm(297), Mm(210)  # A4 landscape, the partnership's choice
    house.save(str(tmp_path / "house.docx"))
    kept = docx.Document(io.BytesIO(write(_document(), template=tmp_path / "house.docx"))).sections[0]
    assert mm(kept.page_width, kept.page_height) == [297, 210]
