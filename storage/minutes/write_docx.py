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
import zipfile
from datetime import UTC, datetime
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
from storage.minutes.markdown import plain_lines

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

__all__ = ["TemplateError", "write"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # for a document that names no moment of its own
# What XML 1.0 cannot hold (after the Markdown's cleaning has removed the controls).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class TemplateError(Exception):
    """The template is not a Word document python-docx can open (one line: the path and why)."""


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _user(text: str | None, empty: str) -> list[str]:
    return [_clean(line) for line in plain_lines(text)] or [empty]


class _Writer:
    def __init__(self, word: WordDocument) -> None:
        self.word = word
        # Style names to ids, looked up once: python-docx finds a style by name with a scan of them all.
        self.styles = {style.name: style.style_id for style in word.styles if style.name}

    def style(self, *names: str) -> str | None:
        return next((name for name in names if name in self.styles), None)

    def runs(self, paragraph: Paragraph, items: Spans, *, bold: bool = False) -> None:
        """The spans as w:r elements, made with lxml directly (python-docx's add_run costs ~0.5 ms a run)."""
        p = paragraph._p
        for span in items:
            if isinstance(span, Strong):
                self.runs(paragraph, span.spans, bold=True)
                continue
            if isinstance(span, Break):
                SubElement(SubElement(p, _W + "r"), _W + "br")
                continue
            if isinstance(span, Fixed):
                lines = [span.text]
            elif isinstance(span, Text):
                lines = [" / ".join(_user(span.text, span.empty))]
            elif isinstance(span, Lines):
                lines = _user(span.text, span.empty)
            elif isinstance(span, Status):
                word = " / ".join(_user(span.word, "—"))
                symbol = _clean(" ".join(plain_lines(span.symbol)))
                lines = [f"{symbol} {word}" if symbol else word]
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

    def paragraph(self, items: Spans, *styles: str) -> Paragraph:
        paragraph = self.word.add_paragraph()
        if styles and (name := self.style(*styles)) is not None:
            paragraph._p.style = self.styles[name]
        self.runs(paragraph, items)
        return paragraph

    def bullets(self, items: tuple[Item, ...], depth: int = 1) -> None:
        names = ("List Bullet 3", "List Bullet 2", "List Bullet")[-min(depth, 3):]
        for item in items:
            style = self.style(*names)
            paragraph = self.paragraph(item.spans, *([style] if style else []))
            if style is None:
                paragraph.runs[0].text = "• " + paragraph.runs[0].text if paragraph.runs else "•"
            self.bullets(item.children, depth + 1)

    def table(self, table: Table) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        caption = self.paragraph((Fixed(table.caption),), "Caption")
        if "Caption" not in self.styles:
            for run in caption.runs:
                run.bold = True
        caption.paragraph_format.keep_with_next = True
        grid = self.word.add_table(rows=1, cols=len(table.header))
        if (style := self.style("Table Grid")) is not None:
            grid._tbl.tblStyle_val = self.styles[style]
        header = grid.rows[0]
        properties = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
        for cell, name in zip(header.cells, table.header):
            self.runs(cell.paragraphs[0], (Fixed(name),), bold=True)
        for row in table.rows:
            cells = grid.add_row().cells
            for cell, content in zip(cells, row):
                self.runs(cell.paragraphs[0], content)
        self.word.add_paragraph()

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


def _open(template: Path | None) -> WordDocument:
    import docx

    if template is None:
        return docx.Document()
    try:
        word = docx.Document(str(template))
    except Exception as exc:  # python-docx raises zip, XML and its own errors for a bad file
        reason = "no such file" if not template.exists() else (str(exc).splitlines() or ["not a Word document"])[0]
        raise TemplateError(f"--template {template}: cannot use it as a Word template: {reason}") from None
    body = word.element.body
    for child in list(body):
        if child.tag.rsplit("}", 1)[-1] != "sectPr":
            body.remove(child)
    return word


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
    """The same zip with every entry dated 1980-01-01 (python-docx dates them now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write(document: Document, *, template: Path | None = None) -> bytes:
    """The document as .docx bytes (TemplateError: `template` cannot be opened as a Word document)."""
    word = _open(template)
    writer = _Writer(word)
    for item in document.blocks:
        writer.block(item)
    _page_numbers(word)
    _language(word, document.lang)
    _properties(word, document)
    out = io.BytesIO()
    word.save(out)
    return _fixed_zip(out.getvalue())
