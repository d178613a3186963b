"""A broken Word template is one plain line naming the file and what is wrong, exit 2 (FIX17, issue 17
try: it showed Python's internals, "'lxml.etree._Element' object has no attribute ...", "There is no
item named 'word/styles.xml' in the archive")."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from steerco.cli import main
from tests.test_pack import build

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def variant(folder: Path, name: str, *, drop: str | None = None, replace: tuple[str, bytes] | None = None) -> Path:
    made = io.BytesIO()
    docx.Document().save(made)
    out = folder / name
    with zipfile.ZipFile(io.BytesIO(made.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != drop:
                data = replace[1] if replace and info.filename == replace[0] else source.read(info.filename)
                target.writestr(info.filename, data)
    return out


CASES = {
    "no-styles.docx": ({"drop": "word/styles.xml"}, "no styles part"),
    "wrong-styles.docx": ({"replace": ("word/styles.xml", f"<w:numbering {W}/>".encode())}, "no styles part"),
    "bad-xml.docx": ({"replace": ("word/styles.xml", b"not xml")}, "a part is not well-formed XML"),
    "no-document.docx": ({"drop": "word/document.xml"}, "no document part"),
    "wrong-document.docx": ({"replace": ("word/document.xml", f"<w:styles {W}/>".encode())},
                            "a part is not what Word expects"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_template_is_one_plain_line(tmp_path: Path, name: str) -> None:
    db, plans = build(tmp_path)
    kwargs, reason = CASES[name]
    template = variant(tmp_path, name, **kwargs)
    result = CliRunner().invoke(main, ["pack", "demo", "--db", str(db), "--plans", str(plans), "--format", "docx",
                                       "--template", str(template), "-o", str(tmp_path / "out.docx")])
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2, result.output
    assert lines == [f"Error: --template {template} is not a usable Word template ({reason})"]
    for internal in ("lxml", "etree", "no attribute", "no item named", "Traceback", "CT_"):
        assert internal not in result.output
    assert not (tmp_path / "out.docx").exists()
