"""A read-only view of a plan that passed the schema: dates as `date`, volet aliases resolved,
the directory indexed by id, and the way back to file:line:col for any path."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .loader import JsonPath
from .problems import Location
from .schema import plan_schema
from .source import PlanSource
from .vocabulary import normalize_volets


@dataclass(frozen=True)
class Plan:
    """Consumers (rules, rendering) read `data` and must not mutate it."""

    data: dict[str, Any]
    source: PlanSource
    directory: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.data["cpts"]["nom"])

    @property
    def version(self) -> str:
        return str(self.data["document"]["version"])

    @property
    def last_update(self) -> date:
        value: date = self.data["document"]["date_mise_a_jour"]
        return value

    def section(self, *path: str) -> Any:
        """The value at `path`, or None when any part is absent."""
        value: Any = self.data
        for part in path:
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def entry(self, identifier: str) -> dict[str, Any]:
        return self.directory[identifier]

    def display_name(self, identifier: str) -> str:
        """'Dr Claire Fictif' style name of a directory entry ('?' if unknown)."""
        entry = self.directory.get(identifier)
        if entry is None:
            return identifier
        return " ".join(part for part in (entry.get("prenom"), entry["nom"]) if part)

    def locate(self, path: JsonPath) -> Location:
        return self.source.locate(path)


def build_plan(source: PlanSource) -> Plan:
    """`source.data` must be schema-valid."""
    data = _convert(source.data, plan_schema())
    for response in data.get("adapter", {}).get("reponses", []):
        response["volets"] = normalize_volets(response.get("volets", []))
    directory = {entry["id"]: entry for entry in data.get("annuaire", [])}
    return Plan(data=data, source=source, directory=directory)


def _convert(value: Any, schema: dict[str, Any]) -> Any:
    """Copy `value`, turning `format: date` strings into dates (the schema says where)."""
    schema = _deref(schema)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return {key: _convert(item, properties.get(key, {})) for key, item in value.items()}
    if isinstance(value, list):
        items = schema.get("items", {})
        return [_convert(item, items) for item in value]
    if isinstance(value, str) and schema.get("format") == "date":
        return date.fromisoformat(value)
    return value


def _deref(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = plan_schema()["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema
