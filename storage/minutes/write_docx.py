"""A `Document` as a Word file (.docx) with python-docx: real structure a clerk can edit.

Headings use Word's own styles (Heading 1 to 4), bullets List Bullet / List Bullet 2, tables
Table Grid with a header row that repeats on every page (w:tblHeader) and a caption (Caption)
above each; a status is its symbol and its word; the footer numbers the pages ('Page 3 of 9',
PAGE and NUMPAGES fields); the language is en-GB. With a template (`template=`, the partnership's
own reference document) its styles, page set-up, headers and footers apply: its body is cleared
and the minutes written in its styles (a style it lacks falls back to the nearest it has).

Same document, same bytes: the core properties are fixed (author and last modified by
'steerco', created and modified = the moment the document describes, revision 1), and the zip
entries get a fixed time (1980-01-01, the earliest a zip can say) in a fixed order, since
python-docx stamps each entry with the time of saving. User text is written as XML text by
python-docx (no field, hyperlink or markup can come of it); characters XML cannot hold are
dropped.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml.etree import SubElement  # python-docx's own XML library (this module is imported only to write a .docx)

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
from storage.minutes.markdown import plain_lines, plain_lines_or

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

__all__ = ["TemplateError", "write"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_DOS_1980 = (0 << 9) | (1 << 5) | 1  # 1980-01-01 as a zip (MS-DOS) date; the time 00:00 is 0
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # for a document that names no moment of its own
# What XML 1.0 cannot hold (after the Markdown's cleaning has removed the controls).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class TemplateError(Exception):
    """The template is not a Word document python-docx can open (one line: the path and why)."""


def _clean(text: str) -> str:
    return text if text.isascii() else _NOT_XML.sub("", text)  # ASCII's controls are gone already


@lru_cache(maxsize=4096)
def _user(text: str | None, empty: str) -> tuple[str, ...]:
    """User text as its cleaned lines (or `empty`), kept per text: minutes repeat names and statuses."""
    return tuple(_clean(line) for line in plain_lines_or(text, empty))


class _Writer:
    """Paragraphs, runs and table cells are made as XML with lxml directly: python-docx's
    add_paragraph looks for where to insert among the body's children (~0.1 ms each), add_run and
    add_row build each element through its own machinery; the 500-item minutes have ~5,000 runs."""

    def __init__(self, word: WordDocument) -> None:
        self.word = word
        self.body = word.element.body
        self.end = self.body.sectPr  # the body's last child, found once (a lookup scans every child)
        # Style names to ids, looked up once: python-docx finds a style by name with a scan of them all.
        self.styles = {style.name: style.style_id for style in word.styles if style.name}

    def style(self, *names: str) -> str | None:
        return next((name for name in names if name in self.styles), None)

    def _append(self, element: Any) -> None:
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)

    def runs(self, p: Any, items: Spans, *, bold: bool = False) -> None:
        """The spans as w:r elements of the paragraph element `p`."""
        for span in items:
            if isinstance(span, Strong):
                self.runs(p, span.spans, bold=True)
                continue
            if isinstance(span, Break):
                SubElement(SubElement(p, _W + "r"), _W + "br")
                continue
            lines: Sequence[str]
            if isinstance(span, Fixed):
                lines = (span.text,)
            elif isinstance(span, Text):
                lines = (" / ".join(_user(span.text, span.empty)),)
            elif isinstance(span, Lines):
                lines = _user(span.text, span.empty)
            elif isinstance(span, Status):
                word = " / ".join(_user(span.word, "—"))
                symbol = _clean(" ".join(plain_lines(span.symbol)))
                lines = (f"{symbol} {word}" if symbol else word,)
            else:
                continue
            run = SubElement(p, _W + "r")
            if bold:
                SubElement(SubElement(run, _W + "rPr"), _W + "b")
            for n, line in enumerate(lines):
                if n:
                    SubElement(run, _W + "br")
                text = SubElement(run, _W + "t")
                text.text = line
                if line != line.strip():
                    text.set(_SPACE, "preserve")

    def paragraph(self, items: Spans, *styles: str, keep_with_next: bool = False) -> Any:
        from docx.oxml import OxmlElement

        p = OxmlElement("w:p")
        name = self.style(*styles) if styles else None
        if name is not None or keep_with_next:
            properties = SubElement(p, _W + "pPr")
            if name is not None:
                SubElement(properties, _W + "pStyle").set(_W + "val", self.styles[name])
            if keep_with_next:
                SubElement(properties, _W + "keepNext")
        self._append(p)
        self.runs(p, items)
        return p

    def bullets(self, items: tuple[Item, ...], depth: int = 1) -> None:
        names = ("List Bullet 3", "List Bullet 2", "List Bullet")[-min(depth, 3):]
        style = self.style(*names)
        for item in items:
            if style is not None:
                self.paragraph(item.spans, style)
            else:  # a template with no list styles: a bullet character
                self.paragraph((Fixed("  " * (depth - 1) + "• "), *item.spans))
            self.bullets(item.children, depth + 1)

    def table(self, table: Table) -> None:
        caption = (Fixed(table.caption),) if "Caption" in self.styles else (Strong((Fixed(table.caption),)),)
        self.paragraph(caption, "Caption", keep_with_next=True)
        grid = self.word.add_table(rows=1 + len(table.rows), cols=len(table.header))  # one parse of its XML
        if (style := self.style("Table Grid")) is not None:
            grid._tbl.tblStyle_val = self.styles[style]
        rows = grid._tbl.tr_lst
        SubElement(rows[0].get_or_add_trPr(), _W + "tblHeader").set(_W + "val", "true")
        for tr, content in zip(rows, [tuple((Fixed(name),) for name in table.header), *table.rows]):
            for tc, cell in zip(tr.tc_lst, content):
                self.runs(tc.p_lst[0], cell, bold=tr is rows[0])
        self.paragraph(())

    def chart(self, chart: Chart) -> None:
        if chart.png:
            from docx.shared import Inches

            shape = self.word.add_picture(io.BytesIO(chart.png), width=Inches(6))
            shape._inline.docPr.set("descr", _clean(chart.title))  # the picture's alternative text
            shape._inline.docPr.set("title", _clean(chart.title))
        self.table(chart.alt)

    def block(self, item: Block) -> None:
        if isinstance(item, Heading):
            level = min(max(item.level, 1), 9)
            self.paragraph(item.spans, *(f"Heading {n}" for n in range(level, 0, -1)))
        elif isinstance(item, Para):
            self.paragraph(item.spans)
        elif isinstance(item, Bullets):
            self.bullets(item.items)
        elif isinstance(item, Table):
            self.table(item)
        elif isinstance(item, Chart):
            self.chart(item)
        else:
            raise TypeError(f"not a block: {item!r}")


def _unusable(template: Path, reason: str) -> TemplateError:
    return TemplateError(f"--template {template} is not a usable Word template ({reason})")


def _why(template: Path, exc: BaseException) -> str:
    """A plain reason for a template python-docx cannot use (never its internals)."""
    import re

    if not template.is_file():
        return "no such file"
    if not zipfile.is_zipfile(template):
        return "not a Word file (.docx or .dotx)"
    missing = re.search(r"no item named '([^']+)'", str(exc))
    if missing:
        part = missing[1]
        return {"word/styles.xml": "no styles part", "word/document.xml": "no document part",
                "[Content_Types].xml": "no list of its parts"}.get(part, f"its part {part} is missing")
    if "XMLSyntaxError" in type(exc).__name__ or "tag" in str(exc).lower():
        return "a part is not well-formed XML"
    return "a part is not what Word expects"


def _open(template: Path | None) -> WordDocument:
    import docx

    if template is None:
        return _plain(docx.Document())
    try:
        word = docx.Document(_as_document(template))
        body = word.element.body
    except Exception as exc:  # python-docx raises zip, XML, attribute and its own errors for a bad file
        raise _unusable(template, _why(template, exc)) from None
    try:
        word.styles.element.style_lst  # noqa: B018 - the styles part holds styles
    except Exception:
        raise _unusable(template, "no styles part") from None
    if body is None:
        raise _unusable(template, "no document body")
    for child in list(body):
        if child.tag.rsplit("}", 1)[-1] != "sectPr":
            body.remove(child)
    return word


def _plain(word: WordDocument) -> WordDocument:
    """python-docx's own starting document made a UK one: A4 with the HTML's and the PDF's margins
    (its default is US Letter with 1.25-inch sides), and without its blank thumbnail picture."""
    from docx.shared import Mm

    for section in word.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(18), Mm(20)
        section.left_margin = section.right_margin = Mm(16)
    package: Any = word.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]
    return word


_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _as_document(template: Path) -> io.BytesIO:
    """The template's bytes, a Word template (.dotx) relabelled as a document, which is all that
    tells them apart (python-docx opens documents only)."""
    data = template.read_bytes()
    out = io.BytesIO(data)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return out
        relabelled = io.BytesIO()
        with zipfile.ZipFile(relabelled, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                body = source.read(info.filename)
                target.writestr(info, types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE) if info.filename ==
                                "[Content_Types].xml" else body)
    relabelled.seek(0)
    return relabelled


def _page_numbers(word: WordDocument) -> None:
    """'Page N of M' in the footer of each section that has no footer text of its own."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for section in word.sections:
        footer = section.footer
        if any(p.text.strip() for p in footer.paragraphs):
            continue
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for words, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
            paragraph.add_run(words)
            for kind, text in (("begin", None), (None, f" {field} "), ("separate", None), (None, "1"),
                               ("end", None)):
                run = paragraph.add_run()
                if kind is not None:
                    char = OxmlElement("w:fldChar")
                    char.set(qn("w:fldCharType"), kind)
                    run._r.append(char)
                elif text is not None and text.startswith(" "):
                    instr = OxmlElement("w:instrText")
                    instr.set(qn("xml:space"), "preserve")
                    instr.text = text
                    run._r.append(instr)
                else:
                    run.text = text


