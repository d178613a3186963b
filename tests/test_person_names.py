"""Naming a person on the command line, one rule (`storage.plan.index.resolve_person`) for
`--as` and `--by`: a roster id or name in any case, or an unambiguous part of a name; an
ambiguous, unknown or empty name is refused (exit 2), listing the closest roster entries, and
nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from steerco.cli import main
from storage.plan.index import UnknownPerson, resolve_person
from storage.plan.load import load_plan
from storage.store.store import Store
from tests.conftest import MINIMAL_PLAN

ROSTER = MINIMAL_PLAN.replace("""  - id: bob
    name: Bob Chair
""", """  - id: bob
    name: Bob Chair
  - id: ann-other
    name: Insp Ann Other
  - id: adrian-roberts
    name: Ch. Insp Adrian Roberts
""")
NO_ROSTER = MINIMAL_PLAN.replace("""people:
  - id: ann
    name: Ann Officer
    organisation: police
  - id: bob
    name: Bob Chair
""", "").replace("""    members:
      - person: bob
        role: Chair
      - person: ann
""", "").replace("owner: ann", "owner: police")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "demo.yaml").write_text(ROSTER, encoding="utf-8")
    return plans


def cli(folder: Path, db: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, [*args, "--db", str(db), "--plans", str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def plan_of(folder: Path) -> object:
    loaded = load_plan(folder / "demo.yaml")
    assert loaded.plan is not None, loaded.problems
    return loaded.plan


@pytest.mark.parametrize("name, person", [
    ("ann", "ann"), ("ANN OFFICER", "ann"), ("  Ann Officer ", "ann"), ("officer", "ann"),
    ("Adrian Roberts", "adrian-roberts"), ("roberts", "adrian-roberts"), ("ch. insp adrian", "adrian-roberts"),
    ("ADRIAN-ROBERTS", "adrian-roberts"), ("ann other", "ann-other"), ("other", "ann-other"), ("bob", "bob"),
])
def test_a_person_is_named_by_id_name_or_part(folder: Path, name: str, person: str) -> None:
    assert resolve_person([plan_of(folder)], name).id == person  # type: ignore[list-item]


@pytest.mark.parametrize("name, listed", [
    ("insp", ["Insp Ann Other (ann-other)", "Ch. Insp Adrian Roberts (adrian-roberts)"]),
    ("Adrian Robert", ["Ch. Insp Adrian Roberts (adrian-roberts)"]),
    ("Robertson", ["Ch. Insp Adrian Roberts (adrian-roberts)"]),
    ("rob", []),  # a part is whole words: 'rob' is not 'Roberts'
])
def test_ambiguous_or_unknown_names_list_the_closest(folder: Path, name: str, listed: list[str]) -> None:
    with pytest.raises(UnknownPerson) as raised:
        resolve_person([plan_of(folder)], name)  # type: ignore[list-item]
    for entry in listed:
        assert entry in str(raised.value)
    assert ("could be any of" in str(raised.value)) == (name == "insp")


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused(folder: Path, name: str) -> None:
    with pytest.raises(UnknownPerson, match="empty name"):
        resolve_person([plan_of(folder)], name)  # type: ignore[list-item]


def test_the_same_person_on_two_plans_is_one_person(folder: Path, tmp_path: Path) -> None:
    (folder / "other.yaml").write_text(ROSTER.replace("id: demo", "id: other"), encoding="utf-8")
    plans = [plan_of(folder), load_plan(folder / "other.yaml").plan]
    assert resolve_person(plans, "roberts").id == "adrian-roberts"  # type: ignore[arg-type]


# -- every command --------------------------------------------------------------------


def _count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    with Store.open(db) as store:
        return int(store.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.mark.parametrize("args, table", [
    (("record", "demo", "1.1", "--rag", "A", "--note", "n"), "updates"),
    (("rate-risk", "demo", "R-1", "--impact", "2", "--likelihood", "2"), "risk_ratings"),
    (("indicator", "demo", "I1", "--period", "2026", "--value", "0.7"), "indicator_values"),
])
def test_by_takes_a_part_of_a_name_and_stores_the_roster_name(folder: Path, tmp_path: Path,
                                                               args: tuple[str, ...], table: str) -> None:
    db = tmp_path / "s.db"
    result = cli(folder, db, *args, "--by", "officer")
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        [author] = [r[0] for r in store.db.conn.execute(f"SELECT author FROM {table}")]
    assert author == "Ann Officer"


@pytest.mark.parametrize("args", [
    ("record", "demo", "1.1", "--rag", "A", "--note", "n"),
    ("rate-risk", "demo", "R-1", "--impact", "2", "--likelihood", "2"),
    ("indicator", "demo", "I1", "--period", "2026", "--value", "0.7"),
])
@pytest.mark.parametrize("by, said", [("", "empty name"), ("roberst", "Ch. Insp Adrian Roberts (adrian-roberts)"),
                                      ("insp", "could be any of")])
def test_by_refuses_empty_unknown_and_ambiguous_names(folder: Path, tmp_path: Path, args: tuple[str, ...],
                                                      by: str, said: str) -> None:
    db = tmp_path / "s.db"
    result = cli(folder, db, *args, "--by", by)
    assert result.exit_code == 2 and said in result.output, result.output
    assert "--by" in result.output and "Traceback" not in result.output
    assert _count(db, {"record": "updates", "rate-risk": "risk_ratings",
                       "indicator": "indicator_values"}[args[0]]) == 0


def test_by_on_a_plan_without_a_roster_takes_the_name_as_written(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "demo.yaml").write_text(NO_ROSTER, encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli(plans, db, "record", "demo", "1.1", "--rag", "A", "--note", "n", "--by", " Jo Bloggs ").exit_code == 0
    with Store.open(db) as store:
        assert store.history("demo", "1.1")[0].author == "Jo Bloggs"
    refused = cli(plans, db, "record", "demo", "1.1", "--rag", "A", "--note", "n", "--by", "  ")
    assert refused.exit_code == 2 and "empty name" in refused.output


def test_export_updates_as_a_part_of_the_roster_name(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "officer.db"
    assert cli(folder, db, "record", "demo", "1.1", "--rag", "G", "--note", "Done", "--by", "ann").exit_code == 0
    out = tmp_path / "u.yaml"
    result = cli(folder, db, "export-updates", "--as", "Officer", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert 'from: "Ann Officer"' in text and 'action: "1.1"' in text


@pytest.mark.parametrize("command", [("export-updates",), ("template", "demo"), ("update", "demo")])
@pytest.mark.parametrize("name, said", [("", "empty name"), ("Adrian Robert", "closest: Ch. Insp Adrian Roberts"),
                                        ("insp", "could be any of")])
def test_as_refuses_empty_unknown_and_ambiguous_names(folder: Path, tmp_path: Path, command: tuple[str, ...],
                                                      name: str, said: str) -> None:
    args = [*command[:1], "--as", name, *command[1:]]
    result = cli(folder, tmp_path / "s.db", *args)
    assert result.exit_code == 2 and said in result.output, result.output


def test_template_as_a_part_of_the_roster_name(folder: Path, tmp_path: Path) -> None:
    result = cli(folder, tmp_path / "none.db", "template", "--as", "adrian roberts", "demo")
    assert result.exit_code == 0, result.output
    assert 'from: "Ch. Insp Adrian Roberts"' in result.output
