"""The bundled JSON Schema, and validation of a merged plan against it.

The validator is built once per process (building it costs more than validating a plan).
`format` and `pattern` are checked as other tools check them (formats.py), so that the
published schema means the same to them as to `validate`.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from .formats import DATE_PATTERN as DATE_PATTERN  # messages.py reads it from here
from .formats import ecma_pattern, is_valid_date, is_valid_email, is_valid_uri
from .placeholders import MARKER, accept_placeholders
from .references import KIND_LABELS, known_ids

SCHEMA_RESOURCE = "plan.schema.json"


@cache
def base_schema() -> dict[str, Any]:
    """The plan schema file as shipped in the package (from a wheel or an editable install),
    without the placeholder: the shape of real values (for the model and the messages)."""
    text = resources.files("cptsplan.schemas").joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def plan_schema() -> dict[str, Any]:
    """What `validate` checks: the file, with « A_COMPLETER » accepted in every typed field.
    `cptsplan schema` gives other tools the same, written for them (`schema_publish`)."""
    return accept_placeholders(base_schema())


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, check in (("date", is_valid_date), ("email", is_valid_email), ("uri", is_valid_uri)):
        # A value of another type is the `type` keyword's business, not the format's.
        checker.checks(name)(lambda value, check=check: not isinstance(value, str) or check(value))
    return checker


def _pattern_keyword(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """`pattern` as ECMA 262 reads it: « abc\\n » does not match `^[a-z]+$` (ajv agrees)."""
    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _reference_keyword(
    validator: Any, kind: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if not isinstance(instance, str) or instance == MARKER:
        return
    ids = known_ids.get({}).get(kind, set())
    if instance not in ids:
        yield ValidationError(f"unknown {kind} reference {instance!r}")


def canonical(value: Any) -> str:
    """One text per JSON value, equal exactly when jsonschema calls two values equal: keys
    sorted, `1` and `1.0` the same number, `true` and `1` different."""

    def normal(node: Any) -> Any:
        if isinstance(node, float) and node.is_integer():
            return int(node)
        if isinstance(node, dict):
            return {str(key): normal(item) for key, item in node.items()}
        if isinstance(node, list):
            return [normal(item) for item in node]
        return node

    return json.dumps(normal(value), sort_keys=True, ensure_ascii=True, default=str)


def _unique_items(
    validator: Any, unique: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """`uniqueItems` in linear time. jsonschema compares every pair when the items cannot be
    sorted (sections, or numbers mixed with text): 4,000 small items took 39 s."""
    if not unique or not validator.is_type(instance, "array"):
        return
    seen: set[str] = set()
    for item in instance:
        key = canonical(item)
        if key in seen:
            yield ValidationError("the list has non-unique elements")
            return
        seen.add(key)


def inline_references(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every local `$ref` replaced by its target, merged with the keywords
    written beside it. Same meaning (the plan schema has no recursion), but jsonschema no
    longer resolves 2,000 references per plan: validation of the complete example drops
    from about 235 ms to about 100 ms."""
    definitions = schema.get("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        result = {key: inline(value) for key, value in node.items() if key != "$defs"}
        reference = result.pop("$ref", None)
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            target = inline(definitions[reference.removeprefix("#/$defs/")])
            result = {**target, **result}
        return result

    inlined: dict[str, Any] = inline(schema)
    return inlined


@cache
def _validator() -> Draft202012Validator:
    validator_class = jsonschema.validators.extend(
        Draft202012Validator,
        {
            "x-cptsplan-ref": _reference_keyword,
            "uniqueItems": _unique_items,
            "pattern": _pattern_keyword,
        },
    )
    return validator_class(inline_references(plan_schema()), format_checker=_format_checker())


def schema_errors(
    data: dict[str, Any], ids: dict[str, set[str]], limit: int | None = None
) -> list[ValidationError]:
    """The schema errors of a merged plan (the first `limit` ones), references checked
    against `ids`. Errors come lazily: stopping at the limit saves the work of the rest."""
    token = known_ids.set(ids)
    try:
        return list(itertools.islice(_validator().iter_errors(data), limit))
    finally:
        known_ids.reset(token)


def reference_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
