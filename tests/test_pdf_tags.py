"""The PDF (storage/minutes/write_pdf.py, Typst): a tagged structure a screen reader can walk
(lists L > LI > Lbl + LBody, tables with header cells, figures with alternative text), and a
person's text that looks like Typst markup or code stays the words they typed."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pytest

from storage.minutes.document import Bullets, Chart, Document, Fixed, Heading, Item, Lines, Para, Status, Table, Text
from tests.format_readers import pdf_text
from tests.test_minutes_formats import needs_pdf


def _document() -> Document:
    items = tuple(Item((Fixed("Owner: "), Text(f"Officer {n}")), (Item((Fixed("Update: "), Text("On track")),),))
                  for n in range(40))
    blocks = (Heading(1, (Fixed("Minutes"),)), Para((Text("Opening words"),)), Bullets(items),
              Table("Actions", ("Ref", "Action"), tuple(((Fixed(f"A{n}"),), (Text("Do it"),)) for n in range(30))))
    return Document("Minutes", blocks, created=datetime(2026, 3, 26, 10, tzinfo=UTC))


def _tree(data: bytes) -> list[tuple[str, list[str]]]:
    """Every structure element's type with its children's types."""
    from pypdf import PdfReader

    out: list[tuple[str, list[str]]] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        elements: list[Any] = [kid.get_object() for kid in kids if hasattr(kid, "get_object")]
        elements = [kid for kid in elements if hasattr(kid, "keys") and "/S" in kid]
        out.append((str(node.get("/S")), [str(kid["/S"]) for kid in elements]))
        for kid in elements:
            walk(kid)

    root: Any = PdfReader(io.BytesIO(data)).trailer["/Root"]
    walk(root["/StructTreeRoot"])
    return out


@needs_pdf
def test_lists_and_tables_are_tagged_with_a_visible_bullet() -> None:
    from storage.minutes.write_pdf import write

    data = write(_document())
    tree = _tree(data)
    items = [kids for kind, kids in tree if kind == "/LI"]
    assert len(items) == 80  # 40 items, each with one nested item
    assert all(kids == ["/Lbl", "/LBody"] for kids in items)
    kinds = [kind for kind, _ in tree]
    assert "/L" in kinds and "/Table" in kinds and "/Caption" in kinds and "/H1" in kinds
    assert kinds.count("/TH") == 2 and kinds.count("/TR") == 31  # the header row's two cells; 30 rows + header
    assert "• Owner: Officer 0 ◦ Update: On track" in " ".join(pdf_text(data).split())


@needs_pdf
def test_metadata_says_pdf_ua_with_the_title_and_language() -> None:
    from pypdf import PdfReader

    from storage.minutes.write_pdf import write

    data = write(_document())
    reader = PdfReader(io.BytesIO(data))
    root: Any = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp and "Minutes" in xmp
    assert root["/Lang"] == "en-GB" and root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert write(_document()) == data  # same document, same bytes


@needs_pdf
def test_a_chart_is_a_figure_with_its_title_as_alternative_text() -> None:
    from storage.minutes.write_pdf import write

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" role="img"><title>Mix</title>'
           '<rect width="60" height="50" fill="#595959"/></svg>')
    alt = Table("Mix, oldest meeting first", ("Meeting", "Red"), (((Fixed("M1"),), (Fixed("3"),)),))
    data = write(Document("Charts", (Heading(1, (Fixed("Charts"),)), Chart("RAG mix over time", alt, svg=svg))))
    from pypdf import PdfReader

    root: Any = PdfReader(io.BytesIO(data)).trailer["/Root"]
    figures = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if node.get("/S") == "/Figure":
            figures.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "keys"):
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert [str(f.get("/Alt")) for f in figures] == ["RAG mix over time"]
    assert "M1 3" in " ".join(pdf_text(data).split())


TYPST_LOOKALIKES = [
    '#sys.exit()', '#read("/etc/passwd")', '#import "@preview/x:0.1.0": *', '= Not a heading',
    '*not bold* _not italic_', '$x^2$ and `raw`', '#link("https://evil.example")[click]', '@ref <label>',
    '#{ panic("boom") }', 'back\\slash // not a comment /* nor this */', '#set page(fill: red)',
]


@needs_pdf
@pytest.mark.parametrize("text", TYPST_LOOKALIKES, ids=range(len(TYPST_LOOKALIKES)))
def test_typst_markup_in_a_persons_text_stays_their_words(text: str) -> None:
    from pypdf import PdfReader

    from storage.minutes.write_pdf import write

    blocks = (Heading(1, (Fixed("Minutes"),)), Heading(2, (Text(text),)), Para((Fixed("Update: "), Lines(text))),
              Bullets((Item((Status(text, "●"),)),)),
              Table(text, ("Owner", text), (((Text(text),), (Text(text),)),)))
    data = write(Document(text, blocks))
    reader = PdfReader(io.BytesIO(data))
    root: Any = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/Names" not in root
    assert not any("/Annots" in page for page in reader.pages)  # no link made from the text
    flat = " ".join(pdf_text(data).split())
    assert flat.count(" ".join(text.split())) >= 5  # heading, update, status, caption, header, cells
    assert "root:" not in flat  # nothing was read from the disk


@needs_pdf
def test_headings_that_skip_a_level_still_make_a_pdf() -> None:
    """PDF/UA-1 refuses headings that skip a level (1 then 3): the writer closes the gap, keeping the order."""
    from storage.minutes.write_pdf import write

    blocks = (Heading(1, (Fixed("Pack"),)), Heading(3, (Fixed("Deep"),)), Heading(4, (Fixed("Deeper"),)),
              Heading(2, (Fixed("Back"),)))
    tree = _tree(write(Document("Pack", blocks)))
    assert [kind for kind, _ in tree if kind.startswith("/H")] == ["/H1", "/H2", "/H3", "/H2"]
