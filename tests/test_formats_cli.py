"""`steerco minutes --format …` and `steerco actions --format …`: each format to a file or a pipe,
binary formats refused on a terminal, --template, and PDF without its extra (exit 2, one line)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from steerco.cli import main
from tests.format_readers import pdf_text, read_docx, read_html
from tests.test_minutes import GOLDEN, REPO, build
from tests.test_minutes_formats import needs_pdf


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    store, _, _, _ = build(tmp_path)
    store.close()
    return str(tmp_path / "steerco.db")


def test_md_is_the_default_and_the_golden_file(db: str) -> None:
    assert run("minutes", "ni15", "--db", db, "--format", "md").output == GOLDEN.read_text(encoding="utf-8")


def test_html_to_stdout_and_to_a_file(db: str, tmp_path: Path) -> None:
    printed = run("minutes", "ni15", "--db", db, "--format", "html")
    assert printed.exit_code == 0 and printed.output.startswith("<!DOCTYPE html>")
    out = tmp_path / "m.html"
    written = run("minutes", "ni15", "--db", db, "--format", "html", "-o", str(out))
    assert written.exit_code == 0 and f"to {out}" in written.output
    assert out.read_text(encoding="utf-8") == printed.output
    assert read_html(printed.output).headings[1] == (2, "1. Attendance and apologies")


def test_docx_to_a_file_and_to_a_pipe(db: str, tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    assert run("minutes", "ni15", "--db", db, "--format", "docx", "-o", str(out)).exit_code == 0
    report = read_docx(out.read_bytes())
    assert report.headings[0] == ("Heading 1", "Strategy Group: minutes of the meeting of Thursday 15 July 2010")
    piped = CliRunner().invoke(main, ["minutes", "ni15", "--db", db, "--format", "docx"])  # not a terminal
    assert piped.exit_code == 0 and piped.stdout_bytes == out.read_bytes()


def on_a_terminal(db: str, *args: str) -> tuple[int, str]:
    """`steerco ARGS` with its output on a terminal (a pty): the exit status and what it said on stderr."""
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "STEERCO_DB": db}
    done = subprocess.run([sys.executable, "-m", "steerco.cli", *args], stdout=follower, stderr=subprocess.PIPE,
                          cwd=REPO, env=env, timeout=120, check=False)
    os.close(follower)
    os.close(leader)
    return done.returncode, done.stderr.decode().strip()


def test_binary_formats_are_refused_on_a_terminal(db: str) -> None:
    """On a terminal (a pty here) docx is refused with the file name to give; nothing is printed."""
    code, message = on_a_terminal(db, "minutes", "ni15", "--format", "docx")
    assert code == 2
    assert message.endswith("the minutes of meeting 2 (2010-07-15) in Word are a binary file: give -o FILE "
                            "(e.g. -o minutes-ni15-2010-07-15-2.docx), or pipe it to a file")
    assert len(message.splitlines()) == 1


def test_template_applies_its_styles(db: str, tmp_path: Path) -> None:
    import docx

    house = docx.Document()
    house.sections[0].footer.paragraphs[0].text = "OFFICIAL"
    template = tmp_path / "house.docx"
    house.save(str(template))
    out = tmp_path / "m.docx"
    result = run("minutes", "ni15", "--db", db, "--format", "docx", "--template", str(template), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "OFFICIAL" in read_docx(out.read_bytes()).footer_xml  # its own footer is kept (no page numbers added)


@pytest.mark.parametrize("args, message", [
    (["--format", "html", "--template", "house.docx"], "--template applies to --format docx only (not html)"),
    (["--format", "docx", "--template", "missing.docx"], "--template missing.docx: no such file"),
    (["--format", "docx", "--template", "bad.docx", "-o", "m.docx"],
     "--template bad.docx is not a usable Word template"),
    (["--format", "rtf"], "Invalid value for '--format'"),
])
def test_bad_format_options_exit_2(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                   message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house.docx").write_bytes(b"")
    (tmp_path / "bad.docx").write_text("not a zip", encoding="utf-8")
    result = CliRunner().invoke(main, ["minutes", "ni15", "--db", db, *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and not (tmp_path / "m.docx").exists()


def test_pdf_without_typst_says_how_to_install_it(db: str, monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst now raises ImportError
    result = CliRunner().invoke(main, ["minutes", "ni15", "--db", db, "--format", "pdf", "-o",
                                       str(tmp_path / "m.pdf")])
    assert result.exit_code == 2
    assert "PDF needs Typst: pip install 'steerco[pdf]'" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "m.pdf").exists()


@needs_pdf
def test_pdf_to_a_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    assert run("minutes", "ni15", "--db", db, "--format", "pdf", "-o", str(out)).exit_code == 0
    assert "1. Attendance and apologies" in pdf_text(out.read_bytes())


def test_the_action_log_in_each_format(db: str, tmp_path: Path) -> None:
    as_of = ["--as-of", "2010-07-20"]
    page = run("actions", "ni15", "--db", db, *as_of, "--format", "html").output
    report = read_html(page)
    assert report.headings[0] == (1, "Action log") and report.tables[0].caption.startswith("Actions arising: NI 15")
    assert report.tables[0].row_headers == ["M1/1", "M1/2", "M2/1", "M2/2"]
    out = tmp_path / "log.docx"
    assert run("actions", "ni15", "--db", db, *as_of, "--format", "docx", "-o", str(out)).exit_code == 0
    table = read_docx(out.read_bytes()).tables[0]
    assert table[0] == ["Ref", "Action", "Owner", "Due", "Status", "Raised at", "Closed"]
    assert table[2][4] == "Carried forward — overdue: Plan awaits sign-off; see action 7.8."
    both = run("actions", "ni15", "--db", db, "--json", "--format", "html")
    assert both.exit_code == 2 and "--json and --format html: choose one" in both.output


def test_the_action_log_on_a_terminal_is_refused_in_good_english(db: str) -> None:
    """FIX17: 'the minutes … are', 'the action log … is', and the format named."""
    code, message = on_a_terminal(db, "actions", "ni15", "--format", "pdf")
    assert code == 2 and "the action log in PDF is a binary file: give -o FILE" in message, message
    assert len(message.splitlines()) == 1


def test_the_pack_on_a_terminal_names_its_format(db: str) -> None:
    """T17 try: the pack in PDF on a terminal was refused as 'in Word'; it is refused before it is written."""
    code, message = on_a_terminal(db, "pack", "ni15", "--format", "pdf")
    assert code == 2 and " in PDF is a binary file: give -o FILE (e.g. -o pack-ni15-" in message, message
    assert message.endswith(".pdf), or pipe it to a file") and len(message.splitlines()) == 1


def test_the_settings_files_word_template_is_the_default(db: str, tmp_path: Path, no_settings_file: Path) -> None:
    """--format docx without --template takes the settings file's word_template; --template wins; a
    word_template that is not there is refused (exit 2, one line) before anything is written."""
    import io

    import docx

    house = docx.Document()
    house.sections[0].header.paragraphs[0].text = "HOUSE"
    house.save(str(tmp_path / "house.docx"))
    other = docx.Document()
    other.sections[0].header.paragraphs[0].text = "OTHER"
    other.save(str(tmp_path / "other.docx"))
    no_settings_file.parent.mkdir(parents=True)
    no_settings_file.write_text('word_template = "../house.docx"\n', encoding="utf-8")  # relative to its folder

    def header(*extra: str) -> str:
        out = tmp_path / "m.docx"
        result = run("minutes", "ni15", "--db", db, "--format", "docx", "-o", str(out), *extra)
        assert result.exit_code == 0, result.output
        return str(docx.Document(io.BytesIO(out.read_bytes())).sections[0].header.paragraphs[0].text)

    assert header() == "HOUSE"
    assert header("--template", str(tmp_path / "other.docx")) == "OTHER"
    html = run("minutes", "ni15", "--db", db, "--format", "html")
    assert html.exit_code == 0  # the setting applies to Word only
    (tmp_path / "house.docx").unlink()
    missing = run("minutes", "ni15", "--db", db, "--format", "docx", "-o", str(tmp_path / "n.docx"))
    assert missing.exit_code == 2 and "the settings file's word_template" in missing.output
    assert "no such file" in missing.output and not (tmp_path / "n.docx").exists()
