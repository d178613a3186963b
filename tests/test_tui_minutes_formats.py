"""The minutes preview's format choice: f opens the Format list, the keys choose, w writes that format."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Select

from tests.format_readers import read_docx, read_html
from tests.test_tui_support import minutes_preview, seeded_app


async def _write_as(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, downs: int) -> tuple[list[Message], Path]:
    monkeypatch.setenv("STEERCO_HOME", str(tmp_path / "home"))
    seen: list[Message] = []
    app = seeded_app(tmp_path, plan="ni15")
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await minutes_preview(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*["down"] * downs, "enter")
        await pilot.pause()
        chosen = app.screen.query_one("#minutes-format", Select)
        assert chosen.value == ("md", "docx", "html", "pdf")[downs]
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.id == "minutes"
    return seen, tmp_path / "home" / "minutes"


async def test_choose_word_and_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen, folder = await _write_as(tmp_path, monkeypatch, 1)
    written = list(folder.glob("minutes-ni15-2010-05-12-*.docx"))
    assert len(written) == 1
    told = [m.notification.message for m in seen if isinstance(m, Notify)]
    assert f"Minutes written to {written[0]}" in told, told
    report = read_docx(written[0].read_bytes())
    assert report.headings[0][0] == "Heading 1" and report.tables


async def test_choose_html_and_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _seen, folder = await _write_as(tmp_path, monkeypatch, 2)
    written = list(folder.glob("minutes-ni15-2010-05-12-*.html"))
    assert len(written) == 1 and read_html(written[0].read_text(encoding="utf-8")).lang == "en-GB"


async def test_pdf_without_its_extra_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)
    seen, folder = await _write_as(tmp_path, monkeypatch, 3)
    errors = [m.notification.message for m in seen if isinstance(m, Notify) and m.notification.severity == "error"]
    assert len(errors) == 1 and "PDF needs Typst: pip install 'steerco[pdf]'" in errors[0], errors
    assert not list(folder.glob("*.pdf")) if folder.exists() else True


def _settings_with_template(settings: Path, template: Path) -> None:
    settings.parent.mkdir(parents=True)
    settings.write_text(f'word_template = "{template}"\n', encoding="utf-8")


def _house_template(path: Path) -> Path:
    import docx

    house = docx.Document()
    house.sections[0].header.paragraphs[0].text = "OFFICIAL — house style"
    house.save(str(path))
    return path


async def test_word_minutes_take_the_settings_files_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             no_settings_file: Path) -> None:
    """T17 try: the app had no way to write Word minutes in the partnership's template. The settings
    file's word_template is used by `w` in Word, and the notification names it."""
    _settings_with_template(no_settings_file, _house_template(tmp_path / "house.docx"))
    seen, folder = await _write_as(tmp_path, monkeypatch, 1)
    written = list(folder.glob("minutes-ni15-2010-05-12-*.docx"))
    assert len(written) == 1
    told = [m.notification.message for m in seen if isinstance(m, Notify)]
    assert f"Minutes written to {written[0]} (Word, in the template house.docx)" in told, told
    import io

    import docx

    kept = docx.Document(io.BytesIO(written[0].read_bytes()))
    assert kept.sections[0].header.paragraphs[0].text == "OFFICIAL — house style"
    assert read_docx(written[0].read_bytes()).headings[0][0] == "Heading 1"
