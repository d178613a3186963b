"""`steerco status --json` says of each action whether its status is on the plan's scale
(`on_scale`), where a script had only a null `rag_name` beside a `rag` to go by (new-user try): a
code the plan's scale has since dropped is `"on_scale": false`; every other action, rated on the
scale or not yet rated, `true`. The existing fields are as they were."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_off_scale_status import off_scale_folder
from tests.test_tui_support import run_steerco


def test_status_json_marks_a_code_off_the_scale(tmp_path: Path) -> None:
    folder = off_scale_folder(tmp_path)  # N/D/P/C, then D renamed X: 7.3 and 7.4 stay D
    actions = {a["id"]: a for a in json.loads(run_steerco(folder, "status", "ni15", "--json"))["actions"]}
    assert {a for a, line in actions.items() if line["on_scale"] is False} == {"7.3", "7.4"}
    assert all(type(line["on_scale"]) is bool for line in actions.values())
    assert (actions["7.3"]["rag"], actions["7.3"]["rag_name"], actions["7.3"]["symbol"]) == ("D", None, None)
    assert (actions["7.5"]["rag"], actions["7.5"]["rag_name"], actions["7.5"]["on_scale"]) == ("P", "In progress", True)
    assert (actions["7.1"]["rag"], actions["7.1"]["on_scale"]) == (None, True)  # not yet rated
    assert list(actions["7.3"])[:list(actions["7.3"]).index("on_scale")] == [
        "id", "title", "owner", "owners", "deadline", "due", "next_due", "deadline_kind", "overdue", "rag",
        "rag_name", "symbol"]
