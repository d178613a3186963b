"""A format-neutral document: the minutes, the action log and the pack as blocks, before any format.

The renderers (storage/minutes/render.py, action_log.py, the pack) build a `Document`; the
writers turn it into a format: write_md (Markdown, the source of truth and the golden files),
write_html, write_docx, write_pdf. User text stays RAW in the blocks: never escaped here, each
writer escapes it for its own format (Markdown with storage/minutes/markdown.py, HTML with
html.escape, Word through python-docx's XML text), so no markup, link or script a person typed
reaches any output.

Inline spans: `Text` (user text on one line: line breaks read ' / '), `Lines` (user text whose
line breaks are kept), `Fixed` (the program's own words: dates, labels, counts), `Strong`,
`Status` (a status word with its symbol: the word always, never colour alone), `Break` (a line
break inside a paragraph). A `Text`/`Lines` whose text is blank after cleaning shows `empty`
(an em dash by default), so nothing is ever an empty cell or an empty emphasis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from storage.minutes.charts import Plot

# -- inline spans -------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """User text on one line (its line breaks become ' / '); `empty` when blank."""

    text: str | None
    empty: str = "—"


@dataclass(frozen=True)
class Lines:
    """User text with its line breaks kept (blank lines dropped); `empty` when blank."""

    text: str | None
    empty: str = "—"


@dataclass(frozen=True)
class Fixed:
    """The program's own words (labels, dates, counts): never user text."""

    text: str


@dataclass(frozen=True)
class Strong:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Status:
    """A status word (user text: the plan's scale names it) and its symbol ('' when none)."""

    word: str
    symbol: str = ""


@dataclass(frozen=True)
class Break:
    """A line break inside a paragraph."""


Span: TypeAlias = Text | Lines | Fixed | Strong | Status | Break
Spans: TypeAlias = tuple[Span, ...]

# -- blocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int  # 1 the document's title; 2 a section; 3, 4 within it
    spans: Spans


@dataclass(frozen=True)
class Para:
    spans: Spans


@dataclass(frozen=True)
class Item:
    """One bullet, with its own bullets under it."""

    spans: Spans
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; `caption` names it (shown by html, docx and pdf; Markdown has none).

    `row_headers`: the first cell of each row names the row (`<th scope="row">`)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Spans, ...], ...]
    row_headers: bool = True


@dataclass(frozen=True)
class Chart:
    """A chart and its text alternative (the numbers as a table). `svg` is inline SVG markup the
    program drew (storage/minutes/charts.py), never user markup; `png` the same picture for Word."""

    title: str
    alt: Table
    svg: str = ""
    png: bytes | None = None
    plot: Plot | None = None  # the data to draw (storage.minutes.charts): `charts.drawn` fills svg/png from it


Block: TypeAlias = Heading | Para | Bullets | Table | Chart


@dataclass(frozen=True)
class Document:
    """`title`: the file's title (html <title>, docx core title); `created`: the moment the document
    describes (the meeting's opening), fixed so the same store gives the same bytes; `name`: the file
    name stem the CLI and the app offer ('minutes-ni15-2010-07-15-2')."""

    title: str
    blocks: tuple[Block, ...]
    created: datetime | None = None
    name: str = "document"
    lang: str = "en-GB"


# -- building -----------------------------------------------------------------------------

Inline: TypeAlias = Span | str  # a str is the program's own words (Fixed)


def spans(*parts: Inline | Iterable[Inline]) -> Spans:
    """Spans from parts: a str is `Fixed`; nested iterables are flattened; empty Fixed dropped."""
    out: list[Span] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                out.append(Fixed(part))
        elif isinstance(part, Text | Lines | Fixed | Strong | Status | Break):
            out.append(part)
        else:
            out.extend(spans(*part))
    return tuple(out)


def strong(*parts: Inline | Iterable[Inline]) -> Strong:
    return Strong(spans(*parts))


def join(parts: Iterable[Spans], sep: str) -> Spans:
    """The parts, `sep` (program words) between each."""
    out: list[Span] = []
    for n, part in enumerate(parts):
        if n and sep:
            out.append(Fixed(sep))
        out.extend(part)
    return tuple(out)


@dataclass
class Builder:
    """Blocks appended in order; `section` numbers the level-2 headings ('3. Delivery progress')."""

    blocks: list[Block] = field(default_factory=list)
    sections: int = 0

    def section(self, title: str, ref: str = "") -> None:
        """A numbered section heading, with the agenda item's minute reference (raw) when it has one."""
        self.sections += 1
        suffix: list[Inline] = [" (", Text(ref), ")"] if ref else []
        self.heading(2, f"{self.sections}. {title}", suffix)

    def heading(self, level: int, *parts: Inline | Iterable[Inline]) -> None:
        self.blocks.append(Heading(level, spans(*parts)))

    def para(self, *parts: Inline | Iterable[Inline]) -> None:
        self.blocks.append(Para(spans(*parts)))

    def bullets(self, items: Iterable[Item | Spans]) -> None:
        made = tuple(i if isinstance(i, Item) else Item(i) for i in items)
        if made:
            self.blocks.append(Bullets(made))

    def table(self, caption: str, header: Iterable[str], rows: Iterable[Iterable[Spans]], *,
              row_headers: bool = True) -> None:
        head = tuple(header)
        body = tuple(tuple(row) for row in rows)
        for row in body:
            if len(row) != len(head):
                raise ValueError(f"row has {len(row)} cells, the table {len(head)}")
        self.blocks.append(Table(caption, head, body, row_headers))

    def chart(self, chart: Chart) -> None:
        self.blocks.append(chart)

    def document(self, title: str, *, created: datetime | None = None, name: str = "document") -> Document:
        return Document(title, tuple(self.blocks), created, name)


# -- reading spans back as plain text (for writers with no markup of their own) -------------


def plain(span_list: Spans, clean: Callable[[str | None], list[str]]) -> str:
    """The spans as plain text on one line; `clean` splits user text into its cleaned lines."""
    out = []
    for span in span_list:
        if isinstance(span, Fixed):
            out.append(span.text)
        elif isinstance(span, Text | Lines):
            out.append(" / ".join(clean(span.text)) or span.empty)
        elif isinstance(span, Strong):
            out.append(plain(span.spans, clean))
        elif isinstance(span, Status):
            out.append(" / ".join(clean(span.word)) or "—")
        else:
            out.append(" ")
    return "".join(out)
