"""Reading the minutes' formats back, for the tests of every format (the minutes, the action log, the pack).

`read_html` parses with the standard library's html.parser; `read_docx` with python-docx; `pdf_text`
with pypdf. Each gives what a test asserts on: the headings, the tables and their header cells,
the tags and attributes present, the text.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlTable:
    caption: str = ""
    col_headers: list[str] = field(default_factory=list)  # <th scope="col">
    row_headers: list[str] = field(default_factory=list)  # <th scope="row">
    other_th: int = 0  # <th> with no scope (none expected)
    rows: int = 0


@dataclass
class HtmlReport:
    lang: str | None = None
    title: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[HtmlTable] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    attributes: set[tuple[str, str]] = field(default_factory=set)  # (tag, attribute)
    attribute_values: list[str] = field(default_factory=list)
    text: str = ""  # all the character data, entities decoded
    body_text: str = ""  # the text inside <main>


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = HtmlReport()
        self.stack: list[str] = []
        self.heading: tuple[int, list[str]] | None = None
        self.cell: tuple[str, str | None, list[str]] | None = None
        self.caption: list[str] | None = None
        self.in_main = False
        self.texts: list[str] = []
        self.body: list[str] = []
        self.in_title = False
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        r = self.report
        r.tags.add(tag)
        for name, value in attrs:
            r.attributes.add((tag, name))
            r.attribute_values.append(value or "")
        found = dict(attrs)
        if tag == "html":
            r.lang = found.get("lang")
        if tag == "title":
            self.in_title = True
        if tag in ("style", "svg"):
            self.in_style = True
        if tag == "main":
            self.in_main = True
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = (int(tag[1]), [])
        if tag == "table":
            r.tables.append(HtmlTable())
        if tag == "caption":
            self.caption = []
        if tag == "tr" and r.tables:
            r.tables[-1].rows += 1
        if tag in ("th", "td"):
            self.cell = (tag, found.get("scope"), [])
        if tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag: str) -> None:
        r = self.report
        if tag == "title":
            self.in_title = False
        if tag in ("style", "svg"):
            self.in_style = False
        if tag == "main":
            self.in_main = False
        if re.fullmatch(r"h[1-6]", tag) and self.heading:
            r.headings.append((self.heading[0], "".join(self.heading[1]).strip()))
            self.heading = None
        if tag == "caption" and self.caption is not None and r.tables:
            r.tables[-1].caption = "".join(self.caption).strip()
            self.caption = None
        if tag in ("th", "td") and self.cell and r.tables:
            kind, scope, text = self.cell
            table = r.tables[-1]
            if kind == "th":
                words = "".join(text).strip()
                if scope == "col":
                    table.col_headers.append(words)
                elif scope == "row":
                    table.row_headers.append(words)
                else:
                    table.other_th += 1
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.report.title += data
            return
        if self.in_style:
            return
        self.texts.append(data)
        if self.in_main:
            self.body.append(data)
        if self.heading:
            self.heading[1].append(data)
        if self.caption is not None:
            self.caption.append(data)
        if self.cell:
            self.cell[2].append(data)


def read_html(text: str) -> HtmlReport:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.report.text = "".join(reader.texts)
    reader.report.body_text = "".join(reader.body)
    return reader.report


@dataclass
class DocxReport:
    headings: list[tuple[str, str]]  # (style name, text)
    paragraphs: list[tuple[str, str]]  # every body paragraph: (style name, text)
    tables: list[list[list[str]]]  # each table's rows of cell texts
    header_rows_repeat: list[bool]  # each table's first row is marked w:tblHeader
    header_bold: list[bool]  # each table's header cells are all bold
    footer_xml: str
    document_xml: str
    core: dict[str, object]
    zip_times: set[tuple[int, ...]]

    @property
    def text(self) -> str:
        cells = [c for t in self.tables for row in t for c in row]
        return "\n".join([p for _, p in self.paragraphs] + cells)


def read_docx(data: bytes) -> DocxReport:
    import docx
    from docx.oxml.ns import qn

    word = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in word.paragraphs]
    tables, repeat, bold = [], [], []
    for table in word.tables:
        tables.append([[cell.text for cell in row.cells] for row in table.rows])
        tr_pr = table.rows[0]._tr.trPr
        repeat.append(tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None)
        bold.append(all(run.bold for cell in table.rows[0].cells for p in cell.paragraphs for run in p.runs))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
        document_xml = z.read("word/document.xml").decode()
        times = {info.date_time for info in z.infolist()}
    props = word.core_properties
    core: dict[str, object] = {"author": props.author, "created": props.created, "modified": props.modified,
                               "revision": props.revision, "last_modified_by": props.last_modified_by,
                               "title": props.title}
    return DocxReport([(s, t) for s, t in paragraphs if s.startswith("Heading")], paragraphs, tables, repeat, bold,
                      "\n".join(footers), document_xml, core, times)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def normalised(text: str) -> str:
    """HTML with runs of whitespace made one space (the golden html is compared so)."""
    return re.sub(r"\s+", " ", text).strip()
