"""A `Document` as PDF: laid out by Typst (the `typst` package) from `minutes.typ`, tagged as PDF/UA-1.

Typst is the optional extra `steerco[pdf]`: one self-contained wheel (its fonts included, no
system library), imported only when a PDF is written; without it `PdfUnavailable` says how to
install it. The document goes to the template as JSON data (`sys.inputs`), so a person's text is
only ever a string there, never Typst markup. The PDF is tagged (headings, lists, tables with
header rows, figures with their alternative text) with the document's language and title; its
dates are the moment the document describes, so the same document gives the same bytes.

Typst rather than WeasyPrint laying out the HTML: benchmark row 7p (the 500-item minutes, ≤ 5 s)
took WeasyPrint 12.5 s of CPU and takes Typst under 1 s (docs/minutes.md, "Speed").
"""

from __future__ import annotations

import json
from datetime import datetime
from importlib import resources
from typing import Any

from storage.minutes.document import (
    Block,
    Break,
    Bullets,
    Chart,
    Document,
    Fixed,
    Heading,
    Item,
    Lines,
    Para,
    Spans,
    Status,
    Strong,
    Table,
    Text,
)
from storage.minutes.markdown import plain_inline, plain_lines, plain_lines_or

__all__ = ["INSTALL", "PdfUnavailable", "available", "data", "write"]

INSTALL = "PDF needs Typst: pip install 'steerco[pdf]'"

class PdfUnavailable(Exception):
    """The `typst` package is not installed (or cannot load); the message says how to get it."""


def available() -> bool:
    try:
        _typst()
    except PdfUnavailable:
        return False
    return True


def _typst() -> Any:
    try:
        import typst
    except (ImportError, OSError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else ""
        raise PdfUnavailable(f"{INSTALL} ({exc.__class__.__name__}: {detail})") from None
    return typst


def _spans(items: Spans) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for span in items:
        if isinstance(span, Fixed):
            out.append({"k": "t", "v": span.text})
        elif isinstance(span, Text):
            out.append({"k": "t", "v": plain_inline(span.text, span.empty)})
        elif isinstance(span, Lines):
            for n, line in enumerate(plain_lines_or(span.text, span.empty)):
                if n:
                    out.append({"k": "br"})
                out.append({"k": "t", "v": line})
        elif isinstance(span, Status):
            symbol = " ".join(plain_lines(span.symbol))
            out.append({"k": "status", "word": plain_inline(span.word, "—"), "symbol": symbol})
        elif isinstance(span, Strong):
            out.append({"k": "strong", "s": _spans(span.spans)})
        elif isinstance(span, Break):
            out.append({"k": "br"})
    return out


def _item(item: Item) -> dict[str, Any]:
    return {"s": _spans(item.spans), "c": [_item(child) for child in item.children]}


def _text(items: list[dict[str, Any]]) -> str:
    return " ".join(_text(s["s"]) if "s" in s else s.get("v", s.get("word", "")) for s in items)


#: About how many characters of a table's text fit across the A4 page between the margins (10 pt
#: DejaVu Sans), counting each cell's padding as two.
_LINE = 92
#: A table whose columns' longest words alone take more than this share of the line is set smaller,
#: so that its long texts keep room to wrap at words (the minutes' risk register: nine columns, three
#: of them numbers under long headings, left its Change column some 11 characters, a line a word).
_CROWDED = 0.75
#: How small such a table's text may be set, as a share of a table's usual size (about 8 pt).
_SMALLEST = 0.82


def _widths(header: list[str], rows: list[list[list[dict[str, Any]]]]) -> tuple[list[float], float]:
    """Each column's share of the page's width, sized as a browser sizes an HTML table: every column
    at least as wide as its longest word (a bold header word counts a little wider), and the room
    left shared by how much more each column's longest text wants, up to 40 characters; and the size
    the table's text is set at (1, or down to `_SMALLEST` for a crowded table, `_CROWDED`)."""
    least, wanted = [], []
    for n, name in enumerate(header):
        cells = [_text(row[n]) for row in rows]
        word = max([len(w) * 1.15 for w in name.split()] + [len(w) for text in cells for w in text.split()] + [1.0])
        least.append(word + 2)
        wanted.append(max(min(max([len(name), *map(len, cells)]), 40) + 2, word + 2))
    size = 1.0 if sum(least) <= _LINE * _CROWDED else max(_SMALLEST, round(_LINE * _CROWDED / sum(least), 2))
    room = _LINE / size - sum(least)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    if room <= 0 or not sum(extra):
        return [round(m, 2) for m in least], size
    share = min(1.0, room / sum(extra))
    return [round(m + e * share, 2) for m, e in zip(least, extra, strict=True)], size


def _table(table: Table) -> dict[str, Any]:
    rows = [[_spans(cell) for cell in row] for row in table.rows]
    widths, size = _widths(list(table.header), rows)
    return {"k": "table", "caption": table.caption, "header": list(table.header), "rows": rows,
            "widths": widths, "size": size}


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"k": "h", "level": block.level, "s": _spans(block.spans)}
    if isinstance(block, Para):
        return {"k": "p", "s": _spans(block.spans)}
    if isinstance(block, Bullets):
        return {"k": "ul", "items": [_item(item) for item in block.items]}
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return {"k": "chart", "title": block.title, "svg": block.svg, "alt": _table(block.alt)}
    raise TypeError(f"not a block: {block!r}")


def _moment(created: datetime | None) -> list[int] | None:
    if created is None:
        return None
    return [created.year, created.month, created.day, created.hour, created.minute, created.second]


def _levelled(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Headings that never skip a level (PDF/UA-1 refuses a document whose headings go from 1 to 3):
    a heading is at most one level below the one before it, and between 1 and 6."""
    last = 0
    for block in blocks:
        if block["k"] == "h":
            block["level"] = last = min(max(block["level"], 1), last + 1, 6)
    return blocks


def data(document: Document) -> str:
    """The JSON the template reads: the document's blocks with the user's text cleaned as for the
    other formats (controls and bidi overrides removed), as plain strings."""
    lang, _, region = document.lang.partition("-")
    return json.dumps({"title": document.title, "lang": lang.lower() or "en", "region": region.upper() or None,
                       "created": _moment(document.created), "blocks": _levelled([_block(b) for b in document.blocks])},
                      ensure_ascii=False, separators=(",", ":"))


def write(document: Document) -> bytes:
    """The document as PDF bytes (PdfUnavailable without the `typst` package)."""
    typst = _typst()
    template = resources.files("storage.minutes").joinpath("minutes.typ").read_bytes()
    timestamp = int(document.created.timestamp()) if document.created else 946684800
    out = typst.compile(template, format="pdf", sys_inputs={"document": data(document)}, pdf_standards=["ua-1"],
                        timestamp=timestamp)
    return bytes(out)
