"""The bundled JSON Schema, and validation of a merged plan against it.

The validator is built once per process (building it costs more than validating a plan).
`format` is checked with our own date and e-mail checkers so that the messages can be precise.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from .placeholders import MARKER, accept_placeholders
from .references import KIND_LABELS, known_ids

SCHEMA_RESOURCE = "plan.schema.json"
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


@cache
def base_schema() -> dict[str, Any]:
    """The plan schema file as shipped in the package (from a wheel or an editable install),
    without the placeholder: the shape of real values (for the model and the messages)."""
    text = resources.files("cptsplan.schemas").joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def plan_schema() -> dict[str, Any]:
    """The published schema: the file, with « A_COMPLETER » accepted in every typed field.
    What `validate` checks and what `cptsplan schema` gives editors are the same."""
    return accept_placeholders(base_schema())


def fragment_schema() -> dict[str, Any]:
    """The same schema without required top-level sections: for editors, on a file that holds
    only part of a split plan (e.g. `annuaire.yaml`)."""
    schema = copy.deepcopy(plan_schema())
    schema.pop("required", None)
    schema["title"] = schema["title"] + " (fichier partiel)"
    return schema


def is_valid_date(value: object) -> bool:
    if not isinstance(value, str) or not DATE_PATTERN.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("date")(lambda value: not isinstance(value, str) or is_valid_date(value))
    checker.checks("email")(
        lambda value: not isinstance(value, str) or bool(EMAIL_PATTERN.match(value))
    )
    checker.checks("uri")(
        lambda value: not isinstance(value, str) or bool(re.match(r"^https?://[^\s/]+", value))
    )
    return checker


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
        {"x-cptsplan-ref": _reference_keyword, "uniqueItems": _unique_items},
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
