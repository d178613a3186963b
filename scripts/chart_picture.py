"""Write docs/screenshots/chart-indicator.png and chart-rag-mix.png: two of the documents' charts, as
the README shows them.

    PYTHONPATH=. python scripts/chart_picture.py

The data is the test suite's scripted NI 15 history (tests/test_minutes.py: two meetings, NI 15's
value for Yr 2 against its worked-out targets), read through the same Service methods and drawn by
the same code (storage/minutes/charts.py, the charts extra) as `--format html|pdf|docx`; the PNG is
the one a Word document embeds.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storage.minutes.charts import indicator_chart, picture, rag_mix_chart  # noqa: E402
from storage.service.service import Service  # noqa: E402
from tests.test_minutes import build  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, _plan, _m1, _m2 = build(Path(tmp))
        service = Service(store, Path(tmp))
        charts = {"chart-indicator.png": indicator_chart(service.indicator_series("ni15", "NI 15")),
                  "chart-rag-mix.png": rag_mix_chart(service.rag_mix("ni15"))}
        for name, chart in charts.items():
            assert chart.plot is not None
            (OUT / name).write_bytes(picture(chart.plot))
            print(OUT / name)
        store.close()


if __name__ == "__main__":
    main()
