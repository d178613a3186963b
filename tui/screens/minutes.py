"""The minutes of a meeting, previewed as Markdown; w writes them to a file in the minutes folder, in a worker."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, MarkdownViewer

from storage.service import FileWriteError, write_file
from storage.service.service import Service


class MinutesScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the dashboard", id="minutes-back"),
        Binding("w", "write", "Write file", tooltip="Write the minutes as Markdown to the minutes folder",
                id="minutes-write"),
    ]

    class MinutesWritten(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class WriteFailed(Message):
        def __init__(self, path: Path, error: str) -> None:
            super().__init__()
            self.path, self.error = path, error

    def __init__(self, service: Service, meeting_id: int, text: str, folder: Path | None = None) -> None:
        super().__init__(id="minutes")
        self.service, self.meeting_id, self.text = service, meeting_id, text
        self.folder = folder  # where `w` writes; None: the minutes folder (steerco.paths.minutes_dir)

    def compose(self) -> ComposeResult:
        yield Header()
        yield MarkdownViewer(self.text, show_table_of_contents=False)
        yield Footer()

    def action_write(self) -> None:
        from steerco.paths import minutes_dir

        try:
            folder = (self.folder or minutes_dir()).absolute()
        except OSError as exc:  # the data folder cannot be made (a file in its place, no permission)
            self.notify(f"Minutes not written: {exc.strerror or exc} ({exc.filename or 'the minutes folder'})",
                        title="minutes: Write", severity="error")
            return
        self._write(self.service.minutes_path(self.meeting_id, folder), self.text)

    @work(thread=True, exclusive=True, group="minutes-write")
    def _write(self, path: Path, text: str) -> None:
        """Only the file write runs in the thread (the store is read on the UI thread); a failed
        write is reported, and the minutes stay on screen to be written again."""
        try:
            write_file(path, text)  # atomically: a temporary file beside it, then a rename
        except FileWriteError as exc:
            self.post_message(self.WriteFailed(path, exc.reason))
        else:
            self.post_message(self.MinutesWritten(path))

    def on_minutes_screen_minutes_written(self, message: MinutesWritten) -> None:
        self.notify(f"Minutes written to {message.path}", title="minutes: Write")

    def on_minutes_screen_write_failed(self, message: WriteFailed) -> None:
        self.notify(f"Minutes not written to {message.path}: {message.error}", title="minutes: Write",
                    severity="error")
