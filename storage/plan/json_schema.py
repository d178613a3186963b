"""The published JSON Schema of plan files, generated from the model."""

from __future__ import annotations

from typing import Any

from storage.plan.model import Plan

SCHEMA_FILE = "steerco-plan.schema.json"


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "steerco plan"
    schema["description"] = (
        "A partnership delivery plan for steerco: roster, themes with actions, risks, "
        "indicators, the plan's own status scale (rag_scale) and risk bands. See docs/plan-format.md."
    )
    return schema
