"""What the app imports before its first screen paints (docs/performance.md, figure 1).

Home lists and counts the plans from their cached outlines and the store's `action_state`,
so pydantic, the plan model, sqlite-utils and the screens past home stay unimported until
they are needed. Checked in a fresh interpreter, where nothing else has imported them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_tui_support import seeded_app

REPO = Path(__file__).resolve().parents[1]

LATE = ["pydantic", "storage.plan.model", "storage.plan.load", "sqlite_utils", "yaml", "tui.screens.dashboard",
        "tui.screens.walkthrough", "tui.screens.setup", "tui.screens.minutes", "tui.screens.modals"]

CHILD = """
import json, sys
from datetime import date
from pathlib import Path
from tui.app import make_app

app = make_app(db_path=Path(sys.argv[1]), plans_dir=Path(sys.argv[2]), today=date(2010, 6, 20))
service = app.service
lines = service.listing()
counted = service.summaries_apart(lines)
late = [name for name in json.loads(sys.argv[3]) if name in sys.modules]
service.warm(lines)
print(json.dumps({"late_before_warm": late, "counts": counted[0].counts,
                  "model_after_warm": "storage.plan.model" in sys.modules}))
"""


def test_home_lines_need_neither_pydantic_nor_later_screens(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)  # its first listing caches the plan's outline
    app.service.listing()
    db, plans = app.service.db_path, app.service.plans_dir
    app.service.close()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), str(plans), json.dumps(LATE)],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=True)
    out = json.loads(done.stdout)
    assert out["late_before_warm"] == []
    assert sum(out["counts"].values()) == 9 and out["model_after_warm"]
