"""`steerco validate`: every problem at once, with its place, never a traceback."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.plan.load import load_plan
from tests.conftest import MINIMAL_PLAN

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


def run_validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def problems(output: str) -> list[dict[str, str]]:
    found = [m.groupdict() for line in output.splitlines() if (m := LINE.match(line))]
    return found


def write(tmp_path: Path, text: str | bytes, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_minimal_plan_is_clean(tmp_path: Path) -> None:
    code, out = run_validate(str(write(tmp_path, MINIMAL_PLAN)))
    assert code == 0, out
    assert out.strip().endswith("1 file checked: 0 errors, 0 warnings")


def test_deadline_as_written_resolves_and_keeps_words(tmp_path: Path) -> None:
    loaded = load_plan(write(tmp_path, MINIMAL_PLAN))
    assert loaded.plan is not None
    action = loaded.plan.action("1.1")
    assert action is not None and action.deadline == "By June 26"


# Each case: a change to the minimal plan, the severity and a fragment of the message,
# and the line the problem must be reported on.
CASES = {
    "duplicate action id": (("- id: \"1.2\"", "- id: \"1.1\""), "error", "duplicate action id '1.1'", 'id: "1.1"\n        text: Publish'),
    "unknown recommendation": (("        owner: police\n", "        owner: police\n        recommendations: [\"18\"]\n"), "error", "recommendation '18' does not exist", "recommendations:"),
    "owner not on roster": (("owner: ann\n        deadline", "owner: zed\n        deadline"), "warning", "owner 'zed' is not on the roster", "owner: zed"),
    "rating not impact x likelihood": (("rating: 12", "rating: 10"), "error", "rating 10 is not impact × likelihood (3 × 4 = 12)", "rating: 10"),
    "deadline resolves to no date": (("        due: 2026-12-31\n", ""), "warning", "deadline 'Across the year' resolves to no date", "deadline: Across the year"),
    "duplicate yaml key": (("        lead: Ann Officer, Demo Police\n", "        lead: Ann Officer, Demo Police\n        lead: Someone else\n"), "error", "duplicate key 'lead'", "lead: Someone else"),
    "numeric id": (('- id: "1.2"', "- id: 1.10"), "error", 'YAML reads 1.10 as the number 1.1; quote it: "1.10"', "id: 1.10"),
    "unknown field with hint": (("    title: Prevention", "    titel: Prevention"), "error", "theme 1: unknown field 'titel' (did you mean 'title'?)", "titel:"),
    "impact out of range": (("impact: 3", "impact: 7"), "error", "risk R-1: impact: 7 is out of range: write a whole number from 1 to 5", "impact: 7"),
    "missing text": (("        text: Publish the annual report.\n", ""), "error", "action 1.2: missing required field text", 'id: "1.2"'),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_problem_is_reported_at_its_place(tmp_path: Path, case: str) -> None:
    (old, new), severity, message, anchor = CASES[case]
    assert old in MINIMAL_PLAN
    text = MINIMAL_PLAN.replace(old, new, 1)
    path = write(tmp_path, text)
    code, out = run_validate(str(path))
    found = problems(out)
    match = [p for p in found if message in p["msg"]]
    assert match, out
    assert match[0]["sev"] == severity
    expected_line = text[: text.index(anchor)].count("\n") + 1
    assert int(match[0]["line"]) == expected_line, out
    assert code == (2 if severity == "error" else 1)
    assert "Traceback" not in out


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    text = (MINIMAL_PLAN.replace("rating: 12", "rating: 11")
            .replace('- id: "1.2"', '- id: "1.1"')
            .replace("owner: ann\n        deadline", "owner: nobody\n        deadline"))
    code, out = run_validate(str(write(tmp_path, text)))
    messages = " | ".join(p["msg"] for p in problems(out))
    assert "rating 11" in messages and "duplicate action id" in messages and "'nobody'" in messages
    assert "2 errors, 1 warning" in out
    assert code == 2


HOSTILE: dict[str, bytes] = {
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "not utf-8": "id: caf\u00e9\n".encode("latin-1"),
    "syntax error": b"id: [demo\ntitle: x\n",
    "list at top": b"- id: demo\n- id: other\n",
    "scalar at top": b"just words\n",
    "python object tag": b"id: !!python/object/apply:os.system ['echo pwned']\n",
    "custom tag on mapping": b"id: !thing {a: 1}\n",
    "billion laughs": (b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
                       + b"".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n".encode() for i in range(9))),
    "deep flow nesting": b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep block nesting": b"".join(b" " * i + b"- \n" for i in range(2_000)),
    "compact nesting": b"- " * 50_000 + b"x\n",
    "two documents": MINIMAL_PLAN.encode() + b"---\nid: second\n",
    "bad date": MINIMAL_PLAN.replace("2026-01-15", "2026-02-30").encode(),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_files_get_a_located_error_not_a_traceback(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, HOSTILE[name])
    started = time.perf_counter()
    code, out = run_validate(str(path))
    assert time.perf_counter() - started < 10
    assert code == 2, out
    found = problems(out)
    assert found and all(p["file"] == str(path) for p in found), out
    assert "Traceback" not in out


def test_twenty_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"id: huge\nnotes: |\n")
        line = b"  " + b"x" * 98 + b"\n"
        for _ in range(20 * 1024 * 1024 // len(line)):
            handle.write(line)
    started = time.perf_counter()
    code, out = run_validate(str(path))
    assert time.perf_counter() - started < 5
    assert code == 2 and "the limit is" in out


def test_missing_file_and_folder(tmp_path: Path) -> None:
    code, out = run_validate(str(tmp_path / "nope.yaml"))
    assert code == 2 and "cannot read file" in out
    code, out = run_validate(str(tmp_path))
    assert code == 2 and "is a folder" in out


def test_default_is_every_plan_in_the_folder(plans_dir: Path) -> None:
    (plans_dir / "second.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: second"), encoding="utf-8")
    code, out = run_validate("--plans", str(plans_dir))
    assert code == 0 and "2 files checked" in out


def test_two_files_with_one_plan_id(plans_dir: Path) -> None:
    (plans_dir / "copy.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    code, out = run_validate("--plans", str(plans_dir))
    assert code == 2 and "plan id 'demo' is also used by" in out


def test_json_output(tmp_path: Path) -> None:
    import json

    path = write(tmp_path, MINIMAL_PLAN.replace("rating: 12", "rating: 9"))
    result = CliRunner().invoke(main, ["validate", "--json", str(path)])
    data = json.loads(result.output)
    assert result.exit_code == 2
    assert data["errors"] == 1 and data["problems"][0]["severity"] == "error"


def test_risk_bands_must_cover_every_rating(tmp_path: Path) -> None:
    text = MINIMAL_PLAN + "risk_bands:\n  - {name: Low, low: 1, high: 9}\n  - {name: High, low: 8, high: 20}\n"
    code, out = run_validate(str(write(tmp_path, text)))
    assert code == 2
    assert "ratings 8, 9 fall in more than one band" in out and "21, 22, 23, 24, 25 fall in no band" in out


def test_plans_option_before_the_command_is_honoured(plans_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--plans", str(plans_dir), "validate"])
    assert result.exit_code == 0 and "1 file checked" in result.output


def test_object_tags_are_named_as_written(tmp_path: Path) -> None:
    _code, out = run_validate(str(write(tmp_path, HOSTILE["python object tag"])))
    assert "the YAML tag !!python/object/apply:os.system is not allowed here" in out
