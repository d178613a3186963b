"""The minutes of a meeting, previewed as Markdown; w writes them to a file in a worker."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, MarkdownViewer

from storage.service.service import Service


class MinutesScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="minutes-back"),
        Binding("w", "write", "Write file", tooltip="Write the minutes as Markdown in the current folder",
                id="minutes-write"),
    ]

    class MinutesWritten(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, service: Service, meeting_id: int, text: str) -> None:
        super().__init__(id="minutes")
        self.service, self.meeting_id, self.text = service, meeting_id, text

    def compose(self) -> ComposeResult:
        yield Header()
        yield MarkdownViewer(self.text, show_table_of_contents=False)
        yield Footer()

    def action_write(self) -> None:
        self._write(self.service.minutes_path(self.meeting_id, Path.cwd()), self.text)

    @work(thread=True, exclusive=True, group="minutes-write")
    def _write(self, path: Path, text: str) -> None:
        """Only the file write runs in the thread; the store is read on the UI thread."""
        path.write_text(text, encoding="utf-8")
        self.post_message(self.MinutesWritten(path))

    def on_minutes_screen_minutes_written(self, message: MinutesWritten) -> None:
        self.notify(f"Minutes written to {message.path}", title="minutes: Write")
