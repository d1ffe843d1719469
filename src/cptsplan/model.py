"""A read-only view of a plan that passed the schema: dates as `date`, volet aliases resolved,
the directory indexed by id, and the way back to file:line:col for any path."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any, Final

from cptsplan.findings.problems import Location
from cptsplan.findings.records import record
from cptsplan.load.loader import JsonPath
from cptsplan.load.source import PlanSource
from cptsplan.messages.vocabulary import normalize_volets
from cptsplan.schema.periods import PERIOD_COMMENT, date_or_period
from cptsplan.schema.placeholders import ToComplete, is_marker, to_complete
from cptsplan.schema.plan_schema import base_schema

UNNAMED = "plan sans nom (A_COMPLETER)"
"""How reports name a plan whose CPTS name is still to complete."""
NAMELESS = "plan sans nom"
"""... and one that has no name at all (only seen when a broken plan is read in part)."""


@record(frozen=True)
class Plan:
    """Consumers (rules, rendering) read `data` and must not mutate it.

    `invalid_paths`: parts that failed the schema and were set aside for the rules (see
    partial.py); empty for a plan that passed the schema, the only kind that is ever rendered.
    """

    __slots__ = ("data", "directory", "invalid_paths", "source")

    def __init__(
        self,
        data: dict[str, Any],
        source: PlanSource,
        directory: dict[str, dict[str, Any]] | None = None,
        invalid_paths: frozenset[JsonPath] = frozenset(),
    ) -> None:
        self.data: Final = data
        self.source: Final = source
        self.directory: Final[dict[str, dict[str, Any]]] = {} if directory is None else directory
        self.invalid_paths: Final = invalid_paths

    @property
    def name(self) -> str:
        """The CPTS's name; a name still « A_COMPLETER » is said as such, never « ? »."""
        value = self.section("cpts", "nom")
        if isinstance(value, str) and value.strip():
            return value
        return UNNAMED if isinstance(value, ToComplete) else NAMELESS

    @property
    def version(self) -> str:
        return str(self.section("document", "version"))

    @property
    def status(self) -> str | None:
        """`document.statut` as written (brouillon, pret_a_transmettre, transmis, valide_ars),
        None when absent or still to complete."""
        value = self.section("document", "statut")
        return value if isinstance(value, str) else None

    @property
    def last_update(self) -> date | ToComplete:
        value: date | ToComplete = self.section("document", "date_mise_a_jour")
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


def build_plan(
    source: PlanSource,
    data: dict[str, Any] | None = None,
    invalid: frozenset[JsonPath] = frozenset(),
) -> Plan:
    """The plan of `source`, whose data must be schema-valid, or of `data`: the same data
    with its `invalid` parts set aside (partial.py)."""
    data = _convert(source.data if data is None else data, base_schema())
    for response in sections(data.get("adapter", {}).get("reponses")):
        response["volets"] = normalize_volets(response.get("volets", []))
    return Plan(data=data, source=source, directory=directory_of(data), invalid_paths=invalid)


def sections(items: object) -> list[dict[str, Any]]:
    """The sections (mappings) of a list of the plan. A required list written « A_COMPLETER »
    as a whole (`reponses: A_COMPLETER`, which the schema accepts) is kept as one `ToComplete`
    for the reports and the documents, and holds no section for the code that reads them."""
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def directory_of(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The directory's entries by id (an entry without an id, set aside by the schema, is
    left out)."""
    return {
        entry["id"]: entry
        for entry in data.get("annuaire", [])
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }


def _convert(value: Any, schema: dict[str, Any]) -> Any:
    """Copy `value`, turning `format: date` strings into dates and those of a field that also
    takes a period into a date or a `Period` (the schema says where), and every
    « A_COMPLETER » into a `ToComplete` (silences are rule settings, not plan values)."""
    if "$ref" in schema:
        schema = _deref(schema)
    if isinstance(value, dict):
        properties = schema.get("properties", _NONE)
        return {
            key: item if key == "silences" else _convert(item, properties.get(key, _NONE))
            for key, item in value.items()
        }
    if isinstance(value, list):
        items = schema.get("items", _NONE)
        return [_convert(item, items) for item in value]
    if not isinstance(value, str):  # numbers, booleans, null: kept as they are
        return value
    if is_marker(value):
        # A list that needs items, written as a bare marker, stays a list for its readers.
        marker = to_complete(value)
        kind = schema.get("type")
        if kind == "boolean" or (isinstance(kind, list) and "boolean" in kind):
            return ToComplete(marker.hint, flag=True)
        return [marker] if schema.get("type") == "array" else marker
    if schema.get("format") == "date":
        return date.fromisoformat(value)
    if schema.get("$comment") == PERIOD_COMMENT:
        return date_or_period(value)
    return value


_NONE: dict[str, Any] = {}
"""The schema of a value the schema does not describe (never written to)."""


def _deref(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = _definition(schema["$ref"])
    return schema


@functools.cache
def _definition(reference: str) -> dict[str, Any]:
    """The definition a `$ref` names (one dictionary lookup for the thousands of values
    that name the same few definitions)."""
    definition: dict[str, Any] = base_schema()["$defs"][reference.rsplit("/", 1)[-1]]
    return definition
