"""The minutes in every format (md, html, docx, pdf), read back: structure, hostile text, determinism.

Every format is written from one document (storage/minutes/document.py). The Markdown is the
golden files' (tests/test_minutes.py); the html has a golden file of its own, compared with its
whitespace normalised (tests/golden/ni15_minutes.html; STEERCO_UPDATE_GOLDEN=1 rewrites it: read the
diff before committing); docx and pdf are compared through the text read back from them.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.minutes import write_docx, write_html, write_md
from storage.minutes.document import Builder, Chart, Table, Text, spans
from storage.minutes.render import gather, minutes_document
from storage.service.formats import FormatError, write_document
from storage.store.store import Store
from tests import test_minutes
from tests.format_readers import normalised, pdf_text, read_docx, read_html
from tests.test_minutes import GOLDEN, REPO
from tests.test_minutes_safety import HOSTILE, record

scripted = test_minutes.scripted
GOLDEN_HTML = REPO / "tests" / "golden" / "ni15_minutes.html"
HEADINGS = re.compile(r"^(#{1,6}) (.*)$", re.MULTILINE)


def has_typst() -> bool:
    from storage.minutes.write_pdf import available

    return available()


needs_pdf = pytest.mark.skipif(not has_typst(), reason="the pdf extra (Typst) is not installed")


@pytest.fixture
def document(scripted):
    store, _, _, m2 = scripted
    return minutes_document(gather(store, m2))


def md_headings(text: str) -> list[tuple[int, str]]:
    return [(len(hashes), words.replace("\\", "")) for hashes, words in HEADINGS.findall(text)]


def test_markdown_from_the_document_is_the_golden_file(document) -> None:
    assert write_md.write(document) == GOLDEN.read_text(encoding="utf-8")


def test_html_is_one_accessible_self_contained_page(document) -> None:
    page = write_html.write(document)
    report = read_html(page)
    assert report.lang == "en-GB"
    assert report.title == "Strategy Group: minutes of the meeting of Thursday 15 July 2010"
    assert report.headings == md_headings(GOLDEN.read_text(encoding="utf-8"))
    assert "script" not in report.tags and "link" not in report.tags and "img" not in report.tags
    assert not any(name in ("src", "href") or name.startswith("on") for _, name in report.attributes)
    assert "url(" not in page and "@import" not in page
    assert len(report.tables) == 4
    for table in report.tables:
        assert table.caption and table.col_headers and table.other_th == 0
        assert len(table.row_headers) == table.rows - 1  # each body row names itself by its first cell
    assert report.tables[0].col_headers == ["Ref", "Action", "Owner", "Due", "Agreed at this meeting"]
    assert "▲ Amber" in report.body_text and "Status agreed: ▲ Amber (previously ✓ Green; worsened)" in report.body_text
    assert 'aria-hidden="true">▲</span> Amber' in page  # the word is what a screen reader reads


def test_html_matches_its_golden_file(document) -> None:
    page = write_html.write(document)
    if os.environ.get("STEERCO_UPDATE_GOLDEN"):
        GOLDEN_HTML.write_text(page, encoding="utf-8", newline="\n")
    assert normalised(page) == normalised(GOLDEN_HTML.read_text(encoding="utf-8"))


def test_docx_has_word_structure(document) -> None:
    data = write_docx.write(document)
    report = read_docx(data)
    want = [(f"Heading {level}", words) for level, words in md_headings(GOLDEN.read_text(encoding="utf-8"))]
    assert report.headings == want
    assert len(report.tables) == 4 and all(report.header_rows_repeat) and all(report.header_bold)
    assert report.tables[0][0] == ["Ref", "Action", "Owner", "Due", "Agreed at this meeting"]
    assert report.tables[0][2][0] == "M1/2" and "(overdue)" in report.tables[0][2][3]
    styles = {style for style, _ in report.paragraphs}
    assert {"List Bullet", "Caption", "Heading 1", "Heading 4"} <= styles
    assert "Status agreed: ▲ Amber (previously ✓ Green; worsened)." in report.text.replace("\n", " ")
    assert "PAGE" in report.footer_xml and "NUMPAGES" in report.footer_xml
    assert report.core["author"] == "steerco" and report.core["revision"] == 1
    assert report.core["created"] == report.core["modified"] == datetime(2010, 7, 15, 14, 0, tzinfo=UTC)


def test_docx_text_matches_the_markdown(document) -> None:
    """Every paragraph's words are the Markdown's, without its markup (the docx 'golden' is the md)."""
    report = read_docx(write_docx.write(document))
    text = write_md.write(document)
    plain = re.sub(r"\*\*|\\(?=[^\n])", "", text)
    for style, words in report.paragraphs:
        if words and style not in ("Caption",):
            for line in words.split("\n"):
                assert re.sub(r"[●▲✓★] ", "", line) in plain, (style, line)  # the word with no symbol


def test_same_store_same_bytes(document, scripted) -> None:
    store, _, _, m2 = scripted
    again = minutes_document(gather(store, m2))
    assert write_html.write(again) == write_html.write(document)
    first = write_docx.write(document)
    assert write_docx.write(again) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_template_gives_its_styles_and_loses_its_body(document, tmp_path: Path) -> None:
    import docx
    from docx.shared import Pt, RGBColor

    house = docx.Document()
    house.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x33, 0x66)
    house.styles["Heading 1"].font.size = Pt(20)
    house.sections[0].header.paragraphs[0].text = "Safer Staffordshire Partnership"
    house.add_paragraph("Template body text that must not survive.")
    template = tmp_path / "house.docx"
    house.save(str(template))
    data = write_docx.write(document, template=template)
    report = read_docx(data)
    assert "Template body text" not in report.text
    assert report.headings[0] == ("Heading 1", "Strategy Group: minutes of the meeting of Thursday 15 July 2010")
    made = docx.Document(io.BytesIO(data))
    assert made.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x33, 0x66)
    assert made.sections[0].header.paragraphs[0].text == "Safer Staffordshire Partnership"


def test_a_word_template_file_dotx_is_taken_too(document, tmp_path: Path) -> None:
    import docx

    house = docx.Document()
    house.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    plain = io.BytesIO()
    house.save(plain)
    template = tmp_path / "house.dotx"
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(template, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(info, body)
    with pytest.raises(ValueError):
        docx.Document(str(template))  # python-docx alone refuses a template
    made = docx.Document(io.BytesIO(write_docx.write(document, template=template)))
    assert made.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"


def test_a_bad_template_is_one_line(document, tmp_path: Path) -> None:
    bad = tmp_path / "house.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        write_document(document, "docx", template=bad)
    assert str(raised.value) == f"--template {bad} is not a usable Word template (not a Word file (.docx or .dotx))"
    assert "\n" not in str(raised.value)


def test_a_chart_block_in_every_format() -> None:
    """A chart is its picture (inline SVG in html, a PNG in docx) and always its numbers as a table."""
    alt = Table("NI 15 by year", ("Period", "Value"), ((spans(Text("2009/10")), spans(Text("0.69"))),))
    svg = '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 10 10"><title>NI 15</title></svg>'
    png = _tiny_png()
    doc = Builder()
    doc.heading(1, "Charts")
    doc.chart(Chart("NI 15 against its target", alt, svg, png))
    made = doc.document("Charts")
    assert "| 2009/10 | 0.69 |" in write_md.write(made)
    page = write_html.write(made)
    assert svg in page and "<figcaption>NI 15 against its target</figcaption>" in page
    assert read_html(page).tables[0].caption == "NI 15 by year"
    data = write_docx.write(made)
    report = read_docx(data)
    assert report.tables[0][1] == ["2009/10", "0.69"]
    assert 'descr="NI 15 against its target"' in report.document_xml
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert any(name.startswith("word/media/") for name in z.namelist())


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    raw = b"\x00\xff\xff\xff"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@needs_pdf
def test_pdf_is_tagged_and_reads_back(document) -> None:
    data = write_document(document, "pdf")
    assert isinstance(data, bytes) and data.startswith(b"%PDF-")
    from pypdf import PdfReader

    catalog = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == "en-GB"
    text = pdf_text(data)
    flat = re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(text.split()))  # a line broken after a hyphen
    for _, words in md_headings(GOLDEN.read_text(encoding="utf-8")):
        assert " ".join(words.split()) in flat, words
    assert "Page 1 of" in flat
    assert write_document(document, "pdf") == data  # same document, same bytes


# -- hostile text, in every format ------------------------------------------------------------


@pytest.fixture(scope="module")
def safety_store(tmp_path_factory: pytest.TempPathFactory):
    from storage.plan.load import load_plan
    from tests.conftest import MINIMAL_PLAN

    folder = tmp_path_factory.mktemp("formats-safety")
    (folder / "demo.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    plan = load_plan(folder / "demo.yaml").plan
    with Store.open(folder / "steerco.db", clock=lambda: datetime(2026, 11, 21, 10, tzinfo=UTC)) as s:
        version = s.remember_plan(plan)
        plain = minutes_document(gather(s, record(s, version, "plain words")))
        yield s, version, plain


def _shape(page: str) -> tuple[list[str], set[tuple[str, str]], int]:
    report = read_html(page)
    return sorted(report.tags), report.attributes, len(report.tables)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_stays_words_in_html(safety_store, text: str) -> None:
    store, version, plain = safety_store
    document = minutes_document(gather(store, record(store, version, text)))
    page = write_html.write(document)
    assert _shape(page) == _shape(write_html.write(plain))  # no tag or attribute came from the text
    report = read_html(page)
    assert not any("javascript" in value or "alert" in value for value in report.attribute_values)
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<!--" not in page
    words = [line for line in text.replace("\x00", "").split("\n") if line.strip()]
    if words and text.isprintable() and "  " not in text and len(text) < 100:
        assert words[0].strip() in report.body_text


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_stays_words_in_docx(safety_store, text: str) -> None:
    store, version, plain = safety_store
    document = minutes_document(gather(store, record(store, version, text)))
    report = read_docx(write_docx.write(document))
    before = read_docx(write_docx.write(plain))
    assert [s for s, _ in report.paragraphs] == [s for s, _ in before.paragraphs]  # same structure
    assert [len(t) for t in report.tables] == [len(t) for t in before.tables]
    for marker in ("<w:hyperlink", "<w:fldSimple", "<w:instrText", "HYPERLINK", "w:object", "<w:altChunk"):
        assert marker not in report.document_xml
    if text.isprintable() and len(text) < 100:
        assert text.strip().split("  ")[0] in report.text


@needs_pdf
@pytest.mark.parametrize("text", [HOSTILE[0], HOSTILE[3], HOSTILE[6], HOSTILE[12]], ids=["script", "link", "rtl",
                                                                                         "comment"])
def test_hostile_text_stays_words_in_pdf(safety_store, text: str) -> None:
    store, version, _ = safety_store
    data = write_document(minutes_document(gather(store, record(store, version, text))), "pdf")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    assert "/Names" not in reader.trailer["/Root"] and "/OpenAction" not in reader.trailer["/Root"]  # no script
    assert not any("/Annots" in page for page in reader.pages)  # no link
    flat = " ".join(pdf_text(data).split())
    if text.isascii():
        assert " ".join(text.split()) in flat
