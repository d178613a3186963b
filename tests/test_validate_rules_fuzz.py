"""Generated plans that break each documented rule of docs/plan-format.md: `steerco validate`
reports each at its line and column, as `file:line:column: severity: message`, and exits 2 on
an error, 1 on warnings only."""

from __future__ import annotations

import calendar
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steerco.cli import main
from tests.conftest import MINIMAL_PLAN

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")
BASE = MINIMAL_PLAN.splitlines()


@dataclass(frozen=True)
class Broken:
    """A plan text breaking one rule, and where and how validate must report it."""

    text: str
    line: int
    column: int
    severity: str
    message: str  # a fragment of the message


def _swap_case(word: str, flips: list[bool]) -> str:
    """`word` with some letters' case swapped, never equal to it."""
    out = "".join(c.swapcase() if flip and c.isalpha() else c for c, flip in zip(word, flips, strict=False))
    return out if out != word else word.swapcase()


def _replace_line(lines: list[str], old: str, new: str) -> int:
    """Replace the line `old` by `new` in place; its 1-based number."""
    index = lines.index(old)
    lines[index] = new
    return index + 1


@st.composite
def duplicate_by_case(draw: st.DrawFn) -> Broken:
    kind = draw(st.sampled_from(["action", "roster", "risk", "indicator", "theme"]))
    letters = draw(st.text(alphabet="abcdefghxyz", min_size=1, max_size=6))
    flips = draw(st.lists(st.booleans(), min_size=len(letters) + 4, max_size=len(letters) + 4))
    lines = list(BASE)
    if kind == "action":
        first, second = f"a{letters}.1", _swap_case(f"a{letters}.1", flips)
        _replace_line(lines, '      - id: "1.1"', f'      - id: "{first}"')
        line = _replace_line(lines, '      - id: "1.2"', f'      - id: "{second}"')
        column = 13
    elif kind == "roster":
        second = _swap_case("ann", flips)
        line = _replace_line(lines, "  - id: bob", f"  - id: {second}")
        lines[lines.index("      - person: bob")] = f"      - person: {second}"
        column = 9
    elif kind == "risk":
        second = _swap_case("R-1", flips)
        index = lines.index("indicators:")
        lines.insert(index, f"  - {{id: {second}, description: Other, impact: 1, likelihood: 2, rating: 2}}")
        line, column = index + 1, 10
    elif kind == "indicator":
        second = _swap_case("I1", flips)
        lines.append(f"  - {{id: {second}, title: Other}}")
        line, column = len(lines), 10
    else:
        first = f"t{letters}"
        _replace_line(lines, '  - id: "1"', f'  - id: "{first}"')
        index = lines.index("risks:")
        lines.insert(index, f'  - {{id: "{_swap_case(first, flips)}", title: Again}}')
        line, column = index + 1, 10
    return Broken("\n".join(lines) + "\n", line, column, "error", f"duplicate {kind} id")


@st.composite
def impossible_deadline(draw: st.DrawFn) -> Broken:
    year = draw(st.integers(2000, 2099))
    if draw(st.booleans()):
        month = draw(st.integers(13, 99))
        day = draw(st.integers(1, 28))
    else:
        month = draw(st.integers(1, 12))
        day = draw(st.integers(calendar.monthrange(year, month)[1] + 1, 99))
    written = draw(st.sampled_from([f"{year}-{month:02d}-{day:02d}", f"{day}/{month}/{year}",
                                    f"By {day}/{month:02d}/{year}", f"Review by {year}-{month:02d}-{day:02d}"]))
    lines = list(BASE)
    line = _replace_line(lines, "        deadline: By June 26", f'        deadline: "{written}"')
    return Broken("\n".join(lines) + "\n", line, 19, "warning", "is not a date: there is no ")


YES_NO = {"yes": "true", "Yes": "true", "YES": "true", "no": "false", "No": "false", "NO": "false",
          "on": "true", "On": "true", "off": "false", "Off": "false", "true": "true", "False": "false"}


@st.composite
def unquoted_yes_no(draw: st.DrawFn) -> Broken:
    word = draw(st.sampled_from(sorted(YES_NO)))
    old = draw(st.sampled_from(["title: Demo plan", "partnership: Demo Community Safety Partnership",
                                "        lead: Ann Officer, Demo Police", "    name: Ann Officer"]))
    lines = list(BASE)
    prefix = old[: old.index(":") + 2]
    line = _replace_line(lines, old, prefix + word)
    message = f'YAML reads {word} as {YES_NO[word]} (a yes/no value); quote it: "{word}"'
    return Broken("\n".join(lines) + "\n", line, len(prefix) + 1, "error", message)


