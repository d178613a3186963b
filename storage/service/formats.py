"""The minutes and the action log in the clerk's formats: Markdown, Word, HTML and PDF (issue 17).

A mixin of `Service`. Each is one document (storage/minutes/document.py) written by one
writer (storage/minutes/write_md, write_docx, write_html, write_pdf); Markdown stays the
source of truth. Markdown and HTML are text, Word and PDF bytes. A writer is imported when
first used: the app's start and the Markdown need none of python-docx or Typst.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.minutes.action_log import LoggedAction
    from storage.minutes.document import Document
    from storage.store.store import Store

FORMATS = ("md", "docx", "html", "pdf")
BINARY = ("docx", "pdf")
FORMAT_NAMES = {"md": "Markdown", "docx": "Word (.docx)", "html": "HTML (web page)", "pdf": "PDF"}


class FormatError(Exception):
    """A format cannot be written here: a template python-docx cannot open, or PDF without Typst
    (the message is one line and says what to do)."""


def write_document(document: Document, fmt: str, *, template: Path | None = None) -> str | bytes:
    """`document` in format `fmt` (one of FORMATS); FormatError when it cannot be written. Its charts
    are drawn first for html, pdf and docx (storage.minutes.charts.drawn: a PNG for Word); Markdown
    writes each chart's table only, so it never imports the drawing library."""
    if fmt == "md":
        from storage.minutes.write_md import write as md

        return md(document)
    from storage.minutes.document import Chart

    if fmt in FORMATS and any(isinstance(block, Chart) for block in document.blocks):
        from storage.minutes.charts import drawn

        document = drawn(document, png=fmt == "docx")
    if fmt == "html":
        from storage.minutes.write_html import write as html

        return html(document)
    if fmt == "docx":
        try:
            from storage.minutes.write_docx import TemplateError
            from storage.minutes.write_docx import write as docx
        except ImportError as exc:  # python-docx is a dependency: only a broken install lacks it
            raise FormatError(f"Word files need python-docx: pip install python-docx ({exc})") from None
        try:
            return docx(document, template=template)
        except TemplateError as exc:
            raise FormatError(str(exc)) from None
    if fmt == "pdf":
        from storage.minutes.write_pdf import PdfUnavailable
        from storage.minutes.write_pdf import write as pdf

        try:
            return pdf(document)
        except PdfUnavailable as exc:
            raise FormatError(str(exc)) from None
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


class FormatsMixin:
    _store: Store
    _minutes_ready: Callable[[int], None]  # ReportsMixin's: the plan to render from, for a meeting with none stored

    def minutes_document(self, meeting_id: int, *, tz: tzinfo | None = None) -> Document:
        """The meeting's minutes as a document (StoreError when they cannot be gathered)."""
        from storage.minutes.render import gather, minutes_document

        self._minutes_ready(meeting_id)
        return minutes_document(gather(self._store, meeting_id), tz=tz)

    def minutes_as(self, meeting_id: int, fmt: str, *, tz: tzinfo | None = None,
                   template: Path | None = None) -> str | bytes:
        """The minutes in `fmt` (FORMATS); Markdown is the same bytes as `minutes()`."""
        return write_document(self.minutes_document(meeting_id, tz=tz), fmt, template=template)

    def minutes_job(self, meeting_id: int, fmt: str, *, tz: tzinfo | None = None,
                    template: Path | None = None) -> Callable[[], str | bytes]:
        """The minutes gathered now (on the caller's thread: the store's), written in `fmt` when the
        result is called, on any thread (the app writes Word and PDF in a worker); FormatError then."""
        document = self.minutes_document(meeting_id, tz=tz)
        return lambda: write_document(document, fmt, template=template)

    def action_log_as(self, entries: list[LoggedAction], fmt: str, *, as_of: date, open_only: bool = False,
                      tz: tzinfo | None = None, template: Path | None = None) -> str | bytes:
        """The action log in `fmt`; Markdown is the same bytes as `action_log_markdown()`."""
        from storage.minutes import action_log

        document = action_log.document(self._store, entries, as_of=as_of, open_only=open_only, tz=tz)
        return write_document(document, fmt, template=template)
