"""The PDF writer's speed measures (storage/minutes/write_pdf.py) keep the output the same in
substance: a list stays a tagged list (L > LI > LBody, the bullet drawn as the item's text, not
WeasyPrint's costly outside marker), and the cached page references give the bytes pydyf's own
property gives."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pytest

from storage.minutes.document import Bullets, Document, Fixed, Heading, Item, Para, Table, Text
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
def test_lists_stay_tagged_lists_with_a_visible_bullet() -> None:
    from storage.minutes.write_pdf import write

    data = write(_document())
    tree = _tree(data)
    items = [kids for kind, kids in tree if kind == "/LI"]
    assert len(items) == 80  # 40 items, each with one nested item
    assert all(kids == ["/LBody"] or kids[-1] == "/LBody" for kids in items)
    assert any(kind == "/L" for kind, _ in tree) and any(kind == "/Table" for kind, _ in tree)
    from tests.format_readers import pdf_text

    assert "• Owner: Officer 0" in " ".join(pdf_text(data).split())


@needs_pdf
def test_cached_page_references_give_pydyf_s_own_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    import pydyf

    from storage.minutes.write_pdf import write

    document = _document()
    cached = write(document)
    assert getattr(pydyf.PDF.page_references.fget, "steerco_cached", False)

    def plain(self: Any) -> tuple[bytes, ...]:  # pydyf's own definition
        return tuple(f"{number} 0 R".encode("ascii") for number in self.pages["Kids"][::3])

    monkeypatch.setattr(pydyf.PDF, "page_references", property(plain))
    from storage.minutes import write_pdf

    monkeypatch.setattr(write_pdf, "_cache_page_references", lambda: None)
    assert write(document) == cached