@st.composite
def tab_in_indentation(draw: st.DrawFn) -> Broken:
    indented = [n for n, text in enumerate(BASE) if text.startswith("  ") and n > 0]
    index = draw(st.sampled_from(indented))
    lines = list(BASE)
    text = lines[index]
    spaces = len(text) - len(text.lstrip(" "))
    cut = draw(st.integers(0, spaces - 1))
    lines[index] = text[:cut] + "\t" + text[cut + 1:]
    return Broken("\n".join(lines) + "\n", index + 1, cut + 1, "error",
                  "tab character in indentation: YAML indents with spaces")


@st.composite
def over_long_text(draw: st.DrawFn) -> Broken:
    size = draw(st.integers(20_001, 30_000))
    old, prefix = draw(st.sampled_from([
        ("        text: Publish the annual report.", "        text: "),
        ("title: Demo plan", "title: "),
        ("    description: Funding falls", "    description: "),
    ]))
    lines = list(BASE)
    line = _replace_line(lines, old, prefix + "x" * size)
    return Broken("\n".join(lines) + "\n", line, len(prefix) + 1, "error",
                  f"text is {size:,} characters; the limit is 20,000")


@st.composite
def relative_target_without_base(draw: st.DrawFn) -> Broken:
    change = draw(st.integers(-50, 50).filter(bool))
    target = f'      - {{period: "2027", as_written: "{change}% on 2026", change_percent: {change}}}'
    lines = [*BASE, target]
    column = target.index("change_percent: ") + len("change_percent: ") + 1  # the value's column
    return Broken("\n".join(lines) + "\n", len(lines), column, "error", "needs `relative_to`")


@st.composite
def year_and_next_with_a_dash(draw: st.DrawFn) -> Broken:
    first = draw(st.integers(1990, 2098))
    dash = draw(st.sampled_from(["-", "–", " - "]))
    written = draw(st.sampled_from(["{}", "By {}", "by the end of {}"])).format(f"{first}{dash}{(first + 1) % 100:02d}")
    lines = list(BASE)
    line = _replace_line(lines, "        deadline: By June 26", f"        deadline: {written}")
    return Broken("\n".join(lines) + "\n", line, 19, "warning",
                  f"is read as the years {first} to {first + 1} (due {first + 1}-12-31); for the financial year "
                  f"write {first}/{(first + 1) % 100:02d} (due {first + 1}-03-31)")


@st.composite
def hash_cutting_a_text(draw: st.DrawFn) -> Broken:
    old, prefix = draw(st.sampled_from([
        ("        text: Publish the annual report.", "        text: "),
        ("title: Demo plan", "title: "),
        ("    description: Funding falls", "    description: "),
        ("        lead: Ann Officer, Demo Police", "        lead: "),
    ]))
    words = draw(st.text(alphabet="abcdé Ø£", min_size=1, max_size=12).map(lambda t: "x" + t.strip()))
    gap = draw(st.sampled_from([" ", "  ", "\t"]))
    lines = list(BASE)
    line = _replace_line(lines, old, f"{prefix}{words}{gap}#1 priority")
    return Broken("\n".join(lines) + "\n", line, len(prefix) + len(words) + len(gap) + 1, "warning",
                  "the rest of this line after ' #' is a YAML comment")


RULES = [duplicate_by_case(), impossible_deadline(), unquoted_yes_no(), tab_in_indentation(), over_long_text(),
         relative_target_without_base(), year_and_next_with_a_dash(), hash_cutting_a_text()]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(*RULES))
def test_validate_reports_each_broken_rule_at_its_place(broken: Broken) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.yaml"
        path.write_text(broken.text, encoding="utf-8")
        result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    found = [m.groupdict() for line in result.output.splitlines() if (m := LINE.match(line))]
    ours = [p for p in found if broken.message in p["msg"]]
    assert ours, (broken.message, result.output[-2000:])
    problem = ours[0]
    assert (int(problem["line"]), int(problem["col"]), problem["sev"]) == (broken.line, broken.column,
                                                                         broken.severity), result.output[-2000:]
    assert result.exit_code == (2 if broken.severity == "error" else 1), result.output[-2000:]
