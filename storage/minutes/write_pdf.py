"""A `Document` as PDF: the HTML (storage/minutes/write_html.py) laid out by WeasyPrint, tagged as PDF/UA-1.

WeasyPrint is the optional extra `steerco[pdf]` (it needs the system's Pango: Debian's
libpango-1.0-0 and libpangoft2-1.0-0); without it `PdfUnavailable` says how to install it.
The PDF is tagged (a structure tree from the HTML's headings, lists and tables: pdf/ua-1) with
the document's language and title; its dates are the moment the document describes and its
identifier is derived from its content, so the same document gives the same bytes.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from storage.minutes.document import Document
from storage.minutes.write_html import write as write_html

__all__ = ["INSTALL", "PDF_CSS", "PdfUnavailable", "available", "write"]

#: Added to the HTML's own style sheet for the PDF only (a browser printing the HTML keeps its
#: outside bullets). WeasyPrint lays out an outside list marker as an absolutely positioned box
#: (~2,400 of them in the benchmark's 500-item minutes, ~3 s of ~15 s); a bullet drawn as the
#: item's first text costs nothing extra, and keeps the tags a list needs (L > LI > LBody).
PDF_CSS = """
ul { list-style: none; padding-left: 1.6em; }
li { text-indent: -0.9em; }
li::before { content: "\\2022\\00a0\\00a0"; }
h1, h2, h3, h4, caption { break-after: avoid; }
thead, tbody > tr:first-child { break-inside: avoid; }
thead { break-after: avoid; }
"""

INSTALL = ("PDF needs WeasyPrint: pip install 'steerco[pdf]' (and the Pango library: on Debian or Ubuntu "
           "apt-get install libpango-1.0-0 libpangoft2-1.0-0)")


class PdfUnavailable(Exception):
    """WeasyPrint (or the Pango library it loads) is not installed; the message says how to get it."""


def available() -> bool:
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the package is there, its Pango library is not
        raise PdfUnavailable(f"{INSTALL} ({exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
                             ) from None
    _cache_page_references()
    return weasyprint


def _cache_page_references() -> None:
    """pydyf's `PDF.page_references` builds the tuple of every page's reference on each read, and
    WeasyPrint's tagging reads it once per marked piece of content (~26,000 times for the 114 pages
    of the benchmark's minutes: 3 million small strings, ~1.5 s). The same tuple, kept while the
    page count is unchanged (pages are only ever appended), gives the same bytes."""
    try:
        import pydyf
    except ImportError:
        return
    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property) or getattr(original.fget, "steerco_cached", False):
        return
    compute: Any = original.fget

    def page_references(self: Any) -> Any:
        count = len(self.pages["Kids"])
        kept = self.__dict__.get("_steerco_page_references")
        if kept is None or kept[0] != count:
            kept = (count, compute(self))
            self.__dict__["_steerco_page_references"] = kept
        return kept[1]

    page_references.steerco_cached = True  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)


def write(document: Document) -> bytes:
    """The document as PDF bytes (PdfUnavailable without WeasyPrint)."""
    weasyprint = _weasyprint()
    html = write_html(document)
    identifier = hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode("ascii")
    variant = "pdf/ua-1" if "pdf/ua-1" in _variants(weasyprint) else None
    options = {"pdf_variant": variant} if variant else {"pdf_tags": True}
    # The embedded font subsets carry a 'modified' time: fontTools takes it from SOURCE_DATE_EPOCH when set.
    moment = str(int(document.created.timestamp())) if document.created else "946684800"
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = before or moment
    try:
        return bytes(weasyprint.HTML(string=html).write_pdf(
            stylesheets=[weasyprint.CSS(string=PDF_CSS)], pdf_identifier=identifier, **options))
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def _variants(weasyprint: Any) -> tuple[str, ...]:
    try:
        from weasyprint.pdf import VARIANTS
    except ImportError:
        return ()
    return tuple(VARIANTS)
