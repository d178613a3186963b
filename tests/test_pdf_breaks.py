"""PDF: a heading and a table's caption stay on the page of their table's first rows (FIX17, issue 17
try: they were left at the foot of a page). Read back with pypdf: for a heading pushed down the
page a paragraph at a time, the heading, the caption and the first row are always on one page."""

from __future__ import annotations

import io

import pytest

pypdf = pytest.importorskip("pypdf")

from storage.minutes.document import Document, Heading, Para, Table, Text  # noqa: E402
from storage.minutes.write_pdf import available, write  # noqa: E402


def pages(fillers: int) -> list[str]:
    blocks = [Heading(1, (Text("Breaks"),))]
    blocks += [Para((Text(f"Filler paragraph {i} " + "words " * 8),)) for i in range(fillers)]
    blocks += [Heading(2, (Text("The heading above the table"),)),
               Table("The caption of the table", ("Item", "Status"),
                     tuple(((Text(f"Row {i}"),), (Text("Green"),)) for i in range(1, 30)))]
    reader = pypdf.PdfReader(io.BytesIO(write(Document(title="Breaks", blocks=tuple(blocks)))))
    return [page.extract_text() for page in reader.pages]


def page_of(texts: list[str], words: str) -> int:
    return next(i for i, text in enumerate(texts) if words in " ".join(text.split()))


@pytest.mark.skipif(not available(), reason="the pdf extra (Typst) is not installed")
def test_a_heading_and_caption_stay_with_the_tables_first_rows() -> None:
    seen = set()
    for fillers in range(20, 60):  # moves the heading through the foot of the first page, and on
        texts = pages(fillers)
        heading = page_of(texts, "The heading above the table")
        seen.add(heading)
        assert page_of(texts, "The caption of the table") == heading, fillers
        assert page_of(texts, "Row 1 ") == heading or page_of(texts, "Row 1 Green") == heading, fillers
        if seen == {0, 1}:
            break
    assert seen == {0, 1}  # the range did cross the page foot


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240" role="img"><title>Chart</title>'
       '<rect width="400" height="240" fill="#595959"/></svg>')


@pytest.mark.skipif(not available(), reason="the pdf extra (Typst) is not installed")
def test_a_chart_stays_with_its_heading_and_numbers_line() -> None:
    """T17 try: an indicator's heading and numbers line ended a page and its chart began the next."""
    from storage.minutes.document import Chart, Fixed

    seen = set()
    for fillers in range(10, 60):
        blocks = [Heading(1, (Text("Charts"),))]
        blocks += [Para((Text(f"Filler paragraph {i} " + "words " * 8),)) for i in range(fillers)]
        alt = Table("The chart's numbers", ("Period", "Value"), (((Fixed("Yr 1"),), (Fixed("0.7"),)),))
        blocks += [Heading(2, (Text("Indicator NI 15"),)), Para((Text("Baseline 0.75 and the numbers line"),)),
                   Chart("The chart of NI 15", alt, svg=SVG)]
        reader = pypdf.PdfReader(io.BytesIO(write(Document(title="Charts", blocks=tuple(blocks)))))
        texts = [page.extract_text() for page in reader.pages]
        heading = page_of(texts, "Indicator NI 15")
        seen.add(heading)
        assert page_of(texts, "Baseline 0.75 and the numbers line") == heading, fillers
        assert page_of(texts, "The chart of NI 15") == heading, fillers
        if seen == {0, 1}:
            break
    assert seen == {0, 1}
