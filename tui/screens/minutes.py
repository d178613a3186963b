"""The minutes of a meeting, previewed as Markdown; w writes them to a file in the minutes folder, in the format
chosen (f, or tab to the Format list: Markdown, Word, HTML, PDF), in a worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, MarkdownViewer, Select

from storage.service import FileWriteError, write_file
from storage.service.service import Service


def folder_trouble(exc: OSError) -> str:
    """Why the minutes folder could not be made: '…/home/minutes is a file, not a folder' when a file stands
    where it (or a folder above it) should be, where the system says only 'File exists'; else its words."""
    named = Path(exc.filename) if isinstance(exc.filename, str) and exc.filename else None
    for place in (named, *named.parents) if named is not None else ():
        if place.exists() and not place.is_dir():
            return f"{place} is a file, not a folder"
    return f"{exc.strerror or exc} ({exc.filename or 'the minutes folder'})"


class MinutesScreen(Screen[None]):
    AUTO_FOCUS = "MarkdownViewer"  # the text, not the Format list (the first focusable): pgdn/↓ scroll it
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the dashboard", id="minutes-back"),
        Binding("w", "write", "Write file", tooltip="Write the minutes, in the format chosen, to the minutes folder",
                id="minutes-write"),
        Binding("f", "choose_format", "Format", tooltip="Choose the file's format: Markdown, Word, HTML or PDF",
                id="minutes-format"),
    ]
    DEFAULT_CSS = """
    #minutes-formats { height: auto; padding: 0 1; }
    #minutes-formats Label { padding: 1 1 0 0; }
    #minutes-format { width: 30; }
    """

    class MinutesWritten(Message):
        def __init__(self, path: Path, how: str = "") -> None:
            super().__init__()
            self.path, self.how = path, how

    class WriteFailed(Message):
        def __init__(self, path: Path, error: str) -> None:
            super().__init__()
            self.path, self.error = path, error

    def __init__(self, service: Service, meeting_id: int, text: str, folder: Path | None = None) -> None:
        super().__init__(id="minutes")
        self.service, self.meeting_id, self.text = service, meeting_id, text
        self.folder = folder  # where `w` writes; None: the minutes folder (steerco.paths.minutes_dir)

    def compose(self) -> ComposeResult:
        from storage.service import FORMAT_NAMES, FORMATS

        yield Header()
        with Horizontal(id="minutes-formats"):
            yield Label("Format of the file (w writes it):")
            yield Select([(FORMAT_NAMES[fmt], fmt) for fmt in FORMATS], value="md", allow_blank=False,
                         id="minutes-format", tooltip="The format w writes the minutes in")
        viewer = MarkdownViewer(self.text, show_table_of_contents=False)
        viewer.can_focus = True  # it scrolls with pgdn/↓ only when focused; tab goes on to the Format list
        yield viewer
        yield Footer()

    def on_mount(self) -> None:
        viewer = self.query_one(MarkdownViewer)
        viewer.document.can_focus = False  # one stop for the text: tab from it reaches the Format list
        viewer.focus()

    @property
    def format(self) -> str:
        return str(self.query_one("#minutes-format", Select).value)

    def action_choose_format(self) -> None:
        chooser = self.query_one("#minutes-format", Select)
        chooser.focus()
        chooser.action_show_overlay()

    def action_write(self) -> None:
        from steerco.paths import minutes_dir

        try:
            folder = (self.folder or minutes_dir()).absolute()
        except OSError as exc:  # the data folder cannot be made (a file in its place, no permission)
            self.notify(f"Minutes not written: {folder_trouble(exc)}", title="minutes: Write", severity="error")
            return
        fmt = self.format
        path = self.service.minutes_path(self.meeting_id, folder, fmt)
        if fmt == "md":
            self._write(path, lambda: self.text)
            return
        from steerco.paths import word_template
        from storage.service import StoreError

        template = word_template() if fmt == "docx" else None  # the settings file's house style
        if template is not None and not template.is_file():
            self.notify(f"Minutes not written: the settings file's word_template {template}: no such file",
                        title="minutes: Write", severity="error")
            return
        try:
            job = self.service.minutes_job(self.meeting_id, fmt, template=template)
        except StoreError as exc:
            self.notify(f"Minutes not written: {exc}", title="minutes: Write", severity="error")
            return
        self._write(path, job, f" (Word, in the template {template.name})" if template is not None else "")

    @work(thread=True, exclusive=True, group="minutes-write")
    def _write(self, path: Path, make: Callable[[], str | bytes], how: str = "") -> None:
        """The writing (Word, HTML, PDF: the store was read on the UI thread) and the file write
        run in the thread; a failure is reported, and the minutes stay on screen to be written again."""
        from storage.service import FormatError

        try:
            write_file(path, make())  # atomically: a temporary file beside it, then a rename
        except FileWriteError as exc:
            self.post_message(self.WriteFailed(path, exc.reason))
        except FormatError as exc:
            self.post_message(self.WriteFailed(path, str(exc)))
        else:
            self.post_message(self.MinutesWritten(path, how))

    def on_minutes_screen_minutes_written(self, message: MinutesWritten) -> None:
        self.notify(f"Minutes written to {message.path}{message.how}", title="minutes: Write")

    def on_minutes_screen_write_failed(self, message: WriteFailed) -> None:
        self.notify(f"Minutes not written to {message.path}: {message.error}", title="minutes: Write",
                    severity="error")
