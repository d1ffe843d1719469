"""The JSON Schema of the plan format: Draft 2020-12, documented in French for editors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator

from cptsplan.messages.vocabulary import VOLET_ALIASES, VOLETS
from cptsplan.schema.plan_schema import base_schema, plan_schema

from .conftest import REPO


def properties(schema: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        for name, child in schema.get("properties", {}).items():
            yield f"{path}.{name}", child
        for key, child in schema.items():
            yield from properties(child, f"{path}/{key}")
    elif isinstance(schema, list):
        for child in schema:
            yield from properties(child, path)


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(base_schema())
    Draft202012Validator.check_schema(plan_schema())


def test_packaged_schema_is_the_repository_file() -> None:
    on_disk = json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    assert base_schema() == on_disk


def test_every_property_has_a_french_title_and_description() -> None:
    missing = [
        path
        for path, child in properties(base_schema())
        if not (child.get("title") and child.get("description"))
    ]
    assert missing == []


def test_four_themes_and_required_parts_of_the_national_template() -> None:
    schema = base_schema()
    assert {"anticiper", "adapter", "piloter", "evaluer", "annuaire"} <= set(schema["required"])
    piloter = schema["properties"]["piloter"]
    assert {"referents_sse", "cellule_de_crise", "articulation_plans"} <= set(piloter["required"])
    assert "lieu_principal" in piloter["properties"]["cellule_de_crise"]["required"]
    assert "date_mise_a_jour" in schema["properties"]["document"]["required"]


def test_volets_accept_current_names_and_aliases() -> None:
    allowed = set(base_schema()["$defs"]["volet"]["enum"])
    assert allowed == set(VOLETS) | set(VOLET_ALIASES)
    assert base_schema()["$defs"]["typologie"]["enum"] == ["T1", "T2", "T3", "T4", "T5"]
