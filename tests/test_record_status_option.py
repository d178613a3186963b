"""`steerco record --status`: the option is named for what a plan's scale holds (a plan may
have its own codes, N/P/D/C), its help speaks of the scale, not of RAG; `--rag`, its old
name, still works (hidden) so that scripts written for it do not break."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from steerco.cli import main
from storage.store.store import Store
from tests.test_custom_scale import folder  # noqa: F401  (the N/P/D/C plans folder, a fixture)


def _record(plans: Path, db: Path, *args: str):
    return CliRunner().invoke(main, ["record", "ni15", *args, "--plans", str(plans), "--db", str(db)])


def test_the_help_names_the_status_on_the_plans_scale() -> None:
    result = CliRunner().invoke(main, ["record", "--help"])
    assert result.exit_code == 0
    assert "--status" in result.output
    assert "--rag" not in result.output and "RAG" not in result.output
    assert "plan's scale" in result.output and "plan's own scale" in result.output


def test_status_and_its_old_name_record_on_a_custom_scale(folder: Path, tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "store.db"
    by = ("--by", "adrian-roberts")
    first = _record(folder, db, "7.1", "--status", "slipping", "--note", "by the new name", *by)
    assert first.exit_code == 0, first.output
    assert "P Slipping" in first.output
    old = _record(folder, db, "7.2", "--rag", "D", "--note", "by the old name", *by)
    assert old.exit_code == 0, old.output
    with Store.open(db) as store:
        assert [u.rag for u in store.history("ni15", "7.1")] == ["P"]
        assert [u.rag for u in store.history("ni15", "7.2")] == ["D"]


def test_no_status_is_a_usage_error_naming_status_and_writes_nothing(folder: Path, tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "store.db"
    result = _record(folder, db, "7.1", "--note", "n", "--by", "adrian-roberts")
    assert result.exit_code == 2
    assert "Missing option '--status'" in result.output
    assert not db.exists()
