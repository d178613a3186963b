"""The JSON Schema published for editors is generated from the model and kept in plans/."""

from __future__ import annotations

import json

from click.testing import CliRunner

from steerco.cli import main
from storage.plan.json_schema import SCHEMA_FILE, plan_schema
from tests.conftest import BUNDLED_PLANS


def test_schema_command_prints_the_model_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema == plan_schema()
    assert "Action" in schema["$defs"] and schema["$defs"]["Action"]["additionalProperties"] is False


def test_committed_schema_is_up_to_date() -> None:
    committed = json.loads((BUNDLED_PLANS / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert committed == plan_schema(), "run: steerco schema -o plans/steerco-plan.schema.json"


def test_bundled_plans_name_the_schema_on_their_first_line() -> None:
    plans = sorted(BUNDLED_PLANS.glob("*.yaml"))
    assert plans
    for plan in plans:
        first = plan.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={SCHEMA_FILE}", plan


def test_the_schema_words_the_scale_as_the_plans_own() -> None:
    """A plan may define its own status scale (N/P/D/C): the schema an editor shows never calls it
    'RAG scale', and each field of a status says what it is (docs/plan-format.md, Status scale)."""
    schema = plan_schema()
    text = json.dumps(schema)
    assert "RAG scale" not in text
    assert schema["properties"]["rag_scale"]["description"].startswith("The plan's own status scale")
    status = schema["$defs"]["RagStatus"]
    assert "own scale" in status["description"]
    assert all(field.get("description") for field in status["properties"].values())
