"""The bundled JSON Schema, and validation of a merged plan against it.

The validator is built once per process (building it costs more than validating a plan).
`format` and `pattern` are checked as other tools check them (formats.py), so that the
published schema means the same to them as to `validate`.

Two validators, one schema: a compiled one (jsonschema-rs) says whether the plan is valid
(2.5 ms instead of 35-52 ms on the complete example), and `jsonschema`, imported only when
it is not, finds the errors that the French messages explain. Both use the same format
checkers and the same reference keyword, and when they disagree `jsonschema` decides (a
plan is refused only on an error it explains); tests/test_schema_decision.py checks that
they agree on every example and fixture.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cptsplan.schema.compiled_import import load_jsonschema_rs
from cptsplan.schema.formats import DATE_PATTERN as DATE_PATTERN  # messages.py reads it from here
from cptsplan.schema.formats import ecma_pattern, is_valid_date, is_valid_email, is_valid_uri
from cptsplan.schema.placeholders import MARKER, accept_placeholders
from cptsplan.schema.references import KIND_LABELS, known_ids

if TYPE_CHECKING:  # jsonschema costs ~150 ms to import: only a plan with errors needs it
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError

SCHEMA_RESOURCE = "plan.schema.json"


@cache
def base_schema() -> dict[str, Any]:
    """The plan schema file as shipped in the package (from a wheel or an editable install),
    without the placeholder: the shape of real values (for the model and the messages)."""
    document: dict[str, Any] = json.loads(_schema_text(SCHEMA_RESOURCE))
    return document


def _schema_text(name: str) -> str:
    """A file of the `cptsplan.schemas` package, read from the package's folder when it is
    one (any ordinary or editable install): importlib.resources and what it imports
    (tempfile, zipfile, random) cost every run some 8 ms. Through importlib.resources when
    the package is not a folder on disk (a zip archive)."""
    spec = importlib.util.find_spec("cptsplan.schemas")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        try:
            return Path(folder, name).read_text(encoding="utf-8")
        except OSError:
            continue
    from importlib import resources

    return resources.files("cptsplan.schemas").joinpath(name).read_text("utf-8")


@cache
def plan_schema() -> dict[str, Any]:
    """What `validate` checks: the file, with « A_COMPLETER » accepted in every typed field.
    `cptsplan schema` gives other tools the same, written for them (`schema_publish`)."""
    return accept_placeholders(base_schema())


def format_checks() -> dict[str, Callable[[object], bool]]:
    """The `format` checkers, by format name: the only ones either validator applies (an
    unlisted format is not checked). A value that is not text conforms (type checks it)."""
    checks: dict[str, Callable[[str], bool]] = {
        "date": is_valid_date,
        "email": is_valid_email,
        "uri": is_valid_uri,
    }
    return {name: _text_only(check) for name, check in checks.items()}


def _text_only(check: Callable[[str], bool]) -> Callable[[object], bool]:
    """A value of another type is the `type` keyword's business, not the format's."""
    return lambda value: not isinstance(value, str) or check(value)


def _format_checker() -> FormatChecker:
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, conforms in format_checks().items():
        checker.checks(name)(conforms)
    return checker


def _pattern_keyword(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """`pattern` as ECMA 262 reads it: « abc\\n » does not match `^[a-z]+$` (ajv agrees)."""
    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        from jsonschema import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _reference_keyword(
    validator: Any, kind: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if not _known_reference(kind, instance):
        from jsonschema import ValidationError

        yield ValidationError(f"unknown {kind} reference {instance!r}")


def _known_reference(kind: str, instance: Any) -> bool:
    if not isinstance(instance, str) or instance == MARKER:
        return True
    return instance in known_ids.get({}).get(kind, set())


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
            from jsonschema import ValidationError

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
    import jsonschema
    from jsonschema import Draft202012Validator

    validator_class = jsonschema.validators.extend(
        Draft202012Validator,
        {
            "x-cptsplan-ref": _reference_keyword,
            "uniqueItems": _unique_items,
            "pattern": _pattern_keyword,
        },
    )
    return validator_class(inline_references(plan_schema()), format_checker=_format_checker())


class _CompiledReference:
    """`x-cptsplan-ref` for jsonschema-rs: the same test as `_reference_keyword`."""

    def __init__(self, parent_schema: dict[str, Any], value: Any, schema_path: Any) -> None:
        self.kind = str(value)

    def validate(self, instance: Any) -> None:
        if not _known_reference(self.kind, instance):
            raise ValueError(f"unknown {self.kind} reference {instance!r}")


@cache
def _compiled() -> Callable[[Any], bool] | None:
    """The compiled validator's yes/no, or None without jsonschema-rs (then `jsonschema`
    alone decides, as before). Formats: exactly those of `format_checks`, the same
    functions; any other format is not checked, as with jsonschema's checker."""
    try:
        load_jsonschema_rs()
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a declared dependency; kept working without
        return None
    formats = dict.fromkeys(COMPILED_BUILT_IN_FORMATS, _no_check) | format_checks()
    validator = jsonschema_rs.Draft202012Validator(
        plan_schema(),
        formats=formats,
        validate_formats=True,
        ignore_unknown_formats=True,
        keywords={"x-cptsplan-ref": _CompiledReference},
    )
    return validator.is_valid


COMPILED_BUILT_IN_FORMATS = (
    "date", "date-time", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
    "ipv4", "ipv6", "iri", "iri-reference", "uri", "uri-reference", "uri-template", "uuid",
    "json-pointer", "relative-json-pointer", "regex",
)  # fmt: skip
"""The formats jsonschema-rs checks by itself: each is turned off (`_no_check`) unless
`format_checks` has it, so that a format the schema names is checked only as jsonschema's
checker does. Listed rather than found by walking the schema (0.7 ms of every validate,
issue 20); tests/test_speed_paths.py checks the list against jsonschema-rs and the schema."""


def _no_check(value: object) -> bool:
    return True


def compiled_accepts(data: Any, ids: dict[str, set[str]]) -> bool | None:
    """The compiled validator's answer (None: not available, or it cannot read `data`)."""
    decide = _compiled()
    if decide is None:
        return None
    token = known_ids.set(ids)
    try:
        return decide(data)
    except Exception:  # a value it cannot convert (never seen): jsonschema decides
        return None
    finally:
        known_ids.reset(token)


def schema_errors(
    data: dict[str, Any], ids: dict[str, set[str]], limit: int | None = None
) -> list[ValidationError]:
    """The schema errors of a merged plan (the first `limit` ones), references checked
    against `ids`. Errors come lazily: stopping at the limit saves the work of the rest.
    A plan the compiled validator accepts has none, and `jsonschema` is not even loaded."""
    if compiled_accepts(data, ids):
        return []
    return explained_errors(data, ids, limit)


def explained_errors(
    data: dict[str, Any], ids: dict[str, set[str]], limit: int | None = None
) -> list[ValidationError]:
    """`jsonschema`'s errors, those the French messages explain (no compiled short cut)."""
    token = known_ids.set(ids)
    try:
        return list(itertools.islice(_validator().iter_errors(data), limit))
    finally:
        known_ids.reset(token)


def reference_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