def _language(word: WordDocument, lang: str) -> None:
    """The document's default language (spelling, screen readers)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = word.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        return
    found = r_pr.find(qn("w:lang"))
    if found is None:
        found = OxmlElement("w:lang")
        r_pr.append(found)
    found.set(qn("w:val"), lang)


def _properties(word: WordDocument, document: Document) -> None:
    props: Any = word.core_properties
    moment = (document.created or _EPOCH).astimezone(UTC).replace(microsecond=0, tzinfo=None)
    props.author = props.last_modified_by = "steerco"
    props.title = _clean(document.title)[:255]
    props.created = props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.comments = props.subject = props.keywords = props.category = ""
    props.language = document.lang


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 00:00 (python-docx dates them now): the dates
    are patched in place in each local header and central directory entry, the compressed data left
    as it is."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offsets = [info.header_offset for info in archive.infolist()]
        directory = archive.start_dir
    for offset in offsets:
        if out[offset:offset + 4] != b"PK\x03\x04":
            raise ValueError("not a zip local header")
        struct.pack_into("<HH", out, offset + 10, 0, _DOS_1980)
    offset = directory
    while out[offset:offset + 4] == b"PK\x01\x02":
        struct.pack_into("<HH", out, offset + 12, 0, _DOS_1980)
        name, extra, comment = struct.unpack_from("<HHH", out, offset + 28)
        offset += 46 + name + extra + comment
    return bytes(out)


def write(document: Document, *, template: Path | None = None) -> bytes:
    """The document as .docx bytes (TemplateError: `template` cannot be opened as a Word document)."""
    word = _open(template)
    out = io.BytesIO()
    try:
        writer = _Writer(word)
        for item in document.blocks:
            writer.block(item)
        _page_numbers(word)
        _language(word, document.lang)
        _properties(word, document)
        word.save(out)
    except Exception as exc:
        if template is None:
            raise
        raise _unusable(template, _why(template, exc)) from None  # a part opened but not usable
    return _fixed_zip(out.getvalue())
