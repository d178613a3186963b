"""Write docs/screenshots/minutes-html.png: the first page of the HTML minutes, as the README shows them.

    PYTHONPATH=. python scripts/minutes_picture.py

The minutes are the test suite's scripted NI 15 meeting (tests/test_minutes.py, the golden
files' meeting), written as HTML and printed to PDF by a headless chromium (Debian's
`chromium`, as a reader's browser prints it), the first page turned into a PNG by pdftoppm
(Debian's poppler-utils), so the picture is the page a browser prints, from the repository's
own code.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storage.minutes.render import gather, minutes_document  # noqa: E402
from storage.minutes.write_html import write as write_html  # noqa: E402
from tests.test_minutes import build  # noqa: E402

OUT = REPO / "docs" / "screenshots" / "minutes-html.png"


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None or shutil.which("pdftoppm") is None:
        sys.exit("needs chromium and pdftoppm: apt-get install chromium poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        store, _plan, _m1, m2 = build(Path(tmp))
        document = minutes_document(gather(store, m2))
        store.close()
        page = Path(tmp) / "minutes.html"
        page.write_text(write_html(document), encoding="utf-8")
        pdf = Path(tmp) / "minutes.pdf"
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(Path(tmp) / "page")], check=True)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(tmp) / "page.png", OUT)
    print(OUT)


if __name__ == "__main__":
    main()
