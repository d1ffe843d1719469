"""The schema other tools get: `cptsplan schema`, `cptsplan schema --fragment` and the
files `cptsplan init` writes (editors, ajv, check-jsonschema...).

It says the same as the schema `validate` checks with (`schema.plan_schema`), written so
that ajv compiles it in strict mode, the strictest common reader:

- the `x-cptsplan-ref` keyword (a reference to an identifier of the plan) is left out. It
  means something to cptsplan only: a vocabulary would need a meta-schema of our own, which
  editors (VS Code's YAML language server knows only the standard drafts) and ajv (each
  keyword added by code) would not read anyway. The description of each reference already
  says what it names, and `validate` checks the references;
- a `type` with several types (`["string", "number"]`) becomes an `anyOf` of one type each,
  the keywords of one type moving into its branch (ajv refuses union types by default);
- a keyword for one type (`minItems` beside a `$ref`) gets its `type` written beside it.

The schema file and the validator keep their form: the French messages are built from it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cptsplan.schema.plan_schema import plan_schema

FRAGMENT_ID_SUFFIX = "-fragment"
"""The fragment's `$id` is the full schema's with this before `.json`: a tool can load both."""

TYPE_KEYWORDS: dict[str, frozenset[str]] = {
    "string": frozenset({"minLength", "maxLength", "pattern", "format"}),
    "number": frozenset(
        {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
    ),
    "array": frozenset({"items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"}),
    "object": frozenset(
        {
            "properties",
            "patternProperties",
            "additionalProperties",
            "required",
            "minProperties",
            "maxProperties",
            "propertyNames",
        }
    ),
}
TYPE_KEYWORDS["integer"] = TYPE_KEYWORDS["number"]

PRIVATE_KEYWORDS = frozenset({"x-cptsplan-ref"})
SCHEMA_MAPS = ("properties", "patternProperties", "$defs")
SCHEMA_LISTS = ("anyOf", "allOf", "prefixItems")
SCHEMA_VALUES = (
    "items",
    "additionalProperties",
    "contains",
    "not",
    "propertyNames",
    "if",
    "then",
    "else",
)


@cache
def published_schema() -> dict[str, Any]:
    """The complete plan schema, for a plan in one file (what `cptsplan schema` prints)."""
    published: dict[str, Any] = for_other_tools(plan_schema())
    return published


@cache
def published_fragment_schema() -> dict[str, Any]:
    """The same without required top-level sections, for each file of a split plan (e.g.
    `annuaire.yaml`), under its own `$id`."""
    schema = dict(published_schema())
    schema.pop("required", None)
    schema["$id"] = fragment_id(schema["$id"])
    schema["title"] = schema["title"] + " (fichier partiel)"
    return schema


def fragment_id(full_id: str) -> str:
    stem, dot, extension = full_id.rpartition(".")
    return f"{stem}{FRAGMENT_ID_SUFFIX}{dot}{extension}" if dot else full_id + FRAGMENT_ID_SUFFIX


def for_other_tools(node: Any) -> Any:
    """A copy of the schema `node` written as ajv's strict mode wants (see the module)."""
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in PRIVATE_KEYWORDS:
            continue
        if key in SCHEMA_MAPS and isinstance(value, dict):
            result[key] = {name: for_other_tools(child) for name, child in value.items()}
        elif key in SCHEMA_LISTS and isinstance(value, list):
            result[key] = [for_other_tools(child) for child in value]
        elif key in SCHEMA_VALUES:
            result[key] = for_other_tools(value)
        else:
            result[key] = value
    kind = result.get("type")
    if isinstance(kind, list):
        return _one_type_each(result, kind)
    if kind is None:
        implied = [
            name
            for name, words in TYPE_KEYWORDS.items()
            if name != "integer" and words & result.keys()
        ]
        if len(implied) == 1:
            result["type"] = implied[0]
    return result


def _one_type_each(node: dict[str, Any], kinds: list[str]) -> dict[str, Any]:
    """`{"type": ["string", "number"], "minLength": 1}` ->
    `{"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}`."""
    values = node.get("enum", [node["const"]] if "const" in node else None)
    if values is not None and all(_has_type(value, kinds) for value in values):
        # The listed values already say the types: `type` adds nothing.
        return {key: value for key, value in node.items() if key != "type"}
    if "anyOf" in node:
        raise ValueError("a union type beside anyOf: write the branches by hand")
    specific = set().union(*(TYPE_KEYWORDS.get(kind, frozenset()) for kind in kinds))
    outer = {k: v for k, v in node.items() if k != "type" and k not in specific}
    branches = [
        {"type": kind, **{k: v for k, v in node.items() if k in TYPE_KEYWORDS.get(kind, ())}}
        for kind in kinds
    ]
    return {**outer, "anyOf": branches}


def _has_type(value: object, kinds: list[str]) -> bool:
    kind = _json_type(value)
    return kind in kinds or (kind == "integer" and "number" in kinds)


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    return "array" if isinstance(value, list) else "object"
